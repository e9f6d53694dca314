## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## [train_idx, test_idx, mi_idx] = train_rows (opts, n, y_codes)
## The rows of each run (one column per run) of a data set of N rows: those it trains and
## tests on (a new split, or the split of the result resumed), and those MI is measured on
## ("mi_rows"), checked against what the estimators need of them (Y_CODES the labels, 0
## based, of all N rows).  Errors: ib:ib_train:invalid_option, ib:ib_train:too_large.
function [train_idx, test_idx, mi_idx] = train_rows (opts, n, y_codes)
  if (isempty (opts.resume))
    [train_idx, test_idx] = run_splits (n, opts);
  else
    train_idx = opts.resume.train_idx;
    test_idx = opts.resume.test_idx;
  endif
  mi_idx = mi_rows_of (opts.mi_rows, n, train_idx, test_idx);
  check_estimators (opts, y_codes(mi_idx(:, 1)));
endfunction

## Each run's split (one column per run): a random permutation seeded by the run's seed.
function [train_idx, test_idx] = run_splits (n, opts)
  n_train = max (1, min (n, round (opts.train_fraction * n)));
  train_idx = zeros (n_train, opts.runs);
  test_idx = zeros (n - n_train, opts.runs);
  for r = 1:opts.runs
    perm = __ib_train__ ("permutation", n, opts.seed + r - 1);
    train_idx(:, r) = sort (perm(1:n_train));
    test_idx(:, r) = sort (perm(n_train+1:end));
  endfor
endfunction

## The rows MI is measured on, one column per run: "all", "train", "test" or a vector of
## row indices (the same for every run).
function idx = mi_rows_of (mi_rows, n, train_idx, test_idx)
  R = columns (train_idx);
  if (ischar (mi_rows))
    switch (mi_rows)
      case "all"
        idx = repmat ((1:n)', 1, R);
      case "train"
        idx = train_idx;
      case "test"
        idx = test_idx;
        if (isempty (idx))
          error ("ib:ib_train:invalid_option",
                 "ib_train: \"mi_rows\" is \"test\" but there are no test rows");
        endif
    endswitch
  else
    if (any (mi_rows > n))
      error ("ib:ib_train:invalid_option",
             "ib_train: \"mi_rows\" names rows beyond the %d of X", n);
    endif
    idx = repmat (mi_rows(:), 1, R);
  endif
endfunction

## What the estimators need of the data set, checked before training starts rather than
## at the first recorded epoch.
function check_estimators (opts, y_codes)
  n = numel (y_codes);
  if (any (strcmp (opts.estimator, "knn")))
    k = 3;
    if (! isempty (opts.k))
      k = opts.k;
    endif
    if (k >= n)
      error ("ib:ib_train:invalid_option",
             "ib_train: \"knn\" needs more than k = %d samples, not %d", k, n);
    endif
    if (max (accumarray (y_codes(:) + 1, 1)) < 2)
      error ("ib:ib_train:invalid_option",
             "ib_train: \"knn\" needs a class of at least two samples");
    endif
  endif
  if (any (strcmp (opts.estimator, "renyi")) && n > 20000)
    error ("ib:ib_train:too_large",
           ["ib_train: \"renyi\" takes at most 20000 samples (its cost grows as n^3), " ...
            "not %d"], n);
  endif
endfunction
