## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## Checkpoints that cannot destroy what they guard.  ib_save on a full file system (a
## tmpfs of 64 KiB: Octave's save itself reports nothing there) and a read-only one fails
## with ib:ib_save:failed, keeps the old file loadable and leaves no temporary; ib_train
## warns ib:ib_train:checkpoint_failed before its first chunk of training and still returns
## its result; child Octaves killed with SIGKILL while they write checkpoints always leave
## a checkpoint that loads, never goes back, and resumes to the uninterrupted result.
## The file system tests need the right to mount (root, as in CI) and are skipped otherwise;
## a user can run them all in a user namespace:
##   unshare -rm octave-cli --eval 'addpath src inst; test tests/checkpoints.m'
## The kill test takes 5 to 15 s (two cores, idle to loaded).

%!shared setup
%! ## the task and run of the kill test, evaluated by the test and by its child Octaves: a
%! ## network large enough that a checkpoint (75 KB) takes some 15 ms to write, trained
%! ## long enough (about 1.2 s here) to span several chunks of 0.5 s and their checkpoints
%! setup = ['X = double (dec2bin (0:255, 8) == "1");', ...
%!          'y = double (X * [1; -2; 1; 1; -1; 2; -1; 1] + 0.5 * X(:,1) .* X(:,2) > 0.5);', ...
%!          'args = {"layers", [50 50], "epochs", 10000, "mi_epochs", [1 10 100 1000 10000],', ...
%!          '        "seed", 5, "verbose", false};'];

%!function d = mounted_tmpfs (options)
%!  ## a fresh tmpfs mounted with OPTIONS, or "" when mounting is not permitted here
%!  d = tempname ();
%!  mkdir (d);
%!  [status, ~] = system (sprintf ("mount -t tmpfs -o %s tmpfs '%s' 2>&1", options, d));
%!  if (status != 0)
%!    rmdir (d);
%!    d = "";
%!  endif
%!endfunction

%!function unmount (d)
%!  assert (system (sprintf ("umount '%s'", d)), 0);
%!  rmdir (d);
%!endfunction

%!function ok = can_mount ()
%!  d = mounted_tmpfs ("size=64k");
%!  ok = ! isempty (d);
%!  if (ok)
%!    unmount (d);
%!  endif
%!endfunction

%!function err = save_error (varargin)
%!  err = [];
%!  try
%!    ib_save (varargin{:});
%!  catch err
%!  end_try_catch
%!  assert (! isempty (err), "ib_save did not fail");
%!endfunction

%!function names = temporaries (d)
%!  names = readdir (d);
%!  names = names(! cellfun (@isempty, regexp (names, '\.ib_save-.*\.tmp$', "once")));
%!endfunction

%!function train_warns_first (X, y, f, reason)
%!  ## ib_train with checkpoint F warns for REASON before the progress line of its first
%!  ## chunk of training, and still returns its result
%!  out = evalc (['res = ib_train (X, y, "layers", [5 3], "epochs", 20, "mi_epochs", 20,', ...
%!                '"checkpoint", f, "verbose", true);']);
%!  [~, id] = lastwarn ();
%!  assert (id, "ib:ib_train:checkpoint_failed");
%!  first_warning = strfind (out, "could not save the checkpoint");
%!  progress = strfind (out, "epoch 20/20");
%!  assert (! isempty (first_warning) && ! isempty (progress), out);
%!  assert (first_warning(1) < progress(1), out);
%!  assert (! isempty (strfind (out, reason)), out);
%!  assert (res.completed);
%!  assert (res.epochs, 20);
%!endfunction

## ---- a full disk and a read-only folder -----------------------------------------------

%!testif ; can_mount ()
%! d = mounted_tmpfs ("size=64k");
%! unwind_protect
%!   f = fullfile (d, "ck.mat");
%!   old = struct ("epochs", (1:5)', "state", struct ("epoch", 5, "params", rand (1, 100)));
%!   ## Octave's save alone on this disk: no error, a cut file that does not load
%!   big = struct ("W", {{rand(120, 100)}});      # 96 KB that do not compress
%!   g = fullfile (d, "plain.mat");
%!   save ("-v7", g, "big");
%!   assert (stat (g).size < 96000);
%!   fail ("load (g)");
%!   unlink (g);
%!   for fmt = {"-v7", "-v6", "-binary"}
%!     ib_save (f, old, fmt{1});
%!     err = save_error (f, big, fmt{1});
%!     assert (err.identifier, "ib:ib_save:failed");
%!     assert (! isempty (strfind (err.message, "no space left")), err.message);
%!     s = load (f);
%!     assert (isequaln (s.ib_result, old));
%!     assert (readdir (d), {"."; ".."; "ck.mat"});
%!   endfor
%!   ## the new file alone would fit, but not beside the old one, which stays
%!   old.W = {rand(50, 50)};                      # 20 KB, and the new one 48 KB
%!   ib_save (f, old);
%!   err = save_error (f, setfield (old, "W", {rand(100, 60)}));
%!   assert (err.identifier, "ib:ib_save:failed");
%!   s = load (f);
%!   assert (isequaln (s.ib_result, old));
%!   assert (readdir (d), {"."; ".."; "ck.mat"});
%! unwind_protect_cleanup
%!   unmount (d);
%! end_unwind_protect

%!testif ; can_mount ()
%! ## ib_train on a full disk: the warning comes before the first chunk of training (its
%! ## progress line), and the run goes on to its result
%! eval (setup);
%! d = mounted_tmpfs ("size=64k");
%! unwind_protect
%!   fid = fopen (fullfile (d, "filler"), "w");
%!   fwrite (fid, zeros (65536, 1, "uint8"));     # all of it
%!   fclose (fid);
%!   train_warns_first (X, y, fullfile (d, "ck.mat"), "no space left");
%!   assert (readdir (d), {"."; ".."; "filler"});
%! unwind_protect_cleanup
%!   unmount (d);
%! end_unwind_protect

%!testif ; can_mount ()
%! ## a read-only folder fails before anything is written, with the system's reason
%! d = mounted_tmpfs ("size=64k,ro");
%! unwind_protect
%!   err = save_error (fullfile (d, "ck.mat"), struct ("epochs", 1));
%!   assert (err.identifier, "ib:ib_save:failed");
%!   assert (! isempty (strfind (err.message, "Read-only file system")), err.message);
%! unwind_protect_cleanup
%!   unmount (d);
%! end_unwind_protect

## ---- a folder that does not exist ------------------------------------------------------

%!test
%! eval (setup);
%! train_warns_first (X, y, fullfile (tempname (), "ck.mat"), "does not exist");

## ---- SIGKILL during checkpoints --------------------------------------------------------

%!function cli = octave_cli ()
%!  cli = fullfile (OCTAVE_HOME (), "bin", "octave-cli");
%!  if (! exist (cli, "file"))
%!    cli = file_in_path (getenv ("PATH"), "octave-cli");
%!  endif
%!endfunction

%!function pid = start_child (setup, f)
%!  ## a child Octave on the same gateways and functions that trains with a checkpoint after
%!  ## every chunk, resuming from F when it exists; its output is dropped, exec keeps the pid
%!  code = sprintf (['addpath ("%s", "%s"); %s f = "%s";', ...
%!                   'if (exist (f, "file")) s = load (f); args = {"resume", s.ib_result};', ...
%!                   'endif; ib_train (X, y, args{:}, "checkpoint", f, "checkpoint_seconds", 0,', ...
%!                   '"verbose", false);'],
%!                  fileparts (which ("__ib_train__")), fileparts (which ("ib_save")), setup, f);
%!  cmd = sprintf ("exec '%s' --no-gui --norc --quiet --eval '%s' >/dev/null 2>&1", octave_cli (),
%!                 strrep (code, "'", "'\\''"));
%!  [in, out, pid] = popen2 ("sh", {"-c", cmd});
%!  fclose (in);
%!  fclose (out);
%!endfunction

%!function wait_for (cond, seconds)
%!  t = tic ();
%!  while (! cond () && toc (t) < seconds)
%!    pause (0.002);
%!  endwhile
%!endfunction

%!function changed = stat_changed (f, st, err)
%!  [st2, err2] = stat (f);
%!  changed = (err2 == 0 && (err != 0 || st2.ino != st.ino || st2.size != st.size
%!                          || st2.mtime != st.mtime));
%!endfunction

%!testif ; ! isempty (octave_cli ())
%! eval (setup);
%! d = tempname ();
%! mkdir (d);
%! f = fullfile (d, "ck.mat");
%! unwind_protect
%!   kills = 0;
%!   epoch = -1;
%!   epochs = args{find (strcmp (args, "epochs")) + 1};
%!   mid = [];
%!   pid = 0;
%!   for round = 1:6
%!     [st, err] = stat (f);
%!     pid = start_child (setup, f);
%!     ## wait for the first save of this child (every save makes a new file)
%!     wait_for (@() stat_changed (f, st, err), 10);
%!     switch (mod (round, 3))
%!       case 1
%!         ## at a random moment of its first chunk and save: mostly training, at times writing
%!         pause (0.7 * rand ());
%!       case 2
%!         ## as soon as its save after its second chunk is seen writing: the survivor is the
%!         ## save after its first chunk, so that the run makes progress
%!         seen = temporaries (d);
%!         for k = 1:2
%!           wait_for (@() ! isempty (setdiff (temporaries (d), seen)), 3);
%!           seen = union (seen, temporaries (d));
%!         endfor
%!       case 0
%!         ## as soon as the file changes again (a save in place would be cut there)
%!         [st, err] = stat (f);
%!         wait_for (@() stat_changed (f, st, err), 3);
%!     endswitch
%!     kill (pid, SIG ().KILL);
%!     [~, status] = waitpid (pid);
%!     pid = 0;
%!     if (WIFSIGNALED (status))
%!       kills++;
%!     else           # the child was done before the kill
%!       assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
%!     endif
%!     ## the survivor loads, is a result whose history matches its state, never older than
%!     ## the one before; each kill leaves at most one temporary
%!     s = load (f);
%!     r = s.ib_result;
%!     assert (isfield (r, "epochs") && isfield (r, "state"));
%!     mi_epochs = args{find (strcmp (args, "mi_epochs")) + 1};
%!     assert (r.epochs, mi_epochs(mi_epochs <= r.state.epoch)');
%!     assert (r.state.epoch >= epoch);
%!     epoch = r.state.epoch;
%!     if (epoch > 0 && epoch < epochs)
%!       mid = r;
%!     endif
%!     assert (numel (temporaries (d)) <= kills);
%!   endfor
%!   assert (! isempty (mid), "no survivor in mid-run");
%!   ## the kills' temporaries are removed by the next save once they are a minute old
%!   for t = temporaries (d)'
%!     assert (system (sprintf ("touch -d '-2 minutes' '%s'", fullfile (d, t{1}))), 0);
%!   endfor
%!   ib_save (f, r);
%!   assert (readdir (d), {"."; ".."; "ck.mat"});
%!   ## the last survivor of a kill in mid-run resumes to the uninterrupted run
%!   res = ib_train (X, y, "resume", mid, "verbose", false);
%!   ref = ib_train (X, y, args{:});
%!   assert (res.completed);
%!   assert (isequal (res.W, ref.W) && isequal (res.b, ref.b));
%!   assert (isequal (res.epochs, ref.epochs) && isequal (res.IXT, ref.IXT)
%!           && isequal (res.ITY, ref.ITY) && isequal (res.loss_train, ref.loss_train));
%! unwind_protect_cleanup
%!   if (pid > 0)      # a failure in mid-round: no child goes on writing
%!     kill (pid, SIG ().KILL);
%!     waitpid (pid);
%!   endif
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect
