## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## e = train_mi_epochs (epochs)
## The paper's recording epochs: 400 log-spaced points between 1 and the last epoch.
function e = train_mi_epochs (epochs)
  if (epochs < 1)
    e = zeros (0, 1);
  else
    ## + 1e-9: logspace's last value can fall just below an integer (29.999... for 30),
    ## and the last epoch must be recorded
    e = unique (floor (logspace (0, log10 (epochs), 400) + 1e-9))(:);
  endif
endfunction
