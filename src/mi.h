/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi.h - mutual information estimators: options, per-layer results and the one dispatch
 * over estimators. train.c and the __ib_mi__ gateway both call these; neither lists the
 * estimators itself. All results are in bits. Matrices are column-major n x d. */
#ifndef IB_MI_H
#define IB_MI_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

typedef enum {
  IB_EST_BIN = 0,     /* fixed-width binning (Shwartz-Ziv & Tishby 2017) */
  IB_EST_ADAPTIVE,    /* equal-mass bins per unit (Chelombiev et al. 2019) */
  IB_EST_KDE,         /* pairwise-distance bounds (Kolchinsky & Tracey 2017; Saxe et al. 2018) */
  IB_EST_KNN,         /* KSG estimator 1 / Ross (2014) for a discrete side */
  IB_EST_RENYI,       /* matrix-based Renyi alpha entropy (Giraldo et al. 2014) */
  IB_EST_EXACT,       /* discrete entropies of the rows as they are (quantized layers:
                         Lorenzen, Igel & Nielsen 2022) */
  IB_EST_COUNT
} ib_estimator;

/* renyi: how sum lambda^alpha is computed (see mi_renyi.c) */
typedef enum {
  IB_RENYI_AUTO = 0,    /* exact_power for alpha 2 (and small integer alpha), slq for large n */
  IB_RENYI_EIG,         /* every eigenvalue by LAPACK */
  IB_RENYI_EXACT_POWER, /* integer alpha 2..16: traces of matrix powers (alpha 2: Frobenius) */
  IB_RENYI_SLQ,         /* stochastic Lanczos quadrature with a stated error target */
  IB_RENYI_METHOD_COUNT
} ib_renyi_method;

/* Name <-> enum ("bin", "adaptive", "kde", "knn", "renyi", "exact"). Returns 0 on success. */
int ib_estimator_from_name(const char *name, ib_estimator *estimator);
const char *ib_estimator_name(ib_estimator estimator);

typedef struct {
  ib_estimator estimator;
  /* asked between blocks of work by the estimators that can take long ("kde", "knn");
   * NULL: never stop (the default) */
  ib_stop_fn stop;
  void *stop_arg;
  /* bin: number of edges of linspace(lo, hi, bins), as in the paper's code (30) */
  size_t bins;
  /* bin: if > 0, edges lo, lo + w, ... (covering hi) instead of `bins` */
  double bin_width;
  /* bin: value range; NaN in either means the observed [min, max] of the data */
  double range_lo, range_hi;
  /* adaptive: number of equal-mass bins per unit */
  size_t adaptive_bins;
  /* kde: variance of the added Gaussian noise */
  double noise_var;
  /* kde: refuse (IB_ERR_TOO_LARGE) when the pairwise sums are expected to take longer than
   * this many seconds (ib_mi_expected_seconds); Inf: no limit. Default 3600. */
  double max_seconds;
  /* knn: number of neighbours */
  size_t k;
  /* knn: if > 0, standard deviation of seeded noise added to break ties */
  double jitter;
  uint64_t seed;
  /* renyi: order alpha and Gaussian kernel width (<= 0 or NaN: the documented rule) */
  double alpha;
  double kernel_width;
  ib_renyi_method renyi_method;
} ib_mi_options;

/* Defaults of every field for an estimator (bins 30, k 3, noise_var 0.1, alpha 1.01, ...). */
void ib_mi_options_default(ib_mi_options *opt, ib_estimator estimator);

/* The limits of the rules ib_mi_check states (each written once, here). */
#define IB_MI_MAX_BINS ((size_t) 1 << 24)   /* bins, and the edges a bin_width may give */
#define IB_MI_MAX_JITTER 1e300              /* beyond, jittered values could overflow */
#define IB_RENYI_POWER_MAX_ALPHA 16         /* "exact_power": integer alpha 2..16 */
#define IB_RENYI_SLQ_MAX_ALPHA 10           /* "slq": beyond, x^alpha of Ritz values underflow */
#define IB_RENYI_MAX_N 20000                /* "renyi": rows (its Gram matrix is n x n) */

/* The rules on the estimator options, without estimating: IB_OK, or the status of the first
 * one broken with *why (may be NULL) a sentence that names it, for the caller to relay (as
 * LIBLINEAR's check_parameter). n and d are the rows and the continuous columns of the data
 * (0: not known yet, then only the options are judged, IB_ERR_ARG when broken); with them
 * the options with the data size are judged too: "knn" needs more rows than k (IB_ERR_ARG),
 * "renyi" at most IB_RENYI_MAX_N rows and the size guard ("kde" expected to take longer
 * than max_seconds) (IB_ERR_TOO_LARGE). Every estimate (ib_layer_mi, ib_mutual_info,
 * ib_entropy) checks these first. */
ib_status ib_mi_check(const ib_mi_options *opt, size_t n, size_t d, const char **why);

/* The expected time in seconds of an estimate on n rows of d continuous columns: "kde":
 * n^2 (d + 64) pair operations at the rate measured on the development machine (8000 x 4
 * in 0.18 s); 0 for the estimators whose time is not guarded. */
double ib_mi_expected_seconds(const ib_mi_options *opt, size_t n, size_t d);

/* What an estimator needs to know about the data set besides a layer's activations. */
typedef struct {
  size_t n;              /* samples */
  const double *X;       /* n x dx inputs (used by estimators that work on X itself) */
  size_t dx;
  const size_t *x_id;    /* id of each row's unique input pattern, 0..n_x-1 */
  size_t n_x;
  const size_t *y;       /* class of each row, 0..n_y-1 */
  size_t n_y;
  /* nonzero when T is known to be a function of the input row (a network's layer): then
   * H(T|X) = 0 exactly, and the binning estimators need not count (T, X) pairs */
  int t_function_of_x;
} ib_layer_context;

typedef struct {
  double ixt, ity;             /* the estimates (kde: the upper bounds), bits */
  double ixt_lower, ity_lower; /* kde: the lower bounds; NaN for other estimators */
  double h_t;                  /* entropy of T as the estimator sees it, bits */
  double n_states;             /* bin/adaptive: distinct binned rows of T; NaN otherwise */
  double kernel_width;         /* renyi: kernel width used; NaN otherwise */
} ib_layer_result;

/* I(X;T) and I(T;Y) of one layer's activations T (n x width). */
ib_status ib_layer_mi(const ib_mi_options *opt, const double *T, size_t n, size_t width,
                      const ib_layer_context *ctx, ib_layer_result *result);

/* I(A;B) between paired rows of A (n x da) and B (n x db). A side flagged discrete holds
 * integer codes (its rows are told apart as symbols). info may be NULL. */
ib_status ib_mutual_info(const ib_mi_options *opt,
                         const double *A, size_t n, size_t da, int a_discrete,
                         const double *B, size_t db, int b_discrete,
                         double *mi, ib_layer_result *info);

/* H(A) of the rows of A (n x da); discrete as above. */
ib_status ib_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                     int a_discrete, double *h);

#endif
