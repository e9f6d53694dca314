## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Benchmark (not a test): each MI estimator of ib on one layer (ib_layer_mi: I(X;T),
## I(T;Y) and H(T)) against vectorised numpy/scipy equivalents of the same definitions
## (bench/estimators_numpy.py: cKDTree for knn, eigvalsh for renyi, blocks of distances
## for kde), run on the same data, written to a temporary file, in the same run. Prints
## the best of a few runs per side, the ratio numpy / ib and the largest difference of
## the two results (bits), which should be rounding only.
## Run from the repository root after `make`: octave --no-gui bench/bench_estimators.m
## Optional: set BENCH_ESTIMATORS="kde knn" to run only some estimators.
addpath (fullfile (pwd (), "src"), fullfile (pwd (), "inst"));
script = fullfile (pwd (), "bench", "estimators_numpy.py");

## a python with numpy and scipy (Debian's /usr/bin/python3 has them)
python = "";
for candidate = {"python3", "/usr/bin/python3"}
  if (system ([candidate{1} " -c 'import numpy, scipy' 2>/dev/null"]) == 0)
    python = candidate{1};
    break;
  endif
endfor
if (isempty (python))
  error ("bench_estimators: no python3 with numpy and scipy found");
endif

names = {"bin", "adaptive", "kde", "knn", "renyi"};
if (! isempty (getenv ("BENCH_ESTIMATORS")))
  names = strsplit (strtrim (getenv ("BENCH_ESTIMATORS")));
endif
repeats = struct ("bin", 7, "adaptive", 7, "kde", 5, "knn", 3, "renyi", 1);

## The two data sets: the paper's 4096 12-bit inputs into 10 tanh units, and 10000
## Gaussian inputs (12-D, 10 classes) into 20 tanh units.
randn ("state", 42);
rand ("state", 42);
cases = {};
[X, y] = ib_dataset ("tishby");
cases{end+1} = struct ("name", "4096 x 10", "X", X, "y", y,
                       "T", tanh (X * randn (12, 10) / sqrt (3)));
X = randn (10000, 12);
[~, y] = max (X * randn (12, 10), [], 2);
cases{end+1} = struct ("name", "10000 x 20", "X", X, "y", y - 1,
                       "T", tanh (X * randn (12, 20) / sqrt (6)));
## renyi is O(n^3) with 5 eigen-decompositions of n x n on the numpy side: 10000 rows
## would take the better part of an hour there, so it runs on the first case only
skip = struct ("name", "10000 x 20", "estimator", "renyi");

printf ("%-11s %-9s %10s %10s %8s %12s\n", "data", "estimator", "ib (s)", "numpy (s)",
        "ratio", "max |diff|");
data_file = [tempname() ".mat"];
out_file = [tempname() ".txt"];
for c = 1:numel (cases)
  cs = cases{c};
  T = cs.T; X = cs.X; y = cs.y;
  save ("-v7", data_file, "T", "X", "y");
  for e = 1:numel (names)
    name = names{e};
    if (strcmp (cs.name, skip.name) && strcmp (name, skip.estimator))
      printf ("%-11s %-9s %10s\n", cs.name, name, "skipped (O(n^3), see the script)");
      continue;
    endif
    r = repeats.(name);
    ours = Inf;
    for k = 1:r
      t0 = tic ();
      [ixt, ity, info] = ib_layer_mi (T, X, y, "estimator", name);
      ours = min (ours, toc (t0));
    endfor
    status = system (sprintf ("%s %s %s %s %s:%d", python, script, data_file, out_file,
                              name, r));
    if (status != 0)
      error ("bench_estimators: %s failed on %s", script, name);
    endif
    fid = fopen (out_file, "r");
    line = fgetl (fid);
    fclose (fid);
    fields = strsplit (strtrim (line));
    peer = str2double (fields(2:end));
    diff = max (abs ([ixt, ity, info.h_t] - peer([2 3 6])));
    if (any (strcmp (name, {"kde"})))
      diff = max (diff, max (abs ([info.ixt_lower, info.ity_lower] - peer([4 5])))) ;
    endif
    printf ("%-11s %-9s %10.4f %10.4f %8.1f %12.2g\n", cs.name, name, ours, peer(1),
            peer(1) / ours, diff);
  endfor
endfor
delete (data_file);
delete (out_file);
