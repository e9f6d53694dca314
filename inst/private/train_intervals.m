## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## res = train_intervals (res, X, y_codes, mi_idx, config, opts)
## The intervals of "ci" at the last recorded epoch, when it is one of "ci_epochs" (the
## chunk ended there, so the state holds its weights): each run's forward pass on its MI
## rows in Octave as in net.c, then ib_layer_mi with "ci" per layer and estimator, the
## resamples seeded by the run's seed.  mi.(name).IXT_ci, ITY_ci (E x L x 2 x R, [lo hi]
## along the third dimension, NaN at the other epochs) and IXT_ci, ITY_ci of the first
## estimator.
function res = train_intervals (res, X, y_codes, mi_idx, config, opts)
  E = numel (res.epochs);
  L = numel (res.widths) - 1;
  R = res.runs;
  for e = opts.estimator
    m = res.mi.(e{1});
    for f = {"IXT_ci", "ITY_ci"}
      if (! isfield (m, f{1}))
        m.(f{1}) = NaN (0, L, 2, R);
      endif
      m.(f{1})(end+1:E, :, :, :) = NaN;
    endfor
    res.mi.(e{1}) = m;
  endfor
  if (E > 0 && res.epochs(E) == res.state.epoch && any (opts.ci_epochs == res.epochs(E)))
    warning ("off", "ib:ib_layer_mi:duplicate_rows", "local");
    names = {"bins", "bin_width", "adaptive_bins", "noise_var", "k"};
    for r = 1:R
      A = X(mi_idx(:, r), :);
      y = y_codes(mi_idx(:, r));
      T = train_forward (res.state.params(:, r), res.widths, A, opts);
      for e = opts.estimator
        args = {"estimator", e{1}, "ci", opts.ci, "resamples", opts.resamples, ...
                "seed", res.seeds(r)};
        for j = 1:numel (names)
          if (! isempty (opts.(names{j})))
            args(end+1:end+2) = {names{j}, opts.(names{j})};
          endif
        endfor
        for l = 1:L
          [~, ~, info] = ib_layer_mi (T{l}, A, y, args{:}, "range", config.layer_range(:, l)');
          res.mi.(e{1}).IXT_ci(E, l, :, r) = info.ixt_ci;
          res.mi.(e{1}).ITY_ci(E, l, :, r) = info.ity_ci;
        endfor
      endfor
    endfor
  endif
  res.IXT_ci = res.mi.(opts.estimator{1}).IXT_ci;
  res.ITY_ci = res.mi.(opts.estimator{1}).ITY_ci;
endfunction
