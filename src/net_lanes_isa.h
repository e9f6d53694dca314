/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_lanes_isa.h - the lane kernel's passes compiled for each x86-64 level (net_lanes_isa.c),
 * as tables of functions; net_lanes.c picks the best level the CPU runs. Internal to the
 * kernel and its tests. */
#ifndef IB_NET_LANES_ISA_H
#define IB_NET_LANES_ISA_H

#include <stddef.h>
#include "lanes.h"
#include "lanes_float.h"
#include "net_lanes.h"

/* Blocks per chunk: a chunk's activations and error signals (2 x 16 x 31 vectors for the
 * paper's network, 63 KB) stay in L2 cache beside the gradient's per-lane sums,
 * however many runs a thread takes turns with. Measured with the kernel of 0.3.4: 16 and 32
 * 2 % faster than 8 on one run, all three alike with 25 runs to a thread; 4 slower. */
#define IB_LANES_CHUNK 16

/* One level's passes (their arguments: ib_lanes' buffers, net_lanes.c). */
typedef struct {
  const char *name; /* "v4", "v3", "base" */
  int fused;        /* whether L(mul_add) is one rounding (built with FMA) */
  void (*gradient_double)(const ib_net *net, const double *params, ib_lane *inputs,
                          ib_lane *acts, ib_lane *deltas, ib_lane *acc, size_t max_blocks,
                          const double *Xr, const size_t *y, const size_t *idx, size_t rows,
                          double *grad);
  void (*gradient_single)(const ib_net *net, const float *params, ib_flane *inputs,
                          ib_flane *acts, ib_flane *deltas, ib_flane *acc, size_t max_blocks,
                          const double *Xr, const size_t *y, const size_t *idx, size_t rows,
                          double *grad);
  void (*forward_all_double)(const ib_net *net, const double *params, ib_lane *inputs,
                             ib_lane *acts, ib_lane *logits, size_t max_blocks,
                             const double *Xr, size_t n, const size_t *y, double *out,
                             double *row_loss);
  void (*forward_all_single)(const ib_net *net, const float *params, ib_flane *inputs,
                             ib_flane *acts, ib_flane *logits, size_t max_blocks,
                             const double *Xr, size_t n, const size_t *y, double *out,
                             double *row_loss);
  void (*activate_doubles)(ib_activation act, double *z, size_t count);
  void (*activate_floats)(ib_activation act, float *z, size_t count);
  void (*times_derivative_floats)(ib_activation act, const float *a, const float *delta,
                                  float *out, size_t count);
} ib_lanes_isa;

/* The levels LANES_ISAS of flags.mk builds: x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and
 * baseline x86-64 (SSE2), best first, NULL-terminated. */
extern const ib_lanes_isa ib_lanes_isa_v4, ib_lanes_isa_v3, ib_lanes_isa_base;
extern const ib_lanes_isa *const ib_lanes_isas[];

/* Whether this CPU runs the level's code; the best level it runs. */
int ib_lanes_isa_runs_here(const ib_lanes_isa *isa);
const ib_lanes_isa *ib_lanes_isa_best(void);

/* The level a kernel uses (ib_lanes_new sets the best): tests compare the levels with it. */
void ib_lanes_use_isa(ib_lanes *k, const ib_lanes_isa *isa);

#endif
