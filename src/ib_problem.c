/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_problem.c - the reduced problem of the IB curve (see ib_curve_internal.h). Values of x
 * with p(x) = 0 and values of y with p(y) = 0 are dropped, and values of x with the same
 * p(y|x) are merged into one: the optimal encoder depends on x only through p(y|x), and the
 * merge changes neither I(X;T) nor I(T;Y) of such encoders, so the curve is unchanged. */
#include <limits.h>
#include <string.h>
#include "ib_curve_internal.h"

#define ROW_MERGE_TOL 1e-12     /* values of x whose p(y|x) differ by less are merged */

typedef struct {
  const double *row;
  size_t ny, idx;
} row_ref;

static int row_cmp(const void *va, const void *vb)
{
  const row_ref *a = va, *b = vb;
  for (size_t y = 0; y < a->ny; y++) {
    if (a->row[y] < b->row[y]) return -1;
    if (a->row[y] > b->row[y]) return 1;
  }
  return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* The input's marginals and its rows p(y|x), sorted so that equal rows are neighbours. */
typedef struct {
  const double *pxy;
  size_t nx, ny;
  double total;
  double *px, *py;      /* marginals of the input */
  size_t *ymap;         /* kept index of each y, SIZE_MAX for p(y) = 0 */
  size_t *xkeep;        /* the x with p(x) > 0, nxk of them */
  size_t nxk, nyk;
  double *rows;         /* nxk x nyk, row-major: p(y|x) of the kept x and y */
  row_ref *refs;        /* the rows, sorted */
} reduction;

static void reduction_free(reduction *rd)
{
  free(rd->px);
  free(rd->py);
  free(rd->ymap);
  free(rd->xkeep);
  free(rd->rows);
  free(rd->refs);
}

/* The marginals, the kept values of x and y, and H(X). */
static ib_status reduction_marginals(reduction *rd, double *hx)
{
  size_t x, y, nx = rd->nx, ny = rd->ny;
  rd->px = alloc_array(nx, sizeof *rd->px);
  rd->py = alloc_array(ny, sizeof *rd->py);
  rd->ymap = alloc_array(ny, sizeof *rd->ymap);
  rd->xkeep = alloc_array(nx, sizeof *rd->xkeep);
  if (!rd->px || !rd->py || !rd->ymap || !rd->xkeep)
    return IB_ERR_NOMEM;
  for (x = 0; x < nx; x++)
    rd->px[x] = 0.0;
  for (y = 0; y < ny; y++) {
    rd->py[y] = 0.0;
    for (x = 0; x < nx; x++) {
      double v = rd->pxy[x + nx * y] / rd->total;
      rd->px[x] += v;
      rd->py[y] += v;
    }
  }
  for (y = 0; y < ny; y++)
    rd->ymap[y] = rd->py[y] > 0 ? rd->nyk++ : SIZE_MAX;
  *hx = 0.0;
  for (x = 0; x < nx; x++) {
    if (rd->px[x] > 0) {
      rd->xkeep[rd->nxk++] = x;
      *hx -= xlogx(rd->px[x]);
    }
  }
  return IB_OK;
}

/* The rows p(y|x) of the kept x, sorted; *deterministic: every row one-hot within tol. */
static ib_status reduction_sort_rows(reduction *rd, double tol, int *deterministic)
{
  size_t i, x, y, nx = rd->nx, nyk = rd->nyk;
  if (mul_overflows(rd->nxk, nyk))
    return IB_ERR_TOO_LARGE;
  rd->rows = alloc_array(rd->nxk * nyk, sizeof *rd->rows);
  rd->refs = alloc_array(rd->nxk, sizeof *rd->refs);
  if (!rd->rows || !rd->refs)
    return IB_ERR_NOMEM;
  *deterministic = 1;
  for (i = 0; i < rd->nxk; i++) {
    double mx = 0.0;
    x = rd->xkeep[i];
    for (y = 0; y < rd->ny; y++)
      if (rd->ymap[y] != SIZE_MAX) {
        double v = rd->pxy[x + nx * y] / rd->total / rd->px[x];
        rd->rows[i * nyk + rd->ymap[y]] = v;
        if (v > mx)
          mx = v;
      }
    if (mx < 1.0 - tol)
      *deterministic = 0;
    rd->refs[i].row = rd->rows + i * nyk;
    rd->refs[i].ny = nyk;
    rd->refs[i].idx = i;
  }
  qsort(rd->refs, rd->nxk, sizeof *rd->refs, row_cmp);
  return IB_OK;
}

static int rows_equal(const row_ref *a, const row_ref *b)
{
  for (size_t y = 0; y < a->ny; y++)
    if (fabs(a->row[y] - b->row[y]) > ROW_MERGE_TOL)
      return 0;
  return 1;
}

/* xmap from the groups of consecutive equal sorted rows; returns the number of groups. */
static size_t reduction_group(const reduction *rd, size_t *xmap)
{
  size_t x, i, g = 0;
  for (x = 0; x < rd->nx; x++)
    xmap[x] = SIZE_MAX;
  for (i = 0; i < rd->nxk; i++) {
    if (i > 0 && !rows_equal(&rd->refs[i], &rd->refs[i - 1]))
      g++;
    xmap[rd->xkeep[rd->refs[i].idx]] = g;
  }
  return rd->nxk ? g + 1 : 0;
}

/* p(x) and p(x, y) of the merged values. */
static ib_status problem_fill(ib_problem *p, const reduction *rd)
{
  size_t x, y, g, nx = rd->nx;
  p->px = alloc_array(p->nx, sizeof *p->px);
  p->pyx = alloc_array(p->nx * p->ny, sizeof *p->pyx);
  p->pxy = alloc_array(p->nx * p->ny, sizeof *p->pxy);
  if (!p->px || !p->pyx || !p->pxy)
    return IB_ERR_NOMEM;
  for (g = 0; g < p->nx; g++)
    p->px[g] = 0.0;
  for (g = 0; g < p->nx * p->ny; g++)
    p->pxy[g] = 0.0;
  for (x = 0; x < nx; x++) {
    if (p->xmap[x] == SIZE_MAX)
      continue;
    g = p->xmap[x];
    p->px[g] += rd->px[x];
    for (y = 0; y < rd->ny; y++)
      if (rd->ymap[y] != SIZE_MAX)
        p->pxy[g + p->nx * rd->ymap[y]] += rd->pxy[x + nx * y] / rd->total;
  }
  return IB_OK;
}

/* p(y|x) of the merged values, H(X'), H(Y) and I(X;Y). */
static void problem_entropies(ib_problem *p, const reduction *rd)
{
  size_t g, y;
  double hcond = 0.0;
  p->hx_merged = 0.0;
  p->hy = 0.0;
  for (g = 0; g < p->nx; g++) {
    p->hx_merged -= xlogx(p->px[g]);
    for (y = 0; y < p->ny; y++) {
      double v = p->pxy[g + p->nx * y] / p->px[g];
      p->pyx[g + p->nx * y] = v;
      hcond -= p->px[g] * xlogx(v);
    }
  }
  for (y = 0; y < rd->ny; y++)
    if (rd->ymap[y] != SIZE_MAX)
      p->hy -= xlogx(rd->py[y]);
  p->ixy = p->hy - hcond;
  if (p->ixy < 0)
    p->ixy = 0.0;
}

ib_status ib_problem_build(const double *pxy, size_t nx, size_t ny, double total,
                           double deterministic_tol, ib_problem *p)
{
  reduction rd = {.pxy = pxy, .nx = nx, .ny = ny, .total = total};
  ib_status st;
  p->nx_input = nx;
  p->ny_input = ny;
  p->xmap = alloc_array(nx, sizeof *p->xmap);
  st = p->xmap ? reduction_marginals(&rd, &p->hx) : IB_ERR_NOMEM;
  if (st == IB_OK)
    st = reduction_sort_rows(&rd, deterministic_tol, &p->deterministic);
  if (st == IB_OK) {
    p->nx = reduction_group(&rd, p->xmap);
    p->ny = rd.nyk;
    st = problem_fill(p, &rd);
  }
  if (st == IB_OK)
    problem_entropies(p, &rd);
  reduction_free(&rd);
  return st;
}

ib_status ib_problem_prepare(ib_problem *p, const ib_curve_options *opt)
{
  /* BLAS takes int sizes */
  if (p->nx > INT_MAX || p->ny > INT_MAX)
    return IB_ERR_TOO_LARGE;
  p->kmax = opt->max_cardinality == 0 ? p->nx_input : opt->max_cardinality;
  if (p->kmax > p->nx)
    p->kmax = p->nx;
  p->method = opt->method;
  p->max_iter = opt->max_iter;
  p->tol = opt->tol * LN2;
  ib_rng_seed(&p->rng, opt->seed);
  p->logr = alloc_array(p->kmax * p->ny, sizeof *p->logr);
  p->logq = alloc_array(p->kmax, sizeof *p->logq);
  p->map = alloc_array(p->kmax, sizeof *p->map);
  if (mul_overflows(p->kmax, p->ny) || !p->logr || !p->logq || !p->map)
    return IB_ERR_NOMEM;
  return IB_OK;
}

void ib_problem_clear(ib_problem *p)
{
  free(p->px);
  free(p->pyx);
  free(p->pxy);
  free(p->xmap);
  free(p->cross);
  free(p->logr);
  free(p->logq);
  free(p->map);
}
