/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mexutil.h - what every __ib_*__ gateway shares: type checks, conversions, option structs,
 * and turning a core status into an Octave error with id "ib:<function>:<reason>". Errors
 * raised here never return (mexErrMsgIdAndTxt longjmps), so callers need no cleanup path for
 * memory from mxMalloc (Octave frees it). */
#ifndef IB_MEXUTIL_H
#define IB_MEXUTIL_H

#include <stddef.h>
#include <stdint.h>
#include "mex.h"
#include "ib.h"

/* Raises error id "ib:<fn>:<reason>" with a printf-style message. */
_Noreturn void ibmex_error(const char *fn, const char *reason, const char *fmt, ...);

/* Raises the error of a core status: ids ib:<fn>:out_of_memory, :invalid_argument,
 * :nonfinite, :diverged, :too_large, :numeric, :interrupted (which consumes the pending
 * Ctrl-C: the error is what the user sees). `what` prefixes the message (may be NULL). */
_Noreturn void ibmex_status_error(const char *fn, ib_status status, const char *what);

/* An ib_stop_fn that answers whether Ctrl-C is pending (Octave's interrupt flag), and the
 * consumption of that interrupt by a gateway that reports it itself. */
int ibmex_interrupt_pending(void *unused);
void ibmex_consume_interrupt(void);

/* A real, full, double matrix (else ib:<fn>:invalid_type); returns its data and size. */
const double *ibmex_matrix(const mxArray *a, const char *fn, const char *what,
                           size_t *rows, size_t *cols);

/* A real double scalar (else ib:<fn>:invalid_type). */
double ibmex_scalar(const mxArray *a, const char *fn, const char *what);

/* A char row vector as a C string from mxMalloc (else ib:<fn>:invalid_type). */
char *ibmex_string(const mxArray *a, const char *fn, const char *what);

/* A vector of non-negative integer values (as doubles) minus `base` as size_t, from
 * mxMalloc; non-integer, negative (after base) or non-finite -> ib:<fn>:invalid_index. */
size_t *ibmex_index_vector(const mxArray *a, const char *fn, const char *what, size_t base,
                           size_t *n);

/* Field of a struct (NULL when absent). */
const mxArray *ibmex_field(const mxArray *s, const char *name);

/* The one option reader (as VLFeat's vlmxNextOption): a table of {name, id} ended by
 * {NULL, -1}, and a loop over either name/value pairs or the fields of a struct,
 *
 *   ibmex_options it;
 *   ibmex_options_of_struct(&it, s, fn);
 *   while ((opt = ibmex_next_option(&it, table, &value)) >= 0)
 *     switch (opt) { ... }
 *
 * Names are matched without regard to case; a name not in the table raises
 * ib:<fn>:invalid_option naming it; an empty value is as if the option were absent. The
 * reader only finds the options: their types are the gateway's, their rules the core's
 * (ib_mi_check, ib_curve_check, ib_train_check). */
typedef struct {
  const char *name;
  int id;
} ibmex_option;

typedef struct {
  const mxArray *s;             /* the struct read, or NULL */
  size_t index;                 /* its element read */
  const mxArray *const *args;   /* the name/value pairs read, or NULL */
  int n, next;                  /* fields or arguments, and the next one */
  const char *fn;
  char name[64];                /* the name of the option last returned */
} ibmex_options;

/* The fields of element `index` of the struct s (NULL: no options). */
void ibmex_options_of_struct(ibmex_options *it, const mxArray *s, size_t index, const char *fn);
void ibmex_options_of_pairs(ibmex_options *it, int nargs, const mxArray *const *args,
                            const char *fn);
int ibmex_next_option(ibmex_options *it, const ibmex_option *table, const mxArray **value);

/* Fills opt from element `index` of a struct with optional fields: estimator (string), bins, bin_width,
 * range ([lo hi]), adaptive_bins, noise_var, max_seconds, k, jitter, seed, alpha, kernel_width,
 * renyi_method (string: auto, eig, exact_power, slq); ci and resamples (Octave's) are
 * passed over. Absent fields keep ib_mi_options_default's values. Only conversions are
 * judged here (a scalar, a whole number where the core keeps a count, a known name); the
 * rules are ib_mi_check's, raised as ib:<fn>:invalid_option with its sentence. */
void ibmex_mi_options(const mxArray *s, size_t index, const char *fn, ib_mi_options *opt);
/* The same from name/value pairs. */
void ibmex_mi_options_pairs(int nargs, const mxArray *const *args, const char *fn,
                            ib_mi_options *opt);

/* Raises ib:<fn>:invalid_option with the sentence of the first rule of ib_mi_check that opt
 * breaks (the options alone: no size guard). */
void ibmex_mi_check(const ib_mi_options *opt, const char *fn);

/* A new real double matrix (rows x cols) filled from data (column-major), or zeros if NULL. */
mxArray *ibmex_new_matrix(size_t rows, size_t cols, const double *data);

#endif
