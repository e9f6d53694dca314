## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## train_checkpoint (file, res)
## Saves RES in FILE with ib_save; a failure warns ib:ib_train:checkpoint_failed rather
## than stopping the run.
function train_checkpoint (file, res)
  try
    ib_save (file, res);
  catch err
    warning ("ib:ib_train:checkpoint_failed", "ib_train: could not save the checkpoint: %s",
             err.message);
  end_try_catch
endfunction
