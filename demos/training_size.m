## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The size of the training set (Shwartz-Ziv & Tishby 2017, Fig. 4): the paper's setting
## (the [12 10 7 5 4 3 2] tanh network, Adam 4e-4, batch 512, 8000 epochs, 30 bins on
## [-1, 1]) trained on 5 %, 45 % and 85 % of the 12-bit data, 10 runs each, MI on all
## rows as in the paper. With little data the deep layers' I(T;Y) falls late in training
## (overfitting); prints each fraction's peak and final I(T;Y) of the last hidden layer.
## Writes doc/training_size.png (or the file named by IB_FIGURE).
## Run: octave --no-gui demos/training_size.m
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
[X, y] = tishby_data ();
fractions = [0.05 0.45 0.85];
tic;
res = ib_train (X, y, "layers", [10 7 5 4 3], "epochs", 8000, "runs", 10, "seed", 1,
                "train_fraction", fractions, "verbose", false);
printf ("3 fractions x 10 runs x 8000 epochs: %.1f s\n", toc);
for i = 1:numel (res)
  ity = res(i).ITY_mean(:, end-1);     # the last hidden layer
  [peak, at] = max (ity);
  printf (["train %2.0f %%: test accuracy %.3f; last hidden layer I(T;Y) peaks at %.3f " ...
           "bits (epoch %d), ends at %.3f (%+.3f)\n"], 100 * fractions(i),
          mean (res(i).acc_test(end,:)), peak, res(i).epochs(at), ity(end), ity(end) - peak);
endfor
figure ("position", [50 50 1500 500]);
ib_plane (res);
file = figure_file ("training_size.png");
print (gcf (), "-dpngcairo", "-r80", file);
printf ("figure written to %s\n", file);
