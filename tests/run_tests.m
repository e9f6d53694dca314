## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Runs every %! test block of inst/*.m and tests/*.m against the gateways built in src/,
## prints one line per file, then the totals of the whole suite: these blocks plus the C unit
## tests whose results tests/c/Makefile collected (for `make check`). Exits non-zero when
## anything failed, or when the C results are missing (their build failed).
root = pwd ();
addpath (fullfile (root, "src"));
addpath (fullfile (root, "inst"));
set (0, "defaultfigurevisible", "off");
if (isempty (getenv ("DISPLAY")) && any (strcmp (available_graphics_toolkits (), "gnuplot")))
  graphics_toolkit ("gnuplot");
endif

## [passed failed skipped] of the lines "<name>: N passed, N failed, N skipped" of a file
function counts = read_counts (file)
  counts = [0 0 0];
  text = fileread (file);
  tok = regexp (text, '(\d+) passed, (\d+) failed, (\d+) skipped', "tokens");
  for i = 1:numel (tok)
    counts += str2double (tok{i});
  endfor
endfunction

totals = [0 0 0];
failed = {};
for c_file = {"results.txt", "valgrind-results.txt"}
  f = fullfile (root, "tests", "c", "build", c_file{1});
  if (exist (f, "file"))
    counts = read_counts (f);
    printf ("%-28s %3d passed %3d failed %3d skipped\n", ["C " strrep(c_file{1}, ".txt", "")],
            counts);
  else
    counts = [0 1 0];
    printf ("C unit tests: no %s (did tests/c build?)\n", c_file{1});
  endif
  totals += counts;
  if (counts(2) > 0)
    failed{end+1} = ["C " c_file{1}];
  endif
endfor

files = [glob(fullfile (root, "inst", "*.m")); glob(fullfile (root, "tests", "*.m"))];
files = files(! strcmp (files, [mfilename("fullpath") ".m"]));
no_tests = {};
t_all = tic ();
for i = 1:numel (files)
  t0 = tic ();
  [n_pass, n_run, n_xfail, n_bug, n_skip, n_rtskip] = test (files{i}, "quiet", stdout);
  n_fail = n_run - n_pass - n_xfail - n_bug;
  n_skipped = n_skip + n_rtskip;
  [~, name] = fileparts (files{i});
  printf ("%-28s %3d passed %3d failed %3d skipped  (%.1f s)\n", name, n_pass, n_fail,
          n_skipped, toc (t0));
  totals += [n_pass, n_fail, n_skipped];
  if (n_fail > 0)
    failed{end+1} = name;
  endif
  if (n_run + n_skipped == 0)
    no_tests{end+1} = name;
  endif
  close all;
endfor
printf ("all Octave tests: %.1f s\n", toc (t_all));
if (! isempty (no_tests))
  printf ("files without tests: %s\n", strjoin (no_tests, ", "));
endif
if (! isempty (failed))
  printf ("FAILED: %s\n", strjoin (failed, ", "));
endif
printf ("total: %d passed, %d failed, %d skipped\n", totals);
exit (! isempty (failed));
