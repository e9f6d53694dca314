/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* rng.c - xoshiro256** with splitmix64 seeding and the draws the trainer needs. */
#include <math.h>
#include "rng.h"

static uint64_t splitmix64(uint64_t *x)
{
  uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

void ib_rng_seed(ib_rng *rng, uint64_t seed)
{
  uint64_t x = seed;
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64(&x);
  /* splitmix64 is a bijection of distinct counters, so four zeros cannot happen; keep the
   * guarantee explicit anyway since the all-zero state is a fixed point */
  if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0)
    rng->s[0] = UINT64_C(0x9E3779B97F4A7C15);
}

/* The draws as inline functions, so that the shuffle's loop (a few percent of training)
 * makes no calls. */
static inline uint64_t next_bits(ib_rng *rng)
{
  uint64_t *s = rng->s;
  const uint64_t result = rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

uint64_t ib_rng_next(ib_rng *rng)
{
  return next_bits(rng);
}

double ib_rng_uniform(ib_rng *rng)
{
  return (double) (next_bits(rng) >> 11) * 0x1.0p-53;
}

double ib_rng_normal(ib_rng *rng)
{
  double u, v, s;
  do {
    u = 2.0 * ib_rng_uniform(rng) - 1.0;
    v = 2.0 * ib_rng_uniform(rng) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  return u * sqrt(-2.0 * log(s) / s);
}

double ib_rng_truncated_normal(ib_rng *rng)
{
  double z;
  do
    z = ib_rng_normal(rng);
  while (fabs(z) > 2.0);
  return z;
}

/* High and low 64 bits of a * b: one instruction where the compiler has 128-bit integers,
 * else in portable C (the same product either way). */
static void mul_64x64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
#ifdef __SIZEOF_INT128__
  const unsigned __int128 p = (unsigned __int128) a * b;
  *hi = (uint64_t) (p >> 64);
  *lo = (uint64_t) p;
#else
  const uint64_t mask = UINT64_C(0xFFFFFFFF);
  uint64_t a_lo = a & mask, a_hi = a >> 32, b_lo = b & mask, b_hi = b >> 32;
  uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
  uint64_t middle = (p0 >> 32) + (p1 & mask) + (p2 & mask);
  *lo = (middle << 32) | (p0 & mask);
  *hi = p3 + (p1 >> 32) + (p2 >> 32) + (middle >> 32);
#endif
}

static inline uint64_t below(ib_rng *rng, uint64_t n)
{
  uint64_t hi, lo;
  if (n == 0)
    return 0;
  mul_64x64(next_bits(rng), n, &hi, &lo);
  if (lo < n) {
    /* reject the (2^64 mod n) low products that would make some values more likely */
    const uint64_t threshold = (0 - n) % n;
    while (lo < threshold)
      mul_64x64(next_bits(rng), n, &hi, &lo);
  }
  return hi;
}

uint64_t ib_rng_below(ib_rng *rng, uint64_t n)
{
  return below(rng, n);
}

void ib_rng_shuffle(ib_rng *rng, size_t *a, size_t n)
{
  /* the state in a local copy: a's stores could otherwise alias it (size_t and uint64_t
   * are one type here), and it would be reloaded from memory at every draw */
  ib_rng local = *rng;
  for (size_t i = n; i > 1; i--) {
    size_t j = (size_t) below(&local, (uint64_t) i);
    size_t t = a[i - 1];
    a[i - 1] = a[j];
    a[j] = t;
  }
  *rng = local;
}
