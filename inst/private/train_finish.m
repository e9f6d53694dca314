## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## res = train_finish (res, completed)
## The result as handed to the user (and saved in a checkpoint): which estimates are
## saturated, the averages over runs, the weights and biases from the state's flat
## parameters (per run: W_l fan-in x fan-out, then b_l) stacked along the last dimension,
## and COMPLETED.
function res = train_finish (res, completed)
  ## an estimate at log2 of the distinct inputs cannot fall: the estimator sees every input
  ## apart and so cannot show compression
  for e = fieldnames (res.mi)'
    res.mi.(e{1}).saturated = res.mi.(e{1}).IXT >= log2 (res.n_inputs) - 1e-9;
  endfor
  res.IXT_mean = mean (res.IXT, 3);
  res.ITY_mean = mean (res.ITY, 3);
  res.IXT_std = std (res.IXT, 0, 3);
  res.ITY_std = std (res.ITY, 0, 3);
  widths = res.widths;
  p = res.state.params;
  R = res.runs;
  pos = 0;
  L = numel (widths) - 1;
  res.W = cell (1, L);
  res.b = cell (1, L);
  for l = 1:L
    nw = widths(l) * widths(l+1);
    res.W{l} = reshape (p(pos + (1:nw), :), widths(l), widths(l+1), R);
    pos += nw;
    res.b{l} = reshape (p(pos + (1:widths(l+1)), :), 1, widths(l+1), R);
    pos += widths(l+1);
  endfor
  res.completed = completed;
endfunction
