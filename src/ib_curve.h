/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_curve.h - the information bottleneck curve of a discrete joint distribution p(x, y):
 * the largest I(T;Y) reachable by an encoder p(t|x) with a given I(X;T), traced by the
 * self-consistent iterations of Tishby, Pereira & Bialek (1999) over a sweep of beta, or the
 * deterministic IB of Strouse & Schwab (2017). All information in bits. pxy is an nx x ny
 * column-major matrix of probabilities (element (x, y) at x + nx * y). */
#ifndef IB_CURVE_H
#define IB_CURVE_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

typedef enum {
  IB_CURVE_IB = 0,   /* p(t|x) = p(t) exp(-beta KL(p(y|x) || p(y|t))) / Z(x, beta) */
  IB_CURVE_DIB       /* t(x) = argmax_t log p(t) - beta KL(p(y|x) || p(y|t)) */
} ib_curve_method;

/* Name <-> enum ("ib", "dib"). Returns 0 on success. */
int ib_curve_method_from_name(const char *name, ib_curve_method *method);
const char *ib_curve_method_name(ib_curve_method method);

typedef struct {
  ib_curve_method method;
  /* the sweep: an explicit grid (betas, n_betas > 0, any order; no refinement then unless
   * refine is set), else n_beta values log-spaced on [beta_min, beta_max], extended
   * upwards and refined until the curve is resolved to curve_tol (with refinement on,
   * beta = 1 is added below a grid that starts above 1) */
  const double *betas;
  size_t n_betas;
  double beta_min, beta_max;   /* 1, 1000 */
  size_t n_beta;               /* 40 */
  int refine;                  /* -1: automatic (on unless an explicit grid), 0 off, 1 on */
  double curve_tol;            /* 1e-4 bits: bound on the chord error of the reported curve */
  size_t max_points;           /* 400: refinement stops at this many betas solved (the grid
                                * is always solved) */
  double beta_cap;             /* 1e7: the largest beta the extension may reach */
  /* each solve */
  size_t max_iter;             /* 2000 iterations per start */
  double tol;                  /* 1e-10: IB converged when an iteration lowers the Lagrangian
                                * by less than tol (1 + beta) bits (a point d bits under the
                                * curve has a Lagrangian beta d too high); DIB: no change */
  size_t restarts;             /* random starts per beta; SIZE_MAX: automatic (3 when
                                * |X'| |T|max |Y| <= 2000, else 0) */
  uint64_t seed;               /* 1 */
  size_t max_cardinality;      /* largest |T|; 0: |X|. Below |X'| the right ends
                                * (H(X'), I(X;Y)) and (H(X), I(X;Y)) are not added */
  int keep_encoders;           /* store p(t|x) of every raw point */
  double deterministic_tol;    /* 1e-9: rows of p(y|x) one-hot within this are deterministic */
  ib_stop_fn stop;             /* asked before each beta is solved (NULL: never stop) */
  void *stop_arg;
} ib_curve_options;

void ib_curve_options_default(ib_curve_options *opt);

/* The limits of the rules ib_curve_check states: beyond them a call would run for hours or
 * exhaust the memory (every beta keeps a point). */
#define IB_CURVE_MAX_BETAS 100000        /* betas of a grid, n_beta, max_points */
#define IB_CURVE_MAX_ITER 1000000
#define IB_CURVE_MAX_RESTARTS 1000

/* The rules on the options, each written once here: IB_OK, or the status of the first one
 * broken (IB_ERR_NONFINITE for a beta or a beta range that is NaN or Inf, else IB_ERR_ARG)
 * with *why (may be NULL) a sentence that names it, for the caller to relay.
 * ib_curve_compute checks them first. */
ib_status ib_curve_check(const ib_curve_options *opt, const char **why);

typedef struct {
  /* the reported curve: the upper concave envelope of the raw points, (0, 0),
   * (H(X'), I(X;Y)) (X' = X with rows of equal p(y|x) merged) and (H(X), I(X;Y));
   * ascending in I(X;T); beta at a raw point is its own (at (0, 0): the largest beta that
   * gave it), 1 at an added (0, 0) (optimal for every beta <= 1), Inf at the added right
   * ends (the limit beta -> Inf) */
  size_t n_curve;
  double *IXT, *ITY, *beta;
  int *converged;
  /* one raw point per beta solved, ascending in beta */
  size_t n_raw;
  double *raw_beta, *raw_IXT, *raw_ITY, *raw_HT, *raw_lagrangian;
  int *raw_converged;
  size_t *raw_iterations;      /* iterations of the start that won */
  size_t *raw_cardinality;     /* |T| with p(t) > 0 */
  /* keep_encoders: raw_encoders[i] is nx x raw_cardinality[i] (column-major) p(t|x), rows of
   * x with p(x) = 0 zero; NULL otherwise */
  double **raw_encoders;
  /* the distribution */
  size_t nx, ny;
  size_t n_x_merged;           /* |X'|: values of x with p(x) > 0 and distinct p(y|x) */
  double H_X, H_Y, I_XY, H_X_merged;
  int deterministic;           /* 1: y is a function of x; the curve is the exact one */
  int all_converged;
} ib_curve_result;

/* The IB (or DIB) curve of pxy. pxy must be non-negative, finite and sum to 1 within 1e-9
 * (IB_ERR_ARG otherwise; IB_ERR_NONFINITE for NaN/Inf); it is renormalised. On success
 * *result is allocated and must be freed with ib_curve_result_delete. */
ib_status ib_curve_compute(const double *pxy, size_t nx, size_t ny, const ib_curve_options *opt,
                           ib_curve_result **result);
void ib_curve_result_delete(ib_curve_result *result);

/* Mutual information I(X;T) and I(T;Y) in bits of an encoder enc (nx x nt, column-major,
 * rows of p(t|x)) on the joint pxy (nx x ny). A helper for tests and the gateway. */
ib_status ib_curve_encoder_info(const double *pxy, size_t nx, size_t ny, const double *enc,
                                size_t nt, double *I_XT, double *I_TY);

#endif
