## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {@var{H} =} ib_entropy (@var{A})
## @deftypefnx {} {@var{H} =} ib_entropy (@var{A}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{H}, @var{info}] =} ib_entropy (@dots{}, "ci", @var{level})
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
## @qcode{"renyi"} give their own (differential or Renyi) entropies; see @code{ib_mi}
## (for @qcode{"renyi"} also @qcode{"renyi_method"}: @qcode{"alpha", 2} is then exact
## from the Frobenius norm of the Gram matrix, without eigenvalues).
##
## @qcode{"ci"}, @var{level} (with @qcode{"resamples"}, @qcode{"seed"}) gives a confidence
## interval @var{info}.ci = [lo hi] for @var{H}, computed as for @code{ib_mi} (a basic
## bootstrap interval, or half-sampling for @qcode{"knn"}; not for @qcode{"renyi"}); its
## ends are at least 0 for a plug-in entropy (discrete data, @qcode{"bin"},
## @qcode{"adaptive"}).  The other fields of @var{info} are those of @code{ib_mi}.
##
## Ctrl-C stops @qcode{"kde"}, @qcode{"knn"} and @qcode{"renyi"} within about a second
## with the error @code{ib:ib_entropy:interrupted} (the binning estimators take well under a
## second and finish first).
##
## Errors have the ids @code{ib:ib_entropy:invalid_input} (non-numeric, complex, empty,
## NaN or Inf data; for @qcode{"bin"}, data spanning more than the largest double),
## @code{ib:ib_entropy:unknown_estimator}, @code{ib:ib_entropy:invalid_option},
## @code{ib:ib_entropy:unsupported}
## (@qcode{"kde"} or @qcode{"knn"} on discrete data, @qcode{"knn"} with @qcode{"k"} >=
## @var{n}, @qcode{"ci"} with @qcode{"renyi"}), @code{ib:ib_entropy:bad_ci} (a bad
## @qcode{"ci"} or @qcode{"resamples"}, as for @code{ib_mi}) and @code{ib:ib_entropy:too_large} (@qcode{"renyi"} with more than 20000
## samples).  @qcode{"knn"} gives -Inf when a row is repeated k times or more (a point
## mass has no finite differential entropy).
##
## Example:
## @example
## @group
## ib_entropy ([0; 1; 2; 3])                  # 2: four equally likely labels
## T = tanh (randn (1000, 2));
## ib_entropy (T, "range", [-1 1], "bins", 30)
## ib_entropy (T, "estimator", "adaptive", "adaptive_bins", 4)   # about 4
## [H, info] = ib_entropy (T, "estimator", "knn", "ci", 0.9);    # info.ci = [lo hi]
## @end group
## @end example
## @seealso{ib_mi, ib_layer_mi}
## @end deftypefn

function [H, info] = ib_entropy (A, varargin)
  if (nargin < 1)
    print_usage ();
  endif
  A = mi_check_data ("ib_entropy", A, "A", true);
  [opts, discrete] = mi_parse_options ("ib_entropy", varargin, {"auto", "true", "false"});
  a_discrete = (strcmp (discrete, "true")
                || (strcmp (discrete, "auto") && columns (A) == 1 && all (A == round (A))));
  mi_check_range ("ib_entropy", opts, A, a_discrete, "A");
  if (a_discrete && any (strcmp (opts.estimator, {"kde", "knn"})))
    error ("ib:ib_entropy:unsupported",
           ["ib_entropy: \"%s\" estimates a differential entropy and needs continuous " ...
            "data; A was taken as discrete (give \"discrete\", false)"], opts.estimator);
  endif
  mi_check_estimator ("ib_entropy", opts, rows (A), []);
  H = __ib_mi__ ("entropy", A, a_discrete, opts);
  ## a plug-in entropy is at least 0; a differential one has no lower limit
  lowest = merge (a_discrete || any (strcmp (opts.estimator, {"bin", "adaptive"})), 0, -Inf);
  info = mi_bootstrap ("ib_entropy", opts, rows (A), H,
                       @(i) __ib_mi__ ("entropy", A(i,:), a_discrete, opts), lowest);
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

## "renyi", alpha = 2: -log2 of the squared Frobenius norm of K / n (plain Octave)
%!test
%! randn ("state", 4);
%! A = randn (200, 3);
%! K = exp (-max (sumsq (A, 2) + sumsq (A, 2)' - 2 * (A * A'), 0) / (2 * 0.8 ^ 2));
%! h = ib_entropy (A, "estimator", "renyi", "alpha", 2, "kernel_width", 0.8);
%! assert (h, -log2 (sumsq (K(:) / 200)), 1e-12);
%! h4 = ib_entropy (A, "estimator", "renyi", "alpha", 4, "kernel_width", 0.8,
%!                  "renyi_method", "exact_power");
%! assert (h4, log2 (sumsq (vec ((K / 200) ^ 2))) / (1 - 4), 1e-10);
%!error id=ib:ib_entropy:invalid_option ib_entropy ([1; 2], "renyi_method", "qr")

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
