/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_mi_bin.c - the binning estimator: closed forms, np.digitize semantics (exact edges,
 * the wrap below the range), the option rules, data scaled beyond float32 binned like the
 * unscaled data, and agreement with a quadratic-time reference of the paper's procedure on
 * random tanh-like data. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mi.h"
#include "mi_estimators.h"
#include "rng.h"

static ib_mi_options bin_options(double lo, double hi, size_t bins)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_BIN);
  opt.range_lo = lo;
  opt.range_hi = hi;
  opt.bins = bins;
  return opt;
}

/* H in bits of the empirical distribution of counts c[0..k-1] summing to n. */
static double entropy_of_counts(const double *c, int k)
{
  double n = 0, h = 0;
  for (int j = 0; j < k; j++)
    n += c[j];
  for (int j = 0; j < k; j++)
    if (c[j] > 0)
      h -= c[j] / n * log2(c[j] / n);
  return h;
}

/* Entropy of two values binned together: 0 if they share a state, 1 if not. */
static double pair_entropy(const ib_mi_options *opt, double u, double v)
{
  double A[2] = {u, v}, h = -1;
  ib_status st = ib_bin_entropy(opt, A, 2, 1, 0, &h);
  return st == IB_OK ? h : -1;
}

/* X: 8 patterns of 3 bits, each 8 times; T = one-hot of the pattern (n x 8); y = bit 0.
 * T is a bijection of X, so I(X;T) = H(X) = 3 and I(T;Y) = H(Y) = 1. */
static void test_one_hot_of_x(void)
{
  enum { N = 64, P = 8 };
  double T[N * P] = {0};
  size_t x_id[N], y[N];
  ib_layer_context ctx = {N, NULL, 0, x_id, P, y, 2};
  ib_layer_result r;
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_BIN);   /* observed range [0, 1], 30 edges */
  for (size_t i = 0; i < N; i++) {
    x_id[i] = (i * 5) % P;
    y[i] = x_id[i] & 1;
    T[i + N * x_id[i]] = 1;
  }
  CHECK(ib_bin_layer_mi(&opt, T, N, P, &ctx, &r) == IB_OK);
  CHECK_CLOSE(r.ixt, 3.0, 1e-12);
  CHECK_CLOSE(r.ity, 1.0, 1e-12);
  CHECK_CLOSE(r.h_t, 3.0, 1e-12);
  CHECK(r.n_states == P);
  CHECK(isnan(r.ixt_lower) && isnan(r.ity_lower) && isnan(r.kernel_width));
  /* the same through the dispatch, and I(T;Y) through ib_mutual_info with a discrete side */
  {
    ib_layer_result r2;
    double labels[N], mi = -1;
    CHECK(ib_layer_mi(&opt, T, N, P, &ctx, &r2) == IB_OK);
    CHECK(r2.ixt == r.ixt && r2.ity == r.ity);
    for (size_t i = 0; i < N; i++)
      labels[i] = (double) y[i];
    CHECK(ib_mutual_info(&opt, T, N, P, 0, labels, 1, 1, &mi, NULL) == IB_OK);
    CHECK_CLOSE(mi, 1.0, 1e-12);
    /* symmetric */
    CHECK(ib_mutual_info(&opt, labels, N, 1, 1, T, P, 0, &mi, NULL) == IB_OK);
    CHECK_CLOSE(mi, 1.0, 1e-12);
  }
}

static void test_constant_t(void)
{
  enum { N = 20 };
  double T[N * 3];
  size_t x_id[N], y[N];
  ib_layer_context ctx = {N, NULL, 0, x_id, N, y, 2};
  ib_layer_result r;
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_BIN);   /* observed range of zero width */
  for (size_t i = 0; i < N * 3; i++)
    T[i] = 0.37;
  for (size_t i = 0; i < N; i++) {
    x_id[i] = i;
    y[i] = i % 2;
  }
  CHECK(ib_bin_layer_mi(&opt, T, N, 3, &ctx, &r) == IB_OK);
  CHECK(r.ixt == 0 && r.ity == 0 && r.h_t == 0 && r.n_states == 1);
  opt = bin_options(-1, 1, 30);
  CHECK(ib_bin_layer_mi(&opt, T, N, 3, &ctx, &r) == IB_OK);
  CHECK(r.ixt == 0 && r.ity == 0 && r.n_states == 1);
}

/* T = one-hot of y with classes of sizes 5, 3, 2 and every X distinct:
 * I(T;Y) = H(Y) = I(X;T). */
static void test_one_hot_of_y(void)
{
  enum { N = 10, C = 3 };
  double T[N * C] = {0}, counts[C] = {5, 3, 2};
  size_t x_id[N], y[N];
  ib_layer_context ctx = {N, NULL, 0, x_id, N, y, C};
  ib_layer_result r;
  ib_mi_options opt = bin_options(-1, 1, 30);
  for (size_t i = 0; i < N; i++) {
    x_id[i] = N - 1 - i;
    y[i] = i < 5 ? 0 : i < 8 ? 1 : 2;
    T[i + N * y[i]] = 0.9;
  }
  CHECK(ib_bin_layer_mi(&opt, T, N, C, &ctx, &r) == IB_OK);
  CHECK_CLOSE(r.ity, entropy_of_counts(counts, C), 1e-12);
  CHECK_CLOSE(r.ixt, entropy_of_counts(counts, C), 1e-12);
  CHECK(r.n_states == C);
}

/* np.digitize: bin index = number of edges <= v; index 0 wraps to the last state. */
static void test_digitize_semantics(void)
{
  ib_mi_options opt = bin_options(-1, 1, 30);
  const double step = 2.0 / 29;
  for (int k = 1; k < 29; k++) {
    double edge = (float) ((double) k * step + -1.0);   /* numpy's float32 edge */
    double below = nextafter(edge, -2), above = nextafter(edge, 2);
    CHECK(pair_entropy(&opt, edge, above) == 0);   /* an edge opens its bin */
    CHECK(pair_entropy(&opt, edge, below) == 1);
    CHECK(pair_entropy(&opt, below, (float) ((double) (k - 1) * step + -1.0)) == 0);
  }
  /* the ends: -1 is the first edge (index 1), 1 the last (index 30) */
  CHECK(pair_entropy(&opt, -1.0, nextafter(-1.0, 0)) == 0);
  CHECK(pair_entropy(&opt, 1.0, nextafter(1.0, 0)) == 1);
  /* the wrap: below the first edge lands with >= the last edge */
  CHECK(pair_entropy(&opt, nextafter(-1.0, -2), 1.0) == 0);
  CHECK(pair_entropy(&opt, -1.5, 1.0) == 0);
  CHECK(pair_entropy(&opt, -1.5, 7.0) == 0);
  CHECK(pair_entropy(&opt, -1.5, -1.0) == 1);
  CHECK(pair_entropy(&opt, -1.5, 0.99) == 1);
  /* one edge: everything is one state (>= edge: index 1 == m; below: wraps to m) */
  opt = bin_options(-1, 1, 1);
  CHECK(pair_entropy(&opt, -3, 3) == 0);
  /* two edges [-1, 1]: inside vs at/above the top */
  opt = bin_options(-1, 1, 2);
  CHECK(pair_entropy(&opt, -1, 0.5) == 0);
  CHECK(pair_entropy(&opt, 0.5, 1) == 1);
}

static void test_bin_width(void)
{
  ib_mi_options opt = bin_options(0, 1, 30);
  opt.bin_width = 0.25;   /* edges 0 .25 .5 .75 1: all exact in float */
  CHECK(pair_entropy(&opt, 0.1, 0.2) == 0);
  CHECK(pair_entropy(&opt, 0.25, 0.3) == 0);
  CHECK(pair_entropy(&opt, 0.24, 0.25) == 1);
  CHECK(pair_entropy(&opt, 0.76, 0.99) == 0);
  CHECK(pair_entropy(&opt, 0.99, 1.0) == 1);
  CHECK(pair_entropy(&opt, -0.1, 1.0) == 0);   /* the wrap */
  opt.bin_width = 0.5;   /* edges 0 .5 1 */
  CHECK(pair_entropy(&opt, 0.0, 0.49) == 0);
  CHECK(pair_entropy(&opt, 0.49, 0.5) == 1);
  opt.bin_width = 0.375;   /* edges 0 .375 .75 1.125: the first edge >= 1 ends them */
  CHECK(pair_entropy(&opt, 0.8, 1.0) == 0);
  CHECK(pair_entropy(&opt, 1.0, 1.125) == 1);
  CHECK(pair_entropy(&opt, 1.125, 50.0) == 0);
  CHECK(pair_entropy(&opt, 1.125, -0.5) == 0);
  /* zero-width range: one edge */
  opt = bin_options(0.5, 0.5, 30);
  opt.bin_width = 0.1;
  CHECK(pair_entropy(&opt, 0.0, 1.0) == 0);
}

/* With the observed range (NaN ends), the minimum never falls below the first float32
 * edge, so it does not wrap into the top state: 0.1 rounds up in float32. */
static void test_observed_range(void)
{
  ib_mi_options opt;
  double A[4] = {0.1, 0.7, 0.1, 0.7}, h = -1;
  ib_mi_options_default(&opt, IB_EST_BIN);
  CHECK((double) (float) 0.1 > 0.1);
  CHECK(ib_bin_entropy(&opt, A, 4, 1, 0, &h) == IB_OK);
  CHECK_CLOSE(h, 1.0, 1e-15);
  /* the observed range is over the whole matrix, not per column: 30 edges on [0, 29] put
   * 0 and 0.5 in one bin (column 2 alone, with range [0, 0.5], would split them), so the
   * rows (0,0) (0,0.5) (29,0) make 2 states */
  {
    double C[6] = {0, 0, 29, 0, 0.5, 0};
    CHECK(ib_bin_entropy(&opt, C, 3, 2, 0, &h) == IB_OK);
    CHECK_CLOSE(h, -(2.0 / 3) * log2(2.0 / 3) - (1.0 / 3) * log2(1.0 / 3), 1e-15);
  }
}

/* With the observed range, the samples at the maximum open the top state by themselves
 * (the last edge at or below them), as in the paper's code, whose float32 data put the last
 * edge exactly at the maximum. 0.4 rounds up in float32, so a last edge rounded to nearest
 * (or up) would be above them and put them with the last regular bin [e_28, e_29): here
 * with 0.39 (> 28/29 * 0.4). With 0.7, which rounds down, nothing depends on the rounding. */
static void test_observed_maximum(void)
{
  enum { N = 1000, AT_MAX = 600 };
  const double tops[2] = {0.4, 0.7};
  ib_mi_options opt;
  double *A = malloc(N * sizeof *A), h = -1;
  ib_mi_options_default(&opt, IB_EST_BIN);
  CHECK((double) (float) 0.4 > 0.4 && (double) (float) 0.7 < 0.7);
  for (int t = 0; t < 2; t++) {
    const double top = tops[t], inner = top * (28.5 / 29);   /* mid last regular bin */
    double B[4] = {0, inner, top, top};
    /* states {0}, {inner}, {top, top}: 1.5 bits (0.81 if top joined inner) */
    CHECK(ib_bin_entropy(&opt, B, 4, 1, 0, &h) == IB_OK);
    CHECK_CLOSE(h, 1.5, 1e-15);
    /* many samples at the maximum: AT_MAX of them, the others one per regular bin centre
     * (29 states of N - AT_MAX samples in turn) */
    size_t counts[30] = {0};
    for (size_t i = 0; i < N; i++) {
      size_t bin = i % 29;
      A[i] = i < AT_MAX ? top : top * ((double) bin + 0.5) / 29;
      counts[i < AT_MAX ? 29 : bin]++;
    }
    double want = 0, c[30];
    for (int k = 0; k < 30; k++)
      c[k] = (double) counts[k];
    want = entropy_of_counts(c, 30);
    CHECK(ib_bin_entropy(&opt, A, N, 1, 0, &h) == IB_OK);
    CHECK_CLOSE(h, want, 1e-12);
    /* a given range [0, top] rounds its end to nearest, as the paper's code does */
    opt.range_lo = 0;
    opt.range_hi = top;
    CHECK(ib_bin_entropy(&opt, B, 4, 1, 0, &h) == IB_OK);
    CHECK_CLOSE(h, t == 0 ? -0.25 * log2(0.25) - 0.75 * log2(0.75) : 1.5, 1e-15);
    opt.range_lo = opt.range_hi = NAN;
  }
  free(A);
}

/* Data scaled beyond float32 (2^300: float32 edges would be -Inf .. Inf; 2^-300: they would
 * all round to 0) bin as the unscaled data, with double edges: -1, the 29 bin centres of
 * linspace(-1, 1, 30) and 1 make the counts 2, 1 x 28 and 1 (-1 shares the first bin with
 * its centre, 1 is alone at the last edge), and I(T;Y) with alternating labels is the same
 * at every scale. */
static void test_beyond_single(void)
{
  const size_t n = 31;
  double A[31], S[31], Y[31], h, mi, mi0 = 0;
  A[0] = -1;
  A[30] = 1;
  for (size_t i = 0; i < 29; i++)
    A[i + 1] = -1 + (2 * (double) i + 1) / 29;
  for (size_t i = 0; i < n; i++)
    Y[i] = (double) (i % 2);
  const double want = -(2.0 / 31) * log2(2.0 / 31) - (29.0 / 31) * log2(1.0 / 31);
  const double scales[3] = {1, 0x1p300, 0x1p-300};
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_BIN);
  for (int k = 0; k < 3; k++) {
    for (size_t i = 0; i < n; i++)
      S[i] = scales[k] * A[i];
    CHECK(ib_bin_entropy(&opt, S, n, 1, 0, &h) == IB_OK);
    CHECK_CLOSE(h, want, 1e-12);
    CHECK(ib_bin_mutual_info(&opt, S, n, 1, 0, Y, 1, 1, &mi, NULL) == IB_OK);
    if (k == 0)
      mi0 = mi;
    CHECK_CLOSE(mi, mi0, 1e-12);
  }
  CHECK(mi0 > 0.9);
  /* a given range beyond float32 too: [-2^300, 2^300] bins 2^300 A like [-1, 1] bins A */
  opt.range_lo = -0x1p300;
  opt.range_hi = 0x1p300;
  for (size_t i = 0; i < n; i++)
    S[i] = 0x1p300 * A[i];
  CHECK(ib_bin_entropy(&opt, S, n, 1, 0, &h) == IB_OK);
  CHECK_CLOSE(h, want, 1e-12);
}

static void test_errors(void)
{
  double A[4] = {0.1, 0.2, NAN, 0.3}, h;
  size_t x_id[4] = {0, 1, 2, 3}, y[4] = {0, 1, 0, 1};
  ib_layer_context ctx = {4, NULL, 0, x_id, 4, y, 2};
  ib_layer_result r;
  ib_mi_options opt = bin_options(-1, 1, 30);
  CHECK(ib_bin_entropy(&opt, A, 4, 1, 0, &h) == IB_ERR_NONFINITE);
  CHECK(ib_bin_entropy(&opt, A, 4, 1, 1, &h) == IB_ERR_NONFINITE);
  CHECK(ib_bin_layer_mi(&opt, A, 4, 1, &ctx, &r) == IB_ERR_NONFINITE);
  A[2] = 0;
  opt = bin_options(1, -1, 30);
  CHECK(ib_bin_entropy(&opt, A, 4, 1, 0, &h) == IB_ERR_ARG);
  opt = bin_options(-1, INFINITY, 30);
  CHECK(ib_bin_entropy(&opt, A, 4, 1, 0, &h) == IB_ERR_ARG);
  /* the rules on the options alone are the dispatch's (ib_mi_check) */
  opt = bin_options(-1, 1, 0);
  CHECK(ib_entropy(&opt, A, 4, 1, 0, &h) == IB_ERR_ARG);
  opt = bin_options(-1, 1, 30);
  opt.bin_width = -0.1;
  CHECK(ib_entropy(&opt, A, 4, 1, 0, &h) == IB_ERR_ARG);
  opt.bin_width = NAN;
  CHECK(ib_entropy(&opt, A, 4, 1, 0, &h) == IB_ERR_ARG);
  opt.bin_width = 1e-12;
  CHECK(ib_bin_entropy(&opt, A, 4, 1, 0, &h) == IB_ERR_TOO_LARGE);
  opt = bin_options(-1, 1, 30);
  CHECK(ib_bin_entropy(&opt, A, 0, 1, 0, &h) == IB_ERR_ARG);
  ctx.n_y = 1;   /* a label >= n_y */
  CHECK(ib_bin_layer_mi(&opt, A, 4, 1, &ctx, &r) == IB_ERR_ARG);
  ctx.n_y = 2;
  ctx.n = 3;
  CHECK(ib_bin_layer_mi(&opt, A, 4, 1, &ctx, &r) == IB_ERR_ARG);
}

/* ---- the reference: the paper's procedure, quadratic time ---- */

static int ref_state_equal(const int *codes, size_t n, size_t d, size_t i, size_t j)
{
  for (size_t c = 0; c < d; c++)
    if (codes[i + c * n] != codes[j + c * n])
      return 0;
  return 1;
}

/* Entropy of the binned rows listed in rows[0..m-1]. */
static double ref_entropy(const int *codes, size_t n, size_t d, const size_t *rows, size_t m)
{
  double h = 0;
  for (size_t a = 0; a < m; a++) {
    size_t count = 0, seen_before = 0;
    for (size_t b = 0; b < m; b++)
      if (ref_state_equal(codes, n, d, rows[a], rows[b])) {
        count++;
        if (b < a)
          seen_before = 1;
      }
    if (!seen_before)
      h -= (double) count / m * log2((double) count / m);
  }
  return h;
}

/* H(T | G) = sum_g p(g) H(T | G = g) */
static double ref_conditional(const int *codes, size_t n, size_t d, const size_t *g, size_t kg)
{
  size_t *rows = malloc(n * sizeof *rows);
  double h = 0;
  for (size_t v = 0; v < kg; v++) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
      if (g[i] == v)
        rows[m++] = i;
    if (m)
      h += (double) m / n * ref_entropy(codes, n, d, rows, m);
  }
  free(rows);
  return h;
}

static void ref_layer(const double *T, size_t n, size_t d, double lo, double hi, size_t bins,
                      const size_t *x_id, size_t kx, const size_t *y, size_t ky, double *ixt,
                      double *ity)
{
  int *codes = malloc(n * d * sizeof *codes);
  double *edges = malloc(bins * sizeof *edges);
  size_t *all = malloc(n * sizeof *all);
  double h;
  for (size_t k = 0; k < bins; k++)
    edges[k] = (float) ((double) k * ((hi - lo) / (double) (bins - 1)) + lo);
  edges[bins - 1] = (float) hi;
  for (size_t i = 0; i < n * d; i++) {
    size_t count = 0;
    for (size_t k = 0; k < bins; k++)
      count += edges[k] <= T[i];
    codes[i] = count == 0 ? (int) bins - 1 : (int) count - 1;   /* bins[idx - 1] */
  }
  for (size_t i = 0; i < n; i++)
    all[i] = i;
  h = ref_entropy(codes, n, d, all, n);
  *ixt = h - ref_conditional(codes, n, d, x_id, kx);
  *ity = h - ref_conditional(codes, n, d, y, ky);
  free(codes);
  free(edges);
  free(all);
}

static void test_against_reference(void)
{
  const size_t n = 400, d = 4, bins = 12, kx = 150, ky = 3;
  double *T = malloc(n * d * sizeof *T), ixt, ity;
  size_t x_id[400], y[400];
  ib_layer_context ctx = {n, NULL, 0, x_id, kx, y, ky};
  ib_layer_result r;
  ib_mi_options opt = bin_options(-1, 1, bins);
  ib_rng rng;
  ib_rng_seed(&rng, 3);
  for (size_t i = 0; i < n; i++) {
    x_id[i] = i < kx ? i : ib_rng_below(&rng, kx);
    y[i] = x_id[i] % ky;
  }
  for (size_t i = 0; i < n * d; i++) {
    /* tanh of a few discrete levels plus noise, so that states repeat */
    double u = ib_rng_uniform(&rng);
    T[i] = tanh(0.8 * (double) (x_id[i % n] % 5) - 1.6 + 0.3 * ib_rng_normal(&rng));
    if (u < 0.1)   /* exactly at a float32 edge */
      T[i] = (float) ((double) ib_rng_below(&rng, bins) * (2.0 / (bins - 1)) + -1.0);
    else if (u < 0.12)
      T[i] = -1.0 - ib_rng_uniform(&rng);   /* below the range: the wrap */
    else if (u < 0.13)
      T[i] = 1.0;
  }
  ref_layer(T, n, d, -1, 1, bins, x_id, kx, y, ky, &ixt, &ity);
  CHECK(ib_bin_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
  CHECK_CLOSE(r.ixt, ixt, 1e-12);
  CHECK_CLOSE(r.ity, ity, 1e-12);
  CHECK(ity > 0.1 && ixt > ity && ixt < log2((double) kx));   /* a non-trivial case */
  free(T);
}

/* I(X;T) <= H(X), I(T;Y) <= I(X;T) when Y is a function of X, on random data. */
static void test_inequalities(void)
{
  const size_t n = 2000, d = 6;
  double *T = malloc(n * d * sizeof *T), h_x, counts[100] = {0};
  size_t x_id[2000], y[2000];
  ib_layer_context ctx = {n, NULL, 0, x_id, 100, y, 2};
  ib_layer_result r;
  ib_mi_options opt;
  ib_rng rng;
  ib_mi_options_default(&opt, IB_EST_BIN);
  ib_rng_seed(&rng, 5);
  for (size_t i = 0; i < n; i++) {
    x_id[i] = i < 100 ? i : ib_rng_below(&rng, 100);
    y[i] = x_id[i] % 7 < 3;
    counts[x_id[i]]++;
  }
  for (size_t i = 0; i < n * d; i++)
    T[i] = tanh(0.05 * (double) x_id[i % n] + 0.5 * ib_rng_normal(&rng));
  h_x = entropy_of_counts(counts, 100);
  for (size_t bins = 2; bins <= 40; bins += 19) {
    opt.bins = bins;
    CHECK(ib_bin_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
    CHECK(r.ixt >= 0 && r.ixt <= h_x + 1e-12);
    CHECK(r.ity >= 0 && r.ity <= r.ixt + 1e-12 && r.ity <= 1);
    CHECK(r.h_t >= r.ixt - 1e-12);
  }
  free(T);
}

/* A layer that is a function of the input rows (repeated rows included): saying so skips
 * the count of (T, X) pairs and gives the same bits. */
static void test_function_of_x(void)
{
  enum { N = 600, K = 75 };
  ib_rng rng;
  ib_rng_seed(&rng, 21);
  double pattern[K * 3], T[N * 3], X[N];
  size_t x_id[N], y[N];
  for (size_t i = 0; i < K * 3; i++)
    pattern[i] = 2 * ib_rng_uniform(&rng) - 1;
  for (size_t i = 0; i < N; i++) {
    const size_t x = ib_rng_below(&rng, K);
    x_id[i] = x, X[i] = (double) x, y[i] = ib_rng_below(&rng, 3);
    for (size_t k = 0; k < 3; k++)
      T[i + N * k] = pattern[x + K * k];
  }
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_BIN);
  opt.bins = 12, opt.range_lo = -1, opt.range_hi = 1;
  ib_layer_context ctx = {.n = N, .X = X, .dx = 1, .x_id = x_id, .n_x = K, .y = y, .n_y = 3};
  ib_layer_result counted, skipped;
  CHECK(ib_layer_mi(&opt, T, N, 3, &ctx, &counted) == IB_OK);
  ctx.t_function_of_x = 1;
  CHECK(ib_layer_mi(&opt, T, N, 3, &ctx, &skipped) == IB_OK);
  CHECK(memcmp(&counted.ixt, &skipped.ixt, sizeof(double)) == 0);
  CHECK(memcmp(&counted.ity, &skipped.ity, sizeof(double)) == 0);
  CHECK(counted.ixt > 0 && counted.ixt <= log2((double) K) + 1e-12);
}

/* Rows of 12 units at 30 bins (5 bits a code: 60 bits) are counted through one packed key
 * per row, found in the same pass as the codes; 13 units (65 bits) through the general
 * codes-then-hash path. A constant 13th column changes no state, so both must give the same
 * entropy bit for bit, on values drawn at, just below and just above the float32 edges, out
 * of range (the wrap) and -0; and both refuse a NaN. */
static void test_packed_states(void)
{
  enum { N = 3001, D = 12 };
  ib_rng rng;
  ib_rng_seed(&rng, 41);
  double *A = malloc(N * (D + 1) * sizeof *A);
  CHECK(A != NULL);
  const double step = 2.0 / 29;
  for (size_t i = 0; i < N * D; i++) {
    const double u = ib_rng_uniform(&rng);
    const double edge = (float) ((double) (i % 30) * step + -1.0);
    switch (ib_rng_below(&rng, 6)) {
    case 0: A[i] = edge; break;
    case 1: A[i] = nextafter(edge, -2); break;
    case 2: A[i] = nextafter(edge, 2); break;
    case 3: A[i] = -1.5 + 3 * u; break; /* some out of [-1, 1] */
    case 4: A[i] = -0.0; break;
    default: A[i] = u < 0.5 ? -0.3 : 0.7; break; /* repeated states */
    }
  }
  for (size_t i = 0; i < N; i++)
    A[N * D + i] = 0.25;
  const ib_mi_options opt = bin_options(-1, 1, 30);
  double packed = -1, general = -2;
  CHECK(ib_bin_entropy(&opt, A, N, D, 0, &packed) == IB_OK);
  CHECK(ib_bin_entropy(&opt, A, N, D + 1, 0, &general) == IB_OK);
  CHECK(packed > 1 && memcmp(&packed, &general, sizeof packed) == 0);
  A[N * D / 2] = NAN;
  CHECK(ib_bin_entropy(&opt, A, N, D, 0, &packed) == IB_ERR_NONFINITE);
  CHECK(ib_bin_entropy(&opt, A, N, D + 1, 0, &general) == IB_ERR_NONFINITE);
  A[N * D / 2] = INFINITY;
  CHECK(ib_bin_entropy(&opt, A, N, D, 0, &packed) == IB_ERR_NONFINITE);
  free(A);
}

int main(void)
{
  RUN_TEST(test_one_hot_of_x);
  RUN_TEST(test_constant_t);
  RUN_TEST(test_one_hot_of_y);
  RUN_TEST(test_digitize_semantics);
  RUN_TEST(test_bin_width);
  RUN_TEST(test_observed_range);
  RUN_TEST(test_observed_maximum);
  RUN_TEST(test_beyond_single);
  RUN_TEST(test_errors);
  RUN_TEST(test_against_reference);
  RUN_TEST(test_inequalities);
  RUN_TEST(test_function_of_x);
  RUN_TEST(test_packed_states);
  return CHECK_DONE();
}
