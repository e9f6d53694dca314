/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_mi_check.c - ib_mi_check: every rule on the estimator options comes back with its
 * status and the sentence that names it, the defaults break none, and the dispatch refuses
 * what the check refuses before estimating. */
#include <math.h>
#include <string.h>
#include "check.h"
#include "mi.h"

/* opt breaks a rule whose sentence contains `word`, with status `want`. */
static void broken(const ib_mi_options *opt, size_t n, size_t d, ib_status want,
                   const char *word)
{
  const char *why = NULL;
  ib_status st = ib_mi_check(opt, n, d, &why);
  CHECK(st == want);
  CHECK(why != NULL && strstr(why, word) != NULL);
  if (why && !strstr(why, word))
    fprintf(stderr, "  sentence: %s (wanted '%s')\n", why, word);
  CHECK(ib_mi_check(opt, n, d, NULL) == want);   /* why may be NULL */
}

static void test_defaults_pass(void)
{
  for (int e = 0; e < IB_EST_COUNT; e++) {
    ib_mi_options opt;
    const char *why = "x";
    ib_mi_options_default(&opt, (ib_estimator) e);
    CHECK(ib_mi_check(&opt, 0, 0, &why) == IB_OK);
    CHECK(why == NULL);
    CHECK(ib_mi_check(&opt, 1000, 4, NULL) == IB_OK);
  }
  CHECK(ib_mi_check(NULL, 0, 0, NULL) == IB_ERR_ARG);
}

static void test_each_rule(void)
{
  ib_mi_options o;
#define RULE(field_assignments, word)                                   \
  do {                                                                  \
    ib_mi_options_default(&o, IB_EST_BIN);                              \
    field_assignments;                                                  \
    broken(&o, 0, 0, IB_ERR_ARG, word);                                 \
  } while (0)
  RULE(o.estimator = IB_EST_COUNT, "estimator");
  RULE(o.bins = 0, "\"bins\"");
  RULE(o.bins = IB_MI_MAX_BINS + 1, "\"bins\"");
  RULE(o.bin_width = -1, "\"bin_width\"");
  RULE(o.bin_width = NAN, "\"bin_width\"");
  RULE(o.bin_width = INFINITY, "\"bin_width\"");
  RULE(o.range_lo = -INFINITY, "\"range\"");
  RULE((o.range_lo = 1, o.range_hi = 0), "\"range\"");
  RULE((o.range_lo = -1.7e308, o.range_hi = 1.7e308), "\"range\"");
  RULE(o.adaptive_bins = 0, "\"adaptive_bins\"");
  RULE(o.noise_var = 0, "\"noise_var\"");
  RULE(o.noise_var = INFINITY, "\"noise_var\"");
  RULE(o.max_seconds = 0, "\"max_seconds\"");
  RULE(o.max_seconds = NAN, "\"max_seconds\"");
  RULE(o.k = 0, "\"k\"");
  RULE(o.jitter = -1, "\"jitter\"");
  RULE(o.jitter = 1e301, "\"jitter\"");
  RULE(o.alpha = 0, "\"alpha\"");
  RULE(o.alpha = NAN, "\"alpha\"");
  RULE(o.kernel_width = INFINITY, "\"kernel_width\"");
  RULE(o.renyi_method = IB_RENYI_METHOD_COUNT, "\"renyi_method\"");
  RULE((o.estimator = IB_EST_RENYI, o.renyi_method = IB_RENYI_EXACT_POWER), "\"exact_power\"");
  RULE((o.estimator = IB_EST_RENYI, o.renyi_method = IB_RENYI_EXACT_POWER, o.alpha = 17),
       "\"exact_power\"");
  RULE((o.estimator = IB_EST_RENYI, o.renyi_method = IB_RENYI_SLQ, o.alpha = 11), "\"slq\"");
#undef RULE
  /* what is allowed at the limits */
  ib_mi_options_default(&o, IB_EST_RENYI);
  o.renyi_method = IB_RENYI_EXACT_POWER;
  o.alpha = IB_RENYI_POWER_MAX_ALPHA;
  o.bins = IB_MI_MAX_BINS;
  o.jitter = IB_MI_MAX_JITTER;
  o.range_lo = NAN;
  o.range_hi = 2;
  o.kernel_width = NAN;
  o.max_seconds = INFINITY;
  CHECK(ib_mi_check(&o, 0, 0, NULL) == IB_OK);
  /* the renyi combinations are renyi's: another estimator is not judged by them */
  ib_mi_options_default(&o, IB_EST_BIN);
  o.renyi_method = IB_RENYI_SLQ;
  o.alpha = 11;
  CHECK(ib_mi_check(&o, 0, 0, NULL) == IB_OK);
}

static void test_with_data_size(void)
{
  ib_mi_options o;
  ib_mi_options_default(&o, IB_EST_KNN);
  broken(&o, 3, 1, IB_ERR_ARG, "\"knn\"");
  CHECK(ib_mi_check(&o, 4, 1, NULL) == IB_OK);
  CHECK(ib_mi_check(&o, 0, 0, NULL) == IB_OK);     /* n not known */
  ib_mi_options_default(&o, IB_EST_RENYI);
  broken(&o, IB_RENYI_MAX_N + 1, 1, IB_ERR_TOO_LARGE, "\"renyi\"");
  CHECK(ib_mi_check(&o, IB_RENYI_MAX_N, 1, NULL) == IB_OK);
  ib_mi_options_default(&o, IB_EST_BIN);
  CHECK(ib_mi_check(&o, 2, 1, NULL) == IB_OK && ib_mi_check(&o, 30000, 1, NULL) == IB_OK);
}

static void test_size_guard(void)
{
  ib_mi_options o;
  ib_mi_options_default(&o, IB_EST_KDE);
  CHECK(ib_mi_check(&o, 10000000, 4, NULL) == IB_ERR_TOO_LARGE);
  broken(&o, 10000000, 4, IB_ERR_TOO_LARGE, "\"max_seconds\"");
  CHECK(ib_mi_check(&o, 0, 4, NULL) == IB_OK);    /* n not known: options only */
  o.max_seconds = INFINITY;
  CHECK(ib_mi_check(&o, 10000000, 4, NULL) == IB_OK);
}

/* every entry of the dispatch asks the check first */
static void test_dispatch_checks(void)
{
  double A[8] = {0, 1, 2, 3, 0, 1, 0, 1}, mi, h;
  ib_mi_options o;
  ib_mi_options_default(&o, IB_EST_KNN);
  o.jitter = 1e301;
  CHECK(ib_mutual_info(&o, A, 4, 1, 0, A + 4, 1, 1, &mi, NULL) == IB_ERR_ARG);
  CHECK(ib_entropy(&o, A, 4, 1, 0, &h) == IB_ERR_ARG);
  ib_mi_options_default(&o, IB_EST_BIN);
  o.bins = 0;
  CHECK(ib_entropy(&o, A, 4, 1, 0, &h) == IB_ERR_ARG);
  size_t ids[4] = {0, 1, 2, 3}, y[4] = {0, 1, 0, 1};
  ib_layer_context ctx = {4, A, 1, ids, 4, y, 2, 1};
  ib_layer_result r;
  CHECK(ib_layer_mi(&o, A, 4, 1, &ctx, &r) == IB_ERR_ARG);
  o.bins = 30;
  CHECK(ib_layer_mi(&o, A, 4, 1, &ctx, &r) == IB_OK);
}

int main(void)
{
  RUN_TEST(test_defaults_pass);
  RUN_TEST(test_each_rule);
  RUN_TEST(test_with_data_size);
  RUN_TEST(test_size_guard);
  RUN_TEST(test_dispatch_checks);
  return CHECK_DONE();
}
