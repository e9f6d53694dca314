## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Robustness of every user function against bad input: each kind of bad value (NaN,
## Inf, wrong shapes, mismatched lengths, non-integer labels, empty data, absurd sizes,
## cells, structs, chars, complex, 3-D arrays, option names that are not strings, missing
## option values) gives an error with an id ib:<function>:<reason>, never a crash, a hang
## or a silent NaN/Inf; and extreme but valid inputs (one sample, constant data, huge and
## tiny values, integer, single, logical and sparse classes) give the right finite answer.
## The gateways' own checks (the safety net behind the .m files) are at the end.

%!shared x, t, T, X, y, P, q, res
%! x = [0; 1; 0; 1; 2; 2];                    # labels: three classes of two
%! t = [0.1; 0.5; 0.2; 0.9; 0.3; 0.7];         # one continuous column, far from any edge
%! T = [t, t .^ 2];
%! X = double (dec2bin (0:7, 3) == "1");
%! y = [0; 1; 1; 0; 1; 0; 0; 1];
%! P = [0.4 0.1; 0.1 0.4];
%! q = {"epochs", 1, "verbose", false, "layers", 2, "mi_epochs", 1};
%! res = struct ("epochs", [1; 10], "IXT", [1 2; 1.5 2.5], "ITY", [0.2 0.1; 0.5 0.4],
%!               "I_XY", 1, "n_train", 10);

## ---- ib_mi, ib_entropy, ib_layer_mi: bad data ------------------------------------------
%!error id=ib:ib_mi:invalid_input ib_mi ([t(1:5); NaN], x)
%!error id=ib:ib_mi:invalid_input ib_mi (t, [x(1:5); Inf])
%!error id=ib:ib_mi:invalid_input ib_mi (num2cell (t), x)
%!error id=ib:ib_mi:invalid_input ib_mi (struct ("a", 1), 1)
%!error id=ib:ib_mi:invalid_input ib_mi ("abcdef", x)
%!error id=ib:ib_mi:invalid_input ib_mi (t + 1i, x)
%!error id=ib:ib_mi:invalid_input ib_mi (ones (6, 1, 2), x)
%!error id=ib:ib_mi:invalid_input ib_mi (zeros (0, 1), zeros (0, 1))
%!error id=ib:ib_mi:invalid_input ib_mi (@sin, x)
%!error id=ib:ib_mi:size_mismatch ib_mi (t, x(1:5))
%!error id=ib:ib_mi:size_mismatch ib_mi (T, [x; 1])
%!error id=ib:ib_entropy:invalid_input ib_entropy ([t; NaN])
%!error id=ib:ib_entropy:invalid_input ib_entropy (-Inf)
%!error id=ib:ib_entropy:invalid_input ib_entropy ({1, 2})
%!error id=ib:ib_entropy:invalid_input ib_entropy (struct ())
%!error id=ib:ib_entropy:invalid_input ib_entropy ("ab")
%!error id=ib:ib_entropy:invalid_input ib_entropy (complex (t, 0))
%!error id=ib:ib_entropy:invalid_input ib_entropy (ones (2, 2, 2))
%!error id=ib:ib_entropy:invalid_input ib_entropy (zeros (3, 0))
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi ([T(1:5,:); 1 NaN], T, x)
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi (T, num2cell (T), x)
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi (T, T, x + 1i)
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi (T, T, [x(1:5); Inf])
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi (T, T, ones (6, 1, 2))
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi (T, T, struct ("a", num2cell (x)))
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi (T, T, "abcabc")
%!error id=ib:ib_layer_mi:invalid_input ib_layer_mi (T, ones (6, 2, 2), x)
%!error id=ib:ib_layer_mi:size_mismatch ib_layer_mi (T, T(1:5,:), x)
%!error id=ib:ib_layer_mi:size_mismatch ib_layer_mi (T, T, x(1:5))
## a binning range wider than the largest double
%!error id=ib:ib_mi:invalid_input ib_mi (realmax * [t; -t], [x; x], "discrete", "b")

## ---- their options ---------------------------------------------------------------------
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, 3, 1)
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, {"bins"}, 3)
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, ["bi"; "ns"], 3)
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "bins")
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "bins", "30")
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "bins", {30})
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "bins", 30i)
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "bins", NaN)
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "bins", [10 20])
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "bins", 2^24 + 1)
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "range", [-realmax realmax])
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "range", ones (1, 1, 2))
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "range", {0, 1})
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "bin_width", 1e-9)
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "jitter", 1e308)
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "k", int8 (-1))
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "noise_var", struct ())
%!error id=ib:ib_mi:invalid_option ib_mi (t, x, "discrete", 1)
%!error id=ib:ib_entropy:invalid_option ib_entropy (t, 3, 1)
%!error id=ib:ib_entropy:invalid_option ib_entropy (t, "bins")
%!error id=ib:ib_entropy:invalid_option ib_entropy (t, "alpha", -Inf)
%!error id=ib:ib_entropy:invalid_option ib_entropy (t, "discrete", "maybe")
%!error id=ib:ib_layer_mi:invalid_option ib_layer_mi (T, T, x, @sin, 1)
%!error id=ib:ib_layer_mi:invalid_option ib_layer_mi (T, T, x, "range")
%!error id=ib:ib_layer_mi:invalid_option ib_layer_mi (T, T, x, "seed", 0.5)

## ---- what an estimator cannot take ---------------------------------------------------
## knn/kde estimate a differential entropy: integer data are taken as discrete
%!error id=ib:ib_entropy:unsupported ib_entropy (x, "estimator", "knn")
%!error id=ib:ib_entropy:unsupported ib_entropy (x, "estimator", "kde")
%!error id=ib:ib_entropy:unsupported ib_entropy (t, "estimator", "knn", "k", 6)
%!error id=ib:ib_entropy:unsupported ib_entropy (0.7, "estimator", "knn")
## knn with labels needs a class of two samples; k < n
%!error id=ib:ib_mi:unsupported ib_mi ([0.1; 0.9], [0; 1], "estimator", "knn", "k", 1)
%!error id=ib:ib_layer_mi:unsupported ib_layer_mi (t, T, (0:5)', "estimator", "knn", "k", 1)
%!error id=ib:ib_layer_mi:unsupported ib_layer_mi (t, T, x, "estimator", "knn", "k", 6)
## renyi is O(n^3): refused from 20001 samples on, before any n x n allocation
%!error id=ib:ib_mi:too_large ib_mi (zeros (20001, 1), zeros (20001, 1), "estimator", "renyi")
%!error id=ib:ib_entropy:too_large ib_entropy ((1:20001)', "estimator", "renyi")
%!error id=ib:ib_layer_mi:too_large ib_layer_mi (zeros (20001, 1), zeros (20001, 1), zeros (20001, 1), "estimator", "renyi")

## ---- other classes are taken as the numbers they hold --------------------------------
%!assert (ib_mi (int32 (x), x), log2 (3), 1e-12)
%!assert (ib_mi (uint8 (x), int8 (x)), log2 (3), 1e-12)
%!assert (ib_mi (logical (mod (x, 2)), x), -(log2 (1/3) + 2 * log2 (2/3)) / 3, 1e-12)
%!assert (ib_mi (single (t), x), ib_mi (double (single (t)), x), 0)
%!assert (ib_mi (sparse (t), sparse (x)), ib_mi (t, x), 0)
%!assert (ib_entropy (uint16 ([1; 2; 3; 4])), 2, 1e-15)
%!assert (ib_mi (t, x, "bins", int8 (10)), ib_mi (t, x, "bins", 10), 0)
%!assert (ib_mi (t, x, "bins", sparse (10)), ib_mi (t, x, "bins", 10), 0)
%!assert (ib_mi (t, x, "range", single ([0 1])), ib_mi (t, x, "range", [0 1]), 0)
%!assert (ib_layer_mi (single (T), int16 (X(1:6,:)), logical (mod (x, 2))),
%!        ib_layer_mi (double (single (T)), X(1:6,:), mod (x, 2)), 0)

## ---- one sample, constant data, one class --------------------------------------------
%!assert (ib_entropy (0.7), 0)
%!assert (ib_mi (0.7, 1), 0)
%!assert (ib_entropy (0.7, "estimator", "renyi", "discrete", false), 0, 1e-12)
%!test
%! [IXT, ITY] = ib_layer_mi (0.5, 1, 0);
%! assert ([IXT, ITY], [0 0]);
## one sample of a Gaussian mixture is one component: its entropy, 1/2 log2 (2 pi e s2)
%!assert (ib_entropy (0.7, "estimator", "kde"), 0.5 * log2 (2 * pi * e * 0.1), 1e-12)
## a constant carries no information, whatever the estimator
%!test
%! c = 0.3 * ones (6, 1);
%! for e = {"bin", "adaptive", "kde", "renyi"}
%!   assert (ib_mi (c, x, "estimator", e{1}), 0, 1e-12);
%! endfor
%! assert (ib_entropy (c, "discrete", false), 0);
%! assert (ib_entropy (c, "estimator", "renyi", "discrete", false), 0, 1e-12);
## knn on a constant: the tie rule of Gao et al. gives psi(m_c - 1) - psi(m_c) nats, which
## vanishes as the classes grow (-1/199 nats for classes of 200)
%!assert (ib_mi (zeros (600, 1), mod ((1:600)', 3), "estimator", "knn", "discrete", "b"), -1 / 199 / log (2), 1e-12)
## labels all equal: nothing to know
%!test
%! for e = {"bin", "adaptive", "kde", "knn", "renyi"}
%!   assert (ib_mi (t, zeros (6, 1), "estimator", e{1}), 0, 1e-12);
%!   [~, ITY] = ib_layer_mi (T, X(1:6,:), zeros (6, 1), "estimator", e{1});
%!   assert (ITY, 0, 1e-12);
%! endfor
## two samples with k = 1: each point's neighbour is the other; Kraskov: n_x = 0, n_y = 1,
## psi(1) + psi(2) - psi(1) - psi(2) = 0; Kozachenko-Leonenko: psi(2) - psi(1) + log 1.6
%!assert (ib_mi ([0.1; 0.9], [0.3; 0.4], "estimator", "knn", "k", 1), 0, 1e-15)
%!assert (ib_entropy ([0.1; 0.9], "estimator", "knn", "k", 1), (1 + log (1.6)) / log (2), 1e-12)

## ---- huge and tiny values give the values of the unscaled data -------------------------
## "bin" on the observed range: beyond single precision the edges stay in double
%!test
%! for s = [1e300, 1e-300, 1e30]
%!   assert (ib_mi (s * [t; -t], [x; x], "discrete", "b"), ib_mi ([t; -t], [x; x]), 0);
%!   assert (ib_entropy (s * T), ib_entropy (T), 0);
%! endfor
%! assert (ib_mi ([t; -t], [x; x]), log2 (3), 1e-12);
%! assert (ib_mi (1e300 * [t; -t], [x; x], "discrete", "b", "range", [-1e300 1e300]), log2 (3), 1e-12);
## "adaptive" only compares values
%!assert (ib_mi (1e300 * [t; -t], [x; x], "estimator", "adaptive", "discrete", "b"), log2 (3), 1e-12)
## "knn" compares distances: MI unchanged (bit for bit for a power of two), the entropy
## shifted by log2 of the scale
%!test
%! for s = [2^996, 2^-996]
%!   assert (ib_mi (s * T, s * t, "estimator", "knn", "discrete", "none"),
%!           ib_mi (T, t, "estimator", "knn"), 0);
%!   assert (ib_entropy (s * t, "estimator", "knn", "discrete", false),
%!           ib_entropy (t, "estimator", "knn") + log2 (s), 1e-9);
%! endfor
## "renyi" with Scott's width does not depend on the unit
%!test
%! for s = [1e300, 1e-300]
%!   assert (ib_mi (s * T, x, "estimator", "renyi", "discrete", "b"),
%!           ib_mi (T, x, "estimator", "renyi"), 1e-9);
%!   assert (ib_entropy (s * T, "estimator", "renyi", "discrete", false),
%!           ib_entropy (T, "estimator", "renyi"), 1e-9);
%! endfor
## "kde": points 1e300 apart are separate components, copies are one (log2 6 + 2 h_c)
%!assert (ib_mi (1e300 * t, x, "estimator", "kde", "discrete", "b"), log2 (3), 1e-12)
%!assert (ib_entropy (1e9 * [T; T], "estimator", "kde", "discrete", false), log2 (6) + log2 (2 * pi * e * 0.1), 1e-12)
%!assert (ib_entropy ([T; T], "estimator", "kde", "noise_var", 1e-14, "discrete", false), log2 (6) + log2 (2 * pi * e * 1e-14), 1e-9)
## "renyi" with a huge alpha: the min-entropy -log2 lambda_max, finite
%!test
%! K = exp (-(t - t') .^ 2 / (2 * 0.3 ^ 2));
%! h_min = -log2 (max (eig (K / 6)));
%! h = ib_entropy (t, "estimator", "renyi", "alpha", 1e300, "kernel_width", 0.3, "discrete", false);
%! assert (h, h_min, 1e-9);
%! assert (isfinite (ib_mi (t, x, "estimator", "renyi", "alpha", 1e300)));

## ---- ib_train ----------------------------------------------------------------------------
%!error id=ib:ib_train:invalid_data ib_train ([X(1:7,:); NaN 0 0], y, q{:})
%!error id=ib:ib_train:invalid_data ib_train (Inf (8, 3), y, q{:})
%!error id=ib:ib_train:invalid_data ib_train (num2cell (X), y, q{:})
%!error id=ib:ib_train:invalid_data ib_train (struct ("a", 1), 1, q{:})
%!error id=ib:ib_train:invalid_data ib_train (char (X + 48), y, q{:})
%!error id=ib:ib_train:invalid_data ib_train (X + 1i, y, q{:})
%!error id=ib:ib_train:invalid_data ib_train (ones (8, 3, 2), y, q{:})
%!error id=ib:ib_train:invalid_data ib_train (zeros (0, 3), [], q{:})
%!error id=ib:ib_train:invalid_labels ib_train (X, num2cell (y), q{:})
%!error id=ib:ib_train:invalid_labels ib_train (X, y + 0.5, q{:})
%!error id=ib:ib_train:invalid_labels ib_train (X, [y(1:7); NaN], q{:})
%!error id=ib:ib_train:invalid_labels ib_train (X, y + 1i, q{:})
%!error id=ib:ib_train:invalid_labels ib_train (X, ones (8, 2), q{:})
%!error id=ib:ib_train:invalid_labels ib_train (X, "abababab", q{:})
%!error id=ib:ib_train:size_mismatch ib_train (X, y(1:7), q{:})
%!error id=ib:ib_train:unknown_option ib_train (X, y, {"epochs"}, 1)
%!error id=ib:ib_train:unknown_option ib_train (X, y, ["ep"; "oc"], 1)
%!error id=ib:ib_train:missing_value ib_train (X, y, "epochs")
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "epochs", 1i)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "epochs", NaN)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "verbose", NaN)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "verbose", 2)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "momentum", 0.5i)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "learning_rate", {})
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "layers", [2 2i])
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "layers", {2})
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "mi_epochs", Inf)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "mi_epochs", 1i)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "seed", 1i)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "bins", 2^25)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "range", [0 1], "bin_width", 1e-9)
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "range", [-realmax realmax])
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "checkpoint", ["ab"; "cd"])
%!error id=ib:ib_train:invalid_option ib_train (X, y, q{:}, "estimator", "knn", "k", 8)
%!error id=ib:ib_train:invalid_option ib_train (X(1:2,:), [0; 1], q{:}, "estimator", "knn", "k", 1)
%!error id=ib:ib_train:invalid_resume ib_train (X, y, q{:}, "resume", {})
%!error id=ib:ib_train:too_large ib_train (X, y, "layers", 1e9, "verbose", false)
%!error id=ib:ib_train:too_large ib_train (rand (20001, 1), mod ((1:20001)', 2), q{:}, "estimator", "renyi")
## other classes are taken as the numbers they hold; a batch larger than the data is the
## whole training set
%!test
%! a = ib_train (X, y, q{:}, "seed", 4);
%! b = ib_train (int8 (X), int32 (y), "epochs", single (1), "verbose", 0, "layers", uint8 (2),
%!               "mi_epochs", int16 (1), "seed", sparse (4));
%! c = ib_train (sparse (X), logical (y), q{:}, "seed", 4);
%! assert (isequal (a.W, b.W, c.W) && isequal (a.IXT, b.IXT, c.IXT));
%! d = ib_train (X, y, q{:}, "seed", 4, "batch_size", 1e20);
%! e = ib_train (X, y, q{:}, "seed", 4, "batch_size", 8);
%! assert (isequal (d.W, e.W));
%! f = ib_train (X, y, q{:}, "layers", []);    # no hidden layer: softmax regression
%! assert (size (f.W), [1 1]);
%! assert (size (f.W{1}), [3 2]);
## constant inputs: nothing about X in any layer; huge inputs: finite and bounded
%!test
%! r = ib_train (zeros (8, 3), y, q{:}, "estimator", {"bin", "kde", "renyi"});
%! assert (r.H_X, 0);
%! for e = {"bin", "kde", "renyi"}
%!   assert (r.mi.(e{1}).IXT, zeros (1, 2), 1e-12);
%!   assert (r.mi.(e{1}).ITY, zeros (1, 2), 1e-12);
%! endfor
%! r = ib_train (1e300 * X, y, q{:}, "estimator", {"bin", "kde", "knn", "renyi"});
%! for e = {"bin", "kde", "knn", "renyi"}
%!   assert (all (isfinite ([r.mi.(e{1}).IXT, r.mi.(e{1}).ITY])));
%! endfor
%! assert (all (r.IXT >= 0 & r.IXT <= r.H_X + 1e-12));
## resuming from a damaged result: the state (invalid_state) or the rest (invalid_resume)
%!test
%! r = ib_train (X, y, q{:});
%! args = {"epochs", 2, "verbose", false};
%! s = r.state;
%! bad = {setfield(r, "state", 5), setfield(r, "state", setfield (s, "step", NaN)), ...
%!        setfield(r, "state", setfield (s, "epoch", -1)), ...
%!        setfield(r, "state", setfield (s, "epoch", 2.5)), ...
%!        setfield(r, "state", setfield (s, "rng", uint64 ([0 0 0 0]))), ...
%!        setfield(r, "state", setfield (s, "moment2", -s.moment2 - 1)), ...
%!        setfield(r, "state", setfield (s, "params", {1})), ...
%!        setfield(r, "train_idx", {1}), setfield(r, "train_idx", [r.train_idx; 9]), ...
%!        setfield(r, "options", rmfield (r.options, "mi_epochs_default")), ...
%!        setfield(r, "options", setfield (r.options, "learning_rate", NaN)), ...
%!        setfield(r, "options", setfield (r.options, "estimator", 5)), ...
%!        rmfield(r, "mi"), setfield(r, "epochs", "abc"), {r}};
%! want = [repmat({"ib:ib_train:invalid_state"}, 1, 7), repmat({"ib:ib_train:invalid_resume"}, 1, 8)];
%! for i = 1:numel (bad)
%!   id = "";
%!   try
%!     ib_train (X, y, "resume", bad{i}, args{:});
%!   catch err
%!     id = err.identifier;
%!   end_try_catch
%!   assert (id, want{i}, sprintf ("case %d", i));
%! endfor
%! ok = ib_train (X, y, "resume", r, args{:});
%! assert (ok.state.epoch == 2 && ok.completed);
%! both = ib_train (X, y, "resume", [r r], args{:});   # an array resumes element by element
%! assert (size (both), [1 2]);

## ---- ib_curve --------------------------------------------------------------------------
%!error id=ib:ib_curve:invalid_input ib_curve (struct ("p", 1))
%!error id=ib:ib_curve:invalid_input ib_curve ("a")
%!error id=ib:ib_curve:invalid_input ib_curve (@sin)
%!test
%! ## sparse input is taken as its full matrix, as ib_mi and ib_train take it
%! assert (isequaln (ib_curve (sparse (P)), ib_curve (P)));
%!error id=ib:ib_curve:invalid_input ib_curve (zeros (2, 0))
%!error id=ib:ib_curve:nonfinite ib_curve ([NaN 1])
%!error id=ib:ib_curve:negative ib_curve ([-0.5 1.5])
%!error id=ib:ib_curve:invalid_option ib_curve (P, {"n_beta"}, 3)
%!error id=ib:ib_curve:invalid_option ib_curve (P, "n_beta")
%!error id=ib:ib_curve:invalid_option ib_curve (P, "n_beta", 3i)
%!error id=ib:ib_curve:invalid_option ib_curve (P, "n_beta", {3})
%!error id=ib:ib_curve:invalid_option ib_curve (P, "beta_range", ones (1, 1, 2))
## absurd sizes: a 1e9-point grid was killed by the kernel (out of memory); 1e9 iterations
## or restarts ran for hours
%!error id=ib:ib_curve:invalid_option ib_curve (P, "n_beta", 1e9)
%!error id=ib:ib_curve:invalid_option ib_curve (P, "max_points", 1e9)
%!error id=ib:ib_curve:invalid_option ib_curve (P, "max_iter", 1e9)
%!error id=ib:ib_curve:invalid_option ib_curve (P, "restarts", 1e9)
%!error id=ib:ib_curve:invalid_option ib_curve (P, "beta", zeros (1, 1e5 + 1))
## extremes: one value of x; huge and tiny betas; other classes
%!test
%! c = ib_curve (1);
%! assert ([c.IXT, c.ITY, c.H_X, c.I_XY], [0 0 0 0]);
%! c = ib_curve (P, "beta", [0 1e-300 1e300]);
%! h = @(p) -p .* log2 (p) - (1 - p) .* log2 (1 - p);
%! assert (c.raw_IXT, [0; 0; 1], 1e-9);             # trivial encoder, then the identity
%! assert (c.raw_ITY, [0; 0; 1 - h(0.2)], 1e-9);
%! d = ib_curve (single (P), "beta", sparse ([0 1e-300 1e300]), "n_beta", int8 (5));
%! assert (d.raw_ITY, c.raw_ITY, 1e-7);
%! c = ib_curve ([1 1e-310; 1e-310 1] / 2);          # one-hot within tolerance: exact curve
%! assert (c.deterministic && all (isfinite ([c.IXT; c.ITY])));

## ---- ib_joint, ib_bound ------------------------------------------------------------------
%!error id=ib:ib_joint:invalid_labels ib_joint ([1; 2], [1; Inf])
%!error id=ib:ib_joint:invalid_labels ib_joint ([1; 2], {1; "a"})
%!error id=ib:ib_joint:invalid_input ib_joint ([1; 2] + 1i, [1; 2])
%!error id=ib:ib_joint:size_mismatch ib_joint ([1; 2], ones (2, 2, 2) / 4)
%!assert (ib_joint (1, 5), 1)
%!assert (ib_joint (sparse ([1; 0; 1]), int8 ([1; 2; 2])), ib_joint ([1; 0; 1], [1; 2; 2]))
%!assert (ib_joint (1e300 * [1; 2], single ([0.25 0.75; 0.5 0.5])), [0.125 0.375; 0.25 0.25])
## single probabilities sum to 1 only within single rounding (1 + 3e-8 here)
%!assert (ib_joint ([1; 2], single ([1 2; 2 1] / 3)), double (single ([1 2; 2 1] / 3)) / 2)
%!error id=ib:ib_bound:invalid_ixt ib_bound ({1}, 10, 0.1)
%!error id=ib:ib_bound:invalid_ixt ib_bound (1i, 10, 0.1)
%!error id=ib:ib_bound:invalid_m ib_bound (1, NaN, 0.1)
%!error id=ib:ib_bound:invalid_m ib_bound (1, "a", 0.1)
%!error id=ib:ib_bound:invalid_delta ib_bound (1, 10, struct ())
%!error id=ib:ib_bound:invalid_delta ib_bound (1, 10, [])
%!error id=ib:ib_bound:size_mismatch ib_bound (ones (2, 2, 2), 10, [0.1 0.2 0.3])
## terms beyond the doubles: eps through logarithms, Inf only beyond realmax
%!assert (ib_bound (1100, 10, 0.1), 2 ^ 550 * sqrt (1 / 20), -1e-11)
%!assert (ib_bound (1, 1e-320, 0.5), sqrt ((2 + log (2)) / 2) / sqrt (1e-320), -1e-11)
%!assert (ib_bound (1, 1e308, 0.1), sqrt ((2 - log (0.1)) / 2) * 1e-154, -1e-12)
%!assert (ib_bound (1, 10, 1e-320), sqrt ((2 - log (1e-320)) / 20), -1e-12)
%!assert (ib_bound (int8 (3), uint16 (100), single (0.05)), ib_bound (3, 100, double (single (0.05))), 0)
%!assert (ib_bound (1e300, 10, 0.1), Inf)

## ---- ib_plane, ib_dataset ----------------------------------------------------------------
%!error id=ib:ib_plane:invalid_result ib_plane (setfield (res, "IXT", res.IXT + 1i))
%!error id=ib:ib_plane:invalid_result ib_plane (setfield (res, "ITY", Inf (2, 2)))
%!error id=ib:ib_plane:invalid_result ib_plane (setfield (res, "I_XY", 1i))
%!error id=ib:ib_plane:invalid_result ib_plane (setfield (res, "epochs", [1i; 2]))
%!error id=ib:ib_plane:invalid_result ib_plane (setfield (res, "IXT", ones (2, 2, 2)))
%!error id=ib:ib_plane:invalid_result
%! b = res; b.ITY = 1;
%! ib_plane ([res, b]);
%!error id=ib:ib_plane:invalid_option ib_plane (res, {"layers"}, 1)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "layers")
%!error id=ib:ib_plane:invalid_option ib_plane (res, "layers", 1i)
%!error id=ib:ib_plane:invalid_option ib_plane (res, "curve", struct ("IXT", [0; 1i], "ITY", [0; 1]))
%!error id=ib:ib_plane:invalid_option ib_plane (res, "delta", NaN)
%!error id=ib:ib_dataset:invalid_name ib_dataset ({"tishby"})
%!error id=ib:ib_dataset:invalid_name ib_dataset (["tish"; "by  "])
%!error id=ib:ib_dataset:invalid_option ib_dataset ("tishby", {"file.mat"})
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", {"n"}, 5)
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", "n")
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", "n", 5i)
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", "n", Inf)
%!error id=ib:ib_dataset:invalid_file ib_dataset ("tishby", "/dev/null")

## ---- the gateways' own checks, behind those of the .m files -----------------------------
%!error id=ib:ib_mi:invalid_option __ib_mi__ ("mi", t, x, false, true, struct ("estimator", "knn", "jitter", Inf))
%!error id=ib:ib_mi:invalid_option __ib_mi__ ("mi", t, x, false, true, struct ("estimator", "kde", "noise_var", NaN))
%!error id=ib:ib_mi:invalid_option __ib_mi__ ("mi", t, x, false, true, struct ("range", [1 0]))
%!error id=ib:ib_entropy:invalid_option __ib_mi__ ("entropy", t, false, struct ("estimator", "renyi", "alpha", -1))
%!error id=ib:ib_curve:invalid_option __ib_curve__ (P, struct ("n_beta", 1e9))
%!error id=ib:ib_curve:invalid_option __ib_curve__ (P, struct ("beta", ones (1, 1e5 + 1)))
%!error id=ib:ib_train:invalid_option __ib_train__ ("permutation", 5, -1)
%!error id=ib:ib_train:invalid_option __ib_train__ ("permutation", 5, NaN)
%!test
%! cfg = struct ("layers", 2, "activation", "tanh", "optimizer", "adam", "learning_rate", 0.01,
%!               "momentum", 0.9, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8,
%!               "batch_size", 4, "seeds", 0, "threads", 1, "layer_range", [],
%!               "estimators", struct ("estimator", "bin"));
%! st = __ib_train__ ("init", X, y, 1:6, 7:8, cfg);
%! run = @(c, s) __ib_train__ ("run", X, y, 1:6, 7:8, c, s, 1, 1, 1);
%! fail ("run (setfield (cfg, \"batch_size\", NaN), st)", "batch_size");
%! fail ("run (setfield (cfg, \"seeds\", -1), st)", "seed");
 fail ("run (setfield (cfg, \"threads\", 0), st)", "threads");
 fail ("run (setfield (cfg, \"learning_rate\", -1), st)", "learning rate finite and > 0");
%! fail ("run (cfg, setfield (st, \"step\", NaN))", "state.step");
%! fail ("run (cfg, setfield (st, \"epoch\", -1))", "state.epoch");
%! fail ("run (cfg, setfield (st, \"rng\", uint64 ([0 0 0 0])))", "rng");
%! fail ("__ib_train__ (\"init\", X, y, 1:6, 7:8, setfield (cfg, \"layers\", 5e8))", "memory");
%! s = run (cfg, st);
%! assert (s.epoch, 1);

## One rule, one limit: every estimator option is accepted or refused alike by ib_train and
## ib_mi (both read it through inst/private/mi_parse_options.m).
%!test
%! X = double (dec2bin (0:15, 4) == "1");
%! y = double (sum (X, 2) > 2);
%! cases = {"bins", 1; "bins", 0; "bins", 2^24; "bins", 2^24 + 1; "bins", 2.5;
%!          "range", [0 1]; "range", [1 0]; "range", [NaN 1]; "range", [0 Inf];
%!          "bin_width", 0; "bin_width", -1; "noise_var", 1e-3; "noise_var", 0;
%!          "k", 2; "k", 0; "alpha", 2; "alpha", -1; "kernel_width", NaN;
%!          "kernel_width", Inf; "adaptive_bins", 3; "adaptive_bins", 0};
%! warning ("off", "ib:ib_train:unused_option", "local");
%! for i = 1:rows (cases)
%!   ok_mi = ok_train = true;
%!   try
%!     ib_mi (X, y, cases{i,:});
%!   catch err
%!     ok_mi = false;
%!     assert (err.identifier, "ib:ib_mi:invalid_option");
%!   end_try_catch
%!   try
%!     ib_train (X, y, "layers", 2, "epochs", 0, "mi_epochs", [], "verbose", false, cases{i,:});
%!   catch err
%!     ok_train = false;
%!     assert (err.identifier, "ib:ib_train:invalid_option");
%!   end_try_catch
%!   assert (ok_train, ok_mi, sprintf ("%s = %s", cases{i,1}, mat2str (cases{i,2})));
%! endfor
