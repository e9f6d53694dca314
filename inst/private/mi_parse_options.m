## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Options of ib_mi, ib_entropy and ib_layer_mi ("ci" and "resamples" are used by
## mi_bootstrap, the others by the core).  DISCRETE_CHOICES
## are the values the "discrete" option accepts ({} when it has none).  Here: the names,
## the types and Octave's own options; the rules on the values are the core's
## (ib_mi_check in src/mi.c, asked through __ib_mi__ "check" before this returns), so
## that each limit is written once.
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
      case {"bins", "adaptive_bins", "k", "seed"}
        if (! is_count (0))
          bad (name, "a non-negative integer");
        endif
        opts.(name) = v;
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
      case {"bin_width", "jitter", "max_seconds", "noise_var", "alpha", "kernel_width"}
        if (! is_scalar)
          bad (name, "a real scalar");
        endif
        opts.(name) = v;
      case "renyi_method"
        methods = {"auto", "eig", "exact_power", "slq"};
        if (! ischar (v) || rows (v) > 1 || ! any (strcmpi (v, methods)))
          bad (name, ["one of" sprintf(" \"%s\"", methods{:})]);
        endif
        opts.renyi_method = lower (v);
      case "range"
        if (! (isnumeric (v) && isreal (v) && isvector (v) && numel (v) == 2))
          bad (name, "[lo hi]");
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
  ## the rules on the values, each written once in the core (ib_mi_check)
  try
    __ib_mi__ ("check", fn, opts);
  catch err
    error (err.identifier, "%s", regexprep (err.message, '^__ib_mi__: ', ''));
  end_try_catch
endfunction
