/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net_single.h - the BLAS path of wide networks (net.c's) in single precision: float32
 * matrices through cblas_sgemm, and the lane kernel's float activations (lanes_float.h) a
 * vector of 16 values at a time, so that a wide network computes in float as a small one
 * does on the lane kernel (up to the order of the sums). As there, parameters come in as
 * double and are rounded to float for each pass; gradients, activations and losses go out
 * as double, so the optimiser, the saved state and the estimators work in double. */
#ifndef IB_NET_SINGLE_H
#define IB_NET_SINGLE_H

#include <stddef.h>
#include "net.h"

typedef struct ib_net_single ib_net_single;

/* Workspace for one network and at most max_rows rows a pass (NULL when memory runs out);
 * the network must outlive it. */
ib_net_single *ib_net_single_new(const ib_net *net, size_t max_rows);
void ib_net_single_delete(ib_net_single *s);

/* grad (n_params) = gradient of the mean over the `rows` rows of input (rows x widths[0],
 * column-major, rows <= max_rows) of -log p(labels[i] | row i). */
void ib_net_single_gradient(ib_net_single *s, const double *params, const double *input,
                            size_t rows, const size_t *labels, double *grad);

/* ib_net_forward in single precision for any number n of rows of X (n x widths[0],
 * column-major), max_rows at a time: acts (n x total_width) and, with labels,
 * row_loss[i] = -log p(labels[i] | row i) from the logits. */
void ib_net_single_forward(ib_net_single *s, const double *params, const double *X, size_t n,
                           const size_t *labels, double *acts, double *row_loss);

#endif
