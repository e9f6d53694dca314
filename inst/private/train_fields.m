## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## f = train_fields (kind)
## The names of the series an ib_train result records, as a cell row: "mi" (E x L x R,
## also per estimator in res.mi), "score" (E x R), "grad" (the gradient statistics,
## E x L x R) or "history" (all of them after "epochs").
function f = train_fields (kind)
  switch (kind)
    case "mi"
      f = {"IXT", "ITY", "IXT_lower", "ITY_lower"};
    case "score"
      f = {"loss_train", "loss_test", "acc_train", "acc_test"};
    case "grad"
      f = {"grad_mean_norm", "grad_std_norm", "weight_norm"};
    case "history"
      f = [{"epochs"}, train_fields("mi"), train_fields("score"), train_fields("grad")];
  endswitch
endfunction
