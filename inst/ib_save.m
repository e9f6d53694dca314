## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {} ib_save (@var{file}, @var{res})
## @deftypefnx {} {} ib_save (@var{file}, @var{res}, @var{format})
## Save the result @var{res} of @code{ib_train} to @var{file} as the variable
## @code{ib_result}, so that @var{file} is at every moment either its previous content or
## the complete new one, whatever happens during the call (a full disk, a kill, a Ctrl-C).
##
## The result is written to a new temporary file in the folder of @var{file} (a hidden
## name @file{.NAME.ib_save-PID-TAG.tmp}, unique to the call), loaded back and compared
## with @var{res}, and only then renamed over @var{file} (an atomic replacement).  When any
## step fails, the temporary file is deleted, @var{file} is left as it was and the error
## @code{ib:ib_save:failed} names the reason: the folder does not exist, @var{file} is a
## folder, the folder cannot be written (its system message), no space is left on the
## device (Octave's @code{save} itself reports nothing then: the check finds the short
## file), or the file written does not read back.  A missing folder or a @var{file} that is
## a folder fail at once, before anything is written.  Until the rename the disk needs room
## for both the old and the new file.  A process killed during the call cannot remove its
## temporary file: every call deletes those of the same @var{file} that have not been
## modified for a minute, so they do not accumulate.  If @var{file} is a symbolic link, the
## file it points to is replaced.  (The rename is atomic for other processes and against a
## kill; against a power cut the data would also have to reach the disk before the rename,
## which Octave cannot request.)
##
## @var{format} is @qcode{"-v7"} (default: MATLAB v7, compressed, readable by MATLAB and
## by SciPy's @code{loadmat}), @qcode{"-v6"} (MATLAB v6, uncompressed: as readable, files
## 1.1 to 5 times larger, but written in about 1 ms instead of 0.1 s for a result of 1 MB)
## or @qcode{"-binary"} (Octave's own format, Octave only).
##
## Other errors: @code{ib:ib_save:invalid_file} (@var{file} not a file name),
## @code{ib:ib_save:invalid_result} (@var{res} not a struct) and
## @code{ib:ib_save:invalid_format}.
##
## Example:
## @example
## res = ib_train (X, y, "epochs", 100, "seed", 3);
## ib_save ("run3.mat", res);
## s = load ("run3.mat");       # s.ib_result is res
## @end example
## @seealso{ib_train}
## @end deftypefn

function ib_save (file, res, format)
  if (nargin < 2 || nargin > 3)
    print_usage ();
  endif
  if (! ischar (file) || ! isrow (file))
    error ("ib:ib_save:invalid_file", "ib_save: FILE must be a file name");
  endif
  if (! isstruct (res))
    error ("ib:ib_save:invalid_result", "ib_save: RES must be a result of ib_train");
  endif
  if (nargin < 3)
    format = "-v7";
  elseif (! ischar (format) || ! any (strcmp (format, {"-v7", "-v6", "-binary"})))
    error ("ib:ib_save:invalid_format",
           "ib_save: FORMAT must be \"-v7\", \"-v6\" or \"-binary\"");
  endif

  file = link_target (file);
  if (isfolder (file))
    failed (file, "it is a folder");
  endif
  [folder, base, ext] = fileparts (file);
  name = [base ext];
  if (isempty (name))
    error ("ib:ib_save:invalid_file", "ib_save: FILE must be a file name, not '%s'", file);
  endif
  if (isempty (folder))
    folder = ".";
  endif
  if (! isfolder (folder))
    [~, err] = stat (folder);
    if (err == 0)
      failed (file, sprintf ("%s is not a folder", folder));
    endif
    failed (file, sprintf ("the folder %s does not exist", folder));
  endif

  ## the temporary names of FILE: hidden (no "*.mat" matches them), and a pid and a random
  ## tag make them unique to one call of one process
  prefix = ["." name(1:min(end, 100)) ".ib_save-"];
  remove_stale (folder, prefix);     # first: on a full disk this frees space
  tmp = fullfile (folder, temp_name (prefix));
  renamed = false;
  unwind_protect
    [fid, msg] = fopen (tmp, "w");
    if (fid < 0)
      failed (file, sprintf ("cannot create a file in %s: %s", folder, msg));
    endif
    fclose (fid);
    ib_result = res;
    try
      save (format, tmp, "ib_result");
    catch err
      failed (file, err.message);
    end_try_catch
    check_written (file, tmp, res, folder, prefix);
    [status, msg] = rename (tmp, file);
    if (status != 0)
      failed (file, sprintf ("cannot rename %s to it: %s", tmp, msg));
    endif
    renamed = true;
  unwind_protect_cleanup
    ## also reached on an error and on Ctrl-C
    if (! renamed)
      [~, ~] = unlink (tmp);
    endif
  end_unwind_protect
endfunction

function failed (file, reason)
  error ("ib:ib_save:failed", "ib_save: %s was not saved (left as it was): %s", file, reason);
endfunction

function file = link_target (file)
  [st, err] = lstat (file);
  if (err == 0 && S_ISLNK (st.mode))
    [target, status] = canonicalize_file_name (file);
    if (status == 0)      # a dangling link is replaced by the file itself
      file = target;
    endif
  endif
endfunction

## tempname draws its tag from the system, not from rand: the user's random stream is kept
function name = temp_name (prefix)
  [~, tag] = fileparts (tempname ());
  name = sprintf ("%s%d-%s.tmp", prefix, getpid (), tag);
endfunction

## Deletes the temporaries of PREFIX left by killed processes: those not written to for a
## minute.  A live writer keeps its file younger than that (or, if it stalls longer, its
## rename fails cleanly and FILE is untouched).
function remove_stale (folder, prefix)
  [names, err] = readdir (folder);
  if (err != 0)
    return;
  endif
  pattern = ["^" regexptranslate("escape", prefix) '\d+-[A-Za-z0-9_-]+\.tmp$'];
  for i = find (! cellfun (@isempty, regexp (names, pattern, "once")))'
    f = fullfile (folder, names{i});
    [st, err] = lstat (f);
    if (err == 0 && S_ISREG (st.mode) && time () - st.mtime > 60)
      [~, ~] = unlink (f);
    endif
  endfor
endfunction

function check_written (file, tmp, res, folder, prefix)
  try
    s = load (tmp);
    why = "";
    if (! isequal (fieldnames (s), {"ib_result"}) || ! isequaln (s.ib_result, res))
      why = "it does not read back identical";
    endif
  catch err
    why = err.message;
  end_try_catch
  if (! isempty (why))
    [st, err] = stat (tmp);
    bytes = st.size * (err == 0);
    if (no_space (folder, prefix))
      failed (file, sprintf ("no space left on the device of %s (the new file stopped at %d bytes)",
                             folder, bytes));
    endif
    failed (file, sprintf ("the new file (%d bytes) does not load back: %s", bytes, why));
  endif
endfunction

## True when a probe of 64 KiB cannot be written to FOLDER: after a save cut short by a full
## disk the space left is below one block.  fwrite of more than a buffer reports the error
## (fclose and fflush of a buffered stream do not).
function full = no_space (folder, prefix)
  probe = fullfile (folder, temp_name (prefix));
  [fid, msg] = fopen (probe, "w");
  if (fid < 0)
    full = ! isempty (strfind (lower (msg), "space"));
    return;
  endif
  unwind_protect
    count = fwrite (fid, zeros (65536, 1, "uint8"), "uint8");
    full = (count != 65536);
  unwind_protect_cleanup
    fclose (fid);
    [~, ~] = unlink (probe);
  end_unwind_protect
endfunction

%!shared r
%! r = struct ("epochs", [1; 2], "IXT", rand (2, 3), "W", {{rand(3, 2), int8([1 2])}},
%!             "options", struct ("layers", [5 3], "estimator", {{"bin"}}), "completed", false);

%!test
%! ## every format reads back identical; no temporary is left beside the file
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   for fmt = {"-v7", "-v6", "-binary"}
%!     f = fullfile (d, "run.mat");
%!     ib_save (f, r, fmt{1});
%!     s = load (f);
%!     assert (fieldnames (s), {"ib_result"});
%!     assert (isequaln (s.ib_result, r));
%!     assert (readdir (d), {"."; ".."; "run.mat"});
%!   endfor
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## the default is MATLAB v7: its header, then a compressed element (type 15)
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   f = fullfile (d, "a.mat");
%!   ib_save (f, r);
%!   fid = fopen (f);
%!   head = fread (fid, [1 10], "char=>char");
%!   fseek (fid, 128);
%!   type = fread (fid, 1, "uint32");
%!   fclose (fid);
%!   assert (head, "MATLAB 5.0");
%!   assert (type, 15);
%!   ## overwriting replaces the content
%!   r2 = r;
%!   r2.epochs = [1; 2; 3];
%!   ib_save (f, r2);
%!   s = load (f);
%!   assert (s.ib_result.epochs, [1; 2; 3]);
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## a symbolic link keeps pointing to the replaced file
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   ib_save (fullfile (d, "real.mat"), r);
%!   symlink ("real.mat", fullfile (d, "link.mat"));
%!   r2 = setfield (r, "epochs", 7);
%!   ib_save (fullfile (d, "link.mat"), r2);
%!   [st, err] = lstat (fullfile (d, "link.mat"));
%!   assert (err == 0 && S_ISLNK (st.mode));
%!   s = load (fullfile (d, "real.mat"));
%!   assert (s.ib_result.epochs, 7);
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## stale temporaries of the same file (older than a minute) are removed, young ones and
%! ## those of other files are not; the user's random stream is not touched
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   f = fullfile (d, "c.mat");
%!   old = fullfile (d, ".c.mat.ib_save-12345-oct-AbC123.tmp");
%!   young = fullfile (d, ".c.mat.ib_save-12346-oct-XyZ789.tmp");
%!   other = fullfile (d, ".d.mat.ib_save-12345-oct-AbC123.tmp");
%!   for g = {old, young, other}
%!     fclose (fopen (g{1}, "w"));
%!   endfor
%!   assert (system (sprintf ("touch -d '-2 minutes' '%s' '%s'", old, other)), 0);
%!   rand ("state", 4);
%!   ib_save (f, r);
%!   x = rand ();
%!   rand ("state", 4);
%!   assert (x, rand ());
%!   assert (sort (readdir (d)), sort ({"."; ".."; "c.mat"; young(numel (d)+2:end);
%!                                     other(numel (d)+2:end)}));
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!test
%! ## a save that fails leaves the old file as it was and no temporary
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   f = fullfile (d, "c.mat");
%!   ib_save (f, r);
%!   bad = setfield (r, "fh", @sin);      # MAT files cannot hold function handles
%!   try
%!     warning ("off", "all", "local");
%!     ib_save (f, bad);
%!     error ("no error");
%!   catch err
%!     assert (err.identifier, "ib:ib_save:failed");
%!   end_try_catch
%!   s = load (f);
%!   assert (isequaln (s.ib_result, r));
%!   assert (readdir (d), {"."; ".."; "c.mat"});
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!testif ; getuid () != 0
%! ## a folder without write permission (root writes there anyway: tests/checkpoints.m
%! ## uses a read-only file system)
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   f = fullfile (d, "c.mat");
%!   ib_save (f, r);
%!   assert (system (sprintf ("chmod a-w '%s'", d)), 0);
%!   try
%!     ib_save (f, setfield (r, "epochs", 9));
%!     error ("no error");
%!   catch err
%!     assert (err.identifier, "ib:ib_save:failed");
%!     assert (! isempty (strfind (err.message, "Permission denied")), err.message);
%!   end_try_catch
%!   s = load (f);
%!   assert (isequaln (s.ib_result, r));
%! unwind_protect_cleanup
%!   system (sprintf ("chmod u+w '%s'", d));
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

%!error <Invalid call> ib_save ()
%!error id=ib:ib_save:invalid_file ib_save (3, struct ())
%!error id=ib:ib_save:invalid_file ib_save ("", struct ())
%!error id=ib:ib_save:invalid_result ib_save ("a.mat", 3)
%!error id=ib:ib_save:invalid_format ib_save ("a.mat", struct (), "-v4")
%!error <does not exist> ib_save (fullfile (tempname (), "a.mat"), struct ())
%!error <is a folder> ib_save (tempdir (), struct ())
%!error id=ib:ib_save:failed ib_save (fullfile (tempname (), "a.mat"), struct ())
%!error id=ib:ib_save:failed ib_save (tempdir (), struct ())
%!error <is not a folder> ib_save (fullfile (which ("ib_save"), "a.mat"), struct ())
