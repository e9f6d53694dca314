## -*- texinfo -*-
## @deftypefn  {} {} ib_plane (@var{res})
## @deftypefnx {} {} ib_plane (@var{res}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {@var{h} =} ib_plane (@dots{})
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
## widths and the estimator.
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
## indices drawn) and @code{estimator}.
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
## @end example
## @seealso{ib_train, ib_dataset, ib_curve, ib_bound}
## @end deftypefn

function h = ib_plane (res, varargin)

  if (nargin < 1)
    print_usage ();
  endif
  check_result (res);
  opts = parse_options (varargin, size (res.IXT, 2));
  [IXT, ITY, estimator] = select_estimator (res, opts.estimator);
  if (opts.bound && ! (isfield (res, "n_train") && isnumeric (res.n_train)
                       && isscalar (res.n_train) && res.n_train >= 1
                       && res.n_train == round (res.n_train)))
    bad_result ("\"bound\" needs RES.n_train, the number of training samples");
  endif
  layers = opts.layers;
  if (isempty (layers))
    layers = 1:columns (IXT);
  endif
  n_layers = columns (IXT);
  epochs = res.epochs(:);
  colour = log10 (1 + epochs);

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
              "estimator", estimator);
  unwind_protect
    names = layer_names (layers, n_layers);
    shapes = {"o", "s", "d", "^", "v", "p", "h", ">", "<"};
    shape_of = @(l) shapes{mod (l - 1, numel (shapes)) + 1};    # by layer, not by order
    for i = 1:numel (layers)
      l = layers(i);
      shape = shape_of (l);
      h.lines(i) = line (ax, IXT(:,l), ITY(:,l), "color", [0.7 0.7 0.7], "linewidth", 0.5);
      h.markers(i) = scatter (ax, IXT(:,l), ITY(:,l), 50, colour, shape, "filled");
      ## scatter objects do not show in every toolkit's legend: a marker-only stand-in
      h.legend_items(i) = line (ax, NaN, NaN, "linestyle", "none", "marker", shape,
                                "color", "k", "markerfacecolor", [0.55 0.55 0.55]);
    endfor

    x_top = max (IXT(:));
    if (isfield (res, "H_X") && isnumeric (res.H_X) && isscalar (res.H_X))
      x_top = max (x_top, res.H_X);      # I(X;T) <= H(X)
    endif
    if (! isempty (opts.curve))
      h.curve = line (ax, opts.curve.IXT, opts.curve.ITY, "color", "k", "linewidth", 1.5);
      x_top = max ([x_top; opts.curve.IXT(:)]);
    endif
    x_top = max (x_top, eps);
    h.ixy = line (ax, [0 1.02 * x_top], [res.I_XY res.I_XY], "color", "k",
                  "linestyle", "--", "linewidth", 1);
    y_top = max ([ITY(:); res.I_XY; eps]);
    set (ax, "xlim", [0 1.02 * x_top], "ylim", [0 1.08 * y_top], "box", "on");

    if (opts.annotate)
      [~, last] = max (epochs);
      h.gap = curve_gap (opts.curve, IXT(last, layers), ITY(last, layers));
      for i = 1:numel (layers)
        h.annotations(i) = text (ax, IXT(last, layers(i)), ITY(last, layers(i)),
                                 sprintf ("  %+.2f", h.gap(i)), "fontsize", 8,
                                 "verticalalignment", "middle");
      endfor
    endif

    colormap (ax, viridis (256));
    c_range = [min(colour), max(colour)];
    if (c_range(2) <= c_range(1))
      c_range += [-0.5 0.5];
    endif
    caxis (ax, c_range);
    h.colorbar = colorbar (ax, "location", "southoutside");
    [tick_epochs, tick_pos] = epoch_ticks (epochs);
    set (h.colorbar, "xtick", tick_pos,
         "xticklabel", arrayfun (@(e) sprintf ("%d", e), tick_epochs, "uniformoutput", false));
    xlabel (h.colorbar, "epoch");

    xlabel (ax, "I(X;T) (bits)");
    ylabel (ax, "I(T;Y) (bits)");
    h.title = title (ax, plane_title (res, estimator));
    entries = [h.legend_items(:); h.ixy];
    labels = [names(:); {"I(X;Y)"}];
    if (! isempty (h.curve))
      entries(end+1) = h.curve;
      labels{end+1} = "IB curve";
    endif
    h.legend = legend (ax, entries, labels, "location", "eastoutside",
                       "fontsize", ifelse (opts.bound, 8, 9));

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
  width = 0.76;
  if (isempty (h.bound_axes))
    set (h.axes, "position", at (0, 0.30, width, 0.62));
    set (h.colorbar, "position", at (0, 0.06, width, 0.035));
  else
    set (h.axes, "position", at (0, 0.55, width, 0.41));
    set (h.colorbar, "position", at (0, 0.41, width, 0.025));
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
  if (! isnumeric (IXT) || ! isnumeric (ITY) || ndims (IXT) != 2
      || ! isequal (size (IXT), size (ITY)) || rows (IXT) != E || columns (IXT) < 1)
    bad_result (sprintf ("%s must both be E x L, one row per epoch (E = %d)", what, E));
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
                 "annotate", false, "bound", false, "delta", 0.05);
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
function [IXT, ITY, name] = select_estimator (res, name)
  known = {};
  if (isfield (res, "estimators") && iscellstr (res.estimators))
    known = res.estimators(:)';
  elseif (isfield (res, "options") && isstruct (res.options)
          && isfield (res.options, "estimator"))
    known = cellstr (res.options.estimator)(:)';
  endif
  IXT = res.IXT;
  ITY = res.ITY;
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
function [tick_epochs, tick_pos] = epoch_ticks (epochs)
  lo = min (epochs);
  hi = max (epochs);
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

function s = plane_title (res, estimator)
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
%!demo
%! ## The paper's setting (Shwartz-Ziv & Tishby 2017): the [10 7 5 4 3] tanh network on the
%! ## 12-bit data, Adam 4e-4, batch 512, 80 % train, 8000 epochs, binning with 30 edges.
%! ## The last layers first gain I(T;Y) (fitting), then lose I(X;T) (compression).
%! ## About 20 s here.
%! [X, y] = ib_dataset ("tishby");
%! res = ib_train (X, y, "layers", [10 7 5 4 3], "epochs", 8000, "seed", 0);
%! figure ("position", [100 100 800 600]);
%! ib_plane (res);
