/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_mi_exact.c - the "exact" estimator: the entropies of the distinct rows against
 * closed forms, H(T|X) of a T that is not a function of repeated inputs, the dispatch by
 * name, ib_mutual_info and ib_entropy as H(A) + H(B) - H(A,B), and its refusals. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mi.h"

/* 8 rows, T of two units with 4 states of counts 3, 2, 2, 1 (the rows differ only in bits
 * a binning would merge: 0.25 vs 0.25000000000000006); inputs x: each row its own, then
 * the rows paired ({0,1}, {2,3}, ...); labels y = [state is 0 or 1]. */
static void test_closed_forms(void)
{
  enum { N = 8 };
  const double next = 0.25000000000000006;
  const double T[2 * N] = {0.25, 0.25, 0.25, next, next, 1, 1, -0.0,
                           0, 0, 0, 0, 0, 2, 2, 0.0};
  /* states: (0.25,0) x3, (next,0) x2, (1,2) x2, (0,0) x1 with -0 == +0 */
  size_t own[N], pairs[N], y[N] = {1, 1, 1, 1, 1, 0, 0, 0};
  for (size_t i = 0; i < N; i++)
    own[i] = i, pairs[i] = i / 2;
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_EXACT);
  ib_estimator e;
  CHECK(ib_estimator_from_name("exact", &e) == 0 && e == IB_EST_EXACT);
  CHECK(strcmp(ib_estimator_name(IB_EST_EXACT), "exact") == 0);
  const double h_t = -(3.0 / 8 * log2(3.0 / 8) + 2 * (2.0 / 8 * log2(2.0 / 8)) +
                       1.0 / 8 * log2(1.0 / 8));
  ib_layer_result r;
  ib_layer_context ctx = {N, NULL, 0, own, N, y, 2, 1};
  CHECK(ib_layer_mi(&opt, T, N, 2, &ctx, &r) == IB_OK);
  CHECK_CLOSE(r.ixt, h_t, 1e-15);
  CHECK(r.n_states == 4 && isnan(r.ixt_lower));
  /* H(T|Y): y = 1 holds the states 3 + 2, y = 0 the states 2 + 1 */
  const double h_t_y = 5.0 / 8 * -(0.6 * log2(0.6) + 0.4 * log2(0.4)) +
                       3.0 / 8 * -(2.0 / 3 * log2(2.0 / 3) + 1.0 / 3 * log2(1.0 / 3));
  CHECK_CLOSE(r.ity, h_t - h_t_y, 1e-15);
  /* paired inputs, T not a function of X: the pair (0,1) is one state, (2,3), (4,5) and
   * (6,7) two states each: H(T|X) = 3/4 * 1 bit */
  ib_layer_context paired = {N, NULL, 0, pairs, N / 2, y, 2, 0};
  CHECK(ib_layer_mi(&opt, T, N, 2, &paired, &r) == IB_OK);
  CHECK_CLOSE(r.ixt, h_t - 0.75, 1e-15);
  /* the same through ib_mutual_info, and H(T) through ib_entropy */
  double xs[N], mi, h;
  for (size_t i = 0; i < N; i++)
    xs[i] = (double) pairs[i];
  CHECK(ib_mutual_info(&opt, T, N, 2, 0, xs, 1, 0, &mi, NULL) == IB_OK);
  CHECK_CLOSE(mi, h_t - 0.75, 1e-15);
  CHECK(ib_entropy(&opt, T, N, 2, 0, &h) == IB_OK);
  CHECK_CLOSE(h, h_t, 1e-15);
}

static void test_refusals(void)
{
  double T[4] = {0, 1, NAN, 0}, h;
  size_t x_id[4] = {0, 1, 2, 3}, y[4] = {0, 1, 0, 1};
  ib_mi_options opt;
  ib_mi_options_default(&opt, IB_EST_EXACT);
  ib_layer_result r;
  ib_layer_context ctx = {4, NULL, 0, x_id, 4, y, 2, 1};
  CHECK(ib_layer_mi(&opt, T, 4, 1, &ctx, &r) == IB_ERR_NONFINITE);
  CHECK(ib_entropy(&opt, T, 4, 1, 0, &h) == IB_ERR_NONFINITE);
  T[2] = 1;
  ctx.y = NULL;
  CHECK(ib_layer_mi(&opt, T, 4, 1, &ctx, &r) == IB_ERR_ARG);
  CHECK(ib_entropy(&opt, T, 4, 1, 0, &h) == IB_OK && h == 1);
}

int main(void)
{
  RUN_TEST(test_closed_forms);
  RUN_TEST(test_refusals);
  return check_done(__FILE__);
}
