## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## What an estimator cannot take, checked before the core sees it: "knn" needs more than k
## samples and, with a discrete side, a class of at least two samples; "renyi" takes at
## most 20000 samples. N is the number of samples, LABELS the ids (1..C) of the rows of
## the discrete side ([] when there is none). Errors ib:<fn>:unsupported, ib:<fn>:too_large.
function mi_check_estimator (fn, opts, n, labels)
  switch (opts.estimator)
    case "knn"
      k = 3;
      if (isfield (opts, "k"))
        k = opts.k;
      endif
      if (k >= n)
        error (["ib:" fn ":unsupported"],
               "%s: \"knn\" needs more than k = %d samples, not %d", fn, k, n);
      endif
      if (! isempty (labels) && max (accumarray (labels(:), 1)) < 2)
        error (["ib:" fn ":unsupported"],
               "%s: \"knn\" with a discrete side needs a class of at least two samples",
               fn);
      endif
    case "renyi"
      if (n > 20000)
        error (["ib:" fn ":too_large"],
               ["%s: \"renyi\" takes at most 20000 samples (its exact paths cost up to n^3), " ...
                "not %d; use a subsample"], fn, n);
      endif
  endswitch
endfunction
