## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Cross-checks of the "knn", "kde" and "renyi" estimators through ib_mi, ib_entropy and
## ib_layer_mi: against slow plain-Octave references written from the papers' formulas
## (small n), closed forms, and the invariances each estimator must have (row order, class
## relabelling, a common scale for knn).

## Max-norm distances between all rows of A (n x n).
%!function D = ref_maxdist (A)
%!  n = rows (A);
%!  D = zeros (n);
%!  for i = 1:n
%!    D(:, i) = max (abs (A - A(i, :)), [], 2);
%!  endfor
%!endfunction

## Kraskov et al. (2004) estimator 1, bits (continuous data, no ties).
%!function I = ref_ksg (A, B, k)
%!  n = rows (A);
%!  dA = ref_maxdist (A);
%!  dB = ref_maxdist (B);
%!  dA(1:n+1:end) = Inf;
%!  dB(1:n+1:end) = Inf;
%!  s = sort (max (dA, dB), 1);
%!  eps = s(k, :);
%!  na = sum (dA < eps, 1);
%!  nb = sum (dB < eps, 1);
%!  I = (psi (k) + psi (n) - mean (psi (na + 1) + psi (nb + 1))) / log (2);
%!endfunction

## Ross (2014), bits (continuous T, classes larger than k).
%!function I = ref_ross (T, y, k)
%!  n = rows (T);
%!  D = ref_maxdist (T);
%!  D(1:n+1:end) = Inf;
%!  acc = 0;
%!  for i = 1:n
%!    same = (y == y(i));
%!    ds = sort (D(same, i));
%!    m = sum (D(:, i) < ds(k));
%!    acc += psi (k) - psi (sum (same)) - psi (m + 1);
%!  endfor
%!  I = (psi (n) + acc / n) / log (2);
%!endfunction

## Kolchinsky & Tracey bounds on H(T + noise), nats: KL (upper) and Bhattacharyya (lower).
%!function [up, lo] = ref_kde_h (T, s2)
%!  [n, d] = size (T);
%!  D2 = zeros (n);
%!  for i = 1:n
%!    D2(:, i) = sum ((T - T(i, :)) .^ 2, 2);
%!  endfor
%!  hc = d / 2 * (1 + log (2 * pi * s2));
%!  up = hc - mean (log (mean (exp (-D2 / (2 * s2)), 2)));
%!  lo = hc - mean (log (mean (exp (-D2 / (8 * s2)), 2)));
%!endfunction

## I(X;T) and I(T;Y) bounds of Saxe et al. (each row a distinct input), bits.
%!function [ixt, ity, ixt_lo, ity_lo] = ref_kde_plane (T, y, s2)
%!  [up, lo] = ref_kde_h (T, s2);
%!  hc = columns (T) / 2 * (1 + log (2 * pi * s2));
%!  cu = cl = 0;
%!  for c = unique (y(:))'
%!    m = (y == c);
%!    [u, l] = ref_kde_h (T(m, :), s2);
%!    cu += mean (m) * u;
%!    cl += mean (m) * l;
%!  endfor
%!  ixt = (up - hc) / log (2);
%!  ity = (up - cu) / log (2);
%!  ixt_lo = (lo - hc) / log (2);
%!  ity_lo = (lo - cl) / log (2);
%!endfunction

## Gaussian Gram matrix, Scott's width, matrix-based Renyi entropy (Giraldo et al. 2014).
%!function K = ref_gram (A, sigma)
%!  n = rows (A);
%!  D2 = zeros (n);
%!  for i = 1:n
%!    D2(:, i) = sum ((A - A(i, :)) .^ 2, 2);
%!  endfor
%!  K = exp (-D2 / (2 * sigma ^ 2));
%!endfunction
%!function s = ref_scott (A)
%!  s = rows (A) ^ (-1 / (4 + columns (A))) * mean (std (A));
%!endfunction
%!function S = ref_renyi (K, alpha)
%!  l = eig ((K + K') / 2 / trace (K));
%!  l = l(l > 0);
%!  S = log2 (sum (l .^ alpha)) / (1 - alpha);
%!endfunction
%!function I = ref_renyi_mi (KA, KB, alpha)
%!  I = ref_renyi (KA, alpha) + ref_renyi (KB, alpha) - ref_renyi (KA .* KB, alpha);
%!endfunction

## ---------------------------------------------------------------- knn
%!test
%! randn ("state", 1);
%! A = randn (150, 2);
%! B = A * [1 0.5; -0.3 1] + 0.8 * randn (150, 2);
%! I = ib_mi (A, B, "estimator", "knn");
%! assert (I, ref_ksg (A, B, 3), 1e-10);
%! assert (ib_mi (A, B, "estimator", "knn", "k", 5), ref_ksg (A, B, 5), 1e-10);

## A common scale changes nothing: exactly for a power of two, to rounding otherwise.
%!test
%! randn ("state", 2);
%! A = randn (300, 2);
%! B = A(:, 1) + 0.5 * randn (300, 1);
%! I = ib_mi (A, B, "estimator", "knn");
%! assert (ib_mi (4 * A, 4 * B, "estimator", "knn"), I);
%! assert (ib_mi (3.3 * A, 3.3 * B, "estimator", "knn"), I, 1e-9);
%! p = randperm (300);
%! assert (ib_mi (A(p, :), B(p), "estimator", "knn"), I, 1e-12);

## Correlated Gaussians: I = -1/2 log2 (1 - rho^2).
%!test
%! randn ("state", 3);
%! n = 3000;
%! rho = 0.8;
%! z = randn (n, 2);
%! I = ib_mi (z(:, 1), rho * z(:, 1) + sqrt (1 - rho ^ 2) * z(:, 2), "estimator", "knn");
%! assert (I, -0.5 * log2 (1 - rho ^ 2), 0.06);

## Ross against the reference; relabelling the classes changes nothing.
%!test
%! randn ("state", 4);
%! y = [zeros(60, 1); ones(50, 1); 2 * ones(70, 1)];
%! T = [y + 0.7 * randn(180, 1), randn(180, 1)];
%! I = ib_mi (T, y, "estimator", "knn");
%! assert (I, ref_ross (T, y, 3), 1e-10);
%! z = 10 * y - 7;
%! assert (ib_mi (T, z, "estimator", "knn"), I, 1e-12);
%! assert (ib_mi (y, T, "estimator", "knn"), I, 1e-12);

## ib_layer_mi: KSG between X and T, Ross between T and y, Kozachenko-Leonenko for h_t.
%!test
%! randn ("state", 5);
%! X = randn (200, 3);
%! y = double (X(:, 1) + 0.3 * randn (200, 1) > 0);
%! T = tanh (X * [1 0; 0.5 1; 0 -1]);
%! [ixt, ity, info] = ib_layer_mi (T, X, y, "estimator", "knn");
%! assert (ixt, ref_ksg (X, T, 3), 1e-10);
%! assert (ity, ref_ross (T, y, 3), 1e-10);
%! D = ref_maxdist (T);
%! D(1:201:end) = Inf;
%! s = sort (D, 1);
%! assert (info.h_t, (psi (200) - psi (3) + 2 * mean (log (2 * s(3, :)))) / log (2), 1e-10);
%! assert (isnan (info.ixt_lower) && isnan (info.kernel_width));

## two discrete sides: no continuous space to take neighbours in
%!error id=ib:ib_mi:unsupported
%! ib_mi (randi (3, 50, 1), randi (2, 50, 1), "estimator", "knn");
## k must be below n
%!error id=ib:ib_mi:unsupported
%! ib_mi (randn (5, 1), randn (5, 1), "estimator", "knn", "k", 5);

## ---------------------------------------------------------------- kde
%!test
%! randn ("state", 6);
%! y = [zeros(40, 1); ones(30, 1); 2 * ones(50, 1)];
%! T = [y / 2 + 0.4 * randn(120, 1), 0.5 * randn(120, 2)];
%! X = (1:120)';
%! [ixt, ity, info] = ib_layer_mi (T, X, y, "estimator", "kde");
%! [rx, ry, rxl, ryl] = ref_kde_plane (T, y, 0.1);
%! assert ([ixt, ity, info.ixt_lower, info.ity_lower], [rx, ry, rxl, ryl], 1e-9);
%! assert (info.h_t, ref_kde_h (T, 0.1) / log (2), 1e-9);
%! [ixt2, ity2] = ib_layer_mi (T, X, y, "estimator", "kde", "noise_var", 0.5);
%! [rx, ry] = ref_kde_plane (T, y, 0.5);
%! assert ([ixt2, ity2], [rx, ry], 1e-9);
%! assert (ixt2 < ixt);
%! ## the same through ib_mi with labels (either side) and ib_entropy
%! assert (ib_mi (T, y, "estimator", "kde"), ity, 1e-9);
%! assert (ib_mi (y, T, "estimator", "kde"), ity, 1e-9);
%! assert (ib_mi (X, T, "estimator", "kde"), ixt, 1e-9);
%! assert (ib_entropy (T, "estimator", "kde"), info.h_t, 1e-9);
%! ## row order and class names do not matter
%! p = randperm (120);
%! [a, b] = ib_layer_mi (T(p, :), X(p), 5 - 3 * y(p), "estimator", "kde");
%! assert ([a, b], [ixt, ity], 1e-9);

## kde needs one discrete side to condition on
%!error id=ib:ib_mi:unsupported
%! ib_mi (randn (20, 2), randn (20, 2), "estimator", "kde");
%!error id=ib:ib_mi:invalid_option
%! ib_mi (randn (20, 2), randi (3, 20, 1), "estimator", "kde", "noise_var", -1);

## ---------------------------------------------------------------- renyi
%!test
%! randn ("state", 7);
%! A = randn (60, 2);
%! B = [A(:, 1) .^ 2, A(:, 2)] + 0.5 * randn (60, 2);
%! for alpha = [1.01 2 0.5]
%!   I = ib_mi (A, B, "estimator", "renyi", "alpha", alpha, "kernel_width", 0.9);
%!   assert (I, ref_renyi_mi (ref_gram (A, 0.9), ref_gram (B, 0.9), alpha), 1e-8);
%!   I = ib_mi (A, B, "estimator", "renyi", "alpha", alpha);
%!   KA = ref_gram (A, ref_scott (A));
%!   KB = ref_gram (B, ref_scott (B));
%!   assert (I, ref_renyi_mi (KA, KB, alpha), 1e-8);
%! endfor
%! ## alpha = 2 needs no eigenvalues: sum lambda^2 = |K / n|_F^2
%! K = ref_gram (A, 0.9);
%! assert (ib_entropy (A, "estimator", "renyi", "alpha", 2, "kernel_width", 0.9),
%!         -log2 (sum ((K(:) / 60) .^ 2)), 1e-10);

## Labels: the equality kernel; S(Y) is the Renyi entropy of the class proportions.
%!test
%! randn ("state", 8);
%! y = [zeros(20, 1); ones(15, 1); 2 * ones(25, 1)];
%! T = [y + randn(60, 1), randn(60, 1)];
%! KY = double (y == y');
%! KT = ref_gram (T, ref_scott (T));
%! I = ib_mi (T, y, "estimator", "renyi");
%! assert (I, ref_renyi_mi (KT, KY, 1.01), 1e-8);
%! p = [20 15 25] / 60;
%! assert (ib_entropy (y, "estimator", "renyi"), log2 (sum (p .^ 1.01)) / (1 - 1.01), 1e-12);
%! q = randperm (60);
%! assert (ib_mi (T(q, :), 4 - y(q), "estimator", "renyi"), I, 1e-9);

## ib_layer_mi: I(X;T) with X through its own Gaussian kernel, I(T;Y) with labels.
%!test
%! randn ("state", 9);
%! X = randn (50, 3);
%! y = double (X(:, 1) > 0);
%! T = tanh (X * [1 0; 0.5 1; 0 -1]);
%! [ixt, ity, info] = ib_layer_mi (T, X, y, "estimator", "renyi");
%! KX = ref_gram (X, ref_scott (X));
%! KT = ref_gram (T, ref_scott (T));
%! assert (ixt, ref_renyi_mi (KX, KT, 1.01), 1e-8);
%! assert (ity, ref_renyi_mi (KT, double (y == y'), 1.01), 1e-8);
%! assert (info.kernel_width, ref_scott (T), 1e-12);
%! assert (info.h_t, ref_renyi (KT, 1.01), 1e-8);

## the O(n^3) guard comes before any n x n allocation
%!error id=ib:ib_entropy:too_large
%! ib_entropy (rand (20001, 1) + 0.5, "estimator", "renyi");
%!error id=ib:ib_mi:invalid_option
%! ib_mi (randn (9, 1), randn (9, 1), "estimator", "renyi", "alpha", 0);
