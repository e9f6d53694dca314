## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {[@var{X}, @var{y}] =} ib_dataset (@qcode{"tishby"})
## @deftypefnx {} {[@var{X}, @var{y}] =} ib_dataset (@qcode{"tishby"}, @var{file})
## @deftypefnx {} {[@var{X}, @var{y}] =} ib_dataset (@qcode{"fashion-mnist"}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{X}, @var{y}] =} ib_dataset (@qcode{"fashion-mnist-test"}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{X}, @var{y}] =} ib_dataset (@qcode{"mnist"}, @var{dir}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{X}, @var{y}] =} ib_dataset (@qcode{"mnist-test"}, @var{dir}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {[@var{X}, @var{y}, @var{info}] =} ib_dataset (@dots{})
## Data sets for information-plane experiments: one sample per row of @var{X}, the labels
## in the column @var{y}.
##
## @strong{"tishby"} is a task of the kind of Shwartz-Ziv & Tishby (2017), "Opening the
## black box of deep neural networks via information": 12 binary inputs, the units sitting
## on the 12 vertices of a regular icosahedron (12 points spread evenly on a sphere), all
## 4096 patterns, and a label given by a rotation-invariant function of the active points.
##
## With @var{file}, the paper's own labels are read from it: a MAT file such as the
## paper's @file{var_u.mat} with fields @code{F} (4096 x 12 logical patterns) and @code{y}
## (1 x 4096 labels); @var{X} = @code{double (F)} and @var{y} = @code{double (y(:))}.
## That file is not part of this package.
##
## Without @var{file}, a data set of the same kind is generated.  @strong{These are not the
## paper's labels.}  Row @var{r} of @var{X} is the binary expansion of @var{r}-1 with unit 1
## as the most significant bit (the order of @file{var_u.mat}).  Unit @var{i} sits at
## the unit vector @var{u}_i = @code{@var{info}.vertices(@var{i},:)}, a cyclic permutation
## of (0, +-1, +-phi)/sqrt(1 + phi^2), phi the golden ratio.  For a pattern @var{x} with
## @var{k} active units the score is
##
## @example
## f(x) = k + |s|^2 / 2,   s = sum of u_i over the active units,
## @end example
##
## the number of active units plus half the squared length of their resultant: a smooth
## quadratic form in @var{x} that grows with the number of active points and, at a given
## number, with how clustered they are on the sphere.  It depends on the points only
## through their dot products, so any rotation (or reflection) of the icosahedron onto
## itself, which permutes the units, leaves every label unchanged.  The label is
## @code{y = (f >= median (f))} over the 4096 patterns.  The score takes few distinct
## values and the median is one of them; @strong{ties at the median get label 1} (a rule
## that depends on the score alone, so it keeps the rotation invariance; the score is
## computed from the exact integer counts of active pairs at each of the three distances
## of the icosahedron, so equal configurations give bit-identical scores).  Then
## p(y = 1) = 0.5127 (the paper reports 0.5171 for its own labels); labels depend on the
## pattern and not on the count alone for 4 to 7 active units: the best rule using the
## count alone (the best linear classifier with equal weights) is right for only 84.5 % of
## the patterns, while the paper's [10 7 5 4 3] tanh network trained with Adam (learning
## rate 4e-4, batch 512) exceeds 90 % training accuracy after about 400 epochs and
## reaches about 97 % after 1500.  No random numbers are used: every call returns the
## same data set.
##
## @strong{"fashion-mnist"} (the 60000 training images) and
## @strong{"fashion-mnist-test"} (the 10000 test images) read the IDX files of Debian's
## package @code{dataset-fashion-mnist} in @file{/usr/share/datasets/fashion-mnist}
## (gzipped or not).  @var{X} is @var{n} x 784 (28 x 28 pixels, row by row) in [0, 1]
## (pixel / 255) and @var{y} the class 0..9.  Options:
## @table @asis
## @item "n"
## Take only the first @var{n} images (default: all).
## @item "folder"
## Read the files @file{train-images-idx3-ubyte[.gz]},
## @file{train-labels-idx1-ubyte[.gz]} (or @file{t10k-@dots{}}) from another folder.
## @end table
##
## @strong{"mnist"} (the 60000 training digits) and @strong{"mnist-test"} (the 10000 test
## digits) read the IDX files of LeCun et al.'s MNIST in the same way, from the folder
## @var{dir} (default: the current folder; the option @qcode{"folder"} is the same):
## @file{train-images-idx3-ubyte[.gz]} and @file{train-labels-idx1-ubyte[.gz]}, or
## @file{t10k-images-idx3-ubyte[.gz]} and @file{t10k-labels-idx1-ubyte[.gz]}.  @var{X} is
## @var{n} x 784 in [0, 1] (pixel / 255), @var{y} the digit 0..9, and @qcode{"n"} takes the
## first @var{n} images.  MNIST is not part of this package nor of Debian; a missing file
## is an error @code{ib:ib_dataset:missing_file} that names it.
##
## The optional @var{info} is a struct with @code{source} (the file or folder read, or
## @qcode{"generated"}) and, for the generated set, @code{vertices} (12 x 3),
## @code{score} (f of each row) and @code{threshold} (the median); for Fashion-MNIST and
## MNIST, @code{class_names}.
##
## Errors have the ids @code{ib:ib_dataset:unknown_name}, @code{invalid_name},
## @code{not_found} (a missing file or package), @code{missing_file} (a missing MNIST
## file), @code{invalid_file} (a file of the wrong
## shape or format) and @code{invalid_option}.
##
## Example:
## @example
## [X, y] = ib_dataset ("tishby");          # 4096 x 12 and 4096 x 1
## res = ib_train (X, y, "epochs", 1000);
## ib_plane (res);
## [X, y] = ib_dataset ("fashion-mnist", "n", 5000);
## [X, y] = ib_dataset ("mnist-test", "~/data/mnist");   # 10000 x 784 and 10000 x 1
## @end example
## @seealso{ib_train, ib_plane}
## @end deftypefn

function [X, y, info] = ib_dataset (name, varargin)

  if (nargin < 1)
    print_usage ();
  endif
  if (! ischar (name) || ! (isrow (name) || isempty (name)))
    error ("ib:ib_dataset:invalid_name", "ib_dataset: NAME must be a string");
  endif

  switch (lower (name))
    case "tishby"
      if (numel (varargin) > 1)
        error ("ib:ib_dataset:invalid_option",
               "ib_dataset: \"tishby\" takes at most one argument, a file name");
      elseif (numel (varargin) == 1)
        [X, y, info] = tishby_from_file (varargin{1});
      else
        [X, y, info] = tishby_generated ();
      endif
    case {"fashion-mnist", "fashion-mnist-test"}
      [X, y, info] = idx_dataset ("fashion", strcmpi (name, "fashion-mnist-test"), varargin);
    case {"mnist", "mnist-test"}
      [X, y, info] = idx_dataset ("mnist", strcmpi (name, "mnist-test"), varargin);
    otherwise
      error ("ib:ib_dataset:unknown_name",
             ["ib_dataset: unknown data set '%s' (known: tishby, fashion-mnist, " ...
              "fashion-mnist-test, mnist, mnist-test)"], name);
  endswitch

endfunction

function [X, y, info] = tishby_generated ()
  U = dataset_icosahedron ();
  X = dec2bin (0:4095, 12) - "0";
  ## The icosahedron has three distances between distinct vertices: neighbours
  ## (dot 1/sqrt(5)), second neighbours (-1/sqrt(5)) and antipodes (-1), which
  ## round (sqrt(5) * dot) tells apart as 1, -1 and -2.
  pair_kind = round (sqrt (5) * (U * U.'));
  count_pairs = @(kind) sum ((X * double (pair_kind == kind)) .* X, 2) / 2;
  n_near = count_pairs (1);
  n_far = count_pairs (-1);
  n_antipodal = count_pairs (-2);
  k = sum (X, 2);
  ## k + |s|^2 / 2 with |s|^2 = k + 2 (n_near - n_far) / sqrt(5) - 2 n_antipodal
  score = 1.5 * k + (n_near - n_far) / sqrt (5) - n_antipodal;
  threshold = median (score);
  y = double (score >= threshold);
  X = double (X);
  info = struct ("source", "generated", "vertices", U, "score", score,
                 "threshold", threshold);
endfunction

function [X, y, info] = tishby_from_file (file)
  if (! ischar (file) || ! isrow (file))
    error ("ib:ib_dataset:invalid_option", "ib_dataset: FILE must be a file name");
  endif
  if (! exist (file, "file"))
    error ("ib:ib_dataset:not_found", "ib_dataset: file '%s' not found", file);
  endif
  try
    S = load (file);
  catch err
    error ("ib:ib_dataset:invalid_file", "ib_dataset: cannot load '%s': %s", file,
           err.message);
  end_try_catch
  if (! isstruct (S) || ! all (isfield (S, {"F", "y"})))
    error ("ib:ib_dataset:invalid_file",
           "ib_dataset: '%s' must hold the variables F (patterns) and y (labels)", file);
  endif
  F = S.F;
  labels = S.y;
  valid_values = @(v) (islogical (v) || isnumeric (v)) && isreal (v) && ! isempty (v) ...
                      && all (v(:) == 0 | v(:) == 1);
  if (! valid_values (F) || ndims (F) != 2 || ! valid_values (labels) || ! isvector (labels)
      || numel (labels) != rows (F))
    error ("ib:ib_dataset:invalid_file",
           "ib_dataset: in '%s', F must be an n x d 0/1 matrix and y n labels 0/1", file);
  endif
  X = double (F);
  y = double (labels(:));
  info = struct ("source", file);
endfunction

## The two IDX sets differ only in their folder, the error for a missing file and the
## class names.  MNIST has no Debian package: its folder is given as DIR (an optional
## first argument) or "folder", the current folder by default.
function [X, y, info] = idx_dataset (kind, is_test, args)
  if (strcmp (kind, "mnist"))
    folder = ".";
    if (mod (numel (args), 2) == 1)
      folder = args{1};
      args = args(2:end);
    endif
    missing_id = "ib:ib_dataset:missing_file";
    hint = "put the MNIST IDX files there (gzipped or not)";
    class_names = arrayfun (@num2str, 0:9, "UniformOutput", false);
  else
    folder = "/usr/share/datasets/fashion-mnist";
    missing_id = "ib:ib_dataset:not_found";
    hint = ["install the Debian package dataset-fashion-mnist " ...
            "(apt install dataset-fashion-mnist)"];
    class_names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", ...
                   "Shirt", "Sneaker", "Bag", "Ankle boot"};
  endif
  opts = struct ("n", [], "folder", folder);
  if (mod (numel (args), 2) != 0)
    error ("ib:ib_dataset:invalid_option", "ib_dataset: options must be name, value pairs");
  endif
  for i = 1:2:numel (args)
    key = args{i};
    if (! ischar (key) || ! isfield (opts, lower (key)))
      error ("ib:ib_dataset:invalid_option", "ib_dataset: unknown option '%s'",
             disp_name (key));
    endif
    opts.(lower (key)) = args{i+1};
  endfor
  n = opts.n;
  if (! isempty (n) && ! (isnumeric (n) && isscalar (n) && isreal (n) && n >= 1
                          && n == round (n) && isfinite (n)))
    error ("ib:ib_dataset:invalid_option", "ib_dataset: \"n\" must be a positive integer");
  endif
  if (! ischar (opts.folder) || ! isrow (opts.folder))
    error ("ib:ib_dataset:invalid_option", "ib_dataset: \"folder\" must be a folder name");
  endif

  if (is_test)
    prefix = "t10k";
  else
    prefix = "train";
  endif
  image_file = find_idx (opts.folder, [prefix "-images-idx3-ubyte"], missing_id, hint);
  label_file = find_idx (opts.folder, [prefix "-labels-idx1-ubyte"], missing_id, hint);
  images = dataset_read_idx (image_file, double (n));
  labels = dataset_read_idx (label_file, double (n));
  if (columns (images) != 784 || columns (labels) != 1 || rows (images) != rows (labels))
    error ("ib:ib_dataset:invalid_file",
           "ib_dataset: %s and %s do not hold matching 28 x 28 images and labels",
           image_file, label_file);
  endif
  X = double (images);
  clear images;
  X /= 255;                             # in place: the full set is 376 MB of doubles
  y = double (labels);
  info = struct ("source", opts.folder, "class_names", {class_names});
endfunction

function path = find_idx (folder, base, missing_id, hint)
  path = fullfile (folder, [base ".gz"]);
  if (exist (path, "file"))
    return;
  endif
  path = fullfile (folder, base);
  if (exist (path, "file"))
    return;
  endif
  error (missing_id, "ib_dataset: %s[.gz] not found in %s; %s", base, folder, hint);
endfunction

function s = disp_name (key)
  if (ischar (key))
    s = key;
  else
    s = sprintf ("<%s>", class (key));
  endif
endfunction

%!shared X, y, info
%! [X, y, info] = ib_dataset ("tishby");

%!test
%! assert (size (X), [4096 12]);
%! assert (size (y), [4096 1]);
%! assert (size (unique (X, "rows"), 1), 4096);
%! assert (all (X(:) == 0 | X(:) == 1));
%! assert (all (y == 0 | y == 1));
%! assert (abs (mean (y) - 0.5) < 0.02);

## row r is the binary expansion of r-1, unit 1 most significant
%!assert (X * 2 .^ (11:-1:0)', (0:4095)')

## the score is k + |sum of active unit vectors|^2 / 2, recomputed from the geometry
%!test
%! s = X * info.vertices;
%! assert (info.score, sum (X, 2) + sum (s .^ 2, 2) / 2, 1e-12);
%! assert (y, double (info.score >= median (info.score)));
%! assert (info.threshold, median (info.score));

## the vertices form a regular icosahedron: unit vectors, each with 5 neighbours at
## dot 1/sqrt(5), 5 at -1/sqrt(5) and its antipode
%!test
%! U = info.vertices;
%! G = U * U';
%! assert (diag (G), ones (12, 1), 1e-14);
%! for i = 1:12
%!   g = sort (G(i, [1:i-1, i+1:12]));
%!   assert (g, [-1, -ones(1,5)/sqrt(5), ones(1,5)/sqrt(5)], 1e-14);
%! endfor

## rotation invariance: a rotation of the icosahedron onto itself permutes the units;
## every pattern keeps its label.  Rotations by 2 pi/5 about a vertex, 2 pi/3 about a
## face centre, pi about an edge midpoint, and the inversion u -> -u.
%!test
%! U = info.vertices;
%! rodrigues = @(a, t) cos (t) * eye (3) + sin (t) * [0 -a(3) a(2); a(3) 0 -a(1); -a(2) a(1) 0] ...
%!                     + (1 - cos (t)) * (a(:) * a(:)');
%! G = U * U';
%! nb = find (abs (G(1,:) - 1/sqrt (5)) < 1e-12);       # the 5 neighbours of vertex 1
%! j = nb(1);  k = nb(find (abs (G(j, nb) - 1/sqrt (5)) < 1e-12, 1));  # a face 1, j, k
%! axes_angles = {U(1,:), 2*pi/5; sum(U([1 j k],:)), 2*pi/3; U(1,:) + U(j,:), pi};
%! maps = {};
%! for r = 1:rows (axes_angles)
%!   a = axes_angles{r, 1} / norm (axes_angles{r, 1});
%!   maps{end+1} = rodrigues (a, axes_angles{r, 2});
%! endfor
%! maps{end+1} = -eye (3);
%! weights = 2 .^ (11:-1:0)';
%! for m = 1:numel (maps)
%!   moved = U * maps{m}';
%!   distances = sqrt (sum ((permute (moved, [1 3 2]) - permute (U, [3 1 2])) .^ 2, 3));
%!   [dist, perm] = min (distances, [], 2);
%!   assert (max (dist) < 1e-12);                     # each vertex lands on a vertex
%!   assert (sort (perm)', 1:12);
%!   assert (! isequal (perm', 1:12));                # not the identity
%!   Xmoved = zeros (size (X));
%!   Xmoved(:, perm) = X;                             # unit i's state moves to unit perm(i)
%!   assert (y(Xmoved * weights + 1), y);
%! endfor
%! ## swapping two neighbouring units is no symmetry: some labels change
%! swap = 1:12;  swap([1 j]) = [j 1];
%! Xs = X(:, swap);
%! assert (any (y(Xs * weights + 1) != y));

## deterministic
%!test
%! [X2, y2, info2] = ib_dataset ("tishby");
%! assert (isequal (X2, X) && isequal (y2, y) && isequal (info2.score, info.score));

## the labels depend on more than the number of active units
%!test
%! k = sum (X, 2);
%! best = 0;
%! for j = 0:12
%!   best += max (sum (y(k == j)), sum (1 - y(k == j)));
%! endfor
%! assert (best / 4096 < 0.9);

%!test
%! f = [tempname() ".mat"];
%! unwind_protect
%!   F = logical (X(1:8,:));  y = [0 1 0 1 1 0 0 1];
%!   save ("-v7", f, "F", "y");
%!   [X2, y2, info2] = ib_dataset ("tishby", f);
%!   assert (X2, X(1:8,:));
%!   assert (y2, [0 1 0 1 1 0 0 1]');
%!   assert (info2.source, f);
%! unwind_protect_cleanup
%!   delete (f);
%! end_unwind_protect

## the paper's own labels, when a copy is available (it is not shipped)
%!testif ; exist (fullfile (fileparts (fileparts (which ("ib_dataset"))), "..", "shared", "data", "var_u.mat"), "file") == 2
%! files = {fullfile(fileparts (fileparts (which ("ib_dataset"))), "..", "shared", "data", "var_u.mat")};
%! if (true)
%!   [Xp, yp] = ib_dataset ("tishby", files{1});
%!   assert (size (Xp), [4096 12]);
%!   assert (size (unique (Xp, "rows"), 1), 4096);
%!   assert (round (mean (yp) * 1e4) / 1e4, 0.5171);
%!   assert (Xp, X);    # same pattern order as the generated set
%! endif

## write_idx (file, dims, data): an IDX file of unsigned bytes, gzipped when FILE ends in .gz
%!function write_idx (file, dims, data)
%!  gz = numel (file) > 3 && strcmp (file(end-2:end), ".gz");
%!  plain = file(1:end - 3 * gz);
%!  fid = fopen (plain, "w", "ieee-be");
%!  fwrite (fid, [0 0 8 numel(dims)], "uint8");  fwrite (fid, dims, "uint32");
%!  fwrite (fid, data, "uint8");  fclose (fid);
%!  if (gz)
%!    gzip (plain);
%!    delete (plain);
%!  endif
%!endfunction

## IDX reading on a hand-made file: 3 images of 2 x 3 pixels, plain and gzipped
%!test
%! d = tempname ();  mkdir (d);
%! unwind_protect
%!   pix = uint8 ([0 255 3 4 5 6; 7 8 9 10 11 12; 13 14 15 16 17 255]);
%!   write_idx (fullfile (d, "t10k-images-idx3-ubyte"), [3 2 3], pix');
%!   write_idx (fullfile (d, "t10k-labels-idx1-ubyte"), 3, [9 0 4]);
%!   ## 6 pixels per image, not 784
%!   fail ('ib_dataset ("fashion-mnist-test", "folder", d)', "28 x 28");
%!   ## a valid 784-pixel set, gzipped
%!   pix = uint8 (mod (reshape (0:3*784-1, 784, 3)', 256));
%!   delete (fullfile (d, "t10k-images-idx3-ubyte"));
%!   write_idx (fullfile (d, "t10k-images-idx3-ubyte.gz"), [3 28 28], pix');
%!   [Xf, yf] = ib_dataset ("fashion-mnist-test", "folder", d);
%!   assert (Xf, double (pix) / 255);
%!   assert (yf, [9; 0; 4]);
%!   [Xf, yf] = ib_dataset ("fashion-mnist-test", "folder", d, "n", 2);
%!   assert (Xf, double (pix(1:2,:)) / 255);
%!   assert (yf, [9; 0]);
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

## MNIST on hand-made files: the training set plain, the test set gzipped (images) and
## plain (labels); the folder as DIR or as "folder"; a missing file is named
%!test
%! d = tempname ();  mkdir (d);
%! unwind_protect
%!   pix = uint8 (mod (7 * reshape (0:5*784-1, 784, 5)' + 3, 256));     # 5 images
%!   lab = [3 1 4 1 5];
%!   write_idx (fullfile (d, "train-images-idx3-ubyte"), [5 28 28], pix');
%!   write_idx (fullfile (d, "train-labels-idx1-ubyte"), 5, lab);
%!   write_idx (fullfile (d, "t10k-images-idx3-ubyte.gz"), [2 28 28], pix([5 1],:)');
%!   write_idx (fullfile (d, "t10k-labels-idx1-ubyte"), 2, lab([5 1]));
%!   [Xm, ym, im] = ib_dataset ("mnist", d);
%!   assert (Xm, double (pix) / 255);
%!   assert (ym, lab');
%!   assert (im.source, d);
%!   assert (im.class_names, {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"});
%!   [Xm, ym] = ib_dataset ("mnist", "folder", d, "n", 3);
%!   assert (Xm, double (pix(1:3,:)) / 255);
%!   assert (ym, lab(1:3)');
%!   [Xm, ym] = ib_dataset ("MNIST-test", d, "n", 1);
%!   assert (Xm, double (pix(5,:)) / 255);
%!   assert (ym, 5);
%!   [Xm, ym] = ib_dataset ("mnist-test", d);
%!   assert (Xm, double (pix([5 1],:)) / 255);
%!   assert (ym, [5; 3]);
%!   fail ('ib_dataset ("mnist-test", d, "n", 3)', "exceeds the 2 items");
%!   delete (fullfile (d, "t10k-labels-idx1-ubyte"));
%!   fail ('ib_dataset ("mnist-test", d)', "t10k-labels-idx1-ubyte\\[\\.gz\\] not found");
%!   try
%!     ib_dataset ("mnist-test", d);
%!   catch err
%!     assert (err.identifier, "ib:ib_dataset:missing_file");
%!     assert (! isempty (strfind (err.message, d)));
%!   end_try_catch
%!   if (! exist ("train-images-idx3-ubyte", "file") && ! exist ("train-images-idx3-ubyte.gz", "file"))
%!     fail ('ib_dataset ("mnist")', "not found in \\.;");    # the current folder by default
%!   endif
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect

## the bytes of a gzipped file, unpacked into the folder T
%!function bytes = gunzipped_bytes (file, t)
%!  fid = fopen (gunzip (file, t){1});
%!  bytes = fread (fid, Inf, "uint8=>double");
%!  fclose (fid);
%!endfunction

## MNIST's test set and training labels, when a copy is beside the repository (not shipped);
## the expected pixels and label counts come from the raw bytes, read here on their own
%!testif ; exist (fullfile (fileparts (fileparts (which ("ib_dataset"))), "..", "shared", "data", "mnist", "t10k-images-idx3-ubyte.gz"), "file") == 2
%! dm = fullfile (fileparts (fileparts (which ("ib_dataset"))), "..", "shared", "data", "mnist");
%! t = tempname ();  mkdir (t);
%! unwind_protect
%!   image_bytes = gunzipped_bytes (fullfile (dm, "t10k-images-idx3-ubyte.gz"), t);
%!   label_bytes = gunzipped_bytes (fullfile (dm, "t10k-labels-idx1-ubyte.gz"), t);
%!   [Xm, ym, im] = ib_dataset ("mnist-test", dm);
%!   assert (size (Xm), [10000 784]);
%!   assert (size (ym), [10000 1]);
%!   assert (min (Xm(:)) == 0 && max (Xm(:)) == 1);
%!   pixels = reshape (image_bytes(17:end), 784, 10000)';
%!   assert (max (abs (Xm(:) * 255 - pixels(:))) < 1e-9);      # (assert with a tolerance is slow)
%!   assert (ym, label_bytes(9:end));
%!   counts = accumarray (label_bytes(9:end) + 1, 1)';
%!   assert (accumarray (ym + 1, 1)', counts);
%!   assert (counts, [980 1135 1032 1010 982 892 958 1028 974 1009]);   # as published
%!   [X5, y5] = ib_dataset ("mnist-test", "folder", dm, "n", 5);
%!   assert (X5, Xm(1:5,:));
%!   assert (y5, ym(1:5));
%!   ## the training images are not there: the error names the file
%!   fail ('ib_dataset ("mnist", dm)', "train-images-idx3-ubyte\\[\\.gz\\] not found");
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (t, "s");
%! end_unwind_protect

## Debian's dataset-fashion-mnist, when installed
%!testif ; exist ("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", "file")
%! if (true)
%!   [Xf, yf, info_f] = ib_dataset ("fashion-mnist-test");
%!   assert (size (Xf), [10000 784]);
%!   assert (min (Xf(:)) >= 0 && max (Xf(:)) <= 1);
%!   assert (Xf * 255, round (Xf * 255), 1e-9);
%!   assert (accumarray (yf + 1, 1), 1000 * ones (10, 1));   # 1000 test images per class
%!   assert (numel (info_f.class_names), 10);
%!   [X5, y5] = ib_dataset ("fashion-mnist", "n", 5);
%!   assert (size (X5), [5 784]);
%!   assert (all (ismember (y5, 0:9)));
%! endif

%!error <Invalid call> ib_dataset ()
%!error id=ib:ib_dataset:invalid_name ib_dataset (3)
%!error id=ib:ib_dataset:unknown_name ib_dataset ("no-such-set")
%!error id=ib:ib_dataset:not_found ib_dataset ("tishby", "/no/such/file/var_u.mat")
%!error id=ib:ib_dataset:not_found ib_dataset ("fashion-mnist", "folder", "/no/such/folder")
%!error id=ib:ib_dataset:missing_file ib_dataset ("mnist", "/no/such/folder")
%!error id=ib:ib_dataset:missing_file ib_dataset ("mnist-test", "folder", "/no/such/folder")
%!error id=ib:ib_dataset:invalid_option ib_dataset ("mnist", "/no/such/folder", "n")
%!error id=ib:ib_dataset:invalid_option ib_dataset ("mnist", 3)
%!error id=ib:ib_dataset:invalid_option ib_dataset ("mnist-test", ".", "bogus", 1)
%!error id=ib:ib_dataset:invalid_option ib_dataset ("tishby", "a.mat", "b")
%!error id=ib:ib_dataset:invalid_option ib_dataset ("tishby", 3)
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", "n")
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", "bogus", 1)
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", "n", -1)
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", "n", 2.5)
%!error id=ib:ib_dataset:invalid_option ib_dataset ("fashion-mnist", "folder", 1)
%!error id=ib:ib_dataset:invalid_file
%! f = [tempname() ".mat"];
%! unwind_protect
%!   F = true (4, 12);  labels = [0 1 0 1];
%!   save ("-v7", f, "F", "labels");        # no variable y
%!   ib_dataset ("tishby", f);
%! unwind_protect_cleanup
%!   delete (f);
%! end_unwind_protect
%!error id=ib:ib_dataset:invalid_file
%! f = [tempname() ".mat"];
%! unwind_protect
%!   F = true (4, 12);  y = [0 1 0];         # 3 labels for 4 rows
%!   save ("-v7", f, "F", "y");
%!   ib_dataset ("tishby", f);
%! unwind_protect_cleanup
%!   delete (f);
%! end_unwind_protect
%!error id=ib:ib_dataset:invalid_file
%! f = [tempname() ".mat"];
%! unwind_protect
%!   fid = fopen (f, "w");  fputs (fid, "not a mat file\n");  fclose (fid);
%!   ib_dataset ("tishby", f);
%! unwind_protect_cleanup
%!   delete (f);
%! end_unwind_protect
%!error id=ib:ib_dataset:invalid_file
%! d = tempname ();  mkdir (d);
%! unwind_protect
%!   for base = {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}
%!     fid = fopen (fullfile (d, base{1}), "w");  fwrite (fid, [1 2 3 4 5], "uint8");  fclose (fid);
%!   endfor
%!   ib_dataset ("fashion-mnist-test", "folder", d);     # bad magic number
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect
%!error id=ib:ib_dataset:invalid_file
%! d = tempname ();  mkdir (d);
%! unwind_protect
%!   fid = fopen (fullfile (d, "t10k-images-idx3-ubyte"), "w", "ieee-be");
%!   fwrite (fid, [0 0 8 3], "uint8");  fwrite (fid, [2 28 28], "uint32");
%!   fwrite (fid, zeros (1, 784), "uint8");  fclose (fid);   # 1 of 2 images
%!   fid = fopen (fullfile (d, "t10k-labels-idx1-ubyte"), "w", "ieee-be");
%!   fwrite (fid, [0 0 8 1], "uint8");  fwrite (fid, 2, "uint32");
%!   fwrite (fid, [1 2], "uint8");  fclose (fid);
%!   ib_dataset ("fashion-mnist-test", "folder", d);     # truncated
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect
