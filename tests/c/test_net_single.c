/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_net_single.c - the BLAS path in single precision: activations, losses and gradients
 * against the double path (net.c) to float's rounding for every activation, the sigmoid
 * output and a quantized network; any number of rows through a smaller workspace; the
 * gradient against central differences of its own loss. */
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "net.h"
#include "net_single.h"
#include "rng.h"

static const ib_activation all_activations[] = {IB_ACT_TANH, IB_ACT_RELU, IB_ACT_SIGMOID,
                                                IB_ACT_SOFTSIGN, IB_ACT_SOFTPLUS,
                                                IB_ACT_LINEAR};
enum { N_ACT = sizeof all_activations / sizeof all_activations[0] };

typedef struct {
  size_t n, d;
  double *X;   /* n x d, column-major */
  size_t *y;
} data_set;

static void make_data(data_set *s, size_t n, size_t d, size_t classes, ib_rng *rng)
{
  s->n = n, s->d = d;
  s->X = malloc(n * d * sizeof *s->X);
  s->y = malloc(n * sizeof *s->y);
  for (size_t i = 0; i < n * d; i++)
    s->X[i] = 2 * ib_rng_uniform(rng) - 1;
  for (size_t i = 0; i < n; i++)
    s->y[i] = (size_t) ib_rng_below(rng, classes);
}

static double worst_gap(const double *a, const double *b, size_t count)
{
  double worst = 0;
  for (size_t i = 0; i < count; i++)
    worst = fmax(worst, fabs(a[i] - b[i]));
  return worst;
}

/* Single against double on the same parameters: the forward pass through a workspace of
 * 37 rows over 101 rows (three chunks and a part), the gradient of all 101 at once. */
static void check_against_double(const ib_net *net, const double *params, const data_set *s)
{
  const size_t n = s->n, T = net->total_width;
  double *acts_s = malloc(n * T * sizeof *acts_s), *acts_d = malloc(n * T * sizeof *acts_d);
  double *loss_s = malloc(n * sizeof *loss_s), *loss_d = malloc(n * sizeof *loss_d);
  double *g_s = malloc(net->n_params * sizeof *g_s), *g_d = malloc(net->n_params * sizeof *g_d);
  double *work = malloc(n * net->max_width * sizeof *work);
  ib_net_single *small = ib_net_single_new(net, 37), *whole = ib_net_single_new(net, n);
  CHECK(small && whole);
  ib_net_single_forward(small, params, s->X, n, s->y, acts_s, loss_s);
  ib_net_forward(net, params, s->X, n, s->y, acts_d, loss_d);
  CHECK(worst_gap(acts_s, acts_d, n * T) < 1e-5);
  CHECK(worst_gap(loss_s, loss_d, n) < 1e-5);
  ib_net_single_gradient(whole, params, s->X, n, s->y, g_s);
  ib_net_backward(net, params, s->X, n, s->y, acts_d, g_d, work);
  double norm = 0;
  for (size_t p = 0; p < net->n_params; p++)
    norm = fmax(norm, fabs(g_d[p]));
  CHECK(norm > 0 && worst_gap(g_s, g_d, net->n_params) <= 1e-5 * norm);
  ib_net_single_delete(small);
  ib_net_single_delete(whole);
  free(acts_s), free(acts_d), free(loss_s), free(loss_d), free(g_s), free(g_d), free(work);
}

static void test_against_double(void)
{
  const size_t widths[] = {70, 80, 9, 3}; /* wider than the lane kernel's 64 */
  ib_rng rng;
  ib_rng_seed(&rng, 5);
  data_set s;
  make_data(&s, 101, 70, 3, &rng);
  for (size_t a = 0; a < N_ACT; a++) {
    ib_net net;
    CHECK(ib_net_init(&net, widths, 4, all_activations[a]) == IB_OK);
    double *params = malloc(net.n_params * sizeof *params);
    ib_net_draw_params(&net, params, &rng);
    for (size_t p = net.bias_offset[0]; p < net.n_params; p++)
      params[p] += 0.1 * ib_rng_normal(&rng);
    check_against_double(&net, params, &s);
    free(params);
    ib_net_clear(&net);
  }
  free(s.X), free(s.y);
}

static void test_sigmoid_output(void)
{
  const size_t widths[] = {66, 5, 1};
  ib_rng rng;
  ib_rng_seed(&rng, 7);
  data_set s;
  make_data(&s, 101, 66, 2, &rng);
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_RELU) == IB_OK);
  CHECK(ib_net_set_output(&net, IB_OUT_SIGMOID) == IB_OK);
  double *params = malloc(net.n_params * sizeof *params);
  ib_net_draw_params(&net, params, &rng);
  check_against_double(&net, params, &s);
  free(params);
  ib_net_clear(&net);
  free(s.X), free(s.y);
}

/* Quantized: every activation on the float grid of its layer's levels, as in double. */
static void test_quantized(void)
{
  const size_t widths[] = {65, 7, 2};
  const double range[] = {-1, 1, 0, 1};
  ib_rng rng;
  ib_rng_seed(&rng, 9);
  data_set s;
  make_data(&s, 50, 65, 2, &rng);
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_TANH) == IB_OK);
  CHECK(ib_net_set_quantize(&net, 8, range) == IB_OK);
  double *params = malloc(net.n_params * sizeof *params);
  ib_net_draw_params(&net, params, &rng);
  double *acts = malloc(s.n * net.total_width * sizeof *acts);
  ib_net_single *k = ib_net_single_new(&net, 16);
  CHECK(k != NULL);
  ib_net_single_forward(k, params, s.X, s.n, NULL, acts, NULL);
  size_t off_level = 0;
  for (size_t i = 0; i < s.n * 7; i++) {
    const double level = (acts[i] + 1) / (2.0f / 255);
    off_level += fabs(level - round(level)) > 1e-3;
  }
  CHECK(off_level == 0);
  ib_net_single_delete(k);
  free(params), free(acts);
  ib_net_clear(&net);
  free(s.X), free(s.y);
}

/* The single gradient against central differences of the single loss (float rounding
 * bounds how well they can agree). */
static void test_finite_differences(void)
{
  const size_t widths[] = {65, 4, 3};
  ib_rng rng;
  ib_rng_seed(&rng, 13);
  data_set s;
  make_data(&s, 40, 65, 3, &rng);
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_TANH) == IB_OK);
  double *params = malloc(net.n_params * sizeof *params);
  double *grad = malloc(net.n_params * sizeof *grad);
  double *acts = malloc(s.n * net.total_width * sizeof *acts), loss[40];
  ib_net_draw_params(&net, params, &rng);
  ib_net_single *k = ib_net_single_new(&net, s.n);
  CHECK(k != NULL);
  ib_net_single_gradient(k, params, s.X, s.n, s.y, grad);
  const size_t probes[] = {0, 100, 259, net.bias_offset[0] + 1, net.n_params - 1};
  for (size_t q = 0; q < 5; q++) {
    const size_t p = probes[q];
    const double h = 1e-2, keep = params[p];
    double side[2];
    for (int sgn = 0; sgn < 2; sgn++) {
      params[p] = keep + (sgn ? h : -h);
      ib_net_single_forward(k, params, s.X, s.n, s.y, acts, loss);
      side[sgn] = 0;
      for (size_t i = 0; i < s.n; i++)
        side[sgn] += loss[i] / (double) s.n;
    }
    params[p] = keep;
    CHECK_CLOSE(grad[p], (side[1] - side[0]) / (2 * h), 2e-4);
  }
  ib_net_single_delete(k);
  free(params), free(grad), free(acts);
  ib_net_clear(&net);
  free(s.X), free(s.y);
}

int main(void)
{
  RUN_TEST(test_against_double);
  RUN_TEST(test_sigmoid_output);
  RUN_TEST(test_quantized);
  RUN_TEST(test_finite_differences);
  return CHECK_DONE();
}
