## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The IB curve of the 12-bit task and of a noisy version of it, and trained networks'
## layers on the plane against the curve.
##  - noisy task: soft labels p(y = 1 | x) = sigmoid (gamma (f(x) - theta)) from the
##    generator score f of ib_dataset ("tishby") (theta its median): the IB curve by the
##    annealed iterations of ib_curve, and the deterministic IB's points below it;
##  - a sample of the noisy task (each pattern K times, round (K p(y = 1 | x)) of the copies
##    labelled 1): a [10 7 5 4 3] tanh network trained on it, its layers drawn by ib_plane
##    against the IB curve of the same empirical joint. A binned layer is a function of x,
##    so every point lies on or below that curve;
##  - the task itself (hard labels, y a function of x): the exact piecewise-linear curve
##    (Kolchinsky et al. 2019), with the network trained on it.
## About 30 s. Writes doc/ib_curve.png (or the file named by IB_FIGURE).
## Run: octave --no-gui demos/demo_ib_curve.m
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
file = figure_file ("ib_curve.png");

## the 4096 patterns and a generator score f
if (exist ("ib_dataset", "file"))
  [X, y, info] = ib_dataset ("tishby");
  f = info.score;
  theta = info.threshold;
else
  X = dec2bin (0:4095, 12) - "0";
  f = sum (X, 2) + 0.5 * sum (X(:, 1:6) .* X(:, 7:12), 2);
  theta = median (f);
  y = double (f >= theta);
endif

## the noisy task
gamma = 2;
p1 = 1 ./ (1 + exp (-gamma * (f - theta)));
pxy_soft = ib_joint (X, [1 - p1, p1]);
t0 = tic ();
curve_soft = ib_curve (pxy_soft);
t_soft = toc (t0);
dib = ib_curve (pxy_soft, "method", "dib");
printf ("noisy 12-bit task (gamma = %g): |X| = %d (%d distinct p(y|x)), I(X;Y) = %.4f bits\n",
        gamma, rows (pxy_soft), curve_soft.n_x_merged, curve_soft.I_XY);
printf ("  IB curve: %d betas solved, %d vertices, all converged: %d, %.2f s\n",
        numel (curve_soft.raw_beta), numel (curve_soft.IXT), curve_soft.all_converged, t_soft);
## a DIB point above the tangent of slope 1/beta at an IB point would beat its Lagrangian
above = max (dib.raw_ITY' - curve_soft.raw_ITY - (dib.raw_IXT' - curve_soft.raw_IXT)
                                                  ./ curve_soft.raw_beta, [], 1);
printf ("  DIB: %d points, the highest %.1e bits above the tangents of the IB points (<= 0: none beats an IB Lagrangian)\n",
        numel (dib.raw_ITY), max (above));

## the task itself, and a network trained on it
curve_hard = ib_curve (ib_joint (X, y));
printf ("hard labels: %s\n", curve_hard.note);
printf ("  corner at I(X;T) = I(T;Y) = H(Y) = %.4f bits\n", curve_hard.IXT(2));
res = ib_train (X, y, "layers", [10 7 5 4 3], "activation", "tanh", "optimizer", "adam",
                "learning_rate", 4e-4, "batch_size", 512, "train_fraction", 0.8,
                "epochs", 2000, "seed", 0, "verbose", false);
m = res.n_train;
printf ("generalization bound (m = %d, delta = 0.05): %.3f at I(X;T) = 12 bits, %.3f at H(Y)\n",
        m, ib_bound (12, m, 0.05), ib_bound (curve_hard.IXT(2), m, 0.05));

## a sample of the noisy task, a network trained on it, and the curve of the same joint
K = 8;
Xk = repmat (X, K, 1);
copy = kron ((1:K)', ones (rows (X), 1));
yk = double (copy <= repmat (round (K * p1), K, 1));
curve_sample = ib_curve (ib_joint (Xk, yk));
res_noisy = ib_train (Xk, yk, "layers", [10 7 5 4 3], "activation", "tanh",
                      "learning_rate", 4e-4, "batch_size", 512, "epochs", 1000,
                      "seed", 0, "verbose", false);
gap = max (res_noisy.ITY(:) - interp1 (curve_sample.IXT, curve_sample.ITY, res_noisy.IXT(:)));
printf ("noisy sample (K = %d): I(X;Y) = %.4f bits; the highest layer point is %.1e bits above the curve (<= 0: all below)\n",
        K, curve_sample.I_XY, gap);

figure ("position", [50 100 1800 500]);
subplot (1, 3, 1);
plot (curve_soft.IXT, curve_soft.ITY, "k-", "linewidth", 1.5);
hold on;
plot (curve_soft.raw_IXT, curve_soft.raw_ITY, "b.", dib.raw_IXT, dib.raw_ITY, "rx");
plot ([0 curve_soft.H_X], curve_soft.I_XY * [1 1], "k--");
hold off;
xlabel ("I(X;T) (bits)");
ylabel ("I(T;Y) (bits)");
title (sprintf ("noisy 12-bit task, gamma = %g (%.1f s)", gamma, t_soft));
legend ("IB curve (concave envelope)", "IB points", "DIB points", "I(X;Y)",
        "location", "southeast");
ax = subplot (1, 3, 2);
ib_plane (res_noisy, "curve", curve_sample, "parent", ax);
title (ax, sprintf ("a sample of the noisy task (K = %d): network and IB curve", K));
ax = subplot (1, 3, 3);
ib_plane (res, "curve", curve_hard, "parent", ax);
title (ax, "12-bit task: a trained network and its exact IB curve");
print (gcf (), "-dpngcairo", "-r90", file);
printf ("figure written to %s\n", file);
