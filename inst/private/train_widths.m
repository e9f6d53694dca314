## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## w = train_widths (d, opts, n_classes)
## The widths of an ib_train network as a row: D inputs, the hidden "layers", and the
## output (one unit per class, or the one sigmoid unit of "output" "sigmoid").
function w = train_widths (d, opts, n_classes)
  k = n_classes;
  if (strcmp (opts.output, "sigmoid"))
    k = 1;
  endif
  w = [d, opts.layers, k];
endfunction
