## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Benchmark (not a test): a wide network on the BLAS path in single against double
## precision, measured in the same run: Saxe et al.'s MNIST network (784-1024-20-20-20-10
## relu, Adam, batch 128, as demos/mnist_plane.m) on Debian's Fashion-MNIST test set
## (10000 rows), training only (no MI recorded), a few epochs each, the best of three
## alternating calls. Needs Debian's dataset-fashion-mnist.
## Run from the repository root after `make`: octave --no-gui bench/bench_wide.m
addpath (fullfile (pwd (), "src"), fullfile (pwd (), "inst"));
try
  [X, y] = ib_dataset ("fashion-mnist-test");
catch err
  printf ("skipped: %s\n", err.message);
  return;
end_try_catch
epochs = 4;
args = {"layers", [1024 20 20 20], "activation", "relu", "batch_size", 128, "epochs", ...
        epochs, "mi_epochs", [], "verbose", false, "seed", 1};
best = struct ("double", [Inf Inf], "single", [Inf Inf]);
for k = 1:3
  for prec = {"double", "single"}
    t0 = tic (); c0 = cputime ();
    r = ib_train (X, y, args{:}, "precision", prec{1});
    best.(prec{1}) = min (best.(prec{1}), [toc(t0), cputime() - c0] / epochs);
    W1.(prec{1}) = r.W{1};
  endfor
endfor
printf ("wide network 784-1024-20-20-20-10, %d rows, batch 128, OpenBLAS threads: %s\n",
        rows (X), getenv ("OPENBLAS_NUM_THREADS"));
printf ("  double  %.3f s an epoch [CPU %.3f]\n", best.double);
printf ("  single  %.3f s an epoch [CPU %.3f]; max |W1 single - W1 double| %.2g\n",
        best.single, max (abs (W1.single(:) - W1.double(:))));
printf ("  single / double speed  %.2f x  [CPU %.2f x]\n", best.double ./ best.single);
