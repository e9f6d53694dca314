## -*- texinfo -*-
## @deftypefn  {} {@var{H} =} ib_entropy (@var{A})
## @deftypefnx {} {@var{H} =} ib_entropy (@var{A}, @var{name}, @var{value}, @dots{})
## Entropy in bits of the rows of @var{A} (@var{n} x @var{d}: @var{n} samples of a
## @var{d}-dimensional variable).  A vector is taken as a column.
##
## The options are those of @code{ib_mi} (see there for each estimator and for the exact
## binning rules, including the wrap of values below the @qcode{"range"} into the top bin
## of @qcode{"bin"} and the quantile rule of @qcode{"adaptive"}), except that
## @qcode{"discrete"} is @code{true} (the rows are symbols as they are, never binned),
## @code{false}, or @qcode{"auto"} (default: discrete when @var{A} is a single column of
## integers).  With @qcode{"bin"} and @qcode{"adaptive"} the result is the plug-in
## entropy of the binned rows, between 0 and log2 (@var{n}); @qcode{"knn"} and
## @qcode{"renyi"} give their own (differential or Renyi) entropies; see @code{ib_mi}.
##
## Errors have the ids @code{ib:ib_entropy:invalid_input} (non-numeric, complex, empty,
## NaN or Inf data), @code{ib:ib_entropy:unknown_estimator} and
## @code{ib:ib_entropy:invalid_option}.
##
## Example:
## @example
## @group
## ib_entropy ([0; 1; 2; 3])                  # 2: four equally likely labels
## T = tanh (randn (1000, 2));
## ib_entropy (T, "range", [-1 1], "bins", 30)
## ib_entropy (T, "estimator", "adaptive", "adaptive_bins", 4)   # about 4
## @end group
## @end example
## @seealso{ib_mi, ib_layer_mi}
## @end deftypefn

function H = ib_entropy (A, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  A = check_data ("ib_entropy", A, "A", true);
  [opts, discrete] = parse_options ("ib_entropy", varargin, {"auto", "true", "false"});
  a_discrete = (strcmp (discrete, "true")
                || (strcmp (discrete, "auto") && columns (A) == 1 && all (A == round (A))));
  check_range ("ib_entropy", opts, A, a_discrete, "A");
  H = __ib_mi__ ("entropy", A, a_discrete, opts);
endfunction

## A real, finite, non-empty matrix as double; a row vector becomes a column if AS_COLUMN.
function A = check_data (fn, A, what, as_column)
  id = ["ib:" fn ":invalid_input"];
  if (! (isnumeric (A) || islogical (A)) || ! isreal (A) || isempty (A) || ndims (A) != 2)
    error (id, "%s: %s must be a non-empty real numeric matrix", fn, what);
  endif
  A = double (A);
  if (! all (isfinite (A(:))))
    error (id, "%s: %s must not contain NaN or Inf", fn, what);
  endif
  if (as_column && rows (A) == 1)
    A = A(:);
  endif
endfunction

## For "bin": the range with its observed ends must not be empty.
function check_range (fn, opts, A, discrete, what)
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

## Shared by ib_mi, ib_entropy and ib_layer_mi (one copy in each file).  DISCRETE_CHOICES
## are the values the "discrete" option accepts ({} when it has none).
function [opts, discrete] = parse_options (fn, args, discrete_choices)
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
      v = double (v);
    endif
    is_count = @(lo) is_scalar && isfinite (v) && v == round (v) && v >= lo && v <= flintmax ();
    switch (name)
      case "estimator"
        if (! ischar (v) || rows (v) > 1)
          bad (name, "a string");
        endif
        if (! any (strcmp (lower (v), {"bin", "adaptive", "kde", "knn", "renyi"})))
          error (["ib:" fn ":unknown_estimator"], "%s: unknown estimator '%s'", fn, v);
        endif
        opts.estimator = lower (v);
      case {"bins", "adaptive_bins", "k"}
        if (! is_count (1))
          bad (name, "a positive integer");
        endif
        opts.(name) = v;
      case "seed"
        if (! is_count (0))
          bad (name, "a non-negative integer");
        endif
        opts.seed = v;
      case {"bin_width", "jitter"}
        if (! (is_scalar && isfinite (v) && v >= 0))
          bad (name, "a finite number >= 0");
        endif
        opts.(name) = v;
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
      case "range"
        if (! (isnumeric (v) && isreal (v) && numel (v) == 2) || any (isinf (v))
            || v(1) > v(2))
          bad (name, "[lo hi] with lo <= hi (NaN: the observed end)");
        endif
        opts.range = double (v(:)');
      case "discrete"
        if (isempty (discrete_choices))
          error (id, "%s: unknown option '%s'", fn, name);
        endif
        if (is_scalar && any (strcmp ("true", discrete_choices)))
          v = ifelse (v != 0, "true", "false");
        endif
        if (! ischar (v) || ! any (strcmpi (v, discrete_choices)))
          bad (name, ["one of" sprintf(" \"%s\"", discrete_choices{:})]);
        endif
        discrete = lower (v);
      otherwise
        error (id, "%s: unknown option '%s'", fn, name);
    endswitch
  endfor
endfunction

function r = ifelse (c, a, b)
  if (c)
    r = a;
  else
    r = b;
  endif
endfunction

## labels: uniform over 4 -> 2 bits; (3/4, 1/4) -> the binary entropy
%!assert (ib_entropy ([0; 1; 2; 3; 3; 2; 1; 0]), 2, 1e-15)
%!assert (ib_entropy ([5 5 5 9]), -(0.75 * log2 (0.75) + 0.25 * log2 (0.25)), 1e-15)
%!assert (ib_entropy (7 * ones (10, 1)), 0)
## rows as symbols
%!assert (ib_entropy ([0 0; 0 1; 1 0; 1 1; 0 0; 0 1; 1 0; 1 1], "discrete", true), 2, 1e-15)
%!assert (ib_entropy ([0.5 0; 0.5 0; 0.25 1; 0.25 1], "discrete", true), 1, 1e-15)
## "bin": 1..100 on 11 edges 0, 10, ..., 100 -> ten bins of 10 (100 is the last edge,
## alone in the top state; 1..9 share a bin)
%!test
%! v = (1:100)';
%! p = [9 10 10 10 10 10 10 10 10 10 1] / 100;
%! assert (ib_entropy (v, "discrete", false, "range", [0 100], "bins", 11),
%!         -sum (p .* log2 (p)), 1e-13);
## the wrap: below the range joins the top state
%!assert (ib_entropy ([-2; 1; 0.5; 0.5], "range", [-1 1]), 1, 1e-15)
## "adaptive": distinct values, bins dividing n -> log2 (bins)
%!assert (ib_entropy (randn (120, 1), "estimator", "adaptive", "adaptive_bins", 8), 3, 1e-12)
%!assert (ib_entropy (randn (60, 1), "estimator", "adaptive", "adaptive_bins", 3), log2 (3), 1e-12)
## more adaptive bins than samples: every distinct value alone
%!assert (ib_entropy ([3; 1; 2; 2], "estimator", "adaptive", "adaptive_bins", 1e9), 1.5, 1e-15)
## "adaptive" ignores an increasing map of a column
%!test
%! T = randn (300, 3);
%! U = [exp(T(:,1)), 5 * T(:,2) - 3, T(:,3) .^ 3];
%! h = ib_entropy (T, "estimator", "adaptive", "adaptive_bins", 5);
%! assert (ib_entropy (U, "estimator", "adaptive", "adaptive_bins", 5), h);
%! assert (h > log2 (5) && h <= log2 (300));

%!error <Invalid call> ib_entropy ()
%!error id=ib:ib_entropy:invalid_input ib_entropy ({1, 2})
%!error id=ib:ib_entropy:invalid_input ib_entropy (zeros (0, 3))
%!error id=ib:ib_entropy:invalid_input ib_entropy ([1; NaN])
%!error id=ib:ib_entropy:invalid_input ib_entropy ([1; -Inf])
%!error id=ib:ib_entropy:unknown_estimator ib_entropy ([1; 2], "estimator", "histogram")
%!error id=ib:ib_entropy:invalid_option ib_entropy ([1; 2], "bins", -1)
%!error id=ib:ib_entropy:invalid_option ib_entropy ([1; 2], "discrete", "a")
%!error id=ib:ib_entropy:invalid_option ib_entropy ([1; 2], "range", [0 1 2])
%!error id=ib:ib_entropy:invalid_option ib_entropy ([0.5; 1.5], "range", [NaN 0])
%!error id=ib:ib_entropy:invalid_option ib_entropy ([1; 2], "colour", 1)
