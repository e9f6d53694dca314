/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* __ib_mi__.c - gateway of ib_mi, ib_entropy and ib_layer_mi (one MEX file, three operations):
 *
 *   I = __ib_mi__ ("mi", A, B, a_discrete, b_discrete, opts)
 *   H = __ib_mi__ ("entropy", A, a_discrete, opts)
 *   [IXT, ITY, info] = __ib_mi__ ("layer", T, X, y, opts)   % y: labels 0..C-1 as doubles
 *   opts = __ib_mi__ ("defaults", estimator)
 *   __ib_mi__ ("check", fn, opts)        % the rules of ib_mi_check, raised as ib:<fn>:...
 *   __ib_mi__ ("check", fn, name, value, ...)  % the same from name/value pairs
 *
 * The .m functions check types and defaults (mi_parse_options), then the rules on the
 * options through "check": each rule is written once, in the core's ib_mi_check, whose
 * sentence is raised as ib:<fn>:invalid_option. Errors use the id of the calling function
 * (ib:ib_mi:..., ib:ib_entropy:..., ib:ib_layer_mi:..., ib:ib_train:...). */
#include <math.h>
#include <string.h>
#include "mexutil.h"

static void read_options(const mxArray *opts, const char *fn, ib_mi_options *opt)
{
  if (!mxIsStruct(opts))
    ibmex_error(fn, "invalid_option", "options must be a struct");
  ibmex_mi_options(opts, 0, fn, opt);
  ibmex_mi_check(opt, fn);
  opt->stop = ibmex_interrupt_pending; /* Ctrl-C stops the long estimators ("kde") */
}

/* The error of a failed estimate; the size guard's says what was expected and what to do. */
static _Noreturn void estimate_error(const char *fn, ib_status st, const ib_mi_options *opt,
                                     size_t n, size_t d)
{
  double t = ib_mi_expected_seconds(opt, n, d);
  const char *why;
  /* the rules of the options with the data size (ib_mi_check): "unsupported" and
   * "too_large", with the sentence */
  if (st == IB_ERR_ARG && ib_mi_check(opt, n, d, &why) == IB_ERR_ARG)
    ibmex_error(fn, "unsupported", "%s (k = %zu, %zu rows)", why, opt->k, n);
  if (st == IB_ERR_TOO_LARGE && !(t > opt->max_seconds)
      && ib_mi_check(opt, n, d, &why) == IB_ERR_TOO_LARGE)
    ibmex_error(fn, "too_large", "%s (not %zu)", why, n);
  if (st == IB_ERR_TOO_LARGE && t > opt->max_seconds)
    ibmex_error(fn, "too_large", "\"%s\" on %zu rows of %zu columns would take about %.3g "
                "hours (%.3g days; it grows as n^2), more than \"max_seconds\" %g: estimate "
                "on a random subsample of the rows (e.g. 1e5 of them take about %.3g s), or "
                "give \"max_seconds\", Inf to run anyway", ib_estimator_name(opt->estimator),
                n, d, t / 3600, t / 86400, opt->max_seconds,
                ib_mi_expected_seconds(opt, 100000, d));
  ibmex_status_error(fn, st, ib_estimator_name(opt->estimator));
}

static int read_flag(const mxArray *a, const char *fn, const char *what)
{
  if (!a || (!mxIsLogical(a) && !mxIsDouble(a)) || mxGetNumberOfElements(a) != 1)
    ibmex_error(fn, "invalid_type", "%s must be a logical scalar", what);
  return mxIsLogical(a) ? mxIsLogicalScalarTrue(a) : mxGetScalar(a) != 0;
}

static const double *read_data(const mxArray *a, const char *fn, const char *what,
                               size_t *rows, size_t *cols)
{
  const double *p = ibmex_matrix(a, fn, what, rows, cols);
  if (*rows == 0 || *cols == 0)
    ibmex_error(fn, "invalid_input", "%s must not be empty", what);
  for (size_t i = 0; i < *rows * *cols; i++)
    if (!isfinite(p[i]))
      ibmex_error(fn, "invalid_input", "%s must not contain NaN or Inf", what);
  return p;
}

static void op_mi(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  const char *fn = "ib_mi";
  size_t n, da, nb, db;
  const double *A, *B;
  int a_discrete, b_discrete;
  ib_mi_options opt;
  double mi;
  ib_status st;
  if (nrhs != 6 || nlhs > 1)
    ibmex_error(fn, "invalid_call", "usage: I = __ib_mi__ (\"mi\", A, B, a_discrete, "
                "b_discrete, opts)");
  A = read_data(prhs[1], fn, "A", &n, &da);
  B = read_data(prhs[2], fn, "B", &nb, &db);
  if (nb != n)
    ibmex_error(fn, "size_mismatch", "A has %zu rows but B has %zu", n, nb);
  a_discrete = read_flag(prhs[3], fn, "a_discrete");
  b_discrete = read_flag(prhs[4], fn, "b_discrete");
  read_options(prhs[5], fn, &opt);
  st = ib_mutual_info(&opt, A, n, da, a_discrete, B, db, b_discrete, &mi, NULL);
  if (st != IB_OK)
    estimate_error(fn, st, &opt, n, a_discrete ? db : da);
  plhs[0] = mxCreateDoubleScalar(mi);
}

static void op_entropy(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  const char *fn = "ib_entropy";
  size_t n, da;
  const double *A;
  int a_discrete;
  ib_mi_options opt;
  double h;
  ib_status st;
  if (nrhs != 4 || nlhs > 1)
    ibmex_error(fn, "invalid_call", "usage: H = __ib_mi__ (\"entropy\", A, a_discrete, opts)");
  A = read_data(prhs[1], fn, "A", &n, &da);
  a_discrete = read_flag(prhs[2], fn, "a_discrete");
  read_options(prhs[3], fn, &opt);
  st = ib_entropy(&opt, A, n, da, a_discrete, &h);
  if (st != IB_OK)
    estimate_error(fn, st, &opt, n, da);
  plhs[0] = mxCreateDoubleScalar(h);
}

static void op_layer(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  static const char *fields[] = {"ixt_lower", "ity_lower", "h_t", "n_states", "kernel_width"};
  const char *fn = "ib_layer_mi";
  size_t n, width, nx, dx, ny, n_x, n_y = 0;
  const double *T, *X;
  size_t *x_id, *y;
  ib_mi_options opt;
  ib_layer_context ctx = {0};
  ib_layer_result r;
  ib_status st;
  if (nrhs != 5 || nlhs > 3)
    ibmex_error(fn, "invalid_call", "usage: [IXT, ITY, info] = __ib_mi__ (\"layer\", T, X, y, "
                "opts)");
  T = read_data(prhs[1], fn, "T", &n, &width);
  X = read_data(prhs[2], fn, "X", &nx, &dx);
  y = ibmex_index_vector(prhs[3], fn, "y", 0, &ny);
  if (nx != n || ny != n)
    ibmex_error(fn, "size_mismatch", "T, X and y must have the same number of rows "
                "(%zu, %zu, %zu)", n, nx, ny);
  read_options(prhs[4], fn, &opt);
  for (size_t i = 0; i < n; i++)
    if (y[i] + 1 > n_y)
      n_y = y[i] + 1;
  x_id = mxMalloc(n * sizeof *x_id);
  st = ib_row_ids_double(X, n, dx, x_id, &n_x);
  if (st != IB_OK)
    ibmex_status_error(fn, st, "X");
  ctx.n = n;
  ctx.X = X;
  ctx.dx = dx;
  ctx.x_id = x_id;
  ctx.n_x = n_x;
  ctx.y = y;
  ctx.n_y = n_y;
  st = ib_layer_mi(&opt, T, n, width, &ctx, &r);
  if (st != IB_OK)
    estimate_error(fn, st, &opt, n, width);
  plhs[0] = mxCreateDoubleScalar(r.ixt);
  if (nlhs > 1)
    plhs[1] = mxCreateDoubleScalar(r.ity);
  if (nlhs > 2) {
    plhs[2] = mxCreateStructMatrix(1, 1, 5, fields);
    mxSetField(plhs[2], 0, "ixt_lower", mxCreateDoubleScalar(r.ixt_lower));
    mxSetField(plhs[2], 0, "ity_lower", mxCreateDoubleScalar(r.ity_lower));
    mxSetField(plhs[2], 0, "h_t", mxCreateDoubleScalar(r.h_t));
    mxSetField(plhs[2], 0, "n_states", mxCreateDoubleScalar(r.n_states));
    mxSetField(plhs[2], 0, "kernel_width", mxCreateDoubleScalar(r.kernel_width));
  }
  mxFree(x_id);
  mxFree(y);
}

/* opts = __ib_mi__ ("defaults", name): the options an estimator uses when none is given
 * (the core's ib_mi_options_default), so that results can store the values used. */
static void op_defaults(int nrhs, const mxArray *prhs[], mxArray *plhs[])
{
  static const char *fields[] = {"bins", "adaptive_bins", "noise_var", "k", "alpha"};
  ib_mi_options opt;
  ib_estimator est;
  char *name;
  if (nrhs != 2)
    ibmex_error("ib_mi", "invalid_call", "usage: __ib_mi__ (\"defaults\", estimator)");
  name = ibmex_string(prhs[1], "ib_mi", "estimator");
  if (ib_estimator_from_name(name, &est) != 0)
    ibmex_error("ib_mi", "unknown_estimator", "unknown estimator '%s'", name);
  mxFree(name);
  ib_mi_options_default(&opt, est);
  plhs[0] = mxCreateStructMatrix(1, 1, 5, fields);
  mxSetField(plhs[0], 0, "bins", mxCreateDoubleScalar((double) opt.bins));
  mxSetField(plhs[0], 0, "adaptive_bins", mxCreateDoubleScalar((double) opt.adaptive_bins));
  mxSetField(plhs[0], 0, "noise_var", mxCreateDoubleScalar(opt.noise_var));
  mxSetField(plhs[0], 0, "k", mxCreateDoubleScalar((double) opt.k));
  mxSetField(plhs[0], 0, "alpha", mxCreateDoubleScalar(opt.alpha));
}

/* __ib_mi__ ("check", fn, opts) or ("check", fn, name, value, ...): the rules on the
 * options, before any estimate; fn is the function whose id the error carries. */
static void op_check(int nlhs, int nrhs, const mxArray *prhs[])
{
  ib_mi_options opt;
  char *fn;
  if (nrhs < 2 || nlhs > 0)
    ibmex_error("ib_mi", "invalid_call", "usage: __ib_mi__ (\"check\", fn, opts)");
  fn = ibmex_string(prhs[1], "ib_mi", "fn");
  if (nrhs == 3 && mxIsStruct(prhs[2])) {
    read_options(prhs[2], fn, &opt);
  } else {
    ibmex_mi_options_pairs(nrhs - 2, prhs + 2, fn, &opt);
    ibmex_mi_check(&opt, fn);
  }
  mxFree(fn);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  char *op;
  if (nrhs < 1)
    ibmex_error("ib_mi", "invalid_call", "usage: __ib_mi__ (\"mi\" | \"entropy\" | \"layer\", ...)");
  op = ibmex_string(prhs[0], "ib_mi", "operation");
  if (strcmp(op, "mi") == 0)
    op_mi(nlhs, plhs, nrhs, prhs);
  else if (strcmp(op, "entropy") == 0)
    op_entropy(nlhs, plhs, nrhs, prhs);
  else if (strcmp(op, "layer") == 0)
    op_layer(nlhs, plhs, nrhs, prhs);
  else if (strcmp(op, "check") == 0)
    op_check(nlhs, nrhs, prhs);
  else if (strcmp(op, "defaults") == 0)
    op_defaults(nrhs, prhs, plhs);
  else
    ibmex_error("ib_mi", "invalid_call", "unknown operation '%s'", op);
  mxFree(op);
}
