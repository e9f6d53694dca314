/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_single.c - see net_single.h. The passes follow net.c's (the same layout, the same
 * products, the error signals written over the activations) with float matrices; every
 * elementwise step runs on lane vectors of 16 floats, a column's rows at a time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include "lanes_float.h"
#include "net_lanes.h"
#include "net_single.h"
#include "quantize.h"

struct ib_net_single {
  const ib_net *net;
  size_t max_rows;
  float *params;  /* n_params: the parameters rounded for the pass */
  float *input;   /* max_rows x widths[0] */
  float *acts;    /* max_rows x total_width: activations, then error signals */
  float *work;    /* max_rows x max_width */
  float *grad;    /* n_params */
};

void ib_net_single_delete(ib_net_single *s)
{
  if (!s)
    return;
  free(s->params), free(s->input), free(s->acts), free(s->work), free(s->grad);
  free(s);
}

ib_net_single *ib_net_single_new(const ib_net *net, size_t max_rows)
{
  const size_t rows = max_rows ? max_rows : 1, widest = net->max_width;
  if (rows > SIZE_MAX / sizeof(float) / (net->total_width + widest + net->widths[0]))
    return NULL;
  ib_net_single *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->net = net;
  s->max_rows = rows;
  s->params = malloc(net->n_params * sizeof *s->params);
  s->input = malloc(rows * net->widths[0] * sizeof *s->input);
  s->acts = malloc(rows * net->total_width * sizeof *s->acts);
  s->work = malloc(rows * widest * sizeof *s->work);
  s->grad = malloc(net->n_params * sizeof *s->grad);
  if (!s->params || !s->input || !s->acts || !s->work || !s->grad) {
    ib_net_single_delete(s);
    return NULL;
  }
  return s;
}

/* Column c of layer l in a float buffer of `rows` rows. */
static float *layer_of(const ib_net *net, float *buf, size_t rows, size_t l)
{
  return buf + rows * net->act_offset[l];
}

/* The output layer Z (rows x classes) in place: softmax (shifted by each row's maximum) or
 * sigmoid; with labels, row_loss from the logits in double, as the lane kernel gives it. */
static void output_rows(const ib_net *net, float *Z, size_t rows, const size_t *labels,
                        double *row_loss)
{
  const size_t classes = net->widths[net->n_layers];
  if (net->output == IB_OUT_SIGMOID) {
    for (size_t i = 0; labels && i < rows; i++) {
      const double z = Z[i];
      row_loss[i] = ((z > 0 ? z : 0.0) - (labels[i] ? z : 0.0)) + log1p(exp(-fabs(z)));
    }
    ib_lanes_activate_floats(IB_ACT_SIGMOID, Z, rows);
    return;
  }
  /* the lane kernel's softmax (net_lanes_kernel.h), 16 rows at a time */
  for (size_t i = 0; i < rows; i += IB_FLANES) {
    const size_t count = rows - i < IB_FLANES ? rows - i : IB_FLANES;
    ib_flane m = flane_broadcast(0), s = m, v = m; /* the padding lanes stay 0 */
    memcpy(&m, Z + i, count * sizeof(float));
    for (size_t j = 1; j < classes; j++) {
      memcpy(&v, Z + i + j * rows, count * sizeof(float));
      m = flane_select(v > m, v, m);
    }
    for (size_t lane = 0; labels && lane < count; lane++)
      row_loss[i + lane] = (double) m[lane] - (double) Z[i + lane + labels[i + lane] * rows];
    for (size_t j = 0; j < classes; j++) {
      memcpy(&v, Z + i + j * rows, count * sizeof(float));
      v = flane_exp(v - m);
      s += v;
      memcpy(Z + i + j * rows, &v, count * sizeof(float));
    }
    const ib_flane inv = 1.0f / s;
    for (size_t j = 0; j < classes; j++) {
      memcpy(&v, Z + i + j * rows, count * sizeof(float));
      v *= inv;
      memcpy(Z + i + j * rows, &v, count * sizeof(float));
    }
    for (size_t lane = 0; labels && lane < count; lane++)
      row_loss[i + lane] += log((double) s[lane]);
  }
}

/* The lane kernel's float quantizer, on a layer's values in place. */
static void quantize(const ib_net *net, float *z, size_t count, size_t l)
{
  if (net->quant_bits == 0)
    return;
  const double *range = net->quant_range + 2 * l;
  const float lo = (float) range[0], hi = (float) range[1];
  const float step = (hi - lo) / (float) ((1u << net->quant_bits) - 1);
  for (size_t i = 0; i < count; i += IB_FLANES) {
    const size_t m = count - i < IB_FLANES ? count - i : IB_FLANES;
    ib_flane v = flane_broadcast(0);
    memcpy(&v, z + i, m * sizeof(float));
    v = flane_quantize_one(v, lo, hi, step);
    memcpy(z + i, &v, m * sizeof(float));
  }
}

static void round_params(ib_net_single *s, const double *params)
{
  for (size_t p = 0; p < s->net->n_params; p++)
    s->params[p] = (float) params[p];
}

/* The forward pass of `rows` rows of s->input into s->acts. */
static void forward(ib_net_single *s, size_t rows, const size_t *labels, double *row_loss)
{
  const ib_net *net = s->net;
  const float *A = s->input;
  for (size_t l = 0; l < net->n_layers; l++) {
    const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
    float *Z = layer_of(net, s->acts, rows, l);
    const float *b = s->params + net->bias_offset[l];
    for (size_t j = 0; j < w_out; j++)
      for (size_t i = 0; i < rows; i++)
        Z[i + j * rows] = b[j];
    cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int) rows, (int) w_out,
                (int) w_in, 1.0f, A, (int) rows, s->params + net->weight_offset[l],
                (int) w_in, 1.0f, Z, (int) rows);
    if (l + 1 < net->n_layers)
      ib_lanes_activate_floats(net->activation, Z, rows * w_out);
    else
      output_rows(net, Z, rows, labels, row_loss);
    quantize(net, Z, rows * w_out, l);
    A = Z;
  }
}

void ib_net_single_gradient(ib_net_single *s, const double *params, const double *input,
                            size_t rows, const size_t *labels, double *grad)
{
  const ib_net *net = s->net;
  const size_t last = net->n_layers - 1, classes = net->widths[last + 1];
  round_params(s, params);
  for (size_t i = 0; i < rows * net->widths[0]; i++)
    s->input[i] = (float) input[i];
  forward(s, rows, NULL, NULL);
  /* output: d loss / d logits = (p - onehot(y)) / rows */
  float *D = layer_of(net, s->acts, rows, last);
  const float inv_rows = 1.0f / (float) rows;
  for (size_t i = 0; i < rows; i++)
    if (net->output == IB_OUT_SIGMOID)
      D[i] -= (float) labels[i]; /* d loss / dz = p - y */
    else
      D[i + labels[i] * rows] -= 1.0f;
  for (size_t i = 0; i < rows * classes; i++)
    D[i] *= inv_rows;
  for (size_t l = last + 1; l-- > 0;) {
    const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
    const float *A = l > 0 ? layer_of(net, s->acts, rows, l - 1) : s->input;
    const float *W = s->params + net->weight_offset[l];
    float *gb = s->grad + net->bias_offset[l];
    D = layer_of(net, s->acts, rows, l);
    cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) w_in, (int) w_out, (int) rows,
                1.0f, A, (int) rows, D, (int) rows, 0.0f, s->grad + net->weight_offset[l],
                (int) w_in);
    for (size_t j = 0; j < w_out; j++) {
      float sum = 0;
      for (size_t i = 0; i < rows; i++)
        sum += D[i + j * rows];
      gb[j] = sum;
    }
    if (l == 0)
      break;
    /* error signal of layer l - 1: (D W') .* f'(A), written over A */
    cblas_sgemm(CblasColMajor, CblasNoTrans, CblasTrans, (int) rows, (int) w_in, (int) w_out,
                1.0f, D, (int) rows, W, (int) w_in, 0.0f, s->work, (int) rows);
    float *A_prev = layer_of(net, s->acts, rows, l - 1);
    ib_lanes_times_derivative_floats(net->activation, A_prev, s->work, A_prev, rows * w_in);
  }
  for (size_t p = 0; p < net->n_params; p++)
    grad[p] = s->grad[p];
}

void ib_net_single_forward(ib_net_single *s, const double *params, const double *X, size_t n,
                           const size_t *labels, double *acts, double *row_loss)
{
  const ib_net *net = s->net;
  const size_t d = net->widths[0], T = net->total_width;
  round_params(s, params);
  for (size_t first = 0; first < n; first += s->max_rows) {
    const size_t rows = n - first < s->max_rows ? n - first : s->max_rows;
    for (size_t c = 0; c < d; c++)
      for (size_t i = 0; i < rows; i++)
        s->input[i + c * rows] = (float) X[first + i + c * n];
    forward(s, rows, labels ? labels + first : NULL, row_loss ? row_loss + first : NULL);
    for (size_t c = 0; c < T; c++)
      for (size_t i = 0; i < rows; i++)
        acts[first + i + c * n] = s->acts[i + c * rows];
  }
}
