/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net.c - the MLP: layout, initialisation, forward and backward passes. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include "net.h"
#include "net_lanes.h"
#include "quantize.h"

int ib_activation_from_name(const char *name, ib_activation *act)
{
  static const struct {
    const char *name;
    ib_activation act;
  } table[] = {{"tanh", IB_ACT_TANH}, {"relu", IB_ACT_RELU}, {"sigmoid", IB_ACT_SIGMOID},
               {"linear", IB_ACT_LINEAR}, {"softsign", IB_ACT_SOFTSIGN},
               {"softplus", IB_ACT_SOFTPLUS}};
  for (size_t i = 0; name && i < sizeof table / sizeof table[0]; i++)
    if (strcmp(name, table[i].name) == 0) {
      *act = table[i].act;
      return 0;
    }
  return -1;
}

int ib_output_from_name(const char *name, ib_output *output)
{
  if (name && strcmp(name, "softmax") == 0)
    *output = IB_OUT_SOFTMAX;
  else if (name && strcmp(name, "sigmoid") == 0)
    *output = IB_OUT_SIGMOID;
  else
    return -1;
  return 0;
}

ib_status ib_net_set_output(ib_net *net, ib_output output)
{
  if (output == IB_OUT_SIGMOID && net->widths[net->n_layers] != 1)
    return IB_ERR_ARG;
  if (output != IB_OUT_SOFTMAX && output != IB_OUT_SIGMOID)
    return IB_ERR_ARG;
  net->output = output;
  return IB_OK;
}

ib_status ib_net_set_quantize(ib_net *net, unsigned bits, const double *range)
{
  if (bits == 0) {
    net->quant_bits = 0;
    return IB_OK;
  }
  if ((bits != 4 && bits != 8) || !range)
    return IB_ERR_ARG;
  for (size_t l = 0; l < net->n_layers; l++)
    if (!(isfinite(range[2 * l]) && isfinite(range[2 * l + 1]) &&
          range[2 * l] < range[2 * l + 1]))
      return IB_ERR_ARG;
  memcpy(net->quant_range, range, 2 * net->n_layers * sizeof *range);
  net->quant_bits = bits;
  return IB_OK;
}

/* a + b, or 0 with *overflow set. */
static size_t add_size(size_t a, size_t b, int *overflow)
{
  if (a > SIZE_MAX - b) {
    *overflow = 1;
    return 0;
  }
  return a + b;
}

static size_t mul_size(size_t a, size_t b, int *overflow)
{
  if (a != 0 && b > SIZE_MAX / a) {
    *overflow = 1;
    return 0;
  }
  return a * b;
}

void ib_net_clear(ib_net *net)
{
  if (!net)
    return;
  free(net->widths);
  free(net->weight_offset);
  free(net->bias_offset);
  free(net->act_offset);
  free(net->quant_range);
  memset(net, 0, sizeof *net);
}

ib_status ib_net_init(ib_net *net, const size_t *widths, size_t n_widths,
                        ib_activation activation)
{
  memset(net, 0, sizeof *net);
  if (!widths || n_widths < 2 || (unsigned) activation >= IB_ACT_COUNT)
    return IB_ERR_ARG;
  for (size_t l = 0; l < n_widths; l++)
    if (widths[l] < 1)
      return IB_ERR_ARG;
  if (n_widths > SIZE_MAX / sizeof(size_t))
    return IB_ERR_TOO_LARGE;

  const size_t n_layers = n_widths - 1;
  net->n_layers = n_layers;
  net->activation = activation;
  net->widths = malloc(n_widths * sizeof *net->widths);
  net->weight_offset = malloc(n_layers * sizeof *net->weight_offset);
  net->bias_offset = malloc(n_layers * sizeof *net->bias_offset);
  net->act_offset = malloc(n_layers * sizeof *net->act_offset);
  net->quant_range = calloc(2 * n_layers, sizeof *net->quant_range);
  if (!net->widths || !net->weight_offset || !net->bias_offset || !net->act_offset ||
      !net->quant_range) {
    ib_net_clear(net);
    return IB_ERR_NOMEM;
  }
  memcpy(net->widths, widths, n_widths * sizeof *widths);

  int overflow = 0;
  size_t n_params = 0, total_width = 0, max_width = widths[0];
  for (size_t l = 0; l < n_layers; l++) {
    net->weight_offset[l] = n_params;
    n_params = add_size(n_params, mul_size(widths[l], widths[l + 1], &overflow), &overflow);
    net->bias_offset[l] = n_params;
    n_params = add_size(n_params, widths[l + 1], &overflow);
    net->act_offset[l] = total_width;
    total_width = add_size(total_width, widths[l + 1], &overflow);
    if (widths[l + 1] > max_width)
      max_width = widths[l + 1];
  }
  mul_size(n_params, sizeof(double), &overflow);
  mul_size(total_width, sizeof(double), &overflow);
  if (overflow) {
    ib_net_clear(net);
    return IB_ERR_TOO_LARGE;
  }
  net->n_params = n_params;
  net->total_width = total_width;
  net->max_width = max_width;
  return IB_OK;
}

void ib_net_draw_params(const ib_net *net, double *params, ib_rng *rng)
{
  for (size_t l = 0; l < net->n_layers; l++) {
    const size_t fan_in = net->widths[l], fan_out = net->widths[l + 1];
    const double sd = 1.0 / sqrt((double) fan_in);
    double *W = params + net->weight_offset[l];
    for (size_t k = 0; k < fan_in * fan_out; k++)
      W[k] = sd * ib_rng_truncated_normal(rng);
    memset(params + net->bias_offset[l], 0, fan_out * sizeof(double));
  }
}

double *ib_net_layer(const ib_net *net, double *acts, size_t rows, size_t l)
{
  return acts + rows * net->act_offset[l];
}

size_t ib_net_predict(const ib_net *net, const double *P, size_t rows, size_t i)
{
  if (net->output == IB_OUT_SIGMOID)
    return P[i] > 0.5;
  size_t best = 0;
  for (size_t j = 1; j < net->widths[net->n_layers]; j++)
    if (P[i + j * rows] > P[i + best * rows])
      best = j;
  return best;
}

/* Z = A W + 1 b' for A rows x w_in, W w_in x w_out, all column-major. cblas_dgemm beat plain
 * loops at every shape measured, down to the paper's 512 x 3 times 3 x 2 (OpenBLAS has small-
 * matrix kernels; the loops stay scalar at -O2). */
static void affine(const double *A, const double *W, const double *b, size_t rows, size_t w_in,
                   size_t w_out, double *Z)
{
  for (size_t j = 0; j < w_out; j++) {
    double *restrict z = Z + j * rows;
    const double bj = b[j];
    for (size_t i = 0; i < rows; i++)
      z[i] = bj;
  }
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int) rows, (int) w_out, (int) w_in,
              1.0, A, (int) rows, W, (int) w_in, 1.0, Z, (int) rows);
}

static void activate(ib_activation act, double *restrict z, size_t count)
{
  switch (act) {
  case IB_ACT_TANH: /* the lane kernel's tanh, so that both paths share one (glibc's is a
                     * call with data-dependent branches and took half of the training) */
    ib_lanes_activate_doubles(act, z, count);
    break;
  case IB_ACT_RELU:
    for (size_t i = 0; i < count; i++)
      z[i] = z[i] > 0 ? z[i] : 0.0;
    break;
  case IB_ACT_SIGMOID:
    for (size_t i = 0; i < count; i++)
      z[i] = 1.0 / (1.0 + exp(-z[i]));
    break;
  case IB_ACT_LINEAR:
    break;
  case IB_ACT_SOFTSIGN:
    for (size_t i = 0; i < count; i++)
      z[i] = z[i] / (1.0 + fabs(z[i]));
    break;
  case IB_ACT_SOFTPLUS: /* log(1 + e^z) without overflow */
    for (size_t i = 0; i < count; i++)
      z[i] = (z[i] > 0 ? z[i] : 0.0) + log1p(exp(-fabs(z[i])));
    break;
  case IB_ACT_COUNT:
    break;
  }
}

/* a = delta .* f'(z), in place of a = f(z) (each derivative written through f(z)). */
static void delta_times_derivative(ib_activation act, const double *restrict delta,
                                   double *restrict a, size_t count)
{
  switch (act) {
  case IB_ACT_TANH:
    for (size_t i = 0; i < count; i++)
      a[i] = delta[i] * (1.0 - a[i] * a[i]);
    break;
  case IB_ACT_RELU:
    for (size_t i = 0; i < count; i++)
      a[i] = a[i] > 0 ? delta[i] : 0.0;
    break;
  case IB_ACT_SIGMOID:
    for (size_t i = 0; i < count; i++)
      a[i] = delta[i] * (a[i] * (1.0 - a[i]));
    break;
  case IB_ACT_LINEAR:
    memcpy(a, delta, count * sizeof(double));
    break;
  case IB_ACT_SOFTSIGN: /* f' = 1 / (1 + |z|)^2 = (1 - |a|)^2 */
    for (size_t i = 0; i < count; i++) {
      const double s = 1.0 - fabs(a[i]);
      a[i] = delta[i] * (s * s);
    }
    break;
  case IB_ACT_SOFTPLUS: /* f' = sigmoid(z) = 1 - e^-a */
    for (size_t i = 0; i < count; i++)
      a[i] = delta[i] * -expm1(-a[i]);
    break;
  case IB_ACT_COUNT:
    break;
  }
}

/* Softmax of each row of Z (rows x cols) in place, shifted by the row maximum so that exp
 * never overflows; with labels, row_loss[i] = log sum_j exp(z_ij) - z_{i,y_i}. */
/* p = sigmoid(z) of each row in place; with labels, the binary cross-entropy from the
 * logit, row_loss = log(1 + e^z) - y z, without overflow. */
static void sigmoid_rows(double *z, size_t rows, const size_t *labels, double *row_loss)
{
  for (size_t i = 0; i < rows; i++) {
    if (labels)
      row_loss[i] = ((z[i] > 0 ? z[i] : 0.0) - (labels[i] ? z[i] : 0.0)) +
                    log1p(exp(-fabs(z[i])));
    z[i] = 1.0 / (1.0 + exp(-z[i]));
  }
}

static void softmax_rows(double *Z, size_t rows, size_t cols, const size_t *labels,
                         double *row_loss)
{
  for (size_t i = 0; i < rows; i++) {
    double m = Z[i];
    for (size_t j = 1; j < cols; j++)
      if (Z[i + j * rows] > m)
        m = Z[i + j * rows];
    if (labels)
      row_loss[i] = m - Z[i + labels[i] * rows];
    double s = 0;
    for (size_t j = 0; j < cols; j++) {
      double e = exp(Z[i + j * rows] - m);
      Z[i + j * rows] = e;
      s += e;
    }
    const double inv = 1.0 / s;
    for (size_t j = 0; j < cols; j++)
      Z[i + j * rows] *= inv;
    if (labels)
      row_loss[i] += log(s);
  }
}

void ib_net_forward(const ib_net *net, const double *params, const double *input, size_t rows,
                    const size_t *labels, double *acts, double *row_loss)
{
  const double *A = input;
  for (size_t l = 0; l < net->n_layers; l++) {
    const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
    double *Z = ib_net_layer(net, acts, rows, l);
    affine(A, params + net->weight_offset[l], params + net->bias_offset[l], rows, w_in, w_out,
           Z);
    if (l + 1 < net->n_layers)
      activate(net->activation, Z, rows * w_out);
    else if (net->output == IB_OUT_SIGMOID)
      sigmoid_rows(Z, rows, labels, row_loss);
    else
      softmax_rows(Z, rows, w_out, labels, row_loss);
    ib_quantize(Z, rows * w_out, net->quant_bits, net->quant_range + 2 * l);
    A = Z;
  }
}

static double sum(const double *a, size_t n)
{
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (; i < n; i++)
    s0 += a[i];
  return (s0 + s1) + (s2 + s3);
}

void ib_net_backward(const ib_net *net, const double *params, const double *input,
                     size_t rows, const size_t *labels, double *acts, double *grad,
                     double *work)
{
  const size_t last = net->n_layers - 1;
  const size_t n_classes = net->widths[last + 1];
  const double inv_rows = 1.0 / (double) rows;

  /* output: d loss / d logits = (p - onehot(y)) / rows */
  double *D = ib_net_layer(net, acts, rows, last);
  for (size_t i = 0; i < rows; i++)
    if (net->output == IB_OUT_SIGMOID)
      D[i] -= (double) labels[i]; /* d loss / dz = p - y */
    else
      D[i + labels[i] * rows] -= 1.0;
  for (size_t i = 0; i < rows * n_classes; i++)
    D[i] *= inv_rows;

  for (size_t l = last + 1; l-- > 0;) {
    const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
    const double *A = l > 0 ? ib_net_layer(net, acts, rows, l - 1) : input;
    const double *W = params + net->weight_offset[l];
    double *gW = grad + net->weight_offset[l], *gb = grad + net->bias_offset[l];
    D = ib_net_layer(net, acts, rows, l);

    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) w_in, (int) w_out, (int) rows,
                1.0, A, (int) rows, D, (int) rows, 0.0, gW, (int) w_in);
    for (size_t j = 0; j < w_out; j++)
      gb[j] = sum(D + j * rows, rows);

    if (l == 0)
      break;
    /* error signal of layer l - 1: (D W') .* f'(A), written over A */
    double *A_prev = ib_net_layer(net, acts, rows, l - 1);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, (int) rows, (int) w_in, (int) w_out,
                1.0, D, (int) rows, W, (int) w_in, 0.0, work, (int) rows);
    delta_times_derivative(net->activation, work, A_prev, rows * w_in);
  }
}
