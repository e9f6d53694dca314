## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Tests across ib_curve, ib_joint, ib_bound, ib_dataset and ib_plane: the IB curve against
## closed forms from the literature and a brute-force search over encoders written here in
## plain Octave, on small joints and on the 12-bit task.
## Run: test ("tests/ib_curve_theory.m") with inst/ and src/ on the path.

## Every encoder p(t|x) with |T| = 2 whose p(t = 0 | x) lie on the grid 0:1/grid:1:
## their I(X;T) and I(T;Y) in bits.
%!function [ixt, ity] = brute_force_two_clusters (pxy, grid)
%!  nx = rows (pxy);
%!  axes_ = repmat ({(0:grid)' / grid}, 1, nx);
%!  [c{1:nx}] = ndgrid (axes_{:});
%!  E = cell2mat (cellfun (@(a) a(:), c, "uniformoutput", false));   # encoders x |X|
%!  px = sum (pxy, 2);  py = sum (pxy, 1);
%!  plogp = @(p) p .* log2 (p + (p == 0));
%!  pt0 = E * px;  pt1 = 1 - pt0;
%!  ## I(X;T) = H(T) - H(T|X)
%!  ixt = -plogp (pt0) - plogp (pt1) + (plogp (E) + plogp (1 - E)) * px;
%!  ## I(T;Y) = H(Y) - H(Y|T) with p(t, y)
%!  pty0 = E * pxy;  pty1 = py - pty0;
%!  ity = -sum (plogp (py)) + sum (plogp (pty0), 2) + sum (plogp (pty1), 2) ...
%!        - plogp (pt0) - plogp (pt1);
%!endfunction

## The doubly symmetric binary source (X uniform, Y = X flipped with probability q): the
## IB curve is Mrs Gerber's lemma, I(T;Y) = 1 - h(q * h^-1(1 - I(X;T))), a * b =
## a (1 - b) + (1 - a) b, reached by T = X flipped with probability h^-1(1 - I(X;T)).
%!function ity = mrs_gerber (ixt, q)
%!  h = @(p) -p .* log2 (p) - (1 - p) .* log2 (1 - p);
%!  ity = zeros (size (ixt));
%!  for i = 1:numel (ixt)
%!    if (ixt(i) >= 1)
%!      p = 0;
%!    elseif (ixt(i) <= 0)
%!      p = 0.5;
%!    else
%!      p = fzero (@(p) h (p) - (1 - ixt(i)), [1e-300, 0.5], optimset ("TolX", 1e-16));
%!    endif
%!    a = p * (1 - q) + (1 - p) * q;
%!    ity(i) = 1 - (a > 0 && a < 1) * h (a);
%!  endfor
%!endfunction

## The shape every reported curve has.
%!function check_shape (c, pxy)
%!  px = sum (pxy, 2);  py = sum (pxy, 1);
%!  nz = pxy > 0;
%!  ixy = sum (pxy(nz) .* log2 (pxy(nz) ./ (px * py)(nz)));
%!  hx = -sum (px(px > 0) .* log2 (px(px > 0)));
%!  assert (c.I_XY, ixy, 1e-12);
%!  assert (c.H_X, hx, 1e-12);
%!  assert ([c.IXT(1) c.ITY(1)], [0 0]);
%!  assert ([c.IXT(end) c.ITY(end)], [hx ixy], 1e-12);
%!  assert (all (diff (c.IXT) > 0));
%!  assert (all (diff (c.ITY) >= 0));
%!  slopes = diff (c.ITY) ./ diff (c.IXT);
%!  assert (all (diff (slopes) <= 1e-12));                 # concave
%!  assert (all (c.ITY <= min (c.IXT, ixy) + 1e-12));
%!  assert (all (c.raw_ITY <= min (c.raw_IXT, ixy) + 1e-12));
%!endfunction

## closed form: Mrs Gerber's lemma at every vertex, and between vertices within curve_tol
%!test
%! for q = [0.02 0.1 0.3]
%!   c = ib_curve ([1-q, q; q, 1-q] / 2);
%!   check_shape (c, [1-q, q; q, 1-q] / 2);
%!   assert (c.ITY, mrs_gerber (c.IXT, q), 1e-6);
%!   x = linspace (0, 1, 201)';
%!   assert (interp1 (c.IXT, c.ITY, x), mrs_gerber (x, q), 1e-4 + 1e-6);
%! endfor

## closed form: an erasure channel (Y = X, or erased with probability e) has
## I(T;Y) = (1 - e) I(X;T) for every encoder: the curve is that line
%!test
%! px = [0.4; 0.35; 0.25];  e = 0.2;
%! pxy = [diag(px) * (1 - e), px * e];
%! c = ib_curve (pxy);
%! check_shape (c, pxy);
%! assert (c.ITY, (1 - e) * c.IXT, 1e-9);
%! assert (c.raw_ITY, (1 - e) * c.raw_IXT, 1e-9);

## brute force over |T| = 2 encoders: no encoder of the grid does better than the
## Lagrangian of any point found with max_cardinality 2 (it lies under every tangent of
## slope 1/beta), and none lies above the full curve
%!test
%! joints = {[0.3 0.1; 0.05 0.25; 0.2 0.1],
%!           [0.1 0.15 0.05; 0.2 0.05 0.1; 0.05 0.1 0.2],
%!           [0.2 0.02; 0.1 0.1; 0.03 0.25; 0.15 0.15]};
%! grids = [60 60 24];
%! for j = 1:numel (joints)
%!   pxy = joints{j};
%!   [bx, by] = brute_force_two_clusters (pxy, grids(j));
%!   c2 = ib_curve (pxy, "max_cardinality", 2);
%!   assert (all (c2.raw_cardinality <= 2));
%!   for i = find (isfinite (c2.raw_beta))'
%!     above = by - c2.raw_ITY(i) - (bx - c2.raw_IXT(i)) / c2.raw_beta(i);
%!     assert (max (above) <= 1e-6);
%!     ## and the grid comes within its resolution of the point found
%!     assert (max (above) >= -5e-3);
%!   endfor
%!   c = ib_curve (pxy);
%!   check_shape (c, pxy);
%!   assert (all (by <= interp1 (c.IXT, c.ITY, min (max (bx, 0), c.H_X)) + 1e-4 + 1e-9));
%! endfor

## DIB points (deterministic encoders) are never above the IB curve, and its encoders are
## hard with I(X;T) = H(T)
%!test
%! pxy = [0.12 0.03 0.05; 0.02 0.15 0.03; 0.1 0.1 0.05; 0.05 0.05 0.25];
%! ib = ib_curve (pxy);
%! dib = ib_curve (pxy, "method", "dib");
%! check_shape (dib, pxy);
%! assert (all (dib.raw_ITY <= interp1 (ib.IXT, ib.ITY, dib.raw_IXT) + 1e-4));
%! for i = 1:numel (ib.raw_beta)
%!   above = dib.raw_ITY - ib.raw_ITY(i) - (dib.raw_IXT - ib.raw_IXT(i)) / ib.raw_beta(i);
%!   assert (max (above) <= 1e-6);
%! endfor
%! assert (dib.raw_IXT, dib.raw_HT, 1e-12);

## deterministic labels: the 12-bit task with its labels gives the exact curve
%!test
%! [X, y] = ib_dataset ("tishby");
%! pxy = ib_joint (X, y);
%! assert (size (pxy), [4096 2]);
%! c = ib_curve (pxy);
%! assert (c.deterministic);
%! p1 = mean (y);
%! hy = -p1 * log2 (p1) - (1 - p1) * log2 (1 - p1);
%! assert (c.IXT, [0; hy; 12], 1e-12);
%! assert (c.ITY, [0; hy; hy], 1e-12);
%! assert (c.I_XY, hy, 1e-12);
%! check_shape (c, pxy);

## labels made slightly noisy stop being deterministic; the iterated curve stays under
## the deterministic one, min(I(X;T), H(Y)), and close to it
%!test
%! f = [0 1 0 2 1 2 2];  px = [0.1 0.2 0.1 0.15 0.15 0.2 0.1]';
%! hard = full (sparse (1:7, f + 1, px));
%! noisy = 0.99 * hard + 0.01 * px / 3;
%! a = ib_curve (hard);
%! b = ib_curve (noisy);
%! assert (a.deterministic && ! b.deterministic);
%! check_shape (b, noisy);
%! x = linspace (0, b.H_X, 50)';
%! exact = interp1 (a.IXT, a.ITY, x);
%! assert (all (interp1 (b.IXT, b.ITY, x) <= exact + 1e-9));
%! assert (all (interp1 (b.IXT, b.ITY, x) >= exact - 0.1));

## soft labels on the 12-bit task: a full curve in seconds, of the right shape, with
## I(X;Y) as computed from the labels; its points lie under I(X;T) and under I(X;Y)
%!test
%! [X, y, info] = ib_dataset ("tishby");
%! p1 = 1 ./ (1 + exp (-2 * (info.score - info.threshold)));
%! pxy = ib_joint (X, [1 - p1, p1]);
%! t0 = tic ();
%! c = ib_curve (pxy);
%! assert (toc (t0) < 10);
%! assert (! c.deterministic && c.all_converged);
%! check_shape (c, pxy);
%! assert (c.n_x_merged, numel (unique (info.score)));
%! ## p(y|x) takes one value per score: H(X') is the entropy of the scores
%! [~, ~, id] = unique (info.score);
%! ps = accumarray (id, 1) / 4096;
%! assert (c.H_X_merged, -sum (ps .* log2 (ps)), 1e-12);

## the curve overlays a network's information plane, and the generalization bound
## shrinks along it towards compression
%!test
%! q = 0.1;
%! c = ib_curve ([1-q, q; q, 1-q] / 2);
%! res.epochs = [0 10 100]';
%! res.IXT = [0.9 0.5; 0.8 0.45; 0.7 0.4];
%! res.ITY = [0.4 0.3; 0.45 0.35; 0.5 0.4];
%! res.I_XY = c.I_XY;  res.H_X = 1;  res.H_Y = 1;
%! res.options = struct ("layers", 4, "activation", "tanh", "estimator", "bin");
%! res.estimators = {"bin"};
%! res.mi.bin = struct ("IXT", res.IXT, "ITY", res.ITY);
%! res.n_train = 100;
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = ib_plane (res, "curve", c);
%!   assert (get (h.curve, "xdata")(:), c.IXT);
%!   assert (get (h.curve, "ydata")(:), c.ITY);
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect
%! e = ib_bound (c.IXT, 1000, 0.05);
%! assert (all (diff (e) > 0));

%!test
%! ## A binned layer is a function of x, hence an encoder of X: every layer of a trained
%! ## network, at every recorded epoch, lies on or below the IB curve of the same empirical
%! ## joint (a noisy 8-bit task, each pattern twice with soft-label-rounded labels).
%! X = double (dec2bin (0:255, 8) == "1");
%! f = X * [1; -2; 1; 1; -1; 2; -1; 1];
%! p1 = 1 ./ (1 + exp (-2 * (f - 0.5)));
%! Xk = [X; X];
%! yk = [double(p1 > 0.25); double(p1 > 0.75)];
%! curve = ib_curve (ib_joint (Xk, yk));
%! assert (! curve.deterministic);
%! res = ib_train (Xk, yk, "layers", [6 4 3], "epochs", 60, "learning_rate", 0.01,
%!                 "batch_size", 64, "mi_epochs", [1 5 20 60], "verbose", false);
%! bound = interp1 (curve.IXT, curve.ITY, res.IXT(:));
%! assert (all (res.ITY(:) <= bound + 1e-9));
%! assert (res.I_XY, curve.I_XY, 1e-9);
