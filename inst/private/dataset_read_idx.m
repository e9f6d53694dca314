## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## A = dataset_read_idx (file, n_take)
## Reads an IDX file of unsigned bytes (the MNIST format: big-endian uint32 magic
## 0x000008DD with DD the number of dimensions, then DD big-endian uint32 sizes, then the
## data, last dimension fastest) and returns its first n_take items (all when n_take is
## empty) as a uint8 matrix with one item per row.  A file ending in .gz is decompressed
## into a temporary folder first.  Errors: ib:ib_dataset:invalid_file.
function A = dataset_read_idx (file, n_take)
  tmp_dir = "";
  unwind_protect
    if (numel (file) > 3 && strcmpi (file(end-2:end), ".gz"))
      tmp_dir = tempname ();
      mkdir (tmp_dir);
      try
        unpacked = gunzip (file, tmp_dir);
      catch err
        bad (file, sprintf ("cannot decompress it (%s)", err.message));
      end_try_catch
      if (numel (unpacked) != 1)
        bad (file, "it does not hold exactly one file");
      endif
      A = read_raw (unpacked{1}, file, n_take);
    else
      A = read_raw (file, file, n_take);
    endif
  unwind_protect_cleanup
    if (! isempty (tmp_dir) && exist (tmp_dir, "dir"))
      confirm_recursive_rmdir (false, "local");
      rmdir (tmp_dir, "s");
    endif
  end_unwind_protect
endfunction

function A = read_raw (path, shown_name, n_take)
  [fid, msg] = fopen (path, "r", "ieee-be");
  if (fid < 0)
    bad (shown_name, msg);
  endif
  unwind_protect
    magic = fread (fid, 4, "uint8=>double");
    if (numel (magic) != 4 || magic(1) != 0 || magic(2) != 0)
      bad (shown_name, "it does not start with an IDX magic number");
    endif
    if (magic(3) != 8)
      bad (shown_name, sprintf ("element type 0x%02X is not unsigned byte (0x08)", magic(3)));
    endif
    n_dims = magic(4);
    if (n_dims < 1)
      bad (shown_name, "it declares no dimensions");
    endif
    dims = fread (fid, n_dims, "uint32=>double");
    if (numel (dims) != n_dims)
      bad (shown_name, "its header is truncated");
    endif
    n_items = dims(1);
    item_size = prod (dims(2:end));
    if (isempty (n_take))
      n_take = n_items;
    elseif (n_take > n_items)
      error ("ib:ib_dataset:invalid_option",
             "ib_dataset: \"n\" = %d exceeds the %d items of %s", n_take, n_items, shown_name);
    endif
    [A, count] = fread (fid, [item_size, n_take], "uint8=>uint8");
    if (count != item_size * n_take)
      bad (shown_name, sprintf ("it is truncated: %d of %d data bytes", count,
                                item_size * n_take));
    endif
    A = A.';
  unwind_protect_cleanup
    fclose (fid);
  end_unwind_protect
endfunction

function bad (file, why)
  error ("ib:ib_dataset:invalid_file", "ib_dataset: %s is not a valid IDX file: %s",
         file, why);
endfunction
