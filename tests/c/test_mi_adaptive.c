/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_mi_adaptive.c - equal-mass bins: exact answers on discrete cases (the quantile rule,
 * ties), per-column bins, invariance under increasing maps of a column. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mi.h"
#include "mi_estimators.h"
#include "rng.h"

static ib_mi_options adaptive_options(size_t bins)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_ADAPTIVE);
  opt.adaptive_bins = bins;
  return opt;
}

static double entropy_of(const double *A, size_t n, size_t d, size_t bins)
{
  ib_mi_options opt = adaptive_options(bins);
  double h = -1;
  ib_status st = ib_adaptive_entropy(&opt, A, n, d, 0, &h);
  return st == IB_OK ? h : -1;
}

static double h2(double p)
{
  return -p * log2(p) - (1 - p) * log2(1 - p);
}

static void test_distinct_values(void)
{
  double A[12] = {5, 1, 8, 2, 7, 3, 6, 4};   /* 1..8 shuffled */
  CHECK_CLOSE(entropy_of(A, 8, 1, 4), 2.0, 1e-15);   /* {1,2} {3,4} {5,6} {7,8} */
  CHECK_CLOSE(entropy_of(A, 8, 1, 8), 3.0, 1e-15);
  CHECK_CLOSE(entropy_of(A, 8, 1, 2), 1.0, 1e-15);
  CHECK(entropy_of(A, 8, 1, 1) == 0);
  /* 8 values, 3 bins: edges s(ceil(8/3)) = s(3), s(ceil(16/3)) = s(6): sizes 3, 3, 2 */
  CHECK_CLOSE(entropy_of(A, 8, 1, 3), -2 * (3.0 / 8) * log2(3.0 / 8) - 0.25 * log2(0.25), 1e-15);
  /* more bins than samples: every distinct value alone */
  CHECK_CLOSE(entropy_of(A, 8, 1, 20), 3.0, 1e-15);
  CHECK_CLOSE(entropy_of(A, 8, 1, (size_t) 1 << 40), 3.0, 1e-15);   /* no 2^40 edges */
  /* 12 distinct values in 3 bins of 4 */
  {
    double B[12];
    for (int i = 0; i < 12; i++)
      B[i] = (double) ((i * 7) % 12) - 5.5;
    CHECK_CLOSE(entropy_of(B, 12, 1, 3), log2(3.0), 1e-15);
  }
}

static void test_ties(void)
{
  /* six 0s, two 1s; 2 bins: edge s(4) = 0, so {0 x6} {1 x2} */
  double A[8] = {0, 1, 0, 0, 0, 1, 0, 0};
  /* 1 2 2 2 3 4 in 2 bins: edge s(3) = 2, the run of 2s stays whole: {1,2,2,2} {3,4} */
  double B[6] = {2, 4, 1, 2, 3, 2};
  /* a constant column: one bin whatever B */
  double C[5] = {3, 3, 3, 3, 3};
  CHECK_CLOSE(entropy_of(A, 8, 1, 2), h2(0.25), 1e-15);
  CHECK_CLOSE(entropy_of(A, 8, 1, 4), h2(0.25), 1e-15);
  CHECK_CLOSE(entropy_of(B, 6, 1, 2), h2(1.0 / 3), 1e-15);
  /* 3 bins: edges s(2) = 2, s(4) = 2; (-inf, 2] takes 1 and the whole run: {1,2,2,2} {3,4} */
  CHECK_CLOSE(entropy_of(B, 6, 1, 3), h2(1.0 / 3), 1e-15);
  /* 4 bins: edges s(2) = 2, s(3) = 2, s(5) = 3: {1,2,2,2} {3} {4} */
  CHECK_CLOSE(entropy_of(B, 6, 1, 4), -(2.0 / 3) * log2(2.0 / 3) - 2 * (1.0 / 6) * log2(1.0 / 6),
              1e-15);
  CHECK(entropy_of(C, 5, 1, 4) == 0);
}

/* Bins are per column: a column on a scale 1000 times larger is binned the same way. */
static void test_per_column_layer(void)
{
  enum { N = 8 };
  double T[2 * N];
  size_t x_id[N], y[N];
  ib_layer_context ctx = {N, NULL, 0, x_id, N, y, 2};
  ib_layer_result r;
  ib_mi_options opt = adaptive_options(2);
  for (size_t i = 0; i < N; i++) {
    x_id[i] = i;
    y[i] = i >= 4;
    T[i] = (double) i;                    /* bins {0..3} {4..7}: the label */
    T[i + N] = 1000.0 * (double) (N - i);  /* the same split, reversed */
  }
  CHECK(ib_adaptive_layer_mi(&opt, T, N, 2, &ctx, &r) == IB_OK);
  CHECK_CLOSE(r.ity, 1.0, 1e-15);
  CHECK_CLOSE(r.ixt, 1.0, 1e-15);
  CHECK(r.n_states == 2);
  /* 4 bins: column 1 -> {0,1} {2,3} {4,5} {6,7}: 4 states; I(T;Y) still 1 */
  opt = adaptive_options(4);
  CHECK(ib_layer_mi(&opt, T, N, 2, &ctx, &r) == IB_OK);
  CHECK_CLOSE(r.ixt, 2.0, 1e-15);
  CHECK_CLOSE(r.ity, 1.0, 1e-15);
}

/* Increasing maps of each column (affine, exp, cube) change no bin, so nothing changes. */
static void test_monotone_invariance(void)
{
  const size_t n = 600, d = 3;
  double *T = malloc(n * d * sizeof *T), *U = malloc(n * d * sizeof *U);
  size_t x_id[600], y[600];
  ib_layer_context ctx = {n, NULL, 0, x_id, 200, y, 4};
  ib_layer_result r, s;
  ib_mi_options opt = adaptive_options(10);
  ib_rng rng;
  ib_rng_seed(&rng, 9);
  for (size_t i = 0; i < n; i++) {
    x_id[i] = i % 200;
    y[i] = x_id[i] % 4;
  }
  for (size_t i = 0; i < n * d; i++) {
    T[i] = tanh(0.01 * (double) x_id[i % n] + 0.3 * ib_rng_normal(&rng));
    if (i % 17 == 0)
      T[i] = 0.25;   /* ties */
  }
  for (size_t i = 0; i < n; i++) {
    U[i] = 3 * T[i] + 1;
    U[i + n] = exp(T[i + n]);
    U[i + 2 * n] = T[i + 2 * n] * T[i + 2 * n] * T[i + 2 * n];
  }
  CHECK(ib_adaptive_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
  CHECK(ib_adaptive_layer_mi(&opt, U, n, d, &ctx, &s) == IB_OK);
  CHECK(r.ixt == s.ixt && r.ity == s.ity && r.n_states == s.n_states);
  CHECK(r.ixt > 0 && r.ity > 0 && r.ity <= r.ixt + 1e-12 && r.ixt <= log2(200.0) + 1e-12);
  free(T);
  free(U);
}

static void test_mutual_info_and_errors(void)
{
  /* A: 1..8 in 2 equal-mass bins; B: the discrete labels (A > 4) -> I = 1 */
  double A[8] = {1, 2, 3, 4, 5, 6, 7, 8}, B[8] = {0, 0, 0, 0, 1, 1, 1, 1}, mi = -1, h;
  ib_mi_options opt = adaptive_options(2);
  CHECK(ib_adaptive_mutual_info(&opt, A, 8, 1, 0, B, 1, 1, &mi, NULL) == IB_OK);
  CHECK_CLOSE(mi, 1.0, 1e-15);
  opt = adaptive_options(8);   /* finer bins of A: still I = H(B) = 1 */
  CHECK(ib_mutual_info(&opt, A, 8, 1, 0, B, 1, 1, &mi, NULL) == IB_OK);
  CHECK_CLOSE(mi, 1.0, 1e-15);
  CHECK(ib_mutual_info(&opt, A, 8, 1, 1, A, 1, 1, &mi, NULL) == IB_OK);
  CHECK_CLOSE(mi, 3.0, 1e-15);
  opt = adaptive_options(0);   /* a rule of the dispatch's ib_mi_check */
  CHECK(ib_entropy(&opt, A, 8, 1, 0, &h) == IB_ERR_ARG);
  opt = adaptive_options(4);
  A[3] = INFINITY;
  CHECK(ib_adaptive_entropy(&opt, A, 8, 1, 0, &h) == IB_ERR_NONFINITE);
}

static int compare_doubles(const void *pa, const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;
  return (a > b) - (a < b);
}

/* The quantile rule by a full sort, on random columns (with and without ties, sorted,
 * reversed, constant) of many sizes and bin counts: the estimator's partition equals the
 * reference's, i.e. H(A) = H(R) = I(A;R) for the reference codes R. */
static void test_against_sorting_reference(void)
{
  const int trials = getenv("IB_TEST_QUICK") ? 60 : 400;
  double A[700], R[700], sorted[700], edges[64];
  ib_rng rng;
  ib_rng_seed(&rng, 21);
  for (int t = 0; t < trials; t++) {
    size_t n = 1 + ib_rng_below(&rng, t % 10 == 0 ? 700 : 80);
    size_t bins = 1 + ib_rng_below(&rng, 60), kind = ib_rng_below(&rng, 5), counts[64] = {0};
    double h_ref = 0, h = -1, mi = -1;
    ib_mi_options opt = adaptive_options(bins);
    for (size_t i = 0; i < n; i++) {
      double u = ib_rng_normal(&rng);
      A[i] = kind == 0 ? u : kind == 1 ? (double) ib_rng_below(&rng, 4)
             : kind == 2 ? (double) i : kind == 3 ? -(double) (i / 3) : 2.5;
    }
    memcpy(sorted, A, n * sizeof *A);
    qsort(sorted, n, sizeof *A, compare_doubles);
    for (size_t k = 1; k < bins; k++)
      edges[k - 1] = sorted[(size_t) ceil((double) k * (double) n / (double) bins) - 1];
    for (size_t i = 0; i < n; i++) {
      size_t code = 0;
      for (size_t k = 0; k + 1 < bins; k++)
        code += edges[k] < A[i];
      R[i] = (double) code;
      counts[code]++;
    }
    for (size_t k = 0; k < bins; k++)
      if (counts[k])
        h_ref -= (double) counts[k] / n * log2((double) counts[k] / n);
    CHECK(ib_adaptive_entropy(&opt, A, n, 1, 0, &h) == IB_OK);
    CHECK(ib_adaptive_mutual_info(&opt, A, n, 1, 0, R, 1, 1, &mi, NULL) == IB_OK);
    CHECK_CLOSE(h, h_ref, 1e-12);
    CHECK_CLOSE(mi, h_ref, 1e-12);
  }
}

int main(void)
{
  RUN_TEST(test_against_sorting_reference);
  RUN_TEST(test_distinct_values);
  RUN_TEST(test_ties);
  RUN_TEST(test_per_column_layer);
  RUN_TEST(test_monotone_invariance);
  RUN_TEST(test_mutual_info_and_errors);
  return CHECK_DONE();
}
