## -*- texinfo -*-
## @deftypefn {} {} ib_save (@var{file}, @var{res})
## Save the result @var{res} of @code{ib_train} to @var{file} (MATLAB v7 format, variable
## @code{ib_result}) without ever leaving a truncated file: it is written to a temporary
## file in the same folder and renamed over @var{file} only when complete.
##
## Example:
## @example
## res = ib_train (X, y, "epochs", 100, "seed", 3);
## ib_save ("run3.mat", res);
## @end example
## @seealso{ib_train}
## @end deftypefn

function ib_save (file, res)
  if (nargin != 2)
    print_usage ();
  endif
  if (! ischar (file) || ! isrow (file))
    error ("ib:ib_save:invalid_file", "ib_save: FILE must be a file name");
  endif
  if (! isstruct (res))
    error ("ib:ib_save:invalid_result", "ib_save: RES must be a result of ib_train");
  endif
  tmp = [file ".tmp"];
  ib_result = res;
  save ("-v7", tmp, "ib_result");
  [ok, msg] = rename (tmp, file);
  if (ok != 0)
    error ("ib:ib_save:failed", "ib_save: could not rename %s to %s: %s", tmp, file, msg);
  endif
endfunction

%!test
%! f = [tempname() ".mat"];
%! r = struct ("epochs", [1; 2], "IXT", rand (2, 3));
%! ib_save (f, r);
%! s = load (f);
%! unlink (f);
%! assert (s.ib_result, r);
%!error <Invalid call> ib_save ()
%!error id=ib:ib_save:invalid_file ib_save (3, struct ())
%!error id=ib:ib_save:invalid_result ib_save ("a.mat", 3)
