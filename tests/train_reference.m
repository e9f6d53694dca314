## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The training core against a slow plain-Octave reference of the same arithmetic: the
## minibatches of each epoch (drawn by the core's own shuffle), the forward and backward
## passes written as matrix products, TensorFlow's Adam, the losses, and the gradient
## statistics (mean and spread of the weights' minibatch gradients over an epoch).

%!function p = ref_layers (p, widths)
%!  ## flat parameters -> {W_l}, {b_l}
%!  L = numel (widths) - 1;
%!  W = cell (1, L); b = cell (1, L); pos = 0;
%!  for l = 1:L
%!    nw = widths(l) * widths(l+1);
%!    W{l} = reshape (p(pos + (1:nw)), widths(l), widths(l+1)); pos += nw;
%!    b{l} = p(pos + (1:widths(l+1)))(:)'; pos += widths(l+1);
%!  endfor
%!  p = struct ("W", {W}, "b", {b});
%!endfunction

%!function [A, P] = ref_forward (net, X)
%!  L = numel (net.W);
%!  A = cell (1, L);
%!  in = X;
%!  for l = 1:L
%!    Z = in * net.W{l} + net.b{l};
%!    if (l < L)
%!      A{l} = tanh (Z);
%!    else
%!      Z = Z - max (Z, [], 2);
%!      A{l} = exp (Z) ./ sum (exp (Z), 2);
%!    endif
%!    in = A{l};
%!  endfor
%!  P = A{L};
%!endfunction

## gradient of the mean cross-entropy of the rows, flat, in the core's layout
%!function g = ref_gradient (net, X, y)
%!  [A, P] = ref_forward (net, X);
%!  L = numel (net.W);
%!  D = P;
%!  idx = sub2ind (size (P), (1:rows (X))', y + 1);
%!  D(idx) -= 1;
%!  D /= rows (X);
%!  g = [];
%!  for l = L:-1:1
%!    if (l > 1) prev = A{l-1}; else prev = X; endif
%!    g = [(prev' * D)(:); sum(D, 1)(:); g];
%!    if (l > 1)
%!      D = (D * net.W{l}') .* (1 - prev .^ 2);
%!    endif
%!  endfor
%!endfunction

%!function loss = ref_loss (net, X, y)
%!  [~, P] = ref_forward (net, X);
%!  loss = -mean (log (P(sub2ind (size (P), (1:rows (X))', y + 1))));
%!endfunction

%!test
%! X = double (dec2bin (0:255, 8) == "1");
%! y = double (X * [1; -2; 1; 1; -1; 2; -1; 1] > 0.5);
%! widths = [8 3 2 2];
%! args = {"layers", [3 2], "seed", 4, "batch_size", 64, "learning_rate", 0.01, ...
%!         "verbose", false};
%! start = ib_train (X, y, args{:}, "epochs", 0, "mi_epochs", []);
%! res = ib_train (X, y, args{:}, "epochs", 2, "mi_epochs", [1 2]);
%! ## the reference, from the same initial state and split
%! p = start.state.params;
%! m = v = zeros (size (p));
%! rng = start.state.rng;
%! step = 0;
%! train = res.train_idx;
%! lr = 0.01; b1 = 0.9; b2 = 0.999; epsilon = 1e-8;
%! for epoch = 1:2
%!   [order, rng] = __ib_train__ ("shuffle", train - 1, rng);
%!   order += 1;
%!   G = [];
%!   for s = 1:64:numel (order)
%!     batch = order(s:min (s + 63, end));
%!     g = ref_gradient (ref_layers (p, widths), X(batch,:), y(batch));
%!     G(:, end+1) = g;
%!     step += 1;
%!     m += (g - m) * (1 - b1);
%!     v += (g .^ 2 - v) * (1 - b2);
%!     lr_t = lr * sqrt (1 - b2 ^ step) / (1 - b1 ^ step);
%!     p -= (m * lr_t) ./ (sqrt (v) + epsilon);
%!   endfor
%!   assert (columns (G), 4);          # 205 train rows: batches of 64, 64, 64, 13
%!   net = ref_layers (p, widths);
%!   assert (res.loss_train(epoch), ref_loss (net, X(train,:), y(train)), 1e-12);
%!   ## per weight layer: the norm of the batches' mean gradient and of their spread
%!   pos = 0;
%!   for l = 1:3
%!     nw = widths(l) * widths(l+1);
%!     Gl = G(pos + (1:nw), :);
%!     pos += nw + widths(l+1);
%!     assert (res.grad_mean_norm(epoch, l), norm (mean (Gl, 2)), 1e-12 * norm (mean (Gl, 2)));
%!     assert (res.grad_std_norm(epoch, l), sqrt (sum (var (Gl, 1, 2))),
%!             1e-10 * sqrt (sum (var (Gl, 1, 2))));
%!     assert (res.weight_norm(epoch, l), norm (net.W{l}, "fro"), 1e-12);
%!   endfor
%! endfor
%! assert (res.state.params, p, 1e-12 * max (abs (p)));
%! assert (res.state.moment1, m, 1e-12 * max (abs (m)));
%! assert (res.state.step, step);
%! assert (res.state.rng, rng);
%! for l = 1:3
%!   assert (res.W{l}, net.W{l}, 1e-12 * max (abs (p)));
%! endfor

## Full-batch training: one gradient per epoch, so no spread at all.
%!test
%! X = double (dec2bin (0:63, 6) == "1");
%! y = double (sum (X, 2) > 3);
%! res = ib_train (X, y, "layers", 4, "batch_size", 1000, "epochs", 3, "mi_epochs", 1:3,
%!                 "verbose", false);
%! assert (res.grad_std_norm, zeros (3, 2));
%! assert (all (res.grad_mean_norm(:) > 0));
