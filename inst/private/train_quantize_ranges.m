## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## r = train_quantize_ranges (opts, L)
## The range of each layer's levels (2 x L: lo; hi), [] for an unquantized network: tanh and
## softsign [-1, 1], sigmoid [0, 1], relu and softplus [0, 6], linear [-6, 6] (or
## "quantize_range"), the softmax or sigmoid output [0, 1].
function r = train_quantize_ranges (opts, L)
  r = [];
  if (! opts.quantize)
    return;
  endif
  switch (opts.activation)
    case {"tanh", "softsign"}
      hidden = [-1; 1];
    case "sigmoid"
      hidden = [0; 1];
    case {"relu", "softplus"}
      hidden = [0; 6];
    otherwise
      hidden = [-6; 6];
  endswitch
  if (! isempty (opts.quantize_range))
    hidden = opts.quantize_range(:);
  endif
  r = [repmat(hidden, 1, L - 1), [0; 1]];
endfunction
