## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Merging runs trained apart (ib_merge): on synthetic results in the layout of a multi-run
## ib_train result, built here run by run from their seeds, and, once ib_train has "runs",
## on three separate Octave processes merged against one call with "runs", 3.

## numbers in [0, 1) that depend only on (seed, salt) and the position: a hash, not a
## random generator, so that nothing here touches Octave's random state
%!function v = hashed (seed, salt, sz)
%!  k = reshape (1:prod (sz), sz);
%!  v = mod (sin (k * 12.9898 + seed * 78.233 + salt * 37.719) * 43758.5453, 1);
%!endfunction

## A result of R runs with seeds s..s+R-1 in the documented layout; run r is filled from its
## seed s+r-1 alone, slice by slice, so a multi-run result is built here independently of
## any concatenation of single ones.
%!function res = synthetic (s, R)
%!  widths = [6 4 3 2];  L = 3;  epochs = [0; 1; 5; 20];  E = 4;  n = 12;  n_train = 9;
%!  estimators = {"kde", "bin"};
%!  n_params = sum ((widths(1:end-1) + 1) .* widths(2:end));
%!  res = struct ();
%!  res.epochs = epochs;
%!  for name = {"IXT", "ITY", "IXT_lower", "ITY_lower", "grad_mean_norm", "grad_std_norm", "weight_norm"}
%!    res.(name{1}) = zeros (E, L, R);
%!  endfor
%!  res.estimators = estimators;
%!  for e = 1:2
%!    for name = {"IXT", "ITY", "IXT_lower", "ITY_lower"}
%!      res.mi.(estimators{e}).(name{1}) = zeros (E, L, R);
%!    endfor
%!  endfor
%!  for name = {"loss_train", "loss_test", "acc_train", "acc_test"}
%!    res.(name{1}) = zeros (E, R);
%!  endfor
%!  res.W = res.b = cell (1, L);
%!  for l = 1:L
%!    res.W{l} = zeros (widths(l), widths(l+1), R);
%!    res.b{l} = zeros (1, widths(l+1), R);
%!  endfor
%!  res.seeds = s:s+R-1;
%!  res.runs = R;
%!  res.train_idx = zeros (n_train, R);
%!  res.test_idx = zeros (n - n_train, R);
%!  st = struct ("params", zeros (n_params, R), "moment1", zeros (n_params, R),
%!               "moment2", zeros (n_params, R), "step", zeros (1, R), "rng", zeros (4, R, "uint64"),
%!               "epoch", 20);
%!  for r = 1:R
%!    seed = s + r - 1;
%!    salt = 0;
%!    for e = 1:2
%!      for name = {"IXT", "ITY", "IXT_lower", "ITY_lower"}
%!        salt += 1;
%!        v = 2 * hashed (seed, salt, [E L]);
%!        if (strcmp (estimators{e}, "bin") && any (strcmp (name{1}, {"IXT_lower", "ITY_lower"})))
%!          v(:) = NaN;                 # bin has no lower bounds
%!        endif
%!        res.mi.(estimators{e}).(name{1})(:,:,r) = v;
%!      endfor
%!    endfor
%!    for name = {"IXT", "ITY", "IXT_lower", "ITY_lower"}
%!      res.(name{1})(:,:,r) = res.mi.kde.(name{1})(:,:,r);
%!    endfor
%!    for name = {"grad_mean_norm", "grad_std_norm", "weight_norm"}
%!      salt += 1;
%!      res.(name{1})(:,:,r) = hashed (seed, salt, [E L]);
%!    endfor
%!    for name = {"loss_train", "loss_test", "acc_train", "acc_test"}
%!      salt += 1;
%!      res.(name{1})(:,r) = hashed (seed, salt, [E 1]);
%!    endfor
%!    for l = 1:L
%!      salt += 1;
%!      res.W{l}(:,:,r) = hashed (seed, salt, widths(l:l+1)) - 0.5;
%!      salt += 1;
%!      res.b{l}(:,:,r) = hashed (seed, salt, [1 widths(l+1)]) - 0.5;
%!    endfor
%!    salt += 1;
%!    [~, perm] = sort (hashed (seed, salt, [n 1]));
%!    res.train_idx(:,r) = sort (perm(1:n_train));
%!    res.test_idx(:,r) = sort (perm(n_train+1:end));
%!    salt += 1;
%!    st.params(:,r) = hashed (seed, salt, [n_params 1]);
%!    salt += 1;
%!    st.moment1(:,r) = hashed (seed, salt, [n_params 1]);
%!    salt += 1;
%!    st.moment2(:,r) = hashed (seed, salt, [n_params 1]);
%!    st.step(r) = 40;
%!    salt += 1;
%!    st.rng(:,r) = uint64 (floor (hashed (seed, salt, [4 1]) * 2^40));
%!  endfor
%!  res.IXT_mean = mean (res.IXT, 3);
%!  res.ITY_mean = mean (res.ITY, 3);
%!  res.IXT_std = std (res.IXT, 0, 3);
%!  res.ITY_std = std (res.ITY, 0, 3);
%!  res.n_train = n_train;
%!  res.H_X = log2 (n);  res.H_Y = 1;  res.I_XY = 1;
%!  res.widths = widths;
%!  res.classes = [0; 1];
%!  res.options = struct ("layers", widths(2:end-1), "activation", "tanh", "optimizer", "adam",
%!                        "learning_rate", 4e-4, "batch_size", 512, "epochs", 20,
%!                        "train_fraction", 0.75, "seed", s, "runs", R, "mi_epochs", epochs,
%!                        "estimator", {estimators}, "bins", 30, "verbose", false,
%!                        "checkpoint", "", "checkpoint_seconds", 30, "mi_epochs_default", false);
%!  res.elapsed = 1.25 * R;
%!  res.completed = true;
%!  res.state = st;
%!endfunction

%!function assert_same_result (a, b)
%!  assert (isequaln (rmfield (a, "elapsed"), rmfield (b, "elapsed")));
%!endfunction

## three single runs merged equal the three-run result, in any order of the arguments
%!test
%! ref = synthetic (1, 3);
%! m = ib_merge (synthetic (1, 1), synthetic (2, 1), synthetic (3, 1));
%! assert_same_result (m, ref);
%! assert (m.elapsed, 3 * 1.25);
%! assert (m.seeds, [1 2 3]);
%! assert (m.options.seed, 1);
%! assert (m.options.runs, 3);
%! assert (m.runs, 3);
%! assert (size (m.IXT), [4 3 3]);
%! assert (size (m.W{2}), [4 3 3]);
%! assert (size (m.state.rng), [4 3]);
%! ## the recomputed summaries, from the three runs one by one
%! x = {synthetic(1, 1).IXT, synthetic(2, 1).IXT, synthetic(3, 1).IXT};
%! mu = (x{1} + x{2} + x{3}) / 3;
%! assert (m.IXT_mean, mu, 1e-14);
%! assert (m.IXT_std, sqrt (((x{1} - mu).^2 + (x{2} - mu).^2 + (x{3} - mu).^2) / 2), 1e-14);
%! assert (m.IXT(:,:,2), x{2});
%! assert (! isequal (m.IXT(:,:,1), m.IXT(:,:,2)));     # the runs do differ
%! assert_same_result (ib_merge (synthetic (3, 1), synthetic (1, 1), synthetic (2, 1)), ref);

## a multi-run part with single ones, seeds not starting at 1; a single result is itself
%!test
%! assert_same_result (ib_merge (synthetic (6, 2), synthetic (5, 1), synthetic (8, 1)),
%!                     synthetic (5, 4));
%! assert_same_result (ib_merge (synthetic (4, 2), synthetic (0, 4)), synthetic (0, 6));
%! assert_same_result (ib_merge (synthetic (2, 3)), synthetic (2, 3));
%! m = ib_merge (synthetic (7, 1));
%! assert_same_result (m, synthetic (7, 1));
%! assert (m.IXT_std, zeros (4, 3));

## from files written by ib_save, named one by one or as a list (as glob gives); a file
## with one struct variable of another name
%!test
%! d = tempname ();  mkdir (d);
%! unwind_protect
%!   for s = 1:3
%!     ib_save (fullfile (d, sprintf ("run%d.mat", s)), synthetic (s, 1));
%!   endfor
%!   files = glob (fullfile (d, "run*.mat"));
%!   assert (numel (files), 3);
%!   assert_same_result (ib_merge (files), synthetic (1, 3));
%!   assert_same_result (ib_merge (files{3}, files{1}, files{2}), synthetic (1, 3));
%!   other = synthetic (4, 2);
%!   save ("-v7", fullfile (d, "other.mat"), "other");
%!   assert_same_result (ib_merge (files, fullfile (d, "other.mat")), synthetic (1, 5));
%!   assert_same_result (ib_merge ({files{1}, synthetic(2, 2)}), synthetic (1, 3));
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

## options that do not change what is computed may differ: the smallest seed's are kept
%!test
%! a = synthetic (1, 1);  b = synthetic (2, 1);
%! b.options.verbose = true;  b.options.checkpoint = "b.mat";  b.options.checkpoint_seconds = 5;
%! m = ib_merge (b, a);
%! assert (m.options.verbose, false);
%! assert (m.options.checkpoint, "");

## incomplete runs stopped at the same epoch merge into an incomplete result
%!test
%! parts = {synthetic(1, 1), synthetic(2, 1)};
%! for k = 1:2
%!   parts{k}.completed = false;
%! endfor
%! m = ib_merge (parts{:});
%! assert (m.completed, false);
%! parts{1}.completed = true;
%! assert (ib_merge (parts{:}).completed, false);

## result arrays (one element per training fraction) merge element by element
%!test
%! a = synthetic (1, 1);  a.options.train_fraction = 0.5;
%! b = synthetic (2, 1);  b.options.train_fraction = 0.5;
%! m = ib_merge ([synthetic(1, 1), a], [synthetic(2, 1), b]);
%! assert (size (m), [1 2]);
%! assert_same_result (m(1), synthetic (1, 2));
%! assert_same_result (m(2), ib_merge (a, b));
%! assert (m(2).options.train_fraction, 0.5);

## refusals
%!error id=ib:ib_merge:overlapping_seeds ib_merge (synthetic (1, 2), synthetic (2, 1))
%!error id=ib:ib_merge:overlapping_seeds ib_merge (synthetic (1, 1), synthetic (1, 1))
%!error id=ib:ib_merge:non_contiguous_seeds ib_merge (synthetic (1, 1), synthetic (3, 1))
%!error <\[2 3\] missing> ib_merge (synthetic (1, 1), synthetic (4, 1))
%!test
%! b = synthetic (2, 1);  b.options.learning_rate = 1e-3;
%! fail ("ib_merge (synthetic (1, 1), b)", "differ in option \"learning_rate\"");
%!test
%! ## each kind of difference between two configurations is refused
%! changes = {@(r) setfield (r, "options", setfield (r.options, "activation", "relu")), ...
%!            @(r) setfield (r, "options", rmfield (r.options, "bins")), ...
%!            @(r) setfield (r, "widths", [6 4 3 3]), ...
%!            @(r) setfield (r, "classes", [1; 2]), ...
%!            @(r) setfield (r, "H_X", 3), ...
%!            @(r) setfield (r, "estimators", {"kde"}), ...
%!            @(r) rmfield (r, "weight_norm"), ...
%!            @(r) setfield (r, "epochs", [0; 2; 5; 20])};
%! for c = 1:numel (changes)
%!   b = changes{c} (synthetic (2, 1));
%!   try
%!     ib_merge (synthetic (1, 1), b);
%!     error ("change %d was merged", c);
%!   catch err
%!     assert (err.identifier, "ib:ib_merge:different_config", sprintf ("change %d", c));
%!   end_try_catch
%! endfor
%!test
%! a = synthetic (1, 1);  b = synthetic (2, 1);
%! b.completed = false;  b.state.epoch = 5;
%! fail ("ib_merge (a, b)", "stopped at epoch 20 and .* at epoch 5");
%! try
%!   ib_merge (b, a);
%! catch err
%!   assert (err.identifier, "ib:ib_merge:different_epochs");
%! end_try_catch
%!error id=ib:ib_merge:not_result ib_merge (synthetic (1, 1), 7)
%!error id=ib:ib_merge:not_result ib_merge (synthetic (1, 1), rmfield (synthetic (2, 1), "seeds"))
%!error id=ib:ib_merge:not_result ib_merge (setfield (synthetic (1, 2), "seeds", 1))
%!error id=ib:ib_merge:different_config ib_merge ([synthetic(1, 1), synthetic(1, 1)], synthetic (2, 1))
%!error id=ib:ib_merge:no_result
%! f = [tempname() ".mat"];
%! unwind_protect
%!   x = 1;
%!   save ("-v7", f, "x");
%!   ib_merge (synthetic (1, 1), f);
%! unwind_protect_cleanup
%!   delete (f);
%! end_unwind_protect

## The issue's test: three "array tasks" as separate Octave processes, one seed each,
## merged, equal one call with "seed", 1, "runs", 3 (once ib_train has "runs").
%!testif ; ! isempty (strfind (get_help_text ("ib_train"), '"runs"'))
%! d = tempname ();  mkdir (d);
%! unwind_protect
%!   octave = fullfile (OCTAVE_HOME (), "bin", "octave-cli");
%!   if (! exist (octave, "file"))
%!     octave = "octave-cli";
%!   endif
%!   dirs = unique (cellfun (@(f) fileparts (which (f)), {"ib_train", "__ib_train__", ...
%!                           "ib_dataset", "ib_save"}, "UniformOutput", false));
%!   dirs = sprintf ("'%s', ", dirs{:});
%!   train = ['[X, y] = ib_dataset ("tishby"); ' ...
%!            'res = ib_train (X, y, "layers", [5 3], "epochs", 30, "mi_epochs", [0 3 30], ' ...
%!            '"batch_size", 256, "verbose", false, "seed", %d); '];
%!   tasks = "";
%!   for s = 1:3
%!     code = sprintf (["addpath (%s); " train "ib_save ('%s', res);"], dirs(1:end-2), s,
%!                     fullfile (d, sprintf ("task%d.mat", s)));
%!     tasks = [tasks sprintf("\"%s\" -q --norc --eval \"%s\" 2>&1 & ", octave,
%!                            strrep (code, '"', '\"'))];
%!   endfor
%!   [~, out] = system ([tasks "wait"]);        # the three tasks at once
%!   files = glob (fullfile (d, "task*.mat"));
%!   if (numel (files) != 3)
%!     error ("only %d of the 3 tasks saved a result:\n%s", numel (files), out);
%!   endif
%!   merged = ib_merge (files);
%!   [X, y] = ib_dataset ("tishby");
%!   one = ib_train (X, y, "layers", [5 3], "epochs", 30, "mi_epochs", [0 3 30],
%!                   "batch_size", 256, "verbose", false, "seed", 1, "runs", 3);
%!   assert (isequaln (rmfield (merged, "elapsed"), rmfield (one, "elapsed")));
%!   assert (merged.seeds, [1 2 3]);
%!   assert (! isequal (merged.IXT(:,:,1), merged.IXT(:,:,2)));
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## results with bootstrap intervals (E x L x 2 x R) merge like one call with "runs"
%! [X, y] = ib_dataset ("tishby");
%! X = X(1:4:end, :);  y = y(1:4:end);
%! args = {"layers", [6 4], "epochs", 6, "mi_epochs", [2 6], "ci", 0.9, "resamples", 40, ...
%!         "verbose", false};
%! both = ib_train (X, y, "runs", 2, args{:});
%! m = ib_merge (ib_train (X, y, "seed", 1, args{:}), ib_train (X, y, "seed", 0, args{:}));
%! assert (size (m.IXT_ci), [2 3 2 2]);
%! assert (isequaln (m.IXT_ci, both.IXT_ci) && isequaln (m.ITY_ci, both.ITY_ci));
%! assert (isequaln (m.mi.bin.ITY_ci, both.mi.bin.ITY_ci) && isequal (m.IXT, both.IXT));
