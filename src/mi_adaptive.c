/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi_adaptive.c - adaptive (equal-mass) binning per unit, as in Chelombiev, Houghton &
 * O'Donnell (ICLR 2019): each column of T gets its own bins holding about n/B samples each.
 *
 * The quantile rule (B = opt->adaptive_bins): sort the column, s(1) <= ... <= s(n); the
 * edges are the order statistics e(k) = s(ceil(k n / B)), k = 1..B-1, and a value v goes to
 * bin #{k : e(k) < v} in 0..B-1, i.e. the bins are (-inf, e(1)], (e(1), e(2)], ...,
 * (e(B-1), inf). The bin depends only on the value, so equal values always share a bin; with
 * distinct values and B dividing n every bin holds exactly n/B samples; B > n acts as
 * B = n (each distinct value alone). After binning,
 * everything (states, H(T), H(T|X), H(T|Y)) is as in mi_bin.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mi.h"
#include "mi_binned.h"
#include "mi_estimators.h"


static int compare_doubles(const void *pa, const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;
  return (a > b) - (a < b);
}

static double median_of_three(double a, double b, double c)
{
  if (a > b) { double t = a; a = b; b = t; }
  if (b > c) b = c;
  return a > b ? a : b;
}

/* Puts at a[r], for every r in ranks[0..n_ranks-1] (non-decreasing, all in [lo, hi)), the
 * value a sorted a[lo..hi) would hold there: quickselect for all ranks at once, O(n log B)
 * on average. Partitions are three-way (a run of ties is settled in one step) around a
 * median-of-three pivot and branch-free: values below the pivot are compacted in place,
 * values above go to tmp (n doubles), the run equal to the pivot is filled in between.
 * Below `depth` levels a sub-array is simply sorted, which bounds the worst case. Only
 * these order statistics are needed, not a full sort. */
static void select_ranks(double *a, double *tmp, size_t lo, size_t hi, const size_t *ranks,
                         size_t n_ranks, int depth)
{
  while (n_ranks > 0) {
    size_t n_below = 0, n_above = 0, lt, gt, n_left = 0, n_skip;
    double pivot;
    if (hi - lo <= 16 || depth-- <= 0) {
      qsort(a + lo, hi - lo, sizeof *a, compare_doubles);
      return;
    }
    pivot = median_of_three(a[lo], a[lo + (hi - lo) / 2], a[hi - 1]);
    for (size_t i = lo; i < hi; i++) {
      double x = a[i];
      a[lo + n_below] = x;    /* never ahead of i: nothing unread is overwritten */
      tmp[n_above] = x;
      n_below += x < pivot;
      n_above += x > pivot;
    }
    /* [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot */
    lt = lo + n_below;
    gt = hi - n_above;
    for (size_t i = lt; i < gt; i++)
      a[i] = pivot;
    memcpy(a + gt, tmp, n_above * sizeof *a);
    while (n_left < n_ranks && ranks[n_left] < lt)
      n_left++;
    select_ranks(a, tmp, lo, lt, ranks, n_left, depth);
    for (n_skip = n_left; n_skip < n_ranks && ranks[n_skip] < gt; n_skip++)
      ;   /* ranks inside the run of the pivot are settled */
    ranks += n_skip;
    n_ranks -= n_skip;
    lo = gt;
  }
}

/* The number of edges < v (edges non-decreasing), by a branch-free binary search. */
static size_t count_edges_below(const double *edges, size_t m, double v)
{
  const double *base = edges;
  if (m == 0)
    return 0;
  while (m > 1) {
    size_t half = m / 2;
    base = base[half] < v ? base + half : base;
    m -= half;
  }
  return (size_t) (base - edges) + (base[0] < v);
}

static ib_status equal_mass_codes(const ib_mi_options *opt, const double *A, size_t n,
                                  size_t d, int32_t *codes)
{
  size_t bins = opt->adaptive_bins, n_edges, per_bin, extra;
  double *work, *edges;
  size_t *ranks;
  int depth = 8;
  if (n == 0)   /* bins >= 1 is ib_mi_check's (the dispatch) */
    return IB_ERR_ARG;
  /* B >= n bins all give each distinct value its own bin (every order statistic but
   * perhaps the largest is an edge), so more than n bins are n bins */
  if (bins > n)
    bins = n;
  if (bins > INT32_MAX)
    return IB_ERR_TOO_LARGE;
  n_edges = bins - 1;
  if (n > SIZE_MAX / 2 / sizeof *work || n_edges > SIZE_MAX / sizeof *ranks)
    return IB_ERR_TOO_LARGE;
  work = malloc(2 * n * sizeof *work);   /* the column, then scratch */
  edges = malloc((n_edges ? n_edges : 1) * sizeof *edges);
  ranks = malloc((n_edges ? n_edges : 1) * sizeof *ranks);
  if (!work || !edges || !ranks) {
    free(work);
    free(edges);
    free(ranks);
    return IB_ERR_NOMEM;
  }
  /* 0-based ranks ceil(k n / B) - 1, with ceil(k n / B) = k (n / B) + ceil(k (n % B) / B)
   * so that k n cannot overflow; ceil(k n / B) >= 1 for k >= 1 */
  per_bin = n / bins;
  extra = n % bins;
  for (size_t k = 1; k <= n_edges; k++)
    ranks[k - 1] = k * per_bin + (k * extra + bins - 1) / bins - 1;
  for (size_t m = n; m > 1; m /= 2)
    depth += 2;
  for (size_t c = 0; c < d; c++) {
    const double *col = A + c * n;
    memcpy(work, col, n * sizeof *work);
    select_ranks(work, work + n, 0, n, ranks, n_edges, depth);
    for (size_t k = 0; k < n_edges; k++)
      edges[k] = work[ranks[k]];
    for (size_t i = 0; i < n; i++)
      codes[i + c * n] = (int32_t) count_edges_below(edges, n_edges, col[i]);
  }
  free(work);
  free(edges);
  free(ranks);
  return IB_OK;
}

ib_status ib_adaptive_layer_mi(const ib_mi_options *opt, const double *T, size_t n,
                               size_t width, const ib_layer_context *ctx,
                               ib_layer_result *result)
{
  return ib_binned_layer_mi(opt, equal_mass_codes, T, n, width, ctx, result);
}

ib_status ib_adaptive_mutual_info(const ib_mi_options *opt, const double *A, size_t n,
                                  size_t da, int a_discrete, const double *B, size_t db,
                                  int b_discrete, double *mi, ib_layer_result *info)
{
  return ib_binned_mutual_info(opt, equal_mass_codes, A, n, da, a_discrete, B, db, b_discrete,
                               mi, info);
}

ib_status ib_adaptive_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                              int a_discrete, double *h)
{
  return ib_binned_entropy(opt, equal_mass_codes, A, n, da, a_discrete, h);
}
