/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi_knn.c - k-nearest-neighbour estimators under the max-norm, through kdtree.c:
 *  - two continuous sides: Kraskov, Stoegbauer & Grassberger (2004), estimator 1,
 *      I = psi(k) + psi(n) - < psi(n_a + 1) + psi(n_b + 1) >,
 *    n_a, n_b = other points strictly within the distance eps_i to the k-th neighbour of
 *    point i in the joint space (max of the two max-norms);
 *  - one discrete side (labels): Ross (2014), eq. 2 (as in scikit-learn),
 *      I = psi(n) + < psi(k) > - < psi(N_y) > - < psi(m + 1) >,
 *    N_y = size of the class of i, m = points of the whole data set strictly within the
 *    distance to the k-th neighbour of i inside its class; a class of size N_y <= k uses
 *    k = N_y - 1, and points alone in their class are left out (n counts the rest);
 *  - entropy: Kozachenko & Leonenko (1987) in the max-norm form of Kraskov et al. eq. 20,
 *      H = psi(n) - psi(k) + d < log(2 eps_i) >  (the unit max-norm ball has volume 2^d).
 * Everything is computed in nats and returned in bits. Only distances are compared, so
 * scaling both sides by one power of two leaves the estimates unchanged bit for bit (and
 * any other common factor up to the rounding of the coordinates).
 *
 * Repeated points (eps_i = 0; e.g. saturated or dead units) follow the rule of Gao, Kannan,
 * Oh & Viswanath (2017) for discrete-continuous mixtures: k becomes the number of other
 * points equal to point i and the counts take the points at distance 0, so exactly discrete
 * data give a plug-in-like estimate instead of a blow-up. The Kozachenko-Leonenko entropy
 * is -Inf when some point has k copies (an atom has no finite differential entropy).
 * opt->jitter > 0 adds seeded Gaussian noise of that standard deviation to copies of the
 * continuous sides instead (the usual remedy in Kraskov et al.).
 *
 * Coordinates near the largest double would make max-norm differences (up to twice the
 * largest coordinate) and 2 eps overflow to Inf, and the estimates Inf or NaN; the
 * continuous sides are then all multiplied by one power of two that keeps every value
 * (jitter included) below 2^1016 (side_scale): the same estimates, exactly but for
 * subnormal coordinates, the entropy corrected by d log(1/scale). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mi_estimators.h"
#include "kdtree.h"
#include "rng.h"
#include "rowcount.h"

#define NATS_TO_BITS 1.4426950408889634

/* psi(x) for x > 0: recurrence up to 10, then the asymptotic series (error < 1e-14). */
static double digamma(double x)
{
  double shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  double f = 1 / (x * x);
  return shift + log(x) - 0.5 / x
         - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
}

static int all_finite(const double *a, size_t count)
{
  for (size_t i = 0; i < count; i++)
    if (!isfinite(a[i]))
      return 0;
  return 1;
}

/* Strict "within r", except that r = 0 means "at distance 0" (see the header comment). */
static double count_radius(double r)
{
  return r > 0 ? r : DBL_TRUE_MIN;
}

static void gather_row(const double *A, size_t n, size_t d, size_t i, double *row)
{
  for (size_t j = 0; j < d; j++)
    row[j] = A[i + n * j];
}

static ib_status check_k(const ib_mi_options *opt, size_t n)
{
  /* k >= 1 and the jitter are ib_mi_check's (the dispatch); k against the rows is here */
  return opt->k >= n ? IB_ERR_ARG : IB_OK;
}

static double max_abs(const double *a, size_t count)
{
  double m = 0;
  for (size_t i = 0; i < count; i++)
    m = fabs(a[i]) > m ? fabs(a[i]) : m;
  return m;
}

/* The power of two the continuous sides are multiplied by: 1 unless their largest value
 * `largest`, plus 16 times the jitter (the polar method's draws are below 13 in
 * magnitude), reaches 2^1016. IB_ERR_ARG for a jitter near the largest double. */
static ib_status side_scale(const ib_mi_options *opt, double largest, double *scale)
{
  double bound = largest / 16 + (opt->jitter > 0 ? opt->jitter : 0);  /* no overflow */
  int e;
  *scale = 1;
  if (!isfinite(bound))
    return IB_ERR_ARG;
  if (bound < 0x1p1012)
    return IB_OK;
  frexp(bound, &e);  /* bound < 2^e */
  *scale = ldexp(1.0, 1012 - e);
  return IB_OK;
}

/* scale * A with jitter added (scale * jitter * N(0, 1), which equals scale times A plus
 * jitter * N(0, 1) exactly), or A itself when there is neither. */
static ib_status maybe_jitter(const ib_mi_options *opt, ib_rng *rng, const double *A,
                              size_t count, double scale, const double **out, double **owned)
{
  *owned = NULL;
  *out = A;
  if (!(opt->jitter > 0) && scale == 1)
    return IB_OK;
  double *copy = malloc(count * sizeof *copy);
  if (!copy)
    return IB_ERR_NOMEM;
  double sd = opt->jitter > 0 ? scale * opt->jitter : 0;
  for (size_t i = 0; i < count; i++)
    copy[i] = scale * A[i] + (sd > 0 ? sd * ib_rng_normal(rng) : 0);
  *out = *owned = copy;
  return IB_OK;
}

/* KSG estimator 1 between A (n x da) and B (n x db), nats. tree_b may be NULL. */
/* Whether to stop, asked every 256 queries (each costs microseconds). */
static int asked_to_stop(const ib_mi_options *opt, size_t i)
{
  return (i & 255) == 0 && opt->stop && opt->stop(opt->stop_arg);
}

static ib_status ksg_nats(const double *A, size_t da, const double *B, size_t db, size_t n,
                          size_t k, const ib_kdtree *tree_b, const ib_mi_options *opt,
                          double *mi)
{
  size_t dj = da + db;
  ib_kdtree *joint_tree = NULL, *tree_a = NULL, *own_b = NULL;
  double *joint = NULL, *row = NULL, *dist = NULL;
  ib_status st = IB_ERR_NOMEM;

  if (n > SIZE_MAX / sizeof(double) / dj)
    return IB_ERR_TOO_LARGE;
  joint = malloc(n * dj * sizeof *joint);
  row = malloc(dj * sizeof *row);
  dist = malloc(k * sizeof *dist);
  if (!joint || !row || !dist)
    goto done;
  memcpy(joint, A, n * da * sizeof *joint);
  memcpy(joint + n * da, B, n * db * sizeof *joint);
  if ((st = ib_kdtree_new(&joint_tree, joint, n, dj, n, 0)) != IB_OK
      || (st = ib_kdtree_new(&tree_a, A, n, da, n, 0)) != IB_OK)
    goto done;
  if (!tree_b) {
    if ((st = ib_kdtree_new(&own_b, B, n, db, n, 0)) != IB_OK)
      goto done;
    tree_b = own_b;
  }
  double sum = 0;
  for (size_t i = 0; i < n; i++) {
    if (asked_to_stop(opt, i)) {
      st = IB_ERR_INTERRUPTED;
      goto done;
    }
    gather_row(joint, n, dj, i, row);
    ib_kdtree_knn(joint_tree, row, i, k, dist, NULL);
    double eps = dist[k - 1], r = count_radius(eps);
    double k_i = (double) k;
    if (eps == 0)
      k_i = (double) (ib_kdtree_count_within(joint_tree, row, r) - 1);
    size_t n_a = ib_kdtree_count_within(tree_a, row, r) - 1;
    size_t n_b = ib_kdtree_count_within(tree_b, row + da, r) - 1;
    sum += digamma(k_i) - digamma((double) n_a + 1) - digamma((double) n_b + 1);
  }
  *mi = digamma((double) n) + sum / (double) n;
  st = IB_OK;
done:
  ib_kdtree_delete(joint_tree);
  ib_kdtree_delete(tree_a);
  ib_kdtree_delete(own_b);
  free(joint);
  free(row);
  free(dist);
  return st;
}

/* Ross (2014) between continuous T (n x d) and labels in 0..n_labels-1, nats. tree_t (over
 * all rows of T) may be NULL. */
static ib_status ross_nats(const double *T, size_t n, size_t d, const size_t *label,
                           size_t n_labels, size_t k, const ib_kdtree *tree_t,
                           const ib_mi_options *opt, double *mi)
{
  size_t *count = calloc(n_labels, sizeof *count);
  size_t *members = malloc(n * sizeof *members);  /* rows grouped by class */
  size_t *first = malloc((n_labels + 1) * sizeof *first);
  size_t *kept = malloc(n * sizeof *kept);
  double *sub = NULL, *row = malloc(d * sizeof *row), *dist = malloc(k * sizeof *dist);
  ib_kdtree *all_tree = NULL, *class_tree = NULL;
  ib_status st = IB_ERR_NOMEM;
  size_t n_kept = 0, largest = 0;

  if (!count || !members || !first || !kept || !row || !dist)
    goto done;
  for (size_t i = 0; i < n; i++) {
    if (label[i] >= n_labels) {
      st = IB_ERR_ARG;
      goto done;
    }
    count[label[i]]++;
  }
  first[0] = 0;
  for (size_t c = 0; c < n_labels; c++) {
    first[c + 1] = first[c] + count[c];
    if (count[c] > largest)
      largest = count[c];
  }
  /* members grouped by class: count[] becomes each class's running position, then back */
  for (size_t i = 0; i < n; i++)
    members[first[label[i]] + --count[label[i]]] = i;
  for (size_t i = 0; i < n; i++)
    count[label[i]]++;
  for (size_t i = 0; i < n; i++)
    if (count[label[i]] > 1)
      kept[n_kept++] = i;
  if (n_kept < 2) {
    st = IB_ERR_ARG;  /* no class has two points: nothing to estimate from */
    goto done;
  }
  sub = malloc((n_kept > largest ? n_kept : largest) * d * sizeof *sub);
  if (!sub)
    goto done;
  if (n_kept < n || !tree_t) {
    for (size_t p = 0; p < n_kept; p++)
      for (size_t j = 0; j < d; j++)
        sub[p + n_kept * j] = T[kept[p] + n * j];
    if ((st = ib_kdtree_new(&all_tree, sub, n_kept, d, n_kept, 0)) != IB_OK)
      goto done;
    tree_t = all_tree;
  }
  double sum = 0;
  for (size_t c = 0; c < n_labels; c++) {
    size_t m_c = count[c];
    if (m_c < 2)
      continue;
    size_t k_c = k < m_c - 1 ? k : m_c - 1;
    const size_t *rows = members + first[c];
    for (size_t p = 0; p < m_c; p++)
      for (size_t j = 0; j < d; j++)
        sub[p + m_c * j] = T[rows[p] + n * j];
    if ((st = ib_kdtree_new(&class_tree, sub, m_c, d, m_c, 0)) != IB_OK)
      goto done;
    for (size_t p = 0; p < m_c; p++) {
      if (asked_to_stop(opt, p)) {
        st = IB_ERR_INTERRUPTED;
        goto done;
      }
      gather_row(sub, m_c, d, p, row);
      ib_kdtree_knn(class_tree, row, p, k_c, dist, NULL);
      double r = dist[k_c - 1], radius = count_radius(r);
      double k_i = (double) k_c;
      if (r == 0)
        k_i = (double) (ib_kdtree_count_within(class_tree, row, radius) - 1);
      size_t m = ib_kdtree_count_within(tree_t, row, radius) - 1;
      sum += digamma(k_i) - digamma((double) m_c) - digamma((double) m + 1);
    }
    ib_kdtree_delete(class_tree);
    class_tree = NULL;
  }
  *mi = digamma((double) n_kept) + sum / (double) n_kept;
  st = IB_OK;
done:
  ib_kdtree_delete(all_tree);
  ib_kdtree_delete(class_tree);
  free(count);
  free(members);
  free(first);
  free(kept);
  free(sub);
  free(row);
  free(dist);
  return st;
}

/* Kozachenko-Leonenko entropy of A (n x d), nats; -Inf when a point has k copies. */
static ib_status kl_entropy_nats(const double *A, size_t n, size_t d, size_t k,
                                 const ib_kdtree *tree, const ib_mi_options *opt, double *h)
{
  ib_kdtree *own = NULL;
  double *row = malloc(d * sizeof *row), *dist = malloc(k * sizeof *dist);
  ib_status st = IB_ERR_NOMEM;
  if (!row || !dist)
    goto done;
  if (!tree) {
    if ((st = ib_kdtree_new(&own, A, n, d, n, 0)) != IB_OK)
      goto done;
    tree = own;
  }
  double sum_log = 0;
  for (size_t i = 0; i < n; i++) {
    if (asked_to_stop(opt, i)) {
      st = IB_ERR_INTERRUPTED;
      goto done;
    }
    gather_row(A, n, d, i, row);
    ib_kdtree_knn(tree, row, i, k, dist, NULL);
    sum_log += log(2 * dist[k - 1]);
  }
  *h = digamma((double) n) - digamma((double) k) + (double) d * sum_log / (double) n;
  st = IB_OK;
done:
  ib_kdtree_delete(own);
  free(row);
  free(dist);
  return st;
}

ib_status ib_knn_layer_mi(const ib_mi_options *opt, const double *T, size_t n, size_t width,
                          const ib_layer_context *ctx, ib_layer_result *result)
{
  ib_status st;
  ib_rng rng;
  const double *t = NULL, *x = NULL;
  double *t_owned = NULL, *x_owned = NULL, ixt, ity, h;
  ib_kdtree *tree_t = NULL;
  double scale;

  if ((st = check_k(opt, n)) != IB_OK)
    return st;
  if (!ctx->X || ctx->dx == 0 || !ctx->y || ctx->n_y == 0)
    return IB_ERR_ARG;
  if (n > SIZE_MAX / sizeof(double) / (width > ctx->dx ? width : ctx->dx))
    return IB_ERR_TOO_LARGE;
  if (!all_finite(T, n * width) || !all_finite(ctx->X, n * ctx->dx))
    return IB_ERR_NONFINITE;
  if ((st = side_scale(opt, fmax(max_abs(T, n * width), max_abs(ctx->X, n * ctx->dx)),
                       &scale)) != IB_OK)
    return st;
  ib_rng_seed(&rng, opt->seed);
  if ((st = maybe_jitter(opt, &rng, T, n * width, scale, &t, &t_owned)) != IB_OK
      || (st = maybe_jitter(opt, &rng, ctx->X, n * ctx->dx, scale, &x, &x_owned)) != IB_OK
      || (st = ib_kdtree_new(&tree_t, t, n, width, n, 0)) != IB_OK
      || (st = ksg_nats(x, ctx->dx, t, width, n, opt->k, tree_t, opt, &ixt)) != IB_OK
      || (st = ross_nats(t, n, width, ctx->y, ctx->n_y, opt->k, tree_t, opt, &ity)) != IB_OK
      || (st = kl_entropy_nats(t, n, width, opt->k, tree_t, opt, &h)) != IB_OK)
    goto done;
  result->ixt = ixt * NATS_TO_BITS;
  result->ity = ity * NATS_TO_BITS;
  result->h_t = (h - (double) width * log(scale)) * NATS_TO_BITS;
done:
  ib_kdtree_delete(tree_t);
  free(t_owned);
  free(x_owned);
  return st;
}

ib_status ib_knn_mutual_info(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                             int a_discrete, const double *B, size_t db, int b_discrete,
                             double *mi, ib_layer_result *info)
{
  ib_status st;
  ib_rng rng;
  const double *a = NULL, *b = NULL;
  double *a_owned = NULL, *b_owned = NULL, nats = NAN, scale;
  size_t *ids = NULL, n_ids = 0;

  (void) info;
  if ((st = check_k(opt, n)) != IB_OK)
    return st;
  if (a_discrete && b_discrete)
    return IB_ERR_ARG;  /* nothing continuous to take neighbours in */
  if (n > SIZE_MAX / sizeof(double) / (da > db ? da : db))
    return IB_ERR_TOO_LARGE;
  if (!all_finite(A, n * da) || !all_finite(B, n * db))
    return IB_ERR_NONFINITE;
  if ((st = side_scale(opt, fmax(a_discrete ? 0 : max_abs(A, n * da),
                                 b_discrete ? 0 : max_abs(B, n * db)), &scale)) != IB_OK)
    return st;
  ib_rng_seed(&rng, opt->seed);
  if (a_discrete || b_discrete) {
    const double *codes = a_discrete ? A : B, *cont = a_discrete ? B : A;
    size_t dc = a_discrete ? db : da;
    ids = malloc(n * sizeof *ids);
    if (!ids)
      return IB_ERR_NOMEM;
    if ((st = ib_row_ids_double(codes, n, a_discrete ? da : db, ids, &n_ids)) == IB_OK
        && (st = maybe_jitter(opt, &rng, cont, n * dc, scale, &a, &a_owned)) == IB_OK)
      st = ross_nats(a, n, dc, ids, n_ids, opt->k, NULL, opt, &nats);
  } else {
    if ((st = maybe_jitter(opt, &rng, A, n * da, scale, &a, &a_owned)) == IB_OK
        && (st = maybe_jitter(opt, &rng, B, n * db, scale, &b, &b_owned)) == IB_OK)
      st = ksg_nats(a, da, b, db, n, opt->k, NULL, opt, &nats);
  }
  if (st == IB_OK)
    *mi = nats * NATS_TO_BITS;
  free(ids);
  free(a_owned);
  free(b_owned);
  return st;
}

ib_status ib_knn_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                         int a_discrete, double *h)
{
  ib_status st;
  ib_rng rng;
  const double *a = NULL;
  double *a_owned = NULL, nats, scale;

  if (a_discrete)
    return IB_ERR_ARG;  /* a differential entropy estimator */
  if ((st = check_k(opt, n)) != IB_OK)
    return st;
  if (n > SIZE_MAX / sizeof(double) / da)
    return IB_ERR_TOO_LARGE;
  if (!all_finite(A, n * da))
    return IB_ERR_NONFINITE;
  if ((st = side_scale(opt, max_abs(A, n * da), &scale)) != IB_OK)
    return st;
  ib_rng_seed(&rng, opt->seed);
  if ((st = maybe_jitter(opt, &rng, A, n * da, scale, &a, &a_owned)) == IB_OK
      && (st = kl_entropy_nats(a, n, da, opt->k, NULL, opt, &nats)) == IB_OK)
    *h = (nats - (double) da * log(scale)) * NATS_TO_BITS;
  free(a_owned);
  return st;
}
