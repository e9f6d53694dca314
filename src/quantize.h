/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* quantize.h - the uniform quantizer of quantized networks (after Lorenzen, Igel & Nielsen
 * 2022): 2^bits levels over a range [lo, hi],
 *
 *   step = (hi - lo) / (2^bits - 1),  c = min(max(a, lo), hi),
 *   q(a) = lo + floor((c - lo) / step + 0.5) * step,
 *
 * every operation one IEEE double operation in this order (so that plain Octave recomputes
 * the same bits): values beyond the range are clipped to its ends, a value halfway between
 * two levels goes to the upper one. The lane forms (8 doubles, 16 floats for the kernel's
 * single precision) compute floor exactly without a library call, so that the lane kernel
 * in double and the BLAS path give the same levels. A leaf module: it knows nothing of
 * networks. */
#ifndef IB_QUANTIZE_H
#define IB_QUANTIZE_H

#include <math.h>
#include <stddef.h>
#include "lanes.h"
#include "lanes_float.h"

/* The distance between two levels of `bits` bits over [lo, hi]. */
static inline double ib_quantize_step(unsigned bits, double lo, double hi)
{
  return (hi - lo) / (double) ((1ULL << bits) - 1);
}

static inline double ib_quantize_value(double a, double lo, double hi, double step)
{
  const double c = a < lo ? lo : a > hi ? hi : a;
  return lo + floor((c - lo) / step + 0.5) * step;
}

/* count values (or lane vectors) quantized in place with `bits` bits over range[0..1]
 * (lo, hi); nothing when bits is 0 (an unquantized network). */
static inline void ib_quantize(double *a, size_t count, unsigned bits, const double *range)
{
  if (bits == 0)
    return;
  const double lo = range[0], hi = range[1], step = ib_quantize_step(bits, lo, hi);
  for (size_t i = 0; i < count; i++)
    a[i] = ib_quantize_value(a[i], lo, hi, step);
}

/* P_quantize_one (a, lo, hi, step): q of each lane, the formula above in the lanes'
 * precision with floor computed exactly (w + 2^m - 2^m rounds w to a whole number; m the
 * precision's mantissa bits); P_quantize (z, count, bits, range): count vectors in place,
 * nothing for 0 bits. In single precision every quantity is a float: lo and hi rounded,
 * step = (hi - lo) / (2^bits - 1) and the rest in float arithmetic. */
#define IB_QUANTIZE_LANES(P, vec, scalar, magic)                                        \
  IB_LANE_INLINE vec P##_quantize_one(vec a, scalar lo, scalar hi, scalar step)         \
  {                                                                                     \
    const vec vlo = P##_broadcast(lo), vhi = P##_broadcast(hi);                         \
    const vec c = P##_select(a < vlo, vlo, P##_select(a > vhi, vhi, a));                \
    const vec w = (c - lo) / step + (scalar) 0.5; /* in [0.5, 2^bits - 0.5] */          \
    const vec t = (w + (magic)) - (magic);                                              \
    return lo + P##_select(t > w, t - (scalar) 1, t) * step; /* floor(w) */             \
  }                                                                                     \
  IB_LANE_INLINE void P##_quantize(vec *z, size_t count, unsigned bits,                  \
                                   const double *range)                                 \
  {                                                                                     \
    if (bits == 0)                                                                      \
      return;                                                                           \
    const scalar lo = (scalar) range[0], hi = (scalar) range[1];                        \
    const scalar step = (hi - lo) / (scalar) ((1u << bits) - 1);                        \
    for (size_t j = 0; j < count; j++)                                                  \
      z[j] = P##_quantize_one(z[j], lo, hi, step);                                      \
  }

IB_QUANTIZE_LANES(lane, ib_lane, double, 0x1p52)
IB_QUANTIZE_LANES(flane, ib_flane, float, 0x1p23f)

#endif
