## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The MEX gateways leave no memory behind, on success or on an error: many calls of
## __ib_mi__, __ib_curve__ (and an error path of __ib_train__) in a loop, and the resident
## memory of the process (VmRSS in /proc/self/status) does not grow from one window of
## calls to the next.  Octave 7 frees what a call allocated with mxMalloc, and its
## mxArrays, when the call ends, even after an error, but not the strings of
## mxArrayToString: one left behind costs about 80 bytes, so each window of 1500 rounds of
## the calls would grow by at least 120 kB, far above the 4 kB pages the measure counts
## in.  The first windows may grow while the heap settles, so the least growth of three
## windows after a warm-up is what must stay below 8 bytes per round.  Skipped where there
## is no /proc/self/status.

%!function kb = resident_kb ()
%!  s = fileread ("/proc/self/status");
%!  kb = str2double (regexp (s, 'VmRSS:\s*(\d+)', "tokens", "once"){1});
%!endfunction

## The calls, each a success or an error of a different path: an error after a string
## option, after mxMalloc'd memory (an index vector, a beta grid), from a core status.
%!function calls = gateway_calls ()
%!  A = [sin(1:40); cos(1:40)]';
%!  X = (1:40)';
%!  y = mod (X, 3);
%!  pxy = [0.2 0.1; 0.1 0.6];
%!  calls = {
%!    "entropy (bin)",        @() __ib_mi__ ("entropy", A, false, struct ())
%!    "mi (adaptive)",        @() __ib_mi__ ("mi", A, y, false, true, struct ("estimator", "adaptive"))
%!    "layer (bin)",          @() __ib_mi__ ("layer", A, X, y, struct ("estimator", "bin"))
%!    "unknown operation",    @() __ib_mi__ ("no_such_operation")
%!    "wrong call",           @() __ib_mi__ ("entropy", A)
%!    "unknown estimator",    @() __ib_mi__ ("entropy", A, false, struct ("estimator", "no_such_estimator"))
%!    "size mismatch",        @() __ib_mi__ ("layer", A, X, y(1:end-1), struct ())
%!    "core status",          @() __ib_mi__ ("mi", y, y, true, true, struct ("estimator", "knn"))
%!    "curve",                @() __ib_curve__ (pxy, struct ("n_beta", 3, "refine", 0, "max_iter", 20))
%!    "unknown method",       @() __ib_curve__ (pxy, struct ("method", "no_such_method"))
%!    "bad option after beta", @() __ib_curve__ (pxy, struct ("beta", [1 2 3], "n_beta", -1))
%!    "curve core status",    @() __ib_curve__ ([-1 1; 1 0], struct ("method", "dib"))
%!    "train: unknown op",    @() __ib_train__ ("no_such_operation")
%!  };
%!endfunction

## Runs every call `rounds` times; returns the number of calls that raised an error.
%!function n_err = run_rounds (calls, rounds)
%!  n_err = 0;
%!  for r = 1:rounds
%!    for c = 1:rows (calls)
%!      try
%!        calls{c,2} ();
%!      catch
%!        n_err++;
%!      end_try_catch
%!    endfor
%!  endfor
%!endfunction

%!testif ; exist ("/proc/self/status", "file")
%! calls = gateway_calls ();
%! ## each call does what its name says: 4 successes, the rest errors with an ib: id
%! ok = false (rows (calls), 1);
%! for c = 1:rows (calls)
%!   try
%!     calls{c,2} ();
%!     ok(c) = true;
%!   catch err
%!     assert (strncmp (err.identifier, "ib:", 3), calls{c,1});
%!   end_try_catch
%! endfor
%! assert (find (ok)', [1 2 3 9]);
%! rounds = 1500;
%! run_rounds (calls, 500);   # warm-up
%! growth = zeros (1, 3);
%! for w = 1:3
%!   k0 = resident_kb ();
%!   n_err = run_rounds (calls, rounds);
%!   growth(w) = (resident_kb () - k0) * 1024 / rounds;
%!   assert (n_err, rounds * (rows (calls) - 4));
%! endfor
%! if (min (growth) >= 8)
%!   ## say which call leaks: the growth of each alone
%!   each = zeros (1, rows (calls));
%!   for c = 1:rows (calls)
%!     run_rounds (calls(c,:), 1000);
%!     k0 = resident_kb ();
%!     run_rounds (calls(c,:), 3000);
%!     each(c) = (resident_kb () - k0) * 1024 / 3000;
%!   endfor
%!   per_call = cellfun (@(name, g) sprintf ("%s %.0f", name, g), calls(:,1)',
%!                       num2cell (each), "UniformOutput", false);
%!   error ("memory grows by %s bytes per round of calls; per call: %s",
%!          mat2str (growth, 3), strjoin (per_call, ", "));
%! endif
