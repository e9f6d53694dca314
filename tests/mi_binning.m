## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Cross-checks of the binning estimators ("bin", "adaptive") against slow plain-Octave
## references written from the papers' formulas, against the paper's own numpy procedure
## (when python3 with numpy is available), and the inequalities and invariances every
## plug-in estimate must satisfy.

## The paper's binning (Shwartz-Ziv & Tishby, idnns information_process.py), independently:
## edges = float32 (numpy linspace), digitized = bins[np.digitize (v, bins) - 1] (so
## index 0 takes bins[-1]), states = distinct rows of digitized values.
%!function D = ref_digitize (T, nbins, lo, hi)
%!  step = (hi - lo) / (nbins - 1);
%!  edges = double (single ((0:nbins-1)' * step + lo));
%!  edges(end) = double (single (hi));
%!  idx = zeros (size (T));
%!  for k = 1:nbins
%!    idx += (T >= edges(k));
%!  endfor
%!  idx(idx == 0) = nbins;
%!  D = edges(idx);
%!  D = reshape (D, size (T));
%!endfunction

## Entropy in bits of the empirical distribution of integer ids.
%!function h = ref_entropy (ids)
%!  p = accumarray (ids(:), 1);
%!  p = p(p > 0) / numel (ids);
%!  h = -sum (p .* log2 (p));
%!endfunction

## I(X;T), I(T;Y) from the states of T: H(T) - sum_x p(x) H(T | X = x), and likewise for Y.
%!function [ixt, ity, h_t, n_states] = ref_plane (D, X, y)
%!  n = rows (D);
%!  [~, ~, t] = unique (D, "rows");
%!  [~, ~, x] = unique (X, "rows");
%!  [~, ~, c] = unique (y(:));
%!  h_t = ref_entropy (t);
%!  n_states = max (t);
%!  h_tx = 0;
%!  for i = 1:max (x)
%!    in = (x == i);
%!    h_tx += nnz (in) / n * ref_entropy (t(in));
%!  endfor
%!  h_ty = 0;
%!  for i = 1:max (c)
%!    in = (c == i);
%!    h_ty += nnz (in) / n * ref_entropy (t(in));
%!  endfor
%!  ixt = h_t - h_tx;
%!  ity = h_t - h_ty;
%!endfunction

## Equal-mass bins per column: edges s(ceil (k n / B)), bin = number of edges < v.
%!function C = ref_adaptive_codes (T, B)
%!  [n, w] = size (T);
%!  C = zeros (n, w);
%!  r = ceil ((1:B-1)' * n / B);
%!  for j = 1:w
%!    s = sort (T(:,j));
%!    e = s(r);
%!    C(:,j) = sum (T(:,j) > e(:)', 2);
%!  endfor
%!endfunction

## The largest single at or below v.
%!function f = ref_single_down (v)
%!  f = single (v);
%!  if (double (f) > v)
%!    if (f > 0)
%!      f = typecast (typecast (f, "uint32") - 1, "single");
%!    elseif (f < 0)
%!      f = typecast (typecast (f, "uint32") + 1, "single");
%!    else
%!      f = -realmin ("single") * eps ("single");   # the negative subnormal next to 0
%!    endif
%!  endif
%!  f = double (f);
%!endfunction

## Data like a tanh layer: inputs with repeated rows, T a function of X, with some values
## exactly at float32 edges of linspace (-1, 1, nbins) and some outside [-1, 1].
%!function [T, X, y] = ref_data (n, width, nbins, seed)
%!  rand ("state", seed);
%!  randn ("state", seed);
%!  Xu = double (rand (ceil (n / 3), 6) > 0.5) + 0.1 * randn (ceil (n / 3), 6);
%!  X = Xu(randi (rows (Xu), n, 1), :);
%!  X(1:rows (Xu), :) = Xu;
%!  W = randn (6, width);
%!  T = tanh (X * W);
%!  y = double (X(:,1) + X(:,2) > 1) + 2 * double (X(:,3) > 0.5);
%!  step = 2 / (nbins - 1);
%!  at_edge = rand (n, width) < 0.05;
%!  edge_values = double (single (randi ([0, nbins - 1], n, width) * step - 1));
%!  T(at_edge) = edge_values(at_edge);
%!  outside = rand (n, width) < 0.01;
%!  T(outside) = -1 - rand (nnz (outside), 1);
%!  T(rand (n, width) < 0.01) = 1;
%!endfunction

## "bin" equals the reference with the paper's fixed range, including exact edges and the
## wrap (values below -1).
%!test
%! for cfg = {[1000, 10, 30, 1], [500, 3, 2, 2], [800, 5, 7, 3], [300, 1, 30, 4]}
%!   c = cfg{1};
%!   [T, X, y] = ref_data (c(1), c(2), c(3), c(4));
%!   [ixt, ity, info] = ib_layer_mi (T, X, y, "bins", c(3), "range", [-1 1]);
%!   [rixt, rity, rh, rk] = ref_plane (ref_digitize (T, c(3), -1, 1), X, y);
%!   assert ([ixt, ity, info.h_t, info.n_states], [rixt, rity, rh, rk], 1e-12);
%! endfor

## ... and with a narrower range (many values wrap), and the observed range (its ends are
## rounded down to single: the minimum so it does not wrap, the maximum so that the samples
## at it open the top state).
%!test
%! [T, X, y] = ref_data (700, 4, 30, 5);
%! [ixt, ity] = ib_layer_mi (T, X, y, "bins", 12, "range", [-0.5 0.25]);
%! [rixt, rity] = ref_plane (ref_digitize (T, 12, -0.5, 0.25), X, y);
%! assert ([ixt, ity], [rixt, rity], 1e-12);
%! T = T(:, 1:3) * 0.3 + 0.1;     # an observed range not on float32 values
%! lo = ref_single_down (min (T(:)));
%! hi = ref_single_down (max (T(:)));
%! [ixt, ity, info] = ib_layer_mi (T, X, y, "bins", 30);
%! [rixt, rity, rh] = ref_plane (ref_digitize (T, 30, lo, hi), X, y);
%! assert ([ixt, ity, info.h_t], [rixt, rity, rh], 1e-12);

## "bin" through ib_mi and ib_entropy: the same states.
%!test
%! [T, X, y] = ref_data (600, 4, 30, 6);
%! D = ref_digitize (T, 30, -1, 1);
%! [~, ~, t] = unique (D, "rows");
%! [~, ~, c] = unique (y);
%! assert (ib_entropy (T, "range", [-1 1]), ref_entropy (t), 1e-12);
%! h_joint = ref_entropy (t + max (t) * (c - 1));
%! assert (ib_mi (T, y, "range", [-1 1]), ref_entropy (t) + ref_entropy (c) - h_joint, 1e-12);

## The paper's own procedure in numpy (skipped when no python3 with numpy is found).
## The python3 whose numpy the cross-check runs ("" when there is none).
%!function py = python_with_numpy ()
%!  py = "";
%!  for cand = {"python3", "/usr/bin/python3"}
%!    if (system ([cand{1} " -c \"import numpy\" 2>/dev/null"]) == 0)
%!      py = cand{1};
%!      return;
%!    endif
%!  endfor
%!endfunction
%!testif ; ! isempty (python_with_numpy ())
%! py = python_with_numpy ();
%! script = {
%!   "import sys, numpy as np"
%!   "d = np.fromfile(sys.argv[1], dtype=np.float64)"
%!   "n, w, dx, nb = (int(v) for v in d[:4]); lo, hi = d[4], d[5]; o = 6"
%!   "T = d[o:o + n * w].reshape(w, n).T; o += n * w"
%!   "X = d[o:o + n * dx].reshape(dx, n).T; o += n * dx"
%!   "y = d[o:o + n].reshape(n, 1)"
%!   "bins = np.linspace(lo, hi, nb).astype(np.float32)"
%!   "digitized = bins[np.digitize(np.squeeze(T.reshape(1, -1)), bins) - 1].reshape(len(T), -1)"
%!   "def probs(a):"
%!   "    a = np.ascontiguousarray(a)"
%!   "    v = a.view(np.dtype((np.void, a.dtype.itemsize * a.shape[1])))"
%!   "    _, inv, cnt = np.unique(v, return_inverse=True, return_counts=True)"
%!   "    return cnt / float(np.sum(cnt)), inv.ravel()"
%!   "def cond(p, inv):"
%!   "    return sum(p[i] * -np.sum(q * np.log2(q)) for i in range(len(p)) for q in [probs(digitized[inv == i, :])[0]])"
%!   "pt, _ = probs(digitized)"
%!   "H = -np.sum(pt * np.log2(pt))"
%!   "px, ix = probs(X)"
%!   "py, iy = probs(y)"
%!   "print('%.17g %.17g %.17g' % (H - cond(px, ix), H - cond(py, iy), H))"
%! };
%! base = tempname ();
%! unwind_protect
%!   fid = fopen ([base ".py"], "w");
%!   fprintf (fid, "%s\n", script{:});
%!   fclose (fid);
%!   for cfg = {[800, 10, 30, 7], [600, 2, 8, 8], [500, 1, 30, 9]}
%!     c = cfg{1};
%!     [T, X, y] = ref_data (c(1), c(2), c(3), c(4));
%!     fid = fopen ([base ".bin"], "w");
%!     fwrite (fid, [c(1), c(2), columns(X), c(3), -1, 1, T(:)', X(:)', y(:)'], "double");
%!     fclose (fid);
%!     [st, out] = system (sprintf ("%s %s.py %s.bin", py, base, base));
%!     assert (st, 0);
%!     paper = sscanf (out, "%f")';
%!     [ixt, ity, info] = ib_layer_mi (T, X, y, "bins", c(3), "range", [-1 1]);
%!     assert ([ixt, ity, info.h_t], paper, 1e-9);
%!   endfor
%! unwind_protect_cleanup
%!   unlink ([base ".py"]);
%!   unlink ([base ".bin"]);
%! end_unwind_protect

## Inequalities on random activations (T a function of X, so Y - X - T is a Markov chain
## of the empirical distribution): 0 <= I(T;Y) <= I(X;Y), 0 <= I(X;T) <= H(X),
## I(T;Y) <= I(X;T); for both binning estimators and several bin counts.
%!test
%! for seed = 1:3
%!   [T, X, y] = ref_data (900, 6, 30, 10 + seed);
%!   y(1:7:end) = 4;                    # Y not a function of X
%!   [~, first, x_id] = unique (X, "rows");
%!   T = T(first(x_id), :);              # T a function of X
%!   h_x = ib_entropy (x_id);
%!   i_xy = ib_mi (x_id, y);
%!   for opt = {{"bins", 30}, {"bins", 5, "range", [-1 1]}, {"bin_width", 0.05}, ...
%!              {"estimator", "adaptive"}, {"estimator", "adaptive", "adaptive_bins", 3}}
%!     [ixt, ity] = ib_layer_mi (T, X, y, opt{1}{:});
%!     assert (ity >= 0 && ity <= i_xy + 1e-12);
%!     assert (ixt >= 0 && ixt <= h_x + 1e-12);
%!     assert (ity <= ixt + 1e-12);
%!   endfor
%! endfor

## Permuting the rows and relabelling the classes (and renumbering the inputs' order)
## change nothing.
%!test
%! [T, X, y] = ref_data (1000, 8, 30, 20);
%! p = randperm (1000);
%! relabel = [7 -3 12 0];
%! for opt = {{"range", [-1 1]}, {}, {"estimator", "adaptive", "adaptive_bins", 6}}
%!   [ixt, ity, info] = ib_layer_mi (T, X, y, opt{1}{:});
%!   [ixt2, ity2, info2] = ib_layer_mi (T(p,:), X(p,:), relabel(y(p) + 1), opt{1}{:});
%!   assert ([ixt2, ity2, info2.h_t, info2.n_states], [ixt, ity, info.h_t, info.n_states], 1e-12);
%! endfor

## "adaptive" equals its plain-Octave reference (ties included), layer, mi and entropy.
%!test
%! for cfg = {[1000, 10, 30, 30], [500, 4, 30, 7], [300, 2, 30, 2]}
%!   c = cfg{1};
%!   [T, X, y] = ref_data (c(1), c(2), c(3), c(4));
%!   T(1:5:end, 1) = 0.25;              # a long run of ties
%!   C = ref_adaptive_codes (T, c(4));
%!   [ixt, ity, info] = ib_layer_mi (T, X, y, "estimator", "adaptive", "adaptive_bins", c(4));
%!   [rixt, rity, rh, rk] = ref_plane (C, X, y);
%!   assert ([ixt, ity, info.h_t, info.n_states], [rixt, rity, rh, rk], 1e-12);
%!   assert (ib_entropy (T, "estimator", "adaptive", "adaptive_bins", c(4)), rh, 1e-12);
%!   assert (ib_mi (T, y, "estimator", "adaptive", "adaptive_bins", c(4)), rity, 1e-12);
%! endfor
