/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_net.c - the MLP: layout of the flat parameters, activations against libm, softmax
 * and loss against closed forms, backpropagation against central finite differences for
 * every activation, initialisation statistics. */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "net.h"
#include "rng.h"

static const ib_activation all_activations[] = {IB_ACT_TANH, IB_ACT_RELU, IB_ACT_SIGMOID,
                                                IB_ACT_LINEAR};

static double mean_loss(const ib_net *net, const double *params, const double *X, size_t rows,
                        const size_t *y, double *acts, double *row_loss)
{
  ib_net_forward(net, params, X, rows, y, acts, row_loss);
  double s = 0;
  for (size_t i = 0; i < rows; i++)
    s += row_loss[i];
  return s / rows;
}

static void test_create(void)
{
  ib_net net;
  const size_t widths[] = {3, 5, 4, 2};
  CHECK(ib_net_init(&net, widths, 4, IB_ACT_TANH) == IB_OK);
  CHECK(net.n_layers == 3);
  CHECK(net.n_params == (3 + 1) * 5 + (5 + 1) * 4 + (4 + 1) * 2);
  /* W_1, b_1, W_2, b_2, ... back to back */
  CHECK(net.weight_offset[0] == 0 && net.bias_offset[0] == 15);
  CHECK(net.weight_offset[1] == 20 && net.bias_offset[1] == 40);
  CHECK(net.weight_offset[2] == 44 && net.bias_offset[2] == 52);
  CHECK(net.total_width == 5 + 4 + 2 && net.max_width == 5);
  ib_net_clear(&net);

  const size_t zero_width[] = {3, 0, 2};
  CHECK(ib_net_init(&net, zero_width, 3, IB_ACT_TANH) == IB_ERR_ARG);
  CHECK(ib_net_init(&net, widths, 1, IB_ACT_TANH) == IB_ERR_ARG);
  CHECK(ib_net_init(&net, widths, 4, (ib_activation) 17) == IB_ERR_ARG);
  const size_t huge[] = {SIZE_MAX / 2, 4, 2};
  CHECK(ib_net_init(&net, huge, 3, IB_ACT_TANH) == IB_ERR_TOO_LARGE);

  ib_activation act;
  CHECK(ib_activation_from_name("tanh", &act) == 0 && act == IB_ACT_TANH);
  CHECK(ib_activation_from_name("relu", &act) == 0 && act == IB_ACT_RELU);
  CHECK(ib_activation_from_name("sigmoid", &act) == 0 && act == IB_ACT_SIGMOID);
  CHECK(ib_activation_from_name("linear", &act) == 0 && act == IB_ACT_LINEAR);
  CHECK(ib_activation_from_name("Tanh", &act) != 0);
  CHECK(ib_activation_from_name(NULL, &act) != 0);
}

/* A hidden layer of one unit with weight 1 and bias 0 shows the activation itself. */
static void test_activations_against_libm(void)
{
  const size_t widths[] = {1, 1, 2};
  enum { ROWS = 4007 };
  double *x = malloc(ROWS * sizeof *x), *acts = malloc(ROWS * 3 * sizeof *acts);
  size_t i = 0;
  for (; i < 4001; i++)
    x[i] = -30.0 + 60.0 * i / 4000.0;
  const double special[] = {0.0, -0.0, 1e-300, -3e-12, 0.3465735902799726, DBL_MAX};
  for (size_t k = 0; k < 6; k++)
    x[i++] = special[k];
  const double params[] = {1, 0, 0, 0, 0, 0}; /* W_1 = 1, b_1 = 0, W_2 = 0, b_2 = 0 */

  for (size_t a = 0; a < 4; a++) {
    ib_net net;
    CHECK(ib_net_init(&net, widths, 3, all_activations[a]) == IB_OK);
    ib_net_forward(&net, params, x, ROWS, NULL, acts, NULL);
    double worst = 0;
    for (i = 0; i < ROWS; i++) {
      double expected;
      switch (all_activations[a]) {
      case IB_ACT_TANH: expected = tanh(x[i]); break;
      case IB_ACT_RELU: expected = x[i] > 0 ? x[i] : 0; break;
      case IB_ACT_SIGMOID: expected = 1 / (1 + exp(-x[i])); break;
      default: expected = x[i]; break;
      }
      double err = fabs(acts[i] - expected) / (fabs(expected) > DBL_MIN ? fabs(expected) : 1);
      if (err > worst)
        worst = err;
    }
    CHECK(worst <= 4 * DBL_EPSILON);
    /* the softmax of equal logits */
    CHECK(acts[ROWS + 7] == 0.5 && acts[2 * ROWS + 7] == 0.5);
    ib_net_clear(&net);
  }

  /* a NaN pre-activation stays NaN (so that a diverged run shows in the loss) */
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_TANH) == IB_OK);
  double nan_in = NAN, act1[3], loss;
  const double params_through[] = {1, 0, 1, -1, 0, 0};
  const size_t label = 0;
  ib_net_forward(&net, params_through, &nan_in, 1, &label, act1, &loss);
  CHECK(isnan(act1[0]) && isnan(loss));
  double inf_in = -INFINITY;
  ib_net_forward(&net, params_through, &inf_in, 1, &label, act1, &loss);
  CHECK(act1[0] == -1.0);
  ib_net_clear(&net);
  free(x);
  free(acts);
}

/* widths {2, 2, 2}, tanh, two rows: every number written out by hand. */
static void test_loss_closed_form(void)
{
  const size_t widths[] = {2, 2, 2};
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_TANH) == IB_OK);
  /* W_1 (column-major 2 x 2), b_1, W_2, b_2 */
  const double params[] = {0.5, 2.0, -1.0, 0.25, 0.1, -0.2, 1.0, 0.5, -1.0, 2.0, 0.0, 0.3};
  const double X[] = {1.0, 0.2, -0.5, 0.3}; /* rows (1, -0.5) and (0.2, 0.3) */
  const size_t y[] = {1, 0};
  double acts[2 * 4], row_loss[2];
  ib_net_forward(&net, params, X, 2, y, acts, row_loss);

  for (int i = 0; i < 2; i++) {
    double x0 = X[i], x1 = X[2 + i];
    double h0 = tanh(x0 * 0.5 + x1 * 2.0 + 0.1);
    double h1 = tanh(x0 * -1.0 + x1 * 0.25 - 0.2);
    double z0 = h0 * 1.0 + h1 * 0.5 + 0.0;
    double z1 = h0 * -1.0 + h1 * 2.0 + 0.3;
    double lse = log(exp(z0) + exp(z1));
    CHECK_CLOSE(acts[i], h0, 1e-15);
    CHECK_CLOSE(acts[2 + i], h1, 1e-15);
    CHECK_CLOSE(acts[4 + i], exp(z0 - lse), 1e-15);
    CHECK_CLOSE(acts[6 + i], exp(z1 - lse), 1e-15);
    CHECK_CLOSE(row_loss[i], lse - (y[i] == 0 ? z0 : z1), 1e-14);
  }
  CHECK(ib_net_predict(&net, acts + 4, 2, 0) == (acts[4] >= acts[6] ? 0u : 1u));
  ib_net_clear(&net);
}

/* The sigmoid output: p = 1 / (1 + e^-z), the binary cross-entropy from the logit (finite
 * at z = +-1000), the prediction p > 1/2, and the gradient against central differences. */
static void test_sigmoid_output(void)
{
  const size_t widths[] = {2, 3, 1};
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_TANH) == IB_OK);
  CHECK(ib_net_set_output(&net, IB_OUT_SIGMOID) == IB_OK);
  const size_t two[] = {2, 2};
  ib_net wide;
  CHECK(ib_net_init(&wide, two, 2, IB_ACT_TANH) == IB_OK);
  CHECK(ib_net_set_output(&wide, IB_OUT_SIGMOID) == IB_ERR_ARG);
  ib_net_clear(&wide);
  double params[13];
  ib_rng rng;
  ib_rng_seed(&rng, 4);
  for (size_t p = 0; p < 13; p++)
    params[p] = ib_rng_normal(&rng);
  const double X[] = {0.3, -1.2, 2.0, 0.7, 0.1, -0.4};
  const size_t y[] = {1, 0, 1};
  double acts[12], loss[3], grad[13], work[9];
  ib_net_forward(&net, params, X, 3, y, acts, loss);
  for (size_t i = 0; i < 3; i++) {
    double z = params[12];
    for (size_t j = 0; j < 3; j++)
      z += params[9 + j] * tanh(X[i] * params[j * 2] + X[3 + i] * params[j * 2 + 1] +
                                params[6 + j]);
    const double p = 1 / (1 + exp(-z));
    CHECK_CLOSE(acts[9 + i], p, 1e-14);
    CHECK_CLOSE(loss[i], -(y[i] ? log(p) : log(1 - p)), 1e-13);
    CHECK(ib_net_predict(&net, acts + 9, 3, i) == (p > 0.5));
  }
  ib_net_backward(&net, params, X, 3, y, acts, grad, work);
  double worst = 0;
  for (size_t p = 0; p < 13; p++) {
    const double h = 1e-6, keep = params[p];
    double up = 0, down = 0;
    params[p] = keep + h;
    ib_net_forward(&net, params, X, 3, y, acts, loss);
    for (size_t i = 0; i < 3; i++)
      up += loss[i] / 3;
    params[p] = keep - h;
    ib_net_forward(&net, params, X, 3, y, acts, loss);
    for (size_t i = 0; i < 3; i++)
      down += loss[i] / 3;
    params[p] = keep;
    worst = fmax(worst, fabs((up - down) / (2 * h) - grad[p]));
  }
  CHECK(worst < 1e-8);
  /* logits of +-1000 */
  const double flat[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000};
  ib_net_forward(&net, flat, X, 3, y, acts, loss);
  CHECK(acts[9] == 1.0 && loss[0] == 0.0 && loss[1] == 1000.0 && isfinite(loss[2]));
  ib_net_clear(&net);
}

/* Logits of +-1000: the probabilities underflow, the loss must not. */
static void test_softmax_extremes(void)
{
  const size_t widths[] = {1, 3};
  ib_net net;
  CHECK(ib_net_init(&net, widths, 2, IB_ACT_LINEAR) == IB_OK);
  const double params[] = {0, 0, 0, 1000, -1000, 0}; /* W = 0; b = (1000, -1000, 0) */
  const double X[] = {0.5, -2, 7};
  const size_t y[] = {0, 1, 2};
  double acts[9], loss[3];
  ib_net_forward(&net, params, X, 3, y, acts, loss);
  for (int i = 0; i < 3; i++) {
    CHECK(acts[i] == 1.0 && acts[3 + i] == 0.0 && acts[6 + i] == 0.0);
    CHECK(isfinite(loss[i]));
  }
  CHECK_CLOSE(loss[0], 0.0, 1e-300);
  CHECK_CLOSE(loss[1], 2000.0, 1e-12);
  CHECK_CLOSE(loss[2], 1000.0, 1e-12);
  CHECK(ib_net_predict(&net, acts, 3, 1) == 0);
  ib_net_clear(&net);

  /* random logits of every size: rows sum to 1 */
  const size_t w2[] = {4, 6, 5};
  CHECK(ib_net_init(&net, w2, 3, IB_ACT_RELU) == IB_OK);
  ib_rng rng;
  ib_rng_seed(&rng, 9);
  double p[4 * 6 + 6 + 6 * 5 + 5], in[10 * 4], a2[10 * 11];
  for (size_t k = 0; k < net.n_params; k++)
    p[k] = 20 * ib_rng_normal(&rng);
  for (size_t k = 0; k < 40; k++)
    in[k] = 5 * ib_rng_normal(&rng);
  ib_net_forward(&net, p, in, 10, NULL, a2, NULL);
  const double *P = ib_net_layer(&net, a2, 10, 1);
  for (size_t i = 0; i < 10; i++) {
    double s = 0;
    int in_unit = 1;
    for (size_t j = 0; j < 5; j++) {
      s += P[i + 10 * j];
      in_unit &= P[i + 10 * j] >= 0 && P[i + 10 * j] <= 1;
    }
    CHECK(in_unit);
    CHECK_CLOSE(s, 1.0, 4 * DBL_EPSILON);
  }
  ib_net_clear(&net);
}

/* Backpropagation against central differences of the mean loss, for every activation. */
static void test_gradient(ib_activation activation)
{
  const size_t widths[] = {3, 5, 4, 3};
  const size_t rows = 9;
  ib_net net;
  CHECK(ib_net_init(&net, widths, 4, activation) == IB_OK);
  const size_t np = net.n_params;
  double *params = malloc(np * sizeof *params), *grad = malloc(np * sizeof *grad);
  double *acts = malloc(rows * net.total_width * sizeof *acts);
  double *work = malloc(rows * net.max_width * sizeof *work);
  double X[9 * 3], row_loss[9];
  size_t y[9];
  ib_rng rng;
  ib_rng_seed(&rng, 100 + (uint64_t) activation);
  ib_net_draw_params(&net, params, &rng);
  for (size_t l = 0; l < net.n_layers; l++) /* biases away from 0 so that they matter */
    for (size_t j = 0; j < widths[l + 1]; j++)
      params[net.bias_offset[l] + j] = 0.3 * ib_rng_normal(&rng);
  for (size_t k = 0; k < rows * 3; k++)
    X[k] = ib_rng_normal(&rng);
  for (size_t i = 0; i < rows; i++)
    y[i] = (size_t) ib_rng_below(&rng, 3);

  ib_net_forward(&net, params, X, rows, y, acts, row_loss);
  ib_net_backward(&net, params, X, rows, y, acts, grad, work);

  const double h = 1e-5;
  double worst = 0, diff2 = 0, norm2 = 0;
  for (size_t k = 0; k < np; k++) {
    const double saved = params[k];
    params[k] = saved + h;
    double up = mean_loss(&net, params, X, rows, y, acts, row_loss);
    params[k] = saved - h;
    double down = mean_loss(&net, params, X, rows, y, acts, row_loss);
    params[k] = saved;
    double fd = (up - down) / (2 * h);
    double rel = fabs(grad[k] - fd) / fmax(fmax(fabs(grad[k]), fabs(fd)), 1e-4);
    if (rel > worst)
      worst = rel;
    diff2 += (grad[k] - fd) * (grad[k] - fd);
    norm2 += grad[k] * grad[k];
  }
  if (worst >= 1e-6)
    fprintf(stderr, "activation %d: worst relative gradient error %g\n", (int) activation, worst);
  CHECK(worst < 1e-6);
  CHECK(sqrt(diff2 / norm2) < 1e-7);
  CHECK(norm2 > 1e-6); /* a gradient that is not trivially zero */
  free(params);
  free(grad);
  free(acts);
  free(work);
  ib_net_clear(&net);
}

/* Weights within 2 sd of sd 1/sqrt(fan_in) with the truncated normal's spread; biases 0. */
static void test_init(void)
{
  const size_t widths[] = {100, 200, 3};
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_TANH) == IB_OK);
  double *params = malloc(net.n_params * sizeof *params);
  ib_rng rng;
  ib_rng_seed(&rng, 11);
  ib_net_draw_params(&net, params, &rng);
  const double *W = params + net.weight_offset[0];
  const size_t m = 100 * 200;
  const double sd = 1 / sqrt(100.0);
  double s2 = 0, max_abs = 0;
  for (size_t k = 0; k < m; k++) {
    s2 += W[k] * W[k];
    if (fabs(W[k]) > max_abs)
      max_abs = fabs(W[k]);
  }
  CHECK(max_abs <= 2 * sd);
  CHECK_CLOSE(sqrt(s2 / m) / sd, 0.8796, 0.02);
  int zero = 1;
  for (size_t l = 0; l < 2; l++)
    for (size_t j = 0; j < widths[l + 1]; j++)
      zero &= params[net.bias_offset[l] + j] == 0.0;
  CHECK(zero);
  const double *W2 = params + net.weight_offset[1];
  double max2 = 0;
  for (size_t k = 0; k < 200 * 3; k++)
    if (fabs(W2[k]) > max2)
      max2 = fabs(W2[k]);
  CHECK(max2 <= 2 / sqrt(200.0) && max2 > 1 / sqrt(200.0));
  free(params);
  ib_net_clear(&net);
}

int main(void)
{
  RUN_TEST(test_sigmoid_output);
  RUN_TEST(test_create);
  RUN_TEST(test_activations_against_libm);
  RUN_TEST(test_loss_closed_form);
  RUN_TEST(test_softmax_extremes);
  for (size_t a = 0; a < 4; a++)
    test_gradient(all_activations[a]);
  RUN_TEST(test_init);
  return CHECK_DONE();
}
