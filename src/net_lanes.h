/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_lanes.h - the kernel that trains small networks (every width at most
 * IB_LANES_MAX_WIDTH): the rows of a minibatch are processed IB_LANES at a time, one row per
 * vector lane (a block), a few blocks at a time (a chunk) layer by layer through the forward
 * and the backward pass, with the whole working set (the parameters, the gradient
 * accumulated per lane, the chunk's activations) in L1 cache, no library call and no
 * allocation. The per-lane gradients are added in a fixed tree, so a network's result does
 * not depend on how runs are spread over threads, nor on the x86-64 level picked at run time
 * between the two with fused multiply-adds (x86-64-v4: AVX-512, v3: AVX2 + FMA); a CPU
 * without FMA runs a baseline build whose results differ in the last bits (lanes.h). The
 * arithmetic is that of net.c (same layout, activations and softmax) up to the order of the
 * sums and the fused multiply-adds. */
#ifndef IB_NET_LANES_H
#define IB_NET_LANES_H

#include <stddef.h>
#include "net.h"

#define IB_LANES_MAX_WIDTH 64

/* The arithmetic of the kernel: double (8 rows per vector) or single (16 rows per vector;
 * parameters rounded to float for each pass, gradients and activations handed back as
 * double, so the optimiser and the estimators work in double either way). */
typedef enum { IB_PRECISION_DOUBLE = 0, IB_PRECISION_SINGLE, IB_PRECISION_COUNT } ib_precision;

/* Name <-> enum ("double", "single"). Returns 0 on success. */
int ib_precision_from_name(const char *name, ib_precision *precision);
const char *ib_precision_name(ib_precision precision);

/* Whether every width of the network (input included) is small enough for the kernel. */
int ib_lanes_fit(const ib_net *net);

typedef struct ib_lanes ib_lanes;

/* Workspace for one network in the given precision, for chunks of at most max_rows rows
 * (minibatches of any size go through it chunk by chunk, to the same bits); NULL when memory
 * runs out. The network must outlive it. */
ib_lanes *ib_lanes_new(const ib_net *net, size_t max_rows, ib_precision precision);
void ib_lanes_delete(ib_lanes *k);

/* grad (n_params) = gradient of the mean over the rows idx[0..rows-1] of -log p(y | row),
 * for inputs Xr stored row by row (row i at Xr + i * widths[0]). */
void ib_lanes_gradient(ib_lanes *k, const double *params, const double *Xr, const size_t *y,
                       const size_t *idx, size_t rows, double *grad);

/* Activations of every layer for the rows 0..n-1 of Xr into acts, laid out as net.h says
 * (n x total_width, column-major, the last layer the softmax probabilities), and with y,
 * row_loss[i] = -log p(y[i] | row i) from the logits. */
void ib_lanes_forward_all(ib_lanes *k, const double *params, const double *Xr, size_t n,
                          const size_t *y, double *acts, double *row_loss);

/* The kernel's activation f in place on count doubles, the single-precision kernel's on
 * count floats, and its out = delta .* f'(z) written through a = f(z) (out may be a or
 * delta): what the wide networks' paths (net.c, net_single.c) use, so that both paths
 * compute them alike. */
void ib_lanes_activate_doubles(ib_activation act, double *z, size_t count);
void ib_lanes_activate_floats(ib_activation act, float *z, size_t count);
void ib_lanes_times_derivative_floats(ib_activation act, const float *a, const float *delta,
                                      float *out, size_t count);

#endif
