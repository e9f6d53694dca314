## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {@var{h} =} ib_snr (@var{res})
## @deftypefnx {} {@var{h} =} ib_snr (@var{res}, @var{name}, @var{value}, @dots{})
## Draw the gradients' signal and noise per weight layer against the epoch: for every layer,
## the norm of the mean minibatch gradient (@code{@var{res}.grad_mean_norm}, solid) and the
## norm of its standard deviation (@code{@var{res}.grad_std_norm}, dashed), on log-log axes,
## one colour per layer.  Their ratio is the gradients' signal-to-noise ratio of Saxe et
## al. (2018, "On the information bottleneck theory of deep learning", Fig. 5) and of
## Shwartz-Ziv & Tishby's (2017) drift and diffusion phases: training drifts while the mean
## is larger than the std and diffuses once it is smaller.
##
## @var{res} is a result of @code{ib_train} (fields @code{epochs}, E x 1, and the two
## gradient fields, E x L x R for L weight layers and R runs): over one epoch's minibatch
## gradients of a layer's weights, the Frobenius norm of their mean and the square root of
## the sum over the weights of their variance across the batches (1/B; 0 for full-batch
## training, which cannot show on log axes).  With several runs the curves
## drawn are the means over the runs (over dimension 3) of each norm.  Epoch 0 and values
## that are not positive cannot be shown on log axes and are left out of the lines.
##
## @strong{The marked epoch.}  A vertical line and a text mark, for the last hidden layer
## (layer L-1; layer 1 when the network has no hidden layer), the first recorded epoch
## @emph{from which on the mean stays below the std}: the smallest recorded epoch
## e_k with mean < std at e_k and at every later recorded epoch (epochs where either
## value is NaN are skipped).  It is NaN, and nothing is marked, when the mean is not below
## the std at the last recorded epoch; an earlier crossing that is later undone does not
## count.  @code{ib_summary} reports the same epoch per layer and run.
##
## @strong{How the paper's code differs.}  Shwartz-Ziv & Tishby's code (IDNNs,
## @file{idnns/plots/plot_gradients.py}) computes the same two per-layer quantities
## (the norm of the batches' mean gradient of the weights and the square root of the
## trace of their covariance over the batches) but draws, for layer l, their sums over
## layers 1 to l (and the std curve as the square root of that sum), so every curve but the
## first mixes several layers; here each layer is drawn on its own, as in Saxe et al.
##
## Options (name, value pairs; names are case-insensitive):
## @table @asis
## @item "layers"
## The layers to draw (default: all).
## @item "mark"
## The layer whose epoch is marked (default: the last hidden layer); 0 marks none.
## @item "parent"
## The axes to draw into (default: the current axes, cleared).
## @item "draw"
## @code{false}: compute the curves and the epochs only, draw nothing (default @code{true}).
## @item "legend"
## @code{false} leaves the legend out (default @code{true}).
## @item "title"
## The title instead of the automatic one.
## @item "ylim"
## The y range [low high] (default: from the curves drawn).
## @end table
##
## A struct array of results (one element per training fraction, say) draws one panel per
## element side by side in the current figure, with one y range and one legend, the
## panels titled by each element's @code{options.train_fraction} and @code{mi_rows};
## @var{h} is then a struct array, one element per panel.
##
## The output @var{h} is a struct with the handles @code{axes}, @code{mean_lines},
## @code{std_lines} (one per drawn layer), @code{legend}, @code{title}, @code{mark_line}
## and @code{mark_text} (empty when nothing is marked), and the numbers @code{layers}
## (drawn), @code{mark} (the marked layer), @code{epoch} (the marked epoch, NaN when none),
## @code{crossing} (1 x L: that epoch for every layer), @code{epochs}, @code{mean_norm}
## and @code{std_norm} (E x L: the curves, averaged over runs) and @code{runs} (R).
##
## Errors have the ids @code{ib:ib_snr:no_gradients} (the result has no gradient
## statistics), @code{ib:ib_snr:invalid_result} and @code{ib:ib_snr:invalid_option}.
##
## Example:
## @example
## [X, y] = ib_dataset ("tishby");
## res = ib_train (X, y, "epochs", 3000, "runs", 5);
## h = ib_snr (res);
## printf ("the last hidden layer's mean falls below its std at epoch %g\n", h.epoch);
## @end example
## @seealso{ib_train, ib_summary, ib_plane}
## @end deftypefn

function h = ib_snr (res, varargin)

  if (nargin < 1)
    print_usage ();
  endif
  if (isstruct (res) && numel (res) > 1)
    h = draw_panels (res, varargin);
    return;
  endif
  [epochs, G, S] = check_result (res);
  L = columns (G);
  R = size (G, 3);
  opts = parse_options (varargin, L);
  layers = opts.layers;
  if (isempty (layers))
    layers = 1:L;
  endif
  mark = opts.mark;
  if (isempty (mark))
    mark = max (L - 1, 1);
  endif

  mean_norm = mean (G, 3);
  std_norm = mean (S, 3);
  crossing = zeros (1, L);
  for l = 1:L
    crossing(l) = stays_below (epochs, mean_norm(:,l), std_norm(:,l));
  endfor
  h = struct ("axes", [], "mean_lines", [], "std_lines", [], "legend", [], "title", [],
              "mark_line", [], "mark_text", [], "layers", layers, "mark", mark,
              "epoch", NaN, "crossing", crossing, "epochs", epochs,
              "mean_norm", mean_norm, "std_norm", std_norm, "runs", R);
  if (mark > 0)
    h.epoch = crossing(mark);
  endif
  if (! opts.draw)
    return;
  endif

  if (isempty (opts.parent))
    ax = newplot ();
  else
    ax = newplot (opts.parent);
  endif
  h.axes = ax;
  area = getappdata (ax, "ib_snr_area");
  if (isempty (area))
    area = get (ax, "position");
    setappdata (ax, "ib_snr_area", area);
  endif
  hold (ax, "on");
  unwind_protect
    colours = get (ax, "colororder");
    shown = epochs > 0;
    positive = @(v) ifelse_nan (v(shown), v(shown) > 0);
    for i = 1:numel (layers)
      l = layers(i);
      c = colours(mod (l - 1, rows (colours)) + 1, :);
      h.mean_lines(i) = line (ax, epochs(shown), positive (mean_norm(:,l)), "color", c,
                              "linewidth", 1.5, "linestyle", "-");
      h.std_lines(i) = line (ax, epochs(shown), positive (std_norm(:,l)), "color", c,
                             "linewidth", 1.5, "linestyle", "--");
    endfor
    set (ax, "xscale", "log", "yscale", "log", "box", "on");
    values = [mean_norm(shown, layers); std_norm(shown, layers)];
    values = values(values > 0 & isfinite (values));
    if (! isempty (opts.ylim))
      set (ax, "ylim", opts.ylim);
    elseif (! isempty (values))
      set (ax, "ylim", [min(values) / 1.5, max(values) * 3]);
    endif
    x_shown = epochs(shown);
    if (! isempty (x_shown) && max (x_shown) > min (x_shown))
      set (ax, "xlim", [min(x_shown), max(x_shown)]);
    endif
    if (isfinite (h.epoch) && h.epoch > 0)
      yl = get (ax, "ylim");
      h.mark_line = line (ax, [h.epoch h.epoch], yl, "color", [0.3 0.3 0.3],
                          "linestyle", ":", "linewidth", 1);
      ## the text upright along the line, just right of it: it cannot leave the axes
      h.mark_text = text (ax, h.epoch * 1.08, yl(1) * 1.3,
                          sprintf ("%s: mean < std from epoch %d", layer_name (mark, L),
                                   h.epoch),
                          "fontsize", 8, "rotation", 90, "horizontalalignment", "left",
                          "verticalalignment", "top");
    endif
    ## legend: the layers' colours, then the two line styles
    style_items = [line(ax, [NaN NaN], [NaN NaN], "color", "k", "linestyle", "-"), ...
                   line(ax, [NaN NaN], [NaN NaN], "color", "k", "linestyle", "--")];
    names = arrayfun (@(l) layer_name (l, L), layers, "uniformoutput", false);
    key = 0;
    if (opts.legend)
      h.legend = legend (ax, [h.mean_lines(:); style_items(:)],
                         [names(:); {"mean norm"; "std norm"}], "location", "eastoutside",
                         "fontsize", 9);
      ## the gnuplot toolkit puts an outside legend at the figure's right edge: the axes
      ## reach to just before it (its width estimated from the longest label, in pixels of
      ## the printed figure: 72 per inch of the paper position)
      key = (80 + 7 * max ([cellfun(@numel, names), 9])) / printed_width (ax);
    endif
    xlabel (ax, "epoch");
    ylabel (ax, "gradient norm");
    t = opts.title;
    if (! ischar (t))
      t = snr_title (res, R);
    endif
    h.title = title (ax, t, "fontsize", 10 - (numel (t) > 36));
    width = max (min (0.95 * area(3), 1 - key - area(1) - 0.02 * area(3)), 0.4 * area(3));
    set (ax, "position", [area(1) + 0.02 * area(3), area(2) + 0.06 * area(4), width, ...
                          0.86 * area(4)]);
  unwind_protect_cleanup
    hold (ax, "off");
  end_unwind_protect

endfunction

## One panel per element of a struct array (one per training fraction, say), side by side
## in the current figure, with one y range and the legend by the last.
function h = draw_panels (res, args)
  keys = args(1:2:end);
  if (any (ismember (lower (keys(cellfun (@ischar, keys))), {"parent", "title", "legend"})))
    bad_option ("\"parent\", \"title\" and \"legend\" are set per panel for a struct array");
  endif
  N = numel (res);
  for k = N:-1:1                        # first the numbers, for the shared y range
    h(k) = ib_snr (res(k), args{:}, "draw", false);
  endfor
  values = arrayfun (@(x) [x.mean_norm(x.epochs > 0, :)(:); x.std_norm(x.epochs > 0, :)(:)],
                     h, "uniformoutput", false);
  values = vertcat (values{:});
  values = values(values > 0 & isfinite (values));
  y_lim = [];
  if (! isempty (values))
    y_lim = [min(values) / 1.5, max(values) * 3];
  endif
  draw = true;
  at = find (strcmpi (keys, "draw"), 1, "last");
  if (! isempty (at))
    draw = logical (args{2 * at});
  endif
  if (! draw)
    h = reshape (h, size (res));
    return;
  endif
  fig = gcf ();
  clf (fig);
  ## a column on the right for the legend (labels of at most 9 characters; see above)
  right = 1 - (80 + 7 * 9) / printed_width (fig) - 0.02;
  w = (right - 0.02) / N;
  for k = 1:N                           # room on the left of each for its tick labels
    ax = axes ("parent", fig, "position", [0.02 + (k - 1) * w + 0.06, 0.1, w - 0.07, 0.82]);
    h(k) = ib_snr (res(k), args{:}, "parent", ax, "legend", k == N, "ylim", y_lim,
                   "title", panel_title (res(k), k, h(k).runs, "mean of %d runs"));
  endfor
  h = reshape (h, size (res));
endfunction

## The first recorded epoch from which on m < s at every later recorded epoch (rows with a
## NaN skipped); NaN when m < s does not hold at the last such epoch.
function e = stays_below (epochs, m, s)
  [epochs, order] = sort (epochs);
  keep = ! isnan (m(order)) & ! isnan (s(order));
  epochs = epochs(keep);
  below = m(order)(keep) < s(order)(keep);
  last_not = find (! below, 1, "last");
  if (isempty (last_not))
    last_not = 0;
  endif
  if (last_not == numel (below))
    e = NaN;
  else
    e = epochs(last_not + 1);
  endif
endfunction

function v = ifelse_nan (v, keep)
  v(! keep) = NaN;
endfunction

function s = layer_name (l, L)
  if (l == L)
    s = "output";
  else
    s = sprintf ("layer %d", l);
  endif
endfunction

function s = snr_title (res, R)
  s = "gradient signal and noise";
  if (isfield (res, "options") && isstruct (res.options))
    o = res.options;
    if (isfield (o, "activation") && ischar (o.activation))
      s = [s ", " o.activation];
    endif
    if (isfield (o, "layers") && isnumeric (o.layers) && ! isempty (o.layers))
      s = [s " [" strtrim(sprintf ("%d ", o.layers)) "]"];
    endif
  endif
  if (R > 1)
    s = sprintf ("%s, mean of %d runs", s, R);
  endif
endfunction

function [epochs, G, S] = check_result (res)
  if (! isstruct (res) || ! isscalar (res))
    bad_result ("RES must be one result struct of ib_train");
  endif
  if (! all (isfield (res, {"grad_mean_norm", "grad_std_norm"})))
    error ("ib:ib_snr:no_gradients",
           "ib_snr: RES has no gradient statistics (grad_mean_norm, grad_std_norm)");
  endif
  if (! isfield (res, "epochs"))
    bad_result ("RES has no field epochs");
  endif
  epochs = res.epochs;
  if (! isnumeric (epochs) || ! isreal (epochs) || isempty (epochs) || ! isvector (epochs)
      || any (! isfinite (epochs)) || any (epochs < 0))
    bad_result ("RES.epochs must be a non-empty vector of epochs >= 0");
  endif
  epochs = double (epochs(:));
  G = res.grad_mean_norm;
  S = res.grad_std_norm;
  if (! isnumeric (G) || ! isnumeric (S) || ! isreal (G) || ! isreal (S)
      || ! isequal (size (G), size (S)) || rows (G) != numel (epochs) || columns (G) < 1
      || ndims (G) > 3)
    bad_result (sprintf (["RES.grad_mean_norm and RES.grad_std_norm must both be " ...
                          "E x L x R (E = %d epochs)"], numel (epochs)));
  endif
  if (any (isinf (G(:))) || any (isinf (S(:))) || any (G(:) < 0) || any (S(:) < 0))
    bad_result ("the gradient norms must be >= 0 (NaN for not recorded), without Inf");
  endif
  G = double (G);
  S = double (S);
endfunction

function bad_result (msg)
  error ("ib:ib_snr:invalid_result", "ib_snr: %s", msg);
endfunction

function opts = parse_options (args, L)
  opts = struct ("layers", [], "mark", [], "parent", [], "draw", true, "legend", true,
                 "title", [], "ylim", []);
  if (mod (numel (args), 2) != 0)
    bad_option ("options must be name, value pairs");
  endif
  for i = 1:2:numel (args)
    key = args{i};
    if (! ischar (key) || ! isrow (key) || ! isfield (opts, lower (key)))
      bad_option ("unknown option (known: layers, mark, parent, draw, legend, title, ylim)");
    endif
    opts.(lower (key)) = args{i+1};
  endfor
  v = opts.layers;
  if (! isempty (v) && ! (isnumeric (v) && isreal (v) && isvector (v) && all (v == round (v))
                          && all (v >= 1) && all (v <= L) && numel (unique (v)) == numel (v)))
    bad_option (sprintf ("\"layers\" must be distinct layer indices in 1..%d", L));
  endif
  opts.layers = double (v(:)');
  v = opts.mark;
  if (! isempty (v) && ! (isnumeric (v) && isreal (v) && isscalar (v) && v == round (v)
                          && v >= 0 && v <= L))
    bad_option (sprintf ("\"mark\" must be a layer index in 1..%d, or 0 for none", L));
  endif
  opts.mark = double (v);
  p = opts.parent;
  if (! isempty (p) && ! (isscalar (p) && isaxes (p)))
    bad_option ("\"parent\" must be an axes handle");
  endif
  for f = {"draw", "legend"}
    v = opts.(f{1});
    if (! (isscalar (v) && (islogical (v) || isnumeric (v)) && (v == 0 || v == 1)))
      bad_option (sprintf ("\"%s\" must be true or false", f{1}));
    endif
    opts.(f{1}) = logical (v);
  endfor
  t = opts.title;
  if (! isempty (t) && ! (ischar (t) && isrow (t)))
    bad_option ("\"title\" must be a string");
  endif
  v = opts.ylim;
  if (! isempty (v) && ! (isnumeric (v) && isreal (v) && numel (v) == 2 && all (v > 0)
                          && all (isfinite (v)) && v(2) > v(1)))
    bad_option ("\"ylim\" must be [low high] with 0 < low < high");
  endif
  opts.ylim = double (v(:)');
endfunction

function bad_option (msg)
  error ("ib:ib_snr:invalid_option", "ib_snr: %s", msg);
endfunction

## A synthetic result: 3 weight layers, 2 runs, epochs 0 and 1..1000 log-spaced; the mean
## norm falls as 1/epoch (times 1, 2, 0.5 by layer), the std is 0.05 (averaged over runs).
%!shared res
%! res.epochs = [0; 1; 2; 5; 9; 19; 25; 50; 100; 1000];
%! e = res.epochs;
%! base = 1 ./ max (e, 1);                  # 1, 1, 0.5, 0.2, 1/9, 1/19, 0.04, ...
%! res.grad_mean_norm = cat (3, [base, 2 * base, 0.5 * base], [base, 2 * base, 0.5 * base]);
%! res.grad_std_norm = 0.05 * ones (10, 3, 2);
%! res.grad_mean_norm(1, :, :) = NaN;  res.grad_std_norm(1, :, :) = NaN;   # epoch 0
%! ## run 2's std is 0.07 and run 1's 0.03: their mean is 0.05 again
%! res.grad_std_norm(2:end, :, 1) = 0.03;  res.grad_std_norm(2:end, :, 2) = 0.07;
%! res.options = struct ("activation", "tanh", "layers", [10 5]);

%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = ib_snr (res);
%!   assert (h.runs, 2);
%!   assert (h.mark, 2);                    # the last hidden layer
%!   ## layer 1: 1/e < 0.05 from e = 25 on (1/19 is above); layer 2: 2/e < 0.05 from 50 on
%!   ## (2/25 is above); layer 3: 0.5/e < 0.05 from 19 on (0.5/9 is above)
%!   assert (h.crossing, [25 50 19]);
%!   assert (h.epoch, 50);
%!   assert (h.std_norm(2:end, :), 0.05 * ones (9, 3), 1e-15);
%!   assert (numel (h.mean_lines), 3);
%!   assert (get (h.mean_lines(2), "xdata")(:), res.epochs(2:end));       # epoch 0 left out
%!   assert (get (h.mean_lines(2), "ydata")(:), 2 ./ res.epochs(2:end), 1e-15);
%!   assert (get (h.std_lines(1), "linestyle"), "--");
%!   assert (get (h.mean_lines(1), "linestyle"), "-");
%!   assert (get (h.mean_lines(3), "color"), get (h.std_lines(3), "color"));
%!   assert (! isequal (get (h.mean_lines(1), "color"), get (h.mean_lines(2), "color")));
%!   assert (get (h.axes, "xscale"), "log");
%!   assert (get (h.axes, "yscale"), "log");
%!   assert (get (h.mark_line, "xdata"), [50 50]);
%!   assert (! isempty (strfind (get (h.mark_text, "string"), "layer 2: mean < std from epoch 50")));
%!   assert (get (h.legend, "string"), {"layer 1", "layer 2", "output", "mean norm", "std norm"});
%!   assert (get (h.title, "string"), "gradient signal and noise, tanh [10 5], mean of 2 runs");
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## "stays below", not "first crossing": a dip below the std that is undone does not count
%!test
%! r = res;
%! r.grad_mean_norm(4, 1, :) = 0.01;        # layer 1 dips below at epoch 5, back above at 9
%! h = ib_snr (r, "draw", false);
%! assert (h.crossing(1), 25);
%! r.grad_mean_norm(end, 1, :) = 1;         # above at the last epoch: never
%! h = ib_snr (r, "draw", false, "mark", 1);
%! assert (isnan (h.epoch) && isnan (h.crossing(1)));
%! assert (isempty (h.axes));

## one run, a subset of layers, given axes, nothing marked when it never happens
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   r = res;
%!   r.grad_mean_norm = r.grad_mean_norm(:, :, 1);  r.grad_std_norm = zeros (10, 3);  # full batch
%!   ax = axes ("parent", f);
%!   h = ib_snr (r, "layers", [3 1], "parent", ax);
%!   assert (h.axes, ax);
%!   assert (h.runs, 1);
%!   assert (all (isnan (h.crossing)));
%!   assert (isempty (h.mark_line) && isempty (h.mark_text));
%!   assert (get (h.legend, "string"), {"output", "layer 1", "mean norm", "std norm"});
%!   assert (all (isnan (get (h.std_lines(1), "ydata"))));    # 0 cannot show on log axes
%!   assert (get (h.title, "string"), "gradient signal and noise, tanh [10 5]");
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## a struct array: one panel per element, one y range, the legend by the last
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   a = res;  a.options.train_fraction = 0.05;
%!   b = res;  b.grad_mean_norm = 10 * b.grad_mean_norm;  b.options.train_fraction = 0.85;
%!   h = ib_snr ([a, b]);
%!   assert (size (h), [1 2]);
%!   assert (get (h(1).axes, "ylim"), get (h(2).axes, "ylim"));
%!   assert (get (h(2).axes, "ylim")(2), 3 * 20, 1e-12);      # b's largest mean norm is 20
%!   assert (isempty (h(1).legend) && ishghandle (h(2).legend));
%!   assert (get (h(1).title, "string"), "train 5 %, mean of 2 runs");
%!   assert ([h.epoch], [50 1000]);                      # 2/e, 20/e < 0.05
%!   p1 = get (h(1).axes, "position");  p2 = get (h(2).axes, "position");
%!   assert (p1(1) + p1(3) < p2(1));
%!   h = ib_snr ([a, b], "draw", false);
%!   assert (isempty (h(1).axes));
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

%!error <Invalid call> ib_snr ()
%!error id=ib:ib_snr:invalid_result ib_snr (1)
%!error id=ib:ib_snr:no_gradients ib_snr (rmfield (res, "grad_std_norm"))
%!error id=ib:ib_snr:invalid_result ib_snr (rmfield (res, "epochs"))
%!error id=ib:ib_snr:invalid_result
%! r = res;  r.grad_std_norm = r.grad_std_norm(:, 1:2, :);
%! ib_snr (r);
%!error id=ib:ib_snr:invalid_result
%! r = res;  r.grad_mean_norm(3) = -1;
%! ib_snr (r);
%!error id=ib:ib_snr:invalid_result
%! r = res;  r.epochs = r.epochs(1:4);
%! ib_snr (r);
%!error id=ib:ib_snr:invalid_option ib_snr (res, "layers", 4)
%!error id=ib:ib_snr:invalid_option ib_snr (res, "mark", 1.5)
%!error id=ib:ib_snr:invalid_option ib_snr (res, "parent", -7)
%!error id=ib:ib_snr:invalid_option ib_snr (res, "draw", "no")
%!error id=ib:ib_snr:invalid_option ib_snr (res, "colour", 1)
%!error id=ib:ib_snr:invalid_option ib_snr (res, "layers")
%!error id=ib:ib_snr:invalid_option ib_snr (res, "ylim", [0 1])
%!error id=ib:ib_snr:invalid_option ib_snr (res, "title", 3)
%!error id=ib:ib_snr:invalid_option ib_snr ([res, res], "title", "x")

%!demo
%! ## The gradients of the paper's network (12-bit data, [10 7 5 4 3] tanh, Adam 4e-4, batch
%! ## 512), averaged over 20 runs trained at once: the mean gradient (drift) dominates early;
%! ## later the batch-to-batch spread (diffusion) exceeds it, layer by layer.
%! [X, y] = ib_dataset ("tishby");
%! res = ib_train (X, y, "epochs", 3000, "runs", 20, "seed", 1);
%! figure ("position", [100 100 800 500]);
%! h = ib_snr (res);
%! printf ("last hidden layer: the mean stays below the std from epoch %g on\n", h.epoch);

%!demo
%! ## Synthetic gradient statistics of 5 runs of a 4-layer network (a demo that trains with
%! ## ib_train follows): the mean norm falls as a power of the epoch, the std stays.
%! epochs = round (logspace (0, 4, 60))';
%! L = 4;  R = 5;
%! rand ("seed", 1);
%! G = zeros (numel (epochs), L, R);  S = G;
%! for l = 1:L
%!   G(:, l, :) = 2 ^ (l - 2) * epochs .^ -0.6 .* (1 + 0.2 * rand (numel (epochs), 1, R));
%!   S(:, l, :) = 0.02 * 2 ^ (l - 2) * (1 + 0.2 * rand (numel (epochs), 1, R));
%! endfor
%! res = struct ("epochs", epochs, "grad_mean_norm", G, "grad_std_norm", S);
%! h = ib_snr (res);
%! printf ("layer %d: mean < std from epoch %g\n", h.mark, h.epoch);
