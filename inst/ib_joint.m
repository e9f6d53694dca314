## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {@var{pxy} =} ib_joint (@var{X}, @var{y})
## @deftypefnx {} {@var{pxy} =} ib_joint (@var{X}, @var{P})
## @deftypefnx {} {[@var{pxy}, @var{xvalues}, @var{yvalues}] =} ib_joint (@dots{})
## The empirical joint distribution of the rows of @var{X} and their labels, as the
## |X| x |Y| matrix of probabilities that @code{ib_curve} takes.
##
## @var{X} is @var{n} x @var{d} (one sample per row; numeric or logical, finite).  Rows
## are told apart by @code{unique (@var{X}, "rows")}: row @var{i} of @var{pxy} is the
## @var{i}-th distinct row of @var{X} in sorted (lexicographic) order, returned as
## @code{@var{xvalues}(@var{i},:)}.
##
## With hard labels @var{y} (a vector of @var{n} values of any kind: numbers, logicals,
## characters, or a cell of strings), column @var{c} of @var{pxy} is the @var{c}-th
## distinct label of @code{unique (@var{y})}, returned in @var{yvalues}, and
## p(x, c) = (number of rows with pattern x and label c) / @var{n}.
##
## With soft labels @var{P}, an @var{n} x @var{C} matrix (@var{C} > 1) of non-negative
## rows summing to 1 (within 1e-9, or 2e-6 for single), P(i, c) = p(y = c | x_i), and
## p(x, c) = sum over the rows i with pattern x of P(i, c) / @var{n}; @var{yvalues} is
## @code{(1:@var{C})'}.  A matrix with @var{n} rows and more than one column is always
## read as @var{P}; a vector of @var{n} elements as labels.
##
## It is plain Octave (@code{unique}, @code{accumarray}): Ctrl-C stops it as any Octave
## code, within about a second on millions of rows (the built-in sort finishes first).
##
## Errors have the ids @code{ib:ib_joint:invalid_input} (X not a finite real matrix, or
## empty), @code{ib:ib_joint:invalid_labels} (labels of an unsupported type, NaN or Inf),
## @code{ib:ib_joint:invalid_probabilities} (P negative, not finite or rows not summing to
## 1) and @code{ib:ib_joint:size_mismatch}.
##
## Example:
## @example
## [X, y] = ib_dataset ("tishby");
## pxy = ib_joint (X, y);                    # 4096 x 2, deterministic labels
## p1 = 1 ./ (1 + exp (-(sum (X, 2) - 6)));   # soft labels p(y = 1 | x)
## pxy = ib_joint (X, [1 - p1, p1]);
## curve = ib_curve (pxy);
## @end example
## @seealso{ib_curve, ib_dataset}
## @end deftypefn

function [pxy, xvalues, yvalues] = ib_joint (X, Y)

  if (nargin != 2)
    print_usage ();
  endif
  if (! (isnumeric (X) || islogical (X)) || ! isreal (X) || ndims (X) != 2 || isempty (X)
      || ! all (isfinite (X(:))))
    error ("ib:ib_joint:invalid_input",
           "ib_joint: X must be a non-empty, finite, real n x d matrix");
  endif
  X = full (double (X));
  n = rows (X);
  [xvalues, ~, x_id] = unique (X, "rows");
  nx = rows (xvalues);

  if ((isnumeric (Y) || islogical (Y)) && ndims (Y) == 2 && rows (Y) == n && columns (Y) > 1)
    ## soft labels
    ## single probabilities carry single rounding: 16 eps of single instead of 1e-9
    tol = 1e-9;
    if (isa (Y, "single"))
      tol = 16 * eps ("single");
    endif
    if (! isreal (Y) || ! all (isfinite (Y(:))) || any (Y(:) < 0)
        || any (abs (sum (double (Y), 2) - 1) > tol))
      error ("ib:ib_joint:invalid_probabilities",
             "ib_joint: the rows of P must be finite, non-negative and sum to 1");
    endif
    C = columns (Y);
    pxy = zeros (nx, C);
    for c = 1:C
      pxy(:, c) = accumarray (x_id(:), full (double (Y(:, c))), [nx, 1]) / n;
    endfor
    yvalues = (1:C)';
  else
    ## hard labels
    if (! isvector (Y) && ! isempty (Y))
      error ("ib:ib_joint:size_mismatch",
             "ib_joint: the labels must be a vector of %d elements or an %d x C matrix", n, n);
    endif
    if (numel (Y) != n)
      error ("ib:ib_joint:size_mismatch", "ib_joint: X has %d rows but there are %d labels",
             n, numel (Y));
    endif
    if (iscell (Y))
      if (! iscellstr (Y))
        error ("ib:ib_joint:invalid_labels", "ib_joint: a cell of labels must hold strings");
      endif
    elseif (! (isnumeric (Y) || islogical (Y) || ischar (Y)) || (isnumeric (Y) && ! isreal (Y)))
      error ("ib:ib_joint:invalid_labels",
             "ib_joint: labels must be real numbers, logicals, characters or strings");
    elseif (isnumeric (Y) && ! all (isfinite (Y(:))))
      error ("ib:ib_joint:invalid_labels", "ib_joint: labels must not be NaN or Inf");
    endif
    [yvalues, ~, y_id] = unique (Y(:));
    pxy = accumarray ([x_id(:), y_id(:)], 1, [nx, numel(yvalues)]) / n;
  endif

endfunction

## hard labels: counts over n, rows in sorted order of the patterns
%!test
%! X = [1 0; 0 0; 1 0; 0 1; 0 0; 1 0];
%! y = [2; 1; 2; 1; 2; 7];
%! [pxy, xv, yv] = ib_joint (X, y);
%! assert (xv, [0 0; 0 1; 1 0]);
%! assert (yv, [1; 2; 7]);
%! assert (pxy, [1 1 0; 1 0 0; 0 2 1] / 6);
%! assert (sum (pxy(:)), 1, 1e-15);

## labels of other kinds, as a row, a string or a cell of strings
%!test
%! X = [0; 1; 1; 0];
%! a = ib_joint (X, [true false true true]);
%! b = ib_joint (X, "abaa");
%! c = ib_joint (X, {"u"; "v"; "u"; "u"});
%! assert (a, [0 2; 1 1] / 4);
%! assert (b, [2 0; 1 1] / 4);
%! assert (c, [2 0; 1 1] / 4);

## soft labels: P summed over the rows of each pattern, over n; hard labels are the
## special case of one-hot rows
%!test
%! X = [1 1; 0 1; 1 1];
%! P = [0.2 0.8; 0.5 0.5; 0.6 0.4];
%! [pxy, xv, yv] = ib_joint (X, P);
%! assert (xv, [0 1; 1 1]);
%! assert (yv, [1; 2]);
%! assert (pxy, [0.5 0.5; 0.8 1.2] / 3, 1e-15);
%! y = [2; 1; 2];
%! assert (ib_joint (X, [y == 1, y == 2]), ib_joint (X, y), 1e-15);

## a single sample with soft labels
%!assert (ib_joint ([3 4], [0.25 0.75]), [0.25 0.75])

%!error <Invalid call> ib_joint (1)
%!error id=ib:ib_joint:invalid_input ib_joint ([], [])
%!error id=ib:ib_joint:invalid_input ib_joint ({1}, 1)
%!error id=ib:ib_joint:invalid_input ib_joint ([1; NaN], [1; 2])
%!error id=ib:ib_joint:invalid_input ib_joint ([1; 2i], [1; 2])
%!error id=ib:ib_joint:invalid_input ib_joint (ones (2, 2, 2), [1; 2])
%!error id=ib:ib_joint:size_mismatch ib_joint ([1; 2; 3], [1; 2])
%!error id=ib:ib_joint:size_mismatch ib_joint ([1; 2], ones (3, 2) / 2)
%!error id=ib:ib_joint:invalid_labels ib_joint ([1; 2], [1; NaN])
%!error id=ib:ib_joint:invalid_labels ib_joint ([1; 2], {1; 2})
%!error id=ib:ib_joint:invalid_labels ib_joint ([1; 2], [1; 2i])
%!error id=ib:ib_joint:invalid_labels ib_joint ([1; 2], struct ("a", {1, 2}))
%!error id=ib:ib_joint:invalid_probabilities ib_joint ([1; 2], [0.5 0.6; 0.5 0.5])
%!error id=ib:ib_joint:invalid_probabilities ib_joint ([1; 2], [1.5 -0.5; 0.5 0.5])
%!error id=ib:ib_joint:invalid_probabilities ib_joint ([1; 2], [NaN 0.5; 0.5 0.5])
