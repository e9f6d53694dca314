/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* lanes_float.h - arithmetic on IB_FLANES floats at once, for the single-precision variant
 * of the lane kernel (net_lanes_kernel.h, "precision" "single"): twice the rows per vector of
 * lanes.h and shorter polynomials, as float32 needs. The same rule as lanes.h holds: only
 * the IEEE operations written here, flane_mul_add fused in the x86-64-v4 and v3 builds (the
 * same bits in both) and not in the baseline build. */
#ifndef IB_LANES_FLOAT_H
#define IB_LANES_FLOAT_H

#include <stdint.h>
#include "lanes_common.h"

#define IB_FLANES 16

IB_LANE_TYPES(ib_flane, ib_flane_mask, ib_flane_bits, float, int32_t, uint32_t, IB_FLANES)


IB_LANE_PRIMITIVES(flane, ib_flane, ib_flane_mask, ib_flane_bits, float, 0x80000000U)
IB_LANE_MUL_ADD(flane, ib_flane, __builtin_fmaf, IB_FLANES)

/* y = n ln 2 + r with |r| <= ln 2 / 2 (Cephes' two-part ln 2): returns 2^n, valid for
 * whole n in [-126, 127], and sets *em1_r = e^r - 1 by its Taylor series to r^7 (the next
 * term is below 2e-8 of it, under a quarter of float's ulp). */
IB_LANE_INLINE ib_flane flane_exp_parts(ib_flane y, ib_flane *em1_r)
{
#define B(v) flane_broadcast(v)
  const ib_flane shifted = flane_mul_add(B(1.44269504f), y, B(0x1.8p23f));
  const ib_flane n = shifted - 0x1.8p23f;
  const ib_flane r = flane_mul_add(-n, B(-2.12194440e-4f), flane_mul_add(-n, B(0.693359375f), y));
  /* the series in Estrin's order: a short chain of dependent operations */
  const ib_flane r2 = r * r, r4 = r2 * r2;
  const ib_flane poly = flane_mul_add(r4, flane_mul_add(r, B(1.0f / 5040), B(1.0f / 720)),
                                      flane_mul_add(r2, flane_mul_add(r, B(1.0f / 120), B(1.0f / 24)),
                                                    flane_mul_add(r, B(1.0f / 6), B(0.5f))));
#undef B
  *em1_r = flane_mul_add(r2, poly, r);
  return (ib_flane) (((ib_flane_bits) shifted + 127) << 23);
}

/* exp(x) to within a few ulp, x clamped to [-87, 88] (e^-87 = 1.6e-38 stands for every
 * smaller value, so the result stays normal). NaN stays NaN. */
IB_LANE_INLINE ib_flane flane_exp(ib_flane x)
{
  const ib_flane lo = flane_broadcast(-87.0f), hi = flane_broadcast(88.0f);
  ib_flane em1_r;
  const ib_flane two_n = flane_exp_parts(flane_select(x < lo, lo, flane_select(x > hi, hi, x)),
                                         &em1_r);
  return flane_mul_add(two_n, em1_r, two_n);
}

/* tanh(x) to within a few ulp: with m = e^(-2|x|) - 1 = 2^n (e^r - 1) + (2^n - 1), which
 * nothing cancels in (n = 0 near 0), tanh|x| = -m / (2 + m); |x| > 10 gives +-1 (tanh(10)
 * rounds to 1; what the exponential computes there, out of its range, is discarded, so no
 * clamp lengthens the chain). NaN stays NaN. */
IB_LANE_INLINE ib_flane flane_tanh(ib_flane x)
{
  const ib_flane ax = flane_abs(x), limit = flane_broadcast(10.0f);
  ib_flane em1_r;
  const ib_flane two_n = flane_exp_parts(-2.0f * ax, &em1_r);
  const ib_flane m = flane_mul_add(two_n, em1_r, two_n - 1.0f);
  return flane_copysign(flane_select(ax > limit, flane_broadcast(1.0f), -m / (2.0f + m)), x);
}

/* the series to s^11: its next term is below 3e-8 of it */
IB_LANE_LOG1P_UNIT(flane, ib_flane, ib_flane_mask, float, 11, 0.693359375f, -2.12194440e-4f)

/* Sum of the lanes in a fixed order (a tree), the same in every compiled variant. */
_Static_assert(IB_FLANES == 16, "flane_sum adds sixteen lanes");
IB_LANE_INLINE float flane_sum(ib_flane v)
{
  return (((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]))) +
         (((v[8] + v[9]) + (v[10] + v[11])) + ((v[12] + v[13]) + (v[14] + v[15])));
}

#endif
