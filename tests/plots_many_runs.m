## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Tests across ib_train, ib_summary, ib_snr and ib_plane on results with several runs, in
## the layout of /work/notes/result.md (E x L x R): built here by stacking single runs, which
## that layout defines run r to equal (seed s + r - 1), and from the 20 runs of the paper's
## own code when a copy is available.
## Run: test ("tests/plots_many_runs.m") with inst/ and src/ on the path.

## Single-run results stacked into one result of R runs.
## The IDNNs file: runs x epochs x layers x [I(X;T), I(T;Y)], as an ib result
%!function res = idnns_result (file)
%!  d = load (file);
%!  res.epochs = double (d.epochsInds(:));
%!  res.IXT = permute (d.information(:,:,:,1), [2 3 1]);
%!  res.ITY = permute (d.information(:,:,:,2), [2 3 1]);
%!  res.I_XY = max (res.ITY(:));  res.H_X = 12;
%!  res.options = struct ("layers", double (d.layer_sizes), "activation", "tanh",
%!                        "train_fraction", d.train_percent / 100);
%!endfunction

%!function print_ok (f)
%!  png = [tempname() ".png"];
%!  unwind_protect
%!    if (strcmp (graphics_toolkit (), "gnuplot"))
%!      print (f, "-dpngcairo", png);
%!    else
%!      print (f, "-dpng", png);
%!    endif
%!    d = dir (png);
%!    assert (numel (d) == 1 && d.bytes > 1000);
%!  unwind_protect_cleanup
%!    if (exist (png, "file"))
%!      delete (png);
%!    endif
%!  end_unwind_protect
%!endfunction

## Three runs trained at once: their summary is, run by run, the summary of each run trained
## alone; the data-processing bounds hold; the plane draws their mean.
%!test
%! [X, y] = ib_dataset ("tishby");
%! for s = 1:3
%!   runs{s} = ib_train (X, y, "layers", [8 4], "epochs", 60, "mi_epochs", [0 3 15 60],
%!                       "seed", s, "verbose", false);
%! endfor
%! res = ib_train (X, y, "layers", [8 4], "epochs", 60, "mi_epochs", [0 3 15 60],
%!                 "seed", 1, "runs", 3, "verbose", false);
%! s = ib_summary (res);
%! assert (s.runs, 3);
%! fields = {"peak_IXT", "peak_epoch", "final_IXT", "final_ITY", "compression", ...
%!           "compression_pct"};
%! for r = 1:3
%!   one = ib_summary (runs{r});
%!   for f = fields
%!     assert (s.(f{1}).runs(r,:), one.(f{1}).mean, 1e-12);
%!   endfor
%! endfor
%! assert (all (s.peak_IXT.runs(:) <= 12 + 1e-9));            # I(X;T) <= H(X)
%! assert (all (s.final_ITY.runs(:) <= res.I_XY + 1e-9));     # I(T;Y) <= I(X;Y)
%! assert (all (s.compression.runs(:) >= 0));
%! assert (all (s.peak_IXT.ci(1,:) <= s.peak_IXT.mean & s.peak_IXT.mean <= s.peak_IXT.ci(2,:)));
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = ib_plane (res, "runs", "all");
%!   assert (h.IXT, mean (res.IXT, 3), 1e-12);
%!   assert (get (h.run_lines(2,3), "ydata")(:), runs{3}.ITY(:,2));
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## The paper's 20 runs (IDNNs code, [10 7 5 4 4 3] tanh, 100 % of the data for training):
## the deep layers compress, the first layer keeps its 12 bits; intervals by Student's t
## with 19 degrees of freedom (tables: t_{0.975,19} = 2.093024054).
%!testif ; exist (fullfile (fileparts (fileparts (which ("ib_dataset"))), "..", "shared", "data", "idnns_results", "idnns_job_g_var_u_10-7-5-4-4-3_20runs.mat"), "file") == 2
%! file = fullfile (fileparts (fileparts (which ("ib_dataset"))), "..", "shared", "data",
%!                  "idnns_results", "idnns_job_g_var_u_10-7-5-4-4-3_20runs.mat");
%! res = idnns_result (file);
%! s = ib_summary (res);
%! assert (s.runs, 20);
%! assert (numel (s.layer), 7);
%! assert (all (s.compression.ci(1, 4:6) > 1));               # bits lost after the peak
%! assert (all (s.compression_pct.mean(4:6) > 40));
%! assert (s.compression.mean(1) < 0.1);
%! assert (s.final_ITY.mean(6) > 0.95);
%! x = squeeze (max (res.IXT(:,5,:), [], 1) - res.IXT(end,5,:));
%! assert (s.compression.mean(5), mean (x), 1e-12);
%! assert (diff (s.compression.ci(:,5)) / 2, 2.093024054 * std (x) / sqrt (20), 1e-8);
%! assert (all (isnan (s.snr_epoch.mean)));                   # no gradient statistics
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = ib_plane (res, "runs", "errorbars", "join_epochs", [100 1000]);
%!   assert (h.runs, 20);
%!   assert (get (h.errorbars(5), "xudata")(:), std (res.IXT(ismember (res.epochs, h.errorbar_epochs), 5, :), 0, 3), 1e-12);
%!   print_ok (f);
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect

## ib_snr prints to a PNG file without a display; ib_summary finds ib_snr's epoch; the
## panels of a struct array take their titles from the options
%!test
%! e = round (logspace (0, 3, 20))';
%! r.epochs = e;
%! r.grad_mean_norm = repmat (1 ./ e, [1 3 2]);
%! r.grad_std_norm = 0.01 * ones (20, 3, 2);
%! r.IXT = repmat (linspace (1, 3, 20)', [1 3 2]);  r.ITY = r.IXT / 4;  r.I_XY = 1;
%! f = figure ("visible", "off");
%! unwind_protect
%!   h = ib_snr (r);
%!   assert (h.epoch, e(find (1 ./ e < 0.01, 1)));
%!   print_ok (f);
%!   s = ib_summary (r);
%!   assert (s.snr_epoch.mean, h.crossing);                   # the same definition
%!   clf (f);
%!   a = r;  a.options.train_fraction = 0.05;  b = r;  b.options.train_fraction = 0.85;
%!   h = ib_plane ([a, b]);
%!   assert (numel (h.axes), 2);
%!   assert (get (h.panels(1).title, "string"), "train 5 %, 2 runs");
%! unwind_protect_cleanup
%!   close (f);
%! end_unwind_protect
