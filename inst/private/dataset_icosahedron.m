## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## U = dataset_icosahedron ()
## The 12 vertices of a regular icosahedron as unit row vectors (12 x 3): the cyclic
## permutations of (0, +-1, +-phi), phi the golden ratio, normalised.  Row i is unit i of
## the generated "tishby" data set.
function U = dataset_icosahedron ()
  phi = (1 + sqrt (5)) / 2;
  U = [ 0    1   phi;   0   -1   phi;   0    1  -phi;   0   -1  -phi;
        1   phi   0;   -1   phi   0;    1  -phi   0;   -1  -phi   0;
       phi   0    1;  -phi   0    1;   phi   0   -1;  -phi   0   -1];
  U ./= sqrt (1 + phi^2);
endfunction
