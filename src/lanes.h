/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* lanes.h - arithmetic on IB_LANES doubles at once (GCC vector extensions), for the kernel
 * that trains small networks with one row of a block per lane (net_lanes_kernel.h).
 *
 * Every function does, lane by lane, exactly the IEEE operations written here; the one choice
 * left to the compiler is lane_mul_add (lanes_common.h): fused (one rounding) in the lane
 * kernel's builds for x86-64-v4 and v3 (AVX-512, AVX2 + FMA), a product and a sum in the
 * baseline build. So v4 and v3 give bit-identical results, and a CPU without FMA results
 * that differ from theirs in the last bits; the build's -ffp-contract=off fuses nothing
 * else. */
#ifndef IB_LANES_H
#define IB_LANES_H

#include <stdint.h>
#include <string.h>
#include "lanes_common.h"

#define IB_LANES 8

IB_LANE_TYPES(ib_lane, ib_lane_mask, ib_lane_bits, double, int64_t, uint64_t, IB_LANES)


IB_LANE_PRIMITIVES(lane, ib_lane, ib_lane_mask, ib_lane_bits, double, 0x8000000000000000ULL)
IB_LANE_MUL_ADD(lane, ib_lane, __builtin_fma, IB_LANES)

/* 2^n for whole numbers n in [-1022, 1023] held in `shifted` = n + 0x1.8p52 (n sits in the
 * low mantissa bits). */
IB_LANE_INLINE ib_lane lane_pow2_of_shifted(ib_lane shifted)
{
  return (ib_lane) (((ib_lane_bits) shifted + 1023) << 52);
}

/* Cephes' exp on y = n ln 2 + r (|r| <= ln 2 / 2): n as n + 0x1.8p52 in *shifted and the
 * Pade form e^r = (q + p) / (q - p), in multiply-adds (ln 2 in Cody and Waite's two parts:
 * |n| goes up to 1022 here). */
IB_LANE_INLINE void lane_exp_parts(ib_lane y, ib_lane *shifted, ib_lane *p, ib_lane *q)
{
  *shifted = lane_mul_add(lane_broadcast(1.4426950408889634073599), y, lane_broadcast(0x1.8p52));
  const ib_lane n = *shifted - 0x1.8p52;
  const ib_lane r = lane_mul_add(-n, lane_broadcast(1.42860682030941723212E-6),
                                 lane_mul_add(-n, lane_broadcast(6.93145751953125E-1), y));
  const ib_lane r2 = r * r;
  *p = r * lane_mul_add(lane_mul_add(lane_broadcast(1.26177193074810590878E-4), r2,
                                     lane_broadcast(3.02994407707441961300E-2)),
                        r2, lane_broadcast(9.99999999999999999910E-1));
  *q = lane_mul_add(lane_mul_add(lane_mul_add(lane_broadcast(3.00198505138664455042E-6), r2,
                                              lane_broadcast(2.52448340349684104192E-3)),
                                 r2, lane_broadcast(2.27265548208155028766E-1)),
                    r2, lane_broadcast(2.00000000000000000009E0));
}

/* exp(x) to within about 2 ulp, with x clamped to [-708, 709] (so e^x stays normal and
 * finite; below, e^-708 = 3.3e-308 stands for every smaller value). NaN stays NaN. */
IB_LANE_INLINE ib_lane lane_exp(ib_lane x)
{
  const ib_lane lo = lane_broadcast(-708.0), hi = lane_broadcast(709.0);
  ib_lane shifted, p, q;
  lane_exp_parts(lane_select(x < lo, lo, lane_select(x > hi, hi, x)), &shifted, &p, &q);
  return (1.0 + 2.0 * p / (q - p)) * lane_pow2_of_shifted(shifted);
}

/* tanh(x) to within 4 ulp: tanh|x| = (1 - e) / (1 + e) with e = exp(-2|x|) =
 * 2^n (q + p) / (q - p), Cephes' Pade form of e^r, so that nothing cancels near 0 and each
 * value costs one division; |x| > 20 gives +-1 (tanh(20) rounds to 1; what the exponential
 * computes there, out of its range, is discarded). NaN stays NaN. Written in h = -r / 2 =
 * |x| + n ln(2) / 2, with P = -p / 2 and Q = -q / 2 (the same ratio; the constants scaled
 * by powers of 2, so the same roundings), which saves forming -2|x|; h in one multiply-add
 * rather than Cody and Waite's two (the rounding of ln(2) / 2, times |n| <= 58, moves tanh
 * by well under an ulp: the largest error against tanhl stays 2.9 ulp for |x| > 0.17, 4.0
 * below, n = 0); Q in Horner's order. The multiply pipes, not the chain of dependent
 * operations, are the limit in the kernel: each of the three saves one (one run's epoch
 * 1 %, 1.5 % and 1.5 % faster). */
IB_LANE_INLINE ib_lane lane_tanh(ib_lane x)
{
  const ib_lane ax = lane_abs(x);
  const ib_lane shifted = lane_mul_add(lane_broadcast(-2.0 * 1.4426950408889634073599), ax,
                                       lane_broadcast(0x1.8p52));
  const ib_lane n = shifted - 0x1.8p52;
  const ib_lane h = lane_mul_add(n, lane_broadcast(0.34657359027997264), ax); /* ln(2) / 2 */
  const ib_lane h2 = h * h;
  const ib_lane P =
      lane_mul_add(h * h2,
                   lane_mul_add(lane_broadcast(16.0 * 1.26177193074810590878E-4), h2,
                                lane_broadcast(4.0 * 3.02994407707441961300E-2)),
                   h);
  ib_lane Q = lane_mul_add(lane_broadcast(-0.5 * 64.0 * 3.00198505138664455042E-6), h2,
                           lane_broadcast(-0.5 * 16.0 * 2.52448340349684104192E-3));
  Q = lane_mul_add(Q, h2, lane_broadcast(-0.5 * 4.0 * 2.27265548208155028766E-1));
  Q = lane_mul_add(Q, h2, lane_broadcast(-0.5 * 2.00000000000000000009E0));
  const ib_lane two_n = lane_pow2_of_shifted(shifted);
  const ib_lane q_minus_p = Q - P, two_n_2p = (two_n + two_n) * P;
  const ib_lane num = lane_mul_add(q_minus_p, 1.0 - two_n, -two_n_2p);
  const ib_lane den = lane_mul_add(q_minus_p, 1.0 + two_n, two_n_2p);
  return lane_copysign(lane_select(ax > lane_broadcast(20.0), lane_broadcast(1.0), num / den), x);
}

/* the series to s^23: its next term is below 1e-17 of it */
IB_LANE_LOG1P_UNIT(lane, ib_lane, ib_lane_mask, double, 23, 6.93147180369123816490E-1,
                   1.90821492927058770002E-10)

/* Sum of the lanes in a fixed order (a tree), the same in every compiled variant. */
_Static_assert(IB_LANES == 8, "lane_sum adds eight lanes");
IB_LANE_INLINE double lane_sum(ib_lane v)
{
  return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
}

#endif
