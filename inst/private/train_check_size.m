## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## train_check_size (X, opts, n_classes)
## Sizes the machine cannot hold: more than 2^31 parameters, 16 GiB of activations, or
## more memory than is available (per run: the parameters, two moments, the gradient, the
## epoch's starting point and the copies of the state on either side of the gateway, about
## 12 vectors of them; the activations of the whole set and of a batch; "renyi"'s n x n
## matrices).
function train_check_size (X, opts, n_classes)
  widths = train_widths (columns (X), opts, n_classes);
  n_params = sum ((widths(1:end-1) + 1) .* widths(2:end));
  activations = rows (X) * sum (widths(2:end));
  bytes = 8 * opts.runs * (12 * n_params + 2 * activations);
  if (any (strcmp (opts.estimator, "renyi")))
    bytes += 8 * 2 * rows (X) ^ 2 * min (opts.runs, opts.threads);
  endif
  available = available_memory ();
  if (n_params > 2^31 || activations * 8 > 16 * 2^30 || bytes > available)
    error ("ib:ib_train:too_large",
           ["ib_train: %d parameters and %d activation values per evaluation and run, %d " ...
            "runs: too large (about %.3g GB needed, %.3g GB available)"], n_params,
           activations, opts.runs, bytes / 1e9, available / 1e9);
  endif
endfunction

## Bytes of memory available now (Inf when Octave cannot tell).
function bytes = available_memory ()
  bytes = Inf;
  try
    [~, sys] = memory ();
    bytes = sys.PhysicalMemory.Available;
  catch
  end_try_catch
endfunction
