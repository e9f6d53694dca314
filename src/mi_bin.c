/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi_bin.c - the binning estimator of Shwartz-Ziv & Tishby (2017), reproducing their code
 * (idnns, information_process.py) exactly:
 *
 *   bins = np.linspace(lo, hi, num_of_bins).astype(np.float32)
 *   digitized = bins[np.digitize(data.ravel(), bins) - 1].reshape(len(data), -1)
 *
 * np.digitize(v, bins) is the number of edges <= v (0..m for m edges), and index 0 selects
 * bins[-1], the same value as index m: a value below the first edge lands in the same state
 * as one at or above the last edge (the "wrap"). A state is a row of bin indices (index 0
 * replaced by m), told apart with ib_row_ids_int. Then, over the empirical distribution,
 *   I(X;T) = H(T) - H(T|X),  I(T;Y) = H(T) - H(T|Y)
 * with H(T|X) = sum_x p(x) H(T | X = x) over distinct input rows, as the paper computes it.
 *
 * Options beyond the paper: bin_width > 0 gives the edges lo, lo + w, ... up to the first
 * edge >= hi (each rounded to float32 likewise); a NaN end of the range is the observed
 * minimum or maximum of the whole matrix binned, both rounded down to float32: the minimum
 * so that it is not below the first edge (it would wrap into the top state), the maximum
 * (without bin_width) so that it is not below the last edge (it would fall into the bin
 * below). The samples at the observed maximum then make the top state by themselves, as
 * in the paper's code, whose float32 data put the last edge exactly at the maximum. A range
 * beyond float32 (an end past +-3.4e38, or both ends below 1.2e-38 in magnitude) keeps its
 * edges in double instead (see binning_range).
 *
 * The ib_binned_* functions below are shared with mi_adaptive.c: they take the binning rule
 * as a function and do everything after it. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lanes.h"
#include "mi.h"
#include "mi_binned.h"
#include "mi_estimators.h"
#include "rowcount.h"


/* More edges than this (from a tiny bin_width) is surely a mistake; codes are int32. */
#define MAX_EDGES IB_MI_MAX_BINS

static int all_finite(const double *A, size_t count)
{
  for (size_t i = 0; i < count; i++)
    if (!isfinite(A[i]))
      return 0;
  return 1;
}

/* The largest float32 at or below v (v within the float32 range). */
static double single_at_or_below(double v)
{
  float f = (float) v;
  if ((double) f > v)
    f = nextafterf(f, -INFINITY);
  return f;
}

/* The binning range: the given ends, a NaN end replaced by the observed one. *single tells
 * whether the edges are rounded to float32 as in the paper's code: only when the larger
 * end in magnitude is a normal float32 (or 0). Beyond that (ends past +-3.4e38, where the
 * float32 edges would be +-Inf, or a whole range below 1.2e-38, where they would all round
 * to 0 or to a few subnormals) the edges stay in double, so that scaled data bin as the
 * unscaled data do instead of failing or falling into one bin. */
static ib_status binning_range(const ib_mi_options *opt, const double *A, size_t count,
                               double *lo, double *hi, int *single)
{
  double min = A[0], max = A[0];
  if (isnan(opt->range_lo) || isnan(opt->range_hi)) /* an end is observed */
    for (size_t i = 1; i < count; i++) {
      if (A[i] < min) min = A[i];
      if (A[i] > max) max = A[i];
    }
  *lo = isnan(opt->range_lo) ? min : opt->range_lo;
  *hi = isnan(opt->range_hi) ? max : opt->range_hi;
  if (!isfinite(*lo) || !isfinite(*hi) || *lo > *hi || !isfinite(*hi - *lo))
    return IB_ERR_ARG;
  double big = fmax(fabs(*lo), fabs(*hi));
  *single = big <= FLT_MAX && (big >= FLT_MIN || big == 0);
  /* The end edges are rounded to float32: round an observed end down, so that the minimum
   * is not below the first edge (it would wrap into the top state) and the maximum not
   * below the last (it would join the bin below instead of opening the top state). With
   * bin_width the maximum only tells where the edges stop and is kept. */
  if (*single && isnan(opt->range_lo))
    *lo = single_at_or_below(min);
  if (*single && isnan(opt->range_hi) && !(opt->bin_width > 0))
    *hi = fmax(single_at_or_below(max), *lo);
  return IB_OK;
}

/* An edge as the paper's code holds it: rounded to float32, or kept in double. */
static double edge_value(double v, int single)
{
  return single ? (double) (float) v : v;
}

/* Edges (float32 values held as doubles, or doubles; see binning_range): numpy's
 * linspace(lo, hi, bins) when bin_width == 0, else lo, lo + w, ... up to and including the
 * first edge >= hi. */
static ib_status fixed_edges(const ib_mi_options *opt, double lo, double hi, int single,
                             double **edges, size_t *m)
{
  size_t count;
  double *e;
  /* bins in [1, 2^24] and bin_width finite >= 0 are ib_mi_check's (the dispatch); the
   * edges a bin_width gives over this range are judged here */
  if (opt->bin_width > 0) {
    double span = (hi - lo) / opt->bin_width;
    if (!(span < (double) (MAX_EDGES - 2)))
      return IB_ERR_TOO_LARGE;
    count = (size_t) ceil(span) + 2;   /* enough; trimmed below */
  } else {
    count = opt->bins;
  }
  e = malloc(count * sizeof *e);
  if (!e)
    return IB_ERR_NOMEM;
  e[0] = edge_value(lo, single);   /* every rule starts at lo (set again below) */

  if (opt->bin_width > 0) {
    size_t i = 0;
    double v;
    do {
      v = lo + (double) i * opt->bin_width;
      e[i++] = edge_value(v, single);
    } while (v < hi && i < count);
    count = i;
  } else {
    /* numpy.linspace: y = arange(num) * step + start (or (arange / div) * delta when the
     * step underflows to 0), and the last element set to stop */
    size_t div = count - 1;
    double delta = hi - lo;
    if (div == 0) {
      e[0] = edge_value(0.0 * delta + lo, single);
    } else {
      double step = delta / (double) div;
      for (size_t i = 0; i < count; i++) {
        double y = step == 0 ? (double) i / (double) div * delta : (double) i * step;
        e[i] = edge_value(y + lo, single);
      }
      e[count - 1] = edge_value(hi, single);
    }
  }
  *edges = e;
  *m = count;
  return IB_OK;
}

/* np.digitize for increasing edges: the number of edges <= v. */
static size_t count_edges_at_or_below(const double *edges, size_t m, double v)
{
  size_t lo = 0, hi = m;   /* answer in [lo, hi] */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (edges[mid] <= v)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* What binning by fixed edges needs: the edges, and for guessing a value's index from the
 * spacing, the first edge, 1 / step (0 when the edges are not spread: then every index is
 * searched) and padded[k] = edges[k - 1] with -inf and +inf at the ends, so that a guess idx
 * is right when padded[idx] <= v < padded[idx + 1]. A value's position in steps, u = (v -
 * first) inv_step, farther than `margin` from every whole number gives a guess that needs
 * no check: margin bounds how far the edges (rounded to float32) sit from the even spacing,
 * in steps, plus the rounding of u; 0 when that is not small (no guess is kept unchecked). */
typedef struct {
  double *edges, *padded;
  size_t m;
  double first, inv_step, margin;
} bin_plan;

static void bin_plan_clear(bin_plan *p)
{
  free(p->edges), free(p->padded);
}

static ib_status bin_plan_init(bin_plan *p, const ib_mi_options *opt, const double *A,
                               size_t count)
{
  double lo, hi;
  int single;
  *p = (bin_plan){0};
  ib_status st = binning_range(opt, A, count, &lo, &hi, &single);
  if (st != IB_OK || (st = fixed_edges(opt, lo, hi, single, &p->edges, &p->m)) != IB_OK)
    return st;
  const size_t m = p->m;
  p->padded = malloc((m + 2) * sizeof *p->padded);
  if (!p->padded) {
    bin_plan_clear(p);
    return IB_ERR_NOMEM;
  }
  p->first = p->edges[0];
  if (m > 1 && p->edges[m - 1] > p->first)
    p->inv_step = (double) (m - 1) / (p->edges[m - 1] - p->first);
  if (!isfinite(p->inv_step))
    p->inv_step = 0;
  p->padded[0] = -INFINITY;
  memcpy(p->padded + 1, p->edges, m * sizeof *p->edges);
  p->padded[m + 1] = INFINITY;
  if (p->inv_step != 0) {
    double off = 0;
    for (size_t k = 0; k < m; k++)
      off = fmax(off, fabs((p->edges[k] - p->first) * p->inv_step - (double) k));
    /* u and each edge's position are each within a few ulp of (m + 1) of the exact ones */
    const double margin = off + (double) (m + 2) * 0x1p-46;
    p->margin = margin < 0.25 ? margin : 0;
  }
  return IB_OK;
}

/* The code of v given the guessed index idx (guess_codes'): the number of edges <= v, 0
 * replaced by m (the wrap: bins[-1] == bins[m - 1]). */
static inline int32_t bin_code(const bin_plan *p, double v, size_t idx)
{
  if (!(p->padded[idx] <= v && v < p->padded[idx + 1]))
    idx = count_edges_at_or_below(p->edges, p->m, v);
  return (int32_t) (idx == 0 ? p->m : idx);
}

/* The index guessed from the spacing, (v - first) inv_step + 1 clamped to [0, m] and
 * truncated (bin_code checks it). */
static inline size_t bin_guess(const bin_plan *p, double v)
{
  double g = (v - p->first) * p->inv_step + 1;
  g = g > 0 ? g : 0;
  g = g < (double) p->m ? g : (double) p->m;
  return (size_t) g;
}

/* codes[i] = bin_guess (A[i]), IB_LANES values at a time with the same operations (the
 * tail through bin_guess itself). */
typedef int32_t ib_lane_codes __attribute__((vector_size(IB_LANES * sizeof(int32_t))));

__attribute__((target_clones("avx512f", "avx2", "default")))
static void guess_codes(const bin_plan *p, const double *A, size_t count, int32_t *codes)
{
  const ib_lane zero = lane_broadcast(0), top = lane_broadcast((double) p->m);
  size_t i = 0;
  for (; i + IB_LANES <= count; i += IB_LANES) {
    ib_lane v;
    memcpy(&v, A + i, sizeof v);
    ib_lane g = (v - p->first) * p->inv_step + 1;
    g = lane_select(g > zero, g, zero);
    g = lane_select(g < top, g, top);
    const ib_lane_codes c = __builtin_convertvector(g, ib_lane_codes);
    memcpy(codes + i, &c, sizeof c);
  }
  for (; i < count; i++)
    codes[i] = (int32_t) bin_guess(p, A[i]);
}

static ib_status fixed_width_codes(const ib_mi_options *opt, const double *A, size_t n,
                                   size_t d, int32_t *codes)
{
  const size_t count = n * d;
  bin_plan p;
  ib_status st = bin_plan_init(&p, opt, A, count);
  if (st != IB_OK)
    return st;
  if (p.inv_step == 0) {
    for (size_t i = 0; i < count; i++)
      codes[i] = bin_code(&p, A[i], 0);
  } else {
    /* the edges are nearly evenly spaced: guess each index from the spacing and keep it if
     * the edges confirm it; else search (count_edges_at_or_below either way, just faster) */
    guess_codes(&p, A, count, codes);
    for (size_t i = 0; i < count; i++)
      codes[i] = bin_code(&p, A[i], (size_t) codes[i]);
  }
  bin_plan_clear(&p);
  return IB_OK;
}

/* key[i] = key[i] << bits | the code of col[i], for the n values of one column; returns
 * whether every value was finite. IB_LANES values at a time: a value whose position u is
 * farther than p->margin from every edge keeps its guessed code unchecked (u below the
 * first edge or above the last by more than that: the wrap's code m); the others, and the
 * tail, go through bin_code. The same codes as bin_code for every value. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static int shift_in_codes(const bin_plan *p, const double *col, size_t n, unsigned bits,
                          uint64_t *key)
{
  /* masks are consumed by selects at once: GCC spells a kept mask vector lane by lane */
  const ib_lane zero = lane_broadcast(0), one = lane_broadcast(1);
  const ib_lane top = lane_broadcast((double) p->m), big = lane_broadcast(DBL_MAX);
  const ib_lane below = lane_broadcast(-p->margin);
  const ib_lane above = lane_broadcast((double) (p->m - 1) + p->margin);
  const ib_lane_codes wrap = (ib_lane_codes){0} + (int32_t) p->m;
  ib_lane nonfinite = zero;
  size_t i = 0;
  for (; p->margin > 0 && i + IB_LANES <= n; i += IB_LANES) {
    ib_lane v;
    memcpy(&v, col + i, sizeof v);
    nonfinite = lane_select(lane_abs(v) <= big, nonfinite, one);
    const ib_lane u = (v - p->first) * p->inv_step;
    ib_lane g = u + 1; /* as bin_guess */
    g = lane_select(g > zero, g, zero);
    g = lane_select(g < top, g, top);
    ib_lane_codes c = __builtin_convertvector(g, ib_lane_codes);
    const ib_lane_codes at_zero = c == 0;
    c = (c & ~at_zero) | (wrap & at_zero);
    /* how far u is from the nearest edge, in steps (the nearest whole number by the
     * 2^52 + 2^51 shift, right for |u| < 2^51: u beyond that is far outside, where
     * `below` and `above` put DBL_MAX) */
    const ib_lane nearest = (u + 0x1.8p52) - 0x1.8p52;
    ib_lane clear = lane_abs(u - nearest);
    clear = lane_select(u < below, big, clear);
    clear = lane_select(u > above, big, clear);
    for (size_t lane = 0; lane < IB_LANES; lane++)
      if (!(clear[lane] > p->margin)) /* NaN too */
        c[lane] = bin_code(p, v[lane], bin_guess(p, v[lane]));
    ib_lane_bits k;
    memcpy(&k, key + i, sizeof k);
    k = (k << bits) | __builtin_convertvector(c, ib_lane_bits);
    memcpy(key + i, &k, sizeof k);
  }
  int all_finite = 1;
  for (size_t lane = 0; lane < IB_LANES; lane++)
    all_finite &= nonfinite[lane] == 0;
  for (; i < n; i++) {
    const double v = col[i];
    all_finite &= fabs(v) <= DBL_MAX;
    key[i] = (key[i] << bits) | (uint64_t) bin_code(p, v, bin_guess(p, v));
  }
  return all_finite;
}

/* The states of rows binned by fixed_width_codes, when both ends of the range are given and
 * a row's codes fit in one 64-bit key: in one pass a column, each value checked finite, its
 * code found and shifted into its row's key (shift_in_codes); then the keys numbered
 * (ib_key_ids: the ids ib_row_ids_int gives for the same codes). Returns 0, having done
 * nothing, when it does not apply. */
static int packed_bin_ids(const ib_mi_options *opt, const double *A, size_t n, size_t d,
                          size_t *ids, size_t *k, ib_status *status)
{
  if (isnan(opt->range_lo) || isnan(opt->range_hi))
    return 0; /* an observed end needs the data checked first: the general path */
  bin_plan p;
  if (bin_plan_init(&p, opt, A, n * d) != IB_OK)
    return 0; /* the general path reports it, in its order */
  unsigned bits = 1;
  while (bits < 32 && (p.m >> bits) != 0)
    bits++;
  uint64_t *key = d * bits <= 64 && p.inv_step != 0 ? calloc(n ? n : 1, sizeof *key) : NULL;
  if (!key) {
    bin_plan_clear(&p);
    return 0;
  }
  int finite = 1;
  for (size_t c = 0; c < d; c++)
    finite &= shift_in_codes(&p, A + c * n, n, bits, key);
  *status = finite ? ib_key_ids(key, n, ids, k) : IB_ERR_NONFINITE;
  free(key);
  bin_plan_clear(&p);
  return 1;
}

/* Ids of the rows of one side: binned when continuous, the rows themselves when discrete. */
static ib_status side_ids(const ib_mi_options *opt, ib_binning_fn binning, const double *A,
                          size_t n, size_t d, int discrete, size_t *ids, size_t *k)
{
  int32_t *codes;
  ib_status st;
  if (d != 0 && n > SIZE_MAX / d / sizeof *codes)
    return IB_ERR_TOO_LARGE;
  if (!discrete && binning == fixed_width_codes && packed_bin_ids(opt, A, n, d, ids, k, &st))
    return st; /* it checks the values itself */
  if (!all_finite(A, n * d))
    return IB_ERR_NONFINITE;
  if (discrete)
    return ib_row_ids_double(A, n, d, ids, k);
  codes = malloc(n * d * sizeof *codes);
  if (!codes)
    return IB_ERR_NOMEM;
  st = binning(opt, A, n, d, codes);
  if (st == IB_OK)
    st = ib_row_ids_int(codes, n, d, ids, k);
  free(codes);
  return st;
}

static ib_status check_common(const ib_mi_options *opt, const double *A, size_t n, size_t d)
{
  if (!opt || !A || n == 0 || d == 0)
    return IB_ERR_ARG;
  if (n > SIZE_MAX / sizeof(size_t))
    return IB_ERR_TOO_LARGE;
  return IB_OK;
}

ib_status ib_states_layer_mi(const size_t *t_id, size_t k_t, size_t n,
                             const ib_layer_context *ctx, ib_layer_result *result)
{
  double h_t, h_t_given_x = 0, h_t_given_y;
  /* H(T|X) = 0, what the count gives term by term, when T is a function of X */
  ib_status st = ib_entropy_of_ids(t_id, n, k_t, &h_t);
  if (st == IB_OK && !ctx->t_function_of_x)
    st = ib_conditional_entropy_of_ids(t_id, k_t, ctx->x_id, ctx->n_x, n, &h_t_given_x);
  if (st == IB_OK)
    st = ib_conditional_entropy_of_ids(t_id, k_t, ctx->y, ctx->n_y, n, &h_t_given_y);
  if (st != IB_OK)
    return st;
  /* the plug-in MI is >= 0; only rounding can make the difference negative */
  result->ixt = fmax(h_t - h_t_given_x, 0);
  result->ity = fmax(h_t - h_t_given_y, 0);
  result->ixt_lower = result->ity_lower = NAN;
  result->h_t = h_t;
  result->n_states = (double) k_t;
  result->kernel_width = NAN;
  return IB_OK;
}

ib_status ib_binned_layer_mi(const ib_mi_options *opt, ib_binning_fn binning, const double *T,
                             size_t n, size_t width, const ib_layer_context *ctx,
                             ib_layer_result *result)
{
  size_t *t_id, k_t;
  ib_status st = check_common(opt, T, n, width);
  if (st != IB_OK)
    return st;
  if (!ctx || !result || ctx->n != n || !ctx->x_id || !ctx->y || ctx->n_x == 0
      || ctx->n_y == 0)
    return IB_ERR_ARG;
  t_id = malloc(n * sizeof *t_id);
  if (!t_id)
    return IB_ERR_NOMEM;
  st = side_ids(opt, binning, T, n, width, 0, t_id, &k_t);
  if (st == IB_OK)
    st = ib_states_layer_mi(t_id, k_t, n, ctx, result);
  free(t_id);
  return st;
}

ib_status ib_binned_mutual_info(const ib_mi_options *opt, ib_binning_fn binning,
                                const double *A, size_t n, size_t da, int a_discrete,
                                const double *B, size_t db, int b_discrete, double *mi,
                                ib_layer_result *info)
{
  size_t *a_id = NULL, *b_id = NULL, ka, kb;
  double h_a, h_a_given_b;
  ib_status st = check_common(opt, A, n, da);
  if (st == IB_OK)
    st = check_common(opt, B, n, db);
  if (st != IB_OK)
    return st;
  if (!mi)
    return IB_ERR_ARG;
  a_id = malloc(n * sizeof *a_id);
  b_id = malloc(n * sizeof *b_id);
  if (!a_id || !b_id) {
    st = IB_ERR_NOMEM;
    goto done;
  }
  st = side_ids(opt, binning, A, n, da, a_discrete, a_id, &ka);
  if (st == IB_OK)
    st = side_ids(opt, binning, B, n, db, b_discrete, b_id, &kb);
  if (st == IB_OK)
    st = ib_entropy_of_ids(a_id, n, ka, &h_a);
  /* H(A) - H(A|B) = H(A) + H(B) - H(A,B), in the form the layer MI uses */
  if (st == IB_OK)
    st = ib_conditional_entropy_of_ids(a_id, ka, b_id, kb, n, &h_a_given_b);
  if (st == IB_OK) {
    *mi = fmax(h_a - h_a_given_b, 0);
    if (info) {
      info->ixt = info->ity = info->ixt_lower = info->ity_lower = NAN;
      info->h_t = h_a;
      info->n_states = (double) ka;
      info->kernel_width = NAN;
    }
  }
done:
  free(a_id);
  free(b_id);
  return st;
}

ib_status ib_binned_entropy(const ib_mi_options *opt, ib_binning_fn binning, const double *A,
                            size_t n, size_t da, int a_discrete, double *h)
{
  size_t *ids, k;
  ib_status st = check_common(opt, A, n, da);
  if (st != IB_OK)
    return st;
  if (!h)
    return IB_ERR_ARG;
  ids = malloc(n * sizeof *ids);
  if (!ids)
    return IB_ERR_NOMEM;
  st = side_ids(opt, binning, A, n, da, a_discrete, ids, &k);
  if (st == IB_OK)
    st = ib_entropy_of_ids(ids, n, k, h);
  free(ids);
  return st;
}

ib_status ib_bin_layer_mi(const ib_mi_options *opt, const double *T, size_t n, size_t width,
                          const ib_layer_context *ctx, ib_layer_result *result)
{
  return ib_binned_layer_mi(opt, fixed_width_codes, T, n, width, ctx, result);
}

ib_status ib_bin_mutual_info(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                             int a_discrete, const double *B, size_t db, int b_discrete,
                             double *mi, ib_layer_result *info)
{
  return ib_binned_mutual_info(opt, fixed_width_codes, A, n, da, a_discrete, B, db, b_discrete,
                               mi, info);
}

ib_status ib_bin_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                         int a_discrete, double *h)
{
  return ib_binned_entropy(opt, fixed_width_codes, A, n, da, a_discrete, h);
}
