/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_iterative.c - the iterative IB of Tishby, Pereira & Bialek (1999) at one beta:
 *   p(t|x) = p(t) exp(beta sum_y p(y|x) log p(y|t)) / Z(x, beta),
 *   p(t) = sum_x p(x) p(t|x),  p(y|t) = sum_x p(x, y) p(t|x) / p(t)
 * (the term sum_y p(y|x) log p(y|x) of the KL divergence does not depend on t and cancels in
 * Z), accelerated by SQUAREM. Each update costs two products of |T| x |Y| by |Y| x |X|
 * (BLAS) and |T| |X| exponentials: O(|T| |X| |Y|). */
#include <cblas.h>
#include <string.h>
#include "ib_curve_internal.h"

#define MERGE_EVERY 4           /* accelerated cycles between checks for equal clusters */
#define EXP_UNDERFLOW (-50.0)   /* exp of less is below 2e-22: taken as 0 */
#define SQUAREM_MAX_STEP 64.0   /* the longest extrapolation, in plain updates */

/* q and p(y|t) from the encoder; drops light clusters. */
void ib_iterative_centroids(const ib_problem *p, ib_cluster_state *s)
{
  size_t k = s->k, ny = p->ny;
  cblas_dgemm(CblasColMajor, CblasTrans, CblasTrans, (int) ny, (int) k, (int) p->nx, 1.0,
              p->pxy, (int) p->nx, s->encT, (int) k, 0.0, s->r, (int) ny);
  ib_normalise_columns(s->r, k, ny, s->q);
  ib_cluster_drop_light(p, s);
}

/* The encoder from q and p(y|t) at beta; returns -H(T|X) in nats. */
ib_status ib_iterative_encoder(ib_problem *p, ib_cluster_state *s, double beta,
                               double *neg_htx)
{
  size_t k = s->k, nx = p->nx, x, t;
  double acc = 0.0;
  ib_status st = ib_cluster_cross(p, s);
  if (st != IB_OK)
    return st;
  for (x = 0; x < nx; x++) {
    double *l = p->cross + k * x, *e = s->encT + k * x;
    double m = -INFINITY, z = 0.0, el = 0.0, logz;
    for (t = 0; t < k; t++) {
      l[t] = beta * l[t] + p->logq[t];
      if (l[t] > m)
        m = l[t];
    }
    for (t = 0; t < k; t++) {
      double d = l[t] - m;
      e[t] = d > EXP_UNDERFLOW ? exp(d) : 0.0;
      z += e[t];
    }
    logz = log(z);
    for (t = 0; t < k; t++) {
      e[t] /= z;
      if (e[t] > 0)
        el += e[t] * l[t];
    }
    acc += p->px[x] * (el - m - logz);
  }
  *neg_htx = acc;
  return IB_OK;
}

/* One self-consistent update from the clusters of s (the encoder, then the clusters and the
 * information of that encoder). */
static ib_status ib_step(ib_problem *p, ib_cluster_state *s, double beta)
{
  double neg_htx;
  ib_status st = ib_iterative_encoder(p, s, beta, &neg_htx);
  if (st != IB_OK)
    return st;
  ib_iterative_centroids(p, s);
  ib_cluster_info(p, s);
  s->ixt = s->ht + neg_htx;
  if (s->ixt < 0)
    s->ixt = 0.0;
  s->lag = s->ixt - beta * s->ity;
  return IB_OK;
}

/* Workspace of the SQUAREM extrapolation: clusters at three successive updates. */
typedef struct {
  size_t cap;
  double *theta0, *theta1;   /* q then r, k (1 + ny) each */
} accel;

static ib_status accel_reserve(accel *a, size_t n)
{
  ib_status st;
  if (n <= a->cap)
    return IB_OK;
  if ((st = grow_doubles(&a->theta0, n)) != IB_OK || (st = grow_doubles(&a->theta1, n)) != IB_OK)
    return st;
  a->cap = n;
  return IB_OK;
}

static void theta_save(const ib_problem *p, const ib_cluster_state *s, double *theta)
{
  memcpy(theta, s->q, s->k * sizeof *theta);
  memcpy(theta + s->k, s->r, s->k * p->ny * sizeof *theta);
}

/* Entry i of the clusters of s laid out as theta (q then r). */
static double theta_at(const ib_cluster_state *s, size_t i)
{
  return i < s->k ? s->q[i] : s->r[i - s->k];
}

/* The step a of the jump from th0, th1 (in acc) and th2 (in s), n entries each; 0 when the
 * jump would be no better than the plain updates. */
static double squarem_alpha(const accel *acc, const ib_cluster_state *s, size_t n)
{
  double dd = 0.0, vv = 0.0, alpha;
  for (size_t i = 0; i < n; i++) {
    double d = acc->theta1[i] - acc->theta0[i];
    double v = theta_at(s, i) - 2.0 * acc->theta1[i] + acc->theta0[i];
    dd += d * d;
    vv += v * v;
  }
  if (!(vv > 0) || !(dd > 0))
    return 0.0;
  alpha = -sqrt(dd / vv);
  if (alpha > -1.0)
    return 0.0;
  return alpha < -SQUAREM_MAX_STEP ? -SQUAREM_MAX_STEP : alpha;
}

/* Keeps th2 in theta1's place (for the fallback) and puts the jump th0 - 2a d + a^2 v in s,
 * projected back to distributions. */
static void squarem_jump(accel *acc, ib_cluster_state *s, size_t ny, double alpha)
{
  size_t k = s->k, n = k * (1 + ny), i, t;
  double qsum = 0.0;
  for (i = 0; i < n; i++) {
    double th2 = theta_at(s, i);
    double d = acc->theta1[i] - acc->theta0[i];
    double v = th2 - 2.0 * acc->theta1[i] + acc->theta0[i];
    double jump = acc->theta0[i] - 2.0 * alpha * d + alpha * alpha * v;
    acc->theta1[i] = th2;
    if (i < k)
      s->q[i] = jump > 1e-300 ? jump : 1e-300;
    else
      s->r[i - k] = jump > 0 ? jump : 0.0;
  }
  ib_normalise_columns(s->r, k, ny, NULL);
  for (t = 0; t < k; t++)
    qsum += s->q[t];
  for (t = 0; t < k; t++)
    s->q[t] /= qsum;
}

/* Jumps by alpha and updates once from there; the jump is kept only if that Lagrangian is
 * no higher than at th2 (the updates lower the IB functional monotonically; the jump need
 * not), else s goes back to th2 and takes the plain update. */
static ib_status squarem_try(ib_problem *p, ib_cluster_state *s, double beta, accel *acc,
                             double alpha, size_t *used)
{
  size_t k = s->k;
  double l2 = s->lag;
  ib_status st;
  squarem_jump(acc, s, p->ny, alpha);
  if ((st = ib_step(p, s, beta)) != IB_OK)
    return st;
  (*used)++;
  if (s->lag <= l2)
    return IB_OK;
  s->k = k;
  memcpy(s->q, acc->theta1, k * sizeof *s->q);
  memcpy(s->r, acc->theta1 + k, k * p->ny * sizeof *s->r);
  if ((st = ib_step(p, s, beta)) != IB_OK)
    return st;
  (*used)++;
  return IB_OK;
}

/* Updates accelerated by SQUAREM (Varadhan & Roland 2008): from clusters th0, th1 = F(th0),
 * th2 = F(th1), jump to th0 - 2a d + a^2 v (d = th1 - th0, v = th2 - 2 th1 + th0,
 * a = -|d|/|v|). Slow drifts of near-degenerate clusters take many plain updates; the jump
 * follows them. Returns the updates used in *used. */
static ib_status ib_cycle(ib_problem *p, ib_cluster_state *s, double beta, accel *acc,
                          size_t *used)
{
  size_t k = s->k, n = k * (1 + p->ny);
  double *saved[2];
  double alpha;
  ib_status st;
  *used = 0;
  if ((st = accel_reserve(acc, n)) != IB_OK)
    return st;
  saved[0] = acc->theta0;
  saved[1] = acc->theta1;
  for (int j = 0; j < 2; j++) {
    theta_save(p, s, saved[j]);
    if ((st = ib_step(p, s, beta)) != IB_OK)
      return st;
    (*used)++;
    if (s->k != k)
      return IB_OK;       /* a cluster went: the three states are not comparable */
  }
  alpha = squarem_alpha(acc, s, n);
  if (alpha == 0.0)
    return IB_OK;
  return squarem_try(p, s, beta, acc, alpha, used);
}

ib_status ib_iterative_converge(ib_problem *p, ib_cluster_state *s, double beta, size_t *it,
                                size_t *cycles, int *converged)
{
  accel acc = {0, NULL, NULL};
  double prev = INFINITY;
  ib_status st = IB_OK;
  *converged = 0;
  while (*it < p->max_iter) {
    size_t used;
    if ((st = ib_cycle(p, s, beta, &acc, &used)) != IB_OK)
      break;
    *it += used;
    (*cycles)++;
    /* a point d below the curve has a Lagrangian beta d too high: scale with beta */
    if (fabs(prev - s->lag) <= p->tol * (1.0 + beta)) {
      *converged = 1;
      break;
    }
    prev = s->lag;
    /* clusters drifting together do so slowly: merge them once they are close (a merge at
     * distance d in p(y|t) costs O(d^2) of I(T;Y)) */
    if (*cycles % MERGE_EVERY == 0 && ib_cluster_merge_equal(p, s))
      prev = INFINITY;
  }
  free(acc.theta0);
  free(acc.theta1);
  return st;
}
