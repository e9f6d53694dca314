/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_curve_result.c - the result of ib_curve_compute: the distribution's entropies, the raw
 * points in bits (with their encoders on the input's values of x), and the reported curve,
 * the upper concave envelope of the raw points and the ends. */
#include <string.h>
#include "ib_curve_internal.h"

void ib_curve_result_delete(ib_curve_result *r)
{
  if (!r)
    return;
  free(r->IXT);
  free(r->ITY);
  free(r->beta);
  free(r->converged);
  free(r->raw_beta);
  free(r->raw_IXT);
  free(r->raw_ITY);
  free(r->raw_HT);
  free(r->raw_lagrangian);
  free(r->raw_converged);
  free(r->raw_iterations);
  free(r->raw_cardinality);
  if (r->raw_encoders) {
    for (size_t i = 0; i < r->n_raw; i++)
      free(r->raw_encoders[i]);
    free(r->raw_encoders);
  }
  free(r);
}

void ib_result_describe(ib_curve_result *r, const ib_problem *p)
{
  r->nx = p->nx_input;
  r->ny = p->ny_input;
  r->n_x_merged = p->nx;
  r->H_X = p->hx / LN2;
  r->H_Y = p->hy / LN2;
  r->I_XY = p->ixy / LN2;
  r->H_X_merged = p->hx_merged / LN2;
  r->deterministic = p->deterministic;
  r->all_converged = 1;
}

ib_status ib_result_alloc_raw(ib_curve_result *r, size_t n, int keep)
{
  r->n_raw = n;
  r->raw_beta = alloc_array(n, sizeof *r->raw_beta);
  r->raw_IXT = alloc_array(n, sizeof *r->raw_IXT);
  r->raw_ITY = alloc_array(n, sizeof *r->raw_ITY);
  r->raw_HT = alloc_array(n, sizeof *r->raw_HT);
  r->raw_lagrangian = alloc_array(n, sizeof *r->raw_lagrangian);
  r->raw_converged = alloc_array(n, sizeof *r->raw_converged);
  r->raw_iterations = alloc_array(n, sizeof *r->raw_iterations);
  r->raw_cardinality = alloc_array(n, sizeof *r->raw_cardinality);
  if (!r->raw_beta || !r->raw_IXT || !r->raw_ITY || !r->raw_HT || !r->raw_lagrangian
      || !r->raw_converged || !r->raw_iterations || !r->raw_cardinality)
    return IB_ERR_NOMEM;
  if (keep) {
    r->raw_encoders = calloc(n ? n : 1, sizeof *r->raw_encoders);
    if (!r->raw_encoders)
      return IB_ERR_NOMEM;
  }
  return IB_OK;
}

/* Raw point i from pt, in bits, with rounding above the bounds of information removed. */
static void store_raw_point(ib_curve_result *r, size_t i, const ib_sweep_point *pt)
{
  double ixt = pt->ixt / LN2, ity = pt->ity / LN2;
  if (ixt > r->H_X_merged && ixt - r->H_X_merged < 1e-9)
    ixt = r->H_X_merged;
  if (ity > r->I_XY && ity - r->I_XY < 1e-9)
    ity = r->I_XY;
  if (ity > ixt && ity - ixt < 1e-9)
    ity = ixt;
  r->raw_beta[i] = pt->beta;
  r->raw_IXT[i] = ixt;
  r->raw_ITY[i] = ity;
  r->raw_HT[i] = pt->ht / LN2;
  r->raw_lagrangian[i] = pt->lag / LN2;
  r->raw_converged[i] = pt->converged;
  r->raw_iterations[i] = pt->iters;
  r->raw_cardinality[i] = pt->k;
  if (!pt->converged)
    r->all_converged = 0;
}

/* The encoder of pt on the input's values of x (nx x k, column-major; rows of x with
 * p(x) = 0 zero) in *out. */
static ib_status expand_encoder(const ib_problem *p, const ib_sweep_point *pt, double **out)
{
  size_t k = pt->k, nx = p->nx_input, x, t;
  double *e;
  if (mul_overflows(nx, k))
    return IB_ERR_TOO_LARGE;
  e = calloc(nx && k ? nx * k : 1, sizeof *e);
  if (!e)
    return IB_ERR_NOMEM;
  *out = e;
  for (x = 0; x < nx; x++) {
    size_t g = p->xmap[x];
    if (g == SIZE_MAX)
      continue;
    if (pt->encT)
      for (t = 0; t < k; t++)
        e[x + nx * t] = pt->encT[t + k * g];
    else
      e[x + nx * pt->assign[g]] = 1.0;
  }
  return IB_OK;
}

ib_status ib_result_from_points(ib_curve_result *r, const ib_problem *p,
                                const ib_point_list *l, int keep)
{
  ib_status st = ib_result_alloc_raw(r, l->n, keep);
  for (size_t i = 0; i < l->n && st == IB_OK; i++) {
    store_raw_point(r, i, &l->pts[i]);
    if (keep)
      st = expand_encoder(p, &l->pts[i], &r->raw_encoders[i]);
  }
  return st;
}

/* ---------------------------------------------------------------- the envelope */

typedef struct {
  double x, y, beta;
  int converged;
} hull_pt;

static int hull_cmp(const void *va, const void *vb)
{
  const hull_pt *a = va, *b = vb;
  if (a->x < b->x) return -1;
  if (a->x > b->x) return 1;
  if (a->y > b->y) return -1;
  if (a->y < b->y) return 1;
  /* equal points: the larger beta first (the end of the range of betas that give it) */
  if (a->beta > b->beta) return -1;
  if (a->beta < b->beta) return 1;
  return 0;
}

/* The upper concave envelope of the m points, sorted by hull_cmp, in place (the hull never
 * runs ahead of the scan); returns its length. */
static size_t upper_hull(hull_pt *pts, size_t m)
{
  hull_pt *hull = pts;
  size_t i, h = 0;
  for (i = 0; i < m; i++) {
    hull_pt c = pts[i];
    if (h > 0 && c.x == hull[h - 1].x)
      continue;            /* same x, lower (or equal) y */
    while (h >= 2) {
      double cross = (hull[h - 1].x - hull[h - 2].x) * (c.y - hull[h - 2].y)
                   - (hull[h - 1].y - hull[h - 2].y) * (c.x - hull[h - 2].x);
      if (cross >= 0)      /* hull[h-1] is on or under the chord: not a vertex */
        h--;
      else
        break;
    }
    /* a drop below an earlier point cannot be on the curve (it is monotone) */
    if (h >= 1 && c.y < hull[h - 1].y)
      continue;
    hull[h++] = c;
  }
  return h;
}

static ib_status store_curve(ib_curve_result *r, const hull_pt *hull, size_t h)
{
  r->n_curve = h;
  r->IXT = alloc_array(h, sizeof *r->IXT);
  r->ITY = alloc_array(h, sizeof *r->ITY);
  r->beta = alloc_array(h, sizeof *r->beta);
  r->converged = alloc_array(h, sizeof *r->converged);
  if (!r->IXT || !r->ITY || !r->beta || !r->converged)
    return IB_ERR_NOMEM;
  for (size_t i = 0; i < h; i++) {
    r->IXT[i] = hull[i].x;
    r->ITY[i] = hull[i].y;
    r->beta[i] = hull[i].beta;
    r->converged[i] = hull[i].converged;
  }
  return IB_OK;
}

ib_status ib_result_envelope(ib_curve_result *r, int add_right_ends)
{
  size_t m = 0, i;
  hull_pt *pts = alloc_array(r->n_raw + 3, sizeof *pts);
  ib_status st;
  if (!pts)
    return IB_ERR_NOMEM;
  pts[m++] = (hull_pt) {0.0, 0.0, 1.0, 1};
  for (i = 0; i < r->n_raw; i++)
    pts[m++] = (hull_pt) {r->raw_IXT[i], r->raw_ITY[i], r->raw_beta[i], r->raw_converged[i]};
  if (add_right_ends) {
    pts[m++] = (hull_pt) {r->H_X_merged, r->I_XY, INFINITY, 1};
    pts[m++] = (hull_pt) {r->H_X, r->I_XY, INFINITY, 1};
  }
  qsort(pts, m, sizeof *pts, hull_cmp);
  st = store_curve(r, pts, upper_hull(pts, m));
  free(pts);
  return st;
}
