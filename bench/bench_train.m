## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Benchmark (not a test): training epochs per second of the paper's network (12-bit data,
## [10 7 5 4 3] tanh, Adam, batch 512, 80 % train) and binning MI evaluations per second on
## one layer (n = 4096, 10 units), each against a vectorised plain-Octave reference of the
## same computation measured in the same run.
## Run from the repository root after `make`: octave --no-gui bench/bench_train.m
addpath (fullfile (pwd (), "src"), fullfile (pwd (), "inst"));
[X, y] = ib_dataset ("tishby");
n = rows (X);

## --- training: ib_train without MI recording, against the same epochs in plain Octave
epochs = 2000;
t = tic ();
res = ib_train (X, y, "epochs", epochs, "mi_epochs", [], "verbose", false);
t_ours = toc (t);
ours_rate = epochs / t_ours;

ref_epochs = 50;
widths = [12 10 7 5 4 3 2];
L = numel (widths) - 1;
W = cell (1, L); b = cell (1, L); mW = vW = W; mb = vb = b;
for l = 1:L
  W{l} = randn (widths(l), widths(l+1)) / sqrt (widths(l));
  b{l} = zeros (1, widths(l+1));
  mW{l} = vW{l} = zeros (size (W{l})); mb{l} = vb{l} = zeros (size (b{l}));
endfor
train = res.train_idx;
Y1 = full (sparse (1:n, y + 1, 1, n, 2));
lr = 4e-4; b1 = 0.9; b2 = 0.999; ep = 1e-8; step = 0;
t = tic ();
for e = 1:ref_epochs
  order = train(randperm (numel (train)));
  for s = 1:512:numel (order)
    rows_ = order(s:min (s + 511, end));
    A = cell (1, L + 1); A{1} = X(rows_, :);
    for l = 1:L-1
      A{l+1} = tanh (A{l} * W{l} + b{l});
    endfor
    Z = A{L} * W{L} + b{L};
    P = exp (Z - max (Z, [], 2)); P ./= sum (P, 2);
    D = (P - Y1(rows_, :)) / numel (rows_);
    step++;
    lr_t = lr * sqrt (1 - b2^step) / (1 - b1^step);
    for l = L:-1:1
      gW = A{l}' * D; gb = sum (D, 1);
      if (l > 1)
        D = (D * W{l}') .* (1 - A{l}.^2);
      endif
      mW{l} = b1 * mW{l} + (1 - b1) * gW; vW{l} = b2 * vW{l} + (1 - b2) * gW.^2;
      mb{l} = b1 * mb{l} + (1 - b1) * gb; vb{l} = b2 * vb{l} + (1 - b2) * gb.^2;
      W{l} -= lr_t * mW{l} ./ (sqrt (vW{l}) + ep);
      b{l} -= lr_t * mb{l} ./ (sqrt (vb{l}) + ep);
    endfor
  endfor
endfor
ref_rate = ref_epochs / toc (t);

## --- binning MI of one layer: the C estimator against unique/accumarray in Octave
T = tanh (X * randn (12, 10));
reps = 200;
t = tic ();
for r = 1:reps
  [ixt, ity] = ib_layer_mi (T, X, y, "estimator", "bin", "range", [-1 1]);
endfor
mi_rate = reps / toc (t);
edges = double (single (linspace (-1, 1, 30)));
ref_reps = 20;
t = tic ();
for r = 1:ref_reps
  idx = reshape (lookup (edges, T(:)), size (T));
  [~, ~, t_id] = unique (idx, "rows");
  p = accumarray (t_id, 1) / n;
  H_T = -sum (p .* log2 (p));
  [~, ~, ty] = unique ([t_id, y], "rows");
  q = accumarray (ty, 1) / n;
  H_TY = -sum (q .* log2 (q));
  py = accumarray (y + 1, 1) / n;
  ity_ref = H_T - (H_TY + sum (py .* log2 (py)));
endfor
mi_ref_rate = ref_reps / toc (t);
assert (abs (ity - ity_ref) < 1e-9);

printf ("training, paper's network (n = %d, 80 %% train, batch 512):\n", n);
printf ("  ib_train (C)          %8.1f epochs/s  (%d epochs in %.2f s)\n", ours_rate, epochs, t_ours);
printf ("  plain Octave          %8.1f epochs/s\n", ref_rate);
printf ("  ratio                 %8.1f x\n", ours_rate / ref_rate);
printf ("binning MI, one layer (n = %d, 10 units, 30 edges):\n", n);
printf ("  ib_layer_mi (C)       %8.1f evaluations/s\n", mi_rate);
printf ("  plain Octave          %8.1f evaluations/s\n", mi_ref_rate);
printf ("  ratio                 %8.1f x\n", mi_rate / mi_ref_rate);
