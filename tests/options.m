## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The gateways' one option reader (mexutil.c, ibmex_next_option) over a struct and over
## name/value pairs, and the core's rules (ib_mi_check, ib_curve_check) relayed with their
## sentences as ib:<fn>:invalid_option, through __ib_mi__ ("check", ...) and __ib_curve__.

## good options pass, in either form; names without regard to case; empty: absent
%!test
%! __ib_mi__ ("check", "ib_mi", struct ("estimator", "knn", "k", 5, "jitter", 0.1));
%! __ib_mi__ ("check", "ib_mi", "estimator", "renyi", "ALPHA", 2, "renyi_method", "exact_power");
%! __ib_mi__ ("check", "ib_mi", "bins", [], "range", [NaN 1]);
%! __ib_mi__ ("check", "ib_mi");
%! __ib_mi__ ("check", "ib_mi", struct ("ci", 0.9, "resamples", 200));   # Octave's own

## unknown names, in either form, name the option
%!error <unknown option 'bogus'> __ib_mi__ ("check", "ib_mi", struct ("bogus", 1))
%!error <unknown option 'bogus'> __ib_mi__ ("check", "ib_mi", "bogus", 1)
%!error id=ib:ib_entropy:invalid_option __ib_mi__ ("check", "ib_entropy", "bins")
%!error id=ib:ib_entropy:invalid_option __ib_mi__ ("check", "ib_entropy", 3, 1)
%!error id=ib:ib_mi:unknown_estimator __ib_mi__ ("check", "ib_mi", "estimator", "nope")

## each rule once, the same sentence in both forms and under each function's id
%!error <"bins" must be an integer in \[1, 2\^24\]> __ib_mi__ ("check", "ib_mi", "bins", 0)
%!error <"bins" must be an integer in \[1, 2\^24\]> __ib_mi__ ("check", "ib_mi", struct ("bins", 2^24 + 1))
%!error id=ib:ib_layer_mi:invalid_option __ib_mi__ ("check", "ib_layer_mi", "noise_var", 0)
%!error id=ib:ib_train:invalid_option __ib_mi__ ("check", "ib_train", "k", 0)
%!error <"jitter" must be a number in \[0, 1e300\]> ib_mi (randn (9, 1), randn (9, 1), "jitter", 1e301)
%!error <"exact_power" needs an integer alpha in 2..16> ib_entropy (randn (9, 1), "estimator", "renyi", "renyi_method", "exact_power")
%!error <"slq" needs alpha .= 10> __ib_mi__ ("check", "ib_mi", "estimator", "renyi", "renyi_method", "slq", "alpha", 11)
%!error <"max_seconds" must be a number . 0> ib_mi (randn (9, 1), randn (9, 1), "max_seconds", 0)
%!error <"kernel_width" must not be Inf> ib_mi (randn (9, 1), randn (9, 1), "kernel_width", Inf)
%!error <"range" must be \[lo hi\] with lo .= hi> ib_layer_mi (randn (9, 1), randn (9, 1), mod ((1:9)', 2), "range", [1 0])

## the rules with the data size, from the core
%!error <"knn" needs more rows than k> ib_mi (randn (5, 1), randn (5, 1), "estimator", "knn", "k", 5)
%!error <"renyi" takes at most 20000 rows> ib_entropy ((1:20001)', "estimator", "renyi")

## ib_curve: the struct read by the same reader, the rules ib_curve_check's
%!shared P
%! P = [0.3 0.2; 0.1 0.4];
%!error <unknown option 'bogus'> __ib_curve__ (P, struct ("bogus", 1))
%!error <"max_iter" must be an integer in \[1, 1000000\]> ib_curve (P, "max_iter", 1e9)
%!error <"beta_cap" must be a finite number .= 1> ib_curve (P, "beta_cap", 0.5)
%!error <"deterministic_tol" must be in \[0, 1\)> ib_curve (P, "deterministic_tol", 1)
%!error <"beta" must be a vector of betas .= 0> ib_curve (P, "beta", [1 -1])
%!error id=ib:ib_curve:invalid_option __ib_curve__ (P, struct ("restarts", 1001))
