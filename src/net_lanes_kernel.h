/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_lanes_kernel.h - the lane kernel written once for both precisions; net_lanes_isa.c
 * includes it once per precision after defining:
 *   real, vec, LANES    the scalar, its vector type and the number of lanes
 *   L(fn)               the vector function fn of that type (lane_fn of lanes.h, ...)
 *   K(fn)               this precision's name for the kernel function fn
 *   VEC_OF_ROWS(x, i)   the vector of x[lane][i] over the lanes (x: LANES row pointers)
 *   VEC_OF_LABELS(y, r) the vector of (real) y[r[lane]]
 * Parameters come in as `real`, inputs as double rows (converted on loading), gradients
 * and activations go out as double. */

KERNEL_INLINE void K(activate)(ib_activation act, vec *z, size_t count)
{
  const vec zero = L(broadcast)(0.0), one = L(broadcast)(1.0);
  switch (act) {
  case IB_ACT_TANH:
    for (size_t j = 0; j < count; j++)
      z[j] = L(tanh)(z[j]);
    break;
  case IB_ACT_RELU:
    for (size_t j = 0; j < count; j++)
      z[j] = L(select)(z[j] > zero, z[j], zero);
    break;
  case IB_ACT_SIGMOID:
    for (size_t j = 0; j < count; j++)
      z[j] = one / (one + L(exp)(-z[j]));
    break;
  case IB_ACT_SOFTSIGN:
    for (size_t j = 0; j < count; j++)
      z[j] = z[j] / (one + L(abs)(z[j]));
    break;
  case IB_ACT_SOFTPLUS: /* log(1 + e^z) = max(z, 0) + log1p(e^-|z|), without overflow */
    for (size_t j = 0; j < count; j++)
      z[j] = L(max)(z[j], zero) + L(log1p_unit)(L(exp)(-L(abs)(z[j])));
    break;
  case IB_ACT_LINEAR:
  case IB_ACT_COUNT:
    break;
  }
}

/* f in place on count plain values, LANES at a time (the tail's lanes padded with zeros,
 * never stored): the wide networks' paths use the kernel's activations. */
static void K(activate_values)(ib_activation act, real *z, size_t count)
{
  for (size_t i = 0; i < count; i += LANES) {
    const size_t m = count - i < LANES ? count - i : LANES;
    vec v = L(broadcast)(0);
    memcpy(&v, z + i, m * sizeof(real));
    K(activate)(act, &v, 1);
    memcpy(z + i, &v, m * sizeof(real));
  }
}

/* delta f'(z) for one vector, the derivative written through a = f(z). */
KERNEL_INLINE vec K(times_derivative)(ib_activation act, vec a, vec delta)
{
  const vec zero = L(broadcast)(0.0), one = L(broadcast)(1.0);
  switch (act) {
  case IB_ACT_TANH:
    return delta * L(mul_add)(-a, a, one);
  case IB_ACT_RELU:
    return L(select)(a > zero, delta, zero);
  case IB_ACT_SIGMOID:
    return delta * (a * (one - a));
  case IB_ACT_SOFTSIGN: {
    const vec s = one - L(abs)(a);
    return delta * (s * s);
  }
  case IB_ACT_SOFTPLUS: /* sigmoid(z) = 1 - e^-a */
    return delta * (one - L(exp)(-a));
  case IB_ACT_LINEAR:
  case IB_ACT_COUNT:
    break;
  }
  return delta;
}

/* Softmax over the `count` classes of each lane, shifted by the lane's maximum so that exp
 * never overflows; returns the maximum and the sum of the shifted exponentials. */
KERNEL_INLINE void K(softmax)(vec *z, size_t count, vec *max_out, vec *sum_out)
{
  vec m = z[0];
  for (size_t j = 1; j < count; j++)
    m = L(select)(z[j] > m, z[j], m);
  vec s = L(broadcast)(0.0);
  for (size_t j = 0; j < count; j++) {
    z[j] = L(exp)(z[j] - m);
    s += z[j];
  }
  const vec inv = (real) 1 / s;
  for (size_t j = 0; j < count; j++)
    z[j] *= inv;
  *max_out = m;
  *sum_out = s;
}

/* z_j = b_j + sum_i a_i W_ij and y_j = b_j + sum_i c_i W_ij for two blocks of inputs a and c,
 * each sum in increasing i (each step one L(mul_add)), four units at a time: eight
 * independent chains in registers, each weight loaded once for both blocks (the loads,
 * not the multiply-adds, were the limit with one block). */
KERNEL_INLINE void K(affine_pair)(const vec *restrict a, const vec *restrict c,
                                  const real *restrict W, const real *restrict b,
                                  size_t w_in, size_t w_out, vec *restrict z,
                                  vec *restrict y)
{
  size_t j = 0;
  for (; j + 4 <= w_out; j += 4) {
    const real *W0 = W + j * w_in, *W1 = W0 + w_in, *W2 = W1 + w_in, *W3 = W2 + w_in;
    vec z0 = L(broadcast)(b[j]), z1 = L(broadcast)(b[j + 1]);
    vec z2 = L(broadcast)(b[j + 2]), z3 = L(broadcast)(b[j + 3]);
    vec y0 = z0, y1 = z1, y2 = z2, y3 = z3;
    for (size_t i = 0; i < w_in; i++) {
      const vec ai = a[i], ci = c[i];
      const vec w0 = L(broadcast)(W0[i]), w1 = L(broadcast)(W1[i]);
      const vec w2 = L(broadcast)(W2[i]), w3 = L(broadcast)(W3[i]);
      z0 = L(mul_add)(ai, w0, z0), y0 = L(mul_add)(ci, w0, y0);
      z1 = L(mul_add)(ai, w1, z1), y1 = L(mul_add)(ci, w1, y1);
      z2 = L(mul_add)(ai, w2, z2), y2 = L(mul_add)(ci, w2, y2);
      z3 = L(mul_add)(ai, w3, z3), y3 = L(mul_add)(ci, w3, y3);
    }
    z[j] = z0, z[j + 1] = z1, z[j + 2] = z2, z[j + 3] = z3;
    y[j] = y0, y[j + 1] = y1, y[j + 2] = y2, y[j + 3] = y3;
  }
  for (; j < w_out; j++) {
    const real *Wj = W + j * w_in;
    vec zj = L(broadcast)(b[j]), yj = zj;
    for (size_t i = 0; i < w_in; i++) {
      const vec w = L(broadcast)(Wj[i]);
      zj = L(mul_add)(a[i], w, zj), yj = L(mul_add)(c[i], w, yj);
    }
    z[j] = zj, y[j] = yj;
  }
}

/* Layer l of n_blocks blocks (block b's inputs at input + b * widths[0], its activations at
 * acts + b * total_width): the blocks are
 * independent, so their chains of additions and activations overlap in the CPU, where one
 * block through all layers would wait on each layer's latency. Z_j = b_j + sum_k A_k W_kj,
 * the sum in increasing k. At the output: logits (n_blocks x classes), if not NULL,
 * receives the values before the softmax, max_out and sum_out (n_blocks) the softmax's
 * shift and sum. */
KERNEL_INLINE void K(forward_layer)(const ib_net *net, const real *params, size_t l,
                                    const vec *input, vec *acts, size_t n_blocks, vec *logits,
                                    vec *max_out, vec *sum_out)
{
  const size_t w_in = net->widths[l], w_out = net->widths[l + 1], stride = net->total_width;
  const real *W = params + net->weight_offset[l], *b = params + net->bias_offset[l];
  const int last = l + 1 == net->n_layers;
  /* blocks two at a time; an odd last block with itself, the copy's sums thrown away */
  vec spare[IB_LANES_MAX_WIDTH];
  for (size_t blk = 0; blk < n_blocks; blk += 2) {
    const vec *a = l > 0 ? acts + blk * stride + net->act_offset[l - 1] : input + blk * w_in;
    vec *z = acts + blk * stride + net->act_offset[l];
    const int pair = blk + 1 < n_blocks;
    K(affine_pair)(a, pair ? a + (l > 0 ? stride : w_in) : a, W, b, w_in, w_out, z,
                   pair ? z + stride : spare);
  }
  /* then the activations, all independent of each other */
  for (size_t blk = 0; blk < n_blocks; blk++) {
    vec *z = acts + blk * stride + net->act_offset[l];
    if (!last) {
      K(activate)(net->activation, z, w_out);
    } else {
      if (logits)
        memcpy(logits + blk * w_out, z, w_out * sizeof *z);
      if (net->output == IB_OUT_SIGMOID)
        z[0] = L(broadcast)(1.0) / (L(broadcast)(1.0) + L(exp)(-z[0]));
      else
        K(softmax)(z, w_out, max_out + blk, sum_out + blk);
    }
    L(quantize)(z, w_out, net->quant_bits, net->quant_range + 2 * l);
  }
}

/* The output's error signals of one block: scale holds 1 / rows in the lanes of real rows
 * and 0 in padding lanes; label holds each lane's class. D_last = (p - onehot) scale. */
KERNEL_INLINE void K(output_deltas)(const ib_net *net, const vec *acts, vec *deltas,
                                    vec scale, vec label)
{
  const size_t last = net->n_layers - 1, n_classes = net->widths[last + 1];
  const vec *P = acts + net->act_offset[last];
  vec *D = deltas + net->act_offset[last];
  if (net->output == IB_OUT_SIGMOID) /* d loss / dz = p - y */
    D[0] = (P[0] - label) * scale;
  else
    for (size_t j = 0; j < n_classes; j++) {
      const vec onehot = L(select)(label == L(broadcast)((real) j),
                                         L(broadcast)(1.0), L(broadcast)(0.0));
      D[j] = (P[j] - onehot) * scale;
    }
}

/* back_i = (sum_j D_j W_ij) f'(A_i) and back2_i = (sum_j E_j W_ij) f'(A2_i) for two blocks,
 * each sum in increasing j, four inputs i at a time: eight chains, each weight loaded once
 * for both blocks. */
KERNEL_INLINE void K(backward_pair)(ib_activation act, const real *restrict W, size_t w_in,
                                    size_t w_out, const vec *restrict D,
                                    const vec *restrict E, const vec *A, const vec *A2,
                                    vec *restrict back, vec *restrict back2)
{
  size_t i = 0;
  for (; i + 4 <= w_in; i += 4) {
    vec s0 = L(broadcast)(0.0), s1 = s0, s2 = s0, s3 = s0;
    vec e0 = s0, e1 = s0, e2 = s0, e3 = s0;
    for (size_t j = 0; j < w_out; j++) {
      const vec dj = D[j], ej = E[j];
      const real *Wj = W + j * w_in + i;
      const vec w0 = L(broadcast)(Wj[0]), w1 = L(broadcast)(Wj[1]);
      const vec w2 = L(broadcast)(Wj[2]), w3 = L(broadcast)(Wj[3]);
      s0 = L(mul_add)(dj, w0, s0), e0 = L(mul_add)(ej, w0, e0);
      s1 = L(mul_add)(dj, w1, s1), e1 = L(mul_add)(ej, w1, e1);
      s2 = L(mul_add)(dj, w2, s2), e2 = L(mul_add)(ej, w2, e2);
      s3 = L(mul_add)(dj, w3, s3), e3 = L(mul_add)(ej, w3, e3);
    }
    back[i] = K(times_derivative)(act, A[i], s0);
    back[i + 1] = K(times_derivative)(act, A[i + 1], s1);
    back[i + 2] = K(times_derivative)(act, A[i + 2], s2);
    back[i + 3] = K(times_derivative)(act, A[i + 3], s3);
    back2[i] = K(times_derivative)(act, A2[i], e0);
    back2[i + 1] = K(times_derivative)(act, A2[i + 1], e1);
    back2[i + 2] = K(times_derivative)(act, A2[i + 2], e2);
    back2[i + 3] = K(times_derivative)(act, A2[i + 3], e3);
  }
  for (; i < w_in; i++) {
    vec si = L(broadcast)(0.0), ei = si;
    for (size_t j = 0; j < w_out; j++) {
      const vec w = L(broadcast)(W[j * w_in + i]);
      si = L(mul_add)(D[j], w, si), ei = L(mul_add)(E[j], w, ei);
    }
    back[i] = K(times_derivative)(act, A[i], si);
    back2[i] = K(times_derivative)(act, A2[i], ei);
  }
}

/* D_{l-1} = (D_l W_l') .* f'(A_{l-1}) for n_blocks blocks, two at a time (an odd last block
 * with itself, the copy thrown away). */
KERNEL_INLINE void K(backward_layer)(const ib_net *net, const real *params, size_t l,
                                     const vec *acts, vec *deltas, size_t n_blocks)
{
  const size_t w_in = net->widths[l], w_out = net->widths[l + 1], stride = net->total_width;
  const real *W = params + net->weight_offset[l];
  vec spare[IB_LANES_MAX_WIDTH];
  for (size_t blk = 0; blk < n_blocks; blk += 2) {
    const vec *D = deltas + blk * stride + net->act_offset[l];
    const vec *A = acts + blk * stride + net->act_offset[l - 1];
    vec *back = deltas + blk * stride + net->act_offset[l - 1];
    const int pair = blk + 1 < n_blocks;
    K(backward_pair)(net->activation, W, w_in, w_out, D, pair ? D + stride : D, A,
                     pair ? A + stride : A, back, pair ? back + stride : spare);
  }
}

/* The per-lane sums of layer l's gradient over n_blocks more blocks, added to acc (a
 * vector per parameter, the layout of params): W_ij += A_i D_j, b_j += D_j, block after
 * block in order, so that the lanes, added up at the end, give the same sums however the
 * blocks were grouped. Four units j and four inputs i at a time: sixteen sums in
 * registers, eight loads per sixteen multiply-adds (two units took six per eight, and the
 * loads were the limit); then the units left over one by one, four inputs at a time. */
KERNEL_INLINE void K(layer_accumulate)(const ib_net *net, const vec *inputs, const vec *acts,
                                       const vec *deltas, size_t l, size_t n_blocks, vec *acc)
{
  const size_t w_in = net->widths[l], w_out = net->widths[l + 1], T = net->total_width;
  const vec *A = l > 0 ? acts + net->act_offset[l - 1] : inputs;
  const size_t a_stride = l > 0 ? T : w_in; /* an input block is widths[0] vectors */
  const vec *D = deltas + net->act_offset[l];
  vec *gW = acc + net->weight_offset[l], *gb = acc + net->bias_offset[l];
  size_t j = 0;
  for (; j + 4 <= w_out; j += 4) {
    size_t i = 0;
    for (; i + 4 <= w_in; i += 4) {
      vec *g0 = gW + i + j * w_in, *g1 = g0 + w_in, *g2 = g1 + w_in, *g3 = g2 + w_in;
      vec s0 = g0[0], s1 = g0[1], s2 = g0[2], s3 = g0[3];
      vec t0 = g1[0], t1 = g1[1], t2 = g1[2], t3 = g1[3];
      vec u0 = g2[0], u1 = g2[1], u2 = g2[2], u3 = g2[3];
      vec v0 = g3[0], v1 = g3[1], v2 = g3[2], v3 = g3[3];
      for (size_t b = 0; b < n_blocks; b++) {
        const vec *Ab = A + b * a_stride + i, *Db = D + b * T + j;
        const vec a0 = Ab[0], a1 = Ab[1], a2 = Ab[2], a3 = Ab[3];
        const vec d0 = Db[0], d1 = Db[1], d2 = Db[2], d3 = Db[3];
        s0 = L(mul_add)(a0, d0, s0), s1 = L(mul_add)(a1, d0, s1);
        s2 = L(mul_add)(a2, d0, s2), s3 = L(mul_add)(a3, d0, s3);
        t0 = L(mul_add)(a0, d1, t0), t1 = L(mul_add)(a1, d1, t1);
        t2 = L(mul_add)(a2, d1, t2), t3 = L(mul_add)(a3, d1, t3);
        u0 = L(mul_add)(a0, d2, u0), u1 = L(mul_add)(a1, d2, u1);
        u2 = L(mul_add)(a2, d2, u2), u3 = L(mul_add)(a3, d2, u3);
        v0 = L(mul_add)(a0, d3, v0), v1 = L(mul_add)(a1, d3, v1);
        v2 = L(mul_add)(a2, d3, v2), v3 = L(mul_add)(a3, d3, v3);
      }
      g0[0] = s0, g0[1] = s1, g0[2] = s2, g0[3] = s3;
      g1[0] = t0, g1[1] = t1, g1[2] = t2, g1[3] = t3;
      g2[0] = u0, g2[1] = u1, g2[2] = u2, g2[3] = u3;
      g3[0] = v0, g3[1] = v1, g3[2] = v2, g3[3] = v3;
    }
    for (; i < w_in; i++) {
      vec *g = gW + i + j * w_in;
      vec s0 = g[0], s1 = g[w_in], s2 = g[2 * w_in], s3 = g[3 * w_in];
      for (size_t b = 0; b < n_blocks; b++) {
        const vec ai = A[b * a_stride + i], *Db = D + b * T + j;
        s0 = L(mul_add)(ai, Db[0], s0), s1 = L(mul_add)(ai, Db[1], s1);
        s2 = L(mul_add)(ai, Db[2], s2), s3 = L(mul_add)(ai, Db[3], s3);
      }
      g[0] = s0, g[w_in] = s1, g[2 * w_in] = s2, g[3 * w_in] = s3;
    }
  }
  for (; j < w_out; j++) {
    size_t i = 0;
    for (; i + 4 <= w_in; i += 4) {
      vec *g = gW + i + j * w_in;
      vec s0 = g[0], s1 = g[1], s2 = g[2], s3 = g[3];
      for (size_t b = 0; b < n_blocks; b++) {
        const vec *Ab = A + b * a_stride + i, dj = D[b * T + j];
        s0 = L(mul_add)(Ab[0], dj, s0), s1 = L(mul_add)(Ab[1], dj, s1);
        s2 = L(mul_add)(Ab[2], dj, s2), s3 = L(mul_add)(Ab[3], dj, s3);
      }
      g[0] = s0, g[1] = s1, g[2] = s2, g[3] = s3;
    }
    for (; i < w_in; i++) {
      vec s0 = gW[i + j * w_in];
      for (size_t b = 0; b < n_blocks; b++)
        s0 = L(mul_add)(A[b * a_stride + i], D[b * T + j], s0);
      gW[i + j * w_in] = s0;
    }
  }
  for (j = 0; j < w_out; j++) {
    vec s0 = gb[j];
    for (size_t b = 0; b < n_blocks; b++)
      s0 += D[b * T + j];
    gb[j] = s0;
  }
}

/* Rows rows[0..count-1] into the input lanes; lanes past count repeat the first row. Each
 * input vector is built in registers (lane by lane stores followed by a vector load would
 * stall on store forwarding). */
KERNEL_INLINE void K(load_block)(vec *input, size_t d, const double *Xr, const size_t *rows,
                                 size_t count)
{
  const double *x[LANES];
  for (size_t lane = 0; lane < LANES; lane++)
    x[lane] = Xr + rows[lane < count ? lane : 0] * d;
  for (size_t i = 0; i < d; i++)
    input[i] = VEC_OF_ROWS(x, i);
}

/* The lanes of a block of labels y[rows[lane]] (lanes past count repeat the first). */
KERNEL_INLINE vec K(gather_labels)(const size_t *y, const size_t *rows, size_t count)
{
  size_t r[LANES];
  for (size_t lane = 0; lane < LANES; lane++)
    r[lane] = rows[lane < count ? lane : 0];
  return VEC_OF_LABELS(y, r);
}

KERNEL_INLINE vec K(lane_index)(void)
{
  vec v;
  for (size_t lane = 0; lane < LANES; lane++)
    v[lane] = (real) lane;
  return v;
}

static
void K(gradient)(const ib_net *net, const real *params, vec *inputs, vec *acts, vec *deltas,
                 vec *acc, size_t max_blocks, const double *Xr, const size_t *y,
                 const size_t *idx, size_t rows, double *grad)
{
  const size_t d = net->widths[0], T = net->total_width;
  const real inv_rows = (real) 1 / (real) rows;
  const vec lane_index = K(lane_index)();
  const size_t n_blocks = (rows + LANES - 1) / LANES;
  for (size_t p = 0; p < net->n_params; p++)
    acc[p] = L(broadcast)(0.0);
  vec unused_max[IB_LANES_CHUNK], unused_sum[IB_LANES_CHUNK];
  /* a chunk of blocks at a time, whose activations stay in L1 cache; within it layer by
   * layer, so that the blocks' independent chains overlap */
  const size_t most = max_blocks < IB_LANES_CHUNK ? max_blocks : IB_LANES_CHUNK;
  for (size_t first = 0; first < n_blocks; first += most) {
    const size_t chunk = n_blocks - first < most ? n_blocks - first : most;
    for (size_t blk = 0; blk < chunk; blk++) {
      const size_t start = (first + blk) * LANES;
      const size_t count = rows - start < LANES ? rows - start : LANES;
      K(load_block)(inputs + blk * d, d, Xr, idx + start, count);
    }
    for (size_t l = 0; l < net->n_layers; l++)
      K(forward_layer)(net, params, l, inputs, acts, chunk, NULL, unused_max, unused_sum);
    for (size_t blk = 0; blk < chunk; blk++) {
      const size_t start = (first + blk) * LANES;
      const size_t count = rows - start < LANES ? rows - start : LANES;
      const vec label = K(gather_labels)(y, idx + start, count);
      const vec scale = count == LANES ? L(broadcast)(inv_rows) : L(select)(
          lane_index < L(broadcast)((real) count), L(broadcast)(inv_rows), L(broadcast)(0));
      K(output_deltas)(net, acts + blk * T, deltas + blk * T, scale, label);
    }
    for (size_t l = net->n_layers - 1; l > 0; l--)
      K(backward_layer)(net, params, l, acts, deltas, chunk);
    for (size_t l = 0; l < net->n_layers; l++)
      K(layer_accumulate)(net, inputs, acts, deltas, l, chunk, acc);
  }
  for (size_t p = 0; p < net->n_params; p++)
    grad[p] = L(sum)(acc[p]);
}

static
void K(forward_all)(const ib_net *net, const real *params, vec *input, vec *acts, vec *logits,
                    size_t max_blocks, const double *Xr, size_t n, const size_t *y,
                    double *out, double *row_loss)
{
  typedef double wide __attribute__((vector_size(LANES * sizeof(double))));
  const size_t d = net->widths[0], T = net->total_width;
  const size_t classes = net->widths[net->n_layers];
  const size_t chunk_rows = (max_blocks < IB_LANES_CHUNK ? max_blocks : IB_LANES_CHUNK) * LANES;
  size_t rows[LANES];
  vec m[IB_LANES_CHUNK], s[IB_LANES_CHUNK];
  for (size_t first = 0; first < n; first += chunk_rows) {
    const size_t in_chunk = n - first < chunk_rows ? n - first : chunk_rows;
    const size_t n_blocks = (in_chunk + LANES - 1) / LANES;
    for (size_t blk = 0; blk < n_blocks; blk++) {
      const size_t start = first + blk * LANES;
      const size_t count = n - start < LANES ? n - start : LANES;
      for (size_t lane = 0; lane < LANES; lane++)
        rows[lane] = start + (lane < count ? lane : 0);
      K(load_block)(input + blk * d, d, Xr, rows, count);
    }
    for (size_t l = 0; l < net->n_layers; l++)
      K(forward_layer)(net, params, l, input, acts, n_blocks, logits, m, s);
    /* column by column: the chunk's rows of a column are one run of memory, where a block
     * at a time wrote T places n doubles apart (the same cache set when n is a power of 2) */
    for (size_t c = 0; c < T; c++)
      for (size_t blk = 0; blk < n_blocks; blk++) {
        const size_t start = first + blk * LANES;
        const size_t count = n - start < LANES ? n - start : LANES;
        const wide a = __builtin_convertvector(acts[blk * T + c], wide);
        if (count == LANES) /* a constant size: one vector store, not a string copy */
          memcpy(out + start + n * c, &a, sizeof a);
        else
          memcpy(out + start + n * c, &a, count * sizeof(double));
      }
    for (size_t blk = 0; blk < n_blocks; blk++) {
      const size_t start = first + blk * LANES;
      const size_t count = n - start < LANES ? n - start : LANES;
      const vec *z = logits + blk * classes;
      if (y && net->output == IB_OUT_SIGMOID)
        for (size_t lane = 0; lane < count; lane++) {
          const double zl = z[0][lane];
          row_loss[start + lane] = ((zl > 0 ? zl : 0.0) - (y[start + lane] ? zl : 0.0)) +
                                   log1p(exp(-fabs(zl)));
        }
      else if (y)
        for (size_t lane = 0; lane < count; lane++)
          row_loss[start + lane] = ((double) m[blk][lane] -
                                    (double) z[y[start + lane]][lane]) +
                                   log((double) s[blk][lane]);
    }
  }
}
