## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Options of ib_mi, ib_entropy and ib_layer_mi ("ci" and "resamples" are used by
## mi_bootstrap, the others by the core).  DISCRETE_CHOICES
## are the values the "discrete" option accepts ({} when it has none).
function [opts, discrete] = mi_parse_options (fn, args, discrete_choices)
  opts = struct ("estimator", "bin", "range", [NaN NaN]);
  discrete = "auto";
  id = ["ib:" fn ":invalid_option"];
  bad = @(name, what) error (id, "%s: \"%s\" must be %s", fn, name, what);
  if (mod (numel (args), 2) != 0)
    error (id, "%s: options must be NAME, VALUE pairs", fn);
  endif
  for i = 1:2:numel (args)
    name = args{i};
    v = args{i+1};
    if (! ischar (name) || rows (name) > 1)
      error (id, "%s: option names must be strings", fn);
    endif
    name = lower (name);
    is_scalar = (isnumeric (v) || islogical (v)) && isreal (v) && isscalar (v);
    if (is_scalar)
      v = full (double (v));
    endif
    is_count = @(lo) is_scalar && isfinite (v) && v == round (v) && v >= lo && v <= flintmax ();
    switch (name)
      case "estimator"
        if (! ischar (v) || rows (v) > 1)
          bad (name, "a string");
        endif
        if (! any (strcmp (lower (v), {"bin", "adaptive", "kde", "knn", "renyi", "exact"})))
          error (["ib:" fn ":unknown_estimator"], "%s: unknown estimator '%s'", fn, v);
        endif
        opts.estimator = lower (v);
      case {"bins", "adaptive_bins", "k"}
        if (! is_count (1))
          bad (name, "a positive integer");
        endif
        if (strcmp (name, "bins") && v > 2^24)
          bad (name, "at most 2^24 = 16777216");
        endif
        opts.(name) = v;
      case "seed"
        if (! is_count (0))
          bad (name, "a non-negative integer");
        endif
        opts.seed = v;
      case "ci"
        if (! (is_scalar && v > 0 && v < 1))
          error (["ib:" fn ":bad_ci"], "%s: \"ci\" must be a confidence level in (0, 1)", fn);
        endif
        opts.ci = v;
      case "resamples"
        if (! (is_count (2) && v <= 1e6))
          error (["ib:" fn ":bad_ci"], "%s: \"resamples\" must be an integer in [2, 1e6]", fn);
        endif
        opts.resamples = v;
      case "bin_width"
        if (! (is_scalar && isfinite (v) && v >= 0))
          bad (name, "a finite number >= 0");
        endif
        opts.(name) = v;
      case "jitter"
        ## noise beyond 1e300 could overflow the jittered values to Inf
        if (! (is_scalar && v >= 0 && v <= 1e300))
          bad (name, "a number in [0, 1e300]");
        endif
        opts.(name) = v;
      case "max_seconds"
        if (! (is_scalar && v > 0))
          bad (name, "a number > 0 (Inf: no limit)");
        endif
        opts.max_seconds = v;
      case {"noise_var", "alpha"}
        if (! (is_scalar && isfinite (v) && v > 0))
          bad (name, "a finite number > 0");
        endif
        opts.(name) = v;
      case "kernel_width"
        if (! (is_scalar && ! isinf (v)))
          bad (name, "a number (NaN or <= 0: the estimator's rule)");
        endif
        opts.kernel_width = v;
      case "renyi_method"
        methods = {"auto", "eig", "exact_power", "slq"};
        if (! ischar (v) || rows (v) > 1 || ! any (strcmpi (v, methods)))
          bad (name, ["one of" sprintf(" \"%s\"", methods{:})]);
        endif
        opts.renyi_method = lower (v);
      case "range"
        if (! (isnumeric (v) && isreal (v) && isvector (v) && numel (v) == 2)
            || any (isinf (v)) || v(1) > v(2) || isinf (double (v(2)) - double (v(1))))
          bad (name, "[lo hi] with lo <= hi, hi - lo finite (NaN: the observed end)");
        endif
        opts.range = full (double (v(:)'));
      case "discrete"
        if (isempty (discrete_choices))
          error (id, "%s: unknown option '%s'", fn, name);
        endif
        if (is_scalar && any (strcmp ("true", discrete_choices)))
          names = {"false", "true"};
          v = names{(v != 0) + 1};
        endif
        if (! ischar (v) || ! any (strcmpi (v, discrete_choices)))
          bad (name, ["one of" sprintf(" \"%s\"", discrete_choices{:})]);
        endif
        discrete = lower (v);
      otherwise
        error (id, "%s: unknown option '%s'", fn, name);
    endswitch
  endfor
  if (isfield (opts, "ci"))
    if (! isfield (opts, "resamples"))
      opts.resamples = 200;
    endif
    if (opts.resamples * (1 - opts.ci) / 2 < 1)
      error (["ib:" fn ":bad_ci"],
             "%s: \"ci\" %g needs at least %d \"resamples\" (one beyond each end), not %d",
             fn, opts.ci, ceil (2 / (1 - opts.ci)), opts.resamples);
    endif
  endif
  if (strcmp (opts.estimator, "renyi") && isfield (opts, "renyi_method"))
    alpha = 1.01;
    if (isfield (opts, "alpha"))
      alpha = opts.alpha;
    endif
    if (strcmp (opts.renyi_method, "exact_power")
        && ! (alpha == round (alpha) && alpha >= 2 && alpha <= 16))
      error (id, "%s: \"renyi_method\" \"exact_power\" needs an integer alpha in 2..16, not %g",
             fn, alpha);
    elseif (strcmp (opts.renyi_method, "slq") && alpha > 10)
      error (id, "%s: \"renyi_method\" \"slq\" needs alpha <= 10, not %g", fn, alpha);
    endif
  endif
endfunction
