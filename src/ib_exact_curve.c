/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_exact_curve.c - the exact IB curve of a deterministic labelling, y a function of x
 * (Kolchinsky, Tracey & Van Kuyk 2019): I(T;Y) = I(X;T) up to H(Y) (T = Y kept with
 * probability a, else erased), then H(Y). Nothing is iterated. */
#include "ib_curve_internal.h"

/* The encoders of the two raw points on the input's values of x: everything in one
 * cluster, and T = Y (the label of each x). */
static ib_status exact_encoders(const ib_problem *p, ib_curve_result *r)
{
  size_t nx = p->nx_input, ny = p->ny, x, y;
  double *e0 = calloc(nx ? nx : 1, sizeof *e0);
  double *e1 = (nx && ny) ? calloc(nx * ny, sizeof *e1) : calloc(1, sizeof *e1);
  r->raw_encoders[0] = e0;
  r->raw_encoders[1] = e1;
  if (!e0 || !e1)
    return IB_ERR_NOMEM;
  for (x = 0; x < nx; x++) {
    size_t g = p->xmap[x], best = 0;
    if (g == SIZE_MAX)
      continue;
    e0[x] = 1.0;
    for (y = 1; y < ny; y++)
      if (p->pyx[g + p->nx * y] > p->pyx[g + p->nx * best])
        best = y;
    e1[x + nx * best] = 1.0;
  }
  return IB_OK;
}

/* Raw points: the trivial encoder (beta 1) and T = Y (every beta > 1: reported Inf). */
ib_status ib_exact_curve(const ib_problem *p, ib_curve_result *r, int keep)
{
  ib_status st = ib_result_alloc_raw(r, 2, keep);
  if (st != IB_OK)
    return st;
  r->raw_beta[0] = 1.0;
  r->raw_IXT[0] = r->raw_ITY[0] = r->raw_HT[0] = r->raw_lagrangian[0] = 0.0;
  r->raw_cardinality[0] = 1;
  r->raw_beta[1] = INFINITY;
  r->raw_IXT[1] = r->raw_ITY[1] = r->raw_HT[1] = r->I_XY;
  r->raw_lagrangian[1] = 0.0;   /* I(X;T) - beta I(T;Y) at beta = 1 */
  r->raw_cardinality[1] = p->ny;
  for (int i = 0; i < 2; i++) {
    r->raw_converged[i] = 1;
    r->raw_iterations[i] = 0;
  }
  if (keep && (st = exact_encoders(p, r)) != IB_OK)
    return st;
  return ib_result_envelope(r, 1);
}
