/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_points.c - the solved points of the sweep, ascending in beta: each keeps its clusters
 * (the warm starts of its neighbours) and, when asked, its encoder. */
#include <string.h>
#include "ib_curve_internal.h"

static void point_free(ib_sweep_point *pt)
{
  free(pt->q);
  free(pt->r);
  free(pt->encT);
  free(pt->assign);
  pt->q = pt->r = pt->encT = NULL;
  pt->assign = NULL;
}

/* A copy of n elements of size sz, NULL when out of memory. */
static void *duplicate(const void *v, size_t n, size_t sz)
{
  void *d = alloc_array(n, sz);
  if (d)
    memcpy(d, v, n * sz);
  return d;
}

ib_status ib_point_store(const ib_problem *p, ib_sweep_point *pt, const ib_cluster_state *s,
                         double beta, int keep)
{
  ib_sweep_point n;
  memset(&n, 0, sizeof n);
  n.beta = beta;
  n.ixt = s->ixt;
  n.ity = s->ity;
  n.ht = s->ht;
  n.lag = s->lag;
  n.converged = s->converged;
  n.iters = s->iters;
  n.k = s->k;
  n.done_right = pt->done_right;
  n.q = duplicate(s->q, s->k, sizeof *n.q);
  n.r = duplicate(s->r, s->k * p->ny, sizeof *n.r);
  if (keep && p->method == IB_CURVE_IB)
    n.encT = duplicate(s->encT, s->k * p->nx, sizeof *n.encT);
  else if (keep)
    n.assign = duplicate(s->assign, p->nx, sizeof *n.assign);
  if (!n.q || !n.r || (keep && !n.encT && !n.assign)) {
    point_free(&n);
    return IB_ERR_NOMEM;
  }
  point_free(pt);
  *pt = n;
  return IB_OK;
}

void ib_point_list_clear(ib_point_list *l)
{
  for (size_t i = 0; i < l->n; i++)
    point_free(&l->pts[i]);
  free(l->pts);
  l->pts = NULL;
  l->n = l->cap = 0;
}

/* Makes room for a point at index i (shifting the later ones); it is zeroed. */
static ib_status point_list_insert(ib_point_list *l, size_t i)
{
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 64;
    ib_sweep_point *np = realloc_array(l->pts, cap, sizeof *np);
    if (!np)
      return IB_ERR_NOMEM;
    l->pts = np;
    l->cap = cap;
  }
  memmove(l->pts + i + 1, l->pts + i, (l->n - i) * sizeof *l->pts);
  memset(l->pts + i, 0, sizeof *l->pts);
  l->n++;
  return IB_OK;
}

ib_status ib_point_list_add(ib_point_list *l, size_t i, const ib_problem *p,
                            const ib_cluster_state *s, double beta, int keep)
{
  ib_status st = point_list_insert(l, i);
  if (st != IB_OK)
    return st;
  return ib_point_store(p, &l->pts[i], s, beta, keep);
}
