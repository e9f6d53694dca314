/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_mi_kde.c - the pairwise-distance (Kolchinsky & Tracey) bounds:
 *  - on 20 points in 2-D they bracket the exact mixture entropy (Monte Carlo, with its
 *    standard error), and both meet it when the components are far apart or all overlap;
 *  - the blocked BLAS pass equals a plain double loop over all pairs (n > one block, four
 *    classes);
 *  - I(X;T) falls as the noise grows; 0 <= I(T;Y) <= H(Y); I(X;T) <= log2 n;
 *  - translation and row-order invariance, the discrete-side forms of ib_mutual_info,
 *    and the error cases;
 *  - threads (IB_NUM_THREADS): 2, 3, 64 and the default agree with 1 to 1e-12 relative,
 *    a thread count repeats bit for bit, a value that is not a positive integer gives
 *    the default's bits;
 *  - the vectorised exp: with 1 and 3 threads, all four bounds equal the plain loops
 *    over libm's exp to 1e-12 relative on data whose exponents span 0 to past the
 *    underflow, with duplicate rows; points 1e9 apart give exactly log2 n and H(Y);
 *  - duplicate rows spread 1e8 to 1e300 times sqrt(noise_var) apart (or noise_var 1e-14)
 *    still count as one component: log2 (n / 2) and H(Y) exactly;
 *  - near the largest double: a constant layer at 1e305 gives 0, two groups 1 bit, and
 *    scaling a layer by s and the noise by s^2 (s up to 3e154, noise_var 1e308) changes
 *    nothing. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mi.h"
#include "rng.h"

#define PI 3.141592653589793
#define LN2 0.6931471805599453

static int quick;

/* H_upper, H_lower, H_upper(.|y), H_lower(.|y) in nats by plain loops. */
static void reference_bounds(const double *T, size_t n, size_t d, const size_t *y, size_t ny,
                             double s2, double out[4])
{
  double h_c = 0.5 * (double) d * (1 + log(2 * PI * s2));
  size_t *count = calloc(ny, sizeof *count);
  for (size_t i = 0; i < n; i++)
    count[y[i]]++;
  double a = 0, b = 0, ca = 0, cb = 0;
  for (size_t i = 0; i < n; i++) {
    double kl = 0, bd = 0, ckl = 0, cbd = 0;
    for (size_t j = 0; j < n; j++) {
      double d2 = 0;
      for (size_t c = 0; c < d; c++) {
        double diff = T[i + n * c] - T[j + n * c];
        d2 += diff * diff;
      }
      kl += exp(-d2 / (2 * s2));
      bd += exp(-d2 / (8 * s2));
      if (y[i] == y[j]) {
        ckl += exp(-d2 / (2 * s2));
        cbd += exp(-d2 / (8 * s2));
      }
    }
    a += log(kl / (double) n);
    b += log(bd / (double) n);
    ca += log(ckl / (double) count[y[i]]);
    cb += log(cbd / (double) count[y[i]]);
  }
  out[0] = h_c - a / (double) n;
  out[1] = h_c - b / (double) n;
  out[2] = h_c - ca / (double) n;
  out[3] = h_c - cb / (double) n;
  free(count);
}

/* Entropy (nats) of the mixture of N(t_i, s2 I) by Monte Carlo, and its standard error. */
static void monte_carlo_entropy(const double *T, size_t n, size_t d, double s2, size_t draws,
                                ib_rng *rng, double *h, double *se)
{
  double sum = 0, sum2 = 0, x[8];
  double log_norm = -0.5 * (double) d * log(2 * PI * s2);
  for (size_t s = 0; s < draws; s++) {
    size_t i = (size_t) ib_rng_below(rng, n);
    for (size_t c = 0; c < d; c++)
      x[c] = T[i + n * c] + sqrt(s2) * ib_rng_normal(rng);
    /* log p(x) by log-sum-exp over the components */
    double e[64], mx = -INFINITY, acc = 0;
    for (size_t j = 0; j < n; j++) {
      double d2 = 0;
      for (size_t c = 0; c < d; c++)
        d2 += (x[c] - T[j + n * c]) * (x[c] - T[j + n * c]);
      e[j] = -d2 / (2 * s2);
      if (e[j] > mx)
        mx = e[j];
    }
    for (size_t j = 0; j < n; j++)
      acc += exp(e[j] - mx);
    double logp = log_norm + mx + log(acc / (double) n);
    sum += -logp;
    sum2 += logp * logp;
  }
  *h = sum / (double) draws;
  *se = sqrt((sum2 / (double) draws - *h * *h) / (double) draws);
}

/* H_upper and H_lower (nats) of T through ib_layer_mi with a single class. */
static void api_bounds(const double *T, size_t n, size_t d, double s2, double *up, double *lo)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KDE);
  opt.noise_var = s2;
  size_t *y = calloc(n, sizeof *y);
  ib_layer_context ctx = {n, T, d, NULL, n, y, 1};
  ib_layer_result r;
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
  double h_c = 0.5 * (double) d * (1 + log(2 * PI * s2));
  *up = r.ixt * LN2 + h_c;
  *lo = r.ixt_lower * LN2 + h_c;
  CHECK_CLOSE(r.h_t * LN2, *up, 1e-9);
  free(y);
}

static void test_monte_carlo(void)
{
  size_t n = 20, d = 2, draws = quick ? 20000 : 200000;
  double T[40];
  ib_rng rng;
  ib_rng_seed(&rng, 2017);
  for (size_t i = 0; i < n * d; i++)
    T[i] = ib_rng_uniform(&rng) * 4;
  const double vars[4] = {1e-4, 0.05, 0.5, 1e3};
  for (int v = 0; v < 4; v++) {
    double up, lo, h, se;
    api_bounds(T, n, d, vars[v], &up, &lo);
    monte_carlo_entropy(T, n, d, vars[v], draws, &rng, &h, &se);
    CHECK(lo <= up);
    CHECK(lo <= h + 4 * se && h - 4 * se <= up);
    if (v == 0 || v == 3) {
      /* apart: both -> H_c + log n; overlapping: both -> H_c */
      CHECK_CLOSE(up, h, 4 * se + 1e-3);
      CHECK_CLOSE(lo, h, 4 * se + 1e-3);
    } else {
      CHECK(up - lo > 0.01);  /* a real gap in between: the bounds are not trivially equal */
    }
  }
}

static void test_blocked_equals_plain(void)
{
  size_t n = quick ? 600 : 1300, d = 3, ny = 4;
  double *T = malloc(n * d * sizeof *T), *X = malloc(n * sizeof *X);
  size_t *y = malloc(n * sizeof *y);
  ib_rng rng;
  ib_rng_seed(&rng, 8);
  for (size_t i = 0; i < n; i++) {
    y[i] = (size_t) ib_rng_below(&rng, ny);
    X[i] = (double) i;
    for (size_t c = 0; c < d; c++)  /* offset far from 0: the centring must matter */
      T[i + n * c] = 1000 + 0.3 * ib_rng_normal(&rng) + 0.4 * (double) y[i];
  }
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KDE);
  ib_layer_context ctx = {n, X, 1, NULL, n, y, ny};
  ib_layer_result r;
  double ref[4];
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
  reference_bounds(T, n, d, y, ny, opt.noise_var, ref);
  double h_c = 0.5 * (double) d * (1 + log(2 * PI * opt.noise_var));
  CHECK_CLOSE(r.h_t, ref[0] / LN2, 1e-9);
  CHECK_CLOSE(r.ixt, (ref[0] - h_c) / LN2, 1e-9);
  CHECK_CLOSE(r.ixt_lower, (ref[1] - h_c) / LN2, 1e-9);
  CHECK_CLOSE(r.ity, (ref[0] - ref[2]) / LN2, 1e-9);
  CHECK_CLOSE(r.ity_lower, (ref[1] - ref[3]) / LN2, 1e-9);
  CHECK(isnan(r.n_states) && isnan(r.kernel_width));

  /* I(T;Y) between 0 and H(Y); I(X;T) at most log2 n */
  size_t count[4] = {0};
  for (size_t i = 0; i < n; i++)
    count[y[i]]++;
  double h_y = 0;
  for (size_t c = 0; c < ny; c++)
    h_y -= (double) count[c] / (double) n * log2((double) count[c] / (double) n);
  CHECK(r.ity > 0 && r.ity <= h_y);
  CHECK(r.ixt_lower <= r.ixt && r.ixt <= log2((double) n));

  /* the same through ib_mutual_info with a discrete side (either order) */
  double mi, y_codes[1300], x_codes[1300];
  ib_layer_result info;
  for (size_t i = 0; i < n; i++) {
    y_codes[i] = (double) y[i] * 10 - 5;  /* any codes: rows are told apart as symbols */
    x_codes[i] = (double) i;
  }
  CHECK(ib_mutual_info(&opt, T, n, d, 0, y_codes, 1, 1, &mi, &info) == IB_OK);
  CHECK_CLOSE(mi, r.ity, 1e-9);
  CHECK_CLOSE(info.ixt_lower, r.ity_lower, 1e-9);
  CHECK(ib_mutual_info(&opt, x_codes, n, 1, 1, T, d, 0, &mi, &info) == IB_OK);
  CHECK_CLOSE(mi, r.ixt, 1e-9);
  CHECK_CLOSE(info.ixt_lower, r.ixt_lower, 1e-9);
  double h;
  CHECK(ib_entropy(&opt, T, n, d, 0, &h) == IB_OK);
  CHECK_CLOSE(h, r.h_t, 1e-9);

  /* row order and translation do not matter */
  double *T2 = malloc(n * d * sizeof *T2);
  size_t *y2 = malloc(n * sizeof *y2);
  for (size_t i = 0; i < n; i++) {
    y2[i] = y[n - 1 - i];
    for (size_t c = 0; c < d; c++)
      T2[i + n * c] = T[n - 1 - i + n * c] - 1000;
  }
  ib_layer_context ctx2 = {n, X, 1, NULL, n, y2, ny};
  ib_layer_result r2;
  CHECK(ib_layer_mi(&opt, T2, n, d, &ctx2, &r2) == IB_OK);
  CHECK_CLOSE(r2.ixt, r.ixt, 1e-9);
  CHECK_CLOSE(r2.ity, r.ity, 1e-9);
  CHECK_CLOSE(r2.ity_lower, r.ity_lower, 1e-9);

  /* more noise, less information */
  double last_up = INFINITY, last_lo = INFINITY;
  const double vars[4] = {0.01, 0.1, 1, 10};
  for (int v = 0; v < 4; v++) {
    opt.noise_var = vars[v];
    CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
    CHECK(r.ixt < last_up && r.ixt_lower < last_lo);
    last_up = r.ixt;
    last_lo = r.ixt_lower;
  }

  /* errors */
  opt.noise_var = 0;
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_ERR_ARG);
  opt.noise_var = NAN;
  CHECK(ib_entropy(&opt, T, n, d, 0, &h) == IB_ERR_ARG);
  opt.noise_var = 0.1;
  CHECK(ib_mutual_info(&opt, T, n, d, 0, T2, d, 0, &mi, NULL) == IB_ERR_ARG);
  CHECK(ib_mutual_info(&opt, y_codes, n, 1, 1, x_codes, 1, 1, &mi, NULL) == IB_ERR_ARG);
  CHECK(ib_entropy(&opt, y_codes, n, 1, 1, &h) == IB_ERR_ARG);
  ib_layer_context bad = ctx;
  bad.n_y = 3;
  CHECK(ib_layer_mi(&opt, T, n, d, &bad, &r) == IB_ERR_ARG);
  T[7] = INFINITY;
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_ERR_NONFINITE);
  free(T);
  free(T2);
  free(X);
  free(y);
  free(y2);
}

/* Every kde output for T (and labels y) under IB_NUM_THREADS = threads (NULL: unset). */
static void kde_outputs(const char *threads, const double *T, size_t n, size_t d,
                        const size_t *y, size_t ny, const double *codes, double out[9])
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KDE);
  if (threads)
    setenv("IB_NUM_THREADS", threads, 1);
  else
    unsetenv("IB_NUM_THREADS");
  ib_layer_context ctx = {n, codes, 1, NULL, n, y, ny};
  ib_layer_result r, info;
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
  out[0] = r.ixt;
  out[1] = r.ity;
  out[2] = r.ixt_lower;
  out[3] = r.ity_lower;
  out[4] = r.h_t;
  CHECK(ib_mutual_info(&opt, codes, n, 1, 1, T, d, 0, &out[5], &info) == IB_OK);
  out[6] = info.ixt_lower;
  CHECK(ib_entropy(&opt, T, n, d, 0, &out[7]) == IB_OK);
  CHECK(ib_entropy(&opt, T, 20, d, 0, &out[8]) == IB_OK);  /* one block: never threaded */
  unsetenv("IB_NUM_THREADS");
}

static void test_threads(void)
{
  /* several blocks per thread (blocks of >= 32 rows), uneven class sizes */
  size_t n = quick ? 700 : 3000, d = 4, ny = 3;
  double *T = malloc(n * d * sizeof *T), *codes = malloc(n * sizeof *codes);
  size_t *y = malloc(n * sizeof *y);
  ib_rng rng;
  ib_rng_seed(&rng, 99);
  for (size_t i = 0; i < n; i++) {
    y[i] = ib_rng_uniform(&rng) < 0.6 ? 0 : (size_t) ib_rng_below(&rng, ny);
    codes[i] = (double) i;
    for (size_t c = 0; c < d; c++)
      T[i + n * c] = tanh(ib_rng_normal(&rng) + 0.5 * (double) y[i]);
  }
  double one[9], again[9], other[9];
  kde_outputs("1", T, n, d, y, ny, codes, one);
  CHECK(one[1] > 0.05 && one[2] < one[0]);  /* not degenerate: the sums matter */
  const char *counts[4] = {"2", "3", "64", NULL};  /* NULL: the online CPUs */
  for (int k = 0; k < 4; k++) {
    kde_outputs(counts[k], T, n, d, y, ny, codes, other);
    kde_outputs(counts[k], T, n, d, y, ny, codes, again);
    CHECK(memcmp(other, again, sizeof other) == 0);  /* same count: bit-identical */
    for (int v = 0; v < 9; v++)
      CHECK_CLOSE(other[v], one[v], 1e-12 * fabs(one[v]));
  }
  /* values that are not a positive integer are ignored: the default, bit for bit */
  const char *ignored[3] = {"not a number", "0", "-2"};
  for (int k = 0; k < 3; k++) {
    kde_outputs(ignored[k], T, n, d, y, ny, codes, again);
    CHECK(memcmp(other, again, sizeof other) == 0);
  }
  free(T);
  free(codes);
  free(y);
}

static void test_exact_to_reference(void)
{
  size_t n = quick ? 400 : 1500, d = 2, ny = 3;
  double *T = malloc(n * d * sizeof *T), *codes = malloc(n * sizeof *codes);
  size_t *y = malloc(n * sizeof *y), count[3] = {0};
  ib_rng rng;
  ib_rng_seed(&rng, 5);
  for (size_t i = 0; i < n; i++) {
    codes[i] = (double) i;
    if (i % 10 == 9) {  /* a copy of the row before: distance 0, rounding may make it < 0 */
      y[i] = y[i - 1];
      for (size_t c = 0; c < d; c++)
        T[i + n * c] = T[i - 1 + n * c];
    } else {
      /* exponents |t_i - t_j|^2 / (8 s2) from 0 to ~4000 (exp underflows past ~708);
       * classes by position, so that I(T;Y) is well away from 0 */
      for (size_t c = 0; c < d; c++)
        T[i + n * c] = 40 * ib_rng_uniform(&rng);
      y[i] = (size_t) (T[i] / 13.34);
    }
    count[y[i]]++;
  }
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KDE);
  double ref[4], h_c = 0.5 * (double) d * (1 + log(2 * PI * opt.noise_var));
  reference_bounds(T, n, d, y, ny, opt.noise_var, ref);
  const double want[5] = {(ref[0] - h_c) / LN2, (ref[0] - ref[2]) / LN2, (ref[1] - h_c) / LN2,
                          (ref[1] - ref[3]) / LN2, ref[0] / LN2};
  CHECK(want[1] > 0.5 && want[3] > 0.5);
  const char *threads[2] = {"1", "3"};
  for (int k = 0; k < 2; k++) {
    double got[9];
    kde_outputs(threads[k], T, n, d, y, ny, codes, got);
    for (int v = 0; v < 5; v++)
      CHECK_CLOSE(got[v], want[v], 1e-12 * fabs(want[v]));
  }

  /* 1e9 apart: every cross term is 0, I(X;T) = log2 n and I(T;Y) = H(Y), both bounds */
  double h_y = 0;
  for (size_t c = 0; c < ny; c++)
    h_y -= (double) count[c] / (double) n * log2((double) count[c] / (double) n);
  for (size_t i = 0; i < n; i++) {
    T[i] = 1e9 * (double) i;
    T[i + n] = -2e9 * (double) i;
  }
  for (int k = 0; k < 2; k++) {
    double got[9];
    kde_outputs(threads[k], T, n, d, y, ny, codes, got);
    CHECK_CLOSE(got[0], log2((double) n), 1e-12 * log2((double) n));
    CHECK_CLOSE(got[2], log2((double) n), 1e-12 * log2((double) n));
    CHECK_CLOSE(got[1], h_y, 1e-12 * h_y);
    CHECK_CLOSE(got[3], h_y, 1e-12 * h_y);
  }
  free(T);
  free(codes);
  free(y);
}

/* Duplicate rows far apart next to the noise (spread 1e8 .. 1e300 sqrt(s2), or s2 = 1e-14
 * on data of order 1): the squared distances of a duplicate pair from |a|^2 + |b|^2 - 2 a.b
 * are pure rounding, large next to s2. The bounds must still see the copies as one
 * component: m distinct rows, each twice, all far apart: both bounds equal
 * h_c + ln(n / 2) nats, I(X;T) = log2 (n / 2) and I(T;Y) = H(Y) for classes that keep the
 * copies together. */
static void test_far_duplicates(void)
{
  const size_t m = 40, n = 2 * m, d = 3, ny = 2;
  double T[240], codes[80], base[120];
  size_t y[80];
  ib_rng rng;
  ib_rng_seed(&rng, 17);
  for (size_t i = 0; i < m * d; i++)
    base[i] = ib_rng_normal(&rng);
  for (size_t i = 0; i < n; i++) {
    codes[i] = (double) i;
    y[i] = (i % m) < m / 4;  /* a quarter of the rows in class 1 */
  }
  const double h_y = -(0.25 * log2(0.25) + 0.75 * log2(0.75));
  const double scales[4] = {1e8, 1e12, 1e150, 1e300};
  for (int k = 0; k < 5; k++) {
    ib_mi_options opt;
    ib_mi_options_default(&opt, IB_EST_KDE);
    double scale = k < 4 ? scales[k] : 1;
    if (k == 4)
      opt.noise_var = 1e-14;
    for (size_t i = 0; i < n; i++)
      for (size_t c = 0; c < d; c++)
        T[i + n * c] = scale * base[(i % m) + m * c];
    double h_c = 0.5 * (double) d * (1 + log(2 * PI * opt.noise_var));
    double want_h = (h_c + log((double) n / 2)) / LN2, h;
    ib_layer_context ctx = {n, codes, 1, NULL, n, y, ny};
    ib_layer_result r;
    CHECK(ib_entropy(&opt, T, n, d, 0, &h) == IB_OK);
    CHECK_CLOSE(h, want_h, 1e-12 * fabs(want_h));
    CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
    CHECK_CLOSE(r.ixt, log2((double) m), 1e-12);
    CHECK_CLOSE(r.ixt_lower, log2((double) m), 1e-12);
    CHECK_CLOSE(r.ity, h_y, 1e-12);
    CHECK_CLOSE(r.ity_lower, h_y, 1e-12);
  }
}

/* Values near the largest double: a column mean would overflow (n * 1e305), squared
 * distances overflow, 1 / (8 noise_var) underflows for noise_var 1e308. A constant layer at
 * 1e305 has I(X;T) = I(T;Y) = 0 and H(T + Z) = h_c; two groups at 1e305 and 1.5e305 (the
 * classes) are one bit apart in every bound; a layer scaled by s with the noise scaled by
 * s^2 (s from 1e-150 to 3e154, 1e300 between the ends) gives the unscaled estimates. */
static void test_extreme_scales(void)
{
  const size_t n = 2048, d = 2, m = 300, dm = 3;
  double *T = malloc(n * d * sizeof *T), *B = malloc(m * dm * sizeof *B), h;
  size_t *y = malloc(n * sizeof *y);
  ib_layer_result r, r0;
  ib_mi_options opt;
  ib_rng rng;
  ib_mi_options_default(&opt, IB_EST_KDE);
  for (size_t i = 0; i < n; i++)
    y[i] = i % 2;
  ib_layer_context ctx = {n, NULL, 0, NULL, n, y, 2};
  for (size_t i = 0; i < n * d; i++)
    T[i] = 1e305;
  double h_c = 0.5 * (double) d * (1 + log(2 * PI * opt.noise_var)) / LN2;
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
  CHECK(r.ixt == 0 && r.ixt_lower == 0 && r.ity == 0 && r.ity_lower == 0);
  CHECK(ib_entropy(&opt, T, n, d, 0, &h) == IB_OK);
  CHECK_CLOSE(h, h_c, 1e-12);
  for (size_t i = 0; i < n * d; i++)
    T[i] = (i % n) % 2 ? 1.5e305 : 1e305;
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
  CHECK_CLOSE(r.ixt, 1, 1e-12);
  CHECK_CLOSE(r.ixt_lower, 1, 1e-12);
  CHECK_CLOSE(r.ity, 1, 1e-12);
  CHECK_CLOSE(r.ity_lower, 1, 1e-12);

  ib_rng_seed(&rng, 23);
  for (size_t i = 0; i < m; i++)
    y[i] = ib_rng_below(&rng, 3);
  for (size_t i = 0; i < m * dm; i++)
    B[i] = ib_rng_normal(&rng) + (double) y[i % m];
  ib_layer_context ctx_m = {m, NULL, 0, NULL, m, y, 3};
  const double scales[4] = {1, 1e-150, 1e150, 3.1622776601683794e154}; /* sqrt(1e309) */
  for (int k = 0; k < 4; k++) {
    double *S = malloc(m * dm * sizeof *S);
    for (size_t i = 0; i < m * dm; i++)
      S[i] = B[i] * scales[k];
    opt.noise_var = k == 3 ? 1e308 : 0.1 * scales[k] * scales[k];
    CHECK(ib_layer_mi(&opt, S, m, dm, &ctx_m, k == 0 ? &r0 : &r) == IB_OK);
    if (k > 0) {
      CHECK_CLOSE(r.ixt, r0.ixt, 1e-9);
      CHECK_CLOSE(r.ixt_lower, r0.ixt_lower, 1e-9);
      CHECK_CLOSE(r.ity, r0.ity, 1e-9);
      CHECK_CLOSE(r.ity_lower, r0.ity_lower, 1e-9);
    }
    free(S);
  }
  CHECK(r0.ixt > 1 && r0.ixt < log2((double) m) - 1 && r0.ity > 0.3);  /* non-trivial */
  free(T);
  free(B);
  free(y);
}

/* A stop function that answers yes stops the bounds with IB_ERR_INTERRUPTED (and frees
 * everything: valgrind); one that never does changes nothing. */
static void test_stop(void)
{
  enum { N = 3000, D = 3 };
  ib_rng rng;
  ib_rng_seed(&rng, 8);
  double *A = malloc(N * D * sizeof *A);
  for (size_t i = 0; i < N * D; i++)
    A[i] = ib_rng_normal(&rng);
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KDE);
  double h_plain, h_asked, h;
  CHECK(ib_entropy(&opt, A, N, D, 0, &h_plain) == IB_OK);
  int never = 1 << 30, soon = 2;
  opt.stop = yes_after, opt.stop_arg = &never;
  CHECK(ib_entropy(&opt, A, N, D, 0, &h_asked) == IB_OK && h_asked == h_plain);
  CHECK(never < (1 << 30)); /* it was asked */
  opt.stop_arg = &soon;
  CHECK(ib_entropy(&opt, A, N, D, 0, &h) == IB_ERR_INTERRUPTED);
  free(A);
}

/* The size guard: the expected time grows as n^2 (d + 64); beyond max_seconds the estimate
 * is refused before any work, Inf lets it run. */
static void test_size_guard(void)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KDE);
  CHECK(opt.max_seconds == 3600);
  double t = ib_mi_expected_seconds(&opt, 1000, 4);
  CHECK_CLOSE(ib_mi_expected_seconds(&opt, 2000, 4), 4 * t, 1e-12 * t);
  CHECK_CLOSE(ib_mi_expected_seconds(&opt, 1000, 140), 3 * t, 1e-12 * t);
  CHECK(ib_mi_expected_seconds(&opt, 10000000, 4) > 86400);  /* n = 1e7: days */
  double A[400], h;
  for (size_t i = 0; i < 400; i++)
    A[i] = (double) ((i * 37) % 101) / 101.0;
  opt.max_seconds = 0.5 * ib_mi_expected_seconds(&opt, 200, 2);
  CHECK(ib_entropy(&opt, A, 200, 2, 0, &h) == IB_ERR_TOO_LARGE);
  opt.max_seconds = INFINITY;
  CHECK(ib_entropy(&opt, A, 200, 2, 0, &h) == IB_OK && isfinite(h));
  ib_mi_options_default(&opt, IB_EST_BIN);
  CHECK(ib_mi_expected_seconds(&opt, 10000000, 4) == 0);
}

int main(void)
{
  quick = getenv("IB_TEST_QUICK") != NULL;
  RUN_TEST(test_monte_carlo);
  RUN_TEST(test_blocked_equals_plain);
  RUN_TEST(test_threads);
  RUN_TEST(test_exact_to_reference);
  RUN_TEST(test_far_duplicates);
  RUN_TEST(test_extreme_scales);
  RUN_TEST(test_stop);
  RUN_TEST(test_size_guard);
  return CHECK_DONE();
}
