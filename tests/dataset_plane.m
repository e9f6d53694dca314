## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Tests across ib_dataset, ib_train and ib_plane: the generated 12-bit task is learnable
## by the paper's network, and a trained result draws as its information plane.
## Run: test ("tests/dataset_plane.m") with inst/ and src/ on the path.

## A plain-Octave reference of the paper's network (tanh [10 7 5 4 3], softmax output,
## Adam, batch 512): training accuracy after `epochs` epochs on all rows.
%!function acc = reference_train_accuracy (X, y, epochs, learning_rate, seed)
%!  rand ("seed", seed);  randn ("seed", seed);
%!  widths = [columns(X) 10 7 5 4 3 2];
%!  L = numel (widths) - 1;
%!  for l = 1:L
%!    W{l} = randn (widths(l), widths(l+1)) / sqrt (widths(l));  b{l} = zeros (1, widths(l+1));
%!    mW{l} = vW{l} = 0 * W{l};  mb{l} = vb{l} = 0 * b{l};
%!  endfor
%!  n = rows (X);  Y = [y == 0, y == 1];  step = 0;  beta1 = 0.9;  beta2 = 0.999;
%!  for epoch = 1:epochs
%!    order = randperm (n);
%!    for first = 1:512:n
%!      rows_b = order(first:min (first + 511, n));
%!      A{1} = X(rows_b,:);
%!      for l = 1:L-1
%!        A{l+1} = tanh (A{l} * W{l} + b{l});
%!      endfor
%!      Z = A{L} * W{L} + b{L};  P = exp (Z - max (Z, [], 2));  P ./= sum (P, 2);
%!      D = (P - Y(rows_b,:)) / numel (rows_b);
%!      step += 1;
%!      for l = L:-1:1
%!        gW = A{l}' * D;  gb = sum (D, 1);
%!        if (l > 1)
%!          D = (D * W{l}') .* (1 - A{l} .^ 2);
%!        endif
%!        mW{l} = beta1 * mW{l} + (1 - beta1) * gW;  vW{l} = beta2 * vW{l} + (1 - beta2) * gW .^ 2;
%!        mb{l} = beta1 * mb{l} + (1 - beta1) * gb;  vb{l} = beta2 * vb{l} + (1 - beta2) * gb .^ 2;
%!        W{l} -= learning_rate * (mW{l} / (1 - beta1^step)) ./ (sqrt (vW{l} / (1 - beta2^step)) + 1e-8);
%!        b{l} -= learning_rate * (mb{l} / (1 - beta1^step)) ./ (sqrt (vb{l} / (1 - beta2^step)) + 1e-8);
%!      endfor
%!    endfor
%!  endfor
%!  A = X;
%!  for l = 1:L-1
%!    A = tanh (A * W{l} + b{l});
%!  endfor
%!  Z = A * W{L} + b{L};
%!  acc = mean ((Z(:,2) > Z(:,1)) == y);
%!endfunction

## The generated task is learnable: the paper's network passes 90 % training accuracy
## (while the count of active units alone gives at most 84.5 %, see ib_dataset).
%!test
%! [X, y] = ib_dataset ("tishby");
%! assert (reference_train_accuracy (X, y, 300, 1e-3, 1) > 0.9);

## ... and so does ib_train's network, whose result ib_plane then draws.
%!test
%! if (true)
%!   [X, y] = ib_dataset ("tishby");
%!   res = ib_train (X, y, "epochs", 800, "mi_epochs", [0 10 100 800], "seed", 1,
%!                   "verbose", false);
%!   assert (res.acc_train(end) > 0.9);
%!   assert (res.I_XY, res.H_Y, 1e-12);       # the label is a function of the pattern
%!   f = figure ("visible", "off");
%!   unwind_protect
%!     h = ib_plane (res);
%!     assert (numel (h.lines), 6);
%!     for l = 1:6
%!       assert (get (h.lines(l), "xdata")(:), res.IXT(:,l));
%!       assert (get (h.lines(l), "ydata")(:), res.ITY(:,l));
%!     endfor
%!     assert (get (h.legend, "string")(1:6), {"layer 1", "layer 2", "layer 3", "layer 4", ...
%!                                             "layer 5", "output"});
%!     assert (get (h.title, "string"), "tanh [10 7 5 4 3], estimator bin");
%!     assert (get (h.ixy, "ydata"), [res.I_XY res.I_XY]);
%!   unwind_protect_cleanup
%!     close (f);
%!   end_unwind_protect
%! endif

## The paper's labels (when a copy is available) and the generated ones share the input
## patterns row for row, so results on either draw on the same I(X;T) scale: H(X) = 12.
%!testif ; exist (fullfile (fileparts (fileparts (which ("ib_dataset"))), "..", "shared", "data", "var_u.mat"), "file") == 2
%! files = {fullfile(fileparts (fileparts (which ("ib_dataset"))), "..", "shared", "data", "var_u.mat")};
%! if (true)
%!   [X, y] = ib_dataset ("tishby");
%!   [Xp, yp] = ib_dataset ("tishby", files{1});
%!   assert (Xp, X);
%!   assert (round (mean (yp) * 1e4) / 1e4, 0.5171);
%!   assert (! isequal (yp, y));              # the generated labels are not the paper's
%! endif

## A synthetic result with the layout of ib_train's (two estimators) drawn with every
## option at once, into a given axes, and printed.
%!test
%! E = 5;
%! res.epochs = [0; 1; 10; 100; 1000];
%! res.IXT = [linspace(11, 12, E)', linspace(6, 4, E)'];
%! res.ITY = [linspace(0.3, 0.9, E)', linspace(0.2, 0.85, E)'];
%! res.I_XY = 1;  res.H_X = 12;  res.H_Y = 1;  res.n_train = 3277;
%! res.options = struct ("layers", 10, "activation", "relu", "estimator", {{"bin", "knn"}});
%! res.estimators = {"bin", "knn"};
%! res.mi.bin = struct ("IXT", res.IXT, "ITY", res.ITY);
%! res.mi.knn = struct ("IXT", res.IXT - 1, "ITY", res.ITY - 0.1);
%! curve = struct ("IXT", [0; 1; 3; 12], "ITY", [0; 0.6; 0.95; 1]);
%! f = figure ("visible", "off");
%! png = [tempname() ".png"];
%! unwind_protect
%!   ax = axes ("parent", f);
%!   args = {"parent", ax, "estimator", "knn", "curve", curve, "annotate", true};
%!   if (exist ("ib_bound", "file"))
%!     args(end+1:end+2) = {"bound", true};
%!   endif
%!   h = ib_plane (res, args{:});
%!   assert (get (h.lines(2), "xdata")(:), res.IXT(:,2) - 1);
%!   assert (get (h.title, "string"), "relu [10], estimator knn");
%!   ## last points (11, 0.8) and (3, 0.75): curve at 11 is 0.95 + 8/9 * 0.05
%!   assert (h.gap, [0.8 - (0.95 + 0.05 * 8 / 9), 0.75 - 0.95], 1e-12);
%!   if (strcmp (graphics_toolkit (), "gnuplot"))
%!     print (f, "-dpngcairo", png);
%!   else
%!     print (f, "-dpng", png);
%!   endif
%!   d = dir (png);
%!   assert (numel (d) == 1 && d.bytes > 1000);
%! unwind_protect_cleanup
%!   close (f);
%!   if (exist (png, "file"))
%!     delete (png);
%!   endif
%! end_unwind_protect
