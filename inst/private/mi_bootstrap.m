## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## b = mi_bootstrap (fn, opts, n, point, estimate, lowest)
## The confidence intervals of "ci" (ib_mi, ib_entropy, ib_layer_mi, ib_train): POINT is
## the 1 x K vector of estimates on all N rows, ESTIMATE a function of a vector of row
## indices giving the same K estimates on those rows, LOWEST the smallest value an
## estimate can take (0 for MI, -Inf for a differential entropy).  Returns a struct with
## the fields ci (K x 2, [lo hi] per estimate), level, resamples, method ("bootstrap" or
## "half-sampling") and draws (resamples x K: the estimates on the resamples, or for
## half-sampling I + (I1 - I2) / 2, below); without
## "ci" in OPTS the intervals are NaN, the level NaN, the method "" and there are no draws.
##
## Every estimator but "knn" (method "bootstrap"): the N rows are resampled with
## replacement, and the interval is the basic ("reverse percentile") one, [2 I - q(1 - a/2),
## 2 I - q(a/2)] with q the quantiles of the resampled estimates and a = 1 - level, which
## corrects the bias that the resamples show (e.g. the upward bias of a plug-in MI), unlike
## the percentile interval [q(a/2), q(1 - a/2)].
##
## "knn" (method "half-sampling"): resampling with replacement repeats rows, and the zero
## distances of the copies make a k-NN estimate much larger; nor do subsamples of N/2 rows
## centre on the full estimate (part of its error comes from each row's neighbours, which
## a subsample does not keep: on correlated Gaussians their mean falls back towards the
## truth by a third of the full estimate's error).  So each resample splits the rows at
## random into two disjoint halves, whose estimates I1 and I2 are independent estimates
## from N/2 rows, and draws I + (I1 - I2) / 2: symmetric about I, with the variance
## (var (I1) + var (I2)) / 4 = var (I1) / 2, that of an estimate from N rows (Holmes &
## Nemenman 2019 scale the variance of disjoint subsets alike).  The basic formula then
## gives I -+ the quantiles of (I1 - I2) / 2: an interval centred on the estimate, without
## a bias correction (the k-NN bias is small in a few dimensions; see ib_mi).
##
## Both ends are raised to LOWEST where they fall below it.  The resamples are drawn from
## rand seeded by "seed" (default 0), and the caller's rand state is restored afterwards.
## Errors: ib:<fn>:unsupported ("renyi"; "knn" with N/2 <= k).
function b = mi_bootstrap (fn, opts, n, point, estimate, lowest)
  K = numel (point);
  b = struct ("ci", NaN (K, 2), "level", NaN, "resamples", 0, "method", "",
              "draws", zeros (0, K));
  if (! isfield (opts, "ci"))
    return;
  endif
  if (strcmp (opts.estimator, "renyi"))
    error (["ib:" fn ":unsupported"],
           ["%s: \"ci\" is not available for \"renyi\" (one resample costs a whole " ...
            "O(n^3) estimate)"], fn);
  endif
  B = opts.resamples;           # mi_parse_options checked it against the level
  alpha = 1 - opts.ci;
  half = strcmp (opts.estimator, "knn");
  if (half)
    m = floor (n / 2);
    k = 3;
    if (isfield (opts, "k"))
      k = opts.k;
    endif
    if (m <= k)
      error (["ib:" fn ":unsupported"],
             "%s: \"ci\" with \"knn\" estimates on halves of the rows: n must exceed %d, not %d",
             fn, 2 * k + 1, n);
    endif
    b.method = "half-sampling";
  else
    b.method = "bootstrap";
  endif
  seed = 0;
  if (isfield (opts, "seed"))
    seed = opts.seed;
  endif
  draws = zeros (B, K);
  saved = rand ("state");
  unwind_protect
    rand ("state", seed);
    for r = 1:B
      if (half)
        [~, order] = sort (rand (n, 1));
        d = estimate (sort (order(1:m))) - estimate (sort (order(m+1:2*m)));
        draws(r, :) = point(:)' + d(:)' / 2;
      else
        draws(r, :) = estimate (floor (rand (n, 1) * n) + 1);
      endif
    endfor
  unwind_protect_cleanup
    rand ("state", saved);
  end_unwind_protect
  q = quantile (draws, [alpha / 2; 1 - alpha / 2], 1);
  b.ci = max ([2 * point(:) - q(2, :)', 2 * point(:) - q(1, :)'], lowest);
  b.level = opts.ci;
  b.resamples = B;
  b.draws = draws;
endfunction
