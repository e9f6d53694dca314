## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Quantized networks (ib_train "quantize") and the "exact" estimator: the exact MI of every
## layer equals a plain-Octave recomputation from res.W, res.b, X, y and the quantizer of
## ib_train's help; runs are bit-identical with 1 or 2 threads and resume exactly; errors.

## Entropy in bits of the empirical distribution of the rows of A.
%!function h = ref_entropy (A)
%!  [~, ~, id] = unique (A, "rows");
%!  p = accumarray (id(:), 1) / numel (id);
%!  h = -sum (p .* log2 (p));
%!endfunction

## Each layer of run r recomputed from the result: affine map, activation, then
## q(a) = lo + floor ((min (max (a, lo), hi) - lo) / step + 0.5) * step with
## step = (hi - lo) / (2^bits - 1) and [lo, hi] = res.quantize_range(:, l); and its exact
## I(X;T) = H(T) - H(T|X), I(T;Y) = H(T) - H(T|Y).
%!function [ixt, ity, T] = ref_exact (res, X, y, act, r)
%!  L = numel (res.W);
%!  ixt = ity = zeros (1, L);
%!  T = cell (1, L);
%!  A = X;
%!  bits = res.options.quantize;
%!  for l = 1:L
%!    A = A * res.W{l}(:,:,r) + res.b{l}(:,:,r);
%!    if (l < L)
%!      A = act (A);
%!    else
%!      A = exp (A - max (A, [], 2));
%!      A ./= sum (A, 2);
%!    endif
%!    lo = res.quantize_range(1, l);
%!    hi = res.quantize_range(2, l);
%!    step = (hi - lo) / (2^bits - 1);
%!    A = lo + floor ((min (max (A, lo), hi) - lo) / step + 0.5) * step;
%!    T{l} = A;
%!    h = ref_entropy (A);
%!    ixt(l) = h - (ref_entropy ([A X]) - ref_entropy (X));
%!    ity(l) = h - (ref_entropy ([A y(:)]) - ref_entropy (y(:)));
%!  endfor
%!endfunction

%!shared X, y
%! ## 256 patterns of 8 bits, the first 32 of them twice (repeated inputs)
%! X = double (dec2bin ([0:255, 0:31], 8) == "1");
%! y = double (X * [1; -2; 1; 1; -1; 2; -1; 1] + 0.5 * X(:,1) .* X(:,2) > 0.5);

%!test
%! ## tanh (8 and 4 bits) and relu (8 bits; and with a range that clips): the exact MI of
%! ## every layer is the recomputed one, to 1e-12, and ib_layer_mi "exact" agrees
%! cases = {"tanh", 8, []; "tanh", 4, []; "relu", 8, []; "relu", 8, [0 0.5]};
%! acts = struct ("tanh", @tanh, "relu", @(a) max (a, 0));
%! for c = 1:rows (cases)
%!   extra = {};
%!   if (! isempty (cases{c,3}))
%!     extra = {"quantize_range", cases{c,3}};
%!   endif
%!   res = ib_train (X, y, "layers", [6 4], "activation", cases{c,1}, "quantize", cases{c,2},
%!                   extra{:}, "estimator", {"exact", "bin"}, "learning_rate", 0.01,
%!                   "batch_size", 64, "epochs", 15, "mi_epochs", [0 5 15], "verbose", false,
%!                   "seed", 4);
%!   assert (res.estimators, {"exact", "bin"});
%!   [ixt, ity, T] = ref_exact (res, X, y, acts.(cases{c,1}), 1);
%!   assert (res.mi.exact.IXT(end, :), ixt, 1e-12);
%!   assert (res.mi.exact.ITY(end, :), ity, 1e-12);
%!   assert (res.IXT, res.mi.exact.IXT);
%!   [i2, t2] = ib_layer_mi (T{2}, X, y, "estimator", "exact");
%!   assert ([i2, t2], [ixt(2), ity(2)], 1e-12);
%!   ## the states are levels: at most 2^bits values per unit
%!   assert (all (arrayfun (@(k) numel (unique (T{1}(:, k))), 1:6) <= 2^cases{c,2}));
%!   assert (all (res.mi.exact.IXT(:) <= log2 (256) + 1e-12));
%! endfor
%! assert (res.quantize_range, [0 0 0; 0.5 0.5 1]);

%!test
%! ## a one-unit 4-bit layer has at most 16 states: I(X;T) <= 4 bits; the network learns
%! res = ib_train (X, y, "layers", [8 1], "quantize", 4, "estimator", "exact",
%!                 "learning_rate", 0.01, "batch_size", 32, "epochs", 40,
%!                 "mi_epochs", [1 40], "verbose", false, "seed", 2);
%! assert (all (res.IXT(:, 2) <= 4 + 1e-12));
%! assert (res.acc_train(end) > 0.8);
%! assert (res.quantize_range, [-1 -1 0; 1 1 1]);

%!test
%! ## "runs" 2 with 1 or 2 threads: bit-identical; each run is its seed alone
%! args = {"layers", [5 3], "activation", "relu", "quantize", 8, "estimator", "exact", ...
%!         "epochs", 8, "mi_epochs", [0 4 8], "verbose", false, "seed", 3, "runs", 2};
%! a = ib_train (X, y, args{:}, "threads", 1);
%! b = ib_train (X, y, args{:}, "threads", 2);
%! assert (isequal (a.mi.exact.IXT, b.mi.exact.IXT) && isequal (a.ITY, b.ITY));
%! assert (isequal (a.W, b.W) && isequal (a.state, b.state));
%! one = ib_train (X, y, args{1:end-2}, "seed", 4);
%! assert (isequal (one.W{1}, a.W{1}(:,:,2)) && isequal (one.IXT, a.IXT(:,:,2)));

%!test
%! ## resuming gives the uninterrupted run, bit for bit
%! args = {"layers", [5 3], "quantize", 8, "estimator", "exact", "mi_epochs", [2 5 10], ...
%!         "verbose", false, "seed", 6};
%! full = ib_train (X, y, args{:}, "epochs", 10);
%! warning ("off", "ib:ib_train:mi_epochs_beyond", "local");
%! half = ib_train (X, y, args{:}, "epochs", 5);
%! rest = ib_train (X, y, "resume", half, "epochs", 10, "verbose", false);
%! assert (isequal (rest.W, full.W) && isequal (rest.IXT, full.IXT));
%! assert (isequal (rest.loss_train, full.loss_train));
%! ## quantization changes the run
%! plain = ib_train (X, y, args{3:end}, "epochs", 10, "estimator", "bin");
%! assert (! isequal (plain.W, full.W));

%!error id=ib:ib_train:invalid_option ib_train (X, y, "quantize", 5)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "quantize", [4 8])
%!error id=ib:ib_train:exact_needs_quantize ib_train (X, y, "estimator", "exact")
%!error id=ib:ib_train:exact_needs_quantize ib_train (X, y, "estimator", {"bin", "exact"})
%!error id=ib:ib_train:invalid_option ib_train (X, y, "quantize", 8, "quantize_range", [0 1])
%!error id=ib:ib_train:invalid_option
%! ib_train (X, y, "quantize", 8, "activation", "relu", "quantize_range", [1 1]);
%!error id=ib:ib_train:invalid_option ib_train (X, y, "activation", "relu", "quantize_range", [0 1])
%!error <4 or 8 bits>
%! ## the core's own rule, relayed by the gateway
%! cfg = struct ("layers", 3, "activation", "tanh", "optimizer", "adam", "learning_rate", 0.01,
%!               "momentum", 0, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8,
%!               "batch_size", 32, "seeds", 0, "threads", 1, "quantize_bits", 5,
%!               "quantize_range", [-1 0; 1 1]);
%! __ib_train__ ("init", X, y, 1:100, [], cfg);
%!error <exact estimator needs quantized>
%! cfg = struct ("layers", 3, "activation", "tanh", "optimizer", "adam", "learning_rate", 0.01,
%!               "momentum", 0, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8,
%!               "batch_size", 32, "seeds", 0, "threads", 1,
%!               "estimators", struct ("estimator", "exact"));
%! __ib_train__ ("init", X, y, 1:100, [], cfg);

%!test
%! ## ib_mi and ib_entropy "exact": the plug-in values of the rows as symbols
%! A = [0 0; 0 1; 1 0; 0 0; 0 1; 2 2; 0 0; 1 0];
%! B = [1; 1; 2; 2; 3; 3; 3; 1];
%! h = @(M) ref_entropy (M);
%! assert (ib_entropy (A, "estimator", "exact"), h (A), 1e-14);
%! assert (ib_mi (A, B, "estimator", "exact"), h (A) + h (B) - h ([A B]), 1e-14);
%! [~, ~, info] = ib_layer_mi (A, B, mod (B, 2), "estimator", "exact");
%! assert (info.n_states, 4);

%!test
%! ## "ci" on a quantized network: the intervals are those of the quantized layers (the
%! ## Octave forward pass of "ci" quantizes too); "precision", "single" trains quantized
%! res = ib_train (X, y, "layers", [5 3], "quantize", 8, "estimator", "exact", "epochs", 6,
%!                 "mi_epochs", 6, "ci", 0.9, "resamples", 40, "verbose", false, "seed", 1);
%! [ixt, ~, T] = ref_exact (res, X, y, @tanh, 1);
%! assert (res.IXT(end, :), ixt, 1e-12);
%! for l = 1:3
%!   [~, ~, info] = ib_layer_mi (T{l}, X, y, "estimator", "exact", "ci", 0.9,
%!                               "resamples", 40, "seed", 1);
%!   assert (squeeze (res.IXT_ci(end, l, :))', info.ixt_ci, 1e-12);
%!   assert (squeeze (res.ITY_ci(end, l, :))', info.ity_ci, 1e-12);
%! endfor
%! s = ib_train (X, y, "layers", [5 3], "quantize", 8, "estimator", "exact", "epochs", 6,
%!               "mi_epochs", 6, "precision", "single", "verbose", false, "seed", 1);
%! assert (all (s.IXT(:) >= 0 & s.IXT(:) <= log2 (256) + 1e-12));
%! assert (! isequal (s.W, res.W));
