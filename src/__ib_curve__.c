/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* __ib_curve__.c - gateway of ib_curve:
 *
 *   curve = __ib_curve__ (pxy, opts)
 *
 * pxy: |X| x |Y| joint probabilities; opts: a struct with any of the fields method ("ib",
 * "dib"), beta (explicit grid, [] for none), beta_min, beta_max, n_beta, refine (-1 auto,
 * 0, 1), curve_tol, max_points, beta_cap, max_iter, tol, restarts (-1 auto), seed,
 * max_cardinality (0: |X|), encoders (logical), deterministic_tol. ib_curve.m checks the
 * names and types; the rules on the values are the core's ib_curve_check, whose sentence is
 * raised as ib:ib_curve:invalid_option. The result is a struct with the
 * curve (IXT, ITY, beta, converged: columns), the raw points (raw_*), encoders (a cell,
 * when asked) and the entropies (bits). */
#include <math.h>
#include <string.h>
#include "mexutil.h"

static const char *FN = "ib_curve";

enum {
  OPT_METHOD, OPT_BETA, OPT_BETA_MIN, OPT_BETA_MAX, OPT_N_BETA, OPT_REFINE, OPT_CURVE_TOL,
  OPT_MAX_POINTS, OPT_BETA_CAP, OPT_MAX_ITER, OPT_TOL, OPT_RESTARTS, OPT_SEED,
  OPT_MAX_CARDINALITY, OPT_ENCODERS, OPT_DETERMINISTIC_TOL
};

static const ibmex_option options[] = {
  {"method", OPT_METHOD}, {"beta", OPT_BETA}, {"beta_min", OPT_BETA_MIN},
  {"beta_max", OPT_BETA_MAX}, {"n_beta", OPT_N_BETA}, {"refine", OPT_REFINE},
  {"curve_tol", OPT_CURVE_TOL}, {"max_points", OPT_MAX_POINTS}, {"beta_cap", OPT_BETA_CAP},
  {"max_iter", OPT_MAX_ITER}, {"tol", OPT_TOL}, {"restarts", OPT_RESTARTS},
  {"seed", OPT_SEED}, {"max_cardinality", OPT_MAX_CARDINALITY}, {"encoders", OPT_ENCODERS},
  {"deterministic_tol", OPT_DETERMINISTIC_TOL}, {NULL, -1}};

static double opt_scalar(const mxArray *v, const char *name)
{
  if ((!mxIsDouble(v) && !mxIsLogical(v)) || mxIsComplex(v) || mxGetNumberOfElements(v) != 1)
    ibmex_error(FN, "invalid_option", "option %s must be a real scalar", name);
  if (isnan(mxGetScalar(v)))
    ibmex_error(FN, "invalid_option", "option %s must not be NaN", name);
  return mxGetScalar(v);
}

/* A count: a whole number in [0, 2^53] (so that the cast is defined); the limits are
 * ib_curve_check's. */
static size_t opt_count(const mxArray *v, const char *name)
{
  double x = opt_scalar(v, name);
  if (!(x >= 0 && x <= 9007199254740992.0 && x == floor(x)))
    ibmex_error(FN, "invalid_option", "option %s must be a whole number", name);
  return (size_t) x;
}

/* The options (the names by the shared reader, the types here), then the core's rules. */
static void read_options(const mxArray *s, ib_curve_options *opt)
{
  ibmex_options it;
  const mxArray *v;
  const char *why;
  double x;
  int o;
  ib_curve_options_default(opt);
  if (!mxIsStruct(s))
    ibmex_error(FN, "invalid_option", "options must be a struct");
  ibmex_options_of_struct(&it, s, 0, FN);
  while ((o = ibmex_next_option(&it, options, &v)) >= 0) {
    const char *name = it.name;
    switch (o) {
    case OPT_METHOD: {
      char *m = ibmex_string(v, FN, "method");
      if (ib_curve_method_from_name(m, &opt->method) != 0)
        ibmex_error(FN, "invalid_option", "unknown method '%s' (known: ib, dib)", m);
      mxFree(m);
      break;
    }
    case OPT_BETA: {
      size_t r, k;
      opt->betas = ibmex_matrix(v, FN, "beta", &r, &k);  /* alive until the call returns */
      opt->n_betas = r * k;
      break;
    }
    case OPT_BETA_MIN: opt->beta_min = opt_scalar(v, name); break;
    case OPT_BETA_MAX: opt->beta_max = opt_scalar(v, name); break;
    case OPT_N_BETA: opt->n_beta = opt_count(v, name); break;
    case OPT_REFINE:
      x = opt_scalar(v, name);
      opt->refine = x < 0 ? -1 : x != 0;
      break;
    case OPT_CURVE_TOL: opt->curve_tol = opt_scalar(v, name); break;
    case OPT_MAX_POINTS: opt->max_points = opt_count(v, name); break;
    case OPT_BETA_CAP: opt->beta_cap = opt_scalar(v, name); break;
    case OPT_MAX_ITER: opt->max_iter = opt_count(v, name); break;
    case OPT_TOL: opt->tol = opt_scalar(v, name); break;
    case OPT_RESTARTS:   /* negative: automatic */
      opt->restarts = opt_scalar(v, name) < 0 ? SIZE_MAX : opt_count(v, name);
      break;
    case OPT_SEED: opt->seed = (uint64_t) opt_count(v, name); break;
    case OPT_MAX_CARDINALITY: opt->max_cardinality = opt_count(v, name); break;
    case OPT_ENCODERS: opt->keep_encoders = opt_scalar(v, name) != 0; break;
    case OPT_DETERMINISTIC_TOL: opt->deterministic_tol = opt_scalar(v, name); break;
    }
  }
  if (ib_curve_check(opt, &why) != IB_OK)
    ibmex_error(FN, "invalid_option", "%s", why);
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
  ib_curve_options opt;
  ib_curve_result *r = NULL;
  ib_status st;
  mxArray *out, *cell;

  if (nrhs != 2 || nlhs > 1)
    ibmex_error(FN, "invalid_call", "usage: curve = __ib_curve__ (pxy, opts)");
  pxy = ibmex_matrix(prhs[0], FN, "pxy", &nx, &ny);
  if (nx == 0 || ny == 0)
    ibmex_error(FN, "empty", "pxy must not be empty");
  read_options(prhs[1], &opt);
  opt.stop = ibmex_interrupt_pending; /* Ctrl-C stops the sweep between two betas */

  st = ib_curve_compute(pxy, nx, ny, &opt, &r);
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
