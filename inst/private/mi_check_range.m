## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## For "bin" on a continuous side: the range with its observed ends must not be empty and
## must fit in double precision (hi - lo finite), and a "bin_width" must not give more
## edges than the core allows (2^24).
function mi_check_range (fn, opts, A, discrete, what)
  if (discrete || ! strcmp (opts.estimator, "bin"))
    return;
  endif
  lo = opts.range(1);
  hi = opts.range(2);
  observed = isnan ([lo hi]);
  if (observed(1))
    lo = min (A(:));
  endif
  if (observed(2))
    hi = max (A(:));
  endif
  if (lo > hi)
    error (["ib:" fn ":invalid_option"],
           "%s: \"range\" [%g %g] with the observed ends of %s is empty", fn, lo, hi, what);
  endif
  if (! isfinite (hi - lo))
    ## a given range was checked by the core (ib_mi_check): an observed end is the culprit
    error (["ib:" fn ":invalid_input"],
           "%s: the binning range [%g %g] of %s is wider than the largest double; rescale it",
           fn, lo, hi, what);
  endif
  if (isfield (opts, "bin_width") && opts.bin_width > 0
      && (hi - lo) / opts.bin_width >= 2^24 - 2)
    error (["ib:" fn ":invalid_option"],
           "%s: \"bin_width\" %g gives more than 2^24 edges over the range [%g %g] of %s",
           fn, opts.bin_width, lo, hi, what);
  endif
endfunction
