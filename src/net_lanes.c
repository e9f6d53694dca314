/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_lanes.c - forward and backward passes of small networks, one row per vector lane. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lanes.h"
#include "net_lanes.h"

/* The exported passes are compiled for each of these and picked by the CPU at load time. */
#define IB_DISPATCH __attribute__((target_clones("avx512f", "avx2", "default")))

/* A minibatch is held whole, block by block (block b's layer l at acts + b * total_width +
 * act_offset[l]), so that each gradient entry is then summed over the blocks in registers
 * rather than read and written back once per block. */
struct ib_lanes {
  const ib_net *net;
  size_t max_blocks;
  ib_lane *inputs;  /* max_blocks x widths[0] */
  ib_lane *acts;    /* max_blocks x total_width: the activations */
  ib_lane *deltas;  /* max_blocks x total_width: the error signals */
  ib_lane *logits;  /* classes: the output before the softmax (for the loss) */
};

int ib_lanes_fit(const ib_net *net)
{
  return net->max_width <= IB_LANES_MAX_WIDTH;
}

static ib_lane *new_lanes(size_t count)
{
  return aligned_alloc(sizeof(ib_lane), (count ? count : 1) * sizeof(ib_lane));
}

void ib_lanes_delete(ib_lanes *k)
{
  if (!k)
    return;
  free(k->inputs);
  free(k->acts);
  free(k->deltas);
  free(k->logits);
  free(k);
}

ib_lanes *ib_lanes_new(const ib_net *net, size_t max_rows)
{
  if (!ib_lanes_fit(net))
    return NULL;
  ib_lanes *k = calloc(1, sizeof *k);
  if (!k)
    return NULL;
  k->net = net;
  k->max_blocks = max_rows / IB_LANES + 1;
  const size_t blocks = k->max_blocks;
  if (blocks > SIZE_MAX / (sizeof(ib_lane) * (net->total_width + net->widths[0]))) {
    free(k);
    return NULL;
  }
  k->inputs = new_lanes(blocks * net->widths[0]);
  k->acts = new_lanes(blocks * net->total_width);
  k->deltas = new_lanes(blocks * net->total_width);
  k->logits = new_lanes(net->widths[net->n_layers]);
  if (!k->inputs || !k->acts || !k->deltas || !k->logits) {
    ib_lanes_delete(k);
    return NULL;
  }
  return k;
}

IB_LANE_INLINE void activate(ib_activation act, ib_lane *z, size_t count)
{
  const ib_lane zero = lane_broadcast(0.0), one = lane_broadcast(1.0);
  switch (act) {
  case IB_ACT_TANH:
    for (size_t j = 0; j < count; j++)
      z[j] = lane_tanh(z[j]);
    break;
  case IB_ACT_RELU:
    for (size_t j = 0; j < count; j++)
      z[j] = lane_select(z[j] > zero, z[j], zero);
    break;
  case IB_ACT_SIGMOID:
    for (size_t j = 0; j < count; j++)
      z[j] = one / (one + lane_exp(-z[j]));
    break;
  case IB_ACT_SOFTSIGN:
    for (size_t j = 0; j < count; j++)
      z[j] = z[j] / (one + lane_abs(z[j]));
    break;
  case IB_ACT_SOFTPLUS: /* log(1 + e^z) = max(z, 0) + log1p(e^-|z|), without overflow */
    for (size_t j = 0; j < count; j++)
      z[j] = lane_max(z[j], zero) + lane_log1p_unit(lane_exp(-lane_abs(z[j])));
    break;
  case IB_ACT_LINEAR:
  case IB_ACT_COUNT:
    break;
  }
}

/* delta = delta .* f'(z), each derivative written through a = f(z). */
IB_LANE_INLINE void times_derivative(ib_activation act, const ib_lane *a, ib_lane *delta,
                                     size_t count)
{
  const ib_lane zero = lane_broadcast(0.0), one = lane_broadcast(1.0);
  switch (act) {
  case IB_ACT_TANH:
    for (size_t j = 0; j < count; j++)
      delta[j] = delta[j] * (one - a[j] * a[j]);
    break;
  case IB_ACT_RELU:
    for (size_t j = 0; j < count; j++)
      delta[j] = lane_select(a[j] > zero, delta[j], zero);
    break;
  case IB_ACT_SIGMOID:
    for (size_t j = 0; j < count; j++)
      delta[j] = delta[j] * (a[j] * (one - a[j]));
    break;
  case IB_ACT_SOFTSIGN:
    for (size_t j = 0; j < count; j++) {
      const ib_lane s = one - lane_abs(a[j]);
      delta[j] = delta[j] * (s * s);
    }
    break;
  case IB_ACT_SOFTPLUS: /* sigmoid(z) = 1 - e^-a */
    for (size_t j = 0; j < count; j++)
      delta[j] = delta[j] * (one - lane_exp(-a[j]));
    break;
  case IB_ACT_LINEAR:
  case IB_ACT_COUNT:
    break;
  }
}

/* Softmax over the `count` classes of each lane, shifted by the lane's maximum so that exp
 * never overflows; returns the maximum and the sum of the shifted exponentials. */
IB_LANE_INLINE void softmax(ib_lane *z, size_t count, ib_lane *max_out, ib_lane *sum_out)
{
  ib_lane m = z[0];
  for (size_t j = 1; j < count; j++)
    m = lane_select(z[j] > m, z[j], m);
  ib_lane s = lane_broadcast(0.0);
  for (size_t j = 0; j < count; j++) {
    z[j] = lane_exp(z[j] - m);
    s += z[j];
  }
  const ib_lane inv = 1.0 / s;
  for (size_t j = 0; j < count; j++)
    z[j] *= inv;
  *max_out = m;
  *sum_out = s;
}

/* z_j = b_j + sum_i a_i W_ij, the sum in increasing i, for four units at a time (four
 * independent chains of additions in registers). */
IB_LANE_INLINE void affine_lanes(const ib_lane *restrict a, const double *restrict W,
                                 const double *restrict b, size_t w_in, size_t w_out,
                                 ib_lane *restrict z)
{
  size_t j = 0;
  for (; j + 4 <= w_out; j += 4) {
    const double *W0 = W + j * w_in, *W1 = W0 + w_in, *W2 = W1 + w_in, *W3 = W2 + w_in;
    ib_lane z0 = lane_broadcast(b[j]), z1 = lane_broadcast(b[j + 1]);
    ib_lane z2 = lane_broadcast(b[j + 2]), z3 = lane_broadcast(b[j + 3]);
    for (size_t i = 0; i < w_in; i++) {
      const ib_lane ai = a[i];
      z0 += ai * W0[i];
      z1 += ai * W1[i];
      z2 += ai * W2[i];
      z3 += ai * W3[i];
    }
    z[j] = z0, z[j + 1] = z1, z[j + 2] = z2, z[j + 3] = z3;
  }
  for (; j < w_out; j++) {
    const double *Wj = W + j * w_in;
    ib_lane zj = lane_broadcast(b[j]);
    for (size_t i = 0; i < w_in; i++)
      zj += a[i] * Wj[i];
    z[j] = zj;
  }
}

/* One block through every layer; logits, if not NULL, receives the output before the
 * softmax. Z_j = b_j + sum_k A_k W_kj, the sum in increasing k. */
IB_LANE_INLINE void forward_block(const ib_net *net, const double *params,
                                  const ib_lane *input, ib_lane *acts, ib_lane *logits,
                                  ib_lane *max_out, ib_lane *sum_out)
{
  const ib_lane *a = input;
  for (size_t l = 0; l < net->n_layers; l++) {
    const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
    const double *W = params + net->weight_offset[l], *b = params + net->bias_offset[l];
    ib_lane *z = acts + net->act_offset[l];
    affine_lanes(a, W, b, w_in, w_out, z);
    if (l + 1 < net->n_layers) {
      activate(net->activation, z, w_out);
    } else {
      if (logits)
        memcpy(logits, z, w_out * sizeof *z);
      if (net->output == IB_OUT_SIGMOID)
        z[0] = lane_broadcast(1.0) / (lane_broadcast(1.0) + lane_exp(-z[0]));
      else
        softmax(z, w_out, max_out, sum_out);
    }
    a = z;
  }
}

/* The error signals of one block: scale holds 1 / rows in the lanes of real rows and 0 in
 * padding lanes; label holds each lane's class. D_last = (p - onehot) scale, then
 * D_{l-1} = (D_l W_l') .* f'(A_{l-1}), each sum in increasing j. */
IB_LANE_INLINE void backward_block(const ib_net *net, const double *params,
                                   const ib_lane *acts, ib_lane *deltas, ib_lane scale,
                                   ib_lane label)
{
  const size_t last = net->n_layers - 1, n_classes = net->widths[last + 1];
  const ib_lane *P = acts + net->act_offset[last];
  ib_lane *D = deltas + net->act_offset[last];
  if (net->output == IB_OUT_SIGMOID) /* d loss / dz = p - y */
    D[0] = (P[0] - label) * scale;
  else
    for (size_t j = 0; j < n_classes; j++) {
      const ib_lane onehot = lane_select(label == lane_broadcast((double) j),
                                         lane_broadcast(1.0), lane_broadcast(0.0));
      D[j] = (P[j] - onehot) * scale;
    }
  for (size_t l = last; l > 0; l--) {
    const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
    const double *W = params + net->weight_offset[l];
    const ib_lane *Dl = deltas + net->act_offset[l];
    ib_lane *back = deltas + net->act_offset[l - 1];
    size_t i = 0;
    for (; i + 4 <= w_in; i += 4) {
      ib_lane s0 = lane_broadcast(0.0), s1 = s0, s2 = s0, s3 = s0;
      for (size_t j = 0; j < w_out; j++) {
        const ib_lane dj = Dl[j];
        const double *Wj = W + j * w_in + i;
        s0 += dj * Wj[0];
        s1 += dj * Wj[1];
        s2 += dj * Wj[2];
        s3 += dj * Wj[3];
      }
      back[i] = s0, back[i + 1] = s1, back[i + 2] = s2, back[i + 3] = s3;
    }
    for (; i < w_in; i++) {
      ib_lane si = lane_broadcast(0.0);
      for (size_t j = 0; j < w_out; j++)
        si += Dl[j] * W[j * w_in + i];
      back[i] = si;
    }
    times_derivative(net->activation, acts + net->act_offset[l - 1], back, w_in);
  }
}

/* grad of layer l: W_ij = sum over blocks of A_i D_j, b_j = sum of D_j, each summed lane
 * by lane over the blocks in order and then over the lanes. Two units j and four inputs i
 * at a time, so that eight sums stay in registers. */
IB_LANE_INLINE void layer_gradient(const ib_lanes *k, size_t l, size_t n_blocks, double *grad)
{
  const ib_net *net = k->net;
  const size_t w_in = net->widths[l], w_out = net->widths[l + 1], T = net->total_width;
  const size_t d = net->widths[0];
  const ib_lane *A = l > 0 ? k->acts + net->act_offset[l - 1] : k->inputs;
  const size_t a_stride = l > 0 ? T : d;
  const ib_lane *D = k->deltas + net->act_offset[l];
  double *gW = grad + net->weight_offset[l], *gb = grad + net->bias_offset[l];
  size_t j = 0;
  for (; j + 2 <= w_out; j += 2) {
    size_t i = 0;
    for (; i + 4 <= w_in; i += 4) {
      ib_lane s[8];
      for (size_t q = 0; q < 8; q++)
        s[q] = lane_broadcast(0.0);
      for (size_t b = 0; b < n_blocks; b++) {
        const ib_lane *Ab = A + b * a_stride + i, *Db = D + b * T + j;
        const ib_lane d0 = Db[0], d1 = Db[1];
        for (size_t q = 0; q < 4; q++) {
          s[q] += Ab[q] * d0;
          s[4 + q] += Ab[q] * d1;
        }
      }
      for (size_t q = 0; q < 4; q++) {
        gW[i + q + j * w_in] = lane_sum(s[q]);
        gW[i + q + (j + 1) * w_in] = lane_sum(s[4 + q]);
      }
    }
    for (; i < w_in; i++) {
      ib_lane s0 = lane_broadcast(0.0), s1 = s0;
      for (size_t b = 0; b < n_blocks; b++) {
        const ib_lane ai = A[b * a_stride + i];
        s0 += ai * D[b * T + j];
        s1 += ai * D[b * T + j + 1];
      }
      gW[i + j * w_in] = lane_sum(s0);
      gW[i + (j + 1) * w_in] = lane_sum(s1);
    }
  }
  for (; j < w_out; j++)
    for (size_t i = 0; i < w_in; i++) {
      ib_lane s0 = lane_broadcast(0.0);
      for (size_t b = 0; b < n_blocks; b++)
        s0 += A[b * a_stride + i] * D[b * T + j];
      gW[i + j * w_in] = lane_sum(s0);
    }
  for (j = 0; j < w_out; j++) {
    ib_lane s0 = lane_broadcast(0.0);
    for (size_t b = 0; b < n_blocks; b++)
      s0 += D[b * T + j];
    gb[j] = lane_sum(s0);
  }
}

/* Rows rows[0..count-1] into the input lanes; lanes past count repeat the first row. */
IB_LANE_INLINE void load_block(ib_lane *input, size_t d, const double *Xr, const size_t *rows,
                               size_t count)
{
  /* each input vector built in registers from eight rows: lane by lane stores followed by
   * a vector load would stall on store forwarding */
  const double *x[IB_LANES];
  for (size_t lane = 0; lane < IB_LANES; lane++)
    x[lane] = Xr + rows[lane < count ? lane : 0] * d;
  for (size_t i = 0; i < d; i++)
    input[i] = (ib_lane){x[0][i], x[1][i], x[2][i], x[3][i], x[4][i], x[5][i], x[6][i],
                         x[7][i]};
}

/* The lanes of a block of eight values v[rows[lane]] (lanes past count repeat the first). */
IB_LANE_INLINE ib_lane gather_labels(const size_t *y, const size_t *rows, size_t count)
{
  size_t r[IB_LANES];
  for (size_t lane = 0; lane < IB_LANES; lane++)
    r[lane] = rows[lane < count ? lane : 0];
  return (ib_lane){(double) y[r[0]], (double) y[r[1]], (double) y[r[2]], (double) y[r[3]],
                   (double) y[r[4]], (double) y[r[5]], (double) y[r[6]], (double) y[r[7]]};
}

IB_DISPATCH
void ib_lanes_gradient(ib_lanes *k, const double *params, const double *Xr, const size_t *y,
                       const size_t *idx, size_t rows, double *grad)
{
  const ib_net *net = k->net;
  const size_t d = net->widths[0], T = net->total_width;
  const double inv_rows = 1.0 / (double) rows;
  const ib_lane lane_index = {0, 1, 2, 3, 4, 5, 6, 7};
  size_t n_blocks = 0;
  for (size_t start = 0; start < rows; start += IB_LANES, n_blocks++) {
    const size_t count = rows - start < IB_LANES ? rows - start : IB_LANES;
    ib_lane *input = k->inputs + n_blocks * d, *acts = k->acts + n_blocks * T;
    ib_lane unused_max, unused_sum;
    const ib_lane label = gather_labels(y, idx + start, count);
    const ib_lane scale = count == IB_LANES ? lane_broadcast(inv_rows) : lane_select(
        lane_index < lane_broadcast((double) count), lane_broadcast(inv_rows),
        lane_broadcast(0.0));
    load_block(input, d, Xr, idx + start, count);
    forward_block(net, params, input, acts, NULL, &unused_max, &unused_sum);
    backward_block(net, params, acts, k->deltas + n_blocks * T, scale, label);
  }
  for (size_t l = 0; l < net->n_layers; l++)
    layer_gradient(k, l, n_blocks, grad);
}

IB_DISPATCH
void ib_lanes_forward_all(ib_lanes *k, const double *params, const double *Xr, size_t n,
                          const size_t *y, double *acts, double *row_loss)
{
  const ib_net *net = k->net;
  const size_t total = net->total_width;
  size_t rows[IB_LANES];
  for (size_t start = 0; start < n; start += IB_LANES) {
    const size_t count = n - start < IB_LANES ? n - start : IB_LANES;
    ib_lane m, s;
    for (size_t lane = 0; lane < IB_LANES; lane++)
      rows[lane] = start + (lane < count ? lane : 0);
    load_block(k->inputs, net->widths[0], Xr, rows, count);
    forward_block(net, params, k->inputs, k->acts, k->logits, &m, &s);
    if (count == IB_LANES) /* a constant size: one vector store, not a string copy */
      for (size_t c = 0; c < total; c++)
        memcpy(acts + start + n * c, &k->acts[c], sizeof(ib_lane));
    else
      for (size_t c = 0; c < total; c++)
        memcpy(acts + start + n * c, &k->acts[c], count * sizeof(double));
    if (y && net->output == IB_OUT_SIGMOID)
      for (size_t lane = 0; lane < count; lane++) {
        const double z = k->logits[0][lane];
        row_loss[start + lane] = ((z > 0 ? z : 0.0) - (y[start + lane] ? z : 0.0)) +
                                 log1p(exp(-fabs(z)));
      }
    else if (y)
      for (size_t lane = 0; lane < count; lane++)
        row_loss[start + lane] =
            (m[lane] - k->logits[y[start + lane]][lane]) + log(s[lane]);
  }
}
