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
 * The eigen-decomposition of an n x n matrix costs O(n^3) time and 8 n^2 bytes, so n is
 * limited to IB_RENYI_MAX_N; larger data must be subsampled (IB_ERR_TOO_LARGE). */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include <lapacke.h>
#include "mi_estimators.h"
#include "rowcount.h"

#define IB_RENYI_MAX_N 20000
#define TWO_STAGE_FROM 2048

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
 * scratch. sigma 0: the all-ones kernel (every row equal). */
static void gram_gaussian(double *K, const double *A, size_t n, size_t d, const size_t *rows,
                          size_t m, double sigma, int multiply, double *centred, double *sq)
{
  if (!(sigma > 0)) {
    if (!multiply)
      for (size_t j = 0; j < m; j++)
        for (size_t i = 0; i <= j; i++)
          K[i + m * j] = 1.0;
    return;
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
    for (size_t j = 0; j < m; j++)
      for (size_t i = 0; i < j; i++) {
        double d2 = 0;
        for (size_t c = 0; c < d; c++) {
          double z = (centred[i + m * c] - centred[j + m * c]) / sigma;
          d2 += z * z;
        }
        double k = exp(-0.5 * d2);
        K[i + m * j] = multiply ? K[i + m * j] * k : k;
      }
    if (!multiply)
      for (size_t j = 0; j < m; j++)
        K[j + m * j] = 1.0;
    return;
  }
  double scale = -1.0 / (2.0 * sigma * sigma);
  if (!multiply) {
    cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, (int) m, (int) d, 1.0, centred,
                (int) m, 0.0, K, (int) m);
    for (size_t j = 0; j < m; j++) {
      double *kj = K + m * j;
      for (size_t i = 0; i < j; i++) {
        double d2 = sq[i] + sq[j] - 2.0 * kj[i];
        kj[i] = exp((d2 > 0 ? d2 : 0) * scale);
      }
      kj[j] = 1.0;
    }
    return;
  }
  /* multiply: the inner products go in the strictly lower triangle, which is free */
  cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, (int) m, (int) d, 1.0, centred, (int) m,
              0.0, K, (int) m);
  for (size_t j = 0; j < m; j++)
    for (size_t i = 0; i < j; i++) {
      double d2 = sq[i] + sq[j] - 2.0 * K[j + m * i];
      K[i + m * j] *= exp((d2 > 0 ? d2 : 0) * scale);
    }
  for (size_t j = 0; j < m; j++)
    K[j + m * j] = 1.0;  /* the lower-triangle product overwrote the shared diagonal */
}

/* Adds the eigenvalues of the m x m upper-triangle matrix K, divided by `trace`, to s.
 * K is destroyed; w holds m doubles. */
static ib_status add_spectrum(double *K, size_t m, double trace, double *w, spectrum_sum *s)
{
  lapack_int info;
  if (m == 1)
    w[0] = K[0];
  else {
    /* the two-stage reduction is about twice as fast from a few thousand rows on, slower
     * below (measured with OpenBLAS 0.3.21, LAPACK 3.11) */
    if (m >= TWO_STAGE_FROM)
      info = LAPACKE_dsyevd_2stage(LAPACK_COL_MAJOR, 'N', 'U', (lapack_int) m, K,
                                   (lapack_int) m, w);
    else
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

typedef struct {
  size_t n;
  double alpha;
  double *K, *w, *centred, *sq;  /* n x n, n, n x max(d), n */
} renyi_work;

static void work_free(renyi_work *wk)
{
  free(wk->K);
  free(wk->w);
  free(wk->centred);
  free(wk->sq);
}

static ib_status work_alloc(renyi_work *wk, size_t n, size_t max_d, double alpha)
{
  memset(wk, 0, sizeof *wk);
  wk->n = n;
  wk->alpha = alpha;
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
  gram_gaussian(wk->K, A, wk->n, d, NULL, wk->n, sigma, 0, wk->centred, wk->sq);
  if ((st = add_spectrum(wk->K, wk->n, (double) wk->n, wk->w, &s)) != IB_OK)
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
  gram_gaussian(wk->K, A, wk->n, da, NULL, wk->n, sigma_a, 0, wk->centred, wk->sq);
  gram_gaussian(wk->K, B, wk->n, db, NULL, wk->n, sigma_b, 1, wk->centred, wk->sq);
  if ((st = add_spectrum(wk->K, wk->n, (double) wk->n, wk->w, &s)) != IB_OK)
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
  for (size_t c = 0; c < n_labels; c++) {
    size_t m = first[c + 1] - first[c];
    if (m == 0)
      continue;
    gram_gaussian(wk->K, A, n, d, order + first[c], m, sigma, 0, wk->centred, wk->sq);
    if ((st = add_spectrum(wk->K, m, (double) n, wk->w, &s)) != IB_OK)
      goto done;
  }
  *h = spectrum_entropy(&s);
  st = IB_OK;
done:
  free(order);
  free(first);
  return st;
}

static ib_status check_options(const ib_mi_options *opt)
{
  if (!(opt->alpha > 0) || !isfinite(opt->alpha))
    return IB_ERR_ARG;
  if (isinf(opt->kernel_width))
    return IB_ERR_ARG;
  return IB_OK;
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

  if ((st = check_options(opt)) != IB_OK)
    return st;
  if (!ctx->X || ctx->dx == 0 || !ctx->y || ctx->n_y == 0)
    return IB_ERR_ARG;
  if ((st = check_data(T, n, width)) != IB_OK || (st = check_data(ctx->X, n, ctx->dx)) != IB_OK)
    return st;
  double sigma_t = width_for(opt, T, n, width), sigma_x = width_for(opt, ctx->X, n, ctx->dx);
  if ((st = work_alloc(&wk, n, width > ctx->dx ? width : ctx->dx, opt->alpha)) != IB_OK)
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

  if ((st = check_options(opt)) != IB_OK)
    return st;
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
    if ((st = work_alloc(&wk, n, dc, opt->alpha)) == IB_OK) {
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
    if ((st = work_alloc(&wk, n, da > db ? da : db, opt->alpha)) == IB_OK) {
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
  if ((st = check_options(opt)) != IB_OK)
    return st;
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
  if ((st = work_alloc(&wk, n, da, opt->alpha)) != IB_OK)
    return st;
  st = entropy_continuous(&wk, A, da, width_for(opt, A, n, da), h);
  work_free(&wk);
  return st;
}
