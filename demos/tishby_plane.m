## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Reproduces the information plane of Shwartz-Ziv & Tishby (2017, Fig. 3 setting): the
## [12 10 7 5 4 3 2] tanh network, Adam with learning rate 4e-4, batch 512, 80 % of the
## 12-bit data for training, 8000 epochs, binning with 30 edges on [-1, 1], MI recorded at
## 400 log-spaced epochs. About 20 s here. Writes doc/information_plane_tanh.png (or the file
## named by the IB_FIGURE environment variable).
## Run from the repository root: octave --no-gui demos/tishby_plane.m
if (! exist ("ib_train", "file"))
  addpath (fullfile (pwd (), "src"), fullfile (pwd (), "inst"));
endif
if (isempty (getenv ("DISPLAY")))
  graphics_toolkit ("gnuplot");
  set (0, "defaultfigurevisible", "off");
endif
file = getenv ("IB_FIGURE");
if (isempty (file))
  file = fullfile ("doc", "information_plane_tanh.png");
endif
## the paper's own labels when its var_u.mat lies beside the repository (never shipped here)
var_u = fullfile (pwd (), "..", "shared", "data", "var_u.mat");
if (exist (var_u, "file"))
  [X, y] = ib_dataset ("tishby", var_u);
else
  [X, y] = ib_dataset ("tishby");
endif
res = ib_train (X, y, "layers", [10 7 5 4 3], "activation", "tanh", "optimizer", "adam",
                "learning_rate", 4e-4, "batch_size", 512, "train_fraction", 0.8,
                "epochs", 8000, "seed", 0);
figure ("position", [100 100 800 600]);
ib_plane (res);
print (gcf (), "-dpngcairo", "-r100", file);
printf ("train accuracy %.3f, test accuracy %.3f; figure written to %s\n",
        res.acc_train(end), res.acc_test(end), file);

