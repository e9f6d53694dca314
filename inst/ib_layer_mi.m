## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {[@var{IXT}, @var{ITY}] =} ib_layer_mi (@var{T}, @var{X}, @var{y})
## @deftypefnx {} {[@var{IXT}, @var{ITY}, @var{info}] =} ib_layer_mi (@var{T}, @var{X}, @var{y}, @var{name}, @var{value}, @dots{})
## The two coordinates of one layer in the information plane: @var{IXT} = I(X;T) and
## @var{ITY} = I(T;Y) in bits, for the activations @var{T} (@var{n} x @var{width}) of
## the @var{n} samples whose inputs are the rows of @var{X} (@var{n} x @var{d}) and whose
## labels are @var{y}.
##
## For @qcode{"bin"}, @qcode{"adaptive"} and @qcode{"kde"} the input X is the discrete
## variable of the distinct rows of @var{X} (each row a symbol, as the paper's code does
## with @code{np.unique}; for @qcode{"kde"} H(T|X) is then the entropy of the noise);
## @qcode{"exact"} takes each distinct row of @var{T} as one state (for quantized
## layers: I(X;T) = H(T) - H(T|X) exactly, over the empirical distribution);
## @qcode{"knn"} (KSG) and @qcode{"renyi"} use the rows of @var{X} as continuous vectors,
## and I(T;Y) by Ross (2014) and the equality kernel respectively.  @var{y} is a vector of any
## labels (numbers, logicals or a cell array of strings), or an @var{n} x @var{C} matrix
## whose rows are the labels (e.g. one-hot), mapped to classes by @code{unique}.
##
## With the default @qcode{"bin"} estimator this is Shwartz-Ziv & Tishby (2017) exactly:
## the states of T are the rows of bin indices, and, over the empirical distribution,
## @var{IXT} = H(T) - H(T|X) and @var{ITY} = H(T) - H(T|Y), with H(T|X) = sum over the
## distinct inputs x of p(x) H(T | X = x).  For the paper's tanh networks use
## @code{"range", [-1 1]} (30 edges, the default); without it the range is the
## observed [min, max] of @var{T}.  Values below the range wrap into the top bin, as in the
## paper's code.  The options and the other estimators are those of @code{ib_mi}
## (@qcode{"estimator"}, @qcode{"bins"}, @qcode{"bin_width"}, @qcode{"range"},
## @qcode{"adaptive_bins"}, @qcode{"noise_var"}, @qcode{"k"}, @qcode{"jitter"},
## @qcode{"seed"}, @qcode{"alpha"}, @qcode{"kernel_width"}, @qcode{"renyi_method"});
## @qcode{"discrete"} does not apply.  With @qcode{"renyi"}, S(T,Y) is the sum over the
## classes' own blocks of the Gram matrix, each computed by @qcode{"renyi_method"}.
##
## @var{info} is a struct with the fields @code{ixt_lower}, @code{ity_lower} (the lower
## bounds of @qcode{"kde"}, else NaN), @code{h_t} (the entropy of T as the estimator sees
## it), @code{n_states} (@qcode{"bin"}, @qcode{"adaptive"} and @qcode{"exact"}: the
## number of distinct binned rows of T, else NaN), @code{kernel_width}
## (@qcode{"renyi"}: the width used, else NaN), @code{saturated} (true when @var{IXT} is within 1e-9 of log2 of the number of
## distinct rows of @var{X}: the estimator tells every input apart and cannot show
## compression) and @code{duplicate_fraction} (the share of rows of @var{T} that repeat
## another; with @qcode{"knn"} and no @qcode{"jitter"} a positive share warns
## @code{ib:ib_layer_mi:duplicate_rows}, since k-NN estimators assume distinct points).
##
## With @qcode{"ci"}, @var{level} (and @qcode{"resamples"}, @qcode{"seed"}, as for
## @code{ib_mi}) the rows of @var{T}, @var{X} and @var{y} are resampled together and
## @var{info} has the confidence intervals @code{ixt_ci} and @code{ity_ci} ([lo hi];
## [NaN NaN] without @qcode{"ci"}), @code{ci_level}, @code{ci_method} and
## @code{ci_draws} (resamples x 2).  A basic bootstrap interval corrects the bias the
## resamples show, so on a saturated layer (every input its own state) it lies above
## @var{IXT}, even above log2 of the distinct inputs: there it measures the estimator's
## bias, not an uncertainty about I(X;T).
##
## Ctrl-C stops @qcode{"kde"}, @qcode{"knn"} and @qcode{"renyi"} within about a second
## with the error @code{ib:ib_layer_mi:interrupted} (the binning estimators take well under a
## second and finish first).
##
## Errors have the ids @code{ib:ib_layer_mi:invalid_input} (non-numeric, complex, empty,
## NaN or Inf data or labels; for @qcode{"bin"}, @var{T} spanning more than the largest
## double), @code{ib:ib_layer_mi:size_mismatch}
## (@var{T}, @var{X}, @var{y} with different numbers of rows),
## @code{ib:ib_layer_mi:unknown_estimator}, @code{ib:ib_layer_mi:invalid_option},
## @code{ib:ib_layer_mi:unsupported} (@qcode{"knn"} with @qcode{"k"} >= @var{n} or
## without a class of two samples; @qcode{"ci"} with @qcode{"renyi"}),
## @code{ib:ib_layer_mi:bad_ci} (a bad @qcode{"ci"} or @qcode{"resamples"}) and
## @code{ib:ib_layer_mi:too_large} (@qcode{"renyi"}
## with more than 20000 samples).
##
## Example:
## @example
## @group
## X = dec2bin (0:255) - "0";                 # 256 distinct inputs
## y = mod (sum (X, 2), 2);                   # parity
## T = tanh (X * randn (8, 4));               # a random layer of 4 units
## [IXT, ITY, info] = ib_layer_mi (T, X, y, "range", [-1 1])
## [~, ~, info] = ib_layer_mi (T, X, y, "range", [-1 1], "ci", 0.9);
## [info.ixt_ci; info.ity_ci]                 # one interval per row
## @end group
## @end example
## @seealso{ib_mi, ib_entropy, ib_train}
## @end deftypefn

function [IXT, ITY, info] = ib_layer_mi (T, X, y, varargin)
  fn = "ib_layer_mi";
  if (nargin < 3)
    print_usage ();
  endif
  T = mi_check_data (fn, T, "T", false);
  X = mi_check_data (fn, X, "X", false);
  y_codes = label_codes (fn, y);
  if (rows (X) != rows (T) || numel (y_codes) != rows (T))
    error ("ib:ib_layer_mi:size_mismatch",
           "ib_layer_mi: T, X and y must have as many rows (%d, %d, %d)",
           rows (T), rows (X), numel (y_codes));
  endif
  opts = mi_parse_options (fn, varargin, {});
  mi_check_range (fn, opts, T, false, "T");
  mi_check_estimator (fn, opts, rows (T), y_codes + 1);
  [IXT, ITY, info] = __ib_mi__ ("layer", T, X, y_codes, opts);
  b = mi_bootstrap (fn, opts, rows (T), [IXT, ITY],
                    @(i) layer_pair (T(i,:), X(i,:), y_codes(i), opts), 0);
  info.ixt_ci = b.ci(1,:);
  info.ity_ci = b.ci(2,:);
  info.ci_level = b.level;
  info.ci_method = b.method;
  info.ci_draws = b.draws;
  ## what tells a misleading estimate
  n_inputs = rows (unique (X, "rows"));
  info.saturated = IXT >= log2 (n_inputs) - 1e-9;
  info.duplicate_fraction = 1 - rows (unique (T, "rows")) / rows (T);
  if (strcmp (opts.estimator, "knn") && info.duplicate_fraction > 0
      && ! (isfield (opts, "jitter") && opts.jitter > 0))
    warning ("ib:ib_layer_mi:duplicate_rows",
             ["ib_layer_mi: %.1f %% of the rows of T repeat another row (dead ReLU units?): " ...
              "k-nearest-neighbour estimates assume distinct points; add \"jitter\""],
             100 * info.duplicate_fraction);
  endif
endfunction

## [I(X;T), I(T;Y)] on some rows, for the resamples of "ci".
function v = layer_pair (T, X, y_codes, opts)
  [ixt, ity] = __ib_mi__ ("layer", T, X, y_codes, opts);
  v = [ixt, ity];
endfunction

## Classes 0..C-1 (as doubles) of a label vector or of the rows of a label matrix.
function codes = label_codes (fn, y)
  if (iscellstr (y) && isvector (y))
    [~, ~, codes] = unique (y(:));
  else
    if (! (isnumeric (y) || islogical (y)) || ! isreal (y) || isempty (y) || ndims (y) != 2
        || ! all (isfinite (y(:))))
      error (["ib:" fn ":invalid_input"],
             "%s: y must be a vector (or a matrix of rows) of finite real labels, or a cellstr",
             fn);
    endif
    if (isvector (y))
      [~, ~, codes] = unique (double (y(:)));
    else
      [~, ~, codes] = unique (double (y), "rows");
    endif
  endif
  codes = codes(:) - 1;
endfunction

## T a bijection of X: I(X;T) = H(X) = 3 bits; y a function of X: I(T;Y) = H(Y)
%!test
%! X = dec2bin (repmat ((0:7)', 4, 1)) - "0";
%! y = X(:,3);
%! T = [X * [1; 2; 4] / 8 - 0.5, tanh(X(:,1))];   # steps of 1/8 > the bin width 2/29
%! [IXT, ITY, info] = ib_layer_mi (T, X, y, "range", [-1 1]);
%! assert (IXT, 3, 1e-12);
%! assert (ITY, 1, 1e-12);
%! assert (info.h_t, 3, 1e-12);
%! assert (info.n_states, 8);
%! assert (info.duplicate_fraction, 24 / 32);   # each of the 8 inputs four times
%! assert (info.saturated);                     # I(X;T) = log2 8: every input told apart
%! assert (isnan ([info.ixt_lower, info.ity_lower, info.kernel_width]));
## T = one-hot of y (classes 5, 3, 2), X all distinct: I(T;Y) = I(X;T) = H(Y)
%!test
%! y = [0 0 0 0 0 1 1 1 2 2]';
%! T = double (y == 0:2);
%! p = [5 3 2] / 10;
%! [IXT, ITY] = ib_layer_mi (T, (1:10)', y);
%! assert ([IXT, ITY], -sum (p .* log2 (p)) * [1 1], 1e-12);
## a constant layer carries nothing
%!test
%! [IXT, ITY, info] = ib_layer_mi (0.3 * ones (12, 4), (1:12)', mod (1:12, 3));
%! assert ([IXT, ITY, info.h_t, info.n_states], [0 0 0 1]);
## labels: numbers, negative numbers, strings, logicals, one-hot rows give the same classes
%!test
%! X = randn (60, 3);
%! T = tanh (X);
%! c = mod ((1:60)', 3);
%! [a, b] = ib_layer_mi (T, X, c);
%! [a2, b2] = ib_layer_mi (T, X, 10 - 7 * c');
%! assert ([a2, b2], [a, b], 1e-12);
%! names = {"cat", "dog", "eel"};
%! [a3, b3] = ib_layer_mi (T, X, names(c + 1));
%! assert ([a3, b3], [a, b], 1e-12);
%! [a4, b4] = ib_layer_mi (T, X, double (c == 0:2));
%! assert ([a4, b4], [a, b], 1e-12);
%! [~, b5] = ib_layer_mi (T, X, c == 1);
%! [~, b6] = ib_layer_mi (T, X, double (c == 1) + 4);
%! assert (b5, b6, 1e-12);
## the same as ib_mi with the inputs and the labels as discrete sides
%!test
%! X = floor (4 * rand (200, 2));
%! y = X(:,1) > 1;
%! T = tanh (X * [0.5 -0.3; 0.2 0.9] + 0.3 * randn (200, 2));
%! [IXT, ITY] = ib_layer_mi (T, X, y);
%! [~, ~, x_id] = unique (X, "rows");
%! assert (IXT, ib_mi (T, x_id), 1e-12);
%! assert (ITY, ib_mi (T, double (y)), 1e-12);
%! assert (IXT <= ib_entropy (x_id) + 1e-12 && ITY <= IXT + 1e-12);
## the other estimators are reached (their values are tested with them)
%!test
%! X = randn (40, 2);
%! y = X(:,1) > 0;
%! T = tanh (X);
%! for e = {"adaptive", "kde", "knn", "renyi"}
%!   [IXT, ITY, info] = ib_layer_mi (T, X, y, "estimator", e{1});
%!   assert (isfinite (IXT) && isfinite (ITY) && isstruct (info));
%! endfor
%! [~, ~, info] = ib_layer_mi (T, X, y, "estimator", "kde");
%! assert (isfinite (info.ixt_lower));

## "renyi", alpha = 2: the same by traces as by eigenvalues, label blocks included
%!test
%! randn ("state", 5);
%! X = randn (120, 3);
%! y = mod ((1:120)', 3);
%! T = tanh (X + y);
%! o = {"estimator", "renyi", "alpha", 2, "kernel_width", 0.7};
%! [a, b, i1] = ib_layer_mi (T, X, y, o{:}, "renyi_method", "exact_power");
%! [a2, b2, i2] = ib_layer_mi (T, X, y, o{:}, "renyi_method", "eig");
%! assert ([a, b, i1.h_t], [a2, b2, i2.h_t], 1e-12);
%!error id=ib:ib_layer_mi:invalid_option ib_layer_mi ([1; 2], [1; 2], [0; 1], "renyi_method", "x")

%!error <Invalid call> ib_layer_mi (1, 2)
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi ("T", [1; 2], [0; 1])
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi ([1; 2], {1; 2}, [0; 1])
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi ([1; 2], [1; 2], {1; 2})
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi ([1; NaN], [1; 2], [0; 1])
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi ([1; 2], [1; Inf], [0; 1])
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi ([1; 2], [1; 2], [0; NaN])
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi ([], [], [])
%!error id=ib:ib_layer_mi:size_mismatch ib_layer_mi ([1; 2; 3], [1; 2], [0; 1])
%!error id=ib:ib_layer_mi:size_mismatch ib_layer_mi ([1; 2], [1; 2], [0; 1; 1])
%!error id=ib:ib_layer_mi:unknown_estimator ib_layer_mi ([1; 2], [1; 2], [0; 1], "estimator", "mine")
%!error id=ib:ib_layer_mi:invalid_option ib_layer_mi ([1; 2], [1; 2], [0; 1], "bins", 0)
%!error id=ib:ib_layer_mi:invalid_option ib_layer_mi ([1; 2], [1; 2], [0; 1], "discrete", "a")
%!error id=ib:ib_layer_mi:invalid_option ib_layer_mi ([1; 2], [1; 2], [0; 1], "range", [5 NaN])
%!error id=ib:ib_layer_mi:invalid_option ib_layer_mi ([1; 2], [1; 2], [0; 1], "k")

## validity hints: saturation, and repeated rows under k-NN
%!test
%! X = double (dec2bin (0:15, 4) == "1");
%! y = X(:, 1);
%! [ixt, ~, info] = ib_layer_mi (X, X, y, "estimator", "bin", "range", [0 1]);
%! assert (ixt, 4, 1e-12);
%! assert (info.saturated);
%! [~, ~, info] = ib_layer_mi (X(:, 1:2), X, y, "range", [0 1]);
%! assert (! info.saturated);
%! assert (info.duplicate_fraction, 12 / 16);
%!warning id=ib:ib_layer_mi:duplicate_rows
%! X = double (dec2bin (0:31, 5) == "1");
%! ib_layer_mi ([X(:, 1:2), X(:, 1)], X, X(:, 5), "estimator", "knn");
