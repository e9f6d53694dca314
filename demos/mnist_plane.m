## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## An MNIST information plane with Saxe et al.'s (2018) MNIST network, 784-1024-20-20-20-10
## with ReLU hidden layers, batch 128, Adam 4e-4, and the KDE upper bound, scaled to run in
## a few minutes here. The noise variance is 1: with 1e-3 (ibsgd's for the 12-bit data) or
## 0.1 every layer of this unbounded ReLU network stays at log2 of the rows, 9.97 bits, at
## every epoch (the rows are far apart next to the noise, so KDE sees only distinct points).
## The data: the 10000 MNIST test images (train 80 %,
## test 20 %; from ../shared/data/mnist, else Debian's Fashion-MNIST test set), 40 epochs,
## MI on 1000 rows at 12 epochs. Wide layers go through OpenBLAS. Prints the peak and
## final I(X;T) of each hidden layer. Writes doc/mnist_plane.png (or IB_FIGURE).
## Run: octave --no-gui demos/mnist_plane.m
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
mnist = fullfile (fileparts (fileparts (demo_dir)), "shared", "data", "mnist");
if (exist (fullfile (mnist, "t10k-images-idx3-ubyte.gz"), "file"))
  [X, y] = ib_dataset ("mnist-test", mnist);  source_name = "MNIST test set";
else
  [X, y] = ib_dataset ("fashion-mnist-test");  source_name = "Fashion-MNIST test set";
endif
tic;
res = ib_train (X, y, "layers", [1024 20 20 20], "activation", "relu",
                "learning_rate", 4e-4, "batch_size", 128, "epochs", 40,
                "mi_epochs", [0 1 2 3 5 7 10 14 20 27 34 40], "mi_rows", 1:1000,
                "estimator", "kde", "noise_var", 1, "seed", 1, "verbose", false);
printf ("%s, 784-1024-20-20-20-10 relu, 40 epochs: %.1f s, test accuracy %.3f\n",
        source_name, toc, res.acc_test(end));
for l = 1:4
  [peak, at] = max (res.IXT(:, l));
  printf ("  layer %d: I(X;T) peaks at %.3f bits (epoch %d), ends at %.3f; I(T;Y) %.3f\n", l,
          peak, res.epochs(at), res.IXT(end, l), res.ITY(end, l));
endfor
figure ("position", [100 100 800 600]);
ib_plane (res);
file = figure_file ("mnist_plane.png");
print (gcf (), "-dpngcairo", "-r100", file);
printf ("figure written to %s\n", file);
