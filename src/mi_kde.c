/* mi_kde.c - pairwise-distance bounds on the entropy of a Gaussian mixture (Kolchinsky &
 * Tracey 2017), used as in Saxe et al. (2018) and their code (github artemyk/ibsgd, kde.py
 * and ComputeMI.ipynb, noise_variance = 1e-1): T + Z with Z ~ N(0, s2 I) is the mixture of
 * n Gaussians N(t_i, s2 I) with weights 1/n, whose entropy satisfies
 *   H_lower <= H(T + Z) <= H_upper,
 *   H_upper = H_c - (1/n) sum_i log((1/n) sum_j exp(-KL_ij)),  KL_ij = |t_i - t_j|^2 / (2 s2),
 *   H_lower = H_c - (1/n) sum_i log((1/n) sum_j exp(-BD_ij)),  BD_ij = |t_i - t_j|^2 / (8 s2),
 * with H_c = d/2 log(2 pi e s2) the entropy of one component and BD the Bhattacharyya
 * distance. Each row is a distinct input, so H(T + Z | X) = H_c; H(T + Z | Y) = sum_y p(y)
 * times the same bound over the rows of class y. I(X;T) and I(T;Y) are differences of these
 * (upper: KL, lower: Bhattacharyya, as the paper's code does; the "lower" I(T;Y) is a
 * difference of two lower bounds, not itself a bound).
 *
 * The n^2 squared distances come from cblas_dgemm over blocks of rows of the upper triangle
 * (memory O(n * block), time O(n^2 d)), the rows sorted by class first so that every class
 * is a contiguous range and the within-class sums come from the same pass. exp(-BD) is
 * computed once per pair and exp(-KL) = exp(-BD)^4. The self term is exp(0) = 1, so every
 * inner sum is >= 1 and the logarithm is stable without a max shift. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include "mi_estimators.h"
#include "rowcount.h"

#define NATS_TO_BITS 1.4426950408889634
#define TWO_PI 6.283185307179586
#define BLOCK_DOUBLES ((size_t) 1 << 21)  /* a 16 MB block of the distance matrix */

typedef struct {
  double h_upper, h_lower;            /* H(T + Z), nats */
  double h_cond_upper, h_cond_lower;  /* H(T + Z | label), nats */
} kde_entropies;

/* The bounds for T (n x d) and optional labels (NULL: the conditional fields copy the
 * unconditional ones). */
static ib_status kde_bounds(const double *T, size_t n, size_t d, const size_t *label,
                            size_t n_labels, double s2, kde_entropies *out)
{
  size_t *count = NULL, *first = NULL, *order = NULL, *class_of = NULL;
  double *Tc = NULL, *sq = NULL, *sum_bd = NULL, *sum_kl = NULL, *cls_bd = NULL,
         *cls_kl = NULL, *gram = NULL;
  ib_status st = IB_ERR_NOMEM;
  size_t block;

  if (n > SIZE_MAX / sizeof(double) / d)
    return IB_ERR_TOO_LARGE;
  if (!label)
    n_labels = 1;
  block = BLOCK_DOUBLES / n;
  if (block < 32)
    block = 32;
  if (block > 512)
    block = 512;
  if (block > n)
    block = n;
  count = calloc(n_labels, sizeof *count);
  first = malloc((n_labels + 1) * sizeof *first);
  order = malloc(n * sizeof *order);
  class_of = malloc(n * sizeof *class_of);
  Tc = malloc(n * d * sizeof *Tc);
  sq = malloc(n * sizeof *sq);
  sum_bd = calloc(n, sizeof *sum_bd);
  sum_kl = calloc(n, sizeof *sum_kl);
  cls_bd = calloc(n, sizeof *cls_bd);
  cls_kl = calloc(n, sizeof *cls_kl);
  gram = malloc(block * n * sizeof *gram);
  if (!count || !first || !order || !class_of || !Tc || !sq || !sum_bd || !sum_kl || !cls_bd
      || !cls_kl || !gram)
    goto done;

  /* sort rows by class (counting sort) */
  for (size_t i = 0; i < n; i++) {
    size_t c = label ? label[i] : 0;
    if (c >= n_labels) {
      st = IB_ERR_ARG;
      goto done;
    }
    count[c]++;
  }
  first[0] = 0;
  for (size_t c = 0; c < n_labels; c++)
    first[c + 1] = first[c] + count[c];
  for (size_t i = n; i-- > 0;) {
    size_t c = label ? label[i] : 0;
    order[first[c] + --count[c]] = i;
  }
  for (size_t i = 0; i < n; i++) {
    size_t c = label ? label[i] : 0;
    count[c]++;
  }
  for (size_t c = 0; c < n_labels; c++)
    for (size_t p = first[c]; p < first[c + 1]; p++)
      class_of[p] = c;

  /* centred copy in class order: distances do not change, cancellation in
   * |a|^2 + |b|^2 - 2 a.b does */
  for (size_t j = 0; j < d; j++) {
    const double *col = T + n * j;
    double mean = 0;
    for (size_t i = 0; i < n; i++)
      mean += col[i];
    mean /= (double) n;
    for (size_t p = 0; p < n; p++)
      Tc[p + n * j] = col[order[p]] - mean;
  }
  for (size_t p = 0; p < n; p++) {
    double s = 0;
    for (size_t j = 0; j < d; j++)
      s += Tc[p + n * j] * Tc[p + n * j];
    sq[p] = s;
  }

  const double c8 = 1.0 / (8.0 * s2);
  for (size_t i0 = 0; i0 < n; i0 += block) {
    size_t rows = n - i0 < block ? n - i0 : block, cols = n - i0;
    /* gram(r, c) = <t_{i0+r}, t_{i0+c}> for the block's rows against rows i0..n-1 */
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, (int) rows, (int) cols, (int) d, 1.0,
                Tc + i0, (int) n, Tc + i0, (int) n, 0.0, gram, (int) rows);
    for (size_t jc = 1; jc < cols; jc++) {
      size_t j = i0 + jc, end = j < i0 + rows ? j : i0 + rows;
      size_t split = first[class_of[j]] > i0 ? first[class_of[j]] : i0;
      const double *g = gram + rows * jc - i0;  /* g[i] = <t_i, t_j> */
      double sq_j = sq[j], acc_bd = 0, acc_kl = 0, cacc_bd = 0, cacc_kl = 0;
      if (split > end)
        split = end;
      for (size_t i = i0; i < split; i++) {  /* other classes */
        double d2 = sq[i] + sq_j - 2.0 * g[i];
        double u = exp(-(d2 > 0 ? d2 : 0) * c8), u2 = u * u, u4 = u2 * u2;
        sum_bd[i] += u;
        sum_kl[i] += u4;
        acc_bd += u;
        acc_kl += u4;
      }
      for (size_t i = split; i < end; i++) {  /* same class as j */
        double d2 = sq[i] + sq_j - 2.0 * g[i];
        double u = exp(-(d2 > 0 ? d2 : 0) * c8), u2 = u * u, u4 = u2 * u2;
        sum_bd[i] += u;
        sum_kl[i] += u4;
        cls_bd[i] += u;
        cls_kl[i] += u4;
        cacc_bd += u;
        cacc_kl += u4;
      }
      sum_bd[j] += acc_bd + cacc_bd;
      sum_kl[j] += acc_kl + cacc_kl;
      cls_bd[j] += cacc_bd;
      cls_kl[j] += cacc_kl;
    }
  }

  /* the self terms exp(0) = 1, then the averages of the logarithms */
  double log_n = log((double) n), mean_bd = 0, mean_kl = 0, cmean_bd = 0, cmean_kl = 0;
  for (size_t p = 0; p < n; p++) {
    double log_nc = log((double) count[class_of[p]]);
    mean_bd += log(1.0 + sum_bd[p]) - log_n;
    mean_kl += log(1.0 + sum_kl[p]) - log_n;
    cmean_bd += log(1.0 + cls_bd[p]) - log_nc;
    cmean_kl += log(1.0 + cls_kl[p]) - log_nc;
  }
  double h_c = 0.5 * (double) d * (1.0 + log(TWO_PI * s2));
  out->h_upper = h_c - mean_kl / (double) n;
  out->h_lower = h_c - mean_bd / (double) n;
  out->h_cond_upper = h_c - cmean_kl / (double) n;
  out->h_cond_lower = h_c - cmean_bd / (double) n;
  st = IB_OK;
done:
  free(count);
  free(first);
  free(order);
  free(class_of);
  free(Tc);
  free(sq);
  free(sum_bd);
  free(sum_kl);
  free(cls_bd);
  free(cls_kl);
  free(gram);
  return st;
}

static ib_status check_input(const ib_mi_options *opt, const double *A, size_t n, size_t d)
{
  if (!(opt->noise_var > 0) || !isfinite(opt->noise_var))
    return IB_ERR_ARG;
  if (n > (size_t) INT32_MAX || d > (size_t) INT32_MAX)
    return IB_ERR_TOO_LARGE;  /* the BLAS takes int sizes */
  if (n > SIZE_MAX / sizeof(double) / d)
    return IB_ERR_TOO_LARGE;
  for (size_t i = 0; i < n * d; i++)
    if (!isfinite(A[i]))
      return IB_ERR_NONFINITE;
  return IB_OK;
}

ib_status ib_kde_layer_mi(const ib_mi_options *opt, const double *T, size_t n, size_t width,
                          const ib_layer_context *ctx, ib_layer_result *result)
{
  kde_entropies e;
  ib_status st;
  if (!ctx->y || ctx->n_y == 0)
    return IB_ERR_ARG;
  if ((st = check_input(opt, T, n, width)) != IB_OK
      || (st = kde_bounds(T, n, width, ctx->y, ctx->n_y, opt->noise_var, &e)) != IB_OK)
    return st;
  double h_c = 0.5 * (double) width * (1.0 + log(TWO_PI * opt->noise_var));
  result->ixt = (e.h_upper - h_c) * NATS_TO_BITS;
  result->ixt_lower = (e.h_lower - h_c) * NATS_TO_BITS;
  result->ity = (e.h_upper - e.h_cond_upper) * NATS_TO_BITS;
  result->ity_lower = (e.h_lower - e.h_cond_lower) * NATS_TO_BITS;
  result->h_t = e.h_upper * NATS_TO_BITS;
  return IB_OK;
}

/* One side must be discrete (its rows are told apart as symbols, the labels of the
 * mixture); the noise goes on the other, continuous side: I = H(C + Z) - H(C + Z | D).
 * *mi and info->ixt get the KL (upper) estimate, info->ixt_lower the Bhattacharyya one,
 * info->h_t the upper bound on H(C + Z). Two continuous or two discrete sides: IB_ERR_ARG. */
ib_status ib_kde_mutual_info(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                             int a_discrete, const double *B, size_t db, int b_discrete,
                             double *mi, ib_layer_result *info)
{
  kde_entropies e;
  ib_status st;
  size_t *ids, n_ids;
  if (!a_discrete == !b_discrete)
    return IB_ERR_ARG;
  const double *codes = a_discrete ? A : B, *cont = a_discrete ? B : A;
  size_t dd = a_discrete ? da : db, dc = a_discrete ? db : da;
  if ((st = check_input(opt, cont, n, dc)) != IB_OK)
    return st;
  ids = malloc(n * sizeof *ids);
  if (!ids)
    return IB_ERR_NOMEM;
  st = ib_row_ids_double(codes, n, dd, ids, &n_ids);
  if (st == IB_OK)
    st = kde_bounds(cont, n, dc, ids, n_ids, opt->noise_var, &e);
  free(ids);
  if (st != IB_OK)
    return st;
  *mi = info->ixt = (e.h_upper - e.h_cond_upper) * NATS_TO_BITS;
  info->ixt_lower = (e.h_lower - e.h_cond_lower) * NATS_TO_BITS;
  info->h_t = e.h_upper * NATS_TO_BITS;
  return IB_OK;
}

/* The upper (KL) bound on H(A + Z), bits. */
ib_status ib_kde_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                         int a_discrete, double *h)
{
  kde_entropies e;
  ib_status st;
  if (a_discrete)
    return IB_ERR_ARG;
  if ((st = check_input(opt, A, n, da)) != IB_OK
      || (st = kde_bounds(A, n, da, NULL, 0, opt->noise_var, &e)) != IB_OK)
    return st;
  *h = e.h_upper * NATS_TO_BITS;
  return IB_OK;
}
