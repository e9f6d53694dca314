## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Benchmark (not a test): the three speed ratios of issue 7, ib against a PyTorch-on-CPU
## re-creation of the paper's training (bench/train_torch.py), vectorised numpy
## (bench/mi_numpy.py) and the FLOP bound of this machine (bench/dgemm_peak.c), all
## measured in this one run:
##   (i)   one run, training only, one thread each: ib epochs/s / PyTorch epochs/s (goal 20x);
##   (ii)  MI of the six layers on all 4096 rows (forward pass + binning), as at each of
##         the paper's 274 recorded epochs: numpy's time per evaluation / ib's (goal 20x);
##   (iii) the paper's experiment, 50 runs x 8000 epochs with MI and gradient statistics,
##         on all cores: ib's wall time / the FLOP bound (goal: within 3x), and PyTorch's
##         time for the same as two processes of 25 runs each, in parallel.
## Run from the repository root after `make`:
##   octave --no-gui bench/bench_runs.m                    # full (a few minutes)
##   IB_BENCH_QUICK=1 octave --no-gui bench/bench_runs.m   # 2 runs x 200 epochs, to try it
##   IB_BENCH_TORCH_FULL=1 ...   PyTorch runs the whole 2 x 25 x 8000 (about 15 minutes)
##                               instead of 2 x 2 x 1000 epochs extrapolated to it
## Needs a python3 with torch, numpy and scipy (Debian's /usr/bin/python3 with
## python3-torch) and cc with OpenBLAS's cblas.h (libopenblas-dev).
addpath (fullfile (pwd (), "src"), fullfile (pwd (), "inst"));

function r = parse_result (out)
  ## the RESULT key=value ... line of a peer program
  line = regexp (out, "RESULT ([^\n]*)", "tokens", "once");
  if (isempty (line))
    error ("bench_runs: no RESULT line in:\n%s", out);
  endif
  r = struct ();
  for kv = strsplit (strtrim (line{1}))
    p = strsplit (kv{1}, "=");
    v = str2double (p{2});
    if (isnan (v)) v = p{2}; endif
    r.(p{1}) = v;
  endfor
endfunction

function out = run_or_fail (cmd)
  [status, out] = system (cmd);
  if (status != 0)
    error ("bench_runs: '%s' failed:\n%s", cmd, out);
  endif
endfunction

function ok = accepts (X, y, varargin)
  ## whether this ib_train knows an option (the multi-run engine is being built in main)
  try
    ib_train (X, y, "epochs", 1, "mi_epochs", [], "verbose", false, varargin{:});
    ok = true;
  catch err
    if (! strcmp (err.identifier, "ib:ib_train:unknown_option"))
      rethrow (err);
    endif
    ok = false;
  end_try_catch
endfunction

## the best wall time and the best CPU time (of this process, all its threads) of f ()
function [t, c] = best_time (f, repeats)
  t = c = Inf;
  for k = 1:repeats
    c0 = cputime (); t0 = tic ();
    f ();
    t = min (t, toc (t0)); c = min (c, cputime () - c0);
  endfor
endfunction

function s = ifelse_quick (quick)
  if (quick) s = " (IB_BENCH_QUICK: reduced sizes, ratios not comparable with the goals)";
  else s = ""; endif
endfunction

## MI of every layer of the network W, b (tanh, softmax output) by ib_layer_mi
function mi = octave_side (X, y, W, b)
  L = numel (W);
  mi = zeros (L, 2);
  h = X;
  for l = 1:L
    z = h * W{l} + b{l};
    if (l < L)
      h = tanh (z);
    else
      h = exp (z - max (z, [], 2)); h ./= sum (h, 2);
    endif
    [mi(l,1), mi(l,2)] = ib_layer_mi (h, X, y, "estimator", "bin", "range", [-1 1]);
  endfor
endfunction

function s = ifelse_threads (has, cores)
  if (has) s = sprintf (", \"threads\", %d", cores); else s = ""; endif
endfunction

function s = ifelse_str (c, a, b)
  if (c) s = a; else s = b; endif
endfunction

function s = ifelse_grad (has)
  if (has) s = "with gradient statistics";
  else s = "WITHOUT gradient statistics (this ib_train has none yet)"; endif
endfunction

## the fraction of all cores' time spent busy over one second (from /proc/stat), before
## and after the benchmark, when none of its own work runs
function f = busy_fraction ()
  f = NaN;
  if (exist ("/proc/stat", "file"))
    a = sscanf (fileread ("/proc/stat"), "cpu %f %f %f %f %f %f %f %f", 8);
    pause (1);
    b = sscanf (fileread ("/proc/stat"), "cpu %f %f %f %f %f %f %f %f", 8);
    d = b - a;
    f = 1 - (d(4) + d(5)) / sum (d);
  endif
endfunction

function remove_dir (d)
  confirm_recursive_rmdir (false, "local");
  rmdir (d, "s");
endfunction

bench_dir = fullfile (pwd (), "bench");
quick = ! isempty (getenv ("IB_BENCH_QUICK")) && ! strcmp (getenv ("IB_BENCH_QUICK"), "0");
torch_full = ! isempty (getenv ("IB_BENCH_TORCH_FULL")) && ! strcmp (getenv ("IB_BENCH_TORCH_FULL"), "0");
cores = nproc ();

## One thread each: OpenBLAS threads products of more than about 2.6e5 multiply-adds (the
## forward pass of all 4096 rows through the first layer is 4.9e5), in ib's process and in
## numpy's alike, and reads OPENBLAS_NUM_THREADS only when it loads. So the whole script
## runs again in an Octave with OPENBLAS_NUM_THREADS=1 (inherited by the peers); only the
## dgemm peak unsets it and chooses its threads itself.
if (! strcmp (getenv ("OPENBLAS_NUM_THREADS"), "1"))
  setenv ("OPENBLAS_NUM_THREADS", "1");
  status = system (sprintf ("%s --no-gui --norc --quiet %s", fullfile (OCTAVE_HOME (), "bin", "octave-cli"),
                            mfilename ("fullpathext")));
  if (status != 0)
    error ("bench_runs: the benchmark (run with OPENBLAS_NUM_THREADS=1) failed");
  endif
  return;
endif

## the paper's experiment and the shorter PyTorch part it is extrapolated from
if (quick)
  runs = 2; epochs = 200;            # (iii), both sides
  speed_epochs = 300;                # (i)
  torch_runs = 1; torch_epochs = 200;
  dgemm_args = "-n 1000 2000 -s 0.3";
else
  runs = 50; epochs = 8000;
  speed_epochs = 2000;
  torch_runs = 2; torch_epochs = 1000;
  if (torch_full)
    torch_runs = runs / 2; torch_epochs = epochs;
  endif
  dgemm_args = "";                   # 2000, 3000, 4000, at least 1 s each
endif

python = "";
for candidate = {"/usr/bin/python3", "python3"}
  if (system ([candidate{1} " -c 'import torch, numpy, scipy' 2>/dev/null"]) == 0)
    python = candidate{1};
    break;
  endif
endfor
if (isempty (python))
  error ("bench_runs: no python3 with torch, numpy and scipy (Debian: python3-torch)");
endif

tmp = tempname ();
mkdir (tmp);
cleanup = onCleanup (@() remove_dir (tmp));
[X, y] = ib_dataset ("tishby");
n = rows (X);
data_file = fullfile (tmp, "data.mat");
save ("-v7", data_file, "X", "y");
has_runs = accepts (X, y, "runs", 1);
has_threads = accepts (X, y, "threads", 1);
load_before = fileread ("/proc/loadavg");
busy_before = busy_fraction ();
printf ("ib benchmark%s: %d cores, OPENBLAS_NUM_THREADS=1, load average %s", ifelse_quick (quick),
        cores, load_before);

## --- best dgemm GFLOP/s on all cores, with OpenBLAS's own kernel choice and with
## OPENBLAS_CORETYPE=SkylakeX (only here: never in tests or CI)
peak_bin = fullfile (tmp, "dgemm_peak");
run_or_fail (sprintf ("cc -std=c11 -O2 -o %s %s -lopenblas", peak_bin,
                      fullfile (bench_dir, "dgemm_peak.c")));
peak = struct ("coretype", {"unset", "SkylakeX"}, "gflops", 0, "cpu_gflops", 0, "one", 0, "core", "");
for k = 1:2
  env = "env -u OPENBLAS_NUM_THREADS -u OPENBLAS_CORETYPE";
  if (k == 2) env = "env -u OPENBLAS_NUM_THREADS OPENBLAS_CORETYPE=SkylakeX"; endif
  out = run_or_fail (sprintf ("%s %s 1 %d %s", env, peak_bin, cores, dgemm_args));
  tok = regexp (out, sprintf ("best threads %d gflops ([0-9.]+) cpu_gflops ([0-9.]+)", cores),
                "tokens", "once");
  peak(k).gflops = str2double (tok{1});
  peak(k).cpu_gflops = str2double (tok{2});
  peak(k).one = str2double (regexp (out, "best threads 1 gflops ([0-9.]+)", "tokens", "once"){1});
  peak(k).core = regexp (out, "OpenBLAS core (\\S+)", "tokens", "once"){1};
endfor
## the highest figure: from wall time or, where other work took the cores, from CPU time
## (never lower than what the machine can do, so the bound never flatters ib)
best_gflops = max ([peak.gflops, peak.cpu_gflops]);

## --- (i) one run, training only, one thread each
threads1 = {};
if (has_threads) threads1 = {"threads", 1}; endif
[t, c] = best_time (@() ib_train (X, y, "epochs", speed_epochs, "mi_epochs", [], "verbose", false,
                                  threads1{:}), 3);
ib_rate = speed_epochs ./ [t, c];
[t, c] = best_time (@() ib_train (X, y, "epochs", speed_epochs, "mi_epochs", [], "verbose", false,
                                  "precision", "single", threads1{:}), 3);
ib_rate_single = speed_epochs ./ [t, c];
out = run_or_fail (sprintf ("%s %s speed %s --epochs %d --repeats 3", python,
                            fullfile (bench_dir, "train_torch.py"), data_file,
                            max (100, round (speed_epochs / 2))));
tr = parse_result (out);
torch_rate = [tr.epochs_per_s, tr.cpu_epochs_per_s];
## the single-precision ratio against PyTorch in float32 too: like against like
out = run_or_fail (sprintf ("%s %s speed %s --epochs %d --repeats 3 --dtype float32", python,
                            fullfile (bench_dir, "train_torch.py"), data_file,
                            max (100, round (speed_epochs / 2))));
tr = parse_result (out);
torch_rate_single = [tr.epochs_per_s, tr.cpu_epochs_per_s];

## --- (ii) one MI evaluation: forward pass of all rows + binning of the six layers.
## ib: ib_train over 274 epochs with MI at every one of them, minus the same training
## (same seed: the same arithmetic) without MI, divided by 274. That is the cost inside
## training that the paper's 274 recorded epochs add, measured on the path users run
## (the C forward pass and binning, plus the loss and accuracy that ib also records
## there, which only count against ib); ib_layer_mi on six layers would add six calls'
## Octave overhead and an Octave forward pass that ib_train never makes. It is printed
## too, as a second number. numpy: mi_numpy.py on the final weights of the same ib run
## (time does not depend on the weights), the faster of its two ways of counting states.
n_eval = 274;
f_mi = @() ib_train (X, y, "epochs", n_eval, "mi_epochs", 1:n_eval, "verbose", false, threads1{:});
f_train = @() ib_train (X, y, "epochs", n_eval, "mi_epochs", [], "verbose", false, threads1{:});
f_mi ();                                                 # warm-up
[t_with, c_with] = best_time (f_mi, 3);
[t_without, c_without] = best_time (f_train, 3);
ib_eval = [t_with - t_without, c_with - c_without] / n_eval;
res = ib_train (X, y, "epochs", n_eval, "mi_epochs", n_eval, "verbose", false);
L = numel (res.W);
net = struct ("X", X, "y", y);
for l = 1:L
  net.(sprintf ("W%d", l)) = res.W{l};
  net.(sprintf ("b%d", l)) = res.b{l};
endfor
net_file = fullfile (tmp, "net.mat");
save ("-v7", net_file, "-struct", "net");
out = run_or_fail (sprintf ("%s %s %s %d", python, fullfile (bench_dir, "mi_numpy.py"),
                            net_file, 20 + 80 * ! quick));
np_res = parse_result (out);
[~, k] = min ([np_res.packed_s, np_res.rows_s]);
np_eval = [np_res.packed_s, np_res.packed_cpu_s; np_res.rows_s, np_res.rows_cpu_s](k,:);
np_mi = cell2mat (cellfun (@(c) str2double (c), regexp (out, "layer \\d+ (\\S+) (\\S+)", "tokens"),
                           "UniformOutput", false)');
## the same evaluation through ib_layer_mi from Octave (octave_side), and the values
## compared with numpy's: the same estimator, so they differ by rounding only
layer_mi_eval = best_time (@() octave_side (X, y, res.W, res.b), 20);
mi_diff = max (abs (octave_side (X, y, res.W, res.b)(:) - np_mi(:)));

## --- (iii) the paper's experiment on all cores
c0 = cputime ();
t0 = tic ();
if (has_runs)
  extra = {};
  if (has_threads) extra = {"threads", cores}; endif
  how_ib = sprintf ("ib_train (X, y, \"runs\", %d, \"epochs\", %d%s)", runs, epochs,
                    ifelse_str (has_threads, sprintf (", \"threads\", %d", cores), ""));
  big = ib_train (X, y, "runs", runs, "epochs", epochs, "verbose", false, extra{:});
  final_acc = mean (big.acc_test(end,:));
else
  how_ib = sprintf ("FALLBACK: this ib_train refuses \"runs\": a loop of %d single runs (seeds 0..%d) in one process, one core", runs, runs - 1);
  final_acc = 0;
  for r = 1:runs
    big = ib_train (X, y, "seed", r - 1, "epochs", epochs, "verbose", false);
    final_acc += big.acc_test(end) / runs;
  endfor
endif
ib_wall = [toc(t0), cputime() - c0];
## the same in single precision (the paper's own code trains in float32)
c0 = cputime ();
t0 = tic ();
big_single = ib_train (X, y, "runs", runs, "epochs", epochs, "verbose", false, "precision", "single",
                       "threads", cores);
ib_wall_single = [toc(t0), cputime() - c0];
final_acc_single = mean (big_single.acc_test(end,:));
## what an idle machine would take: the CPU time over the cores the work was spread on
ib_cores = ifelse_str (has_runs, cores, 1);
ib_idle = ib_wall(2) / ib_cores;
grad_note = ifelse_grad (isfield (big, "grad_mean_norm"));

## FLOP bound: 6 flops per weight per training row per epoch (forward 2, the two products
## of the backward pass 4) over the weights of the paper's net, biases not counted (they
## are 2 flops per unit per row, 4 % more work on top); nor the tanh, softmax, Adam
## and the MI forward passes (those are 2 flops per weight per row of all 4096 rows at
## 274 epochs, 1.4 % of the training's).
widths = [columns(X), 10 7 5 4 3, 2];
n_weights = sum (widths(1:end-1) .* widths(2:end));     # 263
n_biases = sum (widths(2:end));                          # 31
n_train = round (0.8 * n);                               # 3277
flops = 6 * n_weights * n_train * epochs * runs;
bound = flops / (best_gflops * 1e9);

## PyTorch: two processes (runs 0..R/2-1 and R/2..R-1) in parallel, one thread each
half = runs / 2;
cmd = "";
for p = 0:1
  cmd = [cmd sprintf("%s %s experiment %s --runs %d --epochs %d --seed %d --full-runs %d --full-epochs %d > %s 2>&1 & ",
                     python, fullfile (bench_dir, "train_torch.py"), data_file, torch_runs,
                     torch_epochs, p * half, half, epochs, fullfile (tmp, sprintf ("torch%d.txt", p)))];
endfor
t0 = tic ();
run_or_fail (["sh -c '" strrep(cmd, "'", "'\\''") " wait'"]);
torch_measured_wall = toc (t0);
torch_est = [0 0];
for p = 0:1
  torch_text{p+1} = fileread (fullfile (tmp, sprintf ("torch%d.txt", p)));
  tr = parse_result (torch_text{p+1});
  torch_est = max (torch_est, [tr.estimate_s, tr.estimate_cpu_s]);
  torch_how = tr.how;
endfor
load_after = fileread ("/proc/loadavg");
busy_after = busy_fraction ();

## --- report: wall time first; CPU time in brackets, the figure to trust more when the
## machine is shared (it does not count the time other processes take the cores)
printf ("\ndgemm peak on %d cores (best of sizes) [from CPU time per thread], one core:\n", cores);
for k = 1:2
  printf ("  OPENBLAS_CORETYPE %-9s (kernel %s) %7.1f GFLOP/s [%.1f], one core %.1f\n",
          peak(k).coretype, peak(k).core, peak(k).gflops, peak(k).cpu_gflops, peak(k).one);
endfor
printf ("  used: %.1f GFLOP/s\n", best_gflops);

printf ("\n(i) one run, training only, one thread each (%s); [from CPU time]:\n",
        ifelse_str (has_threads, "ib_train \"threads\", 1", "this ib_train has no \"threads\": one run is single-threaded"));
printf ("  ib_train            %8.1f epochs/s  [%.1f]\n", ib_rate);
printf ("  PyTorch             %8.1f epochs/s  [%.1f]\n", torch_rate);
printf ("  ratio               %8.1f x         [%.1f]   (goal 20x)\n", ib_rate ./ torch_rate);
printf ("  ib_train \"precision\", \"single\": %.1f epochs/s [%.1f], %.1f x PyTorch [%.1f], %.2f x double [CPU]\n",
        ib_rate_single, ib_rate_single ./ torch_rate, ib_rate_single(2) / ib_rate(2));
printf ("  PyTorch float32      %6.1f epochs/s  [%.1f]: ib single / PyTorch float32 %.1f x [%.1f]\n",
        torch_rate_single, ib_rate_single ./ torch_rate_single);

printf ("\n(ii) one MI evaluation, six layers, all %d rows (forward pass + binning); [CPU time]:\n", n);
printf ("  ib (in ib_train)    %8.3f ms  [%.3f]  (274 epochs with MI %.3f s - without %.3f s, / 274)\n",
        1e3 * ib_eval, t_with, t_without);
printf ("  ib via ib_layer_mi  %8.3f ms  (Octave forward pass + six calls; not the ratio's)\n",
        1e3 * layer_mi_eval);
printf ("  numpy               %8.3f ms  [%.3f]  (packed keys %.3f ms, np.unique rows %.3f ms)\n",
        1e3 * np_eval, 1e3 * np_res.packed_s, 1e3 * np_res.rows_s);
printf ("  ratio               %8.1f x   [%.1f]   (goal 20x); max |MI ib - numpy| %.2g bits\n",
        np_eval ./ ib_eval, mi_diff);

printf ("\n(iii) the paper's experiment, %d runs x %d epochs, MI at the default epochs, %d cores:\n",
        runs, epochs, cores);
printf ("  ib: %s\n       %s\n", how_ib, grad_note);
printf ("  ib wall time        %8.1f s   [CPU time %.1f s]  (mean final test accuracy %.3f)\n",
        ib_wall, final_acc);
printf ("  FLOP bound          %8.3g s   (6 x %d weights x %d rows x %d epochs x %d runs = %.3g flops / %.1f GFLOP/s;\n",
        bound, n_weights, n_train, epochs, runs, flops, best_gflops);
printf ("                                 with the %d biases as 2 flops per row: %.3g s)\n",
        n_biases, (6 * n_weights + 2 * n_biases) * n_train * epochs * runs / (best_gflops * 1e9));
printf ("  ratio to the bound  %8.1f x   [CPU time / %d core(s) used: %.1f x]  (goal: within 3x)\n",
        ib_wall(1) / bound, ib_cores, ib_idle / bound);
printf ("  ib, \"precision\", \"single\": %.1f s [CPU time %.1f s: %.1f s per core], %.1f x the bound (accuracy %.3f)\n",
        ib_wall_single, ib_wall_single(2) / ib_cores, ib_wall_single(1) / bound, final_acc_single);
printf ("  PyTorch, 2 processes x %d runs: %.1f s [CPU time of each %.1f s], %s", half,
        torch_est, torch_how);
if (strcmp (torch_how, "extrapolated"))
  printf (" from 2 x %d runs x %d epochs measured in %.1f s wall", torch_runs, torch_epochs,
          torch_measured_wall);
endif
printf ("\n  PyTorch / ib        %8.1f x   [CPU time per core used: %.1f x]\n",
        torch_est(1) / ib_wall(1), torch_est(2) / ib_idle);
for p = 1:2
  printf ("  [PyTorch process %d]\n", p);
  printf ("  %s", regexp (torch_text{p}, "  [^\n]*\n", "match"){:});
endfor
printf ("load average before %s             after  %s", load_before, load_after);
printf ("other work on the machine: %.0f %% of all cores busy just before, %.0f %% just after\n",
        100 * busy_before, 100 * busy_after);
if (max (busy_before, busy_after) > 0.2)
  printf (["WARNING: the machine was busy with other work: the wall times are longer and the ", ...
           "ratios noisier than on an idle machine; trust the CPU-time figures more, or run ", ...
           "it again when the machine is idle\n"]);
endif
