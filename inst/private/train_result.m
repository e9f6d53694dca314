## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## res = train_result (X, y_codes, classes, opts, train_idx, test_idx)
## A new ib_train result before its first chunk: its series empty (0 epochs), the exact
## H(X), H(Y), I(X;Y) of the MI rows X, Y_CODES, the options as stored, the classes, widths,
## quantization ranges and split; resuming (opts.resume), the history and state of the
## result resumed, else no state yet (res.state = []).
function res = train_result (X, y_codes, classes, opts, train_idx, test_idx)
  res = new_result (X, y_codes, classes, opts, train_idx, test_idx);
  if (! isempty (opts.resume))
    res = append_history (res, opts.resume);
  endif
endfunction

function res = new_result (X, y_codes, classes, opts, train_idx, test_idx)
  L = numel (opts.layers) + 1;
  R = opts.runs;
  [H_X, H_Y, I_XY, n_inputs] = data_information (X, y_codes);
  res = struct ();
  res.epochs = zeros (0, 1);
  for f = [train_fields("mi"), train_fields("grad")]
    res.(f{1}) = zeros (0, L, R);
  endfor
  res.IXT_mean = res.ITY_mean = res.IXT_std = res.ITY_std = zeros (0, L);
  res.estimators = opts.estimator;
  res.mi = struct ();
  for i = 1:numel (opts.estimator)
    res.mi.(opts.estimator{i}) = struct ("IXT", zeros (0, L, R), "ITY", zeros (0, L, R),
                                         "IXT_lower", zeros (0, L, R),
                                         "ITY_lower", zeros (0, L, R));
  endfor
  for f = train_fields ("score")
    res.(f{1}) = zeros (0, R);
  endfor
  res.W = res.b = {};
  res.seeds = opts.seed + (0:R-1);
  res.runs = R;
  res.H_X = H_X;
  res.H_Y = H_Y;
  res.I_XY = I_XY;
  res.n_inputs = n_inputs;
  stored = stored_options (opts);
  stored.mi_epochs_default = ! any (strcmp (opts.given, "mi_epochs"));
  if (! isempty (opts.resume))
    stored.mi_epochs_default = opts.resume.options.mi_epochs_default;
  endif
  res.options = stored;
  res.classes = classes;
  res.widths = train_widths (columns (X), opts, numel (classes));
  res.quantize_range = train_quantize_ranges (opts, L);
  res.train_idx = train_idx;
  res.test_idx = test_idx;
  res.n_train = rows (train_idx);
  res.elapsed = 0;
  res.completed = false;
  res.state = [];
endfunction

## The options as stored in the result: the estimator options left to their defaults are
## stored with the values the core used (e.g. "noise_var" 0.1 for "kde").
function stored = stored_options (opts)
  stored = rmfield (opts, {"resume", "given"});
  users = {"noise_var", "kde"; "k", "knn"; "alpha", "renyi"; "adaptive_bins", "adaptive"};
  for i = 1:rows (users)
    if (isempty (stored.(users{i,1})) && any (strcmp (opts.estimator, users{i,2})))
      stored.(users{i,1}) = __ib_mi__ ("defaults", users{i,2}).(users{i,1});
    endif
  endfor
endfunction

## Exact H(X), H(Y), I(X;Y) in bits of the empirical distribution (X told apart by rows).
function [H_X, H_Y, I_XY, n_inputs] = data_information (X, y_codes)
  [~, ~, x_id] = unique (X, "rows");
  n_inputs = max (x_id);
  [~, ~, xy_id] = unique ([x_id(:), y_codes(:)], "rows");
  H = @(ids) entropy_bits (accumarray (ids(:), 1));
  H_X = H (x_id);
  H_Y = H (y_codes + 1);
  I_XY = H_X + H_Y - H (xy_id);
endfunction

function h = entropy_bits (counts)
  p = counts(counts > 0) / sum (counts);
  h = -sum (p .* log2 (p));
endfunction

## The history of the run being resumed, as the start of this one.
function res = append_history (res, prev)
  for f = [train_fields("history"), {"mi", "elapsed", "state"}]
    res.(f{1}) = prev.(f{1});
  endfor
endfunction
