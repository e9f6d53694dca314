## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {@var{I} =} ib_mi (@var{A}, @var{B})
## @deftypefnx {} {@var{I} =} ib_mi (@var{A}, @var{B}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{I}, @var{info}] =} ib_mi (@dots{}, "ci", @var{level})
## Mutual information I(A;B) in bits between the paired rows of @var{A} (@var{n} x
## @var{da}) and @var{B} (@var{n} x @var{db}): row @var{i} of @var{A} and row @var{i} of
## @var{B} are one joint sample.  A vector is taken as a column (@var{n} samples of one
## variable).
##
## Options:
## @table @asis
## @item "estimator"
## @table @asis
## @item "bin" (default)
## Fixed-width binning as in Shwartz-Ziv & Tishby (2017), reproducing their code
## (idnns, @file{information_process.py}) exactly.  The edges are
## @code{single (linspace (lo, hi, bins))} as computed by numpy: edge @var{i} =
## @var{i} * ((@var{hi} - @var{lo}) / (@var{bins} - 1)) + @var{lo} in double for
## @var{i} = 0 .. @var{bins}-2, the last edge @var{hi}, each then rounded to single
## precision (only when the larger end of the range in magnitude is a normal single, up to
## 3.4e38 and from 1.2e-38 on, or 0; otherwise, where single edges would be infinite or
## all round to 0, they stay in double precision, so that data scaled that far bin as the
## unscaled data do).  Values closer together than the single-precision spacing share an
## edge, as in the paper's code (e.g. a saturated unit near 1).  A value @var{v} gets the bin
## index @code{np.digitize (v, edges)}, the number of edges <= @var{v} (0 ..
## @var{bins}); index 0 (a value below the first edge) takes, as in the paper's code
## (@code{bins[index - 1]}), the same state as index @var{bins} (a value at or above the
## last edge): @strong{values below the range wrap into the top bin}.  A sample's state is
## its row of bin indices; the entropies are those of the empirical distribution of the
## states (plug-in), and I = H(A) - H(A|B) = H(A) + H(B) - H(A,B).
## @item "adaptive"
## Equal-mass bins per column as in Chelombiev, Houghton & O'Donnell (2019).  For each
## column with sorted values s(1) <= @dots{} <= s(@var{n}) and @var{B} =
## @qcode{"adaptive_bins"}, the edges are e(k) = s(ceil (k @var{n} / @var{B})), k = 1 ..
## @var{B}-1, and a value @var{v} goes to bin #@{k : e(k) < @var{v}@}: the bins are
## (-Inf, e(1)], (e(1), e(2)], @dots{}, (e(@var{B}-1), Inf).  Each bin holds about
## @var{n}/@var{B} samples (exactly, for distinct values and @var{B} dividing @var{n}); equal
## values always share a bin, so a run of ties stays whole in the bin of its first
## member.  More bins than samples act as @var{n} bins: each distinct value alone.  Then
## as @qcode{"bin"}.
## @item "kde"
## Pairwise-distance bounds of Kolchinsky & Tracey (2017) as used by Saxe et al. (2018):
## the continuous side plus Gaussian noise of variance @qcode{"noise_var"} is a mixture
## of @var{n} Gaussians; its entropy is bounded above through the KL divergence and below
## through the Bhattacharyya distance between components.  Needs exactly one discrete
## side (labels): I = H(A+Z) - H(A+Z | B), the upper (KL) value.  Cost O(@var{n}^2
## @var{d}) in blocks of memory; the work is split over the cores (environment variable
## @env{IB_NUM_THREADS} to choose how many).
## @item "knn"
## Kraskov, Stoegbauer & Grassberger (2004) estimator 1 (max-norm, @qcode{"k"}
## neighbours) for two continuous sides; Ross (2014) when one side is discrete.  Repeated
## points follow Gao et al. (2017) (k becomes the number of copies), or are separated by
## seeded noise with @qcode{"jitter"}.  Only distances are compared, so scaling both sides
## by one factor leaves the estimate unchanged.  Like every k-NN estimator it
## underestimates large MI in several dimensions (three pairs of Gaussians with rho = 0.9,
## 3.59 bits: about 3.1 at @var{n} = 1000, 3.4 at @var{n} = 4000), less as @var{n} grows.
## Two discrete sides are refused (use @qcode{"bin"}).
## @item "renyi"
## Matrix-based Renyi alpha entropy (Sanchez Giraldo, Rao & Principe 2014): Gram matrices
## of a Gaussian kernel normalised to unit trace, S = log2 (sum lambda^alpha) / (1 -
## alpha), the joint through their Hadamard product, I = S(A) + S(B) - S(A,B); a discrete
## side uses the equality kernel.  The width is @qcode{"kernel_width"}, or by default
## Scott's rule n^(-1/(4+d)) times the mean column standard deviation.  With many columns
## that rule gives a kernel close to the identity and every entropy close to log2
## @var{n}: give @qcode{"kernel_width"} for wide layers.  How sum lambda^alpha is
## computed is @qcode{"renyi_method"} (below); @var{n} is limited to 20000.
## @item "exact"
## For discrete data, e.g. the layers of a quantized network (@code{ib_train} with
## @qcode{"quantize"}; Lorenzen, Igel & Nielsen 2022): each distinct row of a side is one
## state, rows told apart bit for bit (-0 equal to 0), whatever @qcode{"discrete"} says;
## the plug-in entropies of the empirical distribution, I = H(A) - H(A|B), with no
## binning.  On continuous data every row is its own state, and I is H(A) or close to it.
## @end table
## @item "bins"
## @qcode{"bin"}: number of edges (default 30, the paper's; at most 2^24).
## @item "bin_width"
## @qcode{"bin"}: if > 0, the edges are @var{lo}, @var{lo} + w, @dots{} up to and
## including the first edge >= @var{hi} (each rounded to single precision), instead of
## @qcode{"bins"}.  Default 0 (off).
## @item "range"
## @qcode{"bin"}: [@var{lo} @var{hi}] (default [NaN NaN]).  A NaN end is the observed
## minimum or maximum of that side's whole matrix (each side has its own range); an
## observed minimum is rounded down to single precision, so that it never falls below the
## first edge and wraps.  The paper used [-1 1] for tanh units.
## @item "adaptive_bins"
## @qcode{"adaptive"}: bins per column (default 30).
## @item "noise_var"
## @qcode{"kde"}: variance of the added Gaussian noise (default 0.1).
## @item "max_seconds"
## @qcode{"kde"}: the longest expected time accepted (default 3600, an hour; Inf: no
## limit).  The time is estimated before any work from @var{n}^2 (@var{d} + 64) pair
## operations at the rate measured on the development machine (@var{n} = 8000, @var{d} = 4
## in about 0.2 s): 1e5 rows take about 30 s, 1e6 about 50 minutes, 1e7 about 3 days.
## Beyond the limit the call is refused with @code{ib:ib_mi:too_large}, naming the expected
## time: estimate on a random subsample of the rows (the bounds converge long before
## @var{n} = 1e6), or give a larger @qcode{"max_seconds"}.  Inside @code{ib_train} the
## default applies to each evaluation.
## @item "k"
## @qcode{"knn"}: number of neighbours (default 3).
## @item "jitter", "seed"
## @qcode{"knn"}: standard deviation of seeded noise added to break ties (default 0,
## none; at most 1e300) and its seed (default 0), which also seeds the resamples of
## @qcode{"ci"}.
## @item "alpha", "kernel_width"
## @qcode{"renyi"}: the order (default 1.01) and the Gaussian kernel width (default NaN:
## the estimator's rule).
## @item "renyi_method"
## @qcode{"renyi"}: how each sum of lambda^alpha over a normalised Gram matrix A
## (@var{m} x @var{m}: the whole sample, or one class's block of a joint with labels) is
## computed:
## @table @asis
## @item "eig"
## every eigenvalue by LAPACK, O(@var{m}^3) (the method of earlier versions).
## @item "exact_power"
## integer alpha 2 .. 16 only: trace (A^alpha) without eigenvalues; alpha = 2 is the
## squared Frobenius norm sum (A(:) .^ 2), O(@var{m}^2); alpha = 3 and 4 take one
## product A*A, each further power one more product.  Exact up to rounding.
## @item "slq"
## alpha <= 10: stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017) with Rademacher
## probes drawn from @qcode{"seed"} (so the result is deterministic), 16 Lanczos steps
## each.  The top of the spectrum is first deflated (a subspace iteration of 64 vectors;
## the converged eigenvalues are summed directly), and the exactly known trace and
## squared Frobenius norm of the rest serve as control variates.  Probes are added (8,
## then 32 at a time) until the error estimate (3 standard errors of the probe mean, the
## change from the last 4 Lanczos steps, and the residuals of the deflated eigenvalues)
## is at most 1e-3 bits for each entropy; if that would take more than 1024 probes, the
## eigenvalues are used instead, so the result is always within that estimate.  Blocks
## under 256 rows use the eigenvalues.
## @item "auto" (default)
## alpha = 2 by @qcode{"exact_power"}; below 1500 rows integer alpha 3 .. 6 by
## @qcode{"exact_power"}, others by @qcode{"eig"}; from 1500 rows @qcode{"eig"} for
## alpha within 0.05 of 1 (the default 1.01 included, see below), else alpha <= 10 by
## @qcode{"slq"}, which gives up after a pilot of 8 probes when the probes it would need
## cost more than about half the eigenvalues (then integer alpha 3 .. 6 by
## @qcode{"exact_power"}, others by @qcode{"eig"}).  It gives up on flat spectra (the
## entropy near log2 @var{m}, as with Scott's rule on several columns) and for alpha close
## to 1: the entropy divides the error of the sum by 1 - alpha, so the default 1.01 needs a
## relative error of about 7e-6, out of reach of random probes.  Where it gives up, the
## pilot has cost about a quarter of the eigenvalues' time on top of them.
## @end table
##
## Example: @code{ib_entropy (T, "estimator", "renyi", "alpha", 2)} needs no eigenvalues;
## @code{ib_mi (T, X, "estimator", "renyi", "alpha", 1.5, "renyi_method", "slq",
## "seed", 1)} repeats exactly for the same seed.
## @item "ci", "resamples"
## A confidence level in (0, 1), e.g. 0.95: @var{info}.ci is then an interval [lo hi]
## for I from @qcode{"resamples"} (default 200) resamples of the rows, drawn from
## @qcode{"seed"} (default 0; the caller's @code{rand} state is left as it was), so the
## same call gives the same interval.  For @qcode{"bin"}, @qcode{"adaptive"} and
## @qcode{"kde"} the rows are resampled with replacement (@var{info}.method
## @qcode{"bootstrap"}) and the interval is the basic one, [2 I - q(1-a/2), 2 I - q(a/2)]
## with q the quantiles of the resampled estimates and a = 1 - @var{level}: it corrects
## the bias the resamples show (a plug-in MI is biased upwards), which the percentile
## interval [q(a/2), q(1-a/2)] does not, so it need not hold I.  For @qcode{"knn"},
## copies of rows would have zero distances and inflate the estimate, so each resample
## splits the rows at random into two disjoint halves instead (@qcode{"half-sampling"}),
## with estimates I1 and I2, and (I1 - I2) / 2 has the spread of an estimate from all
## @var{n} rows: the interval is I -+ its quantiles, without a bias correction (the k-NN
## bias is small in a few dimensions, see @qcode{"knn"}); it needs @var{n} > 2 k + 1.  The
## ends are at least 0.  Measured in the tests: level 0.8 covered the closed-form MI of
## correlated Gaussians (@qcode{"knn"}, @var{n} = 200) in 80 of 100 samples, and the MI
## of a discrete 5 x 5 joint (@qcode{"bin"}, @var{n} = 200) in 74 of 100, where the
## percentile interval covered 42.  Where the estimate is saturated (each sample its own
## state) the resamples, with fewer distinct rows, say more about the estimator's bias
## than about I.  The cost is that many more estimates.  Not available for
## @qcode{"renyi"} (@code{ib:ib_mi:unsupported}).  Without @qcode{"ci"}, @var{info}.ci
## is [NaN NaN].  @var{info} also has @code{level}, @code{resamples}, @code{method} and
## @code{draws} (the estimates on the resamples; for half-sampling I + (I1 - I2) / 2).
## @item "discrete"
## Which sides hold discrete symbols, told apart by their rows as they are (never binned):
## @qcode{"none"}, @qcode{"a"}, @qcode{"b"}, @qcode{"both"}, or @qcode{"auto"} (default):
## a side is discrete when it is a single column of integers (e.g. class labels).
## @end table
##
## Ctrl-C stops @qcode{"kde"}, @qcode{"knn"} and @qcode{"renyi"} within about a second
## with the error @code{ib:ib_mi:interrupted} (the binning estimators take well under a
## second and finish first).
##
## Errors have the ids @code{ib:ib_mi:invalid_input} (non-numeric, complex, empty, NaN or
## Inf data; for @qcode{"bin"}, a continuous side whose values span more than the largest
## double), @code{ib:ib_mi:size_mismatch} (different numbers of rows), @code{ib:ib_mi:unknown_estimator}, @code{ib:ib_mi:invalid_option}
## (an unknown option name, a bad value, or a @qcode{"range"} or @qcode{"bin_width"}
## giving no usable edges or more than 2^24 of them), @code{ib:ib_mi:unsupported} (a
## combination the estimator cannot do: @qcode{"kde"} without exactly one discrete side,
## @qcode{"knn"} with two discrete sides, with @qcode{"k"} >= @var{n}, or with a discrete
## side none of whose classes has two samples; @qcode{"ci"} with @qcode{"renyi"}, or with
## @qcode{"knn"} on @var{n} <= 2 k + 1 rows), @code{ib:ib_mi:bad_ci} (a @qcode{"ci"}
## level not in (0, 1), @qcode{"resamples"} not an integer in [2, 1e6], or fewer than
## 2 / (1 - @var{level}) of them) and @code{ib:ib_mi:too_large}
## (@qcode{"renyi"} with more than 20000 samples, @qcode{"kde"} expected to take longer
## than @qcode{"max_seconds"}); @code{ib:ib_mi:out_of_memory} when the
## memory runs out.
##
## Example:
## @example
## @group
## x = randi (4, 1000, 1) - 1;               # labels 0..3, H = 2 bits
## T = tanh (x + 0.1 * randn (1000, 3));      # a noisy layer of 3 units
## ib_mi (T, x)                               # about 2 (30 bins on the observed range)
## ib_mi (T, x, "estimator", "adaptive", "adaptive_bins", 4)
## ib_mi (T, x, "range", [-1 1], "bins", 30, "discrete", "b")
## [I, info] = ib_mi (T, x, "range", [-1 1], "ci", 0.95);
## info.ci                                    # [lo hi], the same for the same "seed"
## @end group
## @end example
## @seealso{ib_entropy, ib_layer_mi}
## @end deftypefn

function [I, info] = ib_mi (A, B, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  A = mi_check_data ("ib_mi", A, "A", true);
  B = mi_check_data ("ib_mi", B, "B", true);
  if (rows (A) != rows (B))
    error ("ib:ib_mi:size_mismatch", "ib_mi: A has %d rows but B has %d", rows (A), rows (B));
  endif
  [opts, discrete] = mi_parse_options ("ib_mi", varargin, {"auto", "none", "a", "b", "both"});
  a_discrete = any (strcmp (discrete, {"a", "both"})) || (strcmp (discrete, "auto") && is_symbols (A));
  b_discrete = any (strcmp (discrete, {"b", "both"})) || (strcmp (discrete, "auto") && is_symbols (B));
  mi_check_range ("ib_mi", opts, A, a_discrete, "A");
  mi_check_range ("ib_mi", opts, B, b_discrete, "B");
  check_sides ("ib_mi", opts, a_discrete, b_discrete);
  labels = [];
  if (a_discrete != b_discrete)
    ## the class of each row of the discrete side
    if (a_discrete)
      [~, ~, labels] = unique (A, "rows");
    else
      [~, ~, labels] = unique (B, "rows");
    endif
  endif
  mi_check_estimator ("ib_mi", opts, rows (A), labels);
  I = __ib_mi__ ("mi", A, B, a_discrete, b_discrete, opts);
  info = mi_bootstrap ("ib_mi", opts, rows (A), I,
                       @(i) __ib_mi__ ("mi", A(i,:), B(i,:), a_discrete, b_discrete, opts), 0);
endfunction

## The combinations of discrete sides that an estimator cannot do.
function check_sides (fn, opts, a_discrete, b_discrete)
  id = ["ib:" fn ":unsupported"];
  switch (opts.estimator)
    case "kde"
      if (a_discrete == b_discrete)
        error (id, "%s: \"kde\" needs exactly one discrete side (labels)", fn);
      endif
    case "knn"
      if (a_discrete && b_discrete)
        error (id, "%s: \"knn\" needs a continuous side; use \"bin\" for two discrete ones", fn);
      endif
  endswitch
endfunction

## A single column of integers: class labels and the like.
function tf = is_symbols (A)
  tf = columns (A) == 1 && all (A == round (A));
endfunction

%!shared x, T
%! x = repmat ((0:3)', 10, 1);
%! T = tanh ([x, -x] / 2 + 0.01 * sin ((1:40)'));

## the labels are determined by T and vice versa: I = H = 2 bits
%!assert (ib_mi (T, x), 2, 1e-12)
%!assert (ib_mi (x, T), 2, 1e-12)
%!assert (ib_mi (x, x), 2, 1e-12)
%!assert (ib_mi (T, x, "estimator", "adaptive", "adaptive_bins", 4), 2, 1e-12)
## one state for all of T: nothing
%!assert (ib_mi (T, x, "bins", 1), 0)
## independent halves: labels (0,1) x (0,1) balanced -> 0 exactly
%!assert (ib_mi (mod (x, 2), floor (x / 2)), 0, 1e-15)
## I(A;B) = H(A) + H(B) - H(A,B) with the entropies of ib_entropy
%!test
%! a = mod ((1:300)', 7);
%! b = mod (a .^ 2, 5) + 5 * mod ((1:300)', 2);
%! I = ib_entropy (a) + ib_entropy (b) - ib_entropy ([a b], "discrete", true);
%! assert (ib_mi (a, b), I, 1e-12);
%! assert (ib_mi (a, b) > 0.1);
## a row vector is a column
%!assert (ib_mi (x', T), ib_mi (x, T))
## "discrete": labels 0..99 are symbols by default; binned into 30 edges they merge
%!test
%! y = (0:99)';
%! assert (ib_mi (y, y), log2 (100), 1e-12);
%! assert (ib_mi (y, y, "discrete", "none") < log2 (30) + 1e-12);
%! assert (ib_mi (y, y, "discrete", "a", "bins", 100), log2 (100), 1e-12);
%! assert (ib_mi (y, y, "discrete", "none", "bins", 100), log2 (100), 1e-12);
%! assert (ib_mi (y, y, "discrete", "b") < log2 (30) + 1e-12);
## the wrap: with range [0 1], -0.5 shares the top state with 1
%!test
%! assert (ib_mi ([-0.5; 1], [0; 1], "range", [0 1]), 0);
%! assert (ib_mi ([-0.5; 1], [0; 1], "range", [-1 1]), 1, 1e-15);
%! a = [-0.5; 1; 0.5; 0.7];
%! assert (ib_mi (a, [0; 1; 2; 3], "range", [0 1]), 1.5, 1e-15);
%! assert (ib_mi (a, [0; 1; 2; 3], "range", [-1 1]), 2, 1e-15);
## bin_width: edges 0, 0.5, 1
%!assert (ib_mi ([0.1; 0.4; 0.6; 0.9], [0; 1; 2; 3], "bin_width", 0.5, "range", [0 1]), 1, 1e-15)
## the other estimators are reached through the same front end
%!test
%! for e = {"kde", "knn", "renyi"}
%!   I = ib_mi (T, x, "estimator", e{1});
%!   assert (isscalar (I) && isfinite (I));
%! endfor

## "renyi_method": alpha = 2 is 1 - log2 of the squared Frobenius norm of K / n (plain
## Octave Gram matrices, the joint their Hadamard product); integer alpha 3 by traces of
## powers equals the eigenvalues; "slq" is within its stated 1e-3 bits per entropy
%!test
%! randn ("state", 3);
%! A = randn (300, 2);
%! B = A .^ 2 + randn (300, 2);
%! s = 1.2;
%! gram = @(Z) exp (-max (sumsq (Z, 2) + sumsq (Z, 2)' - 2 * (Z * Z'), 0) / (2 * s ^ 2));
%! Ka = gram (A - mean (A));
%! Kb = gram (B - mean (B));
%! S2 = @(K) -log2 (sumsq (K(:) / rows (K)));
%! o = {"estimator", "renyi", "kernel_width", s};
%! I2 = S2 (Ka) + S2 (Kb) - S2 (Ka .* Kb);
%! assert (ib_mi (A, B, o{:}, "alpha", 2, "renyi_method", "exact_power"), I2, 1e-12);
%! assert (ib_mi (A, B, o{:}, "alpha", 2), I2, 1e-12);
%! assert (ib_mi (A, B, o{:}, "alpha", 2, "renyi_method", "eig"), I2, 1e-12);
%! I3 = ib_mi (A, B, o{:}, "alpha", 3, "renyi_method", "exact_power");
%! assert (I3, ib_mi (A, B, o{:}, "alpha", 3, "renyi_method", "eig"), 1e-10);
%! S3 = @(K) log2 (sum (sum ((K / rows (K)) ^ 2 .* (K / rows (K))))) / (1 - 3);
%! assert (I3, S3 (Ka) + S3 (Kb) - S3 (Ka .* Kb), 1e-10);
%! Ie = ib_mi (A, B, o{:}, "alpha", 1.5, "renyi_method", "eig");
%! Is = ib_mi (A, B, o{:}, "alpha", 1.5, "renyi_method", "slq");
%! assert (abs (Is - Ie) < 3e-3 && Is != Ie);
%! assert (ib_mi (A, B, o{:}, "alpha", 1.5, "renyi_method", "slq"), Is);
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "renyi_method", "lanczos")
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "renyi_method", 2)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "estimator", "renyi", "renyi_method", "exact_power")
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "estimator", "renyi", "renyi_method", "slq", "alpha", 11)

%!error <Invalid call> ib_mi ()
%!error <Invalid call> ib_mi (1)
%!error id=ib:ib_mi:invalid_input ib_mi ({1}, 1)
%!error id=ib:ib_mi:invalid_input ib_mi ("ab", [1; 2])
%!error id=ib:ib_mi:invalid_input ib_mi ([], [])
%!error id=ib:ib_mi:invalid_input ib_mi ([1; NaN], [1; 2])
%!error id=ib:ib_mi:invalid_input ib_mi ([1; 2], [1; Inf])
%!error id=ib:ib_mi:invalid_input ib_mi ([1; 2i], [1; 2])
%!error id=ib:ib_mi:size_mismatch ib_mi ([1; 2; 3], [1; 2])
%!error id=ib:ib_mi:unknown_estimator ib_mi ([1; 2], [1; 2], "estimator", "foo")
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "estimator", 3)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "bins", 0)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "bins", 2.5)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "bin_width", -1)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "range", [1 0])
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "range", [0 Inf])
%!error id=ib:ib_mi:invalid_option ib_mi ([0.5; 2.5], [1; 2], "range", [3 NaN])
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "adaptive_bins", -3)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "noise_var", 0)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "max_seconds", 0)
## the size guard: refused before any work, the message names the time and the way out
%!test
%! T = rand (3000, 4);
%! y = double (T(:,1) > 0.5);
%! try
%!   ib_mi (T, y, "estimator", "kde", "max_seconds", 1e-3);
%!   assert (false, "not refused");
%! catch err
%!   assert (err.identifier, "ib:ib_mi:too_large");
%!   assert (! isempty (strfind (err.message, "subsample")));
%!   assert (! isempty (strfind (err.message, "max_seconds")));
%! end_try_catch
%! assert (isfinite (ib_mi (T, y, "estimator", "kde", "max_seconds", Inf)));
%!error id=ib:ib_entropy:too_large ib_entropy (rand (3000, 2), "estimator", "kde", "max_seconds", 1e-3)
%!error id=ib:ib_layer_mi:too_large ib_layer_mi (rand (3000, 2), rand (3000, 2), mod ((1:3000)', 2), "estimator", "kde", "max_seconds", 1e-3)
## the default refuses the hours of 2e6 rows at once (only the size is looked at)
%!error <about 3.* hours> ib_mi (rand (2e6, 1), mod ((1:2e6)', 2), "estimator", "kde")
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "k", [1 2])
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "seed", -1)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "alpha", NaN)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "kernel_width", Inf)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "discrete", "c")
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "nonsense", 1)
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], "bins")
%!error id=ib:ib_mi:invalid_option ib_mi ([1; 2], [1; 2], 3, 1)
%!error id=ib:ib_mi:unsupported ib_mi (randn (20, 2), randn (20, 1), "estimator", "kde")
%!error id=ib:ib_mi:unsupported ib_mi ([0;1;0;1], [1;1;0;0], "estimator", "kde")
%!error id=ib:ib_mi:unsupported ib_mi ([0;1;0;1], [1;1;0;0], "estimator", "knn")
%!error id=ib:ib_mi:unsupported ib_mi (randn (3, 2), randn (3, 1), "estimator", "knn")
