/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi.c - the one dispatch over estimators, and their defaults. */
#include <math.h>
#include <string.h>
#include "mi.h"
#include "mi_estimators.h"

typedef struct {
  const char *name;
  ib_status (*layer_mi)(const ib_mi_options *, const double *, size_t, size_t,
                        const ib_layer_context *, ib_layer_result *);
  ib_status (*mutual_info)(const ib_mi_options *, const double *, size_t, size_t, int,
                           const double *, size_t, int, double *, ib_layer_result *);
  ib_status (*entropy)(const ib_mi_options *, const double *, size_t, size_t, int, double *);
} estimator_entry;

static const estimator_entry estimators[IB_EST_COUNT] = {
  [IB_EST_BIN] = {"bin", ib_bin_layer_mi, ib_bin_mutual_info, ib_bin_entropy},
  [IB_EST_ADAPTIVE] = {"adaptive", ib_adaptive_layer_mi, ib_adaptive_mutual_info,
                       ib_adaptive_entropy},
  [IB_EST_KDE] = {"kde", ib_kde_layer_mi, ib_kde_mutual_info, ib_kde_entropy},
  [IB_EST_KNN] = {"knn", ib_knn_layer_mi, ib_knn_mutual_info, ib_knn_entropy},
  [IB_EST_RENYI] = {"renyi", ib_renyi_layer_mi, ib_renyi_mutual_info, ib_renyi_entropy},
  [IB_EST_EXACT] = {"exact", ib_exact_layer_mi, ib_exact_mutual_info, ib_exact_entropy},
};

int ib_estimator_from_name(const char *name, ib_estimator *estimator)
{
  for (int e = 0; e < IB_EST_COUNT; e++)
    if (name && strcmp(name, estimators[e].name) == 0) {
      *estimator = (ib_estimator) e;
      return 0;
    }
  return -1;
}

const char *ib_estimator_name(ib_estimator estimator)
{
  return (unsigned) estimator < IB_EST_COUNT ? estimators[estimator].name : "unknown";
}

void ib_mi_options_default(ib_mi_options *opt, ib_estimator estimator)
{
  memset(opt, 0, sizeof *opt);
  opt->estimator = estimator;
  opt->bins = 30;              /* the paper's linspace(-1, 1, 30) */
  opt->bin_width = 0;
  opt->range_lo = NAN;         /* observed range unless given */
  opt->range_hi = NAN;
  opt->adaptive_bins = 30;
  opt->noise_var = 0.1;        /* Saxe et al. 2018 */
  opt->max_seconds = 3600;     /* an hour: beyond, a subsample (or a stated max_seconds) */
  opt->k = 3;                  /* Kraskov et al. 2004 */
  opt->jitter = 0;
  opt->seed = 0;
  opt->alpha = 1.01;           /* Giraldo et al. 2014 */
  opt->kernel_width = NAN;     /* the documented rule */
  opt->renyi_method = IB_RENYI_AUTO;
}

/* "kde": 2.8 ns per pair for d <= 16, 5.3 ns at d = 64 (n = 8000, OpenBLAS 0.3.21, two
 * cores shared with other jobs; alone they ran twice as fast): 0.042 ns per pair and
 * (d + 64) */
#define KDE_SECONDS_PER_PAIR_COLUMN 0.042e-9

double ib_mi_expected_seconds(const ib_mi_options *opt, size_t n, size_t d)
{
  if (!opt || opt->estimator != IB_EST_KDE)
    return 0;
  return (double) n * (double) n * ((double) d + 64) * KDE_SECONDS_PER_PAIR_COLUMN;
}

/* The rules below report the first one broken: its status and, through *why (which may be
 * NULL), a sentence that names it (as ib_train_check). */
#define BROKEN(status, text) return (why ? (void) (*why = (text)) : (void) 0), (status)
#define STR(x) #x
#define XSTR(x) STR(x)

static int is_integer_in(double a, double lo, double hi)
{
  return a >= lo && a <= hi && a == floor(a);
}

ib_status ib_mi_check(const ib_mi_options *opt, size_t n, size_t d, const char **why)
{
  if (why)
    *why = NULL;
  if (!opt)
    BROKEN(IB_ERR_ARG, "the estimator options are required");
  if ((unsigned) opt->estimator >= IB_EST_COUNT)
    BROKEN(IB_ERR_ARG, "the estimator is unknown");
  if (opt->bins < 1 || opt->bins > IB_MI_MAX_BINS)
    BROKEN(IB_ERR_ARG, "\"bins\" must be an integer in [1, 2^24]");
  if (!(isfinite(opt->bin_width) && opt->bin_width >= 0))
    BROKEN(IB_ERR_ARG, "\"bin_width\" must be a finite number >= 0 (0: use \"bins\")");
  if (isinf(opt->range_lo) || isinf(opt->range_hi) || opt->range_lo > opt->range_hi
      || isinf(opt->range_hi - opt->range_lo))
    BROKEN(IB_ERR_ARG, "\"range\" must be [lo hi] with lo <= hi, hi - lo finite (NaN: the "
                       "observed end)");
  if (opt->adaptive_bins < 1)
    BROKEN(IB_ERR_ARG, "\"adaptive_bins\" must be an integer >= 1");
  if (!(isfinite(opt->noise_var) && opt->noise_var > 0))
    BROKEN(IB_ERR_ARG, "\"noise_var\" must be a finite number > 0");
  if (!(opt->max_seconds > 0))
    BROKEN(IB_ERR_ARG, "\"max_seconds\" must be a number > 0 (Inf: no limit)");
  if (opt->k < 1)
    BROKEN(IB_ERR_ARG, "\"k\" must be an integer >= 1");
  if (!(opt->jitter >= 0 && opt->jitter <= IB_MI_MAX_JITTER))
    BROKEN(IB_ERR_ARG, "\"jitter\" must be a number in [0, " XSTR(IB_MI_MAX_JITTER) "]");
  if (!(isfinite(opt->alpha) && opt->alpha > 0))
    BROKEN(IB_ERR_ARG, "\"alpha\" must be a finite number > 0");
  if (isinf(opt->kernel_width))
    BROKEN(IB_ERR_ARG, "\"kernel_width\" must not be Inf (NaN or <= 0: the estimator's rule)");
  if ((unsigned) opt->renyi_method >= IB_RENYI_METHOD_COUNT)
    BROKEN(IB_ERR_ARG, "\"renyi_method\" is unknown");
  if (opt->estimator == IB_EST_RENYI && opt->renyi_method == IB_RENYI_EXACT_POWER
      && !is_integer_in(opt->alpha, 2, IB_RENYI_POWER_MAX_ALPHA))
    BROKEN(IB_ERR_ARG, "\"renyi_method\" \"exact_power\" needs an integer alpha in 2.."
                       XSTR(IB_RENYI_POWER_MAX_ALPHA));
  if (opt->estimator == IB_EST_RENYI && opt->renyi_method == IB_RENYI_SLQ
      && !(opt->alpha <= IB_RENYI_SLQ_MAX_ALPHA))
    BROKEN(IB_ERR_ARG, "\"renyi_method\" \"slq\" needs alpha <= " XSTR(IB_RENYI_SLQ_MAX_ALPHA));
  if (n == 0)
    return IB_OK;
  /* the options with the size of the data */
  if (opt->estimator == IB_EST_KNN && opt->k >= n)
    BROKEN(IB_ERR_ARG, "\"knn\" needs more rows than k neighbours");
  if (opt->estimator == IB_EST_RENYI && n > IB_RENYI_MAX_N)
    BROKEN(IB_ERR_TOO_LARGE, "\"renyi\" takes at most " XSTR(IB_RENYI_MAX_N) " rows (its "
                             "exact paths cost up to n^3); use a subsample");
  /* the size guard: an estimate expected to take longer than max_seconds is refused */
  if (ib_mi_expected_seconds(opt, n, d) > opt->max_seconds)
    BROKEN(IB_ERR_TOO_LARGE, "the estimate is expected to take longer than \"max_seconds\"");
  return IB_OK;
}

static void result_clear(ib_layer_result *r)
{
  r->ixt = r->ity = NAN;
  r->ixt_lower = r->ity_lower = NAN;
  r->h_t = NAN;
  r->n_states = NAN;
  r->kernel_width = NAN;
}

ib_status ib_layer_mi(const ib_mi_options *opt, const double *T, size_t n, size_t width,
                      const ib_layer_context *ctx, ib_layer_result *result)
{
  ib_status st;
  if (!T || !ctx || !result || n == 0 || width == 0 || ctx->n != n)
    return IB_ERR_ARG;
  result_clear(result);
  if ((st = ib_mi_check(opt, n, width, NULL)) != IB_OK)
    return st;
  return estimators[opt->estimator].layer_mi(opt, T, n, width, ctx, result);
}

ib_status ib_mutual_info(const ib_mi_options *opt,
                         const double *A, size_t n, size_t da, int a_discrete,
                         const double *B, size_t db, int b_discrete,
                         double *mi, ib_layer_result *info)
{
  ib_layer_result scratch;
  ib_status st;
  if (!A || !B || !mi || n == 0 || da == 0 || db == 0)
    return IB_ERR_ARG;
  if (!info)
    info = &scratch;
  result_clear(info);
  if ((st = ib_mi_check(opt, n, a_discrete ? db : da, NULL)) != IB_OK)
    return st;
  return estimators[opt->estimator].mutual_info(opt, A, n, da, a_discrete, B, db, b_discrete,
                                                mi, info);
}

ib_status ib_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                     int a_discrete, double *h)
{
  ib_status st;
  if (!A || !h || n == 0 || da == 0)
    return IB_ERR_ARG;
  if ((st = ib_mi_check(opt, n, da, NULL)) != IB_OK)
    return st;
  return estimators[opt->estimator].entropy(opt, A, n, da, a_discrete, h);
}
