## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## train_warn_unused (opts)
## Warns ib:ib_train:unused_option for each option given (opts.given) that the chosen
## optimiser or estimators never read.
function train_warn_unused (opts)
  users = {"momentum", {"sgd"}; "beta1", {"adam"}; "beta2", {"adam"}; "epsilon", {"adam"};
           "bins", {"bin"}; "bin_width", {"bin"}; "range", {"bin"};
           "adaptive_bins", {"adaptive"}; "noise_var", {"kde"}; "k", {"knn"};
           "alpha", {"renyi"}; "kernel_width", {"renyi"}; "renyi_method", {"renyi"}};
  chosen = [{opts.optimizer}, opts.estimator];
  for i = 1:rows (users)
    if (any (strcmp (opts.given, users{i,1})) && ! any (ismember (users{i,2}, chosen)))
      warning ("ib:ib_train:unused_option",
               "ib_train: \"%s\" is not used by %s (it applies to %s)", users{i,1},
               strjoin (chosen, ", "), strjoin (users{i,2}, ", "));
    endif
  endfor
endfunction
