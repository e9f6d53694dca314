## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Reproduces the information plane of Shwartz-Ziv & Tishby (2017, Fig. 3 setting): the
## [12 10 7 5 4 3 2] tanh network, Adam with learning rate 4e-4, batch 512, 80 % of the
## 12-bit data for training, 8000 epochs, binning with 30 edges on [-1, 1], MI recorded at
## the paper's 274 recorded epochs. Writes doc/information_plane_tanh.png (or the file
## named by the IB_FIGURE environment variable).
## Run: octave --no-gui demos/tishby_plane.m
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
[X, y] = tishby_data ();
file = figure_file ("information_plane_tanh.png");
res = ib_train (X, y, "layers", [10 7 5 4 3], "activation", "tanh", "optimizer", "adam",
                "learning_rate", 4e-4, "batch_size", 512, "train_fraction", 0.8,
                "epochs", 8000, "seed", 0);
figure ("position", [100 100 800 600]);
ib_plane (res);
print (gcf (), "-dpngcairo", "-r100", file);
printf ("train accuracy %.3f, test accuracy %.3f; figure written to %s\n",
        res.acc_train(end), res.acc_test(end), file);

