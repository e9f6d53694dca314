## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The main demo: trains the paper's network (tanh, [10 7 5 4 3], Adam 4e-4, batch 512, 80 %
## train) on the 12-bit data set, draws its information plane with `demo ib_plane` and writes
## it to ib_plane.png in the current folder (or to the file named by the IB_PLANE_PNG
## environment variable). Run: octave --no-gui demos/information_plane.m
pkg load ib           # the installed package, which this demo checks
demo_dir = fileparts (mfilename ("fullpath")); source (fullfile (demo_dir, "setup.m"));
file = getenv ("IB_PLANE_PNG");
if (isempty (file))
  file = fullfile (pwd (), "ib_plane.png");
endif
demo ("ib_plane", 1);
print (gcf (), "-dpngcairo", "-r100", file);
printf ("information plane written to %s\n", file);
