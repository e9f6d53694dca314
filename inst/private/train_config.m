## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## config = train_config (opts, d, n_classes, n, mi_idx)
## The configuration __ib_train__ takes ("init" and "run"): the network, the optimiser, the
## seeds, the threads, each layer's binning range (the given "range", else that of the
## activation: [-1 1] for tanh and softsign, [0 1] for sigmoid and the output, NaN: observed),
## quantization, the estimators with their options, and the MI rows MI_IDX (n_mi x R; [] for
## "mi_rows" "all", the core's own whole-set path).  The batch is at most the N rows.
function config = train_config (opts, d, n_classes, n, mi_idx)
  est = struct ("estimator", opts.estimator);
  names = {"bins", "bin_width", "adaptive_bins", "noise_var", "k", "alpha", "kernel_width", ...
           "renyi_method"};
  for i = 1:numel (est)
    for j = 1:numel (names)
      if (! isempty (opts.(names{j})))
        est(i).(names{j}) = opts.(names{j});
      endif
    endfor
  endfor
  L = numel (opts.layers) + 1;
  if (! isempty (opts.range))
    layer_range = repmat (opts.range(:), 1, L);
  else
    switch (opts.activation)
      case {"tanh", "softsign"}
        layer_range = repmat ([-1; 1], 1, L);
      case "sigmoid"
        layer_range = repmat ([0; 1], 1, L);
      otherwise
        layer_range = [NaN(2, L-1), [0; 1]];
    endswitch
    if (strcmp (opts.output, "sigmoid"))
      layer_range(:, end) = [0; 1];
    endif
  endif
  config = struct ("layers", opts.layers, "activation", opts.activation,
                   "optimizer", opts.optimizer, "learning_rate", opts.learning_rate,
                   "momentum", opts.momentum, "beta1", opts.beta1, "beta2", opts.beta2,
                   "epsilon", opts.epsilon, "batch_size", min (opts.batch_size, n),
                   "seeds", opts.seed + (0:opts.runs-1), "threads", opts.threads,
                   "output", opts.output, "precision", opts.precision,
                   "layer_range", layer_range, "quantize_bits", opts.quantize,
                   "quantize_range", train_quantize_ranges (opts, L));
  config.estimators = est;
  config.mi_rows = mi_idx;
  if (isequal (opts.mi_rows, "all"))
    config.mi_rows = [];                # the core's own whole-set path
  endif
endfunction
