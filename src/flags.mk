# Copyright (C) 2026 The ib developers
# SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
# Flags for single files of the core, FLAGS_<file>, added by src/Makefile and
# tests/c/Makefile to the core's own. Adam's loop (optim.c) vectorises only with these:
# its square roots set no errno (v >= 0), and GCC's -O2 cost model refuses the loop.
FLAGS_optim = -fno-math-errno -fvect-cost-model=cheap
# The lane kernel's passes (net_lanes_isa.c) are compiled once per x86-64 level, into
# net_lanes_isa_<level>.o, with ISA_FLAGS_<level>; net_lanes.c lists the same levels, best
# first, and picks one at run time. v4 and v3 have FMA (lanes_common.h's mul_add is fused).
LANES_ISAS = v4 v3 base
ISA_FLAGS_v4 = -march=x86-64-v4
ISA_FLAGS_v3 = -march=x86-64-v3
ISA_FLAGS_base =
