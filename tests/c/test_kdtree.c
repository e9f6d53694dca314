/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_kdtree.c - the max-norm k-d tree against brute force: k nearest neighbours (with and
 * without a skipped row) and strict radius counts, on continuous data, on data full of
 * ties (a small integer grid) and in dimensions 1 to 24. */
#include <stdint.h>
#include <stdlib.h>
#include "check.h"
#include "kdtree.h"
#include "rng.h"

static double maxnorm(const double *P, size_t n, size_t d, size_t i, const double *q)
{
  double m = 0;
  for (size_t j = 0; j < d; j++) {
    double a = fabs(P[i + n * j] - q[j]);
    if (a > m)
      m = a;
  }
  return m;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Compares every query of one data set; returns the number of mismatches. */
static int compare_with_brute_force(const double *P, size_t n, size_t d, size_t k,
                                    size_t leaf_size, ib_rng *rng)
{
  ib_kdtree *tree = NULL;
  double *q = malloc(d * sizeof *q), *dist = malloc(k * sizeof *dist);
  double *all = malloc(n * sizeof *all);
  size_t *index = malloc(k * sizeof *index);
  int bad = 0;
  CHECK(ib_kdtree_new(&tree, P, n, d, n, leaf_size) == IB_OK);
  CHECK(ib_kdtree_size(tree) == n && ib_kdtree_dim(tree) == d);
  for (size_t i = 0; i < n; i++) {
    for (size_t j = 0; j < d; j++)
      q[j] = P[i + n * j];
    /* k nearest others of row i */
    size_t m = 0;
    for (size_t r = 0; r < n; r++)
      if (r != i)
        all[m++] = maxnorm(P, n, d, r, q);
    qsort(all, m, sizeof *all, cmp_double);
    ib_kdtree_knn(tree, q, i, k, dist, index);
    for (size_t t = 0; t < k; t++) {
      bad += dist[t] != all[t];
      bad += index[t] == i || index[t] >= n || maxnorm(P, n, d, index[t], q) != dist[t];
    }
    /* strict counts at the k-th distance itself, just above it and at a random radius */
    double radii[3] = {all[k - 1], nextafter(all[k - 1], INFINITY), ib_rng_uniform(rng)};
    for (int c = 0; c < 3; c++) {
      size_t expect = 0;
      for (size_t r = 0; r < n; r++)
        expect += maxnorm(P, n, d, r, q) < radii[c];
      bad += ib_kdtree_count_within(tree, q, radii[c]) != expect;
    }
  }
  /* a query that is not a data point, nothing skipped */
  for (size_t j = 0; j < d; j++)
    q[j] = ib_rng_uniform(rng);
  for (size_t r = 0; r < n; r++)
    all[r] = maxnorm(P, n, d, r, q);
  qsort(all, n, sizeof *all, cmp_double);
  ib_kdtree_knn(tree, q, IB_KDTREE_NO_SKIP, k, dist, NULL);
  for (size_t t = 0; t < k; t++)
    bad += dist[t] != all[t];
  ib_kdtree_delete(tree);
  free(q);
  free(dist);
  free(all);
  free(index);
  return bad;
}

int main(void)
{
  int quick = getenv("IB_TEST_QUICK") != NULL;
  size_t n = quick ? 150 : 700;
  const size_t dims[] = {1, 2, 3, 5, 12, 24};
  ib_rng rng;
  ib_rng_seed(&rng, 42);
  double *P = malloc(n * 24 * sizeof *P);

  for (size_t a = 0; a < sizeof dims / sizeof dims[0]; a++) {
    size_t d = dims[a];
    for (size_t i = 0; i < n * d; i++)  /* correlated columns, a skewed cloud */
      P[i] = ib_rng_normal(&rng) * (1 + (double) (i / n)) + (i >= n ? 0.5 * P[i - n] : 0);
    CHECK(compare_with_brute_force(P, n, d, 1, 0, &rng) == 0);
    CHECK(compare_with_brute_force(P, n, d, 4, 3, &rng) == 0);
    CHECK(compare_with_brute_force(P, n, d, 10, 16, &rng) == 0);
    /* ties everywhere: coordinates on a 4-point grid, so many rows repeat */
    for (size_t i = 0; i < n * d; i++)
      P[i] = (double) ib_rng_below(&rng, 4);
    CHECK(compare_with_brute_force(P, n, d, 3, 0, &rng) == 0);
    CHECK(compare_with_brute_force(P, n, d, 8, 5, &rng) == 0);
  }

  /* all points identical: one unsplittable leaf; distances 0; strict count at radius 0 */
  for (size_t i = 0; i < n * 2; i++)
    P[i] = 1.5;
  {
    ib_kdtree *tree;
    double q[2] = {1.5, 1.5}, dist[3];
    CHECK(ib_kdtree_new(&tree, P, n, 2, n, 4) == IB_OK);
    ib_kdtree_knn(tree, q, 0, 3, dist, NULL);
    CHECK(dist[0] == 0 && dist[2] == 0);
    CHECK(ib_kdtree_count_within(tree, q, 0.0) == 0);
    CHECK(ib_kdtree_count_within(tree, q, 1e-300) == n);
    ib_kdtree_delete(tree);
  }

  /* asking for more neighbours than exist: the rest are INFINITY / SIZE_MAX */
  {
    ib_kdtree *tree;
    double pts[3] = {0, 1, 3}, q = 0.2, dist[4];
    size_t index[4];
    CHECK(ib_kdtree_new(&tree, pts, 3, 1, 3, 0) == IB_OK);
    ib_kdtree_knn(tree, &q, 1, 4, dist, index);
    CHECK(dist[0] == 0.2 && index[0] == 0 && dist[1] == 2.8 && index[1] == 2);
    CHECK(isinf(dist[2]) && index[2] == SIZE_MAX && isinf(dist[3]));
    ib_kdtree_delete(tree);
  }

  /* bad arguments */
  {
    ib_kdtree *tree = (ib_kdtree *) &rng;
    CHECK(ib_kdtree_new(&tree, P, 0, 2, 1, 0) == IB_ERR_ARG && tree == NULL);
    CHECK(ib_kdtree_new(&tree, P, 5, 0, 5, 0) == IB_ERR_ARG);
    CHECK(ib_kdtree_new(&tree, P, 5, 2, 4, 0) == IB_ERR_ARG);
    CHECK(ib_kdtree_new(NULL, P, 5, 2, 5, 0) == IB_ERR_ARG);
    ib_kdtree_delete(NULL);
  }
  free(P);
  return CHECK_DONE();
}
