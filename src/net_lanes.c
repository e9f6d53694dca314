/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_lanes.c - forward and backward passes of small networks, one row per vector lane, in
 * double (8 lanes, lanes.h) or single precision (16 lanes, lanes_float.h): the workspace
 * and the pick of the passes compiled for the CPU's x86-64 level (net_lanes_isa.c). */
#include <stdlib.h>
#include <string.h>
#include "lanes.h"
#include "lanes_float.h"
#include "net_lanes.h"
#include "net_lanes_isa.h"

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
  const ib_lanes_isa *isa; /* the passes compiled for this CPU */
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
  k->isa = ib_lanes_isa_best();
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

const ib_lanes_isa *const ib_lanes_isas[] = {&ib_lanes_isa_v4, &ib_lanes_isa_v3,
                                               &ib_lanes_isa_base, NULL};

/* The names are GCC's for the levels (what its target_clones dispatch on). */
int ib_lanes_isa_runs_here(const ib_lanes_isa *isa)
{
  __builtin_cpu_init();
  if (isa == &ib_lanes_isa_v4)
    return __builtin_cpu_supports("x86-64-v4") != 0;
  if (isa == &ib_lanes_isa_v3)
    return __builtin_cpu_supports("x86-64-v3") != 0;
  return isa == &ib_lanes_isa_base;
}

const ib_lanes_isa *ib_lanes_isa_best(void)
{
  size_t i = 0;
  while (!ib_lanes_isa_runs_here(ib_lanes_isas[i]))
    i++;
  return ib_lanes_isas[i];
}

void ib_lanes_use_isa(ib_lanes *k, const ib_lanes_isa *isa)
{
  k->isa = isa;
}

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
    k->isa->gradient_single(k->net, single_params(k, params), k->inputs, k->acts, k->deltas,
                            k->acc, k->max_blocks, Xr, y, idx, rows, grad);
  else
    k->isa->gradient_double(k->net, params, k->inputs, k->acts, k->deltas, k->acc,
                            k->max_blocks, Xr, y, idx, rows, grad);
}

void ib_lanes_forward_all(ib_lanes *k, const double *params, const double *Xr, size_t n,
                          const size_t *y, double *acts, double *row_loss)
{
  if (k->precision == IB_PRECISION_SINGLE)
    k->isa->forward_all_single(k->net, single_params(k, params), k->inputs, k->acts,
                               k->logits, k->max_blocks, Xr, n, y, acts, row_loss);
  else
    k->isa->forward_all_double(k->net, params, k->inputs, k->acts, k->logits, k->max_blocks,
                               Xr, n, y, acts, row_loss);
}

void ib_lanes_activate_doubles(ib_activation act, double *z, size_t count)
{
  ib_lanes_isa_best()->activate_doubles(act, z, count);
}

void ib_lanes_activate_floats(ib_activation act, float *z, size_t count)
{
  ib_lanes_isa_best()->activate_floats(act, z, count);
}

void ib_lanes_times_derivative_floats(ib_activation act, const float *a, const float *delta,
                                      float *out, size_t count)
{
  ib_lanes_isa_best()->times_derivative_floats(act, a, delta, out, count);
}
