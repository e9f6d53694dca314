## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The width in pixels of the figure of graphics object H as the gnuplot toolkit prints it
## (72 per inch of the paper position), the unit a legend's width is measured in.
function px = printed_width (h)
  fig = ancestor (h, "figure");
  px = get (fig, "position")(3);
  if (strcmp (get (fig, "paperunits"), "inches"))
    px = 72 * get (fig, "paperposition")(3);
  endif
  px = max (px, 1);
endfunction
