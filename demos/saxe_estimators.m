## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The comparison of Saxe et al. (2018, "On the information bottleneck theory of deep
## learning", Fig. 1): the same network on the 12-bit data with tanh and with ReLU hidden
## layers, each information plane estimated by fixed binning ("bin"), adaptive binning
## ("adaptive") and the KDE upper bound ("kde"), side by side. With binning the tanh
## network compresses and the ReLU network does not; the other estimators tell their own
## story. About 5 minutes here (the KDE bound costs O(n^2) per layer and epoch, so MI is
## recorded at 60 log-spaced epochs). Writes doc/estimators_tanh_relu.png (or the file
## named by the IB_FIGURE environment variable).
## Run from the repository root: octave --no-gui demos/saxe_estimators.m
if (! exist ("ib_train", "file"))
  addpath (fullfile (pwd (), "src"), fullfile (pwd (), "inst"));
endif
if (isempty (getenv ("DISPLAY")))
  graphics_toolkit ("gnuplot");
  set (0, "defaultfigurevisible", "off");
endif
file = getenv ("IB_FIGURE");
if (isempty (file))
  file = fullfile ("doc", "estimators_tanh_relu.png");
endif
var_u = fullfile (pwd (), "..", "shared", "data", "var_u.mat");
if (exist (var_u, "file"))
  [X, y] = ib_dataset ("tishby", var_u);
else
  [X, y] = ib_dataset ("tishby");
endif
epochs = 8000;
mi_epochs = unique (floor (logspace (0, log10 (epochs), 60)));
estimators = {"bin", "adaptive", "kde"};
activations = {"tanh", "relu"};
figure ("position", [50 50 1500 900]);
for a = 1:numel (activations)
  res = ib_train (X, y, "activation", activations{a}, "epochs", epochs,
                  "mi_epochs", mi_epochs, "estimator", estimators, "seed", 0);
  for e = 1:numel (estimators)
    ax = subplot (numel (activations), numel (estimators), (a - 1) * numel (estimators) + e);
    ib_plane (res, "estimator", estimators{e}, "parent", ax);
  endfor
endfor
print (gcf (), "-dpngcairo", "-r80", file);
printf ("figure written to %s\n", file);
