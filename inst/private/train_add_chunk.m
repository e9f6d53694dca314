## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## res = train_add_chunk (res, hist, state, elapsed, estimators)
## The result RES with the history HIST of one chunk of __ib_train__ ("run") appended (per
## estimator in res.mi, the first estimator's also as res.IXT, ...), the STATE it ended in
## and the ELAPSED seconds of the whole run.
function res = train_add_chunk (res, hist, state, elapsed, estimators)
  k = numel (hist.epoch);
  L = columns (res.IXT);
  R = res.runs;
  res.epochs = [res.epochs; hist.epoch];
  for f = train_fields ("score")
    res.(f{1}) = [res.(f{1}); hist.(f{1})];
  endfor
  for f = train_fields ("grad")
    res.(f{1}) = [res.(f{1}); hist.(f{1})];
  endfor
  for e = 1:numel (estimators)
    m = res.mi.(estimators{e});
    for f = train_fields ("mi")
      m.(f{1}) = [m.(f{1}); reshape(hist.(f{1})(:, :, e, :), k, L, R)];
    endfor
    res.mi.(estimators{e}) = m;
  endfor
  for f = train_fields ("mi")
    res.(f{1}) = res.mi.(estimators{1}).(f{1});
  endfor
  res.state = state;
  res.elapsed = elapsed;
endfunction
