/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_starts.c - the starts a beta is solved from (see ib_solve.c): the trivial encoder, the
 * identity, random encoders, and the clusters of a neighbouring beta split in two (clusters
 * bifurcate as beta grows, and a split start lets the iterations find the new branch). */
#include <string.h>
#include "ib_curve_internal.h"

#define SPLIT_STRENGTH 0.5
#define SPLIT_ALL 16             /* up to this many clusters, all are split */

/* q and p(y|t) from the encoder (IB) or the assignments (DIB). */
static void centroids(const ib_problem *p, ib_cluster_state *s)
{
  if (p->method == IB_CURVE_IB)
    ib_iterative_centroids(p, s);
  else
    ib_deterministic_centroids(p, s);
}

/* The trivial solution: one cluster, p(y|t) = p(y). */
ib_status ib_start_trivial(const ib_problem *p, ib_cluster_state *s)
{
  size_t x, y;
  ib_status st = ib_cluster_reserve(p, s, 1);
  if (st != IB_OK)
    return st;
  s->k = 1;
  s->q[0] = 1.0;
  for (y = 0; y < p->ny; y++) {
    double v = 0.0;
    for (x = 0; x < p->nx; x++)
      v += p->pxy[x + p->nx * y];
    s->r[y] = v;
  }
  if (p->method == IB_CURVE_IB)
    for (x = 0; x < p->nx; x++)
      s->encT[x] = 1.0;
  else
    for (x = 0; x < p->nx; x++)
      s->assign[x] = 0;
  s->ixt = s->ity = s->ht = s->lag = 0.0;
  s->iters = 0;
  s->converged = 1;
  return IB_OK;
}

/* The identity encoder t = x (needs nx <= kmax), then the centroids. */
ib_status ib_start_identity(const ib_problem *p, ib_cluster_state *s)
{
  size_t x, nx = p->nx;
  ib_status st = ib_cluster_reserve(p, s, nx);
  if (st != IB_OK)
    return st;
  s->k = nx;
  if (p->method == IB_CURVE_IB) {
    memset(s->encT, 0, nx * nx * sizeof *s->encT);
    for (x = 0; x < nx; x++)
      s->encT[x + nx * x] = 1.0;
  } else {
    for (x = 0; x < nx; x++)
      s->assign[x] = x;
  }
  centroids(p, s);
  return IB_OK;
}

/* A random encoder on k0 clusters (IB: Dirichlet(1) weights plus a bump on one cluster;
 * DIB: uniform assignments), then the centroids. */
ib_status ib_start_random(ib_problem *p, ib_cluster_state *s, size_t k0)
{
  size_t x, t;
  ib_status st = ib_cluster_reserve(p, s, k0);
  if (st != IB_OK)
    return st;
  s->k = k0;
  if (p->method == IB_CURVE_IB) {
    for (x = 0; x < p->nx; x++) {
      double *e = s->encT + k0 * x, sum = 0.0;
      size_t c = (size_t) ib_rng_below(&p->rng, k0);
      for (t = 0; t < k0; t++) {
        e[t] = -log(1.0 - ib_rng_uniform(&p->rng));
        sum += e[t];
      }
      e[c] += sum;
      sum *= 2.0;
      for (t = 0; t < k0; t++)
        e[t] /= sum;
    }
  } else {
    for (x = 0; x < p->nx; x++)
      s->assign[x] = (size_t) ib_rng_below(&p->rng, k0);
  }
  centroids(p, s);
  return IB_OK;
}

/* ---------------------------------------------------------------- the split start */

typedef struct {
  double value;
  size_t index;
} ranked;

/* descending value, then ascending index (a deterministic order) */
static int ranked_cmp(const void *va, const void *vb)
{
  const ranked *a = va, *b = vb;
  if (a->value > b->value) return -1;
  if (a->value < b->value) return 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* The weight of x in cluster t (IB: p(t|x), the encoder having stride entries per x). */
static double membership(const ib_problem *p, const ib_cluster_state *s, size_t stride,
                         size_t t, size_t x)
{
  return p->method == IB_CURVE_IB ? s->encT[t + stride * x] : (s->assign[x] == t ? 1.0 : 0.0);
}

/* The projection of p(y|x) - p(y|t) on u. */
static double projection(const ib_problem *p, const ib_cluster_state *s, const double *u,
                         size_t t, size_t x)
{
  double proj = 0.0;
  for (size_t y = 0; y < p->ny; y++)
    proj += u[y] * (p->pyx[x + p->nx * y] - s->r[y + p->ny * t]);
  return proj;
}

/* The encoder (or the assignments) at beta from the loaded clusters. */
static ib_status encode_at(ib_problem *p, ib_cluster_state *s, double beta)
{
  double neg_htx;
  size_t changed;
  if (p->method == IB_CURVE_IB)
    return ib_iterative_encoder(p, s, beta, &neg_htx);
  return ib_deterministic_assign(p, s, beta, &changed);
}

/* order: the clusters in the order they are split; when not all are, those of most spread
 * of p(y|x) within (mass times variance) first. */
static void split_order(const ib_problem *p, const ib_cluster_state *s, size_t n_split,
                        ranked *spread, size_t *order)
{
  size_t k = s->k, nx = p->nx, ny = p->ny, x, t, y;
  if (n_split < k) {
    for (t = 0; t < k; t++) {
      spread[t].value = 0.0;
      spread[t].index = t;
    }
    for (x = 0; x < nx; x++)
      for (t = 0; t < k; t++) {
        double mass = membership(p, s, k, t, x), d2 = 0.0;
        if (mass == 0.0)
          continue;
        for (y = 0; y < ny; y++) {
          double d = p->pyx[x + nx * y] - s->r[y + ny * t];
          d2 += d * d;
        }
        spread[t].value += p->px[x] * mass * d2;
      }
    qsort(spread, k, sizeof *spread, ranked_cmp);
  }
  for (t = 0; t < k; t++)
    order[t] = n_split < k ? spread[t].index : t;
}

/* Widens encT from k to k_new entries per x (the new ones 0), backwards so that nothing is
 * overwritten. */
static void widen_encoder(ib_cluster_state *s, size_t nx, size_t k_new)
{
  size_t k = s->k, x, t;
  for (x = nx; x-- > 0;) {
    for (t = k_new; t-- > k;)
      s->encT[t + k_new * x] = 0.0;
    for (t = k; t-- > 0;)
      s->encT[t + k_new * x] = s->encT[t + k * x];
  }
}

/* Splits cluster a into a and the empty cluster b along a random direction u (ny scratch)
 * of p(y|x) - p(y|a): the x on either side lean to either half. */
static void split_cluster(ib_problem *p, ib_cluster_state *s, size_t a, size_t b, double *u)
{
  size_t nx = p->nx, ny = p->ny, k = s->k, x, y;
  double sum = 0.0, var = 0.0, w = 0.0, sd;
  for (y = 0; y < ny; y++) {
    u[y] = ib_rng_normal(&p->rng);
    sum += u[y];
  }
  for (y = 0; y < ny; y++)
    u[y] -= sum / (double) ny;
  for (x = 0; x < nx; x++) {
    double proj = projection(p, s, u, a, x), mass = membership(p, s, k, a, x);
    var += p->px[x] * mass * proj * proj;
    w += p->px[x] * mass;
  }
  sd = w > 0 ? sqrt(var / w) : 0.0;
  for (x = 0; x < nx; x++) {
    double proj = projection(p, s, u, a, x);
    if (p->method == IB_CURVE_IB) {
      double e = s->encT[a + k * x];
      /* nothing to tell apart (sd = 0): split at random */
      double lean = sd > 1e-12 ? SPLIT_STRENGTH * tanh(proj / sd)
                               : SPLIT_STRENGTH * (2.0 * ib_rng_uniform(&p->rng) - 1.0);
      s->encT[a + k * x] = e * 0.5 * (1.0 + lean);
      s->encT[b + k * x] = e * 0.5 * (1.0 - lean);
    } else if (s->assign[x] == a && proj > 0) {
      s->assign[x] = b;
    }
  }
}

/* The clusters of s (q, r) at beta, each (or, of many, the most spread) split in two. At
 * most kmax clusters result. */
ib_status ib_start_split(ib_problem *p, ib_cluster_state *s, double beta)
{
  size_t k = s->k, i, n_split;
  size_t *order = NULL;
  ranked *spread = NULL;
  double *u = NULL;
  ib_status st;
  if (k >= p->kmax)
    return IB_OK;
  /* a few clusters bifurcate between neighbouring betas: split all of a few, the most
   * spread of many (splitting all would double the cost of the iterations) */
  n_split = k < SPLIT_ALL ? k : (k / 4 > SPLIT_ALL ? k / 4 : SPLIT_ALL);
  if (n_split > p->kmax - k)
    n_split = p->kmax - k;
  if ((st = ib_cluster_reserve(p, s, k + n_split)) != IB_OK)
    return st;
  order = alloc_array(k, sizeof *order);
  spread = alloc_array(k, sizeof *spread);
  u = alloc_array(p->ny, sizeof *u);
  st = order && spread && u ? encode_at(p, s, beta) : IB_ERR_NOMEM;
  if (st == IB_OK) {
    split_order(p, s, n_split, spread, order);
    if (p->method == IB_CURVE_IB)
      widen_encoder(s, p->nx, k + n_split);
    s->k = k + n_split;
    for (i = 0; i < n_split; i++)
      split_cluster(p, s, order[i], k + i, u);
    centroids(p, s);
  }
  free(order);
  free(spread);
  free(u);
  return st;
}
