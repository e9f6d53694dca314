## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## opts = train_resume (opts, d, n, n_classes)
## Continuing the run of the result opts.resume (ib_train's "resume"): its stored options
## checked again and taken, except what may change between the two calls ("epochs",
## "verbose", "checkpoint", "checkpoint_seconds", "threads"), and the result's split,
## state and history checked against this data set (D columns, N rows, N_CLASSES classes)
## and these options, returned in opts.resume with its arrays as full doubles.  Errors:
## ib:ib_train:invalid_resume, ib:ib_train:invalid_state (its state).
function opts = train_resume (opts, d, n, n_classes)
  opts = resume_options (opts);
  opts.resume = check_resume (opts.resume, opts, d, n, n_classes);
endfunction

## Continuing a run: its options, except what may change between the two calls.
function opts = resume_options (opts)
  prev = opts.resume;
  changeable = {"epochs", "verbose", "checkpoint", "checkpoint_seconds", "threads", "resume"};
  other = setdiff (opts.given, changeable);
  if (! isempty (other))
    error ("ib:ib_train:invalid_resume",
           "ib_train: a resumed run keeps its options; cannot change: %s", strjoin (other, ", "));
  endif
  resumed = checked_options (prev.options);
  for name = changeable(1:5)
    if (any (strcmp (opts.given, name{1})))
      resumed.(name{1}) = opts.(name{1});
    endif
  endfor
  if (resumed.epochs != prev.options.epochs && prev.options.mi_epochs_default)
    resumed.mi_epochs = unique ([prev.options.mi_epochs(:); train_mi_epochs(resumed.epochs)]);
  endif
  resumed.resume = prev;
  opts = resumed;
endfunction

## The options stored in a result, checked again as if they had been given now; missing
## or unknown ones are refused.
function opts = checked_options (stored)
  bad = @(why) error ("ib:ib_train:invalid_resume",
                      "ib_train: the options of the result to resume %s", why);
  if (! (isstruct (stored) && isscalar (stored) && isfield (stored, "mi_epochs_default")
         && isscalar (stored.mi_epochs_default) && islogical (stored.mi_epochs_default)))
    bad ("are missing");
  endif
  names = setdiff (fieldnames (stored), {"mi_epochs_default"});
  expected = setdiff (fieldnames (train_options ({})), {"given", "resume"});
  ## options added since a result was saved take their defaults, which are what that
  ## version did (double precision, no intervals, ...)
  if (! all (ismember (names, expected)))
    bad ("do not have the fields of ib_train's options");
  endif
  args = [names(:)'; cellfun(@(f) stored.(f), names(:)', "uniformoutput", false)];
  try
    opts = train_options (args(:)');
  catch err
    bad (["are not valid: " err.message]);
  end_try_catch
  opts.given = {};
endfunction

## The parts of a result to resume that the run uses, checked against this data set and
## these options (ib:ib_train:invalid_state for its state, else invalid_resume); returns
## it with its arrays as full doubles.
function prev = check_resume (prev, opts, d, n, n_classes)
  bad = @(why) error ("ib:ib_train:invalid_resume", "ib_train: the result to resume %s", why);
  bad_state = @(why) error ("ib:ib_train:invalid_state", "ib_train: the result to resume %s",
                            why);
  R = opts.runs;
  is_index = @(v) isnumeric (v) && isreal (v) && ndims (v) == 2 && columns (v) == R ...
                  && all (v(:) >= 1 & v(:) <= n & v(:) == round (v(:)));
  if (! (is_index (prev.train_idx) && ! isempty (prev.train_idx)
         && (is_index (prev.test_idx) || isempty (prev.test_idx))))
    bad (sprintf (["does not fit this data set: its split must hold row indices 1..%d, " ...
                   "one column per run (%d)"], n, R));
  endif
  prev.train_idx = full (double (prev.train_idx));
  prev.test_idx = reshape (full (double (prev.test_idx)), [], R);

  widths = train_widths (d, opts, n_classes);
  n_params = sum ((widths(1:end-1) + 1) .* widths(2:end));
  st = prev.state;
  fields = {"params", "moment1", "moment2", "step", "epoch", "rng"};
  if (! (isstruct (st) && isscalar (st) && all (isfield (st, fields))))
    bad_state ("has no valid state (fields params, moment1, moment2, step, epoch, rng)");
  endif
  for f = fields(1:3)
    v = st.(f{1});
    if (! (isnumeric (v) && isreal (v) && isequal (size (v), [n_params, R])
           && all (isfinite (v(:)))))
      bad_state (sprintf (["does not fit this data set and these options: state.%s must be " ...
                           "%d x %d finite values (layers [%s], %d classes, %d runs)"], f{1},
                          n_params, R, num2str (opts.layers), n_classes, R));
    endif
    st.(f{1}) = full (double (v));
  endfor
  if (any (st.moment2(:) < 0))
    bad_state ("has negative second moments (state.moment2)");
  endif
  is_count = @(v) isnumeric (v) && isreal (v) && all (v(:) >= 0 & v(:) == round (v(:))
                                                      & v(:) <= 2^53);
  if (! (is_count (st.step) && numel (st.step) == R))
    bad_state (sprintf ("has an invalid state.step (%d non-negative integers)", R));
  endif
  if (! (is_count (st.epoch) && isscalar (st.epoch)))
    bad_state ("has an invalid state.epoch (a non-negative integer)");
  endif
  st.step = double (st.step(:)');
  st.epoch = double (st.epoch);
  if (! (isa (st.rng, "uint64") && isequal (size (st.rng), [4, R]) && all (any (st.rng != 0))))
    bad_state (sprintf ("has an invalid state.rng (4 x %d uint64 values, no column all 0)", R));
  endif
  prev.state = st;

  ## the history the new records are appended to
  E = numel (prev.epochs);
  L = numel (widths) - 1;
  is_history = @(v, dims) isnumeric (v) && isreal (v) && isequal (size (v), dims);
  ok = (isnumeric (prev.epochs) && isreal (prev.epochs) && (E == 0 || isvector (prev.epochs))
        && all (isfield (prev, [{"mi", "elapsed"}, train_fields("history")])));
  if (ok)
    for f = [train_fields("mi"), train_fields("grad")]
      ok = ok && is_history (prev.(f{1}), size (zeros (E, L, R)));
    endfor
    for f = train_fields ("score")
      ok = ok && is_history (prev.(f{1}), [E, R]);
    endfor
    ok = (ok && isstruct (prev.mi) && isscalar (prev.mi)
          && isnumeric (prev.elapsed) && isreal (prev.elapsed) && isscalar (prev.elapsed));
    for e = opts.estimator
      ok = (ok && isfield (prev.mi, e{1}) && isstruct (prev.mi.(e{1}))
            && all (isfield (prev.mi.(e{1}), train_fields ("mi"))));
      if (ok)
        for f = train_fields ("mi")
          ok = ok && is_history (prev.mi.(e{1}).(f{1}), size (zeros (E, L, R)));
        endfor
      endif
    endfor
  endif
  if (! ok)
    bad (sprintf ("has an invalid history (epochs, IXT, ..., mi of %d layers and %d runs)",
                  L, R));
  endif
  prev.epochs = double (prev.epochs(:));
endfunction
