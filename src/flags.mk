# Copyright (C) 2026 The ib developers
# SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
# Flags for single files of the core, FLAGS_<file>, added by src/Makefile and
# tests/c/Makefile to the core's own. Adam's loop (optim.c) vectorises only with these:
# its square roots set no errno (v >= 0), and GCC's -O2 cost model refuses the loop.
FLAGS_optim = -fno-math-errno -fvect-cost-model=cheap
