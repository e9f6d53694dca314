/* net_lanes.c - forward and backward passes of small networks, one row per vector lane. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lanes.h"
#include "net_lanes.h"

/* The exported passes are compiled for each of these and picked by the CPU at load time. */
#define IB_DISPATCH __attribute__((target_clones("avx512f", "avx2", "default")))

struct ib_lanes {
  const ib_net *net;
  ib_lane *partial; /* n_params: the gradient, one partial sum per lane */
  ib_lane *acts;    /* total_width: one block's activations, then its error signals */
  ib_lane *input;   /* widths[0] */
  ib_lane *work;    /* max_width */
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
  free(k->partial);
  free(k->acts);
  free(k->input);
  free(k->work);
  free(k->logits);
  free(k);
}

ib_lanes *ib_lanes_new(const ib_net *net)
{
  if (!ib_lanes_fit(net))
    return NULL;
  ib_lanes *k = calloc(1, sizeof *k);
  if (!k)
    return NULL;
  k->net = net;
  k->partial = new_lanes(net->n_params);
  k->acts = new_lanes(net->total_width);
  k->input = new_lanes(net->widths[0]);
  k->work = new_lanes(net->max_width);
  k->logits = new_lanes(net->widths[net->n_layers]);
  if (!k->partial || !k->acts || !k->input || !k->work || !k->logits) {
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
  case IB_ACT_LINEAR:
  case IB_ACT_COUNT:
    break;
  }
}

/* a = delta .* f'(z), in place of a = f(z) (each derivative written through f(z)). */
IB_LANE_INLINE void times_derivative(ib_activation act, const ib_lane *delta, ib_lane *a,
                                     size_t count)
{
  const ib_lane zero = lane_broadcast(0.0), one = lane_broadcast(1.0);
  switch (act) {
  case IB_ACT_TANH:
    for (size_t j = 0; j < count; j++)
      a[j] = delta[j] * (one - a[j] * a[j]);
    break;
  case IB_ACT_RELU:
    for (size_t j = 0; j < count; j++)
      a[j] = lane_select(a[j] > zero, delta[j], zero);
    break;
  case IB_ACT_SIGMOID:
    for (size_t j = 0; j < count; j++)
      a[j] = delta[j] * (a[j] * (one - a[j]));
    break;
  case IB_ACT_SOFTSIGN:
    for (size_t j = 0; j < count; j++) {
      const ib_lane s = one - lane_abs(a[j]);
      a[j] = delta[j] * (s * s);
    }
    break;
  case IB_ACT_LINEAR:
  case IB_ACT_COUNT:
    for (size_t j = 0; j < count; j++)
      a[j] = delta[j];
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
IB_LANE_INLINE void forward_block(const ib_lanes *k, const double *params, ib_lane *logits,
                                  ib_lane *max_out, ib_lane *sum_out)
{
  const ib_net *net = k->net;
  const ib_lane *a = k->input;
  for (size_t l = 0; l < net->n_layers; l++) {
    const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
    const double *W = params + net->weight_offset[l], *b = params + net->bias_offset[l];
    ib_lane *z = k->acts + net->act_offset[l];
    affine_lanes(a, W, b, w_in, w_out, z);
    if (l + 1 < net->n_layers) {
      activate(net->activation, z, w_out);
    } else {
      if (logits)
        memcpy(logits, z, w_out * sizeof *z);
      softmax(z, w_out, max_out, sum_out);
    }
    a = z;
  }
}

/* Adds one block's gradient to the per-lane partial sums. scale holds 1 / rows in the lanes
 * of real rows and 0 in padding lanes; label holds each lane's class. Overwrites the
 * block's activations with the error signals. */
IB_LANE_INLINE void backward_block(ib_lanes *k, const double *params, ib_lane scale,
                                   ib_lane label)
{
  const ib_net *net = k->net;
  const size_t last = net->n_layers - 1, n_classes = net->widths[last + 1];
  ib_lane *D = k->acts + net->act_offset[last];
  for (size_t j = 0; j < n_classes; j++) {
    const ib_lane onehot = lane_select(label == lane_broadcast((double) j),
                                       lane_broadcast(1.0), lane_broadcast(0.0));
    D[j] = (D[j] - onehot) * scale;
  }
  for (size_t l = last + 1; l-- > 0;) {
    const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
    const ib_lane *A = l > 0 ? k->acts + net->act_offset[l - 1] : k->input;
    const double *W = params + net->weight_offset[l];
    ib_lane *gW = k->partial + net->weight_offset[l], *gb = k->partial + net->bias_offset[l];
    D = k->acts + net->act_offset[l];
    for (size_t j = 0; j < w_out; j++) {
      const ib_lane dj = D[j];
      ib_lane *gWj = gW + j * w_in;
      gb[j] += dj;
      for (size_t i = 0; i < w_in; i++)
        gWj[i] += A[i] * dj;
    }
    if (l == 0)
      break;
    /* error signal of layer l - 1: (D W') .* f'(A), the sum in increasing j */
    ib_lane *back = k->work;
    for (size_t i = 0; i < w_in; i++)
      back[i] = lane_broadcast(0.0);
    for (size_t j = 0; j < w_out; j++) {
      const ib_lane dj = D[j];
      const double *Wj = W + j * w_in;
      for (size_t i = 0; i < w_in; i++)
        back[i] += dj * Wj[i];
    }
    times_derivative(net->activation, back, k->acts + net->act_offset[l - 1], w_in);
  }
}

/* Rows rows[0..count-1] into the input lanes; lanes past count repeat the first row. */
IB_LANE_INLINE void load_block(ib_lanes *k, const double *Xr, const size_t *rows, size_t count)
{
  const size_t d = k->net->widths[0];
  for (size_t lane = 0; lane < IB_LANES; lane++) {
    const double *x = Xr + rows[lane < count ? lane : 0] * d;
    for (size_t i = 0; i < d; i++)
      k->input[i][lane] = x[i];
  }
}

IB_DISPATCH
void ib_lanes_gradient(ib_lanes *k, const double *params, const double *Xr, const size_t *y,
                       const size_t *idx, size_t rows, double *grad)
{
  const size_t n_params = k->net->n_params;
  const double inv_rows = 1.0 / (double) rows;
  for (size_t p = 0; p < n_params; p++)
    k->partial[p] = lane_broadcast(0.0);
  for (size_t start = 0; start < rows; start += IB_LANES) {
    const size_t count = rows - start < IB_LANES ? rows - start : IB_LANES;
    ib_lane scale, label, unused_max, unused_sum;
    for (size_t lane = 0; lane < IB_LANES; lane++) {
      scale[lane] = lane < count ? inv_rows : 0.0;
      label[lane] = (double) y[idx[start + (lane < count ? lane : 0)]];
    }
    load_block(k, Xr, idx + start, count);
    forward_block(k, params, NULL, &unused_max, &unused_sum);
    backward_block(k, params, scale, label);
  }
  for (size_t p = 0; p < n_params; p++)
    grad[p] = lane_sum(k->partial[p]);
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
    load_block(k, Xr, rows, count);
    forward_block(k, params, k->logits, &m, &s);
    for (size_t c = 0; c < total; c++)
      memcpy(acts + start + n * c, &k->acts[c], count * sizeof(double));
    if (y)
      for (size_t lane = 0; lane < count; lane++)
        row_loss[start + lane] =
            (m[lane] - k->logits[y[start + lane]][lane]) + log(s[lane]);
  }
}
