/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mexutil.c - shared gateway helpers (see mexutil.h). */
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mexutil.h"

_Noreturn void ibmex_error(const char *fn, const char *reason, const char *fmt, ...)
{
  char id[128], msg[512];
  va_list ap;
  snprintf(id, sizeof id, "ib:%s:%s", fn, reason);
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mexErrMsgIdAndTxt(id, "%s: %s", fn, msg);
  abort(); /* not reached: mexErrMsgIdAndTxt leaves the gateway */
}

/* Set by Octave's SIGINT handler (liboctave's quit.h, which is C++). */
extern sig_atomic_t octave_interrupt_state;
extern volatile sig_atomic_t octave_signal_caught;

int ibmex_interrupt_pending(void *unused)
{
  (void) unused;
  return *(volatile sig_atomic_t *) &octave_interrupt_state > 0;
}

void ibmex_consume_interrupt(void)
{
  octave_interrupt_state = 0;
  octave_signal_caught = 0;
}

_Noreturn void ibmex_status_error(const char *fn, ib_status status, const char *what)
{
  if (status == IB_ERR_INTERRUPTED)
    ibmex_consume_interrupt();
  const char *reason;
  switch (status) {
  case IB_ERR_NOMEM: reason = "out_of_memory"; break;
  case IB_ERR_NONFINITE: reason = "nonfinite"; break;
  case IB_ERR_DIVERGED: reason = "diverged"; break;
  case IB_ERR_TOO_LARGE: reason = "too_large"; break;
  case IB_ERR_NUMERIC: reason = "numeric"; break;
  case IB_ERR_INTERRUPTED: reason = "interrupted"; break;
  default: reason = "invalid_argument"; break;
  }
  if (what)
    ibmex_error(fn, reason, "%s: %s", what, ib_strerror(status));
  ibmex_error(fn, reason, "%s", ib_strerror(status));
}

const double *ibmex_matrix(const mxArray *a, const char *fn, const char *what,
                           size_t *rows, size_t *cols)
{
  if (!a || !mxIsDouble(a) || mxIsComplex(a) || mxIsSparse(a)
      || mxGetNumberOfDimensions(a) != 2)
    ibmex_error(fn, "invalid_type", "%s must be a real double matrix", what);
  *rows = mxGetM(a);
  *cols = mxGetN(a);
  return mxGetPr(a);
}

double ibmex_scalar(const mxArray *a, const char *fn, const char *what)
{
  size_t r, c;
  const double *p = ibmex_matrix(a, fn, what, &r, &c);
  if (r * c != 1)
    ibmex_error(fn, "invalid_type", "%s must be a scalar", what);
  return p[0];
}

/* Into mxMalloc memory, which Octave frees when the call ends, on an error too (Octave 7
 * does not free what mxArrayToString returns: about 80 bytes per string left behind). */
char *ibmex_string(const mxArray *a, const char *fn, const char *what)
{
  char *s;
  size_t len;
  if (!a || !mxIsChar(a) || mxGetM(a) > 1)
    ibmex_error(fn, "invalid_type", "%s must be a string", what);
  len = mxGetNumberOfElements(a);
  s = mxMalloc(len + 1);
  if (!s || mxGetString(a, s, (mwSize) (len + 1)) != 0)
    ibmex_error(fn, "out_of_memory", "%s: out of memory", what);
  return s;
}

size_t *ibmex_index_vector(const mxArray *a, const char *fn, const char *what, size_t base,
                           size_t *n)
{
  size_t r, c, i;
  const double *p = ibmex_matrix(a, fn, what, &r, &c);
  size_t *out;
  if (r != 1 && c != 1 && r * c != 0)
    ibmex_error(fn, "invalid_type", "%s must be a vector", what);
  *n = r * c;
  out = mxMalloc((*n ? *n : 1) * sizeof *out);
  for (i = 0; i < *n; i++) {
    double v = p[i] - (double) base;
    if (!isfinite(v) || v < 0 || v != floor(v) || v > 9007199254740992.0)
      ibmex_error(fn, "invalid_index", "%s(%zu) = %g is not a valid index", what, i + 1, p[i]);
    out[i] = (size_t) v;
  }
  return out;
}

const mxArray *ibmex_field(const mxArray *s, const char *name)
{
  if (!s || !mxIsStruct(s) || mxGetNumberOfElements(s) < 1)
    return NULL;
  return mxGetField(s, 0, name);
}

static int field_scalar(const mxArray *s, const char *name, const char *fn, double *v)
{
  const mxArray *f = ibmex_field(s, name);
  if (!f || mxIsEmpty(f))
    return 0;
  *v = ibmex_scalar(f, fn, name);
  return 1;
}

/* A count or seed field: a whole number in [lo, 2^53], never cast from NaN or a negative. */
static int field_count(const mxArray *s, const char *name, const char *fn, double lo, double *v)
{
  if (!field_scalar(s, name, fn, v))
    return 0;
  if (!(*v >= lo && *v <= 9007199254740992.0 && *v == floor(*v)))
    ibmex_error(fn, "invalid_option", "%s must be an integer >= %g", name, lo);
  return 1;
}

/* A finite real field above lo (or at lo when lo_ok). */
static int field_real(const mxArray *s, const char *name, const char *fn, double lo, int lo_ok,
                      double *v)
{
  if (!field_scalar(s, name, fn, v))
    return 0;
  if (!isfinite(*v) || *v < lo || (!lo_ok && *v == lo))
    ibmex_error(fn, "invalid_option", "%s must be a finite number %s %g", name,
                lo_ok ? ">=" : ">", lo);
  return 1;
}

void ibmex_mi_options(const mxArray *s, const char *fn, ib_mi_options *opt)
{
  const mxArray *f;
  ib_estimator est = IB_EST_BIN;
  double v;
  if (s && !mxIsStruct(s))
    ibmex_error(fn, "invalid_type", "estimator options must be a struct");
  f = ibmex_field(s, "estimator");
  if (f) {
    char *name = ibmex_string(f, fn, "estimator");
    if (ib_estimator_from_name(name, &est) != 0)
      ibmex_error(fn, "unknown_estimator", "unknown estimator '%s'", name);
    mxFree(name);
  }
  ib_mi_options_default(opt, est);
  if (field_count(s, "bins", fn, 1, &v)) opt->bins = (size_t) v;
  if (field_real(s, "bin_width", fn, 0, 1, &v)) opt->bin_width = v;
  if (field_count(s, "adaptive_bins", fn, 1, &v)) opt->adaptive_bins = (size_t) v;
  if (field_real(s, "noise_var", fn, 0, 0, &v)) opt->noise_var = v;
  if (field_scalar(s, "max_seconds", fn, &v)) {
    if (!(v > 0))
      ibmex_error(fn, "invalid_option", "max_seconds must be a number > 0 (Inf: no limit)");
    opt->max_seconds = v;
  }
  if (field_count(s, "k", fn, 1, &v)) opt->k = (size_t) v;
  if (field_real(s, "jitter", fn, 0, 1, &v)) {
    if (v > 1e300)  /* the jittered values could overflow to Inf */
      ibmex_error(fn, "invalid_option", "jitter must be at most 1e300");
    opt->jitter = v;
  }
  if (field_count(s, "seed", fn, 0, &v)) opt->seed = (uint64_t) v;
  if (field_real(s, "alpha", fn, 0, 0, &v)) opt->alpha = v;
  if (field_scalar(s, "kernel_width", fn, &v)) {
    if (isinf(v))
      ibmex_error(fn, "invalid_option", "kernel_width must not be Inf");
    opt->kernel_width = v;
  }
  f = ibmex_field(s, "renyi_method");
  if (f) {
    static const char *const methods[IB_RENYI_METHOD_COUNT] = {
      [IB_RENYI_AUTO] = "auto", [IB_RENYI_EIG] = "eig", [IB_RENYI_EXACT_POWER] = "exact_power",
      [IB_RENYI_SLQ] = "slq"};
    char *name = ibmex_string(f, fn, "renyi_method");
    int found = 0;
    for (int m = 0; m < IB_RENYI_METHOD_COUNT && !found; m++)
      if (strcmp(name, methods[m]) == 0) {
        opt->renyi_method = (ib_renyi_method) m;
        found = 1;
      }
    if (!found)
      ibmex_error(fn, "invalid_option", "renyi_method must be \"auto\", \"eig\", "
                  "\"exact_power\" or \"slq\", not '%s'", name);
    mxFree(name);
  }
  f = ibmex_field(s, "range");
  if (f && !mxIsEmpty(f)) {
    size_t r, c;
    const double *p = ibmex_matrix(f, fn, "range", &r, &c);
    if (r * c != 2)
      ibmex_error(fn, "invalid_type", "range must be [lo hi]");
    if (isinf(p[0]) || isinf(p[1]) || p[0] > p[1])
      ibmex_error(fn, "invalid_option", "range must be [lo hi] with lo <= hi, no Inf");
    opt->range_lo = p[0];
    opt->range_hi = p[1];
  }
}

mxArray *ibmex_new_matrix(size_t rows, size_t cols, const double *data)
{
  mxArray *a = mxCreateDoubleMatrix(rows, cols, mxREAL);
  if (data && rows > 0 && cols > 0)
    memcpy(mxGetPr(a), data, rows * cols * sizeof(double));
  return a;
}
