## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Ctrl-C without a terminal: a child Octave is sent SIGINT while it computes.
## - training many runs: it must stop within about a second with the error
##   ib:ib_train:interrupted, leave in ib_interrupted every record up to the epoch it
##   reached (and a state of that same epoch), and resuming it must give exactly the
##   uninterrupted result;
## - a long KDE estimate: it must stop within about a second with ib:ib_mi:interrupted;
## - a long matrix-Renyi entropy (eigenvalues of a 5000 x 5000 Gram matrix): the same with
##   ib:ib_entropy:interrupted;
## - ib_joint on millions of rows (plain Octave: Octave's own Ctrl-C, no error id; the
##   child's unwind_protect cleanup notes the time).

## Runs BODY (lines of Octave, with the package on the path) in a child octave-cli, sends
## it SIGINT DELAY seconds after BODY starts, and returns what BODY saved in the file
## named by its variable `out` (BODY must save there), with the time of the signal.
%!function [s, t_kill] = interrupt_child (body, delay)
%!  dir = tempname ();
%!  mkdir (dir);
%!  unwind_protect
%!    out = fullfile (dir, "saved.bin");
%!    started = fullfile (dir, "started");
%!    script = fullfile (dir, "child.m");
%!    fid = fopen (script, "w");
%!    ## the child loads this session's functions and gateways
%!    fprintf (fid, "addpath ('%s', '%s');\nout = '%s';\n", fileparts (which ("__ib_train__")),
%!             fileparts (which ("ib_train")), out);
%!    fprintf (fid, "fclose (fopen ('%s', 'w'));\n", started);
%!    fprintf (fid, "%s\n", body{:});
%!    fclose (fid);
%!    octave = fullfile (OCTAVE_HOME (), "bin", "octave-cli");
%!    [st, pid] = system (sprintf ("%s --no-gui --norc -q %s > %s.log 2>&1 & echo $!",
%!                                 octave, script, script));
%!    assert (st, 0);
%!    t0 = tic ();
%!    while (! exist (started, "file") && toc (t0) < 60)
%!      pause (0.05);
%!    endwhile
%!    pause (delay);
%!    t_kill = time ();
%!    kill (str2double (pid), 2);    # SIGINT, as Ctrl-C
%!    t0 = tic ();
%!    while (! exist (out, "file") && toc (t0) < 60)
%!      pause (0.05);
%!    endwhile
%!    assert (exist (out, "file") == 2, "the child did not stop and save");
%!    s = load (out);
%!  unwind_protect_cleanup
%!    confirm_recursive_rmdir (false, "local");
%!    rmdir (dir, "s");
%!  end_unwind_protect
%!endfunction

## The body of a child that calls CALL (a string of Octave) 20 times after SETUP and saves
## the identifier of the error that stopped it and when.
%!function body = repeated_call (setup, call)
%!  body = {setup; "id = 'none'; t = 0;"; "try"; "  for k = 1:20"; ["    " call ";"]; "  end";
%!          "catch err"; "  id = err.identifier; t = time ();"; "end";
%!          "save ('-binary', [out '.tmp'], 'id', 't'); rename ([out '.tmp'], out);"};
%!endfunction

%!test
%! X = double (dec2bin (0:255, 8) == "1");
%! y = double (X * [1; -2; 1; 1; -1; 2; -1; 1] > 0.5);
%! body = {
%!   "X = double (dec2bin (0:255, 8) == '1'); y = double (X * [1;-2;1;1;-1;2;-1;1] > 0.5);"
%!   "try"
%!   "  ib_train (X, y, 'layers', [5 3], 'epochs', 1e7, 'runs', 3, 'seed', 11, 'batch_size', 32, 'threads', 2, 'mi_epochs', [1:50, 100:100:1e7], 'verbose', false);"
%!   "catch err"
%!   "  r = ib_interrupted; id = err.identifier; t = time ();"
%!   "  save ('-binary', [out '.tmp'], 'r', 'id', 't'); rename ([out '.tmp'], out);"
%!   "end"};
%! [s, t_kill] = interrupt_child (body, 2);
%! assert (s.id, "ib:ib_train:interrupted");
%! assert (s.t - t_kill < 3, sprintf ("stopped %.2f s after the interrupt", s.t - t_kill));
%! r = s.r;
%! epoch = r.state.epoch;
%! assert (! r.completed && epoch > 50);
%! ## every record up to the epoch reached, none later; the state is of that epoch
%! mi = [1:50, 100:100:1e7]';
%! assert (r.epochs, mi(mi <= epoch));
%! assert (size (r.IXT, 1), numel (r.epochs));
%! assert (size (r.state.params, 2), 3);
%! assert (all (r.state.step == r.state.step(1)));
%! ## resuming it to a later epoch equals one uninterrupted call
%! stop = epoch + 37;
%! rest = ib_train (X, y, "resume", r, "epochs", stop, "verbose", false);
%! whole = ib_train (X, y, "layers", [5 3], "epochs", stop, "runs", 3, "seed", 11,
%!                   "batch_size", 32, "mi_epochs", mi(mi <= stop), "verbose", false);
%! assert (rest.epochs, whole.epochs);
%! assert (isequal (rest.IXT, whole.IXT) && isequal (rest.ITY, whole.ITY));
%! assert (isequal (rest.W, whole.W) && isequal (rest.loss_train, whole.loss_train));

## Ctrl-C during the KDE bounds of ib_mi on 60000 rows (seconds of work each)
%!test
%! body = repeated_call ("rand ('seed', 1); T = rand (60000, 4); y = double (T(:,1) > 0.5);",
%!                       "ib_mi (T, y, 'estimator', 'kde')");
%! [s, t_kill] = interrupt_child (body, 1.5);
%! assert (s.id, "ib:ib_mi:interrupted");
%! assert (s.t - t_kill < 3, sprintf ("stopped %.2f s after the interrupt", s.t - t_kill));

## Ctrl-C during the eigenvalues of a 5000 x 5000 Gram matrix (many seconds each)
%!test
%! body = repeated_call ("rand ('seed', 2); T = rand (5000, 3);",
%!                       "ib_entropy (T, 'estimator', 'renyi', 'renyi_method', 'eig')");
%! [s, t_kill] = interrupt_child (body, 1.5);
%! assert (s.id, "ib:ib_entropy:interrupted");
%! assert (s.t - t_kill < 3, sprintf ("stopped %.2f s after the interrupt", s.t - t_kill));

## Ctrl-C during ib_joint of 4e6 rows (seconds each)
%!test
%! body = {
%!   "rand ('seed', 3); X = floor (1000 * rand (4e6, 4)); y = floor (10 * rand (4e6, 1));"
%!   "finished = false;"
%!   "unwind_protect"
%!   "  for k = 1:20"
%!   "    ib_joint (X, y);"
%!   "  end"
%!   "  finished = true;"
%!   "unwind_protect_cleanup"
%!   "  t = time (); save ('-binary', [out '.tmp'], 'finished', 't'); rename ([out '.tmp'], out);"
%!   "end_unwind_protect"};
%! [s, t_kill] = interrupt_child (body, 1.5);
%! assert (! s.finished);
%! assert (s.t - t_kill < 3, sprintf ("stopped %.2f s after the interrupt", s.t - t_kill));
