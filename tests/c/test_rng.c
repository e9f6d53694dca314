/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_rng.c - the project's RNG: the published xoshiro256** and splitmix64 sequences,
 * moments of the uniform, normal and truncated normal draws, unbiased integers, shuffles. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "rng.h"

static size_t draws(size_t full)
{
  return getenv("IB_TEST_QUICK") ? full / 20 : full;
}

/* The reference outputs of the algorithms' authors (splitmix64 from state 0; xoshiro256**
 * from the state {1, 2, 3, 4}). */
static void test_reference_sequences(void)
{
  ib_rng rng;
  ib_rng_seed(&rng, 0);
  CHECK(rng.s[0] == UINT64_C(0xe220a8397b1dcdaf));
  CHECK(rng.s[1] == UINT64_C(0x6e789e6aa1b965f4));
  CHECK(rng.s[2] == UINT64_C(0x06c45d188009454f));
  CHECK(rng.s[3] == UINT64_C(0xf88bb8a8724c81ec));

  ib_rng fixed = {{1, 2, 3, 4}};
  CHECK(ib_rng_next(&fixed) == UINT64_C(11520));
  CHECK(ib_rng_next(&fixed) == UINT64_C(0));
  CHECK(ib_rng_next(&fixed) == UINT64_C(1509978240));
  CHECK(ib_rng_next(&fixed) == UINT64_C(1215971899390074240));
}

static void test_same_seed_same_stream(void)
{
  ib_rng a, b, c;
  ib_rng_seed(&a, 12345);
  ib_rng_seed(&b, 12345);
  ib_rng_seed(&c, 12346);
  int same = 1, differ_from_other_seed = 0;
  for (int i = 0; i < 1000; i++) {
    uint64_t x = ib_rng_next(&a), y = ib_rng_next(&b), z = ib_rng_next(&c);
    same &= x == y;
    differ_from_other_seed += x != z;
  }
  CHECK(same);
  CHECK(differ_from_other_seed == 1000);
  /* the state is the whole story: a copy continues identically */
  ib_rng copy = a;
  CHECK(ib_rng_normal(&a) == ib_rng_normal(&copy));
}

static void test_uniform(void)
{
  ib_rng rng;
  ib_rng_seed(&rng, 1);
  const size_t n = draws(1000000);
  double sum = 0, sum2 = 0, min = 1, max = 0;
  size_t odd_53bit = 0;
  for (size_t i = 0; i < n; i++) {
    double u = ib_rng_uniform(&rng);
    sum += u;
    sum2 += u * u;
    if (u < min) min = u;
    if (u > max) max = u;
    odd_53bit += fmod(ldexp(u, 53), 2.0) == 1.0; /* uses the 53rd bit */
  }
  double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(min >= 0 && max < 1);
  CHECK_CLOSE(mean, 0.5, 5 * sqrt(1.0 / 12 / n));
  CHECK_CLOSE(var, 1.0 / 12, 5 * sqrt(1.0 / 180 / n)); /* sd of the sample variance */
  CHECK(fabs(odd_53bit / (double) n - 0.5) < 5 * 0.5 / sqrt((double) n));
}

static void test_normal(void)
{
  ib_rng rng;
  ib_rng_seed(&rng, 2);
  const size_t n = draws(1000000);
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (size_t i = 0; i < n; i++) {
    double z = ib_rng_normal(&rng);
    m1 += z;
    m2 += z * z;
    m3 += z * z * z;
    m4 += z * z * z * z;
  }
  m1 /= n, m2 /= n, m3 /= n, m4 /= n;
  /* standard errors of the raw moments: sqrt(E z^2k / n) with E z^2 = 1, z^4 = 3, z^6 = 15,
   * z^8 = 105 */
  CHECK_CLOSE(m1, 0.0, 5 * sqrt(1.0 / n));
  CHECK_CLOSE(m2, 1.0, 5 * sqrt(2.0 / n));
  CHECK_CLOSE(m3, 0.0, 5 * sqrt(15.0 / n));
  CHECK_CLOSE(m4, 3.0, 5 * sqrt(96.0 / n));
}

static void test_truncated_normal(void)
{
  ib_rng rng;
  ib_rng_seed(&rng, 3);
  const size_t n = draws(1000000);
  /* variance of N(0,1) truncated to [-2, 2]: 1 - 2 * 2 phi(2) / (2 Phi(2) - 1) */
  const double phi2 = exp(-2.0) / sqrt(2 * 3.14159265358979323846), mass = erf(2 / sqrt(2.0));
  const double var_exact = 1 - 4 * phi2 / mass;
  double sum = 0, sum2 = 0, max_abs = 0;
  size_t beyond_1sd = 0;
  for (size_t i = 0; i < n; i++) {
    double z = ib_rng_truncated_normal(&rng);
    sum += z;
    sum2 += z * z;
    if (fabs(z) > max_abs) max_abs = fabs(z);
    beyond_1sd += fabs(z) > 1;
  }
  CHECK(max_abs <= 2.0);
  CHECK(max_abs > 1.9); /* the tails are reached, not clipped short */
  CHECK_CLOSE(sqrt(var_exact), 0.8796, 1e-4);
  CHECK_CLOSE(sum / n, 0.0, 5 * sqrt(var_exact / n));
  CHECK_CLOSE(sum2 / n, var_exact, 5 * sqrt(2.0 / n));
  /* P(|z| > 1 | |z| <= 2) = (erf(2/sqrt2) - erf(1/sqrt2)) / erf(2/sqrt2) */
  double p1 = (mass - erf(1 / sqrt(2.0))) / mass;
  CHECK_CLOSE(beyond_1sd / (double) n, p1, 5 * sqrt(p1 * (1 - p1) / n));
}

static void test_below(void)
{
  ib_rng rng;
  ib_rng_seed(&rng, 4);
  CHECK(ib_rng_below(&rng, 0) == 0);
  CHECK(ib_rng_below(&rng, 1) == 0);

  /* chi-square of 7 equally likely values (6 degrees of freedom: 99.99 % quantile 27.9) */
  const size_t n = draws(700000);
  size_t counts[7] = {0};
  int in_range = 1;
  for (size_t i = 0; i < n; i++) {
    uint64_t v = ib_rng_below(&rng, 7);
    in_range &= v < 7;
    if (v < 7)
      counts[v]++;
  }
  CHECK(in_range);
  double chi2 = 0, expected = n / 7.0;
  for (int k = 0; k < 7; k++)
    chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
  CHECK(chi2 < 27.9);

  /* no modulo bias: for n = 3 * 2^62, x mod n would put half the draws below 2^62 instead
   * of a third */
  const uint64_t big = UINT64_C(3) << 62;
  size_t low = 0;
  const size_t m = draws(200000);
  in_range = 1;
  for (size_t i = 0; i < m; i++) {
    uint64_t v = ib_rng_below(&rng, big);
    in_range &= v < big;
    low += v < (UINT64_C(1) << 62);
  }
  CHECK(in_range);
  CHECK_CLOSE(low / (double) m, 1.0 / 3, 5 * sqrt(2.0 / 9 / m));
}

static void test_shuffle(void)
{
  ib_rng rng;
  ib_rng_seed(&rng, 5);
  ib_rng_shuffle(&rng, NULL, 0); /* nothing to do, nothing touched */
  size_t one = 42;
  ib_rng_shuffle(&rng, &one, 1);
  CHECK(one == 42);

  /* a permutation: every value once */
  enum { N = 1000 };
  size_t a[N], seen[N] = {0};
  for (size_t i = 0; i < N; i++)
    a[i] = i;
  ib_rng_shuffle(&rng, a, N);
  size_t fixed_points = 0;
  for (size_t i = 0; i < N; i++) {
    if (a[i] < N)
      seen[a[i]]++;
    fixed_points += a[i] == i;
  }
  int permutation = 1;
  for (size_t i = 0; i < N; i++)
    permutation &= seen[i] == 1;
  CHECK(permutation);
  CHECK(fixed_points < 10); /* Poisson(1): P(>= 10) ~ 1e-7 */

  /* uniform over the 6 orders of 3 items (5 degrees of freedom: 99.99 % quantile 25.7) */
  const size_t n = draws(600000);
  size_t counts[6] = {0};
  for (size_t r = 0; r < n; r++) {
    size_t b[3] = {0, 1, 2};
    ib_rng_shuffle(&rng, b, 3);
    /* rank of the order: first item (3 choices) times 2, plus whether the rest ascend */
    counts[b[0] * 2 + (b[1] < b[2] ? 0 : 1)]++;
  }
  double chi2 = 0, expected = n / 6.0;
  for (int k = 0; k < 6; k++)
    chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
  CHECK(chi2 < 25.7);
}

int main(void)
{
  RUN_TEST(test_reference_sequences);
  RUN_TEST(test_same_seed_same_stream);
  RUN_TEST(test_uniform);
  RUN_TEST(test_normal);
  RUN_TEST(test_truncated_normal);
  RUN_TEST(test_below);
  RUN_TEST(test_shuffle);
  return CHECK_DONE();
}
