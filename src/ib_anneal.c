/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_anneal.c - the sweep over beta. It anneals forwards (small to large beta, each solve
 * starting from the point below), backwards (carrying each solution down), and then inserts
 * betas where the chord between two neighbouring points may miss the curve by more than
 * curve_tol: at optima the curve's slope at a point of parameter beta is 1/beta, so on
 * [a, b] the concave curve lies under the two tangents and the chord error is at most
 * (s_a - m)(m - s_b)(x_b - x_a)/(s_a - s_b) with s = 1/beta and m the chord's slope (and at
 * most y_b - y_a, the curve being non-decreasing); the new beta is 1/m, where the tangent
 * parallel to the chord touches the curve. */
#include "ib_curve_internal.h"

#define SAME_POINT 1e-9         /* nats: two points closer than this are one */

/* Stores sv->work as pt when its Lagrangian is lower. */
static ib_status keep_if_better(ib_solver *sv, ib_sweep_point *pt, int keep)
{
  if (sv->work.lag < pt->lag - LAG_MARGIN)
    return ib_point_store(sv->p, pt, &sv->work, pt->beta, keep);
  return IB_OK;
}

ib_status ib_anneal_forward(ib_solver *sv, ib_point_list *l, const double *grid,
                            size_t n_grid, int keep)
{
  ib_status st;
  for (size_t i = 0; i < n_grid; i++) {
    if (i > 0 && grid[i] == grid[i - 1])
      continue;
    if ((st = ib_solve_beta(sv, grid[i], l->n ? &l->pts[l->n - 1] : NULL, NULL)) != IB_OK
        || (st = ib_point_list_add(l, l->n, sv->p, &sv->best, grid[i], keep)) != IB_OK)
      return st;
  }
  return IB_OK;
}

/* From the identity at the largest beta, when affordable (the start of the backward pass). */
ib_status ib_anneal_backward(ib_solver *sv, ib_point_list *l, int keep)
{
  ib_problem *p = sv->p;
  ib_sweep_point *last;
  ib_status st;
  if (!sv->small || p->nx > p->kmax || l->n == 0)
    return IB_OK;
  last = &l->pts[l->n - 1];
  if ((st = ib_start_identity(p, &sv->work)) != IB_OK
      || (st = ib_solve_start(p, &sv->work, last->beta)) != IB_OK)
    return st;
  return keep_if_better(sv, last, keep);
}

/* One pass over the points carrying each solution to its neighbour (down: from the point
 * above; up: from the point below); a point is replaced when that start does better. */
ib_status ib_anneal_polish(ib_solver *sv, ib_point_list *l, int downwards, int keep)
{
  size_t n = l->n, j;
  ib_status st;
  for (j = 0; j + 1 < n; j++) {
    size_t i = downwards ? n - 2 - j : j + 1;
    const ib_sweep_point *from = downwards ? &l->pts[i + 1] : &l->pts[i - 1];
    ib_sweep_point *to = &l->pts[i];
    if ((st = ib_cluster_load(sv->p, &sv->work, from->k, from->q, from->r)) != IB_OK
        || (st = ib_solve_start(sv->p, &sv->work, to->beta)) != IB_OK
        || (st = keep_if_better(sv, to, keep)) != IB_OK)
      return st;
  }
  return IB_OK;
}

/* ---------------------------------------------------------------- refinement */

/* Error bound (nats) of the chord between points a and b of slopes 1/beta; b may be the
 * right end (x_end, y_end) of slope 0. */
static double chord_bound(double xa, double ya, double ba, double xb, double yb, double bb)
{
  double dx = xb - xa, sa = ba > 0 ? 1.0 / ba : INFINITY, sb = isinf(bb) ? 0.0 : 1.0 / bb, m;
  if (dx <= SAME_POINT)
    return 0.0;
  if (sa > 1.0)
    sa = 1.0;                /* I(T;Y) <= I(X;T): no slope exceeds 1 */
  if (sb > sa)
    return 0.0;
  m = (yb - ya) / dx;
  if (sa - sb <= 0)
    return 0.0;
  /* the curve is also non-decreasing: between the two points it stays within [ya, yb] */
  if (m >= sb && m <= sa)
    return fmin((sa - m) * (m - sb) * dx / (sa - sb), fmax(yb - ya, 0.0));
  return fmin((sa - sb) * dx / 4.0, fmax(yb - ya, 0.0));
}

static int same_point(const ib_sweep_point *a, const ib_sweep_point *b)
{
  return fabs(a->ixt - b->ixt) + fabs(a->ity - b->ity) < SAME_POINT;
}

/* The point whose interval to the next (the last: to the right end (H(X'), I(X;Y))) has the
 * largest chord error above tol; SIZE_MAX if none. */
static size_t worst_interval(const ib_point_list *l, const ib_problem *p, double tol)
{
  size_t worst = SIZE_MAX, i;
  double worst_bound = tol;
  for (i = 0; i < l->n; i++) {
    const ib_sweep_point *a = &l->pts[i];
    double bound;
    if (a->done_right)
      continue;
    if (i + 1 < l->n)
      bound = chord_bound(a->ixt, a->ity, a->beta, a[1].ixt, a[1].ity, a[1].beta);
    else
      bound = chord_bound(a->ixt, a->ity, a->beta, p->hx_merged, p->ixy, INFINITY);
    if (bound > worst_bound) {
      worst_bound = bound;
      worst = i;
    }
  }
  return worst;
}

/* The beta to insert between points a and b: where the tangent parallel to the chord
 * touches (*from_chord), else the geometric mean. Returns 0 if none lies strictly between. */
static int beta_between(const ib_sweep_point *a, const ib_sweep_point *b, double *beta,
                        int *from_chord)
{
  double m = (b->ity - a->ity) / (b->ixt - a->ixt), beta_new = m > 0 ? 1.0 / m : INFINITY;
  *from_chord = beta_new > a->beta * (1 + 1e-9) && beta_new < b->beta / (1 + 1e-9);
  if (!*from_chord)
    beta_new = a->beta > 0 ? sqrt(a->beta * b->beta) : b->beta / 2;
  *beta = beta_new;
  return beta_new > a->beta * (1 + 1e-12) && beta_new < b->beta;
}

/* The beta to add above the last point a, towards the right end: the chord's, when within a
 * factor 16, else 16 (or 4) times a's, at most cap. Returns 0 if there is none. */
static int beta_beyond(const ib_sweep_point *a, const ib_problem *p, double cap, double *beta,
                       int *from_chord)
{
  double m, beta_new;
  if (a->beta >= cap)
    return 0;
  m = (p->ixy - a->ity) / (p->hx_merged - a->ixt);
  beta_new = m > 0 ? 1.0 / m : INFINITY;
  *from_chord = beta_new > a->beta * (1 + 1e-9) && beta_new <= 16 * a->beta && beta_new <= cap;
  if (!*from_chord)
    beta_new = beta_new > a->beta * (1 + 1e-9) ? 16 * a->beta : 4 * a->beta;
  if (beta_new > cap)
    beta_new = cap;
  *beta = beta_new;
  return beta_new > a->beta;
}

/* After a beta from a chord was inserted at index at: if its tangent touched an end, the
 * chord is the curve there and that interval is resolved. */
static void mark_resolved(ib_point_list *l, size_t at, const ib_problem *p)
{
  ib_sweep_point *a = &l->pts[at - 1], *n = &l->pts[at];
  if (same_point(n, a))
    n->done_right = 1;
  else if (at + 1 < l->n && same_point(n, &l->pts[at + 1]))
    a->done_right = 1;
  else if (at + 1 == l->n && fabs(n->ixt - p->hx_merged) + fabs(n->ity - p->ixy) < SAME_POINT)
    a->done_right = 1;
}

/* Inserts betas where the chord may miss the curve, and up to the right end, until the curve
 * is resolved to curve_tol or max_points betas are solved. */
ib_status ib_refine(ib_solver *sv, ib_point_list *l, const ib_curve_options *opt)
{
  const ib_problem *p = sv->p;
  ib_status st;
  while (l->n < opt->max_points) {
    size_t worst = worst_interval(l, p, opt->curve_tol * LN2);
    ib_sweep_point *a, *b;
    double beta;
    int from_chord, usable;
    if (worst == SIZE_MAX)
      break;
    a = &l->pts[worst];
    b = worst + 1 < l->n ? &l->pts[worst + 1] : NULL;
    usable = b ? beta_between(a, b, &beta, &from_chord)
               : beta_beyond(a, p, opt->beta_cap, &beta, &from_chord);
    if (!usable) {
      a->done_right = 1;
      continue;
    }
    if ((st = ib_solve_beta(sv, beta, a, b)) != IB_OK
        || (st = ib_point_list_add(l, worst + 1, p, &sv->best, beta, opt->keep_encoders)) != IB_OK)
      return st;
    if (from_chord)
      mark_resolved(l, worst + 1, p);
  }
  return IB_OK;
}
