/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_lanes.c - forward and backward passes of small networks, one row per vector lane, in
 * double (8 lanes, lanes.h) or single precision (16 lanes, lanes_float.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lanes.h"
#include "lanes_float.h"
#include "net_lanes.h"
#include "quantize.h"

/* The exported passes are compiled for each of these and picked by the CPU at load time. */
#define IB_DISPATCH __attribute__((target_clones("avx512f", "avx2", "default")))
#define KERNEL_INLINE static inline __attribute__((always_inline))
/* Blocks per chunk: a chunk's activations and error signals (2 x 8 x 31 vectors for the
 * paper's network) stay in L1 cache beside the gradient's per-lane sums, however many runs
 * a thread takes turns with; measured fastest among 4, 8, 16 and 64. */
#define IB_LANES_CHUNK 8

static const char *const precision_names[IB_PRECISION_COUNT] = {"double", "single"};

int ib_precision_from_name(const char *name, ib_precision *precision)
{
  for (int p = 0; p < IB_PRECISION_COUNT; p++)
    if (strcmp(name, precision_names[p]) == 0) {
      *precision = (ib_precision) p;
      return 0;
    }
  return -1;
}

const char *ib_precision_name(ib_precision precision)
{
  return (unsigned) precision < IB_PRECISION_COUNT ? precision_names[precision] : "unknown";
}

/* A chunk of a minibatch is held block by block (block b's layer l at acts + b *
 * total_width + act_offset[l]), so that each gradient entry is summed over the chunk's blocks
 * in registers rather than read and written back once per block. The buffers hold vectors
 * of the kernel's precision. */
struct ib_lanes {
  const ib_net *net;
  ib_precision precision;
  size_t max_blocks;
  void *inputs;     /* max_blocks x widths[0] */
  void *acts;       /* max_blocks x total_width: the activations */
  void *deltas;     /* max_blocks x total_width: the error signals */
  void *logits;     /* max_blocks x classes: the output before the softmax (for the loss) */
  void *acc;        /* n_params: the per-lane sums of the gradient */
  float *params_f;  /* single: the parameters rounded to float for each pass */
};

int ib_lanes_fit(const ib_net *net)
{
  return net->max_width <= IB_LANES_MAX_WIDTH;
}

/* Both vector types are 64 bytes: one allocation rule serves both precisions. */
_Static_assert(sizeof(ib_lane) == sizeof(ib_flane), "one vector size");

static void *new_vectors(size_t count)
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
  free(k->acc);
  free(k->params_f);
  free(k);
}

ib_lanes *ib_lanes_new(const ib_net *net, size_t max_rows, ib_precision precision)
{
  if (!ib_lanes_fit(net) || (unsigned) precision >= IB_PRECISION_COUNT)
    return NULL;
  ib_lanes *k = calloc(1, sizeof *k);
  if (!k)
    return NULL;
  k->net = net;
  k->precision = precision;
  k->max_blocks = max_rows / (precision == IB_PRECISION_SINGLE ? IB_FLANES : IB_LANES) + 1;
  if (k->max_blocks > IB_LANES_CHUNK)
    k->max_blocks = IB_LANES_CHUNK;
  const size_t blocks = k->max_blocks;
  if (blocks > SIZE_MAX / (sizeof(ib_lane) * (net->total_width + net->widths[0]))) {
    free(k);
    return NULL;
  }
  k->inputs = new_vectors(blocks * net->widths[0]);
  k->acts = new_vectors(blocks * net->total_width);
  k->deltas = new_vectors(blocks * net->total_width);
  k->logits = new_vectors(blocks * net->widths[net->n_layers]);
  k->acc = new_vectors(net->n_params);
  k->params_f = precision == IB_PRECISION_SINGLE ? malloc(net->n_params * sizeof(float))
                                                 : NULL;
  if (!k->inputs || !k->acts || !k->deltas || !k->logits || !k->acc ||
      (precision == IB_PRECISION_SINGLE && !k->params_f)) {
    ib_lanes_delete(k);
    return NULL;
  }
  return k;
}

/* the double kernel */
#define real double
#define vec ib_lane
#define LANES IB_LANES
#define L(fn) lane_##fn
#define K(fn) fn##_double
#define VEC_OF_ROWS(x, i) \
  ((ib_lane){x[0][i], x[1][i], x[2][i], x[3][i], x[4][i], x[5][i], x[6][i], x[7][i]})
#define VEC_OF_LABELS(y, r)                                                             \
  ((ib_lane){(double) y[r[0]], (double) y[r[1]], (double) y[r[2]], (double) y[r[3]],    \
             (double) y[r[4]], (double) y[r[5]], (double) y[r[6]], (double) y[r[7]]})
#include "net_lanes_kernel.h"
#undef real
#undef vec
#undef LANES
#undef L
#undef K
#undef VEC_OF_ROWS
#undef VEC_OF_LABELS

/* the single kernel */
#define real float
#define vec ib_flane
#define LANES IB_FLANES
#define L(fn) flane_##fn
#define K(fn) fn##_single
#define F(x, l, i) (float) x[l][i]
#define VEC_OF_ROWS(x, i)                                                               \
  ((ib_flane){F(x, 0, i), F(x, 1, i), F(x, 2, i), F(x, 3, i), F(x, 4, i), F(x, 5, i),   \
              F(x, 6, i), F(x, 7, i), F(x, 8, i), F(x, 9, i), F(x, 10, i), F(x, 11, i), \
              F(x, 12, i), F(x, 13, i), F(x, 14, i), F(x, 15, i)})
#define G(y, r, l) (float) y[r[l]]
#define VEC_OF_LABELS(y, r)                                                              \
  ((ib_flane){G(y, r, 0), G(y, r, 1), G(y, r, 2), G(y, r, 3), G(y, r, 4), G(y, r, 5),    \
              G(y, r, 6), G(y, r, 7), G(y, r, 8), G(y, r, 9), G(y, r, 10), G(y, r, 11),  \
              G(y, r, 12), G(y, r, 13), G(y, r, 14), G(y, r, 15)})
#include "net_lanes_kernel.h"

/* The single kernel's parameters: params rounded to float, once per pass. */
static const float *single_params(ib_lanes *k, const double *params)
{
  for (size_t i = 0; i < k->net->n_params; i++)
    k->params_f[i] = (float) params[i];
  return k->params_f;
}

void ib_lanes_gradient(ib_lanes *k, const double *params, const double *Xr, const size_t *y,
                       const size_t *idx, size_t rows, double *grad)
{
  if (k->precision == IB_PRECISION_SINGLE)
    gradient_single(k->net, single_params(k, params), k->inputs, k->acts, k->deltas, k->acc,
                    k->max_blocks, Xr, y, idx, rows, grad);
  else
    gradient_double(k->net, params, k->inputs, k->acts, k->deltas, k->acc, k->max_blocks, Xr,
                    y, idx, rows, grad);
}

void ib_lanes_forward_all(ib_lanes *k, const double *params, const double *Xr, size_t n,
                          const size_t *y, double *acts, double *row_loss)
{
  if (k->precision == IB_PRECISION_SINGLE)
    forward_all_single(k->net, single_params(k, params), k->inputs, k->acts, k->logits,
                       k->max_blocks, Xr, n, y, acts, row_loss);
  else
    forward_all_double(k->net, params, k->inputs, k->acts, k->logits, k->max_blocks, Xr, n,
                       y, acts, row_loss);
}

/* The single kernel's activations and derivatives on plain floats, 16 at a time (the tail's
 * lanes padded with zeros, never stored). */
IB_DISPATCH
void ib_lanes_activate_floats(ib_activation act, float *z, size_t count)
{
  for (size_t i = 0; i < count; i += IB_FLANES) {
    const size_t m = count - i < IB_FLANES ? count - i : IB_FLANES;
    ib_flane v = flane_broadcast(0);
    memcpy(&v, z + i, m * sizeof(float));
    activate_single(act, &v, 1);
    memcpy(z + i, &v, m * sizeof(float));
  }
}

IB_DISPATCH
void ib_lanes_times_derivative_floats(ib_activation act, const float *a, const float *delta,
                                      float *out, size_t count)
{
  for (size_t i = 0; i < count; i += IB_FLANES) {
    const size_t m = count - i < IB_FLANES ? count - i : IB_FLANES;
    ib_flane va = flane_broadcast(0), vd = va;
    memcpy(&va, a + i, m * sizeof(float));
    memcpy(&vd, delta + i, m * sizeof(float));
    times_derivative_single(act, &va, &vd, 1);
    memcpy(out + i, &vd, m * sizeof(float));
  }
}
