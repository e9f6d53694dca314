## For "bin": the range with its observed ends must not be empty.
function mi_check_range (fn, opts, A, discrete, what)
  if (discrete || ! strcmp (opts.estimator, "bin"))
    return;
  endif
  lo = opts.range(1);
  hi = opts.range(2);
  if (isnan (lo))
    lo = min (A(:));
  endif
  if (isnan (hi))
    hi = max (A(:));
  endif
  if (lo > hi)
    error (["ib:" fn ":invalid_option"],
           "%s: \"range\" [%g %g] with the observed ends of %s is empty", fn, lo, hi, what);
  endif
endfunction
