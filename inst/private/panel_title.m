## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The title of panel K of a struct array of results (ib_plane, ib_snr): its training
## fraction, the rows MI was measured on (unless all), and its R runs as RUNS_FORMAT says
## (e.g. "%d runs"); "result K" when none of these tells the panels apart.
function s = panel_title (res, k, R, runs_format)
  parts = {};
  o = struct ();
  if (isfield (res, "options") && isstruct (res.options) && isscalar (res.options))
    o = res.options;
  endif
  if (isfield (o, "train_fraction") && isnumeric (o.train_fraction)
      && isscalar (o.train_fraction))
    parts{end+1} = sprintf ("train %g %%", 100 * o.train_fraction);
  endif
  if (isfield (o, "mi_rows"))
    if (ischar (o.mi_rows) && ! strcmp (o.mi_rows, "all"))
      parts{end+1} = sprintf ("MI on %s rows", o.mi_rows);
    elseif (isnumeric (o.mi_rows))
      parts{end+1} = sprintf ("MI on %d rows", numel (o.mi_rows));
    endif
  endif
  if (R > 1)
    parts{end+1} = sprintf (runs_format, R);
  endif
  if (isempty (parts))
    parts = {sprintf("result %d", k)};
  endif
  s = strjoin (parts, ", ");
endfunction
