## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## What every demo shares, sourced by each as
##   demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
## - the package: the gateways and functions of this checkout (src/ and inst/) once `make`
##   has built them, else the installed one (pkg load ib);
## - figures without a display: gnuplot, invisible figures, no warning about the toolkit;
## - figure_file (NAME): where to write the figure, the file named by the environment
##   variable IB_FIGURE, else doc/NAME of this checkout;
## - tishby_data (): the 12-bit data set with the paper's own labels when its var_u.mat lies
##   in ../shared/data beside the checkout (never shipped), else the generated ones.
if (! exist ("ib_train", "file"))
  if (exist (fullfile (fileparts (demo_dir), "src", "__ib_train__.mex"), "file"))
    addpath (fullfile (fileparts (demo_dir), "src"), fullfile (fileparts (demo_dir), "inst"));
  else
    pkg load ib
  endif
endif
if (isempty (getenv ("DISPLAY")))
  warning ("off", "Octave:gnuplot-graphics");
  graphics_toolkit ("gnuplot");
  set (0, "defaultfigurevisible", "off");
endif
figure_file = @(name) ifelse_figure (getenv ("IB_FIGURE"),
                                     fullfile (fileparts (demo_dir), "doc", name));
var_u = fullfile (fileparts (fileparts (demo_dir)), "shared", "data", "var_u.mat");
if (exist (var_u, "file"))
  tishby_data = @() ib_dataset ("tishby", var_u);
else
  tishby_data = @() ib_dataset ("tishby");
endif
function f = ifelse_figure (given, default)
  f = given;
  if (isempty (f))
    f = default;
  endif
endfunction
