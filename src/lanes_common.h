/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* lanes_common.h - the types and the bit-level primitives of a vector type of lanes, written once for
 * lanes.h (doubles) and lanes_float.h (floats): P_broadcast, P_select (mask ? a : b, lane by
 * lane, mask lanes all ones or all zeros as comparisons give), P_abs, P_copysign (the
 * magnitude of a with the sign of s), P_max and P_mul_add. */
#ifndef IB_LANES_COMMON_H
#define IB_LANES_COMMON_H

#define IB_LANE_INLINE static inline __attribute__((always_inline))

/* The vector type of `count` scalars, its comparison mask and its bits. */
#define IB_LANE_TYPES(vec, mask_t, bits_t, scalar, int_t, uint_t, count)          \
  typedef scalar vec __attribute__((vector_size((count) * sizeof(scalar))));     \
  typedef int_t mask_t __attribute__((vector_size((count) * sizeof(scalar))));   \
  typedef uint_t bits_t __attribute__((vector_size((count) * sizeof(scalar))));

#define IB_LANE_PRIMITIVES(P, vec, mask_t, bits_t, scalar, sign_bit)                     \
  IB_LANE_INLINE vec P##_broadcast(scalar v) /* v - 0 is v, -0 and NaN too: folded away */ \
  {                                                                                      \
    return v - (vec){0};                                                                 \
  }                                                                                      \
  IB_LANE_INLINE vec P##_select(mask_t m, vec a, vec b)    \
  {                                                                                      \
    return (vec) (((bits_t) m & (bits_t) a) | (~(bits_t) m & (bits_t) b));               \
  }                                                                                      \
  IB_LANE_INLINE vec P##_abs(vec x)                        \
  {                                                                                      \
    return (vec) ((bits_t) x & ~((bits_t){0} + (sign_bit)));                             \
  }                                                                                      \
  IB_LANE_INLINE vec P##_copysign(vec a, vec s)            \
  {                                                                                      \
    const bits_t sign = (bits_t){0} + (sign_bit);                                        \
    return (vec) (((bits_t) a & ~sign) | ((bits_t) s & sign));                           \
  }                                                                                      \
  IB_LANE_INLINE vec P##_max(vec a, vec b)                 \
  {                                                                                      \
    return P##_select(a > b, a, b);                                                      \
  }

/* P_mul_add(a, b, c) = a * b + c lane by lane, rounded once (a fused multiply-add) where the
 * compiler targets FMA (__FMA__: the x86-64-v3 and v4 builds of the lane kernel,
 * net_lanes_isa.c) and twice elsewhere. GCC makes the loop of fma calls one vector
 * instruction; the build's -ffp-contract=off fuses nothing else. */
#ifdef __FMA__
#define IB_LANE_MUL_ADD(P, vec, fma_fn, count)                                           \
  IB_LANE_INLINE vec P##_mul_add(vec a, vec b, vec c)                                    \
  {                                                                                      \
    vec r;                                                                               \
    for (int l = 0; l < (count); l++)                                                    \
      r[l] = fma_fn(a[l], b[l], c[l]);                                                   \
    return r;                                                                            \
  }
#else
#define IB_LANE_MUL_ADD(P, vec, fma_fn, count)                                           \
  IB_LANE_INLINE vec P##_mul_add(vec a, vec b, vec c)                                    \
  {                                                                                      \
    return a * b + c;                                                                    \
  }
#endif

/* P_log1p_unit(u): log(1 + u) for u in [0, 1] to within a few ulp: w = 1 + u = 2^e m with
 * m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s) = 2 (s + s^3/3 + ... + s^K/K) with
 * s = (m - 1) / (m + 1), |s| <= 0.172, and log1p(u) = log(w) u / (w - 1), which stays exact
 * where 1 + u rounds; K (odd) and ln 2 = ln2_hi + ln2_lo are the precision's. */
#define IB_LANE_LOG1P_UNIT(P, vec, mask_t, scalar, K, ln2_hi, ln2_lo)                    \
  IB_LANE_INLINE vec P##_log1p_unit(vec u)                                               \
  {                                                                                      \
    const vec one = P##_broadcast(1), w = one + u;                                       \
    const mask_t big = w > P##_broadcast((scalar) 1.4142135623730951);                   \
    const vec m = P##_select(big, (scalar) 0.5 * w, w);                                  \
    const vec e = P##_select(big, one, P##_broadcast(0));                                \
    const vec s = (m - one) / (m + one), s2 = s * s;                                     \
    vec series = P##_broadcast((scalar) 1 / (K));                                        \
    for (int k = (K) - 2; k >= 1; k -= 2)                                                \
      series = series * s2 + (scalar) 1 / k;                                             \
    const vec log_w = e * (scalar) (ln2_hi) + ((scalar) 2 * s * series + e * (scalar) (ln2_lo)); \
    const vec wm1 = w - one;                                                             \
    return P##_select(wm1 == P##_broadcast(0), u, log_w * (u / wm1));                    \
  }

#endif
