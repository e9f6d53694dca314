/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* __ib_curve__.c - gateway of ib_curve:
 *
 *   curve = __ib_curve__ (pxy, opts)
 *
 * pxy: |X| x |Y| joint probabilities; opts: a struct with any of the fields method ("ib",
 * "dib"), beta (explicit grid, [] for none), beta_min, beta_max, n_beta, refine (-1 auto,
 * 0, 1), curve_tol, max_points, beta_cap, max_iter, tol, restarts (-1 auto), seed,
 * max_cardinality (0: |X|), encoders (logical), deterministic_tol. ib_curve.m validates
 * everything first; the checks here are a safety net. The result is a struct with the
 * curve (IXT, ITY, beta, converged: columns), the raw points (raw_*), encoders (a cell,
 * when asked) and the entropies (bits). */
#include <math.h>
#include <string.h>
#include "mexutil.h"

static const char *FN = "ib_curve";

static int opt_scalar(const mxArray *s, const char *name, double *v)
{
  const mxArray *f = ibmex_field(s, name);
  if (!f || mxIsEmpty(f))
    return 0;
  if ((!mxIsDouble(f) && !mxIsLogical(f)) || mxIsComplex(f) || mxGetNumberOfElements(f) != 1)
    ibmex_error(FN, "invalid_option", "option %s must be a real scalar", name);
  *v = mxGetScalar(f);
  if (isnan(*v))
    ibmex_error(FN, "invalid_option", "option %s must not be NaN", name);
  return 1;
}

/* A count option: a non-negative integer (Inf allowed when inf_ok, read as SIZE_MAX). */
static int opt_count(const mxArray *s, const char *name, size_t min, int inf_ok, size_t *out)
{
  double v;
  if (!opt_scalar(s, name, &v))
    return 0;
  if (inf_ok && isinf(v) && v > 0) {
    *out = SIZE_MAX;
    return 1;
  }
  if (!isfinite(v) || v != floor(v) || v < (double) min || v > 9007199254740992.0)
    ibmex_error(FN, "invalid_option", "option %s must be an integer >= %zu", name, min);
  *out = (size_t) v;
  return 1;
}

/* Upper limits of the counts: beyond them a call would run for hours or exhaust the
 * memory (every beta keeps a point; ib_curve.m documents the same limits). */
#define MAX_BETAS 100000
#define MAX_ITER 1000000
#define MAX_RESTARTS 1000

static void check_limit(const char *name, size_t value, size_t limit)
{
  if (value > limit)
    ibmex_error(FN, "invalid_option", "option %s must be at most %zu", name, limit);
}

static void read_options(const mxArray *s, ib_curve_options *opt, double **betas)
{
  const mxArray *f;
  double v;
  size_t c;
  ib_curve_options_default(opt);
  *betas = NULL;
  if (!mxIsStruct(s))
    ibmex_error(FN, "invalid_option", "options must be a struct");
  f = ibmex_field(s, "method");
  if (f) {
    char *name = ibmex_string(f, FN, "method");
    if (ib_curve_method_from_name(name, &opt->method) != 0)
      ibmex_error(FN, "invalid_option", "unknown method '%s' (known: ib, dib)", name);
    mxFree(name);
  }
  f = ibmex_field(s, "beta");
  if (f && !mxIsEmpty(f)) {
    size_t r, k;
    const double *b = ibmex_matrix(f, FN, "beta", &r, &k);
    check_limit("beta (number of values)", r * k, MAX_BETAS);
    *betas = mxMalloc(r * k * sizeof **betas);
    memcpy(*betas, b, r * k * sizeof **betas);
    opt->betas = *betas;
    opt->n_betas = r * k;
  }
  if (opt_scalar(s, "beta_min", &v)) opt->beta_min = v;
  if (opt_scalar(s, "beta_max", &v)) opt->beta_max = v;
  if (opt_count(s, "n_beta", 1, 0, &c)) opt->n_beta = c;
  if (opt_scalar(s, "refine", &v)) opt->refine = v < 0 ? -1 : v != 0;
  if (opt_scalar(s, "curve_tol", &v)) opt->curve_tol = v;
  if (opt_count(s, "max_points", 1, 0, &c)) opt->max_points = c;
  if (opt_scalar(s, "beta_cap", &v)) opt->beta_cap = v;
  if (opt_count(s, "max_iter", 1, 0, &c)) opt->max_iter = c;
  if (opt_scalar(s, "tol", &v)) opt->tol = v;
  if (opt_scalar(s, "restarts", &v)) {
    if (v < 0)
      opt->restarts = SIZE_MAX;
    else if (opt_count(s, "restarts", 0, 0, &c))
      opt->restarts = c;
  }
  if (opt_count(s, "seed", 0, 0, &c)) opt->seed = (uint64_t) c;
  if (opt_count(s, "max_cardinality", 0, 0, &c)) opt->max_cardinality = c;
  if (opt_scalar(s, "encoders", &v)) opt->keep_encoders = v != 0;
  if (opt_scalar(s, "deterministic_tol", &v)) opt->deterministic_tol = v;
  check_limit("n_beta", opt->n_beta, MAX_BETAS);
  check_limit("max_points", opt->max_points, MAX_BETAS);
  check_limit("max_iter", opt->max_iter, MAX_ITER);
  if (opt->restarts != SIZE_MAX)
    check_limit("restarts", opt->restarts, MAX_RESTARTS);
}

static mxArray *column(const double *v, size_t n)
{
  return ibmex_new_matrix(n, 1, v);
}

static mxArray *column_int(const int *v, size_t n)
{
  mxArray *a = mxCreateLogicalMatrix(n, 1);
  mxLogical *p = mxGetLogicals(a);
  for (size_t i = 0; i < n; i++)
    p[i] = v[i] != 0;
  return a;
}

static mxArray *column_size(const size_t *v, size_t n)
{
  mxArray *a = mxCreateDoubleMatrix(n, 1, mxREAL);
  double *p = mxGetPr(a);
  for (size_t i = 0; i < n; i++)
    p[i] = (double) v[i];
  return a;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  static const char *fields[] = {
    "IXT", "ITY", "beta", "converged",
    "raw_IXT", "raw_ITY", "raw_beta", "raw_HT", "raw_lagrangian", "raw_converged",
    "raw_iterations", "raw_cardinality", "encoders",
    "deterministic", "all_converged", "H_X", "H_Y", "I_XY", "H_X_merged", "n_x_merged"};
  size_t nx, ny, i;
  const double *pxy;
  double *betas;
  ib_curve_options opt;
  ib_curve_result *r = NULL;
  ib_status st;
  mxArray *out, *cell;

  if (nrhs != 2 || nlhs > 1)
    ibmex_error(FN, "invalid_call", "usage: curve = __ib_curve__ (pxy, opts)");
  pxy = ibmex_matrix(prhs[0], FN, "pxy", &nx, &ny);
  if (nx == 0 || ny == 0)
    ibmex_error(FN, "empty", "pxy must not be empty");
  read_options(prhs[1], &opt, &betas);
  opt.stop = ibmex_interrupt_pending; /* Ctrl-C stops the sweep between two betas */

  st = ib_curve_compute(pxy, nx, ny, &opt, &r);
  if (betas)
    mxFree(betas);
  if (st != IB_OK)
    ibmex_status_error(FN, st, "ib_curve_compute");  /* r is NULL: nothing to free */
  /* r is the core's malloc, which Octave does not free: from here to its free nothing
   * raises an error but an out-of-memory while the result is built */

  out = mxCreateStructMatrix(1, 1, sizeof fields / sizeof fields[0], fields);
  mxSetField(out, 0, "IXT", column(r->IXT, r->n_curve));
  mxSetField(out, 0, "ITY", column(r->ITY, r->n_curve));
  mxSetField(out, 0, "beta", column(r->beta, r->n_curve));
  mxSetField(out, 0, "converged", column_int(r->converged, r->n_curve));
  mxSetField(out, 0, "raw_IXT", column(r->raw_IXT, r->n_raw));
  mxSetField(out, 0, "raw_ITY", column(r->raw_ITY, r->n_raw));
  mxSetField(out, 0, "raw_beta", column(r->raw_beta, r->n_raw));
  mxSetField(out, 0, "raw_HT", column(r->raw_HT, r->n_raw));
  mxSetField(out, 0, "raw_lagrangian", column(r->raw_lagrangian, r->n_raw));
  mxSetField(out, 0, "raw_converged", column_int(r->raw_converged, r->n_raw));
  mxSetField(out, 0, "raw_iterations", column_size(r->raw_iterations, r->n_raw));
  mxSetField(out, 0, "raw_cardinality", column_size(r->raw_cardinality, r->n_raw));
  if (r->raw_encoders) {
    cell = mxCreateCellMatrix(r->n_raw, 1);
    for (i = 0; i < r->n_raw; i++)
      mxSetCell(cell, i, ibmex_new_matrix(nx, r->raw_cardinality[i], r->raw_encoders[i]));
  } else {
    cell = mxCreateCellMatrix(0, 1);
  }
  mxSetField(out, 0, "encoders", cell);
  mxSetField(out, 0, "deterministic", mxCreateLogicalScalar(r->deterministic != 0));
  mxSetField(out, 0, "all_converged", mxCreateLogicalScalar(r->all_converged != 0));
  mxSetField(out, 0, "H_X", mxCreateDoubleScalar(r->H_X));
  mxSetField(out, 0, "H_Y", mxCreateDoubleScalar(r->H_Y));
  mxSetField(out, 0, "I_XY", mxCreateDoubleScalar(r->I_XY));
  mxSetField(out, 0, "H_X_merged", mxCreateDoubleScalar(r->H_X_merged));
  mxSetField(out, 0, "n_x_merged", mxCreateDoubleScalar((double) r->n_x_merged));
  ib_curve_result_delete(r);
  plhs[0] = out;
}
