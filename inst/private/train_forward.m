## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## T = train_forward (p, widths, A, opts)
## The activations of every layer (a cell of n x width) from one run's flat parameters
## (W_l fan-in x fan-out, then b_l), with net.c's formulas (quantized with "quantize"), in
## single precision for a "precision", "single" run as the core computes it (libm's tanh
## and exp instead of the kernel's, so equal to rounding, not bit for bit); the layers are
## returned as double.
function T = train_forward (p, widths, A, opts)
  if (strcmp (opts.precision, "single"))
    p = single (p);
    A = single (A);
  endif
  L = numel (widths) - 1;
  T = cell (1, L);
  pos = 0;
  for l = 1:L
    nw = widths(l) * widths(l+1);
    W = reshape (p(pos + (1:nw)), widths(l), widths(l+1));
    b = p(pos + nw + (1:widths(l+1)))';
    pos += nw + widths(l+1);
    Z = A * W + b;
    if (l < L)
      switch (opts.activation)
        case "tanh"      Z = tanh (Z);
        case "relu"      Z = max (Z, 0);
        case "sigmoid"   Z = 1 ./ (1 + exp (-Z));
        case "softsign"  Z = Z ./ (1 + abs (Z));
        case "softplus"  Z = max (Z, 0) + log1p (exp (-abs (Z)));
      endswitch
    elseif (strcmp (opts.output, "sigmoid"))
      Z = 1 ./ (1 + exp (-Z));
    else
      Z = exp (Z - max (Z, [], 2));
      Z .*= 1 ./ sum (Z, 2);
    endif
    if (opts.quantize)                  # quantize.h's levels
      r = train_quantize_ranges (opts, L)(:, l);
      step = (r(2) - r(1)) / (2^opts.quantize - 1);
      Z = r(1) + floor ((min (max (Z, r(1)), r(2)) - r(1)) / step + 0.5) * step;
    endif
    T{l} = double (Z);
    A = Z;
  endfor
endfunction
