/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi_binned.h - what the binning estimators share (mi_bin.c, mi_adaptive.c): given a rule
 * that turns values into bin codes, the MI and entropies of the binned rows; and the layer
 * MI of given states, which mi_exact.c shares too. Internal: only the estimators include
 * it. */
#ifndef IB_MI_BINNED_H
#define IB_MI_BINNED_H

#include <stdint.h>
#include "mi.h"

/* Turns the n x d matrix A into bin codes (n x d, column-major). */
typedef ib_status (*ib_binning_fn)(const ib_mi_options *opt, const double *A, size_t n,
                                   size_t d, int32_t *codes);

/* I(X;T) = H(T) - H(T|X) (0 for H(T|X) when ctx says T is a function of X) and
 * I(T;Y) = H(T) - H(T|Y) of a layer whose rows are the states t_id (k_t of them); also used
 * by mi_exact.c, whose states are the rows themselves. */
ib_status ib_states_layer_mi(const size_t *t_id, size_t k_t, size_t n,
                             const ib_layer_context *ctx, ib_layer_result *result);

ib_status ib_binned_layer_mi(const ib_mi_options *opt, ib_binning_fn binning, const double *T,
                             size_t n, size_t width, const ib_layer_context *ctx,
                             ib_layer_result *result);
ib_status ib_binned_mutual_info(const ib_mi_options *opt, ib_binning_fn binning,
                                const double *A, size_t n, size_t da, int a_discrete,
                                const double *B, size_t db, int b_discrete, double *mi,
                                ib_layer_result *info);
ib_status ib_binned_entropy(const ib_mi_options *opt, ib_binning_fn binning, const double *A,
                            size_t n, size_t da, int a_discrete, double *h);

#endif
