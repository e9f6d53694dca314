/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mexutil.c - shared gateway helpers (see mexutil.h). */
#include <ctype.h>
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

/* ---------------------------------------------------------------- the option reader */

void ibmex_options_of_struct(ibmex_options *it, const mxArray *s, size_t index, const char *fn)
{
  memset(it, 0, sizeof *it);
  it->fn = fn;
  if (s && !mxIsStruct(s))
    ibmex_error(fn, "invalid_option", "options must be a struct");
  it->s = s;
  it->index = index;
  it->n = s && index < mxGetNumberOfElements(s) ? mxGetNumberOfFields(s) : 0;
}

void ibmex_options_of_pairs(ibmex_options *it, int nargs, const mxArray *const *args,
                            const char *fn)
{
  memset(it, 0, sizeof *it);
  it->fn = fn;
  if (nargs % 2 != 0)
    ibmex_error(fn, "invalid_option", "options must be NAME, VALUE pairs");
  it->args = args;
  it->n = nargs;
}

static int same_name(const char *a, const char *b)
{
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char) *a) != tolower((unsigned char) *b))
      return 0;
  return *a == *b;
}

int ibmex_next_option(ibmex_options *it, const ibmex_option *table, const mxArray **value)
{
  for (;;) {
    const mxArray *v;
    if (it->next >= it->n)
      return -1;
    if (it->s) {
      snprintf(it->name, sizeof it->name, "%s", mxGetFieldNameByNumber(it->s, it->next));
      v = mxGetFieldByNumber(it->s, it->index, it->next);
      it->next++;
    } else {
      const mxArray *a = it->args[it->next];
      if (!mxIsChar(a) || mxGetM(a) > 1 || mxGetNumberOfElements(a) >= sizeof it->name
          || mxGetString(a, it->name, sizeof it->name) != 0)
        ibmex_error(it->fn, "invalid_option", "option names must be strings");
      v = it->args[it->next + 1];
      it->next += 2;
    }
    int k;
    for (k = 0; table[k].name && !same_name(it->name, table[k].name); k++)
      ;
    if (!table[k].name)
      ibmex_error(it->fn, "invalid_option", "unknown option '%s'", it->name);
    if (!v || mxIsEmpty(v))
      continue;
    *value = v;
    return table[k].id;
  }
}

/* ---------------------------------------------------------------- estimator options */

/* A real scalar option (else ib:<fn>:invalid_option). */
static double option_scalar(const mxArray *v, const char *fn, const char *name)
{
  if ((!mxIsDouble(v) && !mxIsLogical(v)) || mxIsComplex(v) || mxIsSparse(v)
      || mxGetNumberOfElements(v) != 1)
    ibmex_error(fn, "invalid_option", "%s must be a real scalar", name);
  return mxGetScalar(v);
}

/* A count kept as size_t or uint64_t: a whole number in [0, 2^53], so that the cast is
 * defined (never from NaN, a negative or a huge value); the lower limits are the core's. */
static double option_count(const mxArray *v, const char *fn, const char *name)
{
  double x = option_scalar(v, fn, name);
  if (!(x >= 0 && x <= 9007199254740992.0 && x == floor(x)))
    ibmex_error(fn, "invalid_option", "%s must be a whole number", name);
  return x;
}

/* The index of name in names[0..count-1], else ib:<fn>:<reason>. */
static int option_choice(const mxArray *v, const char *fn, const char *what, const char *reason,
                         const char *const *names, int count)
{
  char *name = ibmex_string(v, fn, what);
  for (int m = 0; m < count; m++)
    if (strcmp(name, names[m]) == 0) {
      mxFree(name);
      return m;
    }
  ibmex_error(fn, reason, "unknown %s '%s'", what, name);
}

enum {
  MI_ESTIMATOR, MI_BINS, MI_BIN_WIDTH, MI_RANGE, MI_ADAPTIVE_BINS, MI_NOISE_VAR,
  MI_MAX_SECONDS, MI_K, MI_JITTER, MI_SEED, MI_ALPHA, MI_KERNEL_WIDTH, MI_RENYI_METHOD,
  MI_OCTAVE_SIDE
};

static const ibmex_option mi_options[] = {
  {"estimator", MI_ESTIMATOR}, {"bins", MI_BINS}, {"bin_width", MI_BIN_WIDTH},
  {"range", MI_RANGE}, {"adaptive_bins", MI_ADAPTIVE_BINS}, {"noise_var", MI_NOISE_VAR},
  {"max_seconds", MI_MAX_SECONDS}, {"k", MI_K}, {"jitter", MI_JITTER}, {"seed", MI_SEED},
  {"alpha", MI_ALPHA}, {"kernel_width", MI_KERNEL_WIDTH}, {"renyi_method", MI_RENYI_METHOD},
  {"ci", MI_OCTAVE_SIDE}, {"resamples", MI_OCTAVE_SIDE},   /* mi_bootstrap.m's */
  {NULL, -1}};

/* Reads the options `it` finds: the estimator first (its defaults are the start), then the
 * others, the iterator read twice. */
static void mi_options_read(ibmex_options *it, ib_mi_options *opt)
{
  static const char *const estimators[IB_EST_COUNT] = {
    [IB_EST_BIN] = "bin", [IB_EST_ADAPTIVE] = "adaptive", [IB_EST_KDE] = "kde",
    [IB_EST_KNN] = "knn", [IB_EST_RENYI] = "renyi", [IB_EST_EXACT] = "exact"};
  static const char *const methods[IB_RENYI_METHOD_COUNT] = {
    [IB_RENYI_AUTO] = "auto", [IB_RENYI_EIG] = "eig", [IB_RENYI_EXACT_POWER] = "exact_power",
    [IB_RENYI_SLQ] = "slq"};
  const char *fn = it->fn;
  const mxArray *v;
  int o;
  ib_mi_options_default(opt, IB_EST_BIN);
  while ((o = ibmex_next_option(it, mi_options, &v)) >= 0)
    if (o == MI_ESTIMATOR)
      ib_mi_options_default(opt, (ib_estimator) option_choice(v, fn, "estimator",
                                                              "unknown_estimator",
                                                              estimators, IB_EST_COUNT));
  it->next = 0;
  while ((o = ibmex_next_option(it, mi_options, &v)) >= 0) {
    const char *name = it->name;
    switch (o) {
    case MI_BINS: opt->bins = (size_t) option_count(v, fn, name); break;
    case MI_BIN_WIDTH: opt->bin_width = option_scalar(v, fn, name); break;
    case MI_ADAPTIVE_BINS: opt->adaptive_bins = (size_t) option_count(v, fn, name); break;
    case MI_NOISE_VAR: opt->noise_var = option_scalar(v, fn, name); break;
    case MI_MAX_SECONDS: opt->max_seconds = option_scalar(v, fn, name); break;
    case MI_K: opt->k = (size_t) option_count(v, fn, name); break;
    case MI_JITTER: opt->jitter = option_scalar(v, fn, name); break;
    case MI_SEED: opt->seed = (uint64_t) option_count(v, fn, name); break;
    case MI_ALPHA: opt->alpha = option_scalar(v, fn, name); break;
    case MI_KERNEL_WIDTH: opt->kernel_width = option_scalar(v, fn, name); break;
    case MI_RENYI_METHOD:
      opt->renyi_method = (ib_renyi_method) option_choice(v, fn, "renyi_method",
                                                          "invalid_option", methods,
                                                          IB_RENYI_METHOD_COUNT);
      break;
    case MI_RANGE: {
      size_t r, c;
      const double *p = ibmex_matrix(v, fn, "range", &r, &c);
      if (r * c != 2)
        ibmex_error(fn, "invalid_type", "range must be [lo hi]");
      opt->range_lo = p[0];
      opt->range_hi = p[1];
      break;
    }
    default: break;   /* the estimator (read above) and Octave's options */
    }
  }
}

void ibmex_mi_options(const mxArray *s, size_t index, const char *fn, ib_mi_options *opt)
{
  ibmex_options it;
  ibmex_options_of_struct(&it, s, index, fn);
  mi_options_read(&it, opt);
}

void ibmex_mi_options_pairs(int nargs, const mxArray *const *args, const char *fn,
                            ib_mi_options *opt)
{
  ibmex_options it;
  ibmex_options_of_pairs(&it, nargs, args, fn);
  mi_options_read(&it, opt);
}

void ibmex_mi_check(const ib_mi_options *opt, const char *fn)
{
  const char *why;
  if (ib_mi_check(opt, 0, 0, &why) != IB_OK)
    ibmex_error(fn, "invalid_option", "%s", why);
}

mxArray *ibmex_new_matrix(size_t rows, size_t cols, const double *data)
{
  mxArray *a = mxCreateDoubleMatrix(rows, cols, mxREAL);
  if (data && rows > 0 && cols > 0)
    memcpy(mxGetPr(a), data, rows * cols * sizeof(double));
  return a;
}
