/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_lanes_isa.c - the lane kernel's passes for one x86-64 level: the Makefiles compile this
 * file once per level of LANES_ISAS (flags.mk), with -march for the level and
 * -DIB_ISA=<level>, into one table ib_lanes_isa_<level> each; net_lanes.c picks the table the
 * CPU runs. A level, not GCC's target_clones, because the fused multiply-adds (L(mul_add),
 * lanes_common.h) are chosen by the preprocessor (__FMA__). */
#include <stdlib.h>
#include <string.h>
#include "lanes.h"
#include "lanes_float.h"
#include "net_lanes_isa.h"
#include "quantize.h"

#ifndef IB_ISA
#error "net_lanes_isa.c is compiled with -DIB_ISA=<level> (src/Makefile)"
#endif

#define KERNEL_INLINE static inline __attribute__((always_inline))

/* the double kernel */
#define real double
#define vec ib_lane
#define LANES IB_LANES
#define L(fn) lane_##fn
#define K(fn) fn##_double
#define VEC_OF_ROWS(x, i) \
  ((ib_lane){x[0][i], x[1][i], x[2][i], x[3][i], x[4][i], x[5][i], x[6][i], x[7][i]})
#define VEC_OF_LABELS(y, r)                                                             \
  ((ib_lane){(double) y[r[0]], (double) y[r[1]], (double) y[r[2]], (double) y[r[3]],    \
             (double) y[r[4]], (double) y[r[5]], (double) y[r[6]], (double) y[r[7]]})
#include "net_lanes_kernel.h"
#undef real
#undef vec
#undef LANES
#undef L
#undef K
#undef VEC_OF_ROWS
#undef VEC_OF_LABELS

/* the single kernel */
#define real float
#define vec ib_flane
#define LANES IB_FLANES
#define L(fn) flane_##fn
#define K(fn) fn##_single
#define F(x, l, i) (float) x[l][i]
#define VEC_OF_ROWS(x, i)                                                               \
  ((ib_flane){F(x, 0, i), F(x, 1, i), F(x, 2, i), F(x, 3, i), F(x, 4, i), F(x, 5, i),   \
              F(x, 6, i), F(x, 7, i), F(x, 8, i), F(x, 9, i), F(x, 10, i), F(x, 11, i), \
              F(x, 12, i), F(x, 13, i), F(x, 14, i), F(x, 15, i)})
#define G(y, r, l) (float) y[r[l]]
#define VEC_OF_LABELS(y, r)                                                              \
  ((ib_flane){G(y, r, 0), G(y, r, 1), G(y, r, 2), G(y, r, 3), G(y, r, 4), G(y, r, 5),    \
              G(y, r, 6), G(y, r, 7), G(y, r, 8), G(y, r, 9), G(y, r, 10), G(y, r, 11),  \
              G(y, r, 12), G(y, r, 13), G(y, r, 14), G(y, r, 15)})
#include "net_lanes_kernel.h"

/* The single kernel's out = delta .* f'(z) on plain floats, 16 at a time (the tail's lanes
 * padded with zeros, never stored). */
static void times_derivative_floats(ib_activation act, const float *a, const float *delta,
                                    float *out, size_t count)
{
  for (size_t i = 0; i < count; i += IB_FLANES) {
    const size_t m = count - i < IB_FLANES ? count - i : IB_FLANES;
    ib_flane va = flane_broadcast(0), vd = va;
    memcpy(&va, a + i, m * sizeof(float));
    memcpy(&vd, delta + i, m * sizeof(float));
    vd = times_derivative_single(act, va, vd);
    memcpy(out + i, &vd, m * sizeof(float));
  }
}

#define TABLE_NAME(isa) TABLE_NAME_(isa)
#define TABLE_NAME_(isa) ib_lanes_isa_##isa
#define STRING(isa) STRING_(isa)
#define STRING_(isa) #isa
#ifdef __FMA__
#define FUSED 1
#else
#define FUSED 0
#endif

const ib_lanes_isa TABLE_NAME(IB_ISA) = {STRING(IB_ISA), FUSED, gradient_double, gradient_single,
                                         forward_all_double, forward_all_single, activate_values_double,
                                         activate_values_single, times_derivative_floats};
