/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_mi_renyi.c - the matrix-based Renyi entropy against a plain C reference (Gram
 * matrices by loops, eigenvalues by a cyclic Jacobi solver written here):
 *  - S_alpha of a continuous sample with a given width and with Scott's rule (and the width
 *    reported), the joint through the Hadamard product, I = S(A) + S(B) - S(A,B);
 *  - labels: the block-diagonal shortcut equals the full equality-kernel Hadamard product,
 *    S(Y) is the Renyi entropy of the class proportions, both-discrete closed form;
 *  - alpha -> 1 approaches the Shannon entropy of the eigenvalues (alpha = 1 equals it);
 *  - independent samples (fixed width): I small next to the entropies and shrinking with n;
 *    row order does not matter;
 *    layer_mi equals its parts; errors (alpha, size limit, NaN);
 *  - data scaled by 1e-300 .. 1e300 give the unscaled values (Scott's rule); duplicate rows
 *    under a width far below the rounding of the norms stay equal; a large alpha gives the
 *    finite min-entropy limit;
 *  - renyi_method: alpha 2 by exact_power equals 1 - log2 of the plain sum of the squared
 *    Gram entries and the eigen path to 1e-12; integer alpha 3..7 equals the eigen path to
 *    1e-10 (entropies, a Hadamard joint, label blocks); slq is within its stated 1e-3 bits
 *    of the eigen path (and not equal to it: it did not hand over), deterministic per seed;
 *    options out of a method's domain are refused;
 *  - from 512 rows the eigenvalues by panels (against the Frobenius norm and the powers);
 *  - a stop function stops every path, early or late; one that never answers yes changes
 *    nothing. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mi.h"
#include "rng.h"

static int quick;

/* Eigenvalues of the symmetric n x n matrix A (destroyed) by cyclic Jacobi rotations. */
static void jacobi_eigenvalues(double *A, size_t n, double *w)
{
  for (int sweep = 0; sweep < 100; sweep++) {
    double off = 0;
    for (size_t p = 0; p < n; p++)
      for (size_t q = p + 1; q < n; q++)
        off += A[p + n * q] * A[p + n * q];
    if (off < 1e-30)
      break;
    for (size_t p = 0; p < n; p++)
      for (size_t q = p + 1; q < n; q++) {
        double apq = A[p + n * q];
        if (fabs(apq) < 1e-300)
          continue;
        double theta = (A[q + n * q] - A[p + n * p]) / (2 * apq);
        double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
        double c = 1 / sqrt(t * t + 1), s = t * c;
        for (size_t k = 0; k < n; k++) {  /* columns p, q */
          double akp = A[k + n * p], akq = A[k + n * q];
          A[k + n * p] = c * akp - s * akq;
          A[k + n * q] = s * akp + c * akq;
        }
        for (size_t k = 0; k < n; k++) {  /* rows p, q */
          double apk = A[p + n * k], aqk = A[q + n * k];
          A[p + n * k] = c * apk - s * aqk;
          A[q + n * k] = s * apk + c * aqk;
        }
      }
  }
  for (size_t i = 0; i < n; i++)
    w[i] = A[i + n * i];
}

/* Gaussian Gram matrix (full) of the rows of A (n x d); sigma 0: equality kernel. */
static void gram(const double *A, size_t n, size_t d, double sigma, double *K)
{
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double d2 = 0;
      for (size_t c = 0; c < d; c++)
        d2 += (A[i + n * c] - A[j + n * c]) * (A[i + n * c] - A[j + n * c]);
      K[i + n * j] = sigma > 0 ? exp(-d2 / (2 * sigma * sigma)) : (d2 == 0);
    }
}

/* S_alpha (bits) of the normalised matrix K / trace(K); alpha == 1: Shannon. */
static double reference_entropy(double *K, size_t n, double alpha)
{
  double trace = 0, sum = 0, *w = malloc(n * sizeof *w);
  for (size_t i = 0; i < n; i++)
    trace += K[i + n * i];
  jacobi_eigenvalues(K, n, w);
  for (size_t i = 0; i < n; i++) {
    double l = w[i] / trace;
    if (l <= 0)
      continue;
    sum += alpha == 1 ? -l * log2(l) : pow(l, alpha);
  }
  free(w);
  return alpha == 1 ? sum : log2(sum) / (1 - alpha);
}

static double reference_scott(const double *A, size_t n, size_t d)
{
  double msd = 0;
  for (size_t c = 0; c < d; c++) {
    double m = 0, v = 0;
    for (size_t i = 0; i < n; i++)
      m += A[i + n * c] / (double) n;
    for (size_t i = 0; i < n; i++)
      v += (A[i + n * c] - m) * (A[i + n * c] - m);
    msd += sqrt(v / (double) (n - 1)) / (double) d;
  }
  return msd * pow((double) n, -1.0 / (4.0 + (double) d));
}

/* I(A;B) (bits) by the reference; sigma 0 = equality kernel for that side. */
static double reference_mi(const double *A, size_t da, double sa, const double *B, size_t db,
                           double sb, size_t n, double alpha)
{
  double *KA = malloc(n * n * sizeof *KA), *KB = malloc(n * n * sizeof *KB);
  double *KAB = malloc(n * n * sizeof *KAB);
  gram(A, n, da, sa, KA);
  gram(B, n, db, sb, KB);
  for (size_t i = 0; i < n * n; i++)
    KAB[i] = KA[i] * KB[i];
  double mi = reference_entropy(KA, n, alpha) + reference_entropy(KB, n, alpha)
              - reference_entropy(KAB, n, alpha);
  free(KA);
  free(KB);
  free(KAB);
  return mi;
}

static void test_jacobi_itself(void)
{
  double A[4] = {2, 1, 1, 2}, w[2];
  jacobi_eigenvalues(A, 2, w);
  CHECK_CLOSE(fmin(w[0], w[1]), 1, 1e-14);
  CHECK_CLOSE(fmax(w[0], w[1]), 3, 1e-14);
}

static void test_against_reference(void)
{
  size_t n = 30, da = 2, db = 3;
  double A[60], B[90], K[900], h, mi;
  ib_rng rng;
  ib_rng_seed(&rng, 14);
  for (size_t i = 0; i < n * da; i++)
    A[i] = ib_rng_normal(&rng);
  for (size_t i = 0; i < n; i++)
    for (size_t c = 0; c < db; c++)
      B[i + n * c] = A[i] * (double) c + 0.7 * ib_rng_normal(&rng);
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  const double alphas[3] = {1.01, 2, 0.5};
  for (int a = 0; a < 3; a++) {
    opt.alpha = alphas[a];
    opt.kernel_width = 0.8;
    gram(A, n, da, 0.8, K);
    CHECK(ib_entropy(&opt, A, n, da, 0, &h) == IB_OK);
    CHECK_CLOSE(h, reference_entropy(K, n, opt.alpha), 1e-9);
    CHECK(ib_mutual_info(&opt, A, n, da, 0, B, db, 0, &mi, NULL) == IB_OK);
    CHECK_CLOSE(mi, reference_mi(A, da, 0.8, B, db, 0.8, n, opt.alpha), 1e-9);
    /* Scott's rule, each side its own width */
    ib_layer_result info;
    opt.kernel_width = NAN;
    double sa = reference_scott(A, n, da), sb = reference_scott(B, n, db);
    CHECK(ib_mutual_info(&opt, A, n, da, 0, B, db, 0, &mi, &info) == IB_OK);
    CHECK_CLOSE(info.kernel_width, sa, 1e-12);
    CHECK_CLOSE(mi, reference_mi(A, da, sa, B, db, sb, n, opt.alpha), 1e-9);
    opt.kernel_width = -1;  /* <= 0 also means the rule */
    double mi2;
    CHECK(ib_mutual_info(&opt, A, n, da, 0, B, db, 0, &mi2, NULL) == IB_OK);
    CHECK(mi2 == mi);
  }
  /* alpha -> 1: the Shannon entropy of the eigenvalues */
  opt.kernel_width = 0.8;
  gram(A, n, da, 0.8, K);
  double shannon = reference_entropy(K, n, 1), h1, h_near;
  opt.alpha = 1;
  CHECK(ib_entropy(&opt, A, n, da, 0, &h1) == IB_OK);
  CHECK_CLOSE(h1, shannon, 1e-9);
  opt.alpha = 1 + 1e-6;
  CHECK(ib_entropy(&opt, A, n, da, 0, &h_near) == IB_OK);
  CHECK(fabs(h_near - shannon) < 1e-4 && h_near != shannon);
  opt.alpha = 1.1;
  CHECK(ib_entropy(&opt, A, n, da, 0, &h) == IB_OK);
  CHECK(h < h_near && fabs(h - shannon) > 10 * fabs(h_near - shannon));  /* non-increasing */
}

static void test_labels(void)
{
  size_t n = 40, d = 2, ny = 3;
  double T[80], yd[40], mi, h;
  ib_rng rng;
  ib_rng_seed(&rng, 3);
  size_t count[3] = {0};
  for (size_t i = 0; i < n; i++) {
    size_t y = (size_t) ib_rng_below(&rng, ny);
    count[y]++;
    yd[i] = (double) y * 2.5;  /* codes, not 0..n_y-1 */
    for (size_t c = 0; c < d; c++)
      T[i + n * c] = (double) y + ib_rng_normal(&rng);
  }
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  opt.kernel_width = 1.3;
  /* the block shortcut against the full Hadamard product with the equality kernel */
  CHECK(ib_mutual_info(&opt, T, n, d, 0, yd, 1, 1, &mi, NULL) == IB_OK);
  CHECK_CLOSE(mi, reference_mi(T, d, 1.3, yd, 1, 0, n, opt.alpha), 1e-9);
  double mi_swapped;
  CHECK(ib_mutual_info(&opt, yd, n, 1, 1, T, d, 0, &mi_swapped, NULL) == IB_OK);
  CHECK_CLOSE(mi_swapped, mi, 1e-12);
  /* S(Y): the Renyi entropy of the proportions */
  double s = 0;
  for (size_t c = 0; c < ny; c++)
    s += pow((double) count[c] / (double) n, opt.alpha);
  CHECK(ib_entropy(&opt, yd, n, 1, 1, &h) == IB_OK);
  CHECK_CLOSE(h, log2(s) / (1 - opt.alpha), 1e-12);
  /* both discrete: y against y is S(Y); y against a constant is 0 */
  double zero[40] = {0};
  CHECK(ib_mutual_info(&opt, yd, n, 1, 1, yd, 1, 1, &mi, NULL) == IB_OK);
  CHECK_CLOSE(mi, h, 1e-12);
  CHECK(ib_mutual_info(&opt, yd, n, 1, 1, zero, 1, 1, &mi, NULL) == IB_OK);
  CHECK_CLOSE(mi, 0, 1e-12);

  /* layer_mi = its parts */
  size_t y[40], x_id[40];
  double X[120];
  for (size_t i = 0; i < n; i++) {
    y[i] = (size_t) (yd[i] / 2.5);
    x_id[i] = i;
    for (size_t c = 0; c < 3; c++)
      X[i + n * c] = T[i + n * (c % 2)] * (double) (c + 1) + 0.2 * ib_rng_normal(&rng);
  }
  ib_layer_context ctx = {n, X, 3, x_id, n, y, ny};
  ib_layer_result r;
  double ixt, ity, h_t;
  opt.kernel_width = NAN;
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_OK);
  CHECK(ib_mutual_info(&opt, X, n, 3, 0, T, d, 0, &ixt, NULL) == IB_OK);
  CHECK(ib_mutual_info(&opt, T, n, d, 0, yd, 1, 1, &ity, NULL) == IB_OK);
  CHECK(ib_entropy(&opt, T, n, d, 0, &h_t) == IB_OK);
  CHECK_CLOSE(r.ixt, ixt, 1e-10);
  CHECK_CLOSE(r.ity, ity, 1e-10);
  CHECK_CLOSE(r.h_t, h_t, 1e-10);
  CHECK_CLOSE(r.kernel_width, reference_scott(T, n, d), 1e-12);
  CHECK(isnan(r.ixt_lower) && isnan(r.n_states));
  ctx.n_y = 2;  /* label 2 out of range */
  CHECK(ib_layer_mi(&opt, T, n, d, &ctx, &r) == IB_ERR_ARG);
}

/* Independent samples, fixed width: I shrinks toward 0 as n grows (the spectra of the
 * product kernel multiply in the limit), and is small next to the entropies. (With Scott's
 * shrinking width it does not: S(A,B) <= log2 n caps the joint; see mi_renyi.c.) */
static double independent_mi(size_t n, double *h_a, int dependent)
{
  size_t d = 2;
  double *A = malloc(n * d * sizeof *A), *B = malloc(n * d * sizeof *B), mi;
  ib_rng rng;
  ib_rng_seed(&rng, 21);
  for (size_t i = 0; i < n * d; i++) {
    A[i] = ib_rng_normal(&rng);
    B[i] = ib_rng_normal(&rng);
    if (dependent)
      B[i] = A[i] + 0.1 * B[i];
  }
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  opt.kernel_width = 1.5;
  CHECK(ib_mutual_info(&opt, A, n, d, 0, B, d, 0, &mi, NULL) == IB_OK);
  CHECK(ib_entropy(&opt, A, n, d, 0, h_a) == IB_OK);
  free(A);
  free(B);
  return mi;
}

static void test_independence_and_order(void)
{
  size_t n1 = quick ? 60 : 200, n2 = quick ? 150 : 800;
  double h1, h2, h_dep;
  double mi1 = independent_mi(n1, &h1, 0), mi2 = independent_mi(n2, &h2, 0);
  double mi_dep = independent_mi(n2, &h_dep, 1);
  CHECK(mi2 > -0.01 && mi2 < 0.6 * mi1);
  CHECK(mi2 < (quick ? 0.15 : 0.1) * h2);
  CHECK(mi_dep > 0.5 * h_dep && mi_dep > 5 * mi2);

  /* reversed rows, Scott's rule */
  size_t n = quick ? 60 : 300, d = 2;
  double *A = malloc(n * d * sizeof *A), *B = malloc(n * d * sizeof *B);
  double *A2 = malloc(n * d * sizeof *A2), *B2 = malloc(n * d * sizeof *B2);
  ib_rng rng;
  ib_rng_seed(&rng, 22);
  for (size_t i = 0; i < n * d; i++) {
    A[i] = ib_rng_normal(&rng);
    B[i] = A[i] * A[i] + ib_rng_normal(&rng);
  }
  for (size_t i = 0; i < n; i++)
    for (size_t c = 0; c < d; c++) {
      A2[i + n * c] = A[n - 1 - i + n * c];
      B2[i + n * c] = B[n - 1 - i + n * c];
    }
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  double mi, mi_rev;
  CHECK(ib_mutual_info(&opt, A, n, d, 0, B, d, 0, &mi, NULL) == IB_OK);
  CHECK(ib_mutual_info(&opt, A2, n, d, 0, B2, d, 0, &mi_rev, NULL) == IB_OK);
  CHECK_CLOSE(mi_rev, mi, 1e-9);
  free(A);
  free(B);
  free(A2);
  free(B2);
}

static void test_errors(void)
{
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  double A[6] = {1, 2, 3, 4, 5, 7}, h, mi;
  opt.alpha = 0;
  CHECK(ib_entropy(&opt, A, 3, 2, 0, &h) == IB_ERR_ARG);
  opt.alpha = NAN;
  CHECK(ib_mutual_info(&opt, A, 3, 1, 0, A + 3, 1, 0, &mi, NULL) == IB_ERR_ARG);
  opt.alpha = 2;
  opt.kernel_width = INFINITY;
  CHECK(ib_entropy(&opt, A, 3, 2, 0, &h) == IB_ERR_ARG);
  opt.kernel_width = NAN;
  A[4] = NAN;
  CHECK(ib_entropy(&opt, A, 3, 2, 0, &h) == IB_ERR_NONFINITE);
  /* the size limit comes before any n x n allocation */
  size_t big = 20001;
  double *Z = calloc(big, sizeof *Z);
  CHECK(ib_entropy(&opt, Z, big, 1, 0, &h) == IB_ERR_TOO_LARGE);
  CHECK(ib_mutual_info(&opt, Z, big, 1, 0, Z, 1, 1, &mi, NULL) == IB_ERR_TOO_LARGE);
  free(Z);
  /* constant data: the all-ones kernel, entropy 0 */
  double C[4] = {2, 2, 2, 2};
  CHECK(ib_entropy(&opt, C, 4, 1, 0, &h) == IB_OK);
  CHECK_CLOSE(h, 0, 1e-12);
}

/* Robustness of the scale: with Scott's rule the estimates do not depend on the unit, so
 * data scaled by 1e-300 or 1e300 (squared deviations under- or overflow) give the values of
 * the unscaled data; a kernel width far below the rounding of the squared norms (1e-9 on
 * data of order 1) still sees duplicate rows as equal: the equality kernel of 3 distinct
 * rows, each twice, has the eigenvalues 1/3 and S = log2 3 for every alpha. A large alpha
 * (every lambda^alpha underflows) gives the min-entropy limit -log2 lambda_max, finite. */
static void test_scale_and_alpha(void)
{
  size_t n = 12, d = 2;
  double A[24], B[12], S[24], Sb[12], h0, h, mi0, mi;
  double labels_d[12];
  ib_rng rng;
  ib_rng_seed(&rng, 23);
  for (size_t i = 0; i < n * d; i++)
    A[i] = ib_rng_normal(&rng);
  for (size_t i = 0; i < n; i++) {
    B[i] = A[i] + 0.5 * ib_rng_normal(&rng);
    labels_d[i] = (double) (i % 3);
  }
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  CHECK(ib_entropy(&opt, A, n, d, 0, &h0) == IB_OK);
  CHECK(ib_mutual_info(&opt, A, n, d, 0, B, 1, 0, &mi0, NULL) == IB_OK);
  const double scales[4] = {1e-300, 1e-150, 1e150, 1e300};
  for (int k = 0; k < 4; k++) {
    for (size_t i = 0; i < n * d; i++)
      S[i] = scales[k] * A[i];
    for (size_t i = 0; i < n; i++)
      Sb[i] = scales[k] * B[i];
    CHECK(ib_entropy(&opt, S, n, d, 0, &h) == IB_OK);
    CHECK_CLOSE(h, h0, 1e-9);
    CHECK(ib_mutual_info(&opt, S, n, d, 0, Sb, 1, 0, &mi, NULL) == IB_OK);
    CHECK_CLOSE(mi, mi0, 1e-9);
  }

  /* duplicates under a tiny width: 3 rows of 7 values of order 1000, each twice */
  double D[42];
  for (size_t i = 0; i < 3 * 7; i++)
    D[(i % 3) + 6 * (i / 3)] = D[(i % 3) + 3 + 6 * (i / 3)] = 1000 * ib_rng_normal(&rng);
  const double alphas[3] = {1.01, 2, 1};
  for (int k = 0; k < 3; k++) {
    opt.alpha = alphas[k];
    opt.kernel_width = k == 0 ? 1e-9 : 1e-6;
    CHECK(ib_entropy(&opt, D, 6, 7, 0, &h) == IB_OK);
    CHECK_CLOSE(h, log2(3.0), 1e-12);
    CHECK(ib_mutual_info(&opt, D, 6, 7, 0, (const double[]) {0, 1, 2, 0, 1, 2}, 1, 1, &mi,
                         NULL) == IB_OK);
    CHECK_CLOSE(mi, log2(3.0), 1e-12);
  }

  /* large alpha: the min-entropy of the reference spectrum */
  double K[144], w[12], lmax = 0, trace = 0;
  opt.kernel_width = 0.7;
  gram(A, n, d, 0.7, K);
  for (size_t i = 0; i < n; i++)
    trace += K[i + n * i];
  jacobi_eigenvalues(K, n, w);
  for (size_t i = 0; i < n; i++)
    lmax = fmax(lmax, w[i] / trace);
  double h_min = -log2(lmax), previous = INFINITY;
  const double big[4] = {1e3, 1e5, 1e15, 1e300};
  for (int k = 0; k < 4; k++) {
    opt.alpha = big[k];
    CHECK(ib_entropy(&opt, A, n, d, 0, &h) == IB_OK);
    CHECK(h >= h_min - 1e-12 && h <= previous + 1e-12);  /* non-increasing in alpha */
    previous = h;
    CHECK(ib_mutual_info(&opt, A, n, d, 0, B, 1, 0, &mi, NULL) == IB_OK);
    CHECK(isfinite(mi));
    CHECK(ib_mutual_info(&opt, A, n, d, 0, labels_d, 1, 1, &mi, NULL) == IB_OK);
    CHECK(isfinite(mi));
  }
  CHECK_CLOSE(h, h_min, 1e-9);  /* alpha = 1e300 */
}

/* Gaussian 2-D data, and labels in three classes */
static void method_data(size_t n, double *A, double *B, double *labels)
{
  ib_rng rng;
  ib_rng_seed(&rng, 31);
  for (size_t i = 0; i < n; i++) {
    labels[i] = (double) (i % 3);
    for (size_t c = 0; c < 2; c++) {
      A[i + n * c] = ib_rng_normal(&rng) + labels[i];
      B[i + n * c] = A[i + n * c] * A[i + n * c] + ib_rng_normal(&rng);
    }
  }
}

/* ib_entropy of A, I(A;B), I(A;labels) (call 0, 1, 2) */
static ib_status one_call(const ib_mi_options *opt, int call, const double *A, const double *B,
                          const double *labels, size_t n, double *v)
{
  if (call == 0)
    return ib_entropy(opt, A, n, 2, 0, v);
  if (call == 1)
    return ib_mutual_info(opt, A, n, 2, 0, B, 2, 0, v, NULL);
  return ib_mutual_info(opt, A, n, 2, 0, labels, 1, 1, v, NULL);
}

static void entropy_and_mi(ib_mi_options *opt, ib_renyi_method method, const double *A,
                           const double *B, const double *labels, size_t n, double out[3])
{
  opt->renyi_method = method;
  for (int call = 0; call < 3; call++)
    CHECK(one_call(opt, call, A, B, labels, n, &out[call]) == IB_OK);
}

static void test_exact_power(void)
{
  size_t n = 50;
  double A[100], B[100], labels[50], K[2500], eig[3], pw[3], au[3];
  method_data(n, A, B, labels);
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  opt.kernel_width = 0.9;
  /* alpha 2: S = -log2 sum_ij (K_ij / n)^2 from the plain Gram matrix */
  opt.alpha = 2;
  gram(A, n, 2, 0.9, K);
  double frob = 0;
  for (size_t i = 0; i < n * n; i++)
    frob += (K[i] / (double) n) * (K[i] / (double) n);
  entropy_and_mi(&opt, IB_RENYI_EXACT_POWER, A, B, labels, n, pw);
  entropy_and_mi(&opt, IB_RENYI_EIG, A, B, labels, n, eig);
  entropy_and_mi(&opt, IB_RENYI_AUTO, A, B, labels, n, au);
  CHECK_CLOSE(pw[0], -log2(frob), 1e-12);
  for (int k = 0; k < 3; k++) {
    CHECK_CLOSE(pw[k], eig[k], 1e-12);
    CHECK(au[k] == pw[k]);
  }
  CHECK_CLOSE(pw[1], reference_mi(A, 2, 0.9, B, 2, 0.9, n, 2), 1e-10);
  /* integer alpha: traces of powers against the eigenvalues (odd and even splits) */
  for (int a = 3; a <= 7; a++) {
    opt.alpha = a;
    entropy_and_mi(&opt, IB_RENYI_EXACT_POWER, A, B, labels, n, pw);
    entropy_and_mi(&opt, IB_RENYI_EIG, A, B, labels, n, eig);
    for (int k = 0; k < 3; k++)
      CHECK_CLOSE(pw[k], eig[k], 1e-10);
    CHECK(pw[0] < eig[0] + 1e-10 && (a == 3 || pw[0] != eig[0]));
  }
  /* domains: exact_power integer 2..16, slq alpha <= 10, a known method */
  double h;
  opt.renyi_method = IB_RENYI_EXACT_POWER;
  const double bad_power[3] = {2.5, 1, 17};
  for (int k = 0; k < 3; k++) {
    opt.alpha = bad_power[k];
    CHECK(ib_entropy(&opt, A, n, 2, 0, &h) == IB_ERR_ARG);
  }
  opt.alpha = 16;
  CHECK(ib_entropy(&opt, A, n, 2, 0, &h) == IB_OK && isfinite(h));
  opt.renyi_method = IB_RENYI_SLQ;
  opt.alpha = 10.5;
  CHECK(ib_entropy(&opt, A, n, 2, 0, &h) == IB_ERR_ARG);
  opt.renyi_method = (ib_renyi_method) IB_RENYI_METHOD_COUNT;
  opt.alpha = 2;
  CHECK(ib_entropy(&opt, A, n, 2, 0, &h) == IB_ERR_ARG);
}

/* SLQ against the eigenvalues on matrices large enough for it (the blocks of the label
 * joint too): within the stated 1e-3 bits per entropy, so an MI of three within 3e-3 */
static void test_slq(void)
{
  size_t n = quick ? 260 : 900;
  double *A = malloc(2 * n * sizeof *A), *B = malloc(2 * n * sizeof *B);
  double *labels = malloc(n * sizeof *labels), eig[3], sl[3], again[3];
  method_data(n, A, B, labels);
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  const double alphas[4] = {1.5, 0.5, 3, 2.5}, widths[4] = {1.5, 3, 0.7, 1};
  for (int k = 0; k < (quick ? 1 : 4); k++) {
    opt.alpha = alphas[k];
    opt.kernel_width = widths[k];
    opt.seed = 0;
    entropy_and_mi(&opt, IB_RENYI_EIG, A, B, labels, n, eig);
    entropy_and_mi(&opt, IB_RENYI_SLQ, A, B, labels, n, sl);
    CHECK(fabs(sl[0] - eig[0]) <= 1e-3 && sl[0] != eig[0]);
    CHECK(fabs(sl[1] - eig[1]) <= 3e-3 && fabs(sl[2] - eig[2]) <= 3e-3);
    entropy_and_mi(&opt, IB_RENYI_SLQ, A, B, labels, n, again);
    CHECK(again[0] == sl[0] && again[1] == sl[1] && again[2] == sl[2]);
    opt.seed = 5;
    entropy_and_mi(&opt, IB_RENYI_SLQ, A, B, labels, n, again);
    CHECK(again[0] != sl[0] && fabs(again[0] - eig[0]) <= 1e-3);
  }
  free(A);
  free(B);
  free(labels);
}

/* Matrices of at least 512 rows get their eigenvalues from the tridiagonal reduction done
 * panel by panel (odd sizes leave an unblocked remainder): sum lambda^2 equals the squared
 * Frobenius norm of the plain Gram matrix, integer alpha 3 the trace of A^3 by products. */
static void test_panels(void)
{
  if (quick)
    CHECK_SKIP("quick run (valgrind): test_stop takes the panels there");
  size_t n = 777;
  double *A = malloc(2 * n * sizeof *A), *B = malloc(2 * n * sizeof *B);
  double *labels = malloc(n * sizeof *labels), *K = malloc(n * n * sizeof *K), h, eig[3], pw[3];
  method_data(n, A, B, labels);
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_RENYI);
  opt.kernel_width = 0.8;
  opt.alpha = 2;
  opt.renyi_method = IB_RENYI_EIG;
  gram(A, n, 2, 0.8, K);
  double frob = 0;
  for (size_t i = 0; i < n * n; i++)
    frob += (K[i] / (double) n) * (K[i] / (double) n);
  CHECK(ib_entropy(&opt, A, n, 2, 0, &h) == IB_OK);
  CHECK_CLOSE(h, -log2(frob), 1e-11);
  opt.alpha = 3;
  entropy_and_mi(&opt, IB_RENYI_EIG, A, B, labels, n, eig);
  entropy_and_mi(&opt, IB_RENYI_EXACT_POWER, A, B, labels, n, pw);
  for (int k = 0; k < 3; k++)
    CHECK_CLOSE(eig[k], pw[k], 1e-10);
  free(A);
  free(B);
  free(labels);
  free(K);
}

/* A stop function that answers yes stops every path (the Gram matrix by inner products
 * and by differences, the eigenvalue panels, the matrix powers, the Lanczos steps, the
 * class blocks) with IB_ERR_INTERRUPTED, early or late, and frees everything (valgrind);
 * one that never does changes no bit. */
static void test_stop(void)
{
  /* the eigenvalue panels need 512 rows; the other paths are as well tested on fewer */
  size_t n_max = 520;
  double *A = malloc(2 * n_max * sizeof *A), *B = malloc(2 * n_max * sizeof *B);
  double *labels = malloc(n_max * sizeof *labels);
  struct { ib_renyi_method method; double alpha, width; size_t n; } cases[] = {
    {IB_RENYI_EIG, 1.01, 0.8, 520}, {IB_RENYI_EXACT_POWER, 5, 0.8, 300},
    {IB_RENYI_SLQ, 1.5, 1.5, 300}, {IB_RENYI_EIG, 2, 1e-9, 100}};
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    ib_mi_options opt;
    ib_mi_options_default(&opt, IB_EST_RENYI);
    opt.renyi_method = cases[c].method;
    opt.alpha = cases[c].alpha;
    opt.kernel_width = cases[c].width;
    size_t n = cases[c].n;
    method_data(n, A, B, labels);
    double plain[3], asked[3];
    opt.stop = yes_after;
    if (quick && n > 500) {
      /* valgrind: only a stop in the panels (after the 9 questions of the Gram matrix and
       * the one before the eigenvalues), whose buffers must be freed */
      int left = 12;
      opt.stop_arg = &left;
      CHECK(one_call(&opt, 0, A, B, labels, n, &asked[0]) == IB_ERR_INTERRUPTED);
      continue;
    }
    opt.stop = NULL;
    entropy_and_mi(&opt, cases[c].method, A, B, labels, n, plain);
    opt.stop = yes_after;
    for (int call = 0; call < 3; call++) {
      int never = 1 << 30;
      opt.stop_arg = &never;
      CHECK(one_call(&opt, call, A, B, labels, n, &asked[call]) == IB_OK);
      CHECK(asked[call] == plain[call]);
      int questions = (1 << 30) - never;
      CHECK(questions >= 3);
      /* stopped at the first question, at one in the middle and at the last (valgrind:
       * the middle one only) */
      int at[3] = {questions / 2, 0, questions - 1};
      for (int k = 0; k < (quick ? 1 : 3); k++) {
        int left = at[k];
        opt.stop_arg = &left;
        CHECK(one_call(&opt, call, A, B, labels, n, &asked[call]) == IB_ERR_INTERRUPTED);
      }
    }
  }
  free(A);
  free(B);
  free(labels);
}

int main(void)
{
  quick = getenv("IB_TEST_QUICK") != NULL;
  RUN_TEST(test_jacobi_itself);
  RUN_TEST(test_against_reference);
  RUN_TEST(test_labels);
  RUN_TEST(test_independence_and_order);
  RUN_TEST(test_errors);
  RUN_TEST(test_scale_and_alpha);
  RUN_TEST(test_exact_power);
  RUN_TEST(test_slq);
  RUN_TEST(test_panels);
  RUN_TEST(test_stop);
  return CHECK_DONE();
}
