## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The confidence intervals of "ci" (ib_mi, ib_entropy, ib_layer_mi): their coverage of
## closed-form values over repeated samples, within a binomial tolerance, and that
## intervals narrower or wider than theirs, or the plain percentile interval of a biased
## estimator, would miss that tolerance; reproducibility from "seed"; the error ids.

## Pairs of correlated Gaussians, n rows: a with b = rho a + sqrt (1 - rho^2) noise.
%!function [a, b] = gaussian_pair (n, rho, seed)
%!  randn ("state", seed);
%!  Z = randn (n, 2);
%!  a = Z(:, 1);
%!  b = rho * a + sqrt (1 - rho ^ 2) * Z(:, 2);
%!endfunction

## The share of the intervals (rows of CI) that hold the true value V, and of those
## scaled about the estimates I by the factors S (each a column).
%!function c = coverage (ci, I, v, s)
%!  c = mean (ci(:, 1) <= v & v <= ci(:, 2));
%!  for f = s(:)'
%!    lo = I - f * (I - ci(:, 1));
%!    hi = I + f * (ci(:, 2) - I);
%!    c(end+1) = mean (lo <= v & v <= hi);
%!  endfor
%!endfunction

## k-NN (KSG, half-sampling) on correlated Gaussians: I = -log2 (1 - rho^2) / 2 bits and,
## for the k-NN entropy of one side, H = log2 (2 pi e) / 2.  At level 0.8 over 100
## samples the coverage must lie within 3 binomial standard deviations (0.12) of 0.8;
## the same intervals scaled by 0.6 about the estimate (expected coverage about 0.56) or
## by 1.6 (about 0.97) must not.
%!test
%! n = 200;
%! rho = 0.6;
%! reps = 100;
%! tol = 3 * sqrt (0.8 * 0.2 / reps);
%! [I, H] = deal (zeros (reps, 1));
%! [ci_mi, ci_h] = deal (zeros (reps, 2));
%! for r = 1:reps
%!   [a, b] = gaussian_pair (n, rho, r);
%!   o = {"estimator", "knn", "ci", 0.8, "resamples", 100, "seed", r};
%!   [I(r), info] = ib_mi (a, b, o{:});
%!   ci_mi(r, :) = info.ci;
%!   assert (info.method, "half-sampling");
%!   if (r <= 50)
%!     [H(r), info] = ib_entropy (a, o{:});
%!     ci_h(r, :) = info.ci;
%!   endif
%! endfor
%! c = coverage (ci_mi, I, -0.5 * log2 (1 - rho ^ 2), [0.6 1.6]);
%! assert (abs (c(1) - 0.8) <= tol);
%! assert (c(2) < 0.8 - tol);
%! assert (c(3) > 0.8 + tol);
%! ## the entropy on 50 samples: within 3 standard deviations (0.17)
%! c = coverage (ci_h(1:50, :), H(1:50), 0.5 * log2 (2 * pi * e), []);
%! assert (abs (c - 0.8) <= 3 * sqrt (0.8 * 0.2 / 50));

## "bin" on two discrete variables of 5 symbols each (a joint of 25 cells, half of the
## mass on the diagonal): the plug-in MI of n = 200 samples is biased upwards by about
## 0.07 bits, 0.7 of its standard deviation.  The basic bootstrap interval covers the MI
## of the distribution at about its level; the percentile interval of the same resamples
## (their quantiles) does not.
%!test
%! K = 5;
%! P = 0.5 * eye (K) / K + 0.5 * ones (K) / K ^ 2;
%! v = sum (P(:) .* log2 (P(:) ./ vec (sum (P, 2) * sum (P, 1))));
%! n = 200;
%! reps = 100;
%! tol = 3 * sqrt (0.8 * 0.2 / reps);
%! [ci, pct] = deal (zeros (reps, 2));
%! I = zeros (reps, 1);
%! for r = 1:reps
%!   rand ("state", r);
%!   [~, cell_] = histc (rand (n, 1), [0; cumsum(P(:))]);
%!   [x, y] = ind2sub ([K K], cell_);
%!   [I(r), info] = ib_mi (x, y, "ci", 0.8, "resamples", 100, "seed", r);
%!   ci(r, :) = info.ci;
%!   pct(r, :) = quantile (info.draws, [0.1 0.9]);
%!   assert (info.method, "bootstrap");
%! endfor
%! c = [coverage(ci, I, v, []), coverage(pct, I, v, [])];
%! assert (abs (c(1) - 0.8) <= tol);
%! assert (c(2) < 0.8 - tol);
%! assert (mean (I) - v > 0.04);

## the same "seed", the same intervals, whatever the caller's rand state, which is left
## as it was; another seed, other resamples
%!test
%! [a, b] = gaussian_pair (300, 0.5, 1);
%! o = {"estimator", "kde", "ci", 0.9, "resamples", 50};
%! y = double (a > 0) + double (a > 1);
%! rand ("state", 42);
%! before = rand ("state");
%! [I1, i1] = ib_mi (b, y, o{:}, "seed", 3);
%! assert (rand ("state"), before);
%! rand (5, 1);
%! [I2, i2] = ib_mi (b, y, o{:}, "seed", 3);
%! [~, i3] = ib_mi (b, y, o{:}, "seed", 4);
%! assert ([I1, i1.ci], [I2, i2.ci]);
%! assert (size (i1.draws), [50 1]);
%! assert (! isequal (i1.draws, i3.draws));
%! assert (I1, ib_mi (b, y, "estimator", "kde"));

## the three functions resample alike: I(T;Y) of ib_layer_mi and ib_mi (T, y) with the
## same options and seed give the same interval; without "ci" the intervals are NaN
%!test
%! X = double (dec2bin (0:63, 6) == "1");
%! X = [X; X];
%! y = mod (sum (X(:, 1:3), 2), 2);
%! randn ("state", 2);
%! T = tanh (X * randn (6, 3));
%! o = {"range", [-1 1], "ci", 0.9, "resamples", 60, "seed", 5};
%! [ixt, ity, info] = ib_layer_mi (T, X, y, o{:});
%! [I, i_mi] = ib_mi (T, y, o{:}, "discrete", "b");
%! assert (ity, I, 1e-12);
%! assert (info.ity_ci, i_mi.ci, 1e-12);
%! assert (info.ci_draws(:, 2), i_mi.draws, 1e-12);
%! assert (info.ixt_ci(1) <= info.ixt_ci(2) && info.ci_level == 0.9);
%! [~, i_h] = ib_entropy (X(:, 1:2), "discrete", true, "ci", 0.5, "resamples", 20);
%! assert (i_h.ci(1) >= 0 && i_h.ci(1) <= i_h.ci(2));
%! [~, ~, info] = ib_layer_mi (T, X, y, "range", [-1 1]);
%! assert (isnan ([info.ixt_ci, info.ity_ci]));
%! [~, info] = ib_mi (T, y);
%! assert (isnan (info.ci) && isempty (info.draws));

## "adaptive" and "kde": four times the rows, about half the width
%!test
%! for e = {"adaptive", "kde"}
%!   w = [];
%!   for n = [150 600]
%!     [a, b] = gaussian_pair (n, 0.7, 7);
%!     [~, info] = ib_mi (a, double (b > 0), "estimator", e{1}, "adaptive_bins", 6,
%!                        "ci", 0.8, "resamples", 40);
%!     w(end+1) = diff (info.ci);
%!   endfor
%!   assert (w(2) / w(1) > 0.3 && w(2) / w(1) < 0.75, e{1});
%! endfor

%!error id=ib:ib_mi:bad_ci ib_mi ([1; 2], [1; 2], "ci", 1)
%!error id=ib:ib_mi:bad_ci ib_mi ([1; 2], [1; 2], "ci", 0)
%!error id=ib:ib_mi:bad_ci ib_mi ([1; 2], [1; 2], "ci", [0.5 0.9])
%!error id=ib:ib_mi:bad_ci ib_mi ([1; 2], [1; 2], "ci", "0.9")
%!error id=ib:ib_mi:bad_ci ib_mi ([1; 2], [1; 2], "ci", 0.9, "resamples", 1.5)
%!error id=ib:ib_mi:bad_ci ib_mi ([1; 2], [1; 2], "ci", 0.99, "resamples", 100)
%!error id=ib:ib_entropy:bad_ci ib_entropy ([1; 2], "ci", NaN)
%!error id=ib:ib_entropy:bad_ci ib_entropy ([1; 2], "ci", 0.9, "resamples", 0)
%!error id=ib:ib_layer_mi:bad_ci ib_layer_mi ([1; 2], [1; 2], [0; 1], "ci", -0.5)
%!error id=ib:ib_layer_mi:bad_ci ib_layer_mi ([1; 2], [1; 2], [0; 1], "ci", 0.95, "resamples", 20)
%!error id=ib:ib_mi:unsupported ib_mi (randn (9, 1), randn (9, 1), "estimator", "renyi", "ci", 0.9)
%!error id=ib:ib_entropy:unsupported ib_entropy (randn (9, 1), "estimator", "renyi", "ci", 0.9)
%!error id=ib:ib_layer_mi:unsupported ib_layer_mi (randn (9, 1), randn (9, 1), mod ((1:9)', 2), "estimator", "renyi", "ci", 0.9)
%!error id=ib:ib_mi:unsupported ib_mi (randn (7, 1), randn (7, 1), "estimator", "knn", "ci", 0.9)

## ib_train: intervals at the "ci_epochs" only (NaN elsewhere), training unchanged; at
## the last epoch the forward pass of the final weights and ib_layer_mi with the run's
## seed give the same intervals, and its point estimates are the core's to 1e-12
%!test
%! X = double (dec2bin (0:255, 8) == "1");
%! y = double (X * [1; -2; 1; 1; -1; 2; -1; 1] > 0.5);
%! o = {"layers", [5 3], "epochs", 20, "mi_epochs", [0 5 10 20], "verbose", false, ...
%!      "seed", 4, "runs", 2};
%! res = ib_train (X, y, o{:}, "ci", 0.9, "ci_epochs", [5 20], "resamples", 40);
%! ref = ib_train (X, y, o{:});
%! assert (res.IXT, ref.IXT);
%! assert (res.W, ref.W);
%! assert (size (res.IXT_ci), [4 3 2 2]);
%! assert (isequaln (res.ITY_ci, res.mi.bin.ITY_ci));
%! assert (all (isnan (vec (res.IXT_ci([1 3], :, :, :)))));
%! assert (all (isfinite (vec (res.ITY_ci([2 4], :, :, :)))));
%! for r = 1:2
%!   A = X;
%!   for l = 1:3
%!     A = A * res.W{l}(:, :, r) + res.b{l}(:, :, r);
%!     if (l < 3)
%!       A = tanh (A);
%!     else
%!       A = exp (A - max (A, [], 2));
%!       A ./= sum (A, 2);
%!     endif
%!     [ixt, ity, info] = ib_layer_mi (A, X, y, "range", [-1 1], "ci", 0.9, ...
%!                                     "resamples", 40, "seed", res.seeds(r));
%!     assert ([ixt, ity], [res.IXT(4, l, r), res.ITY(4, l, r)], 1e-12);
%!     assert ([info.ixt_ci; info.ity_ci],
%!             squeeze ([res.IXT_ci(4, l, :, r); res.ITY_ci(4, l, :, r)]), 1e-12);
%!   endfor
%! endfor
%!error id=ib:ib_train:bad_ci ib_train ([0; 1], [0; 1], "epochs", 1, "mi_epochs", 1, "ci", 0.9, "ci_epochs", 2)
%!error id=ib:ib_train:bad_ci ib_train ([0; 1], [0; 1], "epochs", 1, "ci", 1.5)
%!error id=ib:ib_train:bad_ci ib_train ([0; 1], [0; 1], "epochs", 1, "ci_epochs", 1)
%!error id=ib:ib_train:bad_ci ib_train ([0; 1], [0; 1], "epochs", 1, "ci", 0.9, "estimator", "renyi")
%!error id=ib:ib_train:bad_ci ib_train ([0; 1], [0; 1], "epochs", 1, "ci", 0.9, "resamples", 10)
