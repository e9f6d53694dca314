## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {} ib_summary (@var{res})
## @deftypefnx {} {@var{s} =} ib_summary (@var{res})
## @deftypefnx {} {@var{s} =} ib_summary (@var{res}, "estimator", @var{name})
## Summarise a training result per layer: how far each layer's I(X;T) rose, where it
## ended, how much it compressed, and when its gradients turned from drift to diffusion,
## with means and 95 % intervals over the runs.
##
## @var{res} is a result of @code{ib_train} (@code{IXT}, @code{ITY}: E x L x R for E recorded
## epochs, L layers, R runs), or a struct array of them (one element per training fraction):
## then @var{s} is a struct array with one summary per element.  Per layer and run:
## @table @code
## @item peak_IXT, peak_epoch
## The largest I(X;T) over the recorded epochs and the (first) epoch where it is reached.
## @item final_IXT, final_ITY
## I(X;T) and I(T;Y) at the last recorded epoch (the last one with a value, when the last
## ones are NaN).
## @item compression, compression_pct
## peak_IXT minus final_IXT in bits, and in percent of peak_IXT (NaN when the peak is 0).
## @item snr_epoch
## The first recorded epoch from which on the gradients' mean norm stays below their std
## norm (@code{grad_mean_norm} < @code{grad_std_norm} at that and every later recorded
## epoch; the definition of @code{ib_snr}); NaN when the result has no gradient statistics or
## when it does not happen.
## @end table
##
## Each of these fields of @var{s} is a struct with @code{runs} (R x L, the values per run),
## @code{n} (1 x L, the runs where the value is defined, not NaN), @code{mean} (1 x L, over
## those runs) and @code{ci} (2 x L, lower and upper end of the 95 % interval
## mean -/+ t_@{0.975,n-1@} std / sqrt (n), Student's t with Octave's std, N-1).  With one run
## (or one defined value) there is no spread to estimate and @code{ci} is NaN, not
## [value value].  @var{s} also has @code{layer} (names), @code{runs} (R), @code{epochs} (first
## and last recorded epoch), @code{estimator} and @code{options} (the result's options).
##
## Called without an output argument it prints the summary as a table, one row per layer,
## each entry the mean and, with several runs, the half-width of the interval (mean +/- h).
##
## Errors have the ids @code{ib:ib_summary:invalid_result}, @code{invalid_option} and
## @code{unknown_estimator}.
##
## Example:
## @example
## [X, y] = ib_dataset ("tishby");
## res = ib_train (X, y, "epochs", 2000, "runs", 5);
## ib_summary (res)                    # prints the table
## s = ib_summary (res);
## s.compression.mean(end-1)           # bits the last hidden layer lost after its peak
## @end example
## @seealso{ib_train, ib_snr, ib_plane}
## @end deftypefn

function s = ib_summary (res, varargin)

  if (nargin < 1)
    print_usage ();
  endif
  if (! isstruct (res) || isempty (res))
    bad_result ("RES must be a result struct of ib_train (or a struct array of them)");
  endif
  estimator = parse_options (varargin);
  for k = numel (res):-1:1
    summary(k) = summarize (res(k), estimator);
  endfor
  summary = reshape (summary, size (res));
  if (nargout == 0)
    for k = 1:numel (summary)
      print_summary (summary(k), numel (summary) > 1);
    endfor
  else
    s = summary;
  endif

endfunction

function s = summarize (res, estimator)
  [epochs, IXT, ITY, estimator] = check_result (res, estimator);
  [E, L, R] = size (IXT);
  names = arrayfun (@(l) sprintf ("layer %d", l), 1:L, "uniformoutput", false);
  names{L} = "output";
  q = struct ("peak_IXT", NaN (R, L), "peak_epoch", NaN (R, L), "final_IXT", NaN (R, L),
              "final_ITY", NaN (R, L), "compression", NaN (R, L),
              "compression_pct", NaN (R, L), "snr_epoch", NaN (R, L));
  has_gradients = all (isfield (res, {"grad_mean_norm", "grad_std_norm"}));
  for r = 1:R
    for l = 1:L
      x = IXT(:,l,r);
      [peak, i] = max (x);             # max skips NaN
      if (! isnan (peak))
        q.peak_IXT(r,l) = peak;
        q.peak_epoch(r,l) = epochs(i);
        q.final_IXT(r,l) = x(find (! isnan (x), 1, "last"));
      endif
      y = ITY(:,l,r);
      last = find (! isnan (y), 1, "last");
      if (! isempty (last))
        q.final_ITY(r,l) = y(last);
      endif
    endfor
    if (has_gradients)
      one = struct ("epochs", epochs, "grad_mean_norm", pick_run (res.grad_mean_norm, r, R),
                    "grad_std_norm", pick_run (res.grad_std_norm, r, R));
      try
        q.snr_epoch(r,:) = ib_snr (one, "draw", false).crossing;
      catch err
        bad_result (strrep (err.message, "ib_snr: ", ""));
      end_try_catch
    endif
  endfor
  q.compression = q.peak_IXT - q.final_IXT;
  q.compression_pct = 100 * q.compression ./ q.peak_IXT;
  q.compression_pct(q.peak_IXT == 0) = NaN;

  s = struct ("layer", {names}, "runs", R, "epochs", [min(epochs), max(epochs)],
              "estimator", estimator, "options", struct ());
  if (isfield (res, "options") && isstruct (res.options) && isscalar (res.options))
    s.options = res.options;
  endif
  for f = fieldnames (q)'
    s.(f{1}) = over_runs (q.(f{1}));
  endfor
endfunction

## Run r of an E x L x R field.
function v = pick_run (v, r, R)
  if (! isnumeric (v) || size (v, 3) != R || ndims (v) > 3)
    bad_result (sprintf ("the gradient fields must have the R = %d runs of RES.IXT", R));
  endif
  v = v(:,:,r);
endfunction

## Mean and 95 % Student-t interval over the runs where the value is defined.
function st = over_runs (v)
  L = columns (v);
  st = struct ("runs", v, "n", zeros (1, L), "mean", NaN (1, L), "ci", NaN (2, L));
  for l = 1:L
    x = v(! isnan (v(:,l)), l);
    n = numel (x);
    st.n(l) = n;
    if (n >= 1)
      st.mean(l) = mean (x);
    endif
    if (n >= 2)
      half = t_quantile (0.975, n - 1) * std (x) / sqrt (n);
      st.ci(:,l) = st.mean(l) + [-half; half];
    endif
  endfor
endfunction

## The p-quantile (p > 1/2) of Student's t with nu degrees of freedom, by inverting the
## regularised incomplete beta function: for t > 0, P(T > t) = I_x(nu/2, 1/2) / 2 with
## x = nu / (nu + t^2), i.e. I_(1-x)(1/2, nu/2) = 2 p - 1; solved for 1 - x, which keeps
## precision for large nu.
function t = t_quantile (p, nu)
  y = betaincinv (2 * p - 1, 0.5, nu / 2);
  t = sqrt (nu * y / (1 - y));
endfunction

function [epochs, IXT, ITY, name] = check_result (res, name)
  needed = {"epochs", "IXT", "ITY"};
  missing = needed(! isfield (res, needed));
  if (! isempty (missing))
    bad_result (sprintf ("RES has no field %s", strjoin (missing, ", ")));
  endif
  epochs = res.epochs;
  if (! isnumeric (epochs) || ! isreal (epochs) || isempty (epochs) || ! isvector (epochs)
      || any (! isfinite (epochs)) || any (epochs < 0))
    bad_result ("RES.epochs must be a non-empty vector of epochs >= 0");
  endif
  epochs = double (epochs(:));
  known = {};
  if (isfield (res, "estimators") && iscellstr (res.estimators))
    known = res.estimators(:)';
  endif
  IXT = res.IXT;
  ITY = res.ITY;
  if (isempty (name))
    name = "";
    if (! isempty (known))
      name = known{1};
    endif
  else
    i = find (strcmpi (name, known), 1);
    if (isempty (i) || ! (isfield (res, "mi") && isstruct (res.mi)
                          && isfield (res.mi, known{i})
                          && all (isfield (res.mi.(known{i}), {"IXT", "ITY"}))))
      error ("ib:ib_summary:unknown_estimator",
             "ib_summary: the result has no values of estimator '%s'", name);
    endif
    name = known{i};
    IXT = res.mi.(name).IXT;
    ITY = res.mi.(name).ITY;
  endif
  if (! isnumeric (IXT) || ! isnumeric (ITY) || ! isreal (IXT) || ! isreal (ITY)
      || ! isequal (size (IXT), size (ITY)) || rows (IXT) != numel (epochs)
      || columns (IXT) < 1 || ndims (IXT) > 3 || any (isinf ([IXT(:); ITY(:)])))
    bad_result (sprintf ("RES.IXT and RES.ITY must both be real E x L x R (E = %d), without Inf",
                         numel (epochs)));
  endif
  IXT = double (IXT);
  ITY = double (ITY);
endfunction

function bad_result (msg)
  error ("ib:ib_summary:invalid_result", "ib_summary: %s", msg);
endfunction

function estimator = parse_options (args)
  estimator = "";
  if (mod (numel (args), 2) != 0)
    bad_option ("options must be name, value pairs");
  endif
  for i = 1:2:numel (args)
    if (! (ischar (args{i}) && strcmpi (args{i}, "estimator")))
      bad_option ("the only option is \"estimator\"");
    endif
    estimator = args{i+1};
    if (! ischar (estimator) || ! isrow (estimator))
      bad_option ("\"estimator\" must be an estimator name");
    endif
  endfor
endfunction

function bad_option (msg)
  error ("ib:ib_summary:invalid_option", "ib_summary: %s", msg);
endfunction

function print_summary (s, with_options)
  head = sprintf ("%d run%s, epochs %g..%g", s.runs, {"", "s"}{1 + (s.runs > 1)}, s.epochs);
  if (! isempty (s.estimator))
    head = [head ", estimator " s.estimator];
  endif
  if (with_options)
    for f = {"train_fraction", "mi_rows"}
      if (isfield (s.options, f{1}))
        head = [head ", " f{1} " " value_text(s.options.(f{1}))];
      endif
    endfor
  endif
  if (s.runs > 1)
    head = [head " (mean +/- half-width of the 95 % interval over runs)"];
  endif
  cols = {"peak_IXT", "peak I(X;T)", "%.3f"; "peak_epoch", "at epoch", "%.0f";
             "final_IXT", "final I(X;T)", "%.3f"; "final_ITY", "final I(T;Y)", "%.3f";
             "compression", "compression", "%.3f"; "compression_pct", "(%)", "%.1f";
             "snr_epoch", "mean < std from", "%.0f"};
  cells = cell (numel (s.layer) + 1, rows (cols) + 1);
  cells(1,:) = [{"layer"}, cols(:,2)'];
  cells(2:end,1) = s.layer(:);
  for c = 1:rows (cols)
    st = s.(cols{c,1});
    for l = 1:numel (s.layer)
      cells{l+1,c+1} = entry (st.mean(l), st.ci(:,l), cols{c,3});
    endfor
  endfor
  width = max (cellfun (@numel, cells), [], 1);
  printf ("ib_summary: %s\n", head);
  for i = 1:rows (cells)
    printf ("%-*s", width(1), cells{i,1});
    for c = 2:columns (cells)
      printf ("  %*s", width(c), cells{i,c});
    endfor
    printf ("\n");
  endfor
endfunction

function t = entry (m, ci, fmt)
  if (isnan (m))
    t = "-";
  elseif (all (isnan (ci)))
    t = sprintf (fmt, m);
  else
    t = sprintf ([fmt " +/- " fmt], m, (ci(2) - ci(1)) / 2);
  endif
endfunction

function t = value_text (v)
  if (ischar (v))
    t = v;
  elseif (isnumeric (v) && numel (v) <= 4)
    t = strtrim (sprintf ("%g ", v));
  else
    t = sprintf ("(%d values)", numel (v));
  endif
endfunction

## A synthetic result by construction: 3 layers, 5 runs, epochs 0..1000.  Layer 1 rises to
## a peak of 4 + r at epoch 10 and ends at 2 + r (compression 2 bits each run); layer 2 rises
## monotonically to 3 (no compression); the output stays 0.5.  I(T;Y) ends at 0.9 + 0.01 r.
%!shared res, R
%! R = 5;
%! res.epochs = [0; 1; 10; 100; 1000];
%! for r = 1:R
%!   res.IXT(:,:,r) = [1, 1, 0.5; 3, 2, 0.5; 4 + r, 2.5, 0.5; 3 + r, 2.9, 0.5; 2 + r, 3, 0.5];
%!   res.ITY(:,:,r) = [0.1 0.1 0.1; 0.5 0.5 0.5; 0.8 0.8 0.8; 0.85 0.85 0.85; ...
%!                     (0.9 + 0.01 * r) * [1 1 1]];
%! endfor
%! res.estimators = {"bin"};
%! res.options = struct ("train_fraction", 0.85, "mi_rows", "all");

%!test
%! s = ib_summary (res);
%! assert (s.runs, 5);
%! assert (s.layer, {"layer 1", "layer 2", "output"});
%! assert (s.epochs, [0 1000]);
%! assert (s.estimator, "bin");
%! assert (s.peak_IXT.runs, [(5:9)', 3 * ones(5,1), 0.5 * ones(5,1)]);
%! assert (s.peak_epoch.runs, repmat ([10 1000 0], 5, 1));     # ties: the first epoch
%! assert (s.final_IXT.runs(:,1), (3:7)');
%! assert (s.compression.runs, repmat ([2 0 0], 5, 1), 1e-15);
%! assert (s.compression_pct.runs(:,1), 200 ./ (5:9)', 1e-12);
%! assert (s.final_ITY.mean, 0.93 * [1 1 1], 1e-12);
%! assert (s.peak_IXT.mean, [7 3 0.5]);
%! assert (s.peak_IXT.n, [5 5 5]);
%! ## values 5..9: std sqrt (2.5); t_{0.975,4} = 2.776445105 (tables)
%! half = 2.776445105 * sqrt (2.5) / sqrt (5);
%! assert (s.peak_IXT.ci(:,1), [7 - half; 7 + half], 1e-8);
%! assert (s.peak_IXT.ci(:,2), [3; 3]);                        # no spread
%! ## no gradient statistics: NaN
%! assert (all (isnan (s.snr_epoch.runs(:))) && all (s.snr_epoch.n == 0));

## t quantiles for 1, 10 and 30 degrees of freedom (tables: 12.70620474, 2.228138852,
## 2.042272456), through the interval of n = 2, 11, 31 values
%!test
%! for c = [2, 12.70620474; 11, 2.228138852; 31, 2.042272456]'
%!   n = c(1);
%!   r.epochs = (1:2)';
%!   r.IXT = zeros (2, 1, n);  r.IXT(2, 1, :) = 1:n;     # run k peaks at k
%!   r.ITY = r.IXT;
%!   s = ib_summary (r);
%!   half = c(2) * std (1:n) / sqrt (n);
%!   assert ((s.peak_IXT.ci(2) - s.peak_IXT.ci(1)) / 2, half, 1e-8 * half);
%! endfor

## one run: the interval is NaN; NaN values are left out; a chosen estimator
%!test
%! r = res;
%! r.IXT = r.IXT(:,:,2);  r.ITY = r.ITY(:,:,2);
%! r.IXT(end, 1) = NaN;                     # the last value missing: final is the one before
%! r.estimators = {"bin", "kde"};
%! r.mi.bin = struct ("IXT", r.IXT, "ITY", r.ITY);
%! r.mi.kde = struct ("IXT", r.IXT / 2, "ITY", r.ITY / 2);
%! s = ib_summary (r);
%! assert (s.runs, 1);
%! assert (s.peak_IXT.mean, [6 3 0.5]);
%! assert (s.final_IXT.mean, [5 3 0.5]);
%! assert (all (isnan (s.peak_IXT.ci(:))));
%! s = ib_summary (r, "estimator", "KDE");
%! assert (s.estimator, "kde");
%! assert (s.peak_IXT.mean, [3 1.5 0.25]);
%! assert (s.compression_pct.mean(1), 100 * (3 - 2.5) / 3, 1e-12);

## gradient statistics: the epoch of ib_snr per run, its mean and interval over the runs
## where it happens
%!test
%! r = res;
%! E = 5;  L = 3;
%! r.grad_std_norm = ones (E, L, R);
%! r.grad_mean_norm = 2 * ones (E, L, R);
%! r.grad_mean_norm(4:5, 1, 1:2) = 0.5;     # runs 1, 2: below from epoch 100
%! r.grad_mean_norm(3:5, 1, 3:4) = 0.5;     # runs 3, 4: below from epoch 10
%! r.grad_mean_norm(2:5, 2, :) = 0.5;       # layer 2: from epoch 1, every run
%! r.grad_mean_norm(2, 2, 5) = 3;  r.grad_mean_norm(4, 2, 5) = 3;   # run 5: from 1000
%! s = ib_summary (r);
%! assert (s.snr_epoch.runs(:,1), [100; 100; 10; 10; NaN]);
%! assert (s.snr_epoch.n, [4 5 0]);
%! assert (s.snr_epoch.mean(1), 55);
%! half = 3.182446305 * std ([100 100 10 10]) / 2;               # t_{0.975,3}
%! assert (s.snr_epoch.ci(:,1), 55 + [-half; half], 1e-6);
%! assert (s.snr_epoch.runs(:,2), [1; 1; 1; 1; 1000]);
%! assert (isnan (s.snr_epoch.mean(3)));

## a struct array (one element per training fraction): a struct array of summaries
%!test
%! a = res;  b = res;
%! b.IXT = b.IXT / 2;  b.options.train_fraction = 0.05;
%! s = ib_summary ([a, b]);
%! assert (size (s), [1 2]);
%! assert (s(1).peak_IXT.mean, [7 3 0.5]);
%! assert (s(2).peak_IXT.mean, [3.5 1.5 0.25]);
%! assert (s(2).options.train_fraction, 0.05);

## the printed table
%!test
%! out = evalc ("ib_summary (res)");
%! assert (! isempty (strfind (out, "5 runs, epochs 0..1000, estimator bin")));
%! assert (! isempty (regexp (out, 'layer 1\s+7\.000 \+/- 1\.963\s+10 \+/- 0', "once")));
%! assert (! isempty (regexp (out, 'output\s+0\.500 \+/- 0\.000\s', "once")));
%! assert (! isempty (regexp (out, 'mean < std from\s*\n', "once")));
%! r = res;  r.IXT = r.IXT(:,:,1);  r.ITY = r.ITY(:,:,1);
%! out = evalc ("ib_summary (r)");
%! assert (! isempty (strfind (out, "1 run, epochs")));
%! assert (! isempty (regexp (out, 'layer 1\s+5\.000\s+10\s+3\.000\s+0\.910\s+2\.000\s+40\.0\s+-', "once")));
%! out = evalc ("ib_summary ([res, res])");
%! assert (numel (strfind (out, "train_fraction 0.85, mi_rows all")), 2);

%!error <Invalid call> ib_summary ()
%!error id=ib:ib_summary:invalid_result ib_summary (1)
%!error id=ib:ib_summary:invalid_result ib_summary (rmfield (res, "ITY"))
%!error id=ib:ib_summary:invalid_result
%! r = res;  r.ITY = r.ITY(:, 1:2, :);
%! ib_summary (r);
%!error id=ib:ib_summary:invalid_result
%! r = res;  r.IXT(1) = Inf;
%! ib_summary (r);
%!error id=ib:ib_summary:invalid_result
%! r = res;  r.grad_mean_norm = ones (2, 3);  r.grad_std_norm = ones (2, 3);
%! ib_summary (r);
%!error id=ib:ib_summary:unknown_estimator ib_summary (res, "estimator", "knn")
%!error id=ib:ib_summary:invalid_option ib_summary (res, "layers", 1)
%!error id=ib:ib_summary:invalid_option ib_summary (res, "estimator")
%!error id=ib:ib_summary:invalid_option ib_summary (res, "estimator", 3)

%!demo
%! ## A synthetic 5-run result whose layer 1 peaks at epoch 10 and then compresses by 2 bits.
%! res.epochs = [0; 1; 10; 100; 1000];
%! for r = 1:5
%!   res.IXT(:,:,r) = [1 1; 3 2; 4 + r 2.5; 3 + r 2.9; 2 + r 3] + 0.1 * rand (5, 2);
%!   res.ITY(:,:,r) = [0.1 0.1; 0.5 0.5; 0.8 0.8; 0.85 0.85; 0.9 0.9] + 0.01 * rand (5, 2);
%! endfor
%! ib_summary (res)
