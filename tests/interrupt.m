## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Ctrl-C without a terminal: a child Octave training many runs is sent SIGINT. It must stop
## within about a second with the error ib:ib_train:interrupted, leave in ib_interrupted
## every record up to the epoch it reached (and a state of that same epoch), and resuming it
## must give exactly the uninterrupted result.

%!function out = run_child (script)
%!  ## starts octave-cli on SCRIPT in the background; returns its pid
%!  octave = fullfile (OCTAVE_HOME (), "bin", "octave-cli");
%!  [st, out] = system (sprintf ("%s --no-gui --norc -q %s > %s.log 2>&1 & echo $!",
%!                               octave, script, script));
%!  assert (st, 0);
%!  out = str2double (out);
%!endfunction

%!test
%! dir = tempname ();
%! mkdir (dir);
%! unwind_protect
%!   root = fileparts (fileparts (mfilename ("fullpath")));
%!   out = fullfile (dir, "interrupted.bin");
%!   started = fullfile (dir, "started");
%!   script = fullfile (dir, "child.m");
%!   fid = fopen (script, "w");
%!   fprintf (fid, "addpath ('%s', '%s');\n", fullfile (root, "src"), fullfile (root, "inst"));
%!   fprintf (fid, "X = double (dec2bin (0:255, 8) == '1'); y = double (X * [1;-2;1;1;-1;2;-1;1] > 0.5);\n");
%!   fprintf (fid, "fclose (fopen ('%s', 'w'));\n", started);
%!   fprintf (fid, "try\n  ib_train (X, y, 'layers', [5 3], 'epochs', 1e7, 'runs', 3, 'seed', 11, 'batch_size', 32, 'threads', 2, 'mi_epochs', [1:50, 100:100:1e7], 'verbose', false);\n");
%!   fprintf (fid, "catch err\n  r = ib_interrupted; id = err.identifier; t = time ();\n  save ('-binary', '%s.tmp', 'r', 'id', 't'); rename ('%s.tmp', '%s');\nend\n", out, out, out);
%!   fclose (fid);
%!   pid = run_child (script);
%!   t0 = tic ();
%!   while (! exist (started, "file") && toc (t0) < 60)
%!     pause (0.05);
%!   endwhile
%!   pause (2);                      # well into training
%!   t_kill = time ();
%!   kill (pid, 2);                  # SIGINT, as Ctrl-C
%!   t0 = tic ();
%!   while (! exist (out, "file") && toc (t0) < 30)
%!     pause (0.05);
%!   endwhile
%!   assert (exist (out, "file") == 2, "the child did not stop and save");
%!   s = load (out);
%!   assert (s.id, "ib:ib_train:interrupted");
%!   assert (s.t - t_kill < 3, sprintf ("stopped %.2f s after the interrupt", s.t - t_kill));
%!   r = s.r;
%!   epoch = r.state.epoch;
%!   assert (! r.completed && epoch > 50);
%!   ## every record up to the epoch reached, none later; the state is of that epoch
%!   mi = [1:50, 100:100:1e7]';
%!   assert (r.epochs, mi(mi <= epoch));
%!   assert (size (r.IXT, 1), numel (r.epochs));
%!   assert (size (r.state.params, 2), 3);
%!   assert (all (r.state.step == r.state.step(1)));
%!   ## resuming it to a later epoch equals one uninterrupted call
%!   X = double (dec2bin (0:255, 8) == "1");
%!   y = double (X * [1; -2; 1; 1; -1; 2; -1; 1] > 0.5);
%!   stop = epoch + 37;
%!   rest = ib_train (X, y, "resume", r, "epochs", stop, "verbose", false);
%!   whole = ib_train (X, y, "layers", [5 3], "epochs", stop, "runs", 3, "seed", 11,
%!                     "batch_size", 32, "mi_epochs", mi(mi <= stop), "verbose", false);
%!   assert (rest.epochs, whole.epochs);
%!   assert (isequal (rest.IXT, whole.IXT) && isequal (rest.ITY, whole.ITY));
%!   assert (isequal (rest.W, whole.W) && isequal (rest.loss_train, whole.loss_train));
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (dir, "s");
%! end_unwind_protect

## A long estimate stops too: Ctrl-C during the KDE bounds of ib_mi on 60000 rows (seconds
## of work) ends it with ib:ib_mi:interrupted within about a second.
%!test
%! dir = tempname ();
%! mkdir (dir);
%! unwind_protect
%!   root = fileparts (fileparts (mfilename ("fullpath")));
%!   out = fullfile (dir, "stopped.bin");
%!   started = fullfile (dir, "started");
%!   script = fullfile (dir, "child.m");
%!   fid = fopen (script, "w");
%!   fprintf (fid, "addpath ('%s', '%s');\n", fullfile (root, "src"), fullfile (root, "inst"));
%!   fprintf (fid, "rand ('seed', 1); T = rand (60000, 4); y = double (T(:,1) > 0.5);\n");
%!   fprintf (fid, "fclose (fopen ('%s', 'w'));\n", started);
%!   fprintf (fid, "id = 'none'; t = 0;\ntry\n  for k = 1:20\n    ib_mi (T, y, 'estimator', 'kde');\n  end\n");
%!   fprintf (fid, "catch err\n  id = err.identifier; t = time ();\nend\nsave ('-binary', '%s.tmp', 'id', 't'); rename ('%s.tmp', '%s');\n", out, out, out);
%!   fclose (fid);
%!   pid = run_child (script);
%!   t0 = tic ();
%!   while (! exist (started, "file") && toc (t0) < 60)
%!     pause (0.05);
%!   endwhile
%!   pause (1.5);                    # inside the first estimate
%!   t_kill = time ();
%!   kill (pid, 2);
%!   t0 = tic ();
%!   while (! exist (out, "file") && toc (t0) < 60)
%!     pause (0.05);
%!   endwhile
%!   assert (exist (out, "file") == 2, "the child did not stop");
%!   s = load (out);
%!   assert (s.id, "ib:ib_mi:interrupted");
%!   assert (s.t - t_kill < 3, sprintf ("stopped %.2f s after the interrupt", s.t - t_kill));
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (dir, "s");
%! end_unwind_protect
