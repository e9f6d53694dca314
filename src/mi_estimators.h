/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi_estimators.h - the three entry points every estimator provides (one file each:
 * mi_bin.c, mi_adaptive.c, mi_kde.c, mi_knn.c, mi_renyi.c, mi_exact.c). Only mi.c calls
 * these; everybody else goes through the dispatch in mi.h. The signatures mirror ib_layer_mi, ib_mutual_info
 * and ib_entropy; an estimator that cannot do a case (e.g. a discrete side) returns IB_ERR_ARG. */
#ifndef IB_MI_ESTIMATORS_H
#define IB_MI_ESTIMATORS_H

#include "mi.h"

#define IB_DECLARE_ESTIMATOR(name)                                                          \
  ib_status ib_##name##_layer_mi(const ib_mi_options *opt, const double *T, size_t n,       \
                                 size_t width, const ib_layer_context *ctx,                 \
                                 ib_layer_result *result);                                  \
  ib_status ib_##name##_mutual_info(const ib_mi_options *opt, const double *A, size_t n,    \
                                    size_t da, int a_discrete, const double *B, size_t db,  \
                                    int b_discrete, double *mi, ib_layer_result *info);     \
  ib_status ib_##name##_entropy(const ib_mi_options *opt, const double *A, size_t n,        \
                                size_t da, int a_discrete, double *h);

IB_DECLARE_ESTIMATOR(bin)
IB_DECLARE_ESTIMATOR(adaptive)
IB_DECLARE_ESTIMATOR(kde)
IB_DECLARE_ESTIMATOR(knn)
IB_DECLARE_ESTIMATOR(renyi)
IB_DECLARE_ESTIMATOR(exact)

#undef IB_DECLARE_ESTIMATOR

#endif
