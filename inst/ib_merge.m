## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {@var{res} =} ib_merge (@var{A}, @var{B}, @dots{})
## @deftypefnx {} {@var{res} =} ib_merge (@var{files})
## Merge runs of one configuration trained apart (e.g. one seed per task of a cluster job
## array) into one multi-run result.
##
## Each argument is a result of @code{ib_train} (holding one or several runs), the name of
## a @file{.mat} file written by @code{ib_save} (variable @code{ib_result}; a file holding
## exactly one struct variable is read too), or a cell array of these, such as the list
## that @code{glob} returns.  The runs are sorted by seed; their seeds must be distinct
## and together contiguous, @var{s}, @var{s}+1, @dots{}, @var{s}+@var{R}-1, so that
## @var{res} is the result of one call
## @code{ib_train (@dots{}, "seed", @var{s}, "runs", @var{R})}: every field is equal to
## that call's (@code{isequaln}, as the NaN lower bounds of the estimators other than
## @qcode{"kde"} are never @code{isequal}) except @code{elapsed}, which is the sum of the
## parts' wall times.
##
## The per-run fields are concatenated along their run dimension (@code{IXT}, @code{ITY},
## their lower bounds, @code{mi.(@var{name}).*}, the gradient and weight norms and
## @code{W@{l@}}, @code{b@{l@}} along dimension 3; the losses, accuracies, @code{seeds},
## @code{train_idx}, @code{test_idx} and the state's @code{params}, @code{moment1},
## @code{moment2}, @code{step} and @code{rng} along dimension 2); @code{IXT_mean},
## @code{ITY_mean}, @code{IXT_std} and @code{ITY_std} are recomputed (@code{mean (IXT, 3)},
## @code{std (IXT, 0, 3)}), @code{runs} and @code{options.runs} are the number of runs,
## @code{options.seed} the smallest seed and @code{completed} is true when every part
## completed.  The options that do not change what is computed (@qcode{"verbose"},
## @qcode{"checkpoint"}, @qcode{"checkpoint_seconds"}, @qcode{"threads"}) may differ and
## are those of the run with the smallest seed.  Results that are arrays (one element per
## training-set fraction) are merged element by element.
##
## Errors have the ids @code{ib:ib_merge:not_found} (no such file),
## @code{ib:ib_merge:no_result} (a file that holds no result), @code{ib:ib_merge:not_result}
## (an argument that is not a result), @code{ib:ib_merge:different_config} (results of
## different configurations: another option, data set, network or recorded epochs),
## @code{ib:ib_merge:overlapping_seeds}, @code{ib:ib_merge:non_contiguous_seeds} and
## @code{ib:ib_merge:different_epochs} (incomplete runs stopped at different epochs).
##
## Example:
## @example
## ## one task of a job array, for s = 1, @dots{}, 50:
## res = ib_train (X, y, "epochs", 8000, "seed", s, "verbose", false);
## ib_save (sprintf ("run%02d.mat", s), res);
## ## then, on any machine:
## res = ib_merge (glob ("run*.mat"));        # 50 runs, as "seed", 1, "runs", 50
## @end example
## @seealso{ib_train, ib_save}
## @end deftypefn

function res = ib_merge (varargin)

  if (nargin < 1)
    print_usage ();
  endif
  [parts, names] = gather_inputs (varargin);
  if (isempty (parts))
    error ("ib:ib_merge:not_result", "ib_merge: nothing to merge (an empty list)");
  endif
  sz = size (parts{1});
  for k = 2:numel (parts)
    if (! isequal (size (parts{k}), sz))
      error ("ib:ib_merge:different_config",
             "ib_merge: %s and %s are result arrays of different sizes", names{1}, names{k});
    endif
  endfor
  merged = cell (sz);
  for e = 1:numel (merged)
    merged{e} = merge_one (cellfun (@(p) p(e), parts, "UniformOutput", false), names);
  endfor
  res = reshape ([merged{:}], sz);

endfunction

## The results of the arguments (cell arrays flattened, files loaded) and their names for
## the messages.
function [parts, names] = gather_inputs (args)
  parts = names = {};
  for i = 1:numel (args)
    a = args{i};
    if (iscell (a))
      for j = 1:numel (a)
        [parts{end+1}, names{end+1}] = one_input (a{j}, sprintf ("argument %d{%d}", i, j));
      endfor
    else
      [parts{end+1}, names{end+1}] = one_input (a, sprintf ("argument %d", i));
    endif
  endfor
endfunction

function [r, name] = one_input (a, name)
  if (ischar (a) && isrow (a))
    name = a;
    r = load_result (a);
  elseif (isstruct (a) && ! isempty (a))
    r = a;
  else
    error ("ib:ib_merge:not_result",
           "ib_merge: %s is neither a result of ib_train nor a file name", name);
  endif
  required = {"epochs", "IXT", "ITY", "seeds", "options", "state", "completed", "elapsed"};
  missing = required(! isfield (r, required));
  if (! isempty (missing))
    error ("ib:ib_merge:not_result",
           "ib_merge: %s is not a result of ib_train (no field %s)", name,
           strjoin (missing, ", "));
  endif
endfunction

function r = load_result (file)
  if (! exist (file, "file"))
    error ("ib:ib_merge:not_found", "ib_merge: file '%s' not found", file);
  endif
  try
    S = load (file);
  catch err
    error ("ib:ib_merge:no_result", "ib_merge: cannot read '%s': %s", file, err.message);
  end_try_catch
  vars = fieldnames (S);
  if (isfield (S, "ib_result") && isstruct (S.ib_result))
    r = S.ib_result;
  elseif (numel (vars) == 1 && isstruct (S.(vars{1})))
    r = S.(vars{1});
  else
    error ("ib:ib_merge:no_result",
           ["ib_merge: '%s' holds no result (neither a variable ib_result nor a single " ...
            "struct variable)"], file);
  endif
endfunction

## Fields with one slice per run, by the dimension of the runs.
function d = run_dim (field)
  switch (field)
    case {"IXT", "ITY", "IXT_lower", "ITY_lower", "grad_mean_norm", "grad_std_norm", ...
          "weight_norm", "W", "b", "mi"}
      d = 3;
    case {"IXT_ci", "ITY_ci"}   # E x L x 2 x R
      d = 4;
    case {"loss_train", "loss_test", "acc_train", "acc_test", "train_idx", "test_idx", ...
          "seeds"}
      d = 2;
    otherwise
      d = 0;
  endswitch
endfunction

## The run dimension of a field of mi.(estimator): 4 for intervals (E x L x 2 x R).
function d = mi_run_dim (field)
  d = 3 + (numel (field) > 3 && strcmp (field(end-2:end), "_ci"));
endfunction

function res = merge_one (parts, names)
  P = numel (parts);
  for k = 1:P
    check_result (parts{k}, names{k});
  endfor
  seeds = cellfun (@(p) double (p.seeds(:)'), parts, "UniformOutput", false);
  [~, first] = min (cellfun (@min, seeds));
  check_same_config (parts, names, first);
  order = check_seeds ([seeds{:}]);

  base = parts{first};
  res = base;
  fields = fieldnames (base);
  recomputed = {"IXT_mean", "ITY_mean", "IXT_std", "ITY_std", "runs", "options", ...
                "elapsed", "completed", "state"};
  for i = 1:numel (fields)
    f = fields{i};
    d = run_dim (f);
    values = cellfun (@(p) p.(f), parts, "UniformOutput", false);
    if (d == 0)
      if (! any (strcmp (f, recomputed)))
        same_everywhere (values, f, names);
      endif
    elseif (strcmp (f, "mi"))
      for e = fieldnames (base.mi)'
        for g = fieldnames (base.mi.(e{1}))'
          res.mi.(e{1}).(g{1}) = join_runs (cellfun (@(m) m.(e{1}).(g{1}), values,
                                                     "UniformOutput", false),
                                            mi_run_dim (g{1}), order);
        endfor
      endfor
    elseif (iscell (base.(f)))
      for l = 1:numel (base.(f))
        res.(f){l} = join_runs (cellfun (@(c) c{l}, values, "UniformOutput", false), d, order);
      endfor
    else
      res.(f) = join_runs (values, d, order);
    endif
  endfor

  R = numel (order);
  res.IXT_mean = mean (res.IXT, 3);
  res.ITY_mean = mean (res.ITY, 3);
  res.IXT_std = std (res.IXT, 0, 3);
  res.ITY_std = std (res.ITY, 0, 3);
  res.runs = R;
  res.options.seed = res.seeds(1);
  res.options.runs = R;
  res.elapsed = sum (cellfun (@(p) p.elapsed, parts));
  res.completed = all (cellfun (@(p) logical (p.completed), parts));
  res.state = merge_state (cellfun (@(p) p.state, parts, "UniformOutput", false), order,
                           names);
endfunction

## A result whose per-run fields hold as many runs as its seeds.
function check_result (r, name)
  bad = @(why) error ("ib:ib_merge:not_result", "ib_merge: %s is not a valid result: %s",
                      name, why);
  s = r.seeds;
  if (! (isnumeric (s) && isreal (s) && isvector (s) && all (s(:) >= 0)
         && all (s(:) == round (s(:)))))
    bad ("its seeds must be a vector of non-negative integers");
  endif
  R = numel (s);
  if (! (isstruct (r.options) && isscalar (r.options) && isfield (r.options, "seed")))
    bad ("it has no options with a seed");
  endif
  if (! (isstruct (r.state) && isscalar (r.state) && isfield (r.state, "epoch")))
    bad ("it has no state (with an epoch)");
  endif
  if (! (isscalar (r.elapsed) && isnumeric (r.elapsed) && isscalar (r.completed)))
    bad ("its elapsed and completed must be scalars");
  endif
  runs_of = @(v, d) (isnumeric (v) || islogical (v)) && size (v, d) == R;
  for f = fieldnames (r)'
    d = run_dim (f{1});
    v = r.(f{1});
    if (d == 0)
      continue;
    elseif (strcmp (f{1}, "mi"))
      ok = isstruct (v) && isscalar (v);
      for e = fieldnames (v)'
        ok = ok && isstruct (v.(e{1})) && isscalar (v.(e{1}));
        for g = fieldnames (v.(e{1}))'
          ok = ok && runs_of (v.(e{1}).(g{1}), mi_run_dim (g{1}));
        endfor
      endfor
    elseif (iscell (v))
      ok = all (cellfun (@(c) runs_of (c, d), v));
    else
      ok = runs_of (v, d);
    endif
    if (! ok)
      bad (sprintf ("%s does not hold %d run(s) along dimension %d", f{1}, R, d));
    endif
  endfor
  for f = {"params", "moment1", "moment2", "step", "rng"}
    if (isfield (r.state, f{1}) && size (r.state.(f{1}), 2) != R)
      bad (sprintf ("state.%s does not hold %d run(s) along dimension 2", f{1}, R));
    endif
  endfor
endfunction

## Same options (except those that do not change what is computed), fields and stopping
## epoch.
function check_same_config (parts, names, first)
  free = {"seed", "runs", "verbose", "checkpoint", "checkpoint_seconds", "threads"};
  strip = @(o) rmfield (o, intersect (fieldnames (o), free));
  ref = parts{first};
  for k = [1:first-1, first+1:numel(parts)]
    p = parts{k};
    odd = setxor (fieldnames (p), fieldnames (ref));
    if (! isempty (odd))
      differ (names{first}, names{k}, sprintf ("the fields (%s)", strjoin (odd', ", ")));
    endif
    a = strip (ref.options);
    b = strip (p.options);
    odd = setxor (fieldnames (a), fieldnames (b));
    if (! isempty (odd))
      differ (names{first}, names{k}, sprintf ("the options (%s)", strjoin (odd', ", ")));
    endif
    for f = fieldnames (a)'
      if (! isequaln (a.(f{1}), b.(f{1})))
        differ (names{first}, names{k}, sprintf ("option \"%s\"", f{1}));
      endif
    endfor
    for f = {"widths", "classes", "H_X", "H_Y", "I_XY", "n_train", "estimators"}
      if (isfield (ref, f{1}) && ! isequaln (ref.(f{1}), p.(f{1})))
        differ (names{first}, names{k}, f{1});
      endif
    endfor
    if (! isequal (ref.state.epoch, p.state.epoch) || ! isequal (ref.epochs, p.epochs))
      if (ref.completed && p.completed)
        differ (names{first}, names{k}, "the recorded epochs");
      endif
      error ("ib:ib_merge:different_epochs",
             ["ib_merge: %s stopped at epoch %d and %s at epoch %d: resume them to the " ...
              "same epoch first"], names{first}, ref.state.epoch, names{k}, p.state.epoch);
    endif
  endfor
endfunction

function differ (a, b, what)
  error ("ib:ib_merge:different_config",
         "ib_merge: %s and %s are of different configurations: they differ in %s", a, b,
         what);
endfunction

function same_everywhere (values, field, names)
  for k = 2:numel (values)
    if (! isequaln (values{1}, values{k}))
      differ (names{1}, names{k}, field);
    endif
  endfor
endfunction

## The order that sorts the runs by seed; the seeds must be distinct and contiguous.
function order = check_seeds (seeds)
  [sorted, order] = sort (seeds);
  dup = unique (sorted([diff(sorted) == 0, false]));
  if (! isempty (dup))
    error ("ib:ib_merge:overlapping_seeds",
           "ib_merge: seed %s is in more than one of the results", num2str (dup(1)));
  endif
  missing = setdiff (sorted(1):sorted(end), sorted);
  if (! isempty (missing))
    error ("ib:ib_merge:non_contiguous_seeds",
           ["ib_merge: the seeds %d..%d are not contiguous: %s missing (results of " ...
            "\"seed\", s, \"runs\", R have seeds s..s+R-1)"], sorted(1), sorted(end),
           mat2str (missing(1:min (end, 10))));
  endif
endfunction

## The runs of all parts, along dimension d, in the given order.
function v = join_runs (values, d, order)
  try
    v = cat (d, values{:});
  catch
    error ("ib:ib_merge:different_config",
           "ib_merge: the results' per-run fields have different sizes");
  end_try_catch
  idx = repmat ({":"}, 1, max (d, ndims (v)));
  idx{d} = order;
  v = v(idx{:});
endfunction

function st = merge_state (states, order, names)
  st = states{1};
  for f = fieldnames (st)'
    values = cellfun (@(s) s.(f{1}), states, "UniformOutput", false);
    if (any (strcmp (f{1}, {"params", "moment1", "moment2", "step", "rng"})))
      st.(f{1}) = join_runs (values, 2, order);
    else
      same_everywhere (values, ["state." f{1}], names);
    endif
  endfor
endfunction

%!error <Invalid call> ib_merge ()
%!error id=ib:ib_merge:not_result ib_merge (3)
%!error id=ib:ib_merge:not_result ib_merge ({})
%!error id=ib:ib_merge:not_result ib_merge (struct ("epochs", 1))
%!error id=ib:ib_merge:not_found ib_merge ("/no/such/file.mat")
%!error id=ib:ib_merge:no_result
%! f = [tempname() ".mat"];
%! unwind_protect
%!   a = 1;  b = struct ("x", 2);
%!   save ("-v7", f, "a", "b");
%!   ib_merge (f);
%! unwind_protect_cleanup
%!   delete (f);
%! end_unwind_protect
