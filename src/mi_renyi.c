/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi_renyi.c - matrix-based Renyi alpha-order entropy (Sanchez Giraldo, Rao & Principe 2014,
 * "Measures of entropy from data using infinitely divisible kernels"):
 *   S_alpha(A) = 1/(1 - alpha) log2 sum_i lambda_i(A)^alpha,   A = K / trace(K),
 * K the Gram matrix of a Gaussian kernel exp(-|a_i - a_j|^2 / (2 sigma^2)) over the rows
 * (trace(K) = n); the joint entropy uses the Hadamard product (K_A o K_B) / trace, and
 * I(A;B) = S(A) + S(B) - S(A,B). alpha = 1 gives the Shannon (von Neumann) limit
 * -sum lambda log2 lambda. Eigenvalues by LAPACK (eigenvalues only; the two-stage
 * tridiagonal reduction for large matrices), negative round-off clipped to 0.
 *
 * Kernel width: opt->kernel_width when > 0, else Scott's rule (D. W. Scott 1992,
 * "Multivariate density estimation", ch. 6), sigma = n^(-1/(4+d)) times the mean over the d
 * columns of their sample standard deviations, for each continuous side separately.
 * ib_layer_result.kernel_width reports the width used for T (in ib_mutual_info: for A, or B
 * if A is discrete). A side whose columns are all constant gets the all-ones kernel
 * (entropy 0). Beware: with many columns the rule's width is small next to the distances
 * between rows (it shrinks with n while the distances grow with d), K tends to the identity
 * and every entropy to log2 n; give kernel_width for such layers.
 *
 * A discrete side (labels, or rows told apart as symbols) uses the exact-equality kernel
 * K_ij = [y_i == y_j], the limit of a Gaussian kernel on one-hot codes as its width goes
 * to 0. Its spectrum is known: eigenvalues n_c / n, so S(Y) is the Renyi entropy of the class
 * proportions, and K_T o K_Y is block diagonal over the classes, so S(T,Y) needs only the
 * eigenvalues of each class's own Gram matrix (sum of n_c^3 work instead of n^3).
 *
 * How each sum of lambda^alpha (one Gram matrix, or one class block) is computed is
 * opt->renyi_method: the eigenvalues (O(m^3)); for integer alpha the trace of A^alpha
 * (alpha 2: the squared Frobenius norm, O(m^2); more: products of m x m matrices); or
 * stochastic Lanczos quadrature to a stated error (O(m^2) per probe and step), which hands
 * over to the eigenvalues where it would need too many probes. "auto" picks by alpha and m
 * (choose_path). The Gram matrix costs 8 n^2 bytes, so n is limited to IB_RENYI_MAX_N;
 * larger data must be subsampled (IB_ERR_TOO_LARGE).
 *
 * Interrupts: opt->stop is asked every STOP_COLUMNS columns of a Gram matrix, between the
 * panels of the tridiagonal reduction (the eigenvalues' O(m^3) part, done here panel by
 * panel with LAPACK's own blocked steps rather than in one dsyevd call, which would run
 * for minutes at n = 20000), between the column panels of the matrix powers and between
 * the Lanczos steps; each piece is well under a second at n = 20000. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include <lapacke.h>
#include "mi_estimators.h"
#include "rng.h"
#include "rowcount.h"

#define PANELS_FROM 512   /* below, one dsyevd call: under 0.05 s */
#define STOP_COLUMNS 64   /* Gram matrix columns between two questions to opt->stop */

/* The caller's stop function (NULL: never stop). */
typedef struct {
  ib_stop_fn fn;
  void *arg;
} stopper;

static int stop_asked(const stopper *stop)
{
  return stop->fn && stop->fn(stop->arg);
}

/* Accumulates sum lambda^alpha (alpha != 1) or -sum lambda log2 lambda (alpha == 1) over
 * normalised eigenvalues. For alpha != 1 it also keeps the sum relative to the largest
 * eigenvalue so far, sum (lambda / scale)^alpha, which neither underflows nor overflows:
 * with a large alpha every lambda^alpha can underflow to 0 (log2 0 = -Inf, and I = Inf -
 * Inf = NaN). The plain sum is used whenever it is a normal number, so the result is
 * bit-identical to the plain formula wherever that one works. */
typedef struct {
  double alpha, sum;
  double scale, scaled_sum;
} spectrum_sum;

static void spectrum_add(spectrum_sum *s, double lambda)
{
  if (!(lambda > 0))
    return;  /* negative round-off of a positive semi-definite matrix */
  if (s->alpha == 1.0) {
    s->sum -= lambda * log2(lambda);
    return;
  }
  s->sum += pow(lambda, s->alpha);
  if (lambda > s->scale) {
    s->scaled_sum = (s->scale > 0 ? s->scaled_sum * pow(s->scale / lambda, s->alpha) : 0) + 1;
    s->scale = lambda;
  } else {
    s->scaled_sum += pow(lambda / s->scale, s->alpha);
  }
}

static double spectrum_entropy(const spectrum_sum *s)
{
  if (s->alpha == 1.0)
    return s->sum;
  if (isnormal(s->sum) || s->scale == 0)
    return log2(s->sum) / (1.0 - s->alpha);
  /* log2 sum lambda^alpha = alpha log2 scale + log2 sum (lambda / scale)^alpha */
  return (s->alpha * log2(s->scale) + log2(s->scaled_sum)) / (1.0 - s->alpha);
}

/* Mean of the m values col[rows[p]] (rows NULL: col[p]); if the plain sum overflows, the
 * sum of the values divided by m (every value is finite, so that one cannot). */
static double column_mean(const double *col, const size_t *rows, size_t m)
{
  double mean = 0;
  for (size_t p = 0; p < m; p++)
    mean += col[rows ? rows[p] : p];
  mean /= (double) m;
  if (!isfinite(mean)) {
    mean = 0;
    for (size_t p = 0; p < m; p++)
      mean += col[rows ? rows[p] : p] / (double) m;
  }
  return mean;
}

/* Scott's rule width of the rows of A (n x d). A column whose sum of squared deviations
 * over- or underflows (values beyond about 1e140 or below 1e-140) gets it relative to its
 * largest deviation instead, so that the width scales with the data. */
static double scott_width(const double *A, size_t n, size_t d)
{
  double mean_sd = 0;
  if (n < 2)
    return 0;
  for (size_t j = 0; j < d; j++) {
    const double *col = A + n * j;
    double mean = column_mean(col, NULL, n), ss = 0;
    for (size_t i = 0; i < n; i++)
      ss += (col[i] - mean) * (col[i] - mean);
    if (ss >= 1e-280 && ss <= 1e280) {
      mean_sd += sqrt(ss / (double) (n - 1));
      continue;
    }
    double big = 0;
    for (size_t i = 0; i < n; i++)
      big = fmax(big, fabs(col[i] - mean));
    ss = 0;
    if (big > 0)
      for (size_t i = 0; i < n; i++)
        ss += ((col[i] - mean) / big) * ((col[i] - mean) / big);
    mean_sd += big * sqrt(ss / (double) (n - 1));
  }
  mean_sd /= (double) d;
  return pow((double) n, -1.0 / (4.0 + (double) d)) * mean_sd;
}

/* Whether exp(-|a - b|^2 / (2 sigma^2)) from |a|^2 + |b|^2 - 2 a.b (largest |a|^2 max_sq)
 * would be wrong: sigma^2 or the squared norms out of range, or the rounding of the
 * squared norms (about d eps max_sq) not small next to sigma^2, which would turn equal
 * rows into distant ones. Then the kernel is computed from the differences directly. */
static int gram_needs_differences(double max_sq, double sigma, size_t d)
{
  return !(sigma >= 1e-140 && sigma <= 1e140) || !(max_sq <= 1e280)
         || (double) (d + 1) * DBL_EPSILON * max_sq > 1e-5 * sigma * sigma;
}

/* The Gaussian Gram matrix of the m rows `rows` of A (n x d; rows NULL: rows 0..m-1) into the
 * upper triangle of K (m x m), or multiplied into it when `multiply`. centred (m x d) is
 * scratch. sigma 0: the all-ones kernel (every row equal). IB_ERR_INTERRUPTED when stop
 * asks (K is then partly written). */
static ib_status gram_gaussian(double *K, const double *A, size_t n, size_t d,
                               const size_t *rows, size_t m, double sigma, int multiply,
                               double *centred, double *sq, const stopper *stop)
{
#define STOP_AT_COLUMN(j) \
  if ((j) % STOP_COLUMNS == 0 && stop_asked(stop)) \
    return IB_ERR_INTERRUPTED
  if (!(sigma > 0)) {
    if (!multiply)
      for (size_t j = 0; j < m; j++)
        for (size_t i = 0; i <= j; i++)
          K[i + m * j] = 1.0;
    return IB_OK;
  }
  for (size_t c = 0; c < d; c++) {
    const double *col = A + n * c;
    double mean = column_mean(col, rows, m);
    for (size_t p = 0; p < m; p++)
      centred[p + m * c] = col[rows ? rows[p] : p] - mean;
  }
  double max_sq = 0;
  for (size_t p = 0; p < m; p++) {
    double s = 0;
    for (size_t c = 0; c < d; c++)
      s += centred[p + m * c] * centred[p + m * c];
    sq[p] = s;
    if (!(s <= max_sq))
      max_sq = s;
  }
  if (gram_needs_differences(max_sq, sigma, d)) {
    /* upper triangle only, so a multiply keeps the first kernel's diagonal of ones */
    for (size_t j = 0; j < m; j++) {
      STOP_AT_COLUMN(j);
      for (size_t i = 0; i < j; i++) {
        double d2 = 0;
        for (size_t c = 0; c < d; c++) {
          double z = (centred[i + m * c] - centred[j + m * c]) / sigma;
          d2 += z * z;
        }
        double k = exp(-0.5 * d2);
        K[i + m * j] = multiply ? K[i + m * j] * k : k;
      }
    }
    if (!multiply)
      for (size_t j = 0; j < m; j++)
        K[j + m * j] = 1.0;
    return IB_OK;
  }
  double scale = -1.0 / (2.0 * sigma * sigma);
  if (!multiply) {
    cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, (int) m, (int) d, 1.0, centred,
                (int) m, 0.0, K, (int) m);
    for (size_t j = 0; j < m; j++) {
      double *kj = K + m * j;
      STOP_AT_COLUMN(j);
      for (size_t i = 0; i < j; i++) {
        double d2 = sq[i] + sq[j] - 2.0 * kj[i];
        kj[i] = exp((d2 > 0 ? d2 : 0) * scale);
      }
      kj[j] = 1.0;
    }
    return IB_OK;
  }
  /* multiply: the inner products go in the strictly lower triangle, which is free */
  cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, (int) m, (int) d, 1.0, centred, (int) m,
              0.0, K, (int) m);
  for (size_t j = 0; j < m; j++) {
    STOP_AT_COLUMN(j);
    for (size_t i = 0; i < j; i++) {
      double d2 = sq[i] + sq[j] - 2.0 * K[j + m * i];
      K[i + m * j] *= exp((d2 > 0 ? d2 : 0) * scale);
    }
  }
  for (size_t j = 0; j < m; j++)
    K[j + m * j] = 1.0;  /* the lower-triangle product overwrote the shared diagonal */
  return IB_OK;
#undef STOP_AT_COLUMN
}

/* LAPACK's panel step of the tridiagonal reduction (an auxiliary routine: no LAPACKE
 * wrapper); the last argument is gfortran's hidden length of `uplo`. */
extern void dlatrd_(const char *uplo, const lapack_int *n, const lapack_int *nb, double *a,
                    const lapack_int *lda, double *e, double *tau, double *w,
                    const lapack_int *ldw, size_t uplo_len);

/* The eigenvalues (ascending) of the m x m upper-triangle matrix K (destroyed) into w: what
 * dsyevd does without eigenvectors (dsytrd, then dsterf; no scaling is needed, the entries
 * of a Gram matrix lie in [0, 1]), with dsytrd's blocked loop written out so that stop is
 * asked between its panels. A panel costs O(m^2 nb): nb is LAPACK's 32 up to m = 4096,
 * then smaller, so that a panel stays well under a second (nb 4 at m = 20000). */
static ib_status tridiagonal_eigenvalues(double *K, size_t m, double *w, const stopper *stop)
{
  lapack_int n = (lapack_int) m, nb = 32, info;
  while (nb > 4 && (double) m * (double) m * (double) nb > 4096.0 * 4096.0 * 32.0)
    nb /= 2;
  double *e = malloc(m * sizeof *e), *tau = malloc(m * sizeof *tau);
  double *W = malloc(m * (size_t) nb * sizeof *W);
  ib_status st = IB_ERR_NOMEM;
  if (!e || !tau || !W)
    goto done;
  /* columns kk+1..n by panels of nb from the right (1-based, as dsytrd), 1..kk unblocked */
  lapack_int kk = n - ((n - nb + nb - 1) / nb) * nb;
  for (lapack_int i = n - nb + 1; i >= kk + 1; i -= nb) {
    if (stop_asked(stop)) {
      st = IB_ERR_INTERRUPTED;
      goto done;
    }
    lapack_int rows = i + nb - 1;
    dlatrd_("U", &rows, &nb, K, &n, e, tau, W, &n, 1);
    /* the unreduced A(1:i-1, 1:i-1) -= V W' + W V' */
    cblas_dsyr2k(CblasColMajor, CblasUpper, CblasNoTrans, (int) (i - 1), (int) nb, -1.0,
                 K + m * (size_t) (i - 1), (int) m, W, (int) m, 1.0, K, (int) m);
    for (lapack_int j = i; j <= i + nb - 1; j++) {
      K[(size_t) (j - 2) + m * (size_t) (j - 1)] = e[j - 2];
      w[j - 1] = K[(size_t) (j - 1) + m * (size_t) (j - 1)];
    }
  }
  if (kk > 0 && (info = LAPACKE_dsytrd(LAPACK_COL_MAJOR, 'U', kk, K, n, w, e, tau)) != 0) {
    st = info == LAPACK_WORK_MEMORY_ERROR ? IB_ERR_NOMEM : IB_ERR_NUMERIC;
    goto done;
  }
  /* e(kk) couples the two parts: dlatrd left it in e[kk - 1] */
  st = LAPACKE_dsterf(n, w, e) == 0 ? IB_OK : IB_ERR_NUMERIC;
done:
  free(e);
  free(tau);
  free(W);
  return st;
}

/* Adds the eigenvalues of the m x m upper-triangle matrix K, divided by `trace`, to s.
 * K is destroyed; w holds m doubles. */
static ib_status add_spectrum(double *K, size_t m, double trace, double *w, spectrum_sum *s,
                              const stopper *stop)
{
  lapack_int info;
  if (m == 1)
    w[0] = K[0];
  else if (m >= PANELS_FROM) {
    ib_status st = tridiagonal_eigenvalues(K, m, w, stop);
    if (st != IB_OK)
      return st;
  } else {
    info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'N', 'U', (lapack_int) m, K, (lapack_int) m, w);
    if (info == LAPACK_WORK_MEMORY_ERROR)
      return IB_ERR_NOMEM;
    if (info != 0)
      return IB_ERR_NUMERIC;
  }
  for (size_t i = 0; i < m; i++)
    spectrum_add(s, w[i] / trace);
  return IB_OK;
}

/* Copies the upper triangle of the m x m matrix K into its lower one. */
static void mirror_upper(double *K, size_t m)
{
  for (size_t j = 0; j < m; j++)
    for (size_t i = 0; i < j; i++)
      K[j + m * i] = K[i + m * j];
}

/* sum_ij P_ij Q_ij of two full m x m matrices: trace(P Q) for symmetric P, Q. */
static double hadamard_sum(const double *P, const double *Q, size_t m)
{
  double s = 0;
  for (size_t j = 0; j < m; j++) {
    double c = 0;
    for (size_t i = 0; i < m; i++)
      c += P[i + m * j] * Q[i + m * j];
    s += c;
  }
  return s;
}

/* trace(A^alpha), A = K / trace, K the m x m upper-triangle matrix (destroyed), integer
 * alpha >= 2: alpha = r + q with q in {r, r + 1}, trace(A^alpha) = sum (A^r o A^q) (both
 * symmetric), so alpha 2 is the squared Frobenius norm (no product), alpha 3 and 4 take
 * one symmetric rank-m update (A^2) and every further power one product; at most two n x n
 * matrices besides K. Sums of positive-semidefinite products: no cancellation. */
/* Column panels of the m x m products: each costs 2 m^2 POWER_PANEL flops (0.8e11 at
 * m = 20000, well under a second), and stop is asked between them. */
#define POWER_PANEL 96

/* P = A A (upper triangle, A full and symmetric, m x m), panel by panel: the columns
 * j0..j1 of the upper triangle are A(0:j1, :) A(:, j0:j1). */
static ib_status square_upper(const double *A, size_t m, double *P, const stopper *stop)
{
  for (size_t j0 = 0; j0 < m; j0 += POWER_PANEL) {
    size_t nb = m - j0 < POWER_PANEL ? m - j0 : POWER_PANEL;
    if (stop_asked(stop))
      return IB_ERR_INTERRUPTED;
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int) (j0 + nb), (int) nb, (int) m,
                1.0, A, (int) m, A + m * j0, (int) m, 0.0, P + m * j0, (int) m);
  }
  return IB_OK;
}

/* W = A P (A symmetric, upper triangle used; P, W full m x m), panel by panel. */
static ib_status multiply_panels(const double *A, size_t m, const double *P, double *W,
                                 const stopper *stop)
{
  for (size_t j0 = 0; j0 < m; j0 += POWER_PANEL) {
    size_t nb = m - j0 < POWER_PANEL ? m - j0 : POWER_PANEL;
    if (stop_asked(stop))
      return IB_ERR_INTERRUPTED;
    cblas_dsymm(CblasColMajor, CblasLeft, CblasUpper, (int) m, (int) nb, 1.0, A, (int) m,
                P + m * j0, (int) m, 0.0, W + m * j0, (int) m);
  }
  return IB_OK;
}

static ib_status power_trace(double *K, size_t m, double trace, int alpha, double *tr,
                             const stopper *stop)
{
  int r = alpha / 2, q = alpha - r;
  double *P = NULL, *W = NULL;
  if (alpha == 2) {  /* from the upper triangle as it is */
    double sum = 0;
    for (size_t j = 0; j < m; j++) {
      double c = 0, *kj = K + m * j;
      for (size_t i = 0; i < j; i++)
        c += kj[i] * kj[i];
      sum += 2 * c + kj[j] * kj[j];
    }
    *tr = sum / trace / trace;
    return IB_OK;
  }
  mirror_upper(K, m);
  for (size_t i = 0; i < m * m; i++)
    K[i] /= trace;
  int need_w = r >= 3 || (q > r && r >= 2);  /* a second product buffer */
  P = malloc(m * m * sizeof *P);
  if (need_w)
    W = malloc(m * m * sizeof *W);
  if (!P || (need_w && !W)) {
    free(P);
    free(W);
    return IB_ERR_NOMEM;
  }
  /* P = A^2, then A^k = A A^(k-1) up to A^max(r, 2) */
  ib_status st = square_upper(K, m, P, stop);
  if (st != IB_OK)
    goto done;
  mirror_upper(P, m);
  for (int k = 3; k <= r; k++) {
    if ((st = multiply_panels(K, m, P, W, stop)) != IB_OK)
      goto done;
    double *t = P;
    P = W;
    W = t;
  }
  const double *Pr = r == 1 ? K : P, *Pq = Pr;
  if (q > r) {
    if (r == 1)
      Pq = P;  /* A^2 */
    else {
      if ((st = multiply_panels(K, m, P, W, stop)) != IB_OK)
        goto done;
      Pq = W;
    }
  }
  *tr = hadamard_sum(Pr, Pq, m);
done:
  free(P);
  free(W);
  return st;
}

/* Stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017) of sum f(lambda_i), f(x) = x^alpha
 * (x log2 x negated for alpha 1), over the eigenvalues of A = K / trace:
 *  - Rademacher probes z from the seeded generator, SLQ_BLOCK at a time (one product of K
 *    with the block per Lanczos step), SLQ_STEPS steps with full reorthogonalisation;
 *    z' f(A) z ~ |z|^2 sum_k tau_k^2 f(theta_k) over the Ritz values theta_k and the squared
 *    first components tau_k^2 of their eigenvectors (Gauss quadrature: exact for
 *    polynomials of degree < 2 steps);
 *  - control variates: the quadrature is exact for x and x^2, whose traces are known
 *    exactly (trace(A), |A|_F^2), so the probes only estimate trace(h(A)) with
 *    h = f - c1 x - c2 x^2, c fitted to f over the Ritz values in least squares (weighted
 *    by tau^2: it minimises the estimate of |h(A)|_F^2, the variance of the probes);
 *  - error estimate: 3 standard errors of the probe mean plus the change of the estimate
 *    when the last SLQ_CHECK_STEPS steps are left out (truncation of the quadrature).
 * Probes are added (SLQ_PILOT, then SLQ_BLOCK at a time) until that error is at most `tol`
 * (an absolute error of the sum); when it would need more than `max_probes`, *ok is 0 (the
 * caller then uses the eigenvalues).
 * Work: probes * steps products of K with a vector, against about m^3 for the eigenvalues. */
#define SLQ_BLOCK 32
#define SLQ_STEPS 16
#define SLQ_CHECK_STEPS 4
#define SLQ_PILOT 8

typedef struct {
  size_t m, probes;
  double *norm2;          /* probes: squared norm of each deflated probe */
  double *node, *weight;  /* probes x SLQ_STEPS Ritz values and weights (0 where unused) */
  double *node2, *weight2; /* the same with SLQ_CHECK_STEPS fewer steps */
} slq_rules;

static double slq_f(double x, double alpha)
{
  if (!(x > 0))
    return 0;
  return alpha == 1.0 ? -x * log2(x) : pow(x, alpha);
}

/* Ritz values and weights of the k x k tridiagonal (a, b) into node/weight. */
static ib_status ritz(const double *a, const double *b, size_t k, double *node, double *weight,
                      double *work)
{
  double *d = work, *e = work + SLQ_STEPS, *Z = work + 2 * SLQ_STEPS;
  memcpy(d, a, k * sizeof *d);
  if (k > 1)
    memcpy(e, b, (k - 1) * sizeof *e);
  lapack_int info = LAPACKE_dstev(LAPACK_COL_MAJOR, 'V', (lapack_int) k, d, e, Z,
                                  (lapack_int) k);
  if (info != 0)
    return IB_ERR_NUMERIC;
  for (size_t i = 0; i < k; i++) {
    node[i] = d[i];
    weight[i] = Z[k * i] * Z[k * i];
  }
  return IB_OK;
}

/* w -= U (U' w), U m x kd orthonormal; h holds kd doubles. */
static void project_out(const double *U, size_t m, size_t kd, double *w, double *h)
{
  if (kd == 0)
    return;
  cblas_dgemv(CblasColMajor, CblasTrans, (int) m, (int) kd, 1.0, U, (int) m, w, 1, 0.0, h, 1);
  cblas_dgemv(CblasColMajor, CblasNoTrans, (int) m, (int) kd, -1.0, U, (int) m, h, 1, 1.0, w,
              1);
}

/* Lanczos from the probes in the columns of Q (m x nb) for up to SLQ_STEPS steps, on the
 * complement of U (m x kd); appends the quadrature rules of each column to r. V holds
 * m x (SLQ_STEPS + 1) per column, W m x nb, hk kd x nb. */
static ib_status slq_block(const double *K, size_t m, double trace, double *Q, size_t nb,
                           const double *U, size_t kd, double *V, double *W, double *hk,
                           slq_rules *r, const stopper *stop)
{
  /* the probes without their part in the deflated subspace U, normalised */
  for (size_t c = 0; c < nb; c++) {
    double *q = Q + m * c;
    project_out(U, m, kd, q, hk);
    project_out(U, m, kd, q, hk);
    double nrm = cblas_dnrm2((int) m, q, 1);
    r->norm2[r->probes + c] = nrm * nrm;
    if (nrm > 0)
      cblas_dscal((int) m, 1.0 / nrm, q, 1);
  }
  double a[SLQ_BLOCK][SLQ_STEPS], b[SLQ_BLOCK][SLQ_STEPS], work[2 * SLQ_STEPS
                                                               + SLQ_STEPS * SLQ_STEPS];
  double h[SLQ_STEPS + 1];
  size_t steps[SLQ_BLOCK];
  const size_t ld = SLQ_STEPS + 1;
  for (size_t c = 0; c < nb; c++) {
    memcpy(V + m * (ld * c), Q + m * c, m * sizeof *V);
    steps[c] = 0;
  }
  int active = 1;
  for (size_t j = 0; j < SLQ_STEPS && active; j++) {
    if (stop_asked(stop))
      return IB_ERR_INTERRUPTED;
    cblas_dsymm(CblasColMajor, CblasLeft, CblasUpper, (int) m, (int) nb, 1.0 / trace, K,
                (int) m, Q, (int) m, 0.0, W, (int) m);
    if (kd > 0) {  /* Lanczos on the complement of U: W -= U (U' W), the block at once */
      cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) kd, (int) nb, (int) m, 1.0, U,
                  (int) m, W, (int) m, 0.0, hk, (int) kd);
      cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int) m, (int) nb, (int) kd, -1.0,
                  U, (int) m, hk, (int) kd, 1.0, W, (int) m);
    }
    active = 0;
    for (size_t c = 0; c < nb; c++) {
      if (steps[c] < j)
        continue;  /* broke down earlier: its quadrature is exact */
      double *w = W + m * c, *Vc = V + m * (ld * c);
      a[c][j] = cblas_ddot((int) m, Q + m * c, 1, w, 1);
      /* full reorthogonalisation against the column's basis, twice */
      for (int pass = 0; pass < 2; pass++) {
        cblas_dgemv(CblasColMajor, CblasTrans, (int) m, (int) (j + 1), 1.0, Vc, (int) m, w, 1,
                    0.0, h, 1);
        cblas_dgemv(CblasColMajor, CblasNoTrans, (int) m, (int) (j + 1), -1.0, Vc, (int) m, h,
                    1, 1.0, w, 1);
      }
      steps[c] = j + 1;
      double beta = cblas_dnrm2((int) m, w, 1);
      if (j + 1 == SLQ_STEPS || j + 1 == m || !(beta > 1e-12 * fabs(a[c][j]) + 1e-300)) {
        memset(Q + m * c, 0, m * sizeof *Q);
        continue;
      }
      b[c][j] = beta;
      for (size_t i = 0; i < m; i++)
        Q[i + m * c] = w[i] / beta;
      memcpy(Vc + m * (j + 1), Q + m * c, m * sizeof *V);
      active = 1;
    }
  }
  for (size_t c = 0; c < nb; c++) {
    size_t k = steps[c], p = r->probes++, k2 = k > SLQ_CHECK_STEPS ? k - SLQ_CHECK_STEPS : 1;
    double *node = r->node + SLQ_STEPS * p, *weight = r->weight + SLQ_STEPS * p;
    double *node2 = r->node2 + SLQ_STEPS * p, *weight2 = r->weight2 + SLQ_STEPS * p;
    ib_status st;
    memset(node, 0, SLQ_STEPS * sizeof *node);
    memset(weight, 0, SLQ_STEPS * sizeof *weight);
    memset(node2, 0, SLQ_STEPS * sizeof *node2);
    memset(weight2, 0, SLQ_STEPS * sizeof *weight2);
    if ((st = ritz(a[c], b[c], k, node, weight, work)) != IB_OK
        || (st = ritz(a[c], b[c], k2, node2, weight2, work)) != IB_OK)
      return st;
  }
  return IB_OK;
}

/* The control-variate estimate of sum f and its error from the rules so far. */
static void slq_estimate(const slq_rules *r, double alpha, double tr1, double tr2,
                         double round1, double round2, int use_cv, double *sum, double *err)
{
  size_t np = r->probes * SLQ_STEPS;
  /* weighted least squares of f on (x, x^2) over every probe's nodes */
  double g11 = 0, g12 = 0, g22 = 0, r1 = 0, r2 = 0, c1 = 0, c2 = 0;
  for (size_t i = 0; i < np; i++) {
    double x = r->node[i], w = r->weight[i], f = slq_f(x, alpha);
    g11 += w * x * x;
    g12 += w * x * x * x;
    g22 += w * x * x * x * x;
    r1 += w * x * f;
    r2 += w * x * x * f;
  }
  double det = g11 * g22 - g12 * g12;
  if (!use_cv) {
  } else if (det > 1e-12 * g11 * g22) {
    c1 = (r1 * g22 - r2 * g12) / det;
    c2 = (g11 * r2 - g12 * r1) / det;
  } else if (g11 > 0) {
    c1 = r1 / g11;  /* the Ritz values (nearly) one point: x alone */
  }
  double mean = 0, mean2 = 0, sq = 0;
  for (size_t p = 0; p < r->probes; p++) {
    double e = 0, e2 = 0;
    for (size_t k = 0; k < SLQ_STEPS; k++) {
      double x = r->node[SLQ_STEPS * p + k], x2 = r->node2[SLQ_STEPS * p + k];
      e += r->weight[SLQ_STEPS * p + k] * (slq_f(x, alpha) - c1 * x - c2 * x * x);
      e2 += r->weight2[SLQ_STEPS * p + k] * (slq_f(x2, alpha) - c1 * x2 - c2 * x2 * x2);
    }
    e *= r->norm2[p];
    e2 *= r->norm2[p];
    double delta = e - mean;
    mean += delta / (double) (p + 1);
    sq += delta * (e - mean);
    mean2 += (e2 - mean2) / (double) (p + 1);
  }
  double var = r->probes > 1 ? sq / (double) (r->probes - 1) : INFINITY;
  *sum = mean + c1 * tr1 + c2 * tr2;
  /* round1, round2: the rounding of tr1, tr2 (differences after the deflation) */
  *err = 3.0 * sqrt(var / (double) r->probes) + fabs(mean - mean2) + fabs(c1) * round1
         + fabs(c2) * round2;
}

/* Deflation (as in Hutch++, Meyer et al. 2021, with eigenvectors): the top of the spectrum
 * by a randomised subspace iteration of SLQ_DEFLATE vectors (three products with K);
 * Rayleigh-Ritz pairs (theta, u) whose residual r = |A u - theta u| is below
 * SLQ_RESIDUAL theta are kept in U (m x kd). Their f(theta) is summed exactly, up to
 * |f''(theta)| r^2 / 2 each (added to the error), and the probes only see the rest.
 * tr1, tr2 become the traces of P A P and (P A P)^2, P the projector onto U's complement.
 * Everything else that slq_sum needs is reused as scratch: Y and Z are m x SLQ_DEFLATE. */
#define SLQ_DEFLATE 64
#define SLQ_RESIDUAL 3e-2

static ib_status deflate(const double *K, size_t m, double trace, double alpha, ib_rng *rng,
                         double *U, double *Y, double *Z, size_t *kd, double *tr1,
                         double *tr2, double *dsum, double *derr, const stopper *stop)
{
  size_t k = SLQ_DEFLATE < m / 4 ? SLQ_DEFLATE : m / 4;
  double B[SLQ_DEFLATE * SLQ_DEFLATE], theta[SLQ_DEFLATE], tau[SLQ_DEFLATE];
  lapack_int info;
  *kd = 0;
  *dsum = *derr = 0;
  if (k < 4)
    return IB_OK;
  for (size_t i = 0; i < m * k; i++)
    U[i] = (ib_rng_next(rng) >> 63) ? 1.0 : -1.0;
  for (int it = 0; it < 3; it++) {
    if (stop_asked(stop))
      return IB_ERR_INTERRUPTED;
    cblas_dsymm(CblasColMajor, CblasLeft, CblasUpper, (int) m, (int) k, 1.0 / trace, K,
                (int) m, U, (int) m, 0.0, Y, (int) m);
    if (it == 2)
      break;
    memcpy(U, Y, m * k * sizeof *U);
    if ((info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, (lapack_int) m, (lapack_int) k, U,
                               (lapack_int) m, tau)) != 0
        || (info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, (lapack_int) m, (lapack_int) k,
                                  (lapack_int) k, U, (lapack_int) m, tau)) != 0)
      return info == LAPACK_WORK_MEMORY_ERROR ? IB_ERR_NOMEM : IB_ERR_NUMERIC;
  }
  /* U orthonormal, Y = A U: B = U' A U, its eigenvectors rotate both */
  cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) k, (int) k, (int) m, 1.0, U,
              (int) m, Y, (int) m, 0.0, B, (int) k);
  for (size_t j = 0; j < k; j++)
    for (size_t i = 0; i < j; i++)
      B[i + k * j] = B[j + k * i] = 0.5 * (B[i + k * j] + B[j + k * i]);
  if ((info = LAPACKE_dsyev(LAPACK_COL_MAJOR, 'V', 'U', (lapack_int) k, B, (lapack_int) k,
                            theta)) != 0)
    return info == LAPACK_WORK_MEMORY_ERROR ? IB_ERR_NOMEM : IB_ERR_NUMERIC;
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int) m, (int) k, (int) k, 1.0, U,
              (int) m, B, (int) k, 0.0, Z, (int) m);
  memcpy(U, Z, m * k * sizeof *U);  /* the Ritz vectors */
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int) m, (int) k, (int) k, 1.0, Y,
              (int) m, B, (int) k, 0.0, Z, (int) m);  /* A times them */
  /* keep the converged pairs, moved to the front of U */
  for (size_t j = 0; j < k; j++) {
    double *az = Z + m * j, t = theta[j], r2 = 0;
    for (size_t i = 0; i < m; i++)
      r2 += (az[i] - t * U[i + m * j]) * (az[i] - t * U[i + m * j]);
    if (!(t > 0) || !(sqrt(r2) <= SLQ_RESIDUAL * t))
      continue;
    if (*kd != j)
      memcpy(U + m * *kd, U + m * j, m * sizeof *U);
    double f2 = alpha == 1.0 ? 1.0 / (t * log(2.0))  /* |f''(t)| */
                             : alpha * fabs(alpha - 1) * pow(t, alpha - 2);
    *dsum += slq_f(t, alpha);
    *derr += 0.5 * f2 * r2;
    *tr1 -= t;
    *tr2 -= t * t + 2 * r2;
    (*kd)++;
  }
  return IB_OK;
}

/* sum f(lambda) of A = K / trace (K upper triangle, m x m, kept) by SLQ to within `tol`
 * in bits of log2 of the sum (alpha != 1) or of the sum itself (alpha 1); *ok 0 when that
 * needs more than max_probes probes (then sum and err are the last estimate). */
static ib_status slq_sum(const double *K, size_t m, double trace, double alpha, double tol,
                         size_t max_probes, uint64_t seed, double *sum, double *err, int *ok,
                         const stopper *stop)
{
  slq_rules r = {m, 0, NULL, NULL, NULL, NULL, NULL};
  double *Q = NULL, *W = NULL, *V = NULL, *U = NULL, *Y = NULL, tr1 = 0, tr2 = 0;
  double dsum = 0, derr = 0, hk[SLQ_DEFLATE * SLQ_BLOCK];
  size_t kd = 0;
  ib_status st = IB_ERR_NOMEM;
  ib_rng rng;
  size_t cap = (max_probes + SLQ_BLOCK - 1) / SLQ_BLOCK * SLQ_BLOCK;
  *ok = 0;
  if (m > SIZE_MAX / sizeof(double) / SLQ_BLOCK / (SLQ_STEPS + 1))
    return IB_ERR_TOO_LARGE;
  Q = malloc(m * SLQ_BLOCK * sizeof *Q);
  W = malloc(m * SLQ_BLOCK * sizeof *W);
  V = malloc(m * SLQ_BLOCK * (SLQ_STEPS + 1) * sizeof *V);
  U = malloc(m * SLQ_DEFLATE * sizeof *U);
  Y = malloc(m * SLQ_DEFLATE * sizeof *Y);
  r.norm2 = malloc(cap * sizeof *r.norm2);
  r.node = malloc(cap * SLQ_STEPS * sizeof *r.node);
  r.weight = malloc(cap * SLQ_STEPS * sizeof *r.weight);
  r.node2 = malloc(cap * SLQ_STEPS * sizeof *r.node2);
  r.weight2 = malloc(cap * SLQ_STEPS * sizeof *r.weight2);
  if (!Q || !W || !V || !U || !Y || !r.norm2 || !r.node || !r.weight || !r.node2
      || !r.weight2)
    goto done;
  for (size_t j = 0; j < m; j++) {
    double c = 0;
    for (size_t i = 0; i < j; i++)
      c += K[i + m * j] * K[i + m * j];
    tr1 += K[j + m * j];
    tr2 += 2 * c + K[j + m * j] * K[j + m * j];
  }
  tr1 /= trace;
  tr2 /= trace * trace;
  double round1 = 4 * (double) m * DBL_EPSILON * tr1;
  double round2 = 4 * (double) m * DBL_EPSILON * tr2;
  ib_rng_seed(&rng, seed);
  /* V (m x SLQ_BLOCK (SLQ_STEPS + 1) >= m x SLQ_DEFLATE) is free until the probes start */
  if ((st = deflate(K, m, trace, alpha, &rng, U, Y, V, &kd, &tr1, &tr2, &dsum, &derr, stop))
      != IB_OK)
    goto done;
  while (r.probes < cap) {
    /* a first block of SLQ_PILOT probes tells cheaply whether the target is in reach */
    size_t nb = r.probes == 0 ? SLQ_PILOT : SLQ_BLOCK;
    if (r.probes + nb > cap)
      nb = cap - r.probes;
    for (size_t i = 0; i < m * nb; i++)
      Q[i] = (ib_rng_next(&rng) >> 63) ? 1.0 : -1.0;
    if ((st = slq_block(K, m, trace, Q, nb, U, kd, V, W, hk, &r, stop)) != IB_OK)
      goto done;
    /* with the control variates, or without where their rounding costs more */
    double sum0, err0;
    slq_estimate(&r, alpha, tr1, tr2, round1, round2, 1, sum, err);
    slq_estimate(&r, alpha, tr1, tr2, round1, round2, 0, &sum0, &err0);
    if (!(*err <= err0)) {
      *sum = sum0;
      *err = err0;
    }
    *sum += dsum;
    *err += derr;
    /* the tolerance on the sum: tol bits of log2 sum / (1 - alpha) */
    double tol_sum = alpha == 1.0 ? tol : tol * log(2.0) * fabs(1.0 - alpha) * fabs(*sum);
    if (*err <= tol_sum) {
      *ok = 1;
      break;
    }
    /* probes the target would need (the standard error falls as 1/sqrt(probes)) */
    if (*err > 0
        && (double) r.probes * (*err / tol_sum) * (*err / tol_sum) > (double) cap)
      break;
  }
  st = IB_OK;
done:
  free(Q);
  free(W);
  free(V);
  free(U);
  free(Y);
  free(r.norm2);
  free(r.node);
  free(r.weight);
  free(r.node2);
  free(r.weight2);
  return st;
}

typedef struct {
  size_t n;
  double alpha;
  ib_renyi_method method;
  uint64_t seed;      /* of the next SLQ run (each run its own stream) */
  double tol;         /* SLQ target per block, bits */
  double *K, *w, *centred, *sq;  /* n x n, n, n x max(d), n */
  stopper stop;
} renyi_work;

#define SLQ_TOL_BITS 1e-3      /* SLQ's error target for one entropy, bits */
#define SLQ_MIN_N 256          /* smaller blocks: the eigenvalues are cheaper than probing */
#define SLQ_MAX_ALPHA IB_RENYI_SLQ_MAX_ALPHA /* mi.h: beyond, x^alpha of the Ritz values underflow */
#define AUTO_SLQ_FROM 1500     /* auto: SLQ from this size (measured, bench/bench_renyi.m) */
#define AUTO_POWER_MAX_ALPHA 6 /* auto: integer alpha up to this by powers below AUTO_SLQ_FROM */
#define AUTO_NEAR_ONE 0.05     /* auto: no SLQ for |alpha - 1| below this */

static int is_integer_in(double a, double lo, double hi)
{
  return a == floor(a) && a >= lo && a <= hi;
}

typedef enum { PATH_EIG, PATH_POWER, PATH_SLQ } renyi_path;

static renyi_path choose_path(const renyi_work *wk, size_t m)
{
  double a = wk->alpha;
  switch (wk->method) {
  case IB_RENYI_EIG:
    return PATH_EIG;
  case IB_RENYI_EXACT_POWER:
    return m == 1 ? PATH_EIG : PATH_POWER;
  case IB_RENYI_SLQ:
    return m >= SLQ_MIN_N ? PATH_SLQ : PATH_EIG;
  default:
    if (m == 1)
      return PATH_EIG;
    if (a == 2)
      return PATH_POWER;
    if (m < AUTO_SLQ_FROM)
      return is_integer_in(a, 3, AUTO_POWER_MAX_ALPHA) ? PATH_POWER : PATH_EIG;
    /* near alpha 1 the target needs a relative error of the sum below
     * 1e-3 ln 2 |1 - alpha| (7e-6 at the default 1.01): random probes hardly ever get
     * there, and their pilot would only add to the eigenvalues' time */
    if (fabs(a - 1) < AUTO_NEAR_ONE)
      return PATH_EIG;
    return a <= SLQ_MAX_ALPHA ? PATH_SLQ : PATH_EIG;
  }
}

static ib_status add_power(double *K, size_t m, double trace, double alpha, spectrum_sum *s,
                           const stopper *stop)
{
  double tr;
  ib_status st = power_trace(K, m, trace, (int) alpha, &tr, stop);
  if (st == IB_OK)
    s->sum += tr;
  return st;
}

/* Adds sum f(lambda) of the m x m upper-triangle block K / trace to s, by the path the
 * method picks; K is destroyed. */
static ib_status add_block(renyi_work *wk, double *K, size_t m, double trace, spectrum_sum *s)
{
  renyi_path path = choose_path(wk, m);
  ib_status st;
  if (stop_asked(&wk->stop))
    return IB_ERR_INTERRUPTED;
  if (path == PATH_POWER)
    return add_power(K, m, trace, wk->alpha, s, &wk->stop);
  if (path == PATH_SLQ) {
    double sum, err;
    int ok;
    /* auto gives up as soon as SLQ would cost more than about half the eigenvalues (m
     * products of K with a vector); slq itself at 1024 probes */
    size_t cap = wk->method == IB_RENYI_SLQ ? 1024 : m / SLQ_STEPS;
    if ((st = slq_sum(K, m, trace, wk->alpha, wk->tol, cap, wk->seed++, &sum, &err, &ok,
                      &wk->stop)) != IB_OK)
      return st;
    if (ok) {
      s->sum += sum;
      return IB_OK;
    }
    /* auto: small integer alpha is still cheaper by powers than by eigenvalues */
    if (wk->method == IB_RENYI_AUTO && is_integer_in(wk->alpha, 3, AUTO_POWER_MAX_ALPHA))
      return add_power(K, m, trace, wk->alpha, s, &wk->stop);
  }
  return add_spectrum(K, m, trace, wk->w, s, &wk->stop);
}

static void work_free(renyi_work *wk)
{
  free(wk->K);
  free(wk->w);
  free(wk->centred);
  free(wk->sq);
}

static ib_status work_alloc(renyi_work *wk, size_t n, size_t max_d, const ib_mi_options *opt)
{
  memset(wk, 0, sizeof *wk);
  wk->n = n;
  wk->alpha = opt->alpha;
  wk->method = opt->renyi_method;
  wk->seed = opt->seed;
  wk->tol = SLQ_TOL_BITS;
  wk->stop.fn = opt->stop;
  wk->stop.arg = opt->stop_arg;
  if (n > IB_RENYI_MAX_N || max_d > SIZE_MAX / sizeof(double) / n)
    return IB_ERR_TOO_LARGE;
  wk->K = malloc(n * n * sizeof *wk->K);
  wk->w = malloc(n * sizeof *wk->w);
  wk->centred = malloc(n * max_d * sizeof *wk->centred);
  wk->sq = malloc(n * sizeof *wk->sq);
  if (!wk->K || !wk->w || !wk->centred || !wk->sq) {
    work_free(wk);
    return IB_ERR_NOMEM;
  }
  return IB_OK;
}

/* S(A) of a continuous side. */
static ib_status entropy_continuous(renyi_work *wk, const double *A, size_t d, double sigma,
                                    double *h)
{
  spectrum_sum s = {wk->alpha, 0, 0, 0};
  ib_status st;
  if ((st = gram_gaussian(wk->K, A, wk->n, d, NULL, wk->n, sigma, 0, wk->centred, wk->sq,
                          &wk->stop)) != IB_OK
      || (st = add_block(wk, wk->K, wk->n, (double) wk->n, &s)) != IB_OK)
    return st;
  *h = spectrum_entropy(&s);
  return IB_OK;
}

/* S(A,B) of two continuous sides. */
static ib_status joint_continuous(renyi_work *wk, const double *A, size_t da, double sigma_a,
                                  const double *B, size_t db, double sigma_b, double *h)
{
  spectrum_sum s = {wk->alpha, 0, 0, 0};
  ib_status st;
  if ((st = gram_gaussian(wk->K, A, wk->n, da, NULL, wk->n, sigma_a, 0, wk->centred, wk->sq,
                          &wk->stop)) != IB_OK
      || (st = gram_gaussian(wk->K, B, wk->n, db, NULL, wk->n, sigma_b, 1, wk->centred,
                             wk->sq, &wk->stop)) != IB_OK
      || (st = add_block(wk, wk->K, wk->n, (double) wk->n, &s)) != IB_OK)
    return st;
  *h = spectrum_entropy(&s);
  return IB_OK;
}

/* S(label) from the class sizes (the equality kernel's spectrum: n_c / n). */
static ib_status entropy_labels(const size_t *label, size_t n, size_t n_labels, double alpha,
                                double *h)
{
  spectrum_sum s = {alpha, 0, 0, 0};
  size_t *count = calloc(n_labels, sizeof *count);
  if (!count)
    return IB_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    if (label[i] >= n_labels) {
      free(count);
      return IB_ERR_ARG;
    }
    count[label[i]]++;
  }
  for (size_t c = 0; c < n_labels; c++)
    spectrum_add(&s, (double) count[c] / (double) n);
  free(count);
  *h = spectrum_entropy(&s);
  return IB_OK;
}

/* S(A, label): the spectrum of K_A o K_label is the union of the class blocks' spectra. */
static ib_status joint_labels(renyi_work *wk, const double *A, size_t d, double sigma,
                              const size_t *label, size_t n_labels, double *h)
{
  spectrum_sum s = {wk->alpha, 0, 0, 0};
  size_t n = wk->n, *order = malloc(n * sizeof *order), *first = NULL;
  ib_status st = IB_ERR_NOMEM;
  first = calloc(n_labels + 1, sizeof *first);
  if (!order || !first)
    goto done;
  for (size_t i = 0; i < n; i++) {
    if (label[i] >= n_labels) {
      st = IB_ERR_ARG;
      goto done;
    }
    first[label[i] + 1]++;
  }
  for (size_t c = 0; c < n_labels; c++)
    first[c + 1] += first[c];
  for (size_t i = 0; i < n; i++)
    order[first[label[i]]++] = i;  /* first[c] ends at the start of class c + 1 */
  for (size_t c = n_labels; c > 0; c--)
    first[c] = first[c - 1];
  first[0] = 0;
  /* each block's sum is at most the whole sum, and the errors of the blocks add:
   * tol / sqrt(blocks) per block keeps the entropy within tol */
  size_t blocks = 0;
  for (size_t c = 0; c < n_labels; c++)
    blocks += first[c + 1] > first[c];
  wk->tol = SLQ_TOL_BITS / sqrt((double) (blocks > 0 ? blocks : 1));
  for (size_t c = 0; c < n_labels; c++) {
    size_t m = first[c + 1] - first[c];
    if (m == 0)
      continue;
    if ((st = gram_gaussian(wk->K, A, n, d, order + first[c], m, sigma, 0, wk->centred,
                            wk->sq, &wk->stop)) != IB_OK
        || (st = add_block(wk, wk->K, m, (double) n, &s)) != IB_OK)
      goto done;
  }
  *h = spectrum_entropy(&s);
  st = IB_OK;
done:
  wk->tol = SLQ_TOL_BITS;
  free(order);
  free(first);
  return st;
}

static ib_status check_data(const double *A, size_t n, size_t d)
{
  if (n > IB_RENYI_MAX_N)
    return IB_ERR_TOO_LARGE;
  if (d > SIZE_MAX / sizeof(double) / n)
    return IB_ERR_TOO_LARGE;
  for (size_t i = 0; i < n * d; i++)
    if (!isfinite(A[i]))
      return IB_ERR_NONFINITE;
  return IB_OK;
}

static double width_for(const ib_mi_options *opt, const double *A, size_t n, size_t d)
{
  return opt->kernel_width > 0 ? opt->kernel_width : scott_width(A, n, d);
}

ib_status ib_renyi_layer_mi(const ib_mi_options *opt, const double *T, size_t n, size_t width,
                            const ib_layer_context *ctx, ib_layer_result *result)
{
  renyi_work wk;
  ib_status st;
  double h_t, h_x, h_xt, h_y, h_ty;

  if (!ctx->X || ctx->dx == 0 || !ctx->y || ctx->n_y == 0)
    return IB_ERR_ARG;
  if ((st = check_data(T, n, width)) != IB_OK || (st = check_data(ctx->X, n, ctx->dx)) != IB_OK)
    return st;
  double sigma_t = width_for(opt, T, n, width), sigma_x = width_for(opt, ctx->X, n, ctx->dx);
  if ((st = work_alloc(&wk, n, width > ctx->dx ? width : ctx->dx, opt)) != IB_OK)
    return st;
  if ((st = entropy_continuous(&wk, T, width, sigma_t, &h_t)) == IB_OK
      && (st = entropy_continuous(&wk, ctx->X, ctx->dx, sigma_x, &h_x)) == IB_OK
      && (st = joint_continuous(&wk, ctx->X, ctx->dx, sigma_x, T, width, sigma_t, &h_xt))
             == IB_OK
      && (st = entropy_labels(ctx->y, n, ctx->n_y, opt->alpha, &h_y)) == IB_OK
      && (st = joint_labels(&wk, T, width, sigma_t, ctx->y, ctx->n_y, &h_ty)) == IB_OK) {
    result->ixt = h_x + h_t - h_xt;
    result->ity = h_t + h_y - h_ty;
    result->h_t = h_t;
    result->kernel_width = sigma_t;
  }
  work_free(&wk);
  return st;
}

/* Row ids of a discrete side. */
static ib_status discrete_ids(const double *A, size_t n, size_t d, size_t **ids, size_t *k)
{
  ib_status st;
  for (size_t i = 0; i < n * d; i++)
    if (!isfinite(A[i]))
      return IB_ERR_NONFINITE;
  *ids = malloc(n * sizeof **ids);
  if (!*ids)
    return IB_ERR_NOMEM;
  if ((st = ib_row_ids_double(A, n, d, *ids, k)) != IB_OK) {
    free(*ids);
    *ids = NULL;
  }
  return st;
}

/* I(A;B) with both sides discrete: all three spectra are class proportions. */
static ib_status mutual_info_discrete(const size_t *a, size_t ka, const size_t *b, size_t kb,
                                      size_t n, double alpha, double *mi)
{
  double *pairs = malloc(2 * n * sizeof *pairs), h_a, h_b, h_ab;
  size_t *pair_ids = malloc(n * sizeof *pair_ids), k_ab;
  ib_status st = IB_ERR_NOMEM;
  if (!pairs || !pair_ids)
    goto done;
  for (size_t i = 0; i < n; i++) {
    pairs[i] = (double) a[i];
    pairs[n + i] = (double) b[i];
  }
  if ((st = ib_row_ids_double(pairs, n, 2, pair_ids, &k_ab)) == IB_OK
      && (st = entropy_labels(a, n, ka, alpha, &h_a)) == IB_OK
      && (st = entropy_labels(b, n, kb, alpha, &h_b)) == IB_OK
      && (st = entropy_labels(pair_ids, n, k_ab, alpha, &h_ab)) == IB_OK)
    *mi = h_a + h_b - h_ab;
done:
  free(pairs);
  free(pair_ids);
  return st;
}

ib_status ib_renyi_mutual_info(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                               int a_discrete, const double *B, size_t db, int b_discrete,
                               double *mi, ib_layer_result *info)
{
  renyi_work wk;
  ib_status st;
  size_t *ids_a = NULL, *ids_b = NULL, ka = 0, kb = 0;
  double h_a, h_b, h_ab;

  if (n > IB_RENYI_MAX_N)
    return IB_ERR_TOO_LARGE;
  if (a_discrete && (st = discrete_ids(A, n, da, &ids_a, &ka)) != IB_OK)
    return st;
  if (b_discrete && (st = discrete_ids(B, n, db, &ids_b, &kb)) != IB_OK) {
    free(ids_a);
    return st;
  }
  if (a_discrete && b_discrete) {
    st = mutual_info_discrete(ids_a, ka, ids_b, kb, n, opt->alpha, mi);
    free(ids_a);
    free(ids_b);
    return st;
  }
  if ((!a_discrete && (st = check_data(A, n, da)) != IB_OK)
      || (!b_discrete && (st = check_data(B, n, db)) != IB_OK)) {
    free(ids_a);
    free(ids_b);
    return st;
  }
  if (a_discrete || b_discrete) {
    const double *cont = a_discrete ? B : A;
    size_t dc = a_discrete ? db : da, k = a_discrete ? ka : kb;
    const size_t *ids = a_discrete ? ids_a : ids_b;
    double sigma = width_for(opt, cont, n, dc);
    if ((st = work_alloc(&wk, n, dc, opt)) == IB_OK) {
      if ((st = entropy_continuous(&wk, cont, dc, sigma, &h_a)) == IB_OK
          && (st = entropy_labels(ids, n, k, opt->alpha, &h_b)) == IB_OK
          && (st = joint_labels(&wk, cont, dc, sigma, ids, k, &h_ab)) == IB_OK) {
        *mi = h_a + h_b - h_ab;
        info->kernel_width = sigma;
        info->h_t = h_a;
      }
      work_free(&wk);
    }
  } else {
    double sigma_a = width_for(opt, A, n, da), sigma_b = width_for(opt, B, n, db);
    if ((st = work_alloc(&wk, n, da > db ? da : db, opt)) == IB_OK) {
      if ((st = entropy_continuous(&wk, A, da, sigma_a, &h_a)) == IB_OK
          && (st = entropy_continuous(&wk, B, db, sigma_b, &h_b)) == IB_OK
          && (st = joint_continuous(&wk, A, da, sigma_a, B, db, sigma_b, &h_ab)) == IB_OK) {
        *mi = h_a + h_b - h_ab;
        info->kernel_width = sigma_a;
        info->h_t = h_a;
      }
      work_free(&wk);
    }
  }
  free(ids_a);
  free(ids_b);
  return st;
}

ib_status ib_renyi_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                           int a_discrete, double *h)
{
  renyi_work wk;
  ib_status st;
  if (a_discrete) {
    size_t *ids, k;
    if ((st = discrete_ids(A, n, da, &ids, &k)) != IB_OK)
      return st;
    st = entropy_labels(ids, n, k, opt->alpha, h);
    free(ids);
    return st;
  }
  if ((st = check_data(A, n, da)) != IB_OK)
    return st;
  if ((st = work_alloc(&wk, n, da, opt)) != IB_OK)
    return st;
  st = entropy_continuous(&wk, A, da, width_for(opt, A, n, da), h);
  work_free(&wk);
  return st;
}
