/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* status.h - status codes returned by every fallible function of the ib core. */
#ifndef IB_STATUS_H
#define IB_STATUS_H

typedef enum {
  IB_OK = 0,
  IB_ERR_NOMEM,         /* an allocation failed */
  IB_ERR_ARG,           /* an argument is out of its domain (size, option, label) */
  IB_ERR_NONFINITE,     /* NaN or Inf in the input */
  IB_ERR_DIVERGED,      /* training produced NaN or Inf (learning rate too high?) */
  IB_ERR_TOO_LARGE,     /* sizes whose product would overflow or exceed memory limits */
  IB_ERR_NUMERIC,       /* a numerical routine (e.g. LAPACK) failed */
  IB_ERR_INTERRUPTED    /* stopped on request (the caller's stop function) */
} ib_status;

/* Asked by long computations between pieces of work: nonzero to stop as soon as possible
 * (e.g. on Ctrl-C), which they answer with IB_ERR_INTERRUPTED. Must be safe to call from
 * any thread. */
typedef int (*ib_stop_fn)(void *arg);

/* A short English sentence for a status; never NULL. */
const char *ib_strerror(ib_status status);

/* A number macro as a string literal, for messages that quote a limit defined once. */
#define IB_STRINGIFY_(x) #x
#define IB_STRINGIFY(x) IB_STRINGIFY_(x)

#endif
