/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_clusters.c - the cluster state of the IB curve (see ib_curve_internal.h): its memory,
 * the cross term both methods score clusters by, and the compactions (dropping light
 * clusters, merging equal ones) that keep |T| down to the clusters the solution uses. */
#include <cblas.h>
#include <string.h>
#include "ib_curve_internal.h"

#define LOG_FLOOR 1e-300        /* log(0) is replaced by log(LOG_FLOOR) (about -690.8) */
#define Q_DROP 1e-15            /* clusters with less mass than this are dropped */
#define MERGE_TOL 1e-4          /* clusters whose p(y|t) differ by less are merged */
#define UNASSIGNED (SIZE_MAX - 1)

void ib_cluster_clear(ib_cluster_state *s)
{
  free(s->q);
  free(s->r);
  free(s->encT);
  free(s->assign);
  memset(s, 0, sizeof *s);
}

ib_status ib_cluster_reserve(const ib_problem *p, ib_cluster_state *s, size_t cap)
{
  ib_status st;
  if (p->method == IB_CURVE_DIB && !s->assign) {
    s->assign = alloc_array(p->nx, sizeof *s->assign);
    if (!s->assign)
      return IB_ERR_NOMEM;
  }
  if (cap <= s->cap)
    return IB_OK;
  if (mul_overflows(cap, p->nx) || mul_overflows(cap, p->ny))
    return IB_ERR_TOO_LARGE;
  if ((st = grow_doubles(&s->q, cap)) != IB_OK || (st = grow_doubles(&s->r, cap * p->ny)) != IB_OK)
    return st;
  if (p->method == IB_CURVE_IB && (st = grow_doubles(&s->encT, cap * p->nx)) != IB_OK)
    return st;
  s->cap = cap;
  return IB_OK;
}

ib_status ib_cluster_load(const ib_problem *p, ib_cluster_state *s, size_t k, const double *q,
                          const double *r)
{
  ib_status st = ib_cluster_reserve(p, s, k);
  if (st != IB_OK)
    return st;
  s->k = k;
  memcpy(s->q, q, k * sizeof *q);
  memcpy(s->r, r, k * p->ny * sizeof *r);
  s->iters = 0;
  s->converged = 0;
  return IB_OK;
}

static ib_status cross_reserve(ib_problem *p, size_t k)
{
  if (k <= p->cross_cap)
    return IB_OK;
  if (mul_overflows(k, p->nx))
    return IB_ERR_TOO_LARGE;
  if (grow_doubles(&p->cross, k * p->nx) != IB_OK)
    return IB_ERR_NOMEM;
  p->cross_cap = k;
  return IB_OK;
}

ib_status ib_cluster_cross(ib_problem *p, const ib_cluster_state *s)
{
  size_t k = s->k, i;
  ib_status st = cross_reserve(p, k);
  if (st != IB_OK)
    return st;
  for (i = 0; i < k * p->ny; i++)
    p->logr[i] = log(s->r[i] > LOG_FLOOR ? s->r[i] : LOG_FLOOR);
  for (i = 0; i < k; i++)
    p->logq[i] = log(s->q[i]);
  cblas_dgemm(CblasColMajor, CblasTrans, CblasTrans, (int) k, (int) p->nx, (int) p->ny, 1.0,
              p->logr, (int) p->ny, p->pyx, (int) p->nx, 0.0, p->cross, (int) k);
  return IB_OK;
}

void ib_normalise_columns(double *r, size_t k, size_t ny, double *mass)
{
  for (size_t t = 0; t < k; t++) {
    double sum = 0.0;
    for (size_t y = 0; y < ny; y++)
      sum += r[y + ny * t];
    if (mass)
      mass[t] = sum;
    for (size_t y = 0; y < ny; y++)
      r[y + ny * t] = sum > 0 ? r[y + ny * t] / sum : 1.0 / (double) ny;
  }
}

/* The encoder entries of the remapped clusters add up, each row of x in place. */
static void remap_encoder(const ib_problem *p, ib_cluster_state *s, const size_t *map,
                          size_t new_k)
{
  size_t k = s->k, x, t, next;
  double *e = s->encT;
  for (x = 0; x < p->nx; x++) {
    size_t base_new = new_k * x, base_old = k * x;
    for (t = 0, next = 0; t < k; t++) {
      size_t u = map[t];
      if (u == SIZE_MAX)
        continue;
      if (u == next) {
        e[base_new + u] = e[base_old + t];
        next++;
      } else {
        e[base_new + u] += e[base_old + t];
      }
    }
  }
}

/* Removes clusters: map[t] is the new index of cluster t or SIZE_MAX to drop it; several
 * clusters may map to one (merge: their encoder entries and masses add, p(y|t) is the
 * mass-weighted mean). map must number the targets 0..new_k-1 in the order of their first
 * source and satisfy map[t] <= t; everything then moves forwards in place. */
void ib_cluster_remap(const ib_problem *p, ib_cluster_state *s, const size_t *map,
                      size_t new_k)
{
  size_t k = s->k, ny = p->ny, t, y, x, next;
  double *mass = p->logq;    /* scratch: the new masses */
  for (t = 0, next = 0; t < k; t++) {
    size_t u = map[t];
    double qt = s->q[t];
    if (u == SIZE_MAX)
      continue;
    if (u == next) {         /* first source of u */
      for (y = 0; y < ny; y++)
        s->r[y + ny * u] = s->r[y + ny * t] * qt;
      mass[u] = qt;
      next++;
    } else {
      for (y = 0; y < ny; y++)
        s->r[y + ny * u] += s->r[y + ny * t] * qt;
      mass[u] += qt;
    }
  }
  for (t = 0; t < new_k; t++) {
    s->q[t] = mass[t];
    for (y = 0; y < ny; y++)
      s->r[y + ny * t] = mass[t] > 0 ? s->r[y + ny * t] / mass[t] : 1.0 / (double) ny;
  }
  if (p->method == IB_CURVE_IB)
    remap_encoder(p, s, map, new_k);
  else
    for (x = 0; x < p->nx; x++)
      s->assign[x] = map[s->assign[x]];
  s->k = new_k;
}

/* Drops clusters lighter than Q_DROP (IB) or empty (DIB). */
void ib_cluster_drop_light(const ib_problem *p, ib_cluster_state *s)
{
  size_t t, next = 0, k = s->k;
  int any = 0;
  for (t = 0; t < k; t++) {
    if (s->q[t] < Q_DROP && k > 1) {
      p->map[t] = SIZE_MAX;
      any = 1;
    } else {
      p->map[t] = next++;
    }
  }
  if (any && next > 0)
    ib_cluster_remap(p, s, p->map, next);
}

static int clusters_close(const ib_problem *p, const ib_cluster_state *s, size_t t, size_t u)
{
  for (size_t y = 0; y < p->ny; y++)
    if (fabs(s->r[y + p->ny * t] - s->r[y + p->ny * u]) > MERGE_TOL)
      return 0;
  return 1;
}

/* Merges clusters whose p(y|t) agree within MERGE_TOL. Returns whether any merged. */
int ib_cluster_merge_equal(const ib_problem *p, ib_cluster_state *s)
{
  size_t k = s->k, t, u, next = 0;
  int any = 0;
  for (t = 0; t < k; t++)
    p->map[t] = UNASSIGNED;
  for (t = 0; t < k; t++) {
    if (p->map[t] != UNASSIGNED)
      continue;
    p->map[t] = next;
    for (u = t + 1; u < k; u++) {
      if (p->map[u] == UNASSIGNED && clusters_close(p, s, t, u)) {
        p->map[u] = next;
        any = 1;
      }
    }
    next++;
  }
  if (any)
    ib_cluster_remap(p, s, p->map, next);
  return any;
}

void ib_cluster_info(const ib_problem *p, ib_cluster_state *s)
{
  size_t t, y, ny = p->ny;
  double ht = 0.0, cond = 0.0;
  for (t = 0; t < s->k; t++) {
    double sum = 0.0;
    ht -= xlogx(s->q[t]);
    for (y = 0; y < ny; y++)
      sum += xlogx(s->r[y + ny * t]);
    cond += s->q[t] * sum;
  }
  s->ht = ht;
  s->ity = p->hy + cond;
  if (s->ity < 0)
    s->ity = 0.0;
}
