## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## The package's own bookkeeping: INDEX lists exactly the functions of inst/, DESCRIPTION
## and configure.ac name the same version, README's commands install the tarball of that
## version, and every function's help has an example.

%!function root = repo_root ()
%!  root = fileparts (fileparts (which ("ib_train")));   # the checkout of inst/
%!endfunction

%!test
%! root = repo_root ();
%! files = glob (fullfile (root, "inst", "*.m"));
%! [~, names] = cellfun (@fileparts, files, "UniformOutput", false);
%! text = fileread (fullfile (root, "INDEX"));
%! listed = regexp (text, '^ (\w+)\s*$', "tokens", "lineanchors");
%! listed = cellfun (@(c) c{1}, listed, "UniformOutput", false);
%! assert (sort (listed(:)), sort (names(:)));

%!test
%! root = repo_root ();
%! desc = regexp (fileread (fullfile (root, "DESCRIPTION")), '^Version:\s*(\S+)', "tokens",
%!                "once", "lineanchors"){1};
%! ac = regexp (fileread (fullfile (root, "configure.ac")), 'AC_INIT\(\[ib\], \[([^]]+)\]',
%!              "tokens", "once"){1};
%! assert (desc, ac);
%! readme = fileread (fullfile (root, "README.md"));
%! tarballs = unique (regexp (readme, 'ib-[0-9.]+\.tar\.gz', "match"));
%! assert (tarballs, {sprintf("ib-%s.tar.gz", desc)});

%!test
%! root = repo_root ();
%! for f = glob (fullfile (root, "inst", "*.m"))'
%!   text = fileread (f{1});
%!   assert (! isempty (strfind (text, "-*- texinfo -*-")), f{1});
%!   assert (! isempty (strfind (text, "@example")), f{1});
%! endfor
