## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The gradients' signal and noise (Shwartz-Ziv & Tishby 2017, Fig. 5; Saxe et al. 2018,
## Fig. 5): per weight layer the norm of the mean of each epoch's minibatch gradients and
## the norm of their spread, averaged over 20 runs of the paper's setting (12-bit data,
## [10 7 5 4 3] tanh, Adam 4e-4, batch 512, 8000 epochs). Drift while the mean dominates,
## diffusion once the spread exceeds it; prints the epoch from which each layer's mean
## stays below its spread. Writes doc/gradient_snr.png (or the file named by IB_FIGURE).
## Run: octave --no-gui demos/gradient_snr.m
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
[X, y] = tishby_data ();
tic;
res = ib_train (X, y, "layers", [10 7 5 4 3], "epochs", 8000, "runs", 20, "seed", 1,
                "verbose", false);
printf ("20 runs x 8000 epochs: %.1f s\n", toc);
figure ("position", [100 100 800 500]);
h = ib_snr (res);
names = [arrayfun(@(l) sprintf ("layer %d", l), 1:numel (h.crossing) - 1,
                  "UniformOutput", false), {"output"}];
for l = 1:numel (h.crossing)
  printf ("%-8s mean below the spread from epoch %g on\n", names{l}, h.crossing(l));
endfor
file = figure_file ("gradient_snr.png");
print (gcf (), "-dpngcairo", "-r100", file);
printf ("figure written to %s\n", file);
