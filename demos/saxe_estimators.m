## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The comparison of Saxe et al. (2018, "On the information bottleneck theory of deep
## learning", Fig. 1) with their settings (github artemyk/ibsgd: the [12 10 7 5 4 3 2]
## network on the 12-bit data, softmax output, Adam with learning rate 4e-4, batch 256,
## 10000 epochs; binning with bins of width 0.07, the KDE upper bound with noise variance
## 1e-3), tanh against ReLU hidden layers. One difference: ib initialises with sd
## 1/sqrt(fan-in) (the paper's code), ibsgd with 1/sqrt of the layer's own width. MI at 50 log-spaced epochs (the KDE bound costs
## O(n^2) per layer and epoch). Prints, for each activation, estimator and hidden layer,
## the peak of I(X;T) and how much of it is lost by the end: whether the layer compresses.
## Writes doc/estimators_tanh_relu.png (or the file named by IB_FIGURE).
## Run: octave --no-gui demos/saxe_estimators.m
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
function s = ifelse_text (c, a, b)
  if (c) s = a; else s = b; endif
endfunction
[X, y] = tishby_data ();
epochs = 10000;
mi_epochs = unique (floor (logspace (0, log10 (epochs), 50)));
estimators = {"bin", "kde"};
activations = {"tanh", "relu"};
figure ("position", [50 50 1100 900]);
for a = 1:numel (activations)
  tic;
  res = ib_train (X, y, "layers", [10 7 5 4 3], "activation", activations{a},
                  "learning_rate", 4e-4, "batch_size", 256, "epochs", epochs,
                  "mi_epochs", mi_epochs, "estimator", estimators, "bin_width", 0.07,
                  "noise_var", 1e-3, "seed", 1, "verbose", false);
  printf ("%s: %.1f s, test accuracy %.3f\n", activations{a}, toc, res.acc_test(end));
  for e = 1:numel (estimators)
    IXT = res.mi.(estimators{e}).IXT;
    for l = 1:numel (res.options.layers)
      [peak, at] = max (IXT(:, l));
      printf ("  %-4s %-4s layer %d: I(X;T) peaks at %6.3f bits (epoch %5d), ends at %6.3f: %s\n",
              activations{a}, estimators{e}, l, peak, res.epochs(at), IXT(end, l),
              ifelse_text (peak - IXT(end, l) > 0.05 * peak, "falls", "does not fall"));
    endfor
    ax = subplot (numel (activations), numel (estimators), (a - 1) * numel (estimators) + e);
    ib_plane (res, "estimator", estimators{e}, "parent", ax);
  endfor
endfor
file = figure_file ("estimators_tanh_relu.png");
print (gcf (), "-dpngcairo", "-r80", file);
printf ("figure written to %s\n", file);
