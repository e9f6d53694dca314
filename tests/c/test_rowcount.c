/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_rowcount.c - ids of distinct rows, entropy and conditional entropy of ids, against
 * hand-made cases and a quadratic-time reference. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "rng.h"
#include "rowcount.h"

/* The reference: ids by comparing each row with every earlier first occurrence. */
static size_t brute_row_ids(const int32_t *codes, size_t n, size_t d, size_t *ids)
{
  size_t k = 0;
  size_t *first = malloc(n * sizeof *first);
  for (size_t i = 0; i < n; i++) {
    size_t j;
    for (j = 0; j < k; j++) {
      size_t c;
      for (c = 0; c < d; c++)
        if (codes[i + c * n] != codes[first[j] + c * n])
          break;
      if (c == d)
        break;
    }
    if (j == k)
      first[k++] = i;
    ids[i] = j;
  }
  free(first);
  return k;
}

static double h2(double p)
{
  return -p * log2(p) - (1 - p) * log2(1 - p);
}

static void test_hand_made_int_rows(void)
{
  /* rows (1,5) (2,5) (1,5) (1,6) (2,5) -> ids 0 1 0 2 1 */
  const int32_t codes[] = {1, 2, 1, 1, 2, 5, 5, 5, 6, 5};
  const size_t expected[] = {0, 1, 0, 2, 1};
  size_t ids[5], k = 99;
  CHECK(ib_row_ids_int(codes, 5, 2, ids, &k) == IB_OK);
  CHECK(k == 3);
  for (int i = 0; i < 5; i++)
    CHECK(ids[i] == expected[i]);
  /* one column only: 1 2 1 1 2 */
  CHECK(ib_row_ids_int(codes, 5, 1, ids, &k) == IB_OK);
  CHECK(k == 2 && ids[0] == 0 && ids[1] == 1 && ids[3] == 0 && ids[4] == 1);
  /* no rows */
  CHECK(ib_row_ids_int(codes, 0, 2, ids, &k) == IB_OK && k == 0);
  CHECK(ib_row_ids_int(NULL, 5, 2, ids, &k) == IB_ERR_ARG);
  CHECK(ib_row_ids_int(codes, 5, 2, ids, NULL) == IB_ERR_ARG);
  CHECK(ib_row_ids_int(codes, SIZE_MAX / 2, 3, ids, &k) == IB_ERR_TOO_LARGE);
}

static void test_double_rows(void)
{
  /* rows (0, 1.5) (-0, 1.5) (0, -1.5) (1e-300, 1.5) (0, 1.5): -0 and +0 are one symbol */
  const double A[] = {0.0, -0.0, 0.0, 1e-300, 0.0, 1.5, 1.5, -1.5, 1.5, 1.5};
  size_t ids[5], k;
  CHECK(ib_row_ids_double(A, 5, 2, ids, &k) == IB_OK);
  CHECK(k == 3);
  CHECK(ids[0] == 0 && ids[1] == 0 && ids[2] == 1 && ids[3] == 2 && ids[4] == 0);
  /* neighbouring doubles are different symbols */
  {
    double B[2] = {0.1, 0};
    B[1] = nextafter(B[0], 1);
    CHECK(ib_row_ids_double(B, 2, 1, ids, &k) == IB_OK && k == 2);
  }
}

static void test_against_brute_force(void)
{
  const size_t n = getenv("IB_TEST_QUICK") ? 1500 : 6000, d = 3;
  int32_t *codes = malloc(n * d * sizeof *codes);
  size_t *ids = malloc(n * sizeof *ids), *ref = malloc(n * sizeof *ref), k, k_ref;
  ib_rng rng;
  ib_rng_seed(&rng, 7);
  /* a small alphabet, so that rows repeat */
  for (size_t i = 0; i < n * d; i++)
    codes[i] = (int32_t) ib_rng_below(&rng, 4) - 2;
  CHECK(ib_row_ids_int(codes, n, d, ids, &k) == IB_OK);
  k_ref = brute_row_ids(codes, n, d, ref);
  CHECK(k == k_ref && k == 64);
  CHECK(memcmp(ids, ref, n * sizeof *ids) == 0);
  free(codes);
  free(ids);
  free(ref);
}

static void test_many_rows(void)
{
  const size_t n = getenv("IB_TEST_QUICK") ? 20000 : 1000000;
  int32_t *codes = malloc(2 * n * sizeof *codes);
  size_t *ids = malloc(n * sizeof *ids), k;
  int ok = 1;
  /* all distinct rows (i, i mod 7) */
  for (size_t i = 0; i < n; i++) {
    codes[i] = (int32_t) i;
    codes[i + n] = (int32_t) (i % 7);
  }
  CHECK(ib_row_ids_int(codes, n, 2, ids, &k) == IB_OK);
  CHECK(k == n);
  for (size_t i = 0; i < n; i++)
    ok &= ids[i] == i;
  CHECK(ok);
  /* a period of 1000 rows */
  for (size_t i = 0; i < n; i++)
    codes[i] = (int32_t) (i % 1000);
  CHECK(ib_row_ids_int(codes, n, 1, ids, &k) == IB_OK);
  CHECK(k == 1000);
  ok = 1;
  for (size_t i = 0; i < n; i++)
    ok &= ids[i] == i % 1000;
  CHECK(ok);
  free(codes);
  free(ids);
}

static void test_entropy_of_ids(void)
{
  const size_t uniform[] = {0, 1, 2, 3, 3, 2, 1, 0};
  const size_t skewed[] = {0, 0, 0, 1};
  double h = -1;
  CHECK(ib_entropy_of_ids(uniform, 8, 4, &h) == IB_OK);
  CHECK_CLOSE(h, 2.0, 1e-15);
  CHECK(ib_entropy_of_ids(skewed, 4, 2, &h) == IB_OK);
  CHECK_CLOSE(h, h2(0.25), 1e-15);
  /* k larger than the ids used: empty classes add nothing */
  CHECK(ib_entropy_of_ids(skewed, 4, 10, &h) == IB_OK);
  CHECK_CLOSE(h, h2(0.25), 1e-15);
  CHECK(ib_entropy_of_ids(skewed, 3, 1, &h) == IB_OK);
  CHECK(h == 0);
  CHECK(ib_entropy_of_ids(skewed, 4, 1, &h) == IB_ERR_ARG);   /* id 1 >= k */
  CHECK(ib_entropy_of_ids(skewed, 0, 2, &h) == IB_ERR_ARG);
  CHECK(ib_entropy_of_ids(NULL, 4, 2, &h) == IB_ERR_ARG);
}

static void test_conditional_entropy(void)
{
  /* pairs (a,b): (0,0) (1,0) (0,1) (0,1): H(A|B) = 1/2 H(1/2) + 1/2 * 0 = 1/2 */
  const size_t a[] = {0, 1, 0, 0}, b[] = {0, 0, 1, 1};
  /* independent: a = i mod 2, b = (i / 2) mod 2 */
  const size_t ai[] = {0, 1, 0, 1, 0, 1, 0, 1}, bi[] = {0, 0, 1, 1, 0, 0, 1, 1};
  double h = -1;
  CHECK(ib_conditional_entropy_of_ids(a, 2, b, 2, 4, &h) == IB_OK);
  CHECK_CLOSE(h, 0.5, 1e-15);
  /* H(B|A): a=0 -> b in {0,1,1}, a=1 -> b = 0: 3/4 H(1/3) */
  CHECK(ib_conditional_entropy_of_ids(b, 2, a, 2, 4, &h) == IB_OK);
  CHECK_CLOSE(h, 0.75 * h2(1.0 / 3), 1e-15);
  CHECK(ib_conditional_entropy_of_ids(a, 2, a, 2, 4, &h) == IB_OK);
  CHECK(h == 0);
  CHECK(ib_conditional_entropy_of_ids(ai, 2, bi, 2, 8, &h) == IB_OK);
  CHECK_CLOSE(h, 1.0, 1e-15);
  CHECK(ib_conditional_entropy_of_ids(a, 1, b, 2, 4, &h) == IB_ERR_ARG);   /* a id >= ka */
  CHECK(ib_conditional_entropy_of_ids(a, 2, b, 1, 4, &h) == IB_ERR_ARG);
  CHECK(ib_conditional_entropy_of_ids(a, 2, b, 2, 0, &h) == IB_ERR_ARG);
  CHECK(ib_conditional_entropy_of_ids(a, 2, NULL, 2, 4, &h) == IB_ERR_ARG);
}

/* H(A|B) = H(A,B) - H(B) on random ids, the joint counted in a ka x kb table. */
static void test_conditional_entropy_chain_rule(void)
{
  const size_t n = 5000, ka = 7, kb = 5;
  size_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), joint[7 * 5] = {0};
  size_t count_b[5] = {0};
  double h, h_joint = 0, h_b = 0;
  ib_rng rng;
  ib_rng_seed(&rng, 11);
  for (size_t i = 0; i < n; i++) {
    b[i] = ib_rng_below(&rng, kb);
    a[i] = (b[i] + ib_rng_below(&rng, 3)) % ka;   /* dependent on b */
    joint[a[i] + ka * b[i]]++;
    count_b[b[i]]++;
  }
  for (size_t j = 0; j < ka * kb; j++)
    if (joint[j]) {
      double p = (double) joint[j] / n;
      h_joint -= p * log2(p);
    }
  for (size_t j = 0; j < kb; j++) {
    double p = (double) count_b[j] / n;
    h_b -= p * log2(p);
  }
  CHECK(ib_conditional_entropy_of_ids(a, ka, b, kb, n, &h) == IB_OK);
  CHECK_CLOSE(h, h_joint - h_b, 1e-12);
  CHECK(h > 1 && h < log2(3) + 1e-12);
  free(a);
  free(b);
}

int main(void)
{
  RUN_TEST(test_hand_made_int_rows);
  RUN_TEST(test_double_rows);
  RUN_TEST(test_against_brute_force);
  RUN_TEST(test_many_rows);
  RUN_TEST(test_entropy_of_ids);
  RUN_TEST(test_conditional_entropy);
  RUN_TEST(test_conditional_entropy_chain_rule);
  return CHECK_DONE();
}
