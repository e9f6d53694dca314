## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## A real, finite, non-empty matrix as a full double; a row vector becomes a column if
## AS_COLUMN.
function A = mi_check_data (fn, A, what, as_column)
  id = ["ib:" fn ":invalid_input"];
  if (! (isnumeric (A) || islogical (A)) || ! isreal (A) || isempty (A) || ndims (A) != 2)
    error (id, "%s: %s must be a non-empty real numeric matrix", fn, what);
  endif
  A = full (double (A));
  if (! all (isfinite (A(:))))
    error (id, "%s: %s must not contain NaN or Inf", fn, what);
  endif
  if (as_column && rows (A) == 1)
    A = A(:);
  endif
endfunction
