## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {@var{eps} =} ib_bound (@var{IXT}, @var{m}, @var{delta})
## @deftypefnx {} {[@var{eps}, @var{info}] =} ib_bound (@dots{})
## The input-compression generalization bound of the information bottleneck theory of deep
## learning:
##
## @example
## eps^2 <= (2^I(X;T) + log (1/delta)) / (2 m)
## @end example
##
## with probability at least 1 - @var{delta} over a training set of @var{m} samples, the
## gap between the training and the test error of a classifier reading the representation
## T is at most @var{eps}.  It is the PAC (Hoeffding and union) bound for a finite class
## of hypotheses, eps^2 <= (log |H| + log (1/delta)) / (2 m), in which the cardinality
## |H| ~ 2^|X| of the hypotheses on the inputs is replaced by 2^(2^I(X;T)) (T keeps about
## 2^I(X;T) distinguishable cells of the input; constant factors such as ln 2 dropped, as
## in the papers): Tishby & Zaslavsky (2015),
## "Deep learning and the information bottleneck principle", IEEE Information Theory
## Workshop, and Shwartz-Ziv & Tishby (2017), "Opening the black box of deep neural
## networks via information", arXiv:1703.00810, Section 2.4.  It is an argument of those
## papers, not a theorem about every network.  log is the natural logarithm (Hoeffding's);
## @var{IXT} is in bits.
##
## The bound is vacuous (@var{eps} >= 1 says nothing about an error rate) as soon as
## 2^I(X;T) is of the order of @var{m}: with I(X;T) = 12 bits (every one of the 4096 inputs
## of the 12-bit task told apart) it needs @var{m} > 2048 samples to fall below 1.  Its use
## is to show how compression (a smaller I(X;T)) shrinks the bound exponentially.
##
## @var{IXT} (bits, >= 0), @var{m} (> 0) and @var{delta} (in (0, 1)) are arrays of
## compatible sizes (broadcast); @var{eps} has their common size.  @var{info} is a struct
## with the terms: @code{complexity} = 2.^@var{IXT}, @code{confidence} =
## log (1 ./ @var{delta}), @code{eps2} = @var{eps}.^2, @code{vacuous} = (@var{eps} >= 1),
## and @code{m}, @code{delta}, @code{IXT} broadcast to the size of @var{eps}.  @var{eps}
## is computed through logarithms where a term leaves the range of doubles (e.g.
## @var{IXT} > 1024 or @var{m} near @code{realmax}), so it is Inf only when it is beyond
## @code{realmax} itself; @code{complexity} and @code{eps2} may then be Inf or 0.
##
## Errors have the ids @code{ib:ib_bound:invalid_ixt}, @code{ib:ib_bound:invalid_m},
## @code{ib:ib_bound:invalid_delta} and @code{ib:ib_bound:size_mismatch}.
##
## Example:
## @example
## ## the bound along a layer's trajectory of I(X;T), 3277 training samples
## eps = ib_bound ([12 10 8 6], 3277, 0.05)
## @end example
## @seealso{ib_curve, ib_plane}
## @end deftypefn

function [eps, info] = ib_bound (IXT, m, delta)

  if (nargin != 3)
    print_usage ();
  endif
  if (! is_real_array (IXT) || any (isnan (IXT(:))) || any (IXT(:) < 0)
      || any (isinf (IXT(:))))
    error ("ib:ib_bound:invalid_ixt", "ib_bound: IXT must be finite and >= 0 (bits)");
  endif
  if (! is_real_array (m) || any (! (m(:) > 0)) || any (! isfinite (m(:))))
    error ("ib:ib_bound:invalid_m", "ib_bound: M must be finite and > 0");
  endif
  if (! is_real_array (delta) || any (! (delta(:) > 0 & delta(:) < 1)))
    error ("ib:ib_bound:invalid_delta", "ib_bound: DELTA must be in (0, 1)");
  endif
  IXT = full (double (IXT));
  m = full (double (m));
  delta = full (double (delta));
  try
    complexity = 2 .^ IXT + 0 * m + 0 * delta;
    ## -log (delta), not log (1 / delta): 1 / delta overflows for a subnormal delta
    confidence = -log (delta) + 0 * IXT + 0 * m;
    m = m + 0 * IXT + 0 * delta;
  catch
    error ("ib:ib_bound:size_mismatch",
           "ib_bound: IXT, M and DELTA must have compatible sizes");
  end_try_catch
  eps2 = (complexity + confidence) ./ (2 * m);
  eps = sqrt (eps2);
  ## where 2^IXT, 2 m or eps^2 leave the doubles, eps itself may not: take it by logarithms,
  ## log eps = (log (2^IXT + c) - log (2 m)) / 2 with log (2^IXT + c) = IXT log 2 +
  ## log1p (c 2^-IXT) (the terms are >= 1 and > 0, so eps2 is never 0 otherwise)
  out = ! isfinite (eps2) | eps2 == 0;
  if (any (out(:)))
    IXTo = IXT + zeros (size (eps));
    log_sum = IXTo(out) * log (2) + log1p (confidence(out) .* 2 .^ -IXTo(out));
    eps(out) = exp ((log_sum - log (2) - log (m(out))) / 2);
  endif
  if (nargout > 1)
    info = struct ("complexity", complexity, "confidence", confidence, "eps2", eps2,
                   "vacuous", eps >= 1, "m", m, "delta", delta + 0 * eps,
                   "IXT", IXT + 0 * eps);
  endif

endfunction

function tf = is_real_array (v)
  tf = (isnumeric (v) || islogical (v)) && isreal (v) && ! isempty (v);
endfunction

## the formula, against its terms
%!test
%! [e, info] = ib_bound (3, 100, 0.05);
%! assert (e, sqrt ((8 + log (20)) / 200), 1e-15);
%! assert (info.complexity, 8);
%! assert (info.confidence, log (20), 1e-15);
%! assert (info.eps2, e ^ 2, 1e-15);
%! assert (! info.vacuous);

## vectorised with broadcasting; one more bit of I(X;T) doubles the complexity term
%!test
%! IXT = [0 1 2 12]';
%! m = [100 1000 3277];
%! [e, info] = ib_bound (IXT, m, 0.01);
%! assert (size (e), [4 3]);
%! assert (info.complexity(2:end, :) ./ info.complexity(1:end-1, :),
%!         [2 2 2; 2 2 2; 1024 1024 1024]);
%! assert (e, sqrt ((2 .^ IXT + log (100)) ./ (2 * m)), 1e-15);
%! assert (size (info.delta), [4 3]);
%! ## decreasing in m, increasing in I(X;T) and in 1/delta
%! assert (all (diff (e, 1, 2)(:) < 0));
%! assert (all (diff (e, 1, 1)(:) > 0));
%! assert (ib_bound (5, 100, 0.01) > ib_bound (5, 100, 0.1));

## vacuous when 2^I(X;T) is of the order of m: 12 bits needs m > 2048 to fall below 1
%!test
%! [e, info] = ib_bound (12, [2000 2100], 1 - 1e-12);
%! assert (info.vacuous, [true false]);

%!error <Invalid call> ib_bound (1, 2)
%!error id=ib:ib_bound:invalid_ixt ib_bound (-1, 10, 0.1)
%!error id=ib:ib_bound:invalid_ixt ib_bound (NaN, 10, 0.1)
%!error id=ib:ib_bound:invalid_ixt ib_bound (Inf, 10, 0.1)
%!error id=ib:ib_bound:invalid_ixt ib_bound ("a", 10, 0.1)
%!error id=ib:ib_bound:invalid_ixt ib_bound ([], 10, 0.1)
%!error id=ib:ib_bound:invalid_m ib_bound (1, 0, 0.1)
%!error id=ib:ib_bound:invalid_m ib_bound (1, Inf, 0.1)
%!error id=ib:ib_bound:invalid_m ib_bound (1, 1i, 0.1)
%!error id=ib:ib_bound:invalid_delta ib_bound (1, 10, 0)
%!error id=ib:ib_bound:invalid_delta ib_bound (1, 10, 1)
%!error id=ib:ib_bound:invalid_delta ib_bound (1, 10, NaN)
%!error id=ib:ib_bound:size_mismatch ib_bound ([1 2 3], [10 20], 0.1)
