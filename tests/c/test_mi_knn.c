/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_mi_knn.c - the k-nearest-neighbour estimators against closed forms:
 *  - KSG on correlated Gaussian pairs, I = -1/2 log2(1 - rho^2) per pair: one pair at rho
 *    0, 0.5, 0.9 and three pairs at rho 0, 0.5 within 0.05 bits (mean over 5 seeds, n 2000);
 *    three pairs at rho 0.9 are biased low and the bias shrinks from n 1000 to n 4000;
 *  - Ross on a label y uniform on {0,1} and T ~ N(2y, 1), the true I(T;Y) from numerical
 *    integration of the mixture's entropy;
 *  - Kozachenko-Leonenko entropy of a Gaussian;
 *  - invariances (common power-of-two scale: bit for bit; row order; class relabelling),
 *    the tie rule on exactly discrete data (I = H(Y) = 1 bit), layer_mi = its parts, seeded
 *    jitter, and the error cases;
 *  - coordinates near the largest double: the estimates of the data scaled down, not Inf
 *    or NaN. */
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mi.h"
#include "mi_estimators.h"
#include "rng.h"

static int quick;

#define PI 3.141592653589793
#define E 2.718281828459045
#define LN2 0.6931471805599453

/* n rows of `pairs` independent pairs (a_p, b_p) with correlation rho: A and B n x pairs. */
static void gaussian_pairs(ib_rng *rng, size_t n, size_t pairs, double rho, double *A,
                           double *B)
{
  double c = sqrt(1 - rho * rho);
  for (size_t i = 0; i < n * pairs; i++) {
    double z1 = ib_rng_normal(rng), z2 = ib_rng_normal(rng);
    A[i] = z1;
    B[i] = rho * z1 + c * z2;
  }
}

static double ksg(const ib_mi_options *opt, const double *A, const double *B, size_t n,
                  size_t pairs)
{
  double mi = NAN;
  CHECK(ib_mutual_info(opt, A, n, pairs, 0, B, pairs, 0, &mi, NULL) == IB_OK);
  return mi;
}

/* Mean KSG estimate over `seeds` data sets. */
static double mean_ksg(const ib_mi_options *opt, size_t n, size_t pairs, double rho,
                       int seeds)
{
  double *A = malloc(n * pairs * sizeof *A), *B = malloc(n * pairs * sizeof *B), sum = 0;
  ib_rng rng;
  for (int s = 0; s < seeds; s++) {
    ib_rng_seed(&rng, 1000 + (uint64_t) s);
    gaussian_pairs(&rng, n, pairs, rho, A, B);
    sum += ksg(opt, A, B, n, pairs);
  }
  free(A);
  free(B);
  return sum / seeds;
}

static double normal_pdf(double x, double mu)
{
  return exp(-0.5 * (x - mu) * (x - mu)) / sqrt(2 * PI);
}

/* I(T;Y) in bits for y uniform on {0,1}, T ~ N(mu * y, 1): h(mixture) - h(N(0,1)), the
 * mixture's entropy by Simpson's rule. */
static double mixture_mi(double mu)
{
  double lo = -12, hi = mu + 12, h = 0;
  size_t steps = 20000;
  double dx = (hi - lo) / (double) steps;
  for (size_t s = 0; s <= steps; s++) {
    double x = lo + dx * (double) s;
    double p = 0.5 * normal_pdf(x, 0) + 0.5 * normal_pdf(x, mu);
    double w = (s == 0 || s == steps) ? 1 : (s % 2 ? 4 : 2);
    if (p > 0)
      h -= w * p * log(p);
  }
  h *= dx / 3;
  return (h - 0.5 * log(2 * PI * E)) / LN2;
}

static void test_ksg_gaussian(void)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KNN);
  size_t n = quick ? 400 : 2000;
  int seeds = quick ? 2 : 5;
  double tol = quick ? 0.12 : 0.05;
  const double rhos[3] = {0, 0.5, 0.9};
  for (int r = 0; r < 3; r++) {
    double truth = -0.5 * log2(1 - rhos[r] * rhos[r]);
    CHECK_CLOSE(mean_ksg(&opt, n, 1, rhos[r], seeds), truth, tol);
    if (r < 2)
      CHECK_CLOSE(mean_ksg(&opt, n, 3, rhos[r], seeds), 3 * truth, tol);
  }
  /* three strongly dependent pairs: biased low, less so with more data */
  double truth = -1.5 * log2(1 - 0.81);
  double small = mean_ksg(&opt, quick ? 250 : 1000, 3, 0.9, seeds);
  double large = mean_ksg(&opt, quick ? 1000 : 4000, 3, 0.9, seeds);
  CHECK(small < truth && large < truth && large > small);
  CHECK(truth - large < 0.5 * (truth - small) + 0.05);
}

static void test_ross(void)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KNN);
  size_t n = quick ? 500 : 2000;
  int seeds = quick ? 2 : 5;
  double *T = malloc(n * sizeof *T), *y = malloc(n * sizeof *y);
  const double mus[2] = {2, 0};
  ib_rng rng;
  for (int m = 0; m < 2; m++) {
    double truth = mixture_mi(mus[m]), sum = 0, sum_ab = 0, mi;
    for (int s = 0; s < seeds; s++) {
      ib_rng_seed(&rng, 77 + (uint64_t) s);
      for (size_t i = 0; i < n; i++) {
        y[i] = (double) ib_rng_below(&rng, 2);
        T[i] = mus[m] * y[i] + ib_rng_normal(&rng);
      }
      CHECK(ib_mutual_info(&opt, T, n, 1, 0, y, 1, 1, &mi, NULL) == IB_OK);
      sum += mi;
      /* the discrete side may come first */
      CHECK(ib_mutual_info(&opt, y, n, 1, 1, T, 1, 0, &mi, NULL) == IB_OK);
      sum_ab += mi;
    }
    CHECK_CLOSE(sum / seeds, truth, quick ? 0.1 : 0.05);
    CHECK_CLOSE(sum_ab, sum, 1e-12);
  }
  /* relabelling the classes (0,1 -> 7,-3) changes nothing but the summation order */
  {
    double mi1, mi2;
    double *relabel = malloc(n * sizeof *relabel);
    for (size_t i = 0; i < n; i++)
      relabel[i] = y[i] == 0 ? 7 : -3;
    CHECK(ib_mutual_info(&opt, T, n, 1, 0, y, 1, 1, &mi1, NULL) == IB_OK);
    CHECK(ib_mutual_info(&opt, T, n, 1, 0, relabel, 1, 1, &mi2, NULL) == IB_OK);
    CHECK_CLOSE(mi1, mi2, 1e-12);
    free(relabel);
  }
  /* exactly discrete T = y: the tie rule gives the plug-in value H(Y) ~ 1 bit */
  {
    double mi, h_y;
    size_t ones = 0;
    for (size_t i = 0; i < n; i++)
      ones += y[i] == 1;
    double p = (double) ones / (double) n;
    h_y = -p * log2(p) - (1 - p) * log2(1 - p);
    CHECK(ib_mutual_info(&opt, y, n, 1, 0, y, 1, 1, &mi, NULL) == IB_OK);
    CHECK_CLOSE(mi, h_y, 0.01);
  }
  free(T);
  free(y);
}

static void test_invariances(void)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KNN);
  size_t n = quick ? 200 : 800, d = 2;
  double *A = malloc(n * d * sizeof *A), *B = malloc(n * d * sizeof *B);
  double *A2 = malloc(n * d * sizeof *A2), *B2 = malloc(n * d * sizeof *B2);
  ib_rng rng;
  ib_rng_seed(&rng, 5);
  gaussian_pairs(&rng, n, d, 0.7, A, B);
  double base = ksg(&opt, A, B, n, d);
  /* a common power-of-two scale: every distance scales exactly */
  for (size_t i = 0; i < n * d; i++) {
    A2[i] = A[i] * 0.125;
    B2[i] = B[i] * 0.125;
  }
  CHECK(ksg(&opt, A2, B2, n, d) == base);
  /* any other common factor: the same up to rounding of the coordinates */
  for (size_t i = 0; i < n * d; i++) {
    A2[i] = A[i] * 3.7;
    B2[i] = B[i] * 3.7;
  }
  CHECK_CLOSE(ksg(&opt, A2, B2, n, d), base, 1e-9);
  /* reversing the row order */
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < d; j++) {
      A2[i + n * j] = A[n - 1 - i + n * j];
      B2[i + n * j] = B[n - 1 - i + n * j];
    }
  CHECK_CLOSE(ksg(&opt, A2, B2, n, d), base, 1e-12);
  /* swapping the sides */
  CHECK_CLOSE(ksg(&opt, B, A, n, d), base, 1e-12);
  free(A);
  free(B);
  free(A2);
  free(B2);
}

static void test_entropy(void)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KNN);
  size_t n = quick ? 500 : 3000;
  double *A = malloc(2 * n * sizeof *A), h;
  ib_rng rng;
  ib_rng_seed(&rng, 9);
  for (size_t i = 0; i < 2 * n; i++)
    A[i] = 3.0 * ib_rng_normal(&rng);  /* sd 3 in each of two dimensions */
  double truth = log2(2 * PI * E * 9.0);
  CHECK(ib_entropy(&opt, A, n, 2, 0, &h) == IB_OK);
  CHECK_CLOSE(h, truth, quick ? 0.15 : 0.06);
  /* a point repeated k = 3 more times: its k-th neighbour is at distance 0, so -Inf */
  for (size_t i = 1; i <= 3; i++) {
    A[i] = A[0];
    A[n + i] = A[n];
  }
  CHECK(ib_entropy(&opt, A, n, 2, 0, &h) == IB_OK);
  CHECK(isinf(h) && h < 0);
  free(A);
}

static void test_layer_and_jitter(void)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KNN);
  size_t n = quick ? 200 : 600, dx = 3, w = 2;
  double *X = malloc(n * dx * sizeof *X), *T = malloc(n * w * sizeof *T);
  double *yd = malloc(n * sizeof *yd);
  size_t *y = malloc(n * sizeof *y), *x_id = malloc(n * sizeof *x_id);
  ib_rng rng;
  ib_rng_seed(&rng, 11);
  for (size_t i = 0; i < n; i++) {
    y[i] = (size_t) ib_rng_below(&rng, 3);
    yd[i] = (double) y[i];
    x_id[i] = i;
    for (size_t j = 0; j < dx; j++)
      X[i + n * j] = ib_rng_normal(&rng) + (double) y[i];
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < w; j++)
      T[i + n * j] = tanh(X[i] + 0.5 * X[i + n * (j + 1)]) + 0.1 * ib_rng_normal(&rng);
  ib_layer_context ctx = {n, X, dx, x_id, n, y, 3};
  ib_layer_result r, r2;
  double ixt, ity, h;
  CHECK(ib_layer_mi(&opt, T, n, w, &ctx, &r) == IB_OK);
  CHECK(ib_mutual_info(&opt, X, n, dx, 0, T, w, 0, &ixt, NULL) == IB_OK);
  CHECK(ib_mutual_info(&opt, T, n, w, 0, yd, 1, 1, &ity, NULL) == IB_OK);
  CHECK(ib_entropy(&opt, T, n, w, 0, &h) == IB_OK);
  CHECK_CLOSE(r.ixt, ixt, 1e-12);
  CHECK_CLOSE(r.ity, ity, 1e-12);
  CHECK_CLOSE(r.h_t, h, 1e-12);
  CHECK(isnan(r.ixt_lower) && isnan(r.ity_lower) && isnan(r.kernel_width));
  CHECK(r.ixt > 0.3 && r.ity > 0.1);  /* T depends on X, and through X on y */

  /* jitter: reproducible from the seed, different across seeds, small when small */
  opt.jitter = 1e-6;
  opt.seed = 3;
  CHECK(ib_layer_mi(&opt, T, n, w, &ctx, &r2) == IB_OK);
  CHECK_CLOSE(r2.ixt, r.ixt, 0.05);
  ib_layer_result r3;
  CHECK(ib_layer_mi(&opt, T, n, w, &ctx, &r3) == IB_OK);
  CHECK(r3.ixt == r2.ixt && r3.ity == r2.ity);
  opt.seed = 4;
  opt.jitter = 0.3;
  CHECK(ib_layer_mi(&opt, T, n, w, &ctx, &r3) == IB_OK);
  CHECK(r3.ixt != r2.ixt);

  /* errors */
  ib_mi_options bad = opt;
  bad.k = 0;
  CHECK(ib_layer_mi(&bad, T, n, w, &ctx, &r) == IB_ERR_ARG);
  bad.k = n;
  CHECK(ib_mutual_info(&bad, X, n, dx, 0, T, w, 0, &ixt, NULL) == IB_ERR_ARG);
  bad = opt;
  bad.jitter = -1;
  CHECK(ib_entropy(&bad, T, n, w, 0, &h) == IB_ERR_ARG);
  bad.jitter = NAN;
  CHECK(ib_entropy(&bad, T, n, w, 0, &h) == IB_ERR_ARG);
  CHECK(ib_mutual_info(&opt, yd, n, 1, 1, yd, 1, 1, &ixt, NULL) == IB_ERR_ARG);
  CHECK(ib_entropy(&opt, yd, n, 1, 1, &h) == IB_ERR_ARG);
  ib_layer_context no_x = ctx;
  no_x.X = NULL;
  CHECK(ib_layer_mi(&opt, T, n, w, &no_x, &r) == IB_ERR_ARG);
  ib_layer_context bad_label = ctx;
  bad_label.n_y = 2;  /* labels 2 exist */
  CHECK(ib_layer_mi(&opt, T, n, w, &bad_label, &r) == IB_ERR_ARG);
  T[5] = NAN;
  CHECK(ib_layer_mi(&opt, T, n, w, &ctx, &r) == IB_ERR_NONFINITE);
  CHECK(ib_entropy(&opt, T, n, w, 0, &h) == IB_ERR_NONFINITE);
  /* every point alone in its class: nothing to estimate I(T;Y) from */
  double one[2] = {0.5, 1.5}, labels[2] = {0, 1};
  opt.k = 1;
  CHECK(ib_mutual_info(&opt, one, 2, 1, 0, labels, 1, 1, &ity, NULL) == IB_ERR_ARG);
  free(X);
  free(T);
  free(yd);
  free(y);
  free(x_id);
}

/* Coordinates near the largest double (differences and 2 eps beyond it): the estimates
 * equal those of the same data before scaling by 2^e (bit for bit; the entropy shifted
 * by d e bits), never Inf or NaN. Gaussian data scaled so that the largest value is in
 * [2^1023, 2^1024), with and without jitter (scaled along), and sparse data whose k-th
 * neighbours are across the whole range (2 clusters of 5 near -+0.9 DBL_MAX, k = 5: the
 * entropy was +Inf, NaN with a repeated point, and KSG 1.08 bits instead of 0.09). */
static int exponent_to_top(const double *A, size_t count)
{
  double m = 0;
  int e;
  for (size_t i = 0; i < count; i++)
    m = fabs(A[i]) > m ? fabs(A[i]) : m;
  frexp(m, &e);
  return 1024 - e;  /* m 2^(1024 - e) in [2^1023, 2^1024) */
}

/* KSG (A, B), Ross (A; labels), the entropy of A and the layer (X = A, T = B), on the
 * data and on the data times 2^e. */
static void check_scaled_alike(const ib_mi_options *opt, const double *A, const double *B,
                               const double *labels, size_t n, size_t d, int e)
{
  double *As = malloc(n * d * sizeof *As), *Bs = malloc(n * d * sizeof *Bs);
  double v0[4], v1[4];
  size_t *y = malloc(n * sizeof *y);
  ib_layer_result r0, r1;
  for (size_t i = 0; i < n * d; i++) {
    As[i] = ldexp(A[i], e);
    Bs[i] = ldexp(B[i], e);
  }
  for (size_t i = 0; i < n; i++)
    y[i] = (size_t) labels[i];
  ib_layer_context ctx0 = {n, A, d, NULL, n, y, 2}, ctx1 = {n, As, d, NULL, n, y, 2};
  for (int k = 0; k < 2; k++) {
    const double *a = k ? As : A, *b = k ? Bs : B;
    double *v = k ? v1 : v0;
    CHECK(ib_mutual_info(opt, a, n, d, 0, b, d, 0, &v[0], NULL) == IB_OK);
    CHECK(ib_mutual_info(opt, labels, n, 1, 1, a, d, 0, &v[1], NULL) == IB_OK);
    CHECK(ib_entropy(opt, a, n, d, 0, &v[2]) == IB_OK);
    CHECK(ib_layer_mi(opt, b, n, d, k ? &ctx1 : &ctx0, k ? &r1 : &r0) == IB_OK);
  }
  CHECK(v1[0] == v0[0] && v1[1] == v0[1]);
  CHECK(isfinite(v1[2]) && isfinite(r1.h_t));
  CHECK_CLOSE(v1[2], v0[2] + (double) (d * (size_t) e), 1e-12 * fabs(v1[2]));
  CHECK(r1.ixt == r0.ixt && r1.ity == r0.ity);
  CHECK_CLOSE(r1.h_t, r0.h_t + (double) (d * (size_t) e), 1e-12 * fabs(r1.h_t));
  free(As);
  free(Bs);
  free(y);
}

static void test_near_largest_double(void)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KNN);
  const size_t n = 400, d = 2;
  double *A = malloc(n * d * sizeof *A), *B = malloc(n * d * sizeof *B);
  ib_layer_result info;
  double *labels = malloc(n * sizeof *labels), h, mi0, mi1;
  ib_rng rng;
  ib_rng_seed(&rng, 31);
  gaussian_pairs(&rng, n, d, 0.6, A, B);
  for (size_t i = 0; i < n; i++)
    labels[i] = A[i] > 0;
  int ea = exponent_to_top(A, n * d), eb = exponent_to_top(B, n * d);
  int e = ea < eb ? ea : eb;
  check_scaled_alike(&opt, A, B, labels, n, d, e);
  /* jitter scaled along: the jittered copies are the same up to the power of two */
  opt.jitter = 0.01;
  CHECK(ib_mutual_info(&opt, A, n, d, 0, B, d, 0, &mi0, NULL) == IB_OK);
  for (size_t i = 0; i < n * d; i++) {
    A[i] = ldexp(A[i], e);
    B[i] = ldexp(B[i], e);
  }
  /* past the dispatch's 1e300 (ib_mi_check): the estimator's own arithmetic, called
   * directly, scales with the data */
  opt.jitter = ldexp(0.01, e);
  CHECK(ib_knn_mutual_info(&opt, A, n, d, 0, B, d, 0, &mi1, &info) == IB_OK);
  CHECK(mi1 == mi0);
  opt.jitter = DBL_MAX;  /* the jittered values would overflow */
  CHECK(ib_entropy(&opt, A, n, d, 0, &h) == IB_ERR_ARG);
  opt.jitter = 0;

  /* sparse: the k-th neighbour is in the other cluster, 1.8 DBL_MAX away */
  double a[16], b[10], c[10];
  for (size_t i = 0; i < 5; i++) {
    a[i] = -0.9 * (1 + 1e-3 * (double) i);
    a[i + 5] = 0.9 * (1 + 1e-3 * (double) i);
    c[i] = 0;
    c[i + 5] = 1;
  }
  for (size_t i = 0; i < 10; i++)
    b[i] = a[9 - i];
  opt.k = 5;
  check_scaled_alike(&opt, a, b, c, 10, 1, 1024);
  /* with a point repeated k times the entropy is -Inf (an atom), not NaN */
  for (size_t i = 0; i < 10; i++)
    a[i] = ldexp(a[i], 1024);
  for (size_t i = 10; i < 16; i++)
    a[i] = a[0];
  CHECK(ib_entropy(&opt, a, 16, 1, 0, &h) == IB_OK);
  CHECK(isinf(h) && h < 0);
  free(A);
  free(B);
  free(labels);
}

/* A stop function that answers yes ends the estimate with IB_ERR_INTERRUPTED (everything
 * freed: valgrind); one that never does changes nothing. */
static void test_stop(void)
{
  enum { N = 2000 };
  ib_rng rng;
  ib_rng_seed(&rng, 12);
  double *A = malloc(2 * N * sizeof *A);
  for (size_t i = 0; i < 2 * N; i++)
    A[i] = ib_rng_normal(&rng);
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_KNN);
  double mi_plain, mi_asked, mi;
  CHECK(ib_mutual_info(&opt, A, N, 1, 0, A + N, 1, 0, &mi_plain, NULL) == IB_OK);
  int never = 1 << 30, soon = 3;
  opt.stop = yes_after, opt.stop_arg = &never;
  CHECK(ib_mutual_info(&opt, A, N, 1, 0, A + N, 1, 0, &mi_asked, NULL) == IB_OK);
  CHECK(mi_asked == mi_plain && never < (1 << 30));
  opt.stop_arg = &soon;
  CHECK(ib_mutual_info(&opt, A, N, 1, 0, A + N, 1, 0, &mi, NULL) == IB_ERR_INTERRUPTED);
  free(A);
}

int main(void)
{
  quick = getenv("IB_TEST_QUICK") != NULL;
  RUN_TEST(test_ksg_gaussian);
  RUN_TEST(test_ross);
  RUN_TEST(test_invariances);
  RUN_TEST(test_entropy);
  RUN_TEST(test_layer_and_jitter);
  RUN_TEST(test_near_largest_double);
  RUN_TEST(test_stop);
  return CHECK_DONE();
}
