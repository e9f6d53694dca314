## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The paper's information plane averaged over 50 networks (Shwartz-Ziv & Tishby 2017,
## Fig. 3 setting): the [12 10 7 5 4 3 2] tanh network, Adam with learning rate 4e-4, batch
## 512, 80 % of the 12-bit data for training (each run its own split), 8000 epochs, binning
## with 30 edges on [-1, 1], MI at the paper's 274 recorded epochs; 50 seeds trained at once
## on every core. Draws the mean trajectory of each layer with the spread over the runs as
## error bars and prints the per-layer summary (peaks, compression, 95 % intervals).
## Writes doc/plane_50_runs.png (or the file named by IB_FIGURE).
## Run: octave --no-gui demos/plane_50_runs.m
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
[X, y] = tishby_data ();
tic;
res = ib_train (X, y, "layers", [10 7 5 4 3], "activation", "tanh", "learning_rate", 4e-4,
                "batch_size", 512, "train_fraction", 0.8, "epochs", 8000, "runs", 50,
                "seed", 1, "verbose", false);
printf ("50 runs x 8000 epochs: %.1f s on %d threads; test accuracy %.3f +- %.3f\n",
        toc, res.options.threads, mean (res.acc_test(end,:)), std (res.acc_test(end,:)));
ib_summary (res);
figure ("position", [100 100 800 600]);
ib_plane (res, "runs", "errorbars");
file = figure_file ("plane_50_runs.png");
print (gcf (), "-dpngcairo", "-r100", file);
printf ("figure written to %s\n", file);
