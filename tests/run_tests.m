## Runs every %! test block of inst/*.m and tests/*.m against the gateways built in src/,
## prints one line per file, and exits non-zero when any test fails (for `make check`).
root = pwd ();
addpath (fullfile (root, "src"));
addpath (fullfile (root, "inst"));
set (0, "defaultfigurevisible", "off");
if (isempty (getenv ("DISPLAY")) && any (strcmp (available_graphics_toolkits (), "gnuplot")))
  graphics_toolkit ("gnuplot");
endif
files = [glob(fullfile (root, "inst", "*.m")); glob(fullfile (root, "tests", "*.m"))];
files = files(! strcmp (files, [mfilename("fullpath") ".m"]));
failed = {};
no_tests = {};
t_all = tic ();
for i = 1:numel (files)
  t0 = tic ();
  [n_pass, n_total, n_xfail, n_bug, n_skip, n_rtskip, n_regress] = test (files{i}, "quiet", stdout);
  n_fail = n_total - n_pass - n_xfail - n_bug - n_skip - n_rtskip;
  [~, name] = fileparts (files{i});
  printf ("%-28s %3d passed %3d failed %3d skipped  (%.1f s)\n", name, n_pass, n_fail,
          n_skip + n_rtskip, toc (t0));
  if (n_fail > 0)
    failed{end+1} = name;
  endif
  if (n_total == 0)
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
  exit (1);
endif
exit (0);
