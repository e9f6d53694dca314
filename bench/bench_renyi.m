## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Benchmark (not a test): the "renyi" entropy of one layer (4096 x 10 tanh units on the
## paper's 12-bit inputs) by each "renyi_method" against numpy.linalg.eigvalsh on the same
## Gram matrix (bench/renyi_numpy.py), in one run: for each kernel width and alpha, our time
## (Gram matrix included), numpy's eigvalsh time (Gram matrix excluded), their ratio, and
## the error |ours - numpy| in bits. Then the time of n = 20000 rows (no numpy reference:
## its eigvalsh would take many minutes).
## Run from the repository root after `make`: octave-cli bench/bench_renyi.m
## BENCH_RENYI_LARGE=0 skips the n = 20000 part.
addpath (fullfile (pwd (), "src"), fullfile (pwd (), "inst"));
script = fullfile (pwd (), "bench", "renyi_numpy.py");
## a python with numpy and scipy (Debian's /usr/bin/python3 has them)
ok = @(py) system ([py " -c 'import numpy, scipy' 2>/dev/null"]) == 0;
python = "/usr/bin/python3";
if (ok ("python3"))
  python = "python3";
elseif (! ok (python))
  error ("bench_renyi: no python3 with numpy and scipy found");
endif

randn ("state", 42);
X = ib_dataset ("tishby");
T = tanh (X * randn (12, 10) / sqrt (3));
n = rows (T);
scott = n ^ (-1 / (4 + columns (T))) * mean (std (T));
widths = [scott, 4 * scott];        # the default rule, and a wider kernel
alphas = [2, 3, 1.5, 1.01];
methods = {"eig", "exact_power", "slq", "auto"};

data_file = [tempname() ".mat"];
out_file = [tempname() ".txt"];
save ("-v7", data_file, "T", "widths", "alphas");
if (system (sprintf ("%s %s %s %s", python, script, data_file, out_file)) != 0)
  error ("bench_renyi: %s failed", script);
endif
peer = dlmread (out_file);
delete (data_file);
delete (out_file);

printf ("n = %d, numpy eigvalsh on the same Gram matrix\n", n);
printf ("%-8s %-6s %-12s %9s %9s %8s %11s\n", "width", "alpha", "method", "ib (s)",
        "numpy (s)", "ratio", "|error|");
for w = 1:numel (widths)
  t_np = peer(w, 2);
  for a = 1:numel (alphas)
    for m = 1:numel (methods)
      method = methods{m};
      if (strcmp (method, "exact_power") && alphas(a) != round (alphas(a)))
        continue;
      endif
      t0 = tic ();
      h = ib_entropy (T, "estimator", "renyi", "alpha", alphas(a), "kernel_width", widths(w),
                      "renyi_method", method, "discrete", false);
      t = toc (t0);
      printf ("%-8.4f %-6g %-12s %9.3f %9.3f %8.1f %11.2e\n", widths(w), alphas(a), method, t,
              t_np, t_np / t, abs (h - peer(w, 2 + a)));
    endfor
  endfor
endfor

if (! strcmp (getenv ("BENCH_RENYI_LARGE"), "0"))
  N = 20000;
  TL = tanh (randn (N, 12) * randn (12, 10) / sqrt (6));
  sL = N ^ (-1 / 14) * mean (std (TL));
  printf ("\nn = %d (ours only)\n", N);
  for c = {{2, sL, "auto"}, {3, 4 * sL, "auto"}}
    [alpha, width, method] = c{1}{:};
    t0 = tic ();
    h = ib_entropy (TL, "estimator", "renyi", "alpha", alpha, "kernel_width", width,
                    "renyi_method", method, "discrete", false);
    printf ("alpha %-5g width %.4f %-6s H = %.6f bits  %.1f s\n", alpha, width, method, h,
            toc (t0));
  endfor
endif
