/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* kdtree.h - a k-d tree under the max-norm (Chebyshev distance), the neighbour search of
 * the k-nearest-neighbour estimators (Kraskov et al. 2004; Ross 2014): the k nearest
 * neighbours of a point, and the number of points strictly within a radius. Queries
 * compare distances only (no arithmetic on them), so scaling every coordinate by one
 * power of two leaves every answer unchanged. */
#ifndef IB_KDTREE_H
#define IB_KDTREE_H

#include <stddef.h>
#include "status.h"

typedef struct ib_kdtree ib_kdtree;

/* Builds a tree over the n rows of the column-major n x d matrix points (leading dimension
 * ld >= n). The tree keeps its own copy of the points. leaf_size 0 means the default (32
 * points, 64 from 8 dimensions on).
 * IB_ERR_ARG for n == 0, d == 0 or ld < n; IB_ERR_NOMEM. */
ib_status ib_kdtree_new(ib_kdtree **tree, const double *points, size_t n, size_t d,
                           size_t ld, size_t leaf_size);
void ib_kdtree_delete(ib_kdtree *tree);

size_t ib_kdtree_size(const ib_kdtree *tree);
size_t ib_kdtree_dim(const ib_kdtree *tree);

/* The k nearest points to query (d contiguous doubles) under the max-norm, leaving out the
 * point of row `skip` (pass IB_KDTREE_NO_SKIP to keep every point). Fills dist[0..k-1]
 * ascending and, if index is not NULL, index[0..k-1] with their rows (ties in any order).
 * Needs k <= number of points that can be returned; otherwise the missing entries are
 * INFINITY and index SIZE_MAX. */
#define IB_KDTREE_NO_SKIP ((size_t) -1)
void ib_kdtree_knn(const ib_kdtree *tree, const double *query, size_t skip, size_t k,
                   double *dist, size_t *index);

/* The number of points whose max-norm distance to query is strictly less than radius
 * (a point equal to query counts when radius > 0). */
size_t ib_kdtree_count_within(const ib_kdtree *tree, const double *query, double radius);

#endif
