## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The estimators at their edges, through the user functions: the binning of samples that
## sit at the observed maximum ("bin"), and values near the largest double ("kde", "knn").

## A ReLU-like layer whose values are multiples of 2^-10 (exact in single) capped at 0.4,
## which single rounds up: many samples sit at the maximum, and every other value is at
## least 6.7e-6 from each interior edge of linspace (0, hi, 30) for hi = single (0.4) and
## for the single below it, so the edges from either end split the samples alike.
%!function [T, X, y] = capped_relu_layer (n, width, seed)
%!  rand ("seed", seed);
%!  randn ("seed", seed);
%!  X = double (rand (n, 8) > 0.5);
%!  y = mod (sum (X(:,1:3), 2), 2);
%!  T = max (0, X * randn (8, width) / 4);
%!  T = min (round (T * 1024) / 1024, 0.4);
%!endfunction

## The paper's binning (idnns: bins = linspace (lo, hi, 30) in single, digitize, index 0
## wrapping to the top) on the single data a float32 network would hold, over its observed
## [min, max]; then the plane of the binned rows, written out plainly.
%!function [ixt, ity] = paper_plane_single (T, X, y, nbins)
%!  S = single (T);
%!  lo = double (min (S(:)));
%!  hi = double (max (S(:)));
%!  edges = double (single ((0:nbins-1)' * ((hi - lo) / (nbins - 1)) + lo));
%!  edges(end) = hi;
%!  idx = zeros (size (T));
%!  for k = 1:nbins
%!    idx += (double (S) >= edges(k));
%!  endfor
%!  idx(idx == 0) = nbins;
%!  [~, ~, t] = unique (idx, "rows");
%!  [~, ~, x] = unique (X, "rows");
%!  [~, ~, c] = unique (y);
%!  H = @(ids) -sum ((accumarray (ids, 1) / numel (ids)) .* log2 (max (accumarray (ids, 1), 1) / numel (ids)));
%!  h_t = H (t);
%!  h_tx = 0;
%!  for i = 1:max (x)
%!    h_tx += nnz (x == i) / numel (x) * H (t(x == i));
%!  endfor
%!  h_ty = 0;
%!  for i = 1:max (c)
%!    h_ty += nnz (c == i) / numel (c) * H (t(c == i));
%!  endfor
%!  ixt = h_t - h_tx;
%!  ity = h_t - h_ty;
%!endfunction

## "bin" with the observed range puts the samples at the maximum into the top state, as the
## paper's float32 code does; rounding the last edge to nearest (0.4 -> 0.40000001, above
## the samples) put them into the bin below, which the reference shows to be different.
%!test
%! [T, X, y] = capped_relu_layer (4096, 5, 1);
%! at_max = nnz (T == 0.4);
%! assert (at_max > 1000 && nnz (T == 0) > 1000);
%! assert (double (single (0.4)) > 0.4);
%! [ixt, ity] = ib_layer_mi (T, X, y);
%! [rixt, rity] = paper_plane_single (T, X, y, 30);
%! assert ([ixt, ity], [rixt, rity], 1e-12);
%! ## the samples at the maximum moved into the bin below (as with the maximum rounded to
%! ## nearest or up) give another plane: the test sees the difference
%! T2 = T;
%! T2(T == 0.4) = double (single (0.4 * 28.5 / 29));
%! [mixt, mity] = paper_plane_single (T2, X, y, 30);
%! assert (abs (mixt - rixt) > 0.01);
%! ## ib_entropy and ib_mi bin the same states
%! S = single (T);
%! assert (ib_entropy (T), ib_entropy (double (S)), 1e-12);

## The same against the paper's code itself, in numpy on the float32 data (skipped when no
## python3 with numpy is found).
%!function py = python_numpy ()
%!  cands = {"python3", "/usr/bin/python3"};
%!  has = cellfun (@(c) system ([c " -c \"import numpy\" 2>/dev/null"]) == 0, cands);
%!  py = [cands(has), {""}]{1};
%!endfunction
%!testif ; ! isempty (python_numpy ())
%! [T, X, y] = capped_relu_layer (2000, 4, 2);
%! base = tempname ();
%! script = {
%!   "import sys, numpy as np"
%!   "d = np.fromfile(sys.argv[1], dtype=np.float64); n, w = int(d[0]), int(d[1])"
%!   "T = d[2:2 + n * w].reshape(w, n).T.astype(np.float32); y = d[2 + n * w:]"
%!   "bins = np.linspace(T.min(), T.max(), 30).astype(np.float32)"
%!   "dig = bins[np.digitize(np.squeeze(T.reshape(1, -1)), bins) - 1].reshape(len(T), -1)"
%!   "v = np.ascontiguousarray(dig).view(np.dtype((np.void, 4 * w)))"
%!   "_, t, cnt = np.unique(v, return_inverse=True, return_counts=True); t = t.ravel()"
%!   "H = lambda c: -np.sum(c / c.sum() * np.log2(c / c.sum()))"
%!   "hy = sum(np.mean(y == c) * H(np.unique(t[y == c], return_counts=True)[1]) for c in np.unique(y))"
%!   "print('%.17g' % (H(cnt) - hy))"
%! };
%! unwind_protect
%!   fid = fopen ([base ".py"], "w");
%!   fprintf (fid, "%s\n", script{:});
%!   fclose (fid);
%!   fid = fopen ([base ".bin"], "w");
%!   fwrite (fid, [rows(T), columns(T), T(:)', y(:)'], "double");
%!   fclose (fid);
%!   [st, out] = system (sprintf ("%s %s.py %s.bin", python_numpy (), base, base));
%!   assert (st, 0);
%!   [~, ity] = ib_layer_mi (T, X, y);
%!   assert (ity, str2double (out), 1e-9);
%! unwind_protect_cleanup
%!   unlink ([base ".py"]);
%!   unlink ([base ".bin"]);
%! end_unwind_protect

## "kde" near 1e305: a constant layer has I(X;T) = I(T;Y) = 0 (it gave 12 bits: the column
## mean overflowed); two groups 1e305 and 1.5e305 apart are one bit; a layer scaled by s
## with the noise scaled by s^2 gives the unscaled plane (s = 1e-150 and 1e150: 1e300
## apart).
%!test
%! n = 4096;
%! X = (1:n)';
%! y = mod (X, 2);
%! [ixt, ity, info] = ib_layer_mi (1e305 * ones (n, 3), X, y, "estimator", "kde");
%! assert ([ixt, ity, info.ixt_lower, info.ity_lower], [0 0 0 0]);
%! [ixt, ity] = ib_layer_mi (1e305 * (1 + 0.5 * y) * [1 1], X, y, "estimator", "kde");
%! assert ([ixt, ity], [1 1], 1e-12);
%! randn ("seed", 3);
%! c = mod ((1:300)', 3);
%! T0 = randn (300, 3) + c;
%! [i0, t0, f0] = ib_layer_mi (T0, (1:300)', c, "estimator", "kde", "noise_var", 0.1);
%! for s = [1e-150, 1e150]
%!   [i1, t1, f1] = ib_layer_mi (s * T0, (1:300)', c, "estimator", "kde", "noise_var", 0.1 * s^2);
%!   assert ([i1, t1, f1.ixt_lower, f1.ity_lower], [i0, t0, f0.ixt_lower, f0.ity_lower], 1e-9);
%! endfor
%! assert (i0 > 1 && t0 > 0.3);

## "knn" near the largest double: finite estimates equal to those of the data scaled down by
## a power of two (the entropy shifted by d times its exponent); two clusters of 5 near
## -+0.9 realmax with k = 5 gave an entropy of Inf (NaN with a repeated point) and a KSG
## estimate of 1.08 bits instead of 0.09.
%!test
%! a = 0.9 * [-(1 + (0:4)' * 1e-3); 1 + (0:4)' * 1e-3];
%! big = a * 2^512 * 2^512;   # exact (2^1024 itself is not a double)
%! opts = {"estimator", "knn", "k", 5};
%! h = ib_entropy (big, opts{:}, "discrete", false);
%! assert (isfinite (h));
%! assert (h, ib_entropy (a, opts{:}, "discrete", false) + 1024, 1e-9 * abs (h));
%! assert (ib_mi (big, flipud (big), opts{:}, "discrete", "none"),
%!         ib_mi (a, flipud (a), opts{:}, "discrete", "none"));
%! assert (ib_entropy ([big; big(1) * ones(5, 1)], opts{:}, "discrete", false), -Inf);
%! y = [0; 0; 0; 0; 0; 1; 1; 1; 1; 1];
%! [ixt, ity] = ib_layer_mi (big, big, y, opts{:});
%! [ixt0, ity0] = ib_layer_mi (a, a, y, opts{:});
%! assert ([ixt, ity], [ixt0, ity0]);
