## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The exact information plane of quantized networks (after Lorenzen, Igel & Nielsen 2022,
## "Information bottleneck: exact analysis of (quantized) neural networks"): the
## [12 10 7 5 4 3 2] network of Shwartz-Ziv & Tishby (2017) on their 12-bit data, with the
## activations of every layer (the softmax output included) quantized to 8 bits, trained
## with the straight-through estimator (Adam, learning rate 4e-4, batch 512, 80 % of the
## rows, 8000 epochs), 10 runs each of: tanh (levels on [-1, 1]), relu with the default
## fixed range [0, 6], and relu with the range [0, 32], which clips far less but has
## coarser levels. MI is the exact I(X;T) and I(T;Y) of the quantized states (estimator
## "exact") over all 4096 rows at the paper's 274 recorded epochs: no binning, no estimate.
## Prints each run's final train accuracy; per layer the mean over runs of the peak and
## final I(X;T), the compression (peak - final; mean and median) with the number of runs
## that compress by more than 0.01 bits, the final I(T;Y), and the share of the layer's
## activations (all rows, final weights, recomputed here) that the range clipped.
## Writes doc/quantized_plane.png (or the file named by IB_FIGURE).
## Run: octave --no-gui demos/quantized_plane.m   (one to three minutes on two cores)
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
[X, y] = tishby_data ();
cases = {"tanh", []; "relu", []; "relu", [0 32]};
runs = 10;
figure ("position", [100 100 1500 520]);
for c = 1:rows (cases)
  act = cases{c,1};
  range = {};
  if (! isempty (cases{c,2}))
    range = {"quantize_range", cases{c,2}};
  endif
  tic;
  res = ib_train (X, y, "layers", [10 7 5 4 3], "activation", act, "quantize", 8, range{:},
                  "estimator", "exact", "learning_rate", 4e-4, "batch_size", 512,
                  "train_fraction", 0.8, "epochs", 8000, "runs", runs, "seed", 1,
                  "verbose", false);
  hi = res.quantize_range(2, 1);
  name = sprintf ("%s on [%g, %g]", act, res.quantize_range(1, 1), hi);
  printf ("\n%s, 8 bits: %d runs x 8000 epochs in %.0f s on %d threads; ", name, runs, toc,
          res.options.threads);
  printf ("train accuracy %.3f +- %.3f, test accuracy %.3f +- %.3f\n",
          mean (res.acc_train(end,:)), std (res.acc_train(end,:)),
          mean (res.acc_test(end,:)), std (res.acc_test(end,:)));
  printf ("train accuracy of each run: %s\n", sprintf ("%.3f ", res.acc_train(end,:)));
  ## the share of each hidden layer's activations beyond the range, from the final weights
  L = columns (res.IXT);
  clipped = zeros (L - 1, runs);
  f = struct ("tanh", @tanh, "relu", @(a) max (a, 0)).(act);
  for r = 1:runs
    A = X;
    for l = 1:L-1
      A = f (A * res.W{l}(:,:,r) + res.b{l}(:,:,r));
      clipped(l, r) = mean (A(:) > hi);
      lo = res.quantize_range(1, l);
      step = (hi - lo) / (2^8 - 1);
      A = lo + floor ((min (max (A, lo), hi) - lo) / step + 0.5) * step;
    endfor
  endfor
  printf (["layer  peak I(X;T)  final I(X;T)  compression (median)  runs > 0.01  " ...
           "final I(T;Y)  clipped\n"]);
  peak = squeeze (max (res.IXT, [], 1));            # L x R
  final = squeeze (res.IXT(end, :, :));
  for l = 1:L
    printf ("%5d  %11.3f  %12.3f  %11.3f (%6.3f)  %8d/%d  %12.3f", l, mean (peak(l,:)),
            mean (final(l,:)), mean (peak(l,:) - final(l,:)),
            median (peak(l,:) - final(l,:)), sum (peak(l,:) - final(l,:) > 0.01), runs,
            mean (res.ITY(end, l, :)));
    if (l < L)
      printf ("  %7.3f\n", mean (clipped(l,:)));
    else
      printf ("\n");
    endif
  endfor
  ax = subplot (1, rows (cases), c);
  ib_plane (res, "parent", ax, "xlim", [0 12.3], "ylim", [0 1.02], "legend", c == 3,
            "title", sprintf ("%s, 8 bits, exact MI (mean of %d runs)", name, runs));
endfor
file = figure_file ("quantized_plane.png");
print (gcf (), "-dpngcairo", "-r100", file);
printf ("figure written to %s\n", file);
