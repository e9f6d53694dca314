## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {@var{curve} =} ib_curve (@var{pxy})
## @deftypefnx {} {@var{curve} =} ib_curve (@var{pxy}, @var{name}, @var{value}, @dots{})
## The information bottleneck (IB) curve of a discrete joint distribution: the largest
## I(T;Y) an encoder p(t|x) can keep about the label Y at a given I(X;T), in bits.
##
## @var{pxy} is the |X| x |Y| matrix of the probabilities p(x, y) (e.g. from
## @code{ib_joint}).  It must be real, finite, non-negative and sum to 1 within 1e-9 (2e-6
## for a single matrix); it is
## then divided by its sum.  Values of x (or y) of probability 0 are ignored.
##
## @strong{Algorithm.}  For each beta of a sweep the IB Lagrangian
## I(X;T) - beta I(T;Y) is minimised by the self-consistent iterations of Tishby, Pereira
## & Bialek (1999):
##
## @example
## p(t|x) = p(t) exp (-beta KL(p(y|x) || p(y|t))) / Z(x, beta)
## p(t)   = sum_x p(x) p(t|x)
## p(y|t) = sum_x p(x, y) p(t|x) / p(t)
## @end example
##
## at a cost of O(|T| |X| |Y|) per iteration, in C, with the SQUAREM extrapolation of
## Varadhan & Roland (2008) to cross the slow stretches.  Values of x with the same p(y|x)
## are merged first (the optimal encoder depends on x only through p(y|x), so the curve is
## unchanged).  The sweep anneals: each beta starts from the solution at the previous beta,
## from the same with its clusters split in two (all of up to 16 clusters, else the most
## spread quarter), from the trivial encoder, and (for small problems) from random encoders
## and the identity encoder; the start of lowest Lagrangian wins.  |T| grows up to |X| as clusters split; clusters that empty are dropped
## and clusters with the same p(y|t) are merged.  A backward pass carries the solutions
## from large to small beta, and betas are then inserted until the straight line between
## neighbouring points misses the curve by at most @qcode{"curve_tol"} bits: at an optimum
## the curve's slope is 1/beta, so between two points the concave curve lies under the two
## tangents, which bounds the gap.  The sweep is extended towards large beta in the same
## way until the end (H(X'), I(X;Y)) is reached (X' = X with the merged values).
## The cost grows with |X'| and with the number of clusters the curve needs: the 12-bit
## task with soft labels (4096 values of x, 59 distinct p(y|x)) takes a fraction of a
## second, 4096 distinct rows of p(y|x) about a minute; @qcode{"curve_tol"},
## @qcode{"beta_cap"} and @qcode{"max_cardinality"} trade resolution for time.
##
## With @qcode{"method"}, @qcode{"dib"}, the deterministic IB of Strouse & Schwab (2017) is
## solved instead: hard encoders t(x) = argmax_t log p(t) - beta KL(p(y|x) || p(y|t)),
## minimising H(T) - beta I(T;Y); its points (H(T) = I(X;T), I(T;Y)) are never above the IB
## curve.
##
## @strong{The reported curve} (@code{IXT}, @code{ITY}) is the upper concave envelope of
## the points found, of (0, 0) and of the two right ends (H(X'), I(X;Y)) and (H(X),
## I(X;Y)): it is therefore monotone non-decreasing and concave, starts at (0, 0) and ends
## at (H(X), I(X;Y)).  Time sharing between two encoders reaches every point of the
## envelope, so it is still achievable.  The points themselves are in the @code{raw_}
## fields.  With @qcode{"dib"} the envelope is that of the DIB points (time sharing
## between hard encoders is not a hard encoder, but it is still an encoder).
##
## @strong{Deterministic labels.}  When every row of p(y|x) is one-hot (within
## @qcode{"deterministic_tol"}), Y = f(X) and the IB curve is exactly piecewise linear:
## I(T;Y) = I(X;T) for I(X;T) <= H(Y), then flat at H(Y) up to H(X) (reached by T = Y kept
## with some probability and erased otherwise).  Kolchinsky, Tracey & Van Kuyk (2019),
## "Caveats for information bottleneck in deterministic scenarios" (ICLR), show that the IB
## Lagrangian cannot trace this curve: beta < 1 gives the trivial encoder, beta > 1 the
## corner (H(Y), H(Y)), and only beta = 1 the rest.  This case is detected, the exact
## curve is returned without iterating, and @code{curve.deterministic} is true with a
## @code{curve.note} saying so; the raw points are the trivial encoder (beta 1) and T = Y
## (optimal for every beta > 1, reported as Inf).  The 12-bit task with hard labels is
## such a case.
##
## Options (@var{name}, @var{value} pairs, names case-insensitive):
## @table @asis
## @item "method"
## @qcode{"ib"} (default) or @qcode{"dib"}.
## @item "beta"
## An explicit vector of betas (>= 0, any order, at most 1e5 of them; a repeated beta is
## solved once): only these are solved (no refinement unless @qcode{"refine"} is true).
## @item "beta_range"
## [@var{min} @var{max}] of the initial log-spaced grid, @var{min} > 0; default [1 1000].
## @item "n_beta"
## Size of the initial grid; default 40, at most 1e5.
## @item "refine"
## Insert betas until the curve is resolved (default: true unless @qcode{"beta"} is
## given).
## @item "curve_tol"
## Target, in bits, of the bound on the gap between the piecewise-linear curve and the
## true one; default 1e-4.
## @item "max_points"
## The refinement stops when this many betas have been solved (the initial grid is always
## solved); default 400, at most 1e5.
## @item "beta_cap"
## The largest beta the extension may reach; default 1e7.
## @item "max_iter"
## Iterations per start and beta; default 2000, at most 1e6.
## @item "tol"
## A start has converged when an iteration lowers the Lagrangian by less than
## @var{tol} (1 + beta) bits (a point d bits under the curve has a Lagrangian beta d too
## high); default 1e-10.  DIB: when no assignment changes.
## @item "restarts"
## Random starts per beta; default: 3 for small problems (|X'| |T|max |Y| <= 2000), else 0;
## at most 1000.
## @item "seed"
## Seed of the random starts and splits (default 1): results are reproducible.
## @item "max_cardinality"
## Largest |T| (default |X|).  Below |X'| the right ends are not added to the envelope.
## @item "encoders"
## If true, @code{curve.encoders@{i@}} is the |X| x |T| matrix p(t|x) of raw point
## @var{i} (rows of x with p(x) = 0 are zero); default false.
## @item "deterministic_tol"
## Tolerance of the test for one-hot rows of p(y|x); default 1e-9.
## @end table
##
## The result @var{curve} is a struct with fields:
## @table @code
## @item IXT, ITY
## The curve: column vectors, ascending in I(X;T), bits.  @code{ib_plane (res, "curve",
## curve)} draws it on a network's information plane.
## @item beta, converged
## For each vertex of the curve: the beta of the point (at (0, 0) the largest beta solved
## that still gave the trivial encoder, or 1; Inf at the added right ends) and whether its
## iterations converged.
## @item raw_IXT, raw_ITY, raw_beta, raw_HT, raw_lagrangian
## One point per beta solved, ascending in beta: I(X;T), I(T;Y), beta, H(T) and the
## Lagrangian (I(X;T) - beta I(T;Y), or H(T) - beta I(T;Y) for DIB) of the winning start.
## @item raw_converged, raw_iterations, raw_cardinality
## Whether it converged, its iterations, and |T|.
## @item encoders
## A cell of the encoders (empty unless asked for).
## @item deterministic, note
## True when y is a function of x (the curve is then exact), and a sentence about it.
## @item all_converged
## True when every raw point converged.
## @item H_X, H_Y, I_XY, H_X_merged, n_x_merged
## H(X), H(Y), I(X;Y), H(X') in bits and |X'| (spelled as the fields of @code{ib_train}'s results).
## @item method
## @qcode{"ib"} or @qcode{"dib"}.
## @end table
##
## Ctrl-C stops the sweep before the next beta with the error @code{ib:ib_curve:interrupted}.
##
## Errors have the ids @code{ib:ib_curve:invalid_input} (not a real numeric matrix, or
## empty), @code{ib:ib_curve:nonfinite}, @code{ib:ib_curve:negative},
## @code{ib:ib_curve:not_normalized} (sum not 1 within the tolerance), @code{ib:ib_curve:invalid_option}
## (also a count beyond its limit above) and @code{ib:ib_curve:unknown_method};
## @code{ib:ib_curve:out_of_memory} when the memory runs out.
##
## Example:
## @example
## q = 0.1;                                  # binary symmetric channel, uniform X
## pxy = [1-q, q; q, 1-q] / 2;
## curve = ib_curve (pxy);
## plot (curve.IXT, curve.ITY);  xlabel ("I(X;T)");  ylabel ("I(T;Y)");
## ## the closed form (Mrs Gerber's lemma): I(T;Y) = 1 - h(q * h^-1(1 - I(X;T)))
## [X, y] = ib_dataset ("tishby");
## curve = ib_curve (ib_joint (X, y));       # deterministic labels: the exact curve
## disp (curve.note)
## @end example
##
## References: N. Tishby, F. C. Pereira and W. Bialek (1999), "The information bottleneck
## method", Allerton; D. J. Strouse and D. J. Schwab (2017), "The deterministic
## information bottleneck", Neural Computation 29; A. Kolchinsky, B. D. Tracey and S. Van
## Kuyk (2019), "Caveats for information bottleneck in deterministic scenarios", ICLR;
## N. Zaslavsky and N. Tishby (2019), "Deterministic annealing and the evolution of
## information bottleneck representations".
## @seealso{ib_joint, ib_bound, ib_plane}
## @end deftypefn

function curve = ib_curve (pxy, varargin)

  if (nargin < 1)
    print_usage ();
  endif
  if (! (isnumeric (pxy) || islogical (pxy)) || ! isreal (pxy) || ndims (pxy) != 2
      || isempty (pxy))
    error ("ib:ib_curve:invalid_input",
           "ib_curve: PXY must be a non-empty real matrix of probabilities");
  endif
  ## single probabilities carry single rounding: 16 eps of single instead of 1e-9
  tol = ifelse_single (pxy, 16 * eps ("single"), 1e-9);
  pxy = full (double (pxy));       # sparse input is accepted, as by every function
  if (! all (isfinite (pxy(:))))
    error ("ib:ib_curve:nonfinite", "ib_curve: PXY must not contain NaN or Inf");
  endif
  if (any (pxy(:) < 0))
    error ("ib:ib_curve:negative", "ib_curve: PXY must be non-negative");
  endif
  total = sum (pxy(:));
  if (abs (total - 1) > tol)
    error ("ib:ib_curve:not_normalized",
           "ib_curve: PXY must sum to 1 (within %g), not %.12g", tol, total);
  endif
  if (abs (total - 1) > 1e-9)
    pxy /= total;   # a single matrix: within the core's own tolerance of 1e-9
  endif

  opts = parse_options (varargin);
  try
    curve = __ib_curve__ (pxy, opts);
  catch err   # the core's sentence (ib_curve_check) without the gateway's name
    error (err.identifier, "%s", regexprep (err.message, '^__ib_curve__: ', ''));
  end_try_catch
  curve.method = opts.method;
  if (curve.deterministic)
    curve.note = ["y is a deterministic function of x: the IB Lagrangian cannot trace ", ...
                  "this curve (Kolchinsky, Tracey & Van Kuyk 2019); the exact ", ...
                  "piecewise-linear curve I(T;Y) = min(I(X;T), H(Y)) is returned"];
  elseif (! curve.all_converged)
    curve.note = sprintf (["%d of %d betas did not converge within max_iter ", ...
                           "iterations (raw_converged)"],
                          sum (! curve.raw_converged), numel (curve.raw_converged));
  else
    curve.note = "";
  endif

endfunction

## The names and types of the options; the rules on their values are the core's
## (ib_curve_check in src/ib_curve.c, relayed by __ib_curve__ as ib:ib_curve:invalid_option).
function opts = parse_options (args)
  opts = struct ("method", "ib", "beta", [], "beta_min", 1, "beta_max", 1000,
                 "n_beta", 40, "refine", -1, "curve_tol", 1e-4, "max_points", 400,
                 "beta_cap", 1e7, "max_iter", 2000, "tol", 1e-10, "restarts", -1,
                 "seed", 1, "max_cardinality", 0, "encoders", false,
                 "deterministic_tol", 1e-9);
  if (mod (numel (args), 2) != 0)
    bad_option ("options must be NAME, VALUE pairs");
  endif
  for i = 1:2:numel (args)
    name = args{i};
    value = args{i+1};
    if (! ischar (name) || ! isrow (name))
      bad_option ("option names must be strings");
    endif
    switch (lower (name))
      case "method"
        if (! ischar (value) || ! isrow (value))
          bad_option ("\"method\" must be \"ib\" or \"dib\"");
        endif
        value = lower (value);
        if (! any (strcmp (value, {"ib", "dib"})))
          error ("ib:ib_curve:unknown_method",
                 "ib_curve: unknown method '%s' (known: ib, dib)", value);
        endif
        opts.method = value;
      case "beta"
        if (! is_real (value) || isempty (value) || ! isvector (value))
          bad_option ("\"beta\" must be a vector of betas");
        endif
        opts.beta = full (double (value(:)));
      case "beta_range"
        if (! is_real (value) || ! isvector (value) || numel (value) != 2)
          bad_option ("\"beta_range\" must be [min max]");
        endif
        opts.beta_min = full (double (value(1)));
        opts.beta_max = full (double (value(2)));
      case "n_beta"
        opts.n_beta = count_option (name, value, 0);
      case "refine"
        opts.refine = double (logical_option (name, value));
      case "curve_tol"
        opts.curve_tol = scalar_option (name, value);
      case "max_points"
        opts.max_points = count_option (name, value, 0);
      case "beta_cap"
        opts.beta_cap = scalar_option (name, value);
      case "max_iter"
        opts.max_iter = count_option (name, value, 0);
      case "tol"
        opts.tol = scalar_option (name, value);
      case "restarts"
        opts.restarts = count_option (name, value, 0);
      case "seed"
        opts.seed = count_option (name, value, 0);
      case "max_cardinality"
        opts.max_cardinality = count_option (name, value, 1);
      case "encoders"
        opts.encoders = logical_option (name, value);
      case "deterministic_tol"
        opts.deterministic_tol = scalar_option (name, value);
      otherwise
        bad_option (sprintf ("unknown option '%s'", name));
    endswitch
  endfor
endfunction

function v = ifelse_single (x, a, b)
  if (isa (x, "single"))
    v = a;
  else
    v = b;
  endif
endfunction

function tf = is_real (v)
  tf = (isnumeric (v) || islogical (v)) && isreal (v);
endfunction

function v = count_option (name, v, lo)
  if (! is_real (v) || ! isscalar (v) || ! isfinite (v) || v != round (v) || v < lo
      || v > flintmax ())
    bad_option (sprintf ("\"%s\" must be an integer >= %d", name, lo));
  endif
  v = full (double (v));
endfunction

function v = scalar_option (name, v)
  if (! is_real (v) || ! isscalar (v))
    bad_option (sprintf ("\"%s\" must be a real scalar", name));
  endif
  v = full (double (v));
endfunction

function tf = logical_option (name, v)
  if (! is_real (v) || ! isscalar (v) || ! (v == 0 || v == 1))
    bad_option (sprintf ("\"%s\" must be true or false", name));
  endif
  tf = logical (v);
endfunction

function bad_option (msg)
  error ("ib:ib_curve:invalid_option", "ib_curve: %s", msg);
endfunction

## the doubly symmetric binary source: every vertex on Mrs Gerber's lemma curve
%!test
%! q = 0.1;
%! c = ib_curve ([1-q, q; q, 1-q] / 2);
%! h = @(p) -p .* log2 (p) - (1 - p) .* log2 (1 - p);
%! hinv = @(v) fzero (@(p) h (p) - v, [1e-300, 0.5]);
%! for i = 2:numel (c.IXT) - 1
%!   p = hinv (1 - c.IXT(i));
%!   assert (c.ITY(i), 1 - h (q * (1 - p) + (1 - q) * p), 1e-6);
%! endfor
%! assert (c.IXT([1 end]), [0; 1], 1e-12);
%! assert (c.ITY(end), 1 - h (q), 1e-12);
%! assert (! c.deterministic && c.all_converged && isempty (c.note));
%! assert (strcmp (c.method, "ib"));
%! assert (iscolumn (c.IXT) && iscolumn (c.ITY) && numel (c.IXT) == numel (c.ITY));

## below the critical beta 1/(1-2q)^2 the trivial encoder; the explicit grid is sorted
%!test
%! q = 0.25;
%! c = ib_curve ([1-q, q; q, 1-q] / 2, "beta", [8 2 3.9 5]);
%! assert (c.raw_beta, [2; 3.9; 5; 8]);
%! assert (c.raw_IXT(1:2), [0; 0], 1e-9);
%! assert (all (c.raw_IXT(3:4) > 0.01));
%! assert (c.raw_lagrangian, c.raw_IXT - c.raw_beta .* c.raw_ITY, 1e-12);

## deterministic labels: flagged, exact, and said so
%!test
%! c = ib_curve ([0.25 0; 0.25 0; 0 0.5]);
%! assert (c.deterministic);
%! assert (c.IXT, [0; 1; 1.5], 1e-12);
%! assert (c.ITY, [0; 1; 1], 1e-12);
%! assert (! isempty (strfind (c.note, "Kolchinsky")));

## encoders on request, achieving their points
%!test
%! pxy = [0.3 0.1; 0.05 0.25; 0.2 0.1];
%! c = ib_curve (pxy, "encoders", true, "n_beta", 10, "max_points", 30);
%! assert (numel (c.encoders), numel (c.raw_IXT));
%! for i = 1:numel (c.encoders)
%!   E = c.encoders{i};
%!   assert (size (E), [3, c.raw_cardinality(i)]);
%!   assert (sum (E, 2), ones (3, 1), 1e-9);
%!   pt = sum (pxy, 2)' * E;
%!   ptx = sum (pxy, 2) .* E;
%!   ixt = sum (ptx(ptx > 0) .* log2 (E(ptx > 0) ./ repmat (pt, 3, 1)(ptx > 0)));
%!   assert (ixt, c.raw_IXT(i), 1e-9);
%! endfor
%! d = ib_curve (pxy, "n_beta", 10, "max_points", 30);
%! assert (isempty (d.encoders));

## DIB: hard encoders, I(X;T) = H(T), never above the IB curve
%!test
%! pxy = [0.2 0.05; 0.05 0.2; 0.1 0.1; 0.15 0.15];
%! ib = ib_curve (pxy);
%! dib = ib_curve (pxy, "method", "dib", "encoders", true);
%! assert (strcmp (dib.method, "dib"));
%! assert (dib.raw_IXT, dib.raw_HT, 1e-12);
%! assert (all (cellfun (@(E) all (E(:) == 0 | E(:) == 1), dib.encoders)));
%! assert (all (dib.raw_ITY <= interp1 (ib.IXT, ib.ITY, dib.raw_IXT) + 1e-4));

## the same seed gives the same curve; options are case-insensitive
%!test
%! pxy = [0.1 0.2 0.05; 0.2 0.05 0.1; 0.1 0.1 0.1];
%! a = ib_curve (pxy, "Seed", 3, "N_BETA", 12);
%! b = ib_curve (pxy, "seed", 3, "n_beta", 12);
%! assert (a.IXT, b.IXT);
%! assert (a.ITY, b.ITY);

## a 1 x 1 joint: nothing to learn
%!test
%! c = ib_curve (1);
%! assert ([c.IXT c.ITY], [0 0]);

%!demo
%! ## The IB curve of a noisy version of the 12-bit task: soft labels
%! ## p(y = 1 | x) = sigmoid (gamma (f(x) - theta)) from the generator score f.
%! [X, y, info] = ib_dataset ("tishby");
%! gamma = 2;
%! p1 = 1 ./ (1 + exp (-gamma * (info.score - info.threshold)));
%! pxy = ib_joint (X, [1 - p1, p1]);
%! tic;  curve = ib_curve (pxy);  t = toc;
%! plot (curve.IXT, curve.ITY, "k-", curve.raw_IXT, curve.raw_ITY, "r.");
%! xlabel ("I(X;T) (bits)");  ylabel ("I(T;Y) (bits)");
%! title (sprintf ("IB curve of the noisy 12-bit task (%.1f s)", t));
%! legend ("curve (upper concave envelope)", "points found", "location", "southeast");

%!error <Invalid call> ib_curve ()
%!error id=ib:ib_curve:invalid_input ib_curve ([])
%!error id=ib:ib_curve:invalid_input ib_curve ({0.5, 0.5})
%!error id=ib:ib_curve:invalid_input ib_curve ([0.5 0.5i])
%!error id=ib:ib_curve:invalid_input ib_curve (ones (1, 1, 2) / 2)
%!error id=ib:ib_curve:nonfinite ib_curve ([0.5 NaN])
%!error id=ib:ib_curve:nonfinite ib_curve ([0.5 Inf])
%!error id=ib:ib_curve:negative ib_curve ([1.5 -0.5])
%!error id=ib:ib_curve:not_normalized ib_curve ([0.5 0.6])
%!error id=ib:ib_curve:not_normalized ib_curve ([0.5 0.5] + 1e-8)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "n_beta")
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "foo", 1)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], 3, 1)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "beta", [1 -1])
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "beta", [1 Inf])
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "beta_range", [0 10])
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "beta_range", [10 1])
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "n_beta", 0)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "n_beta", 2.5)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "refine", 2)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "curve_tol", 0)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "max_points", 0)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "beta_cap", 0.5)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "max_iter", 0)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "tol", -1)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "restarts", -1)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "seed", 1.5)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "max_cardinality", 0)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "encoders", "yes")
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "deterministic_tol", 1)
%!error id=ib:ib_curve:invalid_option ib_curve ([0.5 0.5], "method", 1)
%!error id=ib:ib_curve:unknown_method ib_curve ([0.5 0.5], "method", "vib")
## the gateway's own safety net, called directly
%!error id=ib:ib_curve:invalid_call __ib_curve__ (1)
%!error id=ib:ib_curve:invalid_type __ib_curve__ ({1}, struct ())
%!error id=ib:ib_curve:empty __ib_curve__ (zeros (0, 2), struct ())
%!error id=ib:ib_curve:invalid_option __ib_curve__ ([0.5 0.5], 1)
%!error id=ib:ib_curve:invalid_option __ib_curve__ ([0.5 0.5], struct ("method", "x"))
%!error id=ib:ib_curve:invalid_option __ib_curve__ ([0.5 0.5], struct ("n_beta", 0))
%!error id=ib:ib_curve:invalid_argument __ib_curve__ ([0.5 0.6], struct ())
%!error id=ib:ib_curve:nonfinite __ib_curve__ ([0.5 NaN], struct ())
