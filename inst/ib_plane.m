## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {} ib_plane (@var{res})
## @deftypefnx {} {} ib_plane (@var{res}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {@var{h} =} ib_plane (@dots{})
## @deftypefnx {} {@var{info} =} ib_plane (@var{res}, "movie", @var{file}, @dots{})
## Draw the information plane of a training run: for every layer @var{T}, I(X;T) against
## I(T;Y) at each recorded epoch, as in Fig. 3 of Shwartz-Ziv & Tishby (2017), "Opening
## the black box of deep neural networks via information".
##
## @var{res} is a result of @code{ib_train}.  Each layer is one trajectory: a thin grey
## line through its recorded epochs with a marker per epoch, the marker shape telling the
## layer (legend @qcode{"layer 1"}, @dots{}, @qcode{"output"}) and its colour the epoch
## on a logarithmic scale (colour = log10 (1 + epoch), so that epoch 0, the untrained
## network, has a colour too), with a colour bar labelled @qcode{"epoch"} whose ticks show
## the epoch numbers at the powers of ten.  A dashed horizontal line marks I(X;Y), the
## most any layer can know about the label.  The title names the activation, the hidden
## widths and the estimator (and the rows the MI was measured on, when not all).
##
## @strong{Several runs.}  When @var{res} holds R > 1 runs (@code{IXT}, @code{ITY}: E x L x R)
## the trajectory drawn is the mean over the runs (@code{@var{res}.IXT_mean} and
## @code{ITY_mean} for the first estimator, otherwise the mean over the runs that have a
## value), the title says @qcode{"mean of R runs"} and option @qcode{"runs"} adds the spread.
##
## @strong{A struct array} of results (one element per training fraction, say) draws one
## panel per element in the current figure (or in the place of the @qcode{"parent"} axes),
## with the same axes limits and epoch colours in all, one colour bar below them and one
## legend; each panel's title gives its @code{options.train_fraction},
## @code{options.mi_rows} and its number of runs.  @var{h} then has @code{panels} (the
## struct of each panel), @code{axes}, @code{colorbar}, @code{legend}, @code{xlim},
## @code{ylim} and @code{epoch_range}.
##
## @strong{A movie.}  @code{ib_plane (@var{res}, "movie", @var{file})} draws nothing on the
## screen and writes an animated GIF: the plane of the whole run (its limits and colours) in
## at most @qcode{"frames"} frames, frame j showing the points up to the j-th of those
## epochs (spread evenly over the recorded ones), with the epoch in the title.  Each frame
## is one print of a hidden figure (1-2 s with gnuplot).  The other options apply to every
## frame.  @var{info} has @code{file}, @code{frames} and @code{epochs} (of the frames).
##
## Options (name, value pairs; names are case-insensitive):
## @table @asis
## @item "parent"
## The axes to draw into (default: the current axes, cleared unless @code{hold} is on).
## @item "layers"
## The layers to draw, indices into the columns of @code{@var{res}.IXT} (default: all).
## @item "estimator"
## The name of the estimator to draw when the run used several (@code{@var{res}.estimators},
## the values in @code{@var{res}.mi.(@var{name})}); default the first.
## @item "curve"
## A struct with column vectors @code{IXT} and @code{ITY} (e.g. from @code{ib_curve}):
## drawn as a solid black line, @qcode{"IB curve"}, the best I(T;Y) reachable at each
## I(X;T).
## @item "annotate"
## @code{true}: write at each layer's last recorded point its vertical distance to the
## curve, I(T;Y) minus the curve's value at the layer's I(X;T) (linear interpolation; the
## curve is taken to start at (0, 0) and to stay flat beyond its last point).  Needs
## @qcode{"curve"}.  Default @code{false}.
## @item "bound"
## @code{true}: add an axes below the plane with the generalization bound of each layer
## against the epoch (logarithmic axis, epoch 0 left out),
## @code{ib_bound (@var{IXT}, @var{res}.n_train, @var{delta})}; a figure made for the
## plot is made taller to fit it.  Default @code{false}.
## @item "delta"
## The confidence parameter of the bound, default 0.05.
## @item "runs"
## With several runs: @qcode{"mean"} (default) the mean trajectory only; @qcode{"all"} each
## run as a thin light line and the mean bold; @qcode{"errorbars"} the mean with the std
## over the runs (N-1; @code{IXT_std}, @code{ITY_std}) as error bars in both directions at
## a few epochs.  With one run all three draw the run.
## @item "errorbar_epochs"
## Where the error bars go: the recorded epochs nearest to these (default: 8 epochs spread
## evenly on the colour's log scale).
## @item "join_epochs"
## Epochs at which a line in that epoch's colour joins the layers' points (the recorded
## epoch nearest to each), as in the paper's figures.
## @item "movie", "frames", "delay"
## The GIF file to write (see above), the most frames (default 24) and the seconds each
## frame shows (default 0.2).
## @item "xlim", "ylim"
## Axes limits [low high] instead of the automatic ones.
## @item "epoch_range"
## [first last] epoch of the colour scale (default: the recorded epochs').
## @item "colorbar", "legend"
## @code{false} leaves the colour bar or the legend out (default @code{true}).
## @item "ci"
## @code{true}: draw the confidence intervals of a result of @code{ib_train} with
## @qcode{"ci"} (@code{@var{res}.mi.(@var{name}).IXT_ci}, @code{ITY_ci}) at the epochs
## that have them: for each point a horizontal bar over the interval of I(X;T) and a
## vertical one over that of I(T;Y), as they are (a bias-corrected interval need not hold
## its estimate).  With several runs it needs @code{"runs", "all"} (each run's bars about
## its own points).  Default @code{false}.
## @item "title"
## The title instead of the automatic one.
## @end table
##
## The optional output @var{h} is a struct of graphics handles: @code{axes},
## @code{lines} and @code{markers} (one per drawn layer: the trajectory's line and its
## epoch-coloured markers), @code{legend_items} (the marker-only lines the legend
## shows, as not every toolkit's legend shows scatter objects), @code{colorbar} (below
## the plane), @code{ixy} (the I(X;Y) line), @code{curve},
## @code{legend}, @code{title}, @code{annotations} (text objects) with @code{gap} (the
## distances written, one per drawn layer), @code{bound_axes} and @code{bound_lines};
## the fields of parts not drawn are empty.  It also has @code{layers} (the layer
## indices drawn), @code{estimator}, @code{runs} (R), @code{IXT} and @code{ITY} (E x L, the
## trajectories drawn: the means), @code{run_lines} (layers x R), @code{errorbars} (one per
## layer) with @code{errorbar_epochs}, @code{join_lines} with @code{join_epochs}, and
## @code{ci_bars} (layers x R lines of the intervals of @qcode{"ci"}).
##
## It works with every graphics toolkit, also without a display, e.g.:
## @example
## graphics_toolkit gnuplot;  set (0, "defaultfigurevisible", "off");
## ib_plane (res);  print -dpngcairo plane.png
## @end example
##
## Errors have the ids @code{ib:ib_plane:invalid_result} (not a result of
## @code{ib_train}: fields missing, of the wrong size, complex or Inf), @code{unknown_estimator},
## @code{invalid_option} and @code{invalid_bound} (@code{ib_bound} gave a wrong number of
## values).
##
## Example:
## @example
## [X, y] = ib_dataset ("tishby");
## res = ib_train (X, y, "epochs", 2000, "estimator", @{"bin", "kde"@});
## figure (); ib_plane (res);
## figure (); h = ib_plane (res, "estimator", "kde", "layers", [1 3 6]);
## many = ib_train (X, y, "epochs", 2000, "runs", 10);
## figure (); ib_plane (many, "runs", "errorbars", "join_epochs", [10 100 1000]);
## ib_plane (many, "movie", "plane.gif", "frames", 20);
## @end example
## @seealso{ib_train, ib_dataset, ib_curve, ib_bound}
## @end deftypefn

function h = ib_plane (res, varargin)

  if (nargin < 1)
    print_usage ();
  endif
  if (isstruct (res) && numel (res) > 1)
    h = draw_panels (res, varargin);
    if (nargout == 0)
      clear h;
    endif
    return;
  endif
  check_result (res);
  opts = parse_options (varargin, size (res.IXT, 2));
  if (! isempty (opts.movie))
    h = write_movie (res, opts, varargin);
    if (nargout == 0)
      clear h;
    endif
    return;
  endif
  [IXT_runs, ITY_runs, estimator, first] = select_estimator (res, opts.estimator);
  if (opts.bound && ! (isfield (res, "n_train") && isnumeric (res.n_train)
                       && isscalar (res.n_train) && res.n_train >= 1
                       && res.n_train == round (res.n_train)))
    bad_result ("\"bound\" needs RES.n_train, the number of training samples");
  endif
  [IXT, ITY, IXT_sd, ITY_sd] = over_runs (res, IXT_runs, ITY_runs, first);
  R = size (IXT_runs, 3);
  layers = opts.layers;
  if (isempty (layers))
    layers = 1:columns (IXT);
  endif
  n_layers = columns (IXT);
  epochs = res.epochs(:);
  colour = log10 (1 + epochs);
  c_range = [min(colour), max(colour)];
  if (! isempty (opts.epoch_range))
    c_range = log10 (1 + opts.epoch_range);
  endif
  if (c_range(2) <= c_range(1))
    c_range += [-0.5 0.5];
  endif
  cmap = viridis (256);

  if (isempty (opts.parent))
    fresh_figure = isempty (get (0, "currentfigure")) || isempty (get (gcf (), "children"));
    ax = newplot ();
  else
    fresh_figure = false;
    ax = newplot (opts.parent);
  endif
  fig = ancestor (ax, "figure");
  if (fresh_figure && opts.bound)
    ## a figure made for this plot: taller, to fit the bound's axes below the plane
    pos = get (fig, "position");
    set (fig, "position", [pos(1), max(pos(2) - 0.6 * pos(4), 0), pos(3), 1.6 * pos(4)]);
  endif
  area = plot_area (ax);
  was_held = ishold (ax);
  old_bound = getappdata (ax, "ib_plane_bound_axes");
  if (! was_held && ! isempty (old_bound) && ishghandle (old_bound))
    delete (old_bound);                 # the bound axes of an earlier plot in these axes
  endif
  hold (ax, "on");

  h = struct ("axes", ax, "lines", [], "markers", [], "legend_items", [], "colorbar", [],
              "ixy", [], "curve", [], "legend", [], "title", [], "annotations", [],
              "gap", [], "bound_axes", [], "bound_lines", [], "layers", layers,
              "estimator", estimator, "runs", R, "run_lines", [], "errorbars", [],
              "errorbar_epochs", [], "join_lines", [], "join_epochs", [], "IXT", IXT,
              "ITY", ITY, "ci_bars", []);
  many = R > 1;
  unwind_protect
    names = layer_names (layers, n_layers);
    shapes = {"o", "s", "d", "^", "v", "p", "h", ">", "<"};
    shape_of = @(l) shapes{mod (l - 1, numel (shapes)) + 1};    # by layer, not by order
    ## the lines joining the layers at chosen epochs, beneath the trajectories
    if (! isempty (opts.join_epochs))
      [k, h.join_epochs] = nearest_epochs (epochs, opts.join_epochs);
      for j = 1:numel (k)
        h.join_lines(j) = line (ax, IXT(k(j), sort (layers)), ITY(k(j), sort (layers)),
                                "color", colour_of (colour(k(j)), c_range, cmap),
                                "linewidth", 1);
      endfor
    endif
    mean_style = {"color", [0.7 0.7 0.7], "linewidth", 0.5};
    if (many && strcmp (opts.runs, "all"))
      mean_style = {"color", [0.3 0.3 0.3], "linewidth", 2};
      h.run_lines = zeros (numel (layers), R);
    endif
    for i = 1:numel (layers)
      l = layers(i);
      shape = shape_of (l);
      if (! isempty (h.run_lines))
        for r = 1:R
          h.run_lines(i,r) = line (ax, IXT_runs(:,l,r), ITY_runs(:,l,r),
                                   "color", [0.8 0.8 0.8], "linewidth", 0.5);
        endfor
      endif
      h.lines(i) = line (ax, IXT(:,l), ITY(:,l), mean_style{:});
      h.markers(i) = scatter (ax, IXT(:,l), ITY(:,l), 50, colour, shape, "filled");
      ## scatter objects do not show in every toolkit's legend: a marker-only stand-in
      h.legend_items(i) = line (ax, NaN, NaN, "linestyle", "none", "marker", shape,
                                "color", "k", "markerfacecolor", [0.55 0.55 0.55]);
    endfor
    if (many && strcmp (opts.runs, "errorbars"))
      wanted = opts.errorbar_epochs;
      if (isempty (wanted))            # 8 epochs evenly spread on the colour (log) scale
        wanted = 10 .^ linspace (min (colour), max (colour), 8) - 1;
      endif
      [k, h.errorbar_epochs] = nearest_epochs (epochs, wanted);
      for i = 1:numel (layers)
        l = layers(i);
        h.errorbars(i) = errorbar (ax, IXT(k,l), ITY(k,l), IXT_sd(k,l), ITY_sd(k,l), "~>");
        set (h.errorbars(i), "color", [0.35 0.35 0.35], "linestyle", "none");
      endfor
    endif
    if (opts.ci)
      [h.ci_bars, ci_x, ci_y] = draw_intervals (ax, res, estimator, layers, many, opts.runs);
    endif

    ## the limits: over what is drawn (each run, or the mean and its error bars)
    shown_x = IXT;  shown_y = ITY;
    if (! isempty (h.run_lines))
      shown_x = IXT_runs;  shown_y = ITY_runs;
    elseif (! isempty (h.errorbars))
      shown_x = IXT + IXT_sd;  shown_y = ITY + ITY_sd;
    endif
    if (opts.ci)
      shown_x = [shown_x(:); ci_x];  shown_y = [shown_y(:); ci_y];
    endif
    x_top = max (shown_x(:));
    if (isfield (res, "H_X") && isnumeric (res.H_X) && isscalar (res.H_X))
      x_top = max (x_top, res.H_X);      # I(X;T) <= H(X)
    endif
    if (! isempty (opts.curve))
      h.curve = line (ax, opts.curve.IXT, opts.curve.ITY, "color", "k", "linewidth", 1.5);
      x_top = max ([x_top; opts.curve.IXT(:)]);
    endif
    x_lim = [0, 1.02 * max(x_top, eps)];
    if (! isempty (opts.xlim))
      x_lim = opts.xlim;
    endif
    y_lim = [0, 1.08 * max([shown_y(:); res.I_XY; eps])];
    if (! isempty (opts.ylim))
      y_lim = opts.ylim;
    endif
    h.ixy = line (ax, x_lim, [res.I_XY res.I_XY], "color", "k",
                  "linestyle", "--", "linewidth", 1);
    set (ax, "xlim", x_lim, "ylim", y_lim, "box", "on");

    if (opts.annotate)
      [~, last] = max (epochs);
      h.gap = curve_gap (opts.curve, IXT(last, layers), ITY(last, layers));
      for i = 1:numel (layers)
        h.annotations(i) = text (ax, IXT(last, layers(i)), ITY(last, layers(i)),
                                 sprintf ("  %+.2f", h.gap(i)), "fontsize", 8,
                                 "verticalalignment", "middle");
      endfor
    endif

    colormap (ax, cmap);
    caxis (ax, c_range);
    if (opts.colorbar)
      h.colorbar = colorbar (ax, "location", "southoutside");
      tick_range = [min(epochs), max(epochs)];
      if (! isempty (opts.epoch_range))
        tick_range = opts.epoch_range;
      endif
      [tick_epochs, tick_pos] = epoch_ticks (tick_range(1), tick_range(2));
      set (h.colorbar, "xtick", tick_pos, "xticklabel",
           arrayfun (@(e) sprintf ("%d", e), tick_epochs, "uniformoutput", false));
      xlabel (h.colorbar, "epoch");
    endif

    xlabel (ax, "I(X;T) (bits)");
    ylabel (ax, "I(T;Y) (bits)");
    t = opts.title;
    if (! ischar (t))
      t = plane_title (res, estimator, R);
    endif
    h.title = title (ax, t, "fontsize", ifelse (numel (t) > 40, 9, 10));
    if (opts.legend)
      entries = [h.legend_items(:); h.ixy];
      labels = [names(:); {"I(X;Y)"}];
      if (! isempty (h.curve))
        entries(end+1) = h.curve;
        labels{end+1} = "IB curve";
      endif
      h.legend = legend (ax, entries, labels, "location", "eastoutside",
                         "fontsize", ifelse (opts.bound, 8, 9));
    endif

    if (opts.bound)
      [h.bound_axes, h.bound_lines] = draw_bound (fig, IXT(:, layers), epochs, res.n_train,
                                                  opts.delta, names, layers);
      setappdata (ax, "ib_plane_bound_axes", h.bound_axes);
    endif
    place_axes (h, area);
  unwind_protect_cleanup
    if (! was_held)
      hold (ax, "off");
    endif
  end_unwind_protect

  if (nargout == 0)
    clear h;
  endif

endfunction

## The trajectories drawn: one run as it is; of several runs the mean over the runs with a
## value (RES.IXT_mean/ITY_mean when they belong to the estimator drawn) and the std (N-1).
function [IXT, ITY, IXT_sd, ITY_sd] = over_runs (res, IXT_runs, ITY_runs, first)
  [E, L, R] = size (IXT_runs);
  if (R == 1)
    IXT = IXT_runs;  ITY = ITY_runs;
    IXT_sd = ITY_sd = zeros (E, L);
    return;
  endif
  IXT = ITY = IXT_sd = ITY_sd = [];
  stored = {"IXT_mean", "ITY_mean", "IXT_std", "ITY_std"};
  if (first && all (isfield (res, stored)))
    [IXT, ITY, IXT_sd, ITY_sd] = deal (res.(stored{1}), res.(stored{2}), res.(stored{3}),
                                       res.(stored{4}));
    if (! all (cellfun (@(v) isnumeric (v) && isreal (v) && isequal (size (v), [E L]),
                        {IXT, ITY, IXT_sd, ITY_sd})))
      bad_result (sprintf ("RES.IXT_mean, ITY_mean, IXT_std and ITY_std must be %d x %d",
                           E, L));
    endif
    return;
  endif
  [IXT, IXT_sd] = mean_std (IXT_runs);
  [ITY, ITY_sd] = mean_std (ITY_runs);
endfunction

## Mean and std (N-1) over dimension 3 of the values that are not NaN.
function [m, sd] = mean_std (v)
  ok = ! isnan (v);
  n = sum (ok, 3);
  v(! ok) = 0;
  m = sum (v, 3) ./ n;
  d = (v - m) .* ok;
  sd = sqrt (sum (d .^ 2, 3) ./ max (n - 1, 1));
  m(n == 0) = NaN;
  sd(n == 0) = NaN;
endfunction

## The recorded epochs nearest to the wanted ones (each once), their row indices.
function [k, at] = nearest_epochs (epochs, wanted)
  [~, k] = min (abs (epochs(:) - wanted(:)'), [], 1);
  k = unique (k);
  at = epochs(k)';
endfunction

## The colour the colour map gives the colour value c on the range.
function rgb = colour_of (c, c_range, cmap)
  i = 1 + round ((c - c_range(1)) / diff (c_range) * (rows (cmap) - 1));
  rgb = cmap(min (max (i, 1), rows (cmap)), :);
endfunction

## One panel per element of a struct array of results (e.g. one per training fraction),
## with shared axes limits and colour scale, one colour bar below them and one legend.
function h = draw_panels (res, args)
  N = numel (res);
  for k = 1:N
    check_result (res(k));
  endfor
  opts = parse_options (args, size (res(1).IXT, 2));
  keys = lower (args(1:2:end));
  if (! isempty (opts.movie))
    bad_option ("\"movie\" draws one result, not a struct array");
  endif
  if (any (ismember (keys, {"colorbar", "legend", "title"})))
    bad_option ("\"colorbar\", \"legend\" and \"title\" are set per panel for a struct array");
  endif
  args = args(1:2 * numel (keys));
  parent_at = find (strcmp (keys, "parent"), 1, "last");
  if (isempty (parent_at))
    fig = gcf ();
    clf (fig);
    area = [0.02 0.02 0.96 0.95];
  else
    fig = ancestor (opts.parent, "figure");
    area = get (opts.parent, "position");
    delete (opts.parent);
    args(2 * parent_at - [1 0]) = [];
  endif
  epoch_range = opts.epoch_range;
  if (isempty (epoch_range))
    all_epochs = arrayfun (@(r) r.epochs(:), res, "uniformoutput", false);
    all_epochs = vertcat (all_epochs{:});
    epoch_range = [min(all_epochs), max(all_epochs)];
    if (epoch_range(2) <= epoch_range(1))
      epoch_range(2) = epoch_range(1) + 1;
    endif
  endif

  n_cols = ifelse (N <= 4, N, ceil (sqrt (N)));
  n_rows = ceil (N / n_cols);
  for k = 1:N
    ax = axes ("parent", fig);
    last = k == N;
    panels(k) = ib_plane (res(k), args{:}, "parent", ax, "epoch_range", epoch_range,
                          "colorbar", last, "legend", last,
                          "title", panel_title (res(k), k, size (res(k).IXT, 3), "%d runs"));
  endfor
  ## shared limits: the widest of the panels' own
  x_lim = cell2mat (get ([panels.axes], "xlim")(:));
  y_lim = cell2mat (get ([panels.axes], "ylim")(:));
  x_lim = [min(x_lim(:,1)), max(x_lim(:,2))];
  y_lim = [min(y_lim(:,1)), max(y_lim(:,2))];
  ## the layout: panels in a grid, the colour bar below them all, the legend (which the
  ## gnuplot toolkit puts at the figure's right edge) in a column on the right
  labels = cellstr (get (panels(N).legend, "string"));
  legend_w = (80 + 7 * max (cellfun (@numel, labels))) / printed_width (fig);
  left = area(1) + 0.07 * area(3);
  gap = 0.06 * area(3);
  w = (area(1) + area(3) - legend_w - left - (n_cols - 1) * gap) / n_cols;
  bottom = area(2) + 0.22 * area(4);
  row_h = (area(2) + area(4) - bottom) / n_rows;
  for k = 1:N
    [c, r] = deal (mod (k - 1, n_cols) + 1, ceil (k / n_cols));
    set (panels(k).axes, "position", [left + (c - 1) * (w + gap), ...
                                      bottom + (n_rows - r) * row_h + 0.10 * row_h, ...
                                      w, 0.80 * row_h]);
    set (panels(k).axes, "xlim", x_lim, "ylim", y_lim);
    set (panels(k).ixy, "xdata", x_lim);
  endfor
  span = (n_cols - 1) * (w + gap) + w;
  set (panels(N).colorbar, "position", [left, area(2) + 0.10 * area(4), span, ...
                                        0.03 * area(4)]);
  h = struct ("panels", panels, "axes", [panels.axes], "colorbar", panels(N).colorbar,
              "legend", panels(N).legend, "xlim", x_lim, "ylim", y_lim,
              "epoch_range", epoch_range);
endfunction

## An animated GIF of the plane over the epochs: the whole plane is drawn once (its axes
## limits and colour scale stay), and frame j shows the points up to the j-th of at most
## "frames" recorded epochs (evenly spread over the rows; later points are set to NaN).
function info = write_movie (res, opts, args)
  keys = lower (args(1:2:end));
  at = find (ismember (keys, {"movie", "frames", "delay", "parent"}));
  args([2 * at - 1, 2 * at]) = [];
  epochs = res.epochs(:);
  E = numel (epochs);
  rows_shown = unique (round (linspace (1, E, min (E, opts.frames))));
  if (strcmp (graphics_toolkit (), "gnuplot"))
    device = "-dpngcairo";
  else
    device = "-dpng";
  endif
  png = [tempname() ".png"];
  ## a fixed paper size: every frame printed at the same size
  pos = get (0, "defaultfigureposition");
  f = figure ("visible", "off", "position", pos, "paperunits", "inches",
              "paperpositionmode", "manual", "paperposition", [0 0 pos(3:4) / 72]);
  unwind_protect
    h = ib_plane (res, args{:}, "parent", axes ("parent", f));
    base = get (h.title, "string");
    ## the objects whose points belong to epochs, and those epochs
    objects = [h.lines(:); h.run_lines(:); h.errorbars(:); h.bound_lines(:)];
    point_epochs = [repmat({epochs}, numel (h.lines) + numel (h.run_lines), 1);
                    repmat({h.errorbar_epochs(:)}, numel (h.errorbars), 1);
                    repmat({epochs(epochs > 0)}, numel (h.bound_lines), 1)];
    full_x = arrayfun (@(o) get (o, "xdata"), objects, "uniformoutput", false);
    full_y = arrayfun (@(o) get (o, "ydata"), objects, "uniformoutput", false);
    ## the toolkit cannot change the data of a scatter object of over 100 points: the
    ## markers are drawn anew in each frame (the layer's first marker object stays hidden,
    ## keeping its place in the drawing order)
    markers = arrayfun (@(m) struct ("x", get (m, "xdata"), "y", get (m, "ydata"),
                                     "c", get (m, "cdata"), "shape", get (m, "marker"),
                                     "size", get (m, "sizedata")), h.markers);
    set (h.markers, "visible", "off");
    hold (h.axes, "on");
    drawn = [];
    for j = 1:numel (rows_shown)
      e = epochs(rows_shown(j));
      delete (drawn(ishghandle (drawn)));
      shown = epochs <= e;
      drawn = arrayfun (@(m) scatter (h.axes, m.x(shown), m.y(shown), m.size, m.c(shown),
                                      m.shape, "filled"), markers);
      for i = 1:numel (objects)
        later = point_epochs{i} > e;
        [x, y] = deal (full_x{i}, full_y{i});
        x(later) = NaN;
        y(later) = NaN;
        set (objects(i), "xdata", x, "ydata", y);
      endfor
      set (h.join_lines(h.join_epochs <= e), "visible", "on");
      set (h.join_lines(h.join_epochs > e), "visible", "off");
      set (h.annotations, "visible", {"off", "on"}{1 + (j == numel (rows_shown))});
      set (h.title, "string", sprintf ("%s: epoch %d", base, e));
      print (f, device, png);
      frames{j} = imread (png);
    endfor
    write_gif (frames, opts.movie, opts.delay);
  unwind_protect_cleanup
    close (f);
    if (exist (png, "file"))
      delete (png);
    endif
  end_unwind_protect
  info = struct ("file", opts.movie, "frames", numel (rows_shown),
                 "epochs", epochs(rows_shown)');
endfunction

## The frames (RGB, uint8) as an animated GIF with one palette for all: the 256 colours
## most frequent in the last frame (the whole plane), each pixel mapped to the nearest,
## so that every reader shows the same colours in every frame.
function write_gif (frames, file, delay)
  last = reshape (frames{end}, [], 3);
  [colours, ~, j] = unique (last, "rows");
  [~, order] = sort (accumarray (j, 1), "descend");
  map = double (colours(order(1:min (256, numel (order))), :));
  for k = 1:numel (frames)
    sz = size (frames{k});
    [colours, ~, j] = unique (reshape (frames{k}, [], 3), "rows");
    d = sum (double (colours) .^ 2, 2) + sum (map .^ 2, 2)' - 2 * double (colours) * map';
    [~, nearest] = min (d, [], 2);
    X = uint8 (reshape (nearest(j) - 1, sz(1:2)));     # 0-based indices into the map
    if (k == 1)
      imwrite (X, map / 255, file, "gif", "DelayTime", delay, "LoopCount", Inf);
    else
      imwrite (X, map / 255, file, "gif", "WriteMode", "append", "DelayTime", delay);
    endif
  endfor
endfunction

## The area the plot may fill: the axes' position when it is first drawn into, kept
## with the axes so that drawing again into it does not shrink the plot each time.
function area = plot_area (ax)
  area = getappdata (ax, "ib_plane_area");
  if (isempty (area))
    area = get (ax, "position");
    setappdata (ax, "ib_plane_area", area);
  endif
endfunction

## The plane, its colour bar below it and the bound at the bottom, inside the area, with
## room for the labels (the gnuplot toolkit drops axis labels and titles that fall outside
## the position once a colour bar is attached); the legends go to the right.
function place_axes (h, area)
  at = @(x, y, w, hh) [area(1) + x * area(3), area(2) + y * area(4), w * area(3), hh * area(4)];
  width = 0.96;
  if (! isempty (h.legend))
    width = 0.76;
    ## the gnuplot toolkit puts the legend at the figure's right edge: where the area
    ## reaches it, the plane extends to just before the legend (its width estimated from
    ## its longest label)
    labels = cellstr (get (h.legend, "string"));
    key = (80 + 7 * max (cellfun (@numel, labels))) / printed_width (h.axes);
    if (area(1) + area(3) > 0.8)
      width = min (max ((1 - key - 0.02 - area(1)) / area(3), 0.5), 0.96);
    endif
  endif
  if (isempty (h.bound_axes))
    if (isempty (h.colorbar))
      set (h.axes, "position", at (0, 0.12, width, 0.80));
    else
      set (h.axes, "position", at (0, 0.30, width, 0.62));
      set (h.colorbar, "position", at (0, 0.06, width, 0.035));
    endif
  else
    set (h.axes, "position", at (0, 0.55, width, 0.41));
    if (! isempty (h.colorbar))
      set (h.colorbar, "position", at (0, 0.41, width, 0.025));
    endif
    set (h.bound_axes, "position", at (0, 0.03, width, 0.27));
  endif
endfunction

function check_result (res)
  if (! isstruct (res) || ! isscalar (res))
    bad_result ("RES must be a result struct of ib_train");
  endif
  needed = {"epochs", "IXT", "ITY", "I_XY"};
  missing = needed(! isfield (res, needed));
  if (! isempty (missing))
    bad_result (sprintf ("RES has no field %s", strjoin (missing, ", ")));
  endif
  E = numel (res.epochs);
  if (! isnumeric (res.epochs) || ! isreal (res.epochs) || E == 0 || ! isvector (res.epochs)
      || any (! isfinite (res.epochs)) || any (res.epochs < 0))
    bad_result ("RES.epochs must be a non-empty vector of epochs >= 0");
  endif
  check_mi_pair (res.IXT, res.ITY, E, "RES.IXT and RES.ITY");
  if (! (isnumeric (res.I_XY) && isreal (res.I_XY) && isscalar (res.I_XY)
         && isfinite (res.I_XY)))
    bad_result ("RES.I_XY must be a finite real scalar");
  endif
endfunction

function check_mi_pair (IXT, ITY, E, what)
  if (! isnumeric (IXT) || ! isnumeric (ITY) || ndims (IXT) > 3
      || ! isequal (size (IXT), size (ITY)) || rows (IXT) != E || columns (IXT) < 1)
    bad_result (sprintf ("%s must both be E x L (x R runs), one row per epoch (E = %d)",
                         what, E));
  endif
  ## NaN (a value not computed) is left out of the plot; Inf or complex values cannot be
  if (! isreal (IXT) || ! isreal (ITY) || any (isinf ([IXT(:); ITY(:)])))
    bad_result (sprintf ("%s must be real, without Inf", what));
  endif
endfunction

function bad_result (msg)
  error ("ib:ib_plane:invalid_result", "ib_plane: %s", msg);
endfunction

function opts = parse_options (args, n_layers)
  opts = struct ("parent", [], "layers", [], "estimator", "", "curve", [],
                 "annotate", false, "bound", false, "delta", 0.05, "runs", "mean",
                 "join_epochs", [], "errorbar_epochs", [], "movie", "", "frames", 24,
                 "delay", 0.2, "xlim", [], "ylim", [], "epoch_range", [],
                 "colorbar", true, "legend", true, "title", [], "ci", false);
  if (mod (numel (args), 2) != 0)
    bad_option ("options must be name, value pairs");
  endif
  for i = 1:2:numel (args)
    key = args{i};
    if (! ischar (key) || ! isrow (key) || ! isfield (opts, lower (key)))
      if (ischar (key))
        bad_option (sprintf ("unknown option '%s'", key));
      endif
      bad_option ("option names must be strings");
    endif
    opts.(lower (key)) = args{i+1};
  endfor

  p = opts.parent;
  if (! isempty (p) && ! (isscalar (p) && isaxes (p)))
    bad_option ("\"parent\" must be an axes handle");
  endif
  L = opts.layers;
  if (! isempty (L) && ! (isnumeric (L) && isreal (L) && isvector (L) && all (L == round (L))
                          && all (L >= 1) && all (L <= n_layers)
                          && numel (unique (L)) == numel (L)))
    bad_option (sprintf ("\"layers\" must be distinct layer indices in 1..%d", n_layers));
  endif
  opts.layers = full (double (L(:)'));
  if (! ischar (opts.estimator) || ! (isrow (opts.estimator) || isempty (opts.estimator)))
    bad_option ("\"estimator\" must be an estimator name");
  endif
  c = opts.curve;
  if (! isempty (c))
    if (! (isstruct (c) && isscalar (c) && all (isfield (c, {"IXT", "ITY"}))
           && isnumeric (c.IXT) && isnumeric (c.ITY) && isreal (c.IXT) && isreal (c.ITY)
           && isvector (c.IXT)
           && numel (c.IXT) == numel (c.ITY) && numel (c.IXT) >= 1
           && all (isfinite ([c.IXT(:); c.ITY(:)]))))
      bad_option ("\"curve\" must be a struct with vectors IXT and ITY of one length");
    endif
    opts.curve = struct ("IXT", full (double (c.IXT(:))), "ITY", full (double (c.ITY(:))));
  endif
  opts.annotate = flag (opts.annotate, "annotate");
  opts.bound = flag (opts.bound, "bound");
  if (opts.annotate && isempty (opts.curve))
    bad_option ("\"annotate\" needs a \"curve\"");
  endif
  d = opts.delta;
  if (! (isnumeric (d) && isscalar (d) && isreal (d) && d > 0 && d < 1))
    bad_option ("\"delta\" must be in (0, 1)");
  endif
  modes = {"mean", "all", "errorbars"};
  if (! (ischar (opts.runs) && any (strcmpi (opts.runs, modes))))
    bad_option ("\"runs\" must be \"mean\", \"all\" or \"errorbars\"");
  endif
  opts.runs = lower (opts.runs);
  for f = {"join_epochs", "errorbar_epochs"}
    v = opts.(f{1});
    if (! isempty (v) && ! (isnumeric (v) && isreal (v) && isvector (v)
                            && all (isfinite (v)) && all (v >= 0)))
      bad_option (sprintf ("\"%s\" must be a vector of epochs >= 0", f{1}));
    endif
    opts.(f{1}) = double (v(:)');
  endfor
  m = opts.movie;
  if (! (ischar (m) && (isrow (m) || isempty (m))))
    bad_option ("\"movie\" must be a file name");
  endif
  if (! (is_count (opts.frames) && opts.frames >= 1))
    bad_option ("\"frames\" must be a whole number >= 1");
  endif
  d = opts.delay;
  if (! (isnumeric (d) && isreal (d) && isscalar (d) && isfinite (d) && d >= 0))
    bad_option ("\"delay\" must be a number of seconds >= 0");
  endif
  for f = {"xlim", "ylim", "epoch_range"}
    v = opts.(f{1});
    if (! isempty (v) && ! (isnumeric (v) && isreal (v) && numel (v) == 2
                            && all (isfinite (v)) && v(2) > v(1)
                            && (! strcmp (f{1}, "epoch_range") || v(1) >= 0)))
      bad_option (sprintf ("\"%s\" must be [low high] with low < high", f{1}));
    endif
    opts.(f{1}) = double (v(:)');
  endfor
  opts.ci = flag (opts.ci, "ci");
  opts.colorbar = flag (opts.colorbar, "colorbar");
  opts.legend = flag (opts.legend, "legend");
  t = opts.title;
  if (! isempty (t) && ! (ischar (t) && isrow (t)))
    bad_option ("\"title\" must be a string");
  endif
endfunction

## The intervals of ib_train's "ci" (res.mi.(name).IXT_ci, ITY_ci: E x L x 2 x R) at the
## epochs that have them: per layer and run one line of a horizontal segment [lo hi] of
## I(X;T) at the point's I(T;Y) and a vertical one of I(T;Y) at its I(X;T), drawn as the
## intervals are (a basic bootstrap interval need not hold its estimate).  Several runs
## need "runs" "all" (the bars of each run about its own points).  Returns the lines
## (layers x R) and the interval ends drawn.
function [bars, xs, ys] = draw_intervals (ax, res, name, layers, many, runs_mode)
  m = struct ();
  if (isfield (res, "mi") && isstruct (res.mi) && isfield (res.mi, name))
    m = res.mi.(name);
  endif
  [E, L, R] = size (res.IXT);
  if (! (all (isfield (m, {"IXT", "ITY", "IXT_ci", "ITY_ci"}))
         && isequal (size (m.IXT_ci), size (m.ITY_ci), size (zeros (E, L, 2, R)))
         && isreal (m.IXT_ci) && isreal (m.ITY_ci)))
    bad_option (sprintf (["\"ci\" needs the intervals of estimator %s " ...
                          "(ib_train's \"ci\" and \"ci_epochs\")"], name));
  endif
  if (many && ! strcmp (runs_mode, "all"))
    bad_option ("\"ci\" with several runs needs \"runs\", \"all\" (each run's own bars)");
  endif
  bars = zeros (numel (layers), R);
  xs = ys = [];
  for i = 1:numel (layers)
    l = layers(i);
    for r = 1:R
      k = find (all (isfinite ([m.IXT_ci(:,l,:,r)(:,:), m.ITY_ci(:,l,:,r)(:,:)]), 2));
      x = m.IXT(k,l,r);  y = m.ITY(k,l,r);
      x_lo = m.IXT_ci(k,l,1,r);  x_hi = m.IXT_ci(k,l,2,r);
      y_lo = m.ITY_ci(k,l,1,r);  y_hi = m.ITY_ci(k,l,2,r);
      gap = NaN (size (k));
      bars(i,r) = line (ax, vec ([x_lo, x_hi, gap, x, x, gap]'),
                        vec ([y, y, gap, y_lo, y_hi, gap]'), "color", [0.35 0.35 0.35],
                        "linewidth", 0.75);
      xs = [xs; x_hi];  ys = [ys; y_hi];
    endfor
  endfor
endfunction

function tf = is_count (v)
  tf = isnumeric (v) && isreal (v) && isscalar (v) && isfinite (v) && v == round (v);
endfunction

function v = flag (v, name)
  if (! (isscalar (v) && (islogical (v) || isnumeric (v)) && (v == 0 || v == 1)))
    bad_option (sprintf ("\"%s\" must be true or false", name));
  endif
  v = logical (v);
endfunction

function bad_option (msg)
  error ("ib:ib_plane:invalid_option", "ib_plane: %s", msg);
endfunction

## The estimator's values: res.IXT/ITY are those of the first of res.estimators, the
## others are in res.mi.(name).
function [IXT, ITY, name, first] = select_estimator (res, name)
  known = {};
  if (isfield (res, "estimators") && iscellstr (res.estimators))
    known = res.estimators(:)';
  elseif (isfield (res, "options") && isstruct (res.options)
          && isfield (res.options, "estimator"))
    known = cellstr (res.options.estimator)(:)';
  endif
  IXT = res.IXT;
  ITY = res.ITY;
  first = true;
  if (isempty (name))
    if (! isempty (known))
      name = known{1};
    endif
    return;
  endif
  i = find (strcmpi (name, known), 1);
  if (isempty (i))
    if (isempty (known))
      known = {"(none recorded)"};
    endif
    error ("ib:ib_plane:unknown_estimator",
           "ib_plane: the result has no estimator '%s' (it has: %s)", name,
           strjoin (known, ", "));
  endif
  name = known{i};
  first = i == 1;
  if (i > 1 || (isfield (res, "mi") && isstruct (res.mi) && isfield (res.mi, name)))
    if (! (isfield (res, "mi") && isstruct (res.mi) && isfield (res.mi, name)
           && all (isfield (res.mi.(name), {"IXT", "ITY"}))))
      bad_result (sprintf ("RES.mi.%s with fields IXT and ITY is missing", name));
    endif
    IXT = res.mi.(name).IXT;
    ITY = res.mi.(name).ITY;
    check_mi_pair (IXT, ITY, numel (res.epochs), sprintf ("RES.mi.%s.IXT and .ITY", name));
  endif
endfunction

function v = ifelse (condition, a, b)
  if (condition)
    v = a;
  else
    v = b;
  endif
endfunction

function names = layer_names (layers, n_layers)
  names = arrayfun (@(l) sprintf ("layer %d", l), layers, "uniformoutput", false);
  names(layers == n_layers) = {"output"};
endfunction

## Colour-bar ticks at the powers of ten within the recorded epochs (and at 0 when the
## untrained network was recorded); the first and last epoch when fewer than two fit.
function [tick_epochs, tick_pos] = epoch_ticks (lo, hi)
  tick_epochs = 10 .^ (0:floor (log10 (max (hi, 1))));
  tick_epochs = tick_epochs(tick_epochs >= lo & tick_epochs <= hi);
  if (lo == 0)
    ## 0 and 1 would sit too close together (log10 (1) and log10 (2))
    tick_epochs = [0, tick_epochs(tick_epochs > 1 | hi < 10)];
  endif
  if (numel (tick_epochs) < 2)
    tick_epochs = unique ([lo, tick_epochs, hi]);
  endif
  tick_pos = log10 (1 + tick_epochs);
endfunction

function s = plane_title (res, estimator, R)
  parts = {};
  if (isfield (res, "options") && isstruct (res.options))
    o = res.options;
    if (isfield (o, "activation") && ischar (o.activation))
      parts{end+1} = o.activation;
    endif
    if (isfield (o, "layers") && isnumeric (o.layers))
      parts{end+1} = ["[" strtrim(sprintf ("%d ", o.layers)) "]"];
    endif
  endif
  s = strjoin (parts, " ");
  if (! isempty (estimator))
    if (! isempty (s))
      s = [s ", "];
    endif
    s = [s "estimator " estimator];
  endif
  if (isfield (res, "options") && isstruct (res.options) && isfield (res.options, "mi_rows")
      && ischar (res.options.mi_rows) && ! strcmp (res.options.mi_rows, "all"))
    s = sprintf ("%s, MI on %s rows", s, res.options.mi_rows);
  endif
  if (R > 1)
    s = strjoin ([{s}(! isempty (s)), {sprintf("mean of %d runs", R)}], ", ");
  endif
endfunction

## ITY minus the IB curve at IXT: the curve sorted by I(X;T), from (0, 0), flat beyond
## its last point.
function gap = curve_gap (curve, ixt, ity)
  [cx, order] = sort (curve.IXT);
  cy = curve.ITY(order);
  [cx, last] = unique (cx, "last");
  cy = cy(last);
  if (cx(1) > 0)
    cx = [0; cx];
    cy = [0; cy];
  endif
  at = interp1 ([cx; Inf], [cy; cy(end)], max (ixt(:), cx(1)), "linear");
  gap = ity(:)' - at(:)';
endfunction

## The generalization bound of each layer against the epoch, in an axes below the plane
## (logarithmic epoch axis, so epoch 0 is left out).
function [bax, lines] = draw_bound (fig, IXT, epochs, m, delta, names, layers)
  bax = axes ("parent", fig);
  hold (bax, "on");
  colours = get (bax, "colororder");
  shown = epochs > 0;
  lines = zeros (1, columns (IXT));
  for i = 1:columns (IXT)
    bound = ib_bound (IXT(shown, i), m, delta);
    if (numel (bound) != nnz (shown))
      error ("ib:ib_plane:invalid_bound",
             "ib_plane: ib_bound returned %d values for %d epochs", numel (bound),
             nnz (shown));
    endif
    lines(i) = line (bax, epochs(shown), bound(:), "color",
                     colours(mod (layers(i) - 1, rows (colours)) + 1, :), "linewidth", 1.5);
  endfor
  hold (bax, "off");
  set (bax, "xscale", "log", "box", "on");
  xlabel (bax, "epoch");
  ylabel (bax, sprintf ("bound (delta %g)", delta));
  legend (bax, lines, names, "location", "eastoutside", "fontsize", 8);
endfunction

%!shared res
%! E = 6;  L = 3;
%! res.epochs = [0 1 3 10 100 1000]';
%! res.IXT = [linspace(2, 11, E)', linspace(1, 8, E)', linspace(0.1, 0.9, E)'];
%! res.ITY = [linspace(0.2, 0.95, E)', linspace(0.1, 0.9, E)', linspace(0.01, 0.8, E)'];
%! res.I_XY = 0.999;  res.H_X = 12;  res.H_Y = 0.999;
%! res.options = struct ("layers", [10 5], "activation", "tanh", "estimator", {{"bin", "kde"}});
%! res.estimators = {"bin", "kde"};
%! res.mi.bin = struct ("IXT", res.IXT, "ITY", res.ITY);
%! res.mi.kde = struct ("IXT", res.IXT / 2, "ITY", res.ITY / 2);
%! res.n_train = 3277;

%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = ib_plane (res);
%!   assert (numel (h.lines), 3);
%!   assert (numel (h.markers), 3);
%!   assert (all (strcmp (get (h.lines, "type"), "line")));
%!   assert (all (strcmp (get (h.markers, "type"), "hggroup")));     # scatter objects
%!   assert (numel (h.legend_items), 3);
%!   assert (isaxes (h.axes));
%!   assert (ishghandle (h.colorbar) && ishghandle (h.legend) && ishghandle (h.ixy));
%!   assert (isempty (h.curve) && isempty (h.bound_axes) && isempty (h.annotations));
%!   for l = 1:3
%!     assert (get (h.lines(l), "xdata")(:), res.IXT(:,l));
%!     assert (get (h.lines(l), "ydata")(:), res.ITY(:,l));
%!     ## the epoch colour: log10 (1 + epoch)
%!     assert (get (h.markers(l), "cdata")(:), log10 (1 + res.epochs), 1e-12);
%!   endfor
%!   assert (get (h.ixy, "ydata"), [0.999 0.999]);
%!   assert (get (h.ixy, "linestyle"), "--");
%!   assert (get (get (h.axes, "xlabel"), "string"), "I(X;T) (bits)");
%!   assert (get (get (h.axes, "ylabel"), "string"), "I(T;Y) (bits)");
%!   assert (get (h.legend, "string"), {"layer 1", "layer 2", "output", "I(X;Y)"});
%!   assert (get (h.title, "string"), "tanh [10 5], estimator bin");
%!   ## colour-bar ticks at 0 and the powers of ten, placed at log10 (1 + epoch)
%!   assert (get (h.colorbar, "xtick"), log10 (1 + [0 10 100 1000]), 1e-12);
%!   assert (get (h.colorbar, "xticklabel")(:)', {"0", "10", "100", "1000"});
%!   assert (caxis (h.axes), log10 (1 + [0 1000]), 1e-12);
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## a chosen estimator and a subset of layers, drawn into a given axes
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   ax = axes ("parent", f);
%!   h = ib_plane (res, "parent", ax, "estimator", "kde", "layers", [3 1]);
%!   assert (h.axes, ax);
%!   assert (h.layers, [3 1]);
%!   assert (h.estimator, "kde");
%!   assert (get (h.lines(1), "xdata")(:), res.IXT(:,3) / 2);
%!   assert (get (h.lines(2), "ydata")(:), res.ITY(:,1) / 2);
%!   assert (get (h.legend, "string"), {"output", "layer 1", "I(X;Y)"});
%!   assert (get (h.legend_items, "marker"), {"d"; "o"});   # shapes follow the layer
%!   assert (get (h.title, "string"), "tanh [10 5], estimator kde");
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## the IB curve and the vertical distances of the last points to it
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   curve.IXT = [0.5; 2; 8];  curve.ITY = [0.5; 0.9; 0.999];   # unsorted order is fine too
%!   h = ib_plane (res, "curve", curve, "annotate", true);
%!   assert (get (h.curve, "xdata")(:), curve.IXT);
%!   assert (get (h.curve, "ydata")(:), curve.ITY);
%!   assert (get (h.curve, "linestyle"), "-");
%!   assert (get (h.legend, "string"){end}, "IB curve");
%!   ## last points: (11, 0.95) beyond the curve (flat at 0.999), (8, 0.9) on its last
%!   ## point, (0.9, 0.8) between (0.5, 0.5) and (2, 0.9)
%!   expected = [0.95 - 0.999, 0.9 - 0.999, 0.8 - (0.5 + 0.4 * 0.4 / 1.5)];
%!   assert (h.gap, expected, 1e-12);
%!   assert (numel (h.annotations), 3);
%!   assert (get (h.annotations(3), "string"), sprintf ("  %+.2f", expected(3)));
%!   ## below the curve's first point: the curve runs from (0, 0)
%!   curve2.IXT = [1; 2];  curve2.ITY = [0.5; 0.6];
%!   r2 = res;  r2.IXT(end, 3) = 0.25;
%!   h = ib_plane (r2, "curve", curve2, "annotate", true, "layers", 3);
%!   assert (h.gap, 0.8 - 0.125, 1e-12);
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## a result with one estimator and no estimator list, and a single epoch
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   r.epochs = 5;  r.IXT = [3 2];  r.ITY = [0.5 0.4];  r.I_XY = 1;
%!   h = ib_plane (r);
%!   assert (numel (h.lines), 2);
%!   assert (get (h.legend, "string"), {"layer 1", "output", "I(X;Y)"});
%!   assert (get (h.colorbar, "xticklabel")(:)', {"5"});
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## prints to a PNG without a display
%!test
%! f = figure ("visible", "off");
%! png = [tempname() ".png"];
%! unwind_protect
%!   ib_plane (res, "curve", struct ("IXT", [0; 1; 4; 12], "ITY", [0; 0.5; 0.9; 0.999]));
%!   if (strcmp (graphics_toolkit (), "gnuplot"))
%!     print (f, "-dpngcairo", png);
%!   else
%!     print (f, "-dpng", png);
%!   endif
%!   d = dir (png);
%!   assert (numel (d) == 1 && d.bytes > 1000);
%! unwind_protect_cleanup
%!   close (f);
%!   if (exist (png, "file"))
%!     delete (png);
%!   endif
%! end_unwind_protect

## the generalization bound below the plane
%!test
%! if (true)
%!   f = figure ("visible", "off");
%!   unwind_protect
%!     h = ib_plane (res, "bound", true, "delta", 0.1, "layers", [1 2]);
%!     assert (isaxes (h.bound_axes));
%!     assert (numel (h.bound_lines), 2);
%!     for i = 1:2
%!       assert (get (h.bound_lines(i), "xdata")(:), res.epochs(2:end));   # not epoch 0
%!       assert (get (h.bound_lines(i), "ydata")(:), ib_bound (res.IXT(2:end,i), 3277, 0.1)(:));
%!     endfor
%!     ## drawing again into the same axes replaces the bound axes
%!     n_children = numel (get (f, "children"));
%!     h2 = ib_plane (res, "bound", true, "parent", h.axes);
%!     assert (! ishghandle (h.bound_axes));
%!     assert (numel (get (f, "children")), n_children);
%!   unwind_protect_cleanup
%!     close (f);
%!   end_unwind_protect
%! endif

%!error <Invalid call> ib_plane ()
%!error id=ib:ib_plane:invalid_result ib_plane (1)
%!error id=ib:ib_plane:invalid_result ib_plane (rmfield (res, "ITY"))
%!error id=ib:ib_plane:invalid_result ib_plane (rmfield (res, "I_XY"))
%!error id=ib:ib_plane:invalid_result
%! r = res;  r.ITY = r.ITY(:, 1:2);
%! ib_plane (r);
%!error id=ib:ib_plane:invalid_result
%! r = res;  r.epochs = r.epochs(1:3);
%! ib_plane (r);
%!error id=ib:ib_plane:invalid_result
%! r = res;  r.epochs(1) = -1;
%! ib_plane (r);
%!error id=ib:ib_plane:invalid_result
%! r = res;  r.mi.kde.ITY = r.mi.kde.ITY(1:2, :);
%! ib_plane (r, "estimator", "kde");
%!error id=ib:ib_plane:invalid_result ib_plane (rmfield (res, "n_train"), "bound", true)
%!error id=ib:ib_plane:invalid_bound
%! ## an ib_bound that returns one value whatever it is given, first on the path
%! d = tempname ();  mkdir (d);
%! fid = fopen (fullfile (d, "ib_bound.m"), "w");
%! fputs (fid, "function [e, info] = ib_bound (IXT, m, delta)\n  e = 0.5;  info = struct ();\nendfunction\n");
%! fclose (fid);
%! f = figure ("visible", "off");
%! addpath (d);
%! unwind_protect
%!   ib_plane (res, "bound", true);
%! unwind_protect_cleanup
%!   rmpath (d);
%!   close (f);
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect
%!error id=ib:ib_plane:unknown_estimator ib_plane (res, "estimator", "knn")
%!error id=ib:ib_plane:invalid_option ib_plane (res, "layers")
%!error id=ib:ib_plane:invalid_option ib_plane (res, "colour", 1)
%!error id=ib:ib_plane:invalid_option ib_plane (res, 3, 1)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "layers", 4)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "layers", [1 1])
%!error id=ib:ib_plane:invalid_option ib_plane (res, "layers", 1.5)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "parent", -7)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "estimator", 2)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "curve", struct ("IXT", [1 2], "ITY", 1))
%!error id=ib:ib_plane:invalid_option ib_plane (res, "annotate", true)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "bound", "yes")
%!error id=ib:ib_plane:invalid_option ib_plane (res, "delta", 1)

## ---------------------------------------------------------------------------------------
## Several runs: three runs around the single-run fixture, run r shifted by (r - 2) / 10
%!function r3 = three_runs (res)
%!  r3 = res;
%!  r3.IXT = cat (3, res.IXT - 0.1, res.IXT, res.IXT + 0.1);
%!  r3.ITY = cat (3, res.ITY - 0.01, res.ITY, res.ITY + 0.04);
%!  r3.mi.bin = struct ("IXT", r3.IXT, "ITY", r3.ITY);
%!  r3.mi.kde = struct ("IXT", r3.IXT / 2, "ITY", r3.ITY / 2);
%!endfunction

## the mean trajectory: computed, or RES.IXT_mean/ITY_mean for the first estimator
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   r3 = three_runs (res);
%!   h = ib_plane (r3);
%!   assert (h.runs, 3);
%!   assert (h.IXT, res.IXT, 1e-12);
%!   assert (h.ITY, res.ITY + 0.01, 1e-12);
%!   assert (get (h.lines(2), "xdata")(:), res.IXT(:,2), 1e-12);
%!   assert (isempty (h.run_lines) && isempty (h.errorbars));
%!   assert (get (h.title, "string"), "tanh [10 5], estimator bin, mean of 3 runs");
%!   r3.IXT_mean = res.IXT + 5;  r3.ITY_mean = res.ITY;
%!   r3.IXT_std = ones (6, 3);  r3.ITY_std = ones (6, 3);
%!   h = ib_plane (r3);
%!   assert (h.IXT, res.IXT + 5);                        # the stored mean
%!   h = ib_plane (r3, "estimator", "kde", "layers", 1);
%!   assert (h.IXT, res.IXT / 2, 1e-12);                 # not the first estimator's mean
%!   ## a run without a value at an epoch: the mean of the others
%!   r3 = three_runs (res);  r3.IXT(2, 1, 3) = NaN;
%!   h = ib_plane (r3, "layers", 1);
%!   assert (h.IXT(2,1), res.IXT(2,1) - 0.05, 1e-12);
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## "runs", "all": each run thin, the mean bold
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   r3 = three_runs (res);
%!   h = ib_plane (r3, "runs", "all", "layers", [1 3]);
%!   assert (size (h.run_lines), [2 3]);
%!   assert (get (h.run_lines(2,3), "xdata")(:), res.IXT(:,3) + 0.1, 1e-12);
%!   assert (get (h.run_lines(1,1), "ydata")(:), res.ITY(:,1) - 0.01, 1e-12);
%!   assert (get (h.lines(1), "linewidth"), 2);
%!   assert (get (h.run_lines(1,1), "linewidth"), 0.5);
%!   assert (get (h.axes, "xlim")(2), 1.02 * 12);           # H(X) is the widest
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## "runs", "errorbars": the std over the runs at a few epochs, in both directions
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   r3 = three_runs (res);
%!   h = ib_plane (r3, "runs", "errorbars", "errorbar_epochs", [2 90 5000]);
%!   assert (h.errorbar_epochs, [1 100 1000]);               # the nearest recorded
%!   assert (numel (h.errorbars), 3);
%!   k = [2 5 6];
%!   assert (get (h.errorbars(1), "xdata")(:), res.IXT(k,1), 1e-12);
%!   assert (get (h.errorbars(1), "xudata")(:), 0.1 * ones (3, 1), 1e-12);   # std of -0.1, 0, 0.1
%!   assert (get (h.errorbars(1), "xldata")(:), 0.1 * ones (3, 1), 1e-12);
%!   assert (get (h.errorbars(3), "udata")(:), std ([-0.01 0 0.04]) * ones (3, 1), 1e-12);
%!   h = ib_plane (r3, "runs", "errorbars", "layers", 1);     # default: up to 8 epochs
%!   assert (h.errorbar_epochs, res.epochs');                 # all 6 here
%!   h = ib_plane (res, "runs", "errorbars", "layers", 1);    # one run: no bars
%!   assert (isempty (h.errorbars));
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## lines joining the layers at chosen epochs, in the epoch's colour
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = ib_plane (three_runs (res), "join_epochs", [0 120], "layers", [3 1 2]);
%!   assert (h.join_epochs, [0 100]);
%!   assert (get (h.join_lines(2), "xdata")(:), res.IXT(5, 1:3)', 1e-12);   # layer order
%!   assert (get (h.join_lines(2), "ydata")(:), res.ITY(5, 1:3)' + 0.01, 1e-12);
%!   map = viridis (256);
%!   c = log10 (101) / log10 (1001);                   # epoch 100 on the colour range
%!   assert (get (h.join_lines(2), "color"), map(1 + round (c * 255), :));
%!   assert (get (h.join_lines(1), "color"), map(1, :));
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## fixed limits and colour range, no colour bar or legend, own title
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = ib_plane (res, "xlim", [0 20], "ylim", [0 2], "epoch_range", [0 9999],
%!                 "colorbar", false, "legend", false, "title", "mine");
%!   assert (get (h.axes, "xlim"), [0 20]);
%!   assert (get (h.axes, "ylim"), [0 2]);
%!   assert (caxis (h.axes), [0 4], 1e-12);
%!   assert (get (h.ixy, "xdata"), [0 20]);
%!   assert (isempty (h.colorbar) && isempty (h.legend));
%!   assert (get (h.title, "string"), "mine");
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## a struct array: one panel per element, shared limits and colours, one colour bar
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   a = three_runs (res);  a.options.train_fraction = 0.05;  a.options.mi_rows = "test";
%!   b = res;  b.IXT = 0.5 * b.IXT;  b.epochs(end) = 8000;  b.options.train_fraction = 0.85;
%!   b.H_X = 6;
%!   h = ib_plane ([a, b]);
%!   assert (numel (h.panels), 2);
%!   assert (numel (h.axes), 2);
%!   assert (get (h.axes(1), "xlim"), get (h.axes(2), "xlim"));
%!   assert (get (h.axes(1), "xlim"), [0 1.02 * 12]);
%!   assert (h.epoch_range, [0 8000]);
%!   assert (caxis (h.axes(1)), log10 (1 + [0 8000]), 1e-12);
%!   assert (caxis (h.axes(2)), log10 (1 + [0 8000]), 1e-12);
%!   assert (isempty (h.panels(1).colorbar) && isempty (h.panels(1).legend));
%!   assert (ishghandle (h.colorbar) && ishghandle (h.legend));
%!   assert (get (h.panels(1).title, "string"), "train 5 %, MI on test rows, 3 runs");
%!   assert (get (h.panels(2).title, "string"), "train 85 %");
%!   assert (get (h.panels(2).ixy, "xdata"), [0 1.02 * 12]);
%!   p1 = get (h.axes(1), "position");  p2 = get (h.axes(2), "position");
%!   assert (p1(3:4), p2(3:4), 1e-12);                       # panels of one size
%!   assert (p1(1) + p1(3) < p2(1));                         # side by side
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## an animated GIF: the frames at evenly spread epochs, one palette; over 100 epochs (which
## the gnuplot toolkit's scatter objects cannot take as new data)
%!test
%! gif = [tempname() ".gif"];
%! unwind_protect
%!   r.epochs = (0:119)';  r.I_XY = 1;
%!   r.IXT = cat (3, [linspace(2, 9, 120)', linspace(1, 5, 120)'], ...
%!                [linspace(2, 10, 120)', linspace(1, 6, 120)']);
%!   r.ITY = r.IXT / 10;
%!   info = ib_plane (r, "movie", gif, "frames", 3, "delay", 0.5);
%!   assert (info.frames, 3);
%!   assert (info.epochs, [0 60 119]);                       # rows 1, 61 (60.5), 120
%!   fi = imfinfo (gif);
%!   assert (numel (fi), 3);
%!   assert ([fi.DelayTime], [50 50 50]);                    # hundredths of a second
%!   [A, map] = imread (gif, "index", "all");
%!   assert (size (A, 4), 3);
%!   ## coloured pixels (markers and the colour bar): more in each later frame
%!   vivid = find (max (map, [], 2) - min (map, [], 2) > 0.25) - 1;
%!   n = arrayfun (@(k) nnz (ismember (A(:,:,1,k), vivid)), 1:3);
%!   assert (n(1) < n(2) && n(2) < n(3));
%! unwind_protect_cleanup
%!   if (exist (gif, "file"))
%!     delete (gif);
%!   endif
%! end_unwind_protect

%!error id=ib:ib_plane:invalid_option ib_plane (res, "runs", "some")
%!error id=ib:ib_plane:invalid_option ib_plane (res, "join_epochs", -1)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "errorbar_epochs", [1 NaN])
%!error id=ib:ib_plane:invalid_option ib_plane (res, "movie", 3)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "frames", 0)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "delay", -1)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "xlim", [1 0])
%!error id=ib:ib_plane:invalid_option ib_plane (res, "epoch_range", [-1 10])
%!error id=ib:ib_plane:invalid_option ib_plane (res, "legend", 2)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "title", 1)
%!error id=ib:ib_plane:invalid_option ib_plane ([res, res], "movie", "x.gif")
%!error id=ib:ib_plane:invalid_option ib_plane ([res, res], "title", "x")
%!error id=ib:ib_plane:invalid_result
%! b = res;  b.ITY = 1;
%! ib_plane ([res, b]);
%!error id=ib:ib_plane:invalid_result
%! r = three_runs (res);  r.ITY = r.ITY(:,:,1:2);
%! ib_plane (r);
%!error id=ib:ib_plane:invalid_result
%! r = three_runs (res);  r.IXT_mean = 1;  r.ITY_mean = 1;  r.IXT_std = 1;  r.ITY_std = 1;
%! ib_plane (r);

## "ci": the intervals of ib_train's "ci" as bars, at the epochs that have them (here 3
## and 1000 of the kde estimator; one interval does not hold its point)
%!test
%! f = figure ("visible", "off");
%! unwind_protect
%!   r = res;
%!   ci = NaN (6, 3, 2);
%!   ci([3 6], :, 1) = r.mi.kde.IXT([3 6], :) - 0.2;
%!   ci([3 6], :, 2) = r.mi.kde.IXT([3 6], :) + 0.3;
%!   ci(6, 3, :) = [0.6 0.8];
%!   r.mi.kde.IXT_ci = ci;
%!   r.mi.kde.ITY_ci = ci / 10;
%!   h = ib_plane (r, "estimator", "kde", "ci", true, "layers", [1 3]);
%!   assert (size (h.ci_bars), [2 1]);
%!   assert (all (strcmp (get (h.ci_bars, "type"), "line")));
%!   x = get (h.ci_bars(2), "xdata")(:);
%!   y = get (h.ci_bars(2), "ydata")(:);
%!   k = [3 6];
%!   assert (x([1:2, 7:8]), vec (squeeze (ci(k, 3, :))'), 1e-12);
%!   assert (y([4:5, 10:11]), vec (squeeze (ci(k, 3, :))' / 10), 1e-12);
%!   assert (y([1 2 7 8]), vec (repmat (r.mi.kde.ITY(k, 3)', 2, 1)), 1e-12);
%!   assert (x([4 5]), repmat (r.mi.kde.IXT(3, 3), 2, 1), 1e-12);
%!   assert (xlim (h.axes)(2) >= 0.8);
%!   h = ib_plane (r, "estimator", "kde");
%!   assert (isempty (h.ci_bars));
%!   r3 = three_runs (r);
%!   r3.mi.kde.IXT_ci = r3.mi.kde.ITY_ci = repmat (ci, [1 1 1 3]);
%!   h = ib_plane (r3, "estimator", "kde", "ci", true, "runs", "all");
%!   assert (size (h.ci_bars), [3 3]);
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect
%!error id=ib:ib_plane:invalid_option ib_plane (res, "ci", true)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "ci", 2)
%!error id=ib:ib_plane:invalid_option
%! r3 = three_runs (res);
%! r3.mi.bin.IXT_ci = r3.mi.bin.ITY_ci = NaN (6, 3, 2, 3);
%! ib_plane (r3, "ci", true);

## ---------------------------------------------------------------------------------------
%!demo
%! ## The paper's setting (Shwartz-Ziv & Tishby 2017): the [10 7 5 4 3] tanh network on the
%! ## 12-bit data, Adam 4e-4, batch 512, 80 % train, 8000 epochs, binning with 30 edges.
%! ## The last layers first gain I(T;Y) (fitting), then lose I(X;T) (compression).
%! ## About 20 s here.
%! [X, y] = ib_dataset ("tishby");
%! res = ib_train (X, y, "layers", [10 7 5 4 3], "epochs", 8000, "seed", 0);
%! figure ("position", [100 100 800 600]);
%! ib_plane (res);

%!demo
%! ## The paper's averaged plane: 50 networks of its setting (12-bit data, [10 7 5 4 3] tanh,
%! ## Adam 4e-4, batch 512, 80 % train, 30 bins), each with its own seed, trained at once on
%! ## every core; the mean trajectory of each layer with the spread over runs as error bars.
%! ## 2000 epochs here to keep it short (the paper: 8000, "epochs", 8000).
%! [X, y] = ib_dataset ("tishby");
%! res = ib_train (X, y, "layers", [10 7 5 4 3], "epochs", 2000, "runs", 50, "seed", 1);
%! figure ("position", [100 100 800 600]);
%! ib_plane (res, "runs", "errorbars");
