/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_deterministic.c - the deterministic IB of Strouse & Schwab (2017) at one beta: hard
 * assignments t(x) = argmax_t log p(t) + beta sum_y p(y|x) log p(y|t), then p(t) and p(y|t)
 * of those assignments, until no assignment changes. I(X;T) = H(T) for such encoders. */
#include "ib_curve_internal.h"

ib_status ib_deterministic_assign(ib_problem *p, ib_cluster_state *s, double beta,
                                  size_t *changed)
{
  size_t k = s->k, nx = p->nx, x, t, n = 0;
  ib_status st = ib_cluster_cross(p, s);
  if (st != IB_OK)
    return st;
  for (x = 0; x < nx; x++) {
    const double *l = p->cross + k * x;
    size_t best = 0;
    double bv = -INFINITY;
    for (t = 0; t < k; t++) {
      double v = beta * l[t] + p->logq[t];
      if (v > bv) {
        bv = v;
        best = t;
      }
    }
    if (best != s->assign[x])
      n++;
    s->assign[x] = best;
  }
  *changed = n;
  return IB_OK;
}

/* Drops the clusters nobody is assigned to (mass 0, or x of probability 0 only). */
static void drop_unassigned(const ib_problem *p, ib_cluster_state *s)
{
  size_t k = s->k, t, x, next = 0;
  int any = 0;
  for (t = 0; t < k; t++)
    p->map[t] = SIZE_MAX;
  for (x = 0; x < p->nx; x++)
    p->map[s->assign[x]] = 0;
  for (t = 0; t < k; t++) {
    if (p->map[t] == SIZE_MAX)
      any = 1;
    else
      p->map[t] = next++;
  }
  if (any)
    ib_cluster_remap(p, s, p->map, next);
}

/* q and p(y|t) from the assignments; drops empty clusters. */
void ib_deterministic_centroids(const ib_problem *p, ib_cluster_state *s)
{
  size_t k = s->k, ny = p->ny, nx = p->nx, t, y, x;
  for (t = 0; t < k; t++) {
    s->q[t] = 0.0;
    for (y = 0; y < ny; y++)
      s->r[y + ny * t] = 0.0;
  }
  for (x = 0; x < nx; x++) {
    t = s->assign[x];
    for (y = 0; y < ny; y++)
      s->r[y + ny * t] += p->pxy[x + nx * y];
  }
  ib_normalise_columns(s->r, k, ny, s->q);
  drop_unassigned(p, s);
}

void ib_deterministic_unassign(const ib_problem *p, ib_cluster_state *s)
{
  for (size_t x = 0; x < p->nx; x++)
    s->assign[x] = SIZE_MAX;
}

ib_status ib_deterministic_converge(ib_problem *p, ib_cluster_state *s, double beta,
                                    size_t *it, int *converged)
{
  *converged = 0;
  while (*it < p->max_iter) {
    size_t changed;
    ib_status st;
    (*it)++;
    if ((st = ib_deterministic_assign(p, s, beta, &changed)) != IB_OK)
      return st;
    ib_deterministic_centroids(p, s);
    ib_cluster_info(p, s);
    s->ixt = s->ht;
    s->lag = s->ht - beta * s->ity;
    if (changed == 0) {
      *converged = 1;
      break;
    }
  }
  return IB_OK;
}
