## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## What an estimator cannot take that the core does not judge: "knn" with a discrete side
## needs a class of at least two samples. N is the number of samples, LABELS the ids (1..C)
## of the rows of the discrete side ([] when there is none). Error ib:<fn>:unsupported.
## (k below N and "renyi"'s 20000 rows are rules of the core's ib_mi_check, raised by
## __ib_mi__ as ib:<fn>:unsupported and ib:<fn>:too_large.)
function mi_check_estimator (fn, opts, n, labels)
  if (strcmp (opts.estimator, "knn") && ! isempty (labels)
      && max (accumarray (labels(:), 1)) < 2)
    error (["ib:" fn ":unsupported"],
           "%s: \"knn\" with a discrete side needs a class of at least two samples", fn);
  endif
endfunction
