/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_curve.c - the IB curve of a discrete joint distribution (see ib_curve.h): the public
 * entry and the driver of the beta sweep; the phases live in the modules listed in
 * ib_curve_internal.h.
 *
 * The problem is first reduced (ib_problem.c). If every p(y|x) is one-hot the curve is the
 * exact piecewise-linear one of Kolchinsky, Tracey & Van Kuyk (2019) and nothing is
 * iterated (ib_exact_curve.c). Otherwise each beta of a grid is solved from several starts
 * (ib_solve.c) by the self-consistent updates of Tishby, Pereira & Bialek (1999,
 * ib_iterative.c) or the hard assignments of Strouse & Schwab (2017, ib_deterministic.c),
 * annealing forwards and backwards, and betas are inserted where the curve is not yet
 * resolved (ib_anneal.c). The result is the upper concave envelope of the points found
 * (ib_curve_result.c). */
#include <string.h>
#include "ib_curve_internal.h"

/* ---------------------------------------------------------------- names and defaults */

int ib_curve_method_from_name(const char *name, ib_curve_method *method)
{
  if (!name || !method)
    return -1;
  if (strcmp(name, "ib") == 0) { *method = IB_CURVE_IB; return 0; }
  if (strcmp(name, "dib") == 0) { *method = IB_CURVE_DIB; return 0; }
  return -1;
}

const char *ib_curve_method_name(ib_curve_method method)
{
  return method == IB_CURVE_DIB ? "dib" : "ib";
}

void ib_curve_options_default(ib_curve_options *opt)
{
  memset(opt, 0, sizeof *opt);
  opt->method = IB_CURVE_IB;
  opt->betas = NULL;
  opt->n_betas = 0;
  opt->beta_min = 1.0;
  opt->beta_max = 1000.0;
  opt->n_beta = 40;
  opt->refine = -1;
  opt->curve_tol = 1e-4;
  opt->max_points = 400;
  opt->beta_cap = 1e7;
  opt->max_iter = 2000;
  opt->tol = 1e-10;
  opt->restarts = SIZE_MAX;
  opt->seed = 1;
  opt->max_cardinality = 0;
  opt->keep_encoders = 0;
  opt->deterministic_tol = 1e-9;
}

/* ---------------------------------------------------------------- checks */

/* The rules below report the first one broken: its status and, through *why (which may be
 * NULL), a sentence that names it (as ib_train_check). */
#define BROKEN(status, text) return (why ? (void) (*why = (text)) : (void) 0), (status)
#define STR(x) #x
#define XSTR(x) STR(x)

ib_status ib_curve_check(const ib_curve_options *opt, const char **why)
{
  if (why)
    *why = NULL;
  if (!opt)
    BROKEN(IB_ERR_ARG, "the options are required");
  if (opt->method != IB_CURVE_IB && opt->method != IB_CURVE_DIB)
    BROKEN(IB_ERR_ARG, "the method is unknown (known: ib, dib)");
  if (opt->n_betas > 0) {
    if (!opt->betas)
      BROKEN(IB_ERR_ARG, "the betas of the grid are missing");
    if (opt->n_betas > IB_CURVE_MAX_BETAS)
      BROKEN(IB_ERR_ARG, "\"beta\" must have at most " XSTR(IB_CURVE_MAX_BETAS) " values");
    for (size_t i = 0; i < opt->n_betas; i++) {
      if (!isfinite(opt->betas[i]))
        BROKEN(IB_ERR_NONFINITE, "\"beta\" must not contain NaN or Inf");
      if (opt->betas[i] < 0)
        BROKEN(IB_ERR_ARG, "\"beta\" must be a vector of betas >= 0");
    }
  } else {
    if (!isfinite(opt->beta_min) || !isfinite(opt->beta_max))
      BROKEN(IB_ERR_NONFINITE, "\"beta_range\" must be finite");
    if (!(opt->beta_min > 0) || opt->beta_max < opt->beta_min)
      BROKEN(IB_ERR_ARG, "\"beta_range\" must be [min max] with 0 < min <= max");
  }
  if (opt->n_beta < 1 || opt->n_beta > IB_CURVE_MAX_BETAS)
    BROKEN(IB_ERR_ARG, "\"n_beta\" must be an integer in [1, " XSTR(IB_CURVE_MAX_BETAS) "]");
  if (opt->refine < -1 || opt->refine > 1)
    BROKEN(IB_ERR_ARG, "\"refine\" must be true, false or automatic");
  if (!(isfinite(opt->curve_tol) && opt->curve_tol > 0))
    BROKEN(IB_ERR_ARG, "\"curve_tol\" must be a finite number > 0");
  if (opt->max_points < 1 || opt->max_points > IB_CURVE_MAX_BETAS)
    BROKEN(IB_ERR_ARG, "\"max_points\" must be an integer in [1, " XSTR(IB_CURVE_MAX_BETAS)
                       "]");
  if (!(isfinite(opt->beta_cap) && opt->beta_cap >= 1))
    BROKEN(IB_ERR_ARG, "\"beta_cap\" must be a finite number >= 1");
  if (opt->max_iter < 1 || opt->max_iter > IB_CURVE_MAX_ITER)
    BROKEN(IB_ERR_ARG, "\"max_iter\" must be an integer in [1, " XSTR(IB_CURVE_MAX_ITER) "]");
  if (!(isfinite(opt->tol) && opt->tol >= 0))
    BROKEN(IB_ERR_ARG, "\"tol\" must be a finite number >= 0");
  if (opt->restarts != SIZE_MAX && opt->restarts > IB_CURVE_MAX_RESTARTS)
    BROKEN(IB_ERR_ARG, "\"restarts\" must be an integer in [0, " XSTR(IB_CURVE_MAX_RESTARTS)
                       "]");
  if (!(opt->deterministic_tol >= 0 && opt->deterministic_tol < 1))
    BROKEN(IB_ERR_ARG, "\"deterministic_tol\" must be in [0, 1)");
  return IB_OK;
}

/* The sum of the n values of v, which must be finite and non-negative. */
static ib_status sum_nonnegative(const double *v, size_t n, double *sum)
{
  double total = 0.0;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(v[i]))
      return IB_ERR_NONFINITE;
    if (v[i] < 0)
      return IB_ERR_ARG;
    total += v[i];
  }
  *sum = total;
  return IB_OK;
}

/* pxy must be a distribution within 1e-9; *total is its sum. */
static ib_status check_joint(const double *pxy, size_t nx, size_t ny, double *total)
{
  ib_status st;
  if (mul_overflows(nx, ny))
    return IB_ERR_TOO_LARGE;
  if ((st = sum_nonnegative(pxy, nx * ny, total)) != IB_OK)
    return st;
  if (!(fabs(*total - 1.0) <= 1e-9))
    return IB_ERR_ARG;
  return IB_OK;
}

/* ---------------------------------------------------------------- the sweep */

static int cmp_double(const void *va, const void *vb)
{
  double a = *(const double *) va, b = *(const double *) vb;
  return a < b ? -1 : a > b;
}

/* The betas to anneal over, ascending: the explicit grid, else n_beta log-spaced on
 * [beta_min, beta_max]; with refinement, 1 in front of a grid that starts above 1. */
static ib_status make_grid(const ib_curve_options *opt, int refine, double **grid, size_t *n)
{
  size_t i, n_grid = opt->n_betas > 0 ? opt->n_betas : opt->n_beta;
  double *g = alloc_array(n_grid + 1, sizeof *g);
  if (!g)
    return IB_ERR_NOMEM;
  if (opt->n_betas > 0) {
    memcpy(g, opt->betas, n_grid * sizeof *g);
    qsort(g, n_grid, sizeof *g, cmp_double);
  } else {
    double l0 = log(opt->beta_min), l1 = log(opt->beta_max);
    for (i = 0; i < n_grid; i++)
      g[i] = n_grid == 1 ? opt->beta_min
                         : exp(l0 + (l1 - l0) * (double) i / (double) (n_grid - 1));
  }
  if (refine && g[0] > 1.0) {
    /* (0, 0) is optimal at beta = 1: the refinement starts there */
    memmove(g + 1, g, n_grid * sizeof *g);
    g[0] = 1.0;
    n_grid++;
  }
  *grid = g;
  *n = n_grid;
  return IB_OK;
}

/* Forwards over the grid, back from the largest beta, then (refine) betas inserted where
 * the curve is not resolved and one more pass each way to carry what they found. */
static ib_status sweep(ib_solver *sv, ib_point_list *l, const ib_curve_options *opt)
{
  int refine = opt->refine < 0 ? opt->n_betas == 0 : opt->refine != 0;
  int keep = opt->keep_encoders != 0;
  double *grid = NULL;
  size_t n_grid;
  ib_status st = make_grid(opt, refine, &grid, &n_grid);
  if (st == IB_OK)
    st = ib_anneal_forward(sv, l, grid, n_grid, keep);
  free(grid);
  if (st == IB_OK)
    st = ib_anneal_backward(sv, l, keep);
  if (st == IB_OK)
    st = ib_anneal_polish(sv, l, 1, keep);
  if (st != IB_OK || !refine)
    return st;
  if ((st = ib_refine(sv, l, opt)) != IB_OK || (st = ib_anneal_polish(sv, l, 1, keep)) != IB_OK)
    return st;
  return ib_anneal_polish(sv, l, 0, keep);
}

/* The iterated curve of the reduced problem p into r; sv and l are the caller's to free. */
static ib_status iterated_curve(ib_problem *p, ib_solver *sv, ib_point_list *l,
                                const ib_curve_options *opt, ib_curve_result *r)
{
  int keep = opt->keep_encoders != 0;
  ib_status st = ib_problem_prepare(p, opt);
  if (st != IB_OK)
    return st;
  ib_solver_init(sv, p, opt->restarts);
  sv->stop = opt->stop;
  sv->stop_arg = opt->stop_arg;
  if ((st = sweep(sv, l, opt)) != IB_OK || (st = ib_result_from_points(r, p, l, keep)) != IB_OK)
    return st;
  return ib_result_envelope(r, p->kmax >= p->nx);
}

ib_status ib_curve_compute(const double *pxy, size_t nx, size_t ny, const ib_curve_options *opt,
                           ib_curve_result **result)
{
  ib_curve_options defaults;
  ib_problem p;
  ib_solver sv;
  ib_point_list pl = {NULL, 0, 0};
  ib_curve_result *r;
  double total;
  ib_status st;

  if (!result)
    return IB_ERR_ARG;
  *result = NULL;
  if (!opt) {
    ib_curve_options_default(&defaults);
    opt = &defaults;
  }
  if (!pxy || nx == 0 || ny == 0)
    return IB_ERR_ARG;
  if ((st = ib_curve_check(opt, NULL)) != IB_OK || (st = check_joint(pxy, nx, ny, &total)) != IB_OK)
    return st;

  memset(&p, 0, sizeof p);
  memset(&sv, 0, sizeof sv);
  r = calloc(1, sizeof *r);
  st = r ? ib_problem_build(pxy, nx, ny, total, opt->deterministic_tol, &p) : IB_ERR_NOMEM;
  if (st == IB_OK) {
    ib_result_describe(r, &p);
    st = p.deterministic ? ib_exact_curve(&p, r, opt->keep_encoders != 0)
                         : iterated_curve(&p, &sv, &pl, opt, r);
  }
  ib_point_list_clear(&pl);
  ib_solver_clear(&sv);
  ib_problem_clear(&p);
  if (st != IB_OK) {
    ib_curve_result_delete(r);
    return st;
  }
  *result = r;
  return IB_OK;
}

/* ---------------------------------------------------------------- encoders */

/* p(x), p(y), p(t) and p(t, y) (nt x ny) of the encoder enc on pxy / total; all zeroed. */
static void encoder_marginals(const double *pxy, size_t nx, size_t ny, double total,
                              const double *enc, size_t nt, double *px, double *py,
                              double *pt, double *pty)
{
  size_t x, y, t;
  for (x = 0; x < nx; x++)
    for (y = 0; y < ny; y++) {
      double v = pxy[x + nx * y] / total;
      px[x] += v;
      py[y] += v;
      for (t = 0; t < nt; t++)
        pty[t + nt * y] += v * enc[x + nx * t];
    }
  for (x = 0; x < nx; x++)
    for (t = 0; t < nt; t++)
      pt[t] += px[x] * enc[x + nx * t];
}

ib_status ib_curve_encoder_info(const double *pxy, size_t nx, size_t ny, const double *enc,
                                size_t nt, double *I_XT, double *I_TY)
{
  double total, enc_total, ixt = 0.0, ity = 0.0;
  double *pt = NULL, *pty = NULL, *py = NULL, *px = NULL;
  size_t x, y, t;
  ib_status st;
  if (!pxy || !enc || !I_XT || !I_TY || nx == 0 || ny == 0 || nt == 0)
    return IB_ERR_ARG;
  if (mul_overflows(nx, ny) || mul_overflows(nx, nt) || mul_overflows(nt, ny))
    return IB_ERR_TOO_LARGE;
  if ((st = sum_nonnegative(pxy, nx * ny, &total)) != IB_OK
      || (st = sum_nonnegative(enc, nx * nt, &enc_total)) != IB_OK)
    return st;
  if (!(total > 0))
    return IB_ERR_ARG;
  pt = calloc(nt, sizeof *pt);
  pty = calloc(nt * ny, sizeof *pty);
  py = calloc(ny, sizeof *py);
  px = calloc(nx, sizeof *px);
  st = pt && pty && py && px ? IB_OK : IB_ERR_NOMEM;
  if (st == IB_OK) {
    encoder_marginals(pxy, nx, ny, total, enc, nt, px, py, pt, pty);
    for (x = 0; x < nx; x++)
      for (t = 0; t < nt; t++) {
        double e = enc[x + nx * t];
        if (px[x] > 0 && e > 0)
          ixt += px[x] * e * log(e / pt[t]);
      }
    for (t = 0; t < nt; t++)
      for (y = 0; y < ny; y++) {
        double v = pty[t + nt * y];
        if (v > 0)
          ity += v * log(v / (pt[t] * py[y]));
      }
    *I_XT = ixt > 0 ? ixt / LN2 : 0.0;
    *I_TY = ity > 0 ? ity / LN2 : 0.0;
  }
  free(pt);
  free(pty);
  free(py);
  free(px);
  return st;
}
