/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* kdtree.c - k-d tree under the max-norm: median splits on the widest dimension of each
 * node's tight bounding box; queries prune with the box (lower bound of the distance) and
 * count whole nodes that lie inside the query ball (upper bound). The points are stored
 * column-major in tree order and leaves are scanned SCAN points at a time with a loop of
 * fixed length, which the compiler turns into SIMD code (no early exit per point: in many
 * dimensions this is several times faster than the branchy scan). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "kdtree.h"

/* default points per leaf: measured on Gaussian data, n = 10^4 and 2 * 10^4, d = 1 to 32 */
#define DEFAULT_LEAF_SIZE(d) ((d) < 8 ? 32 : 64)
#define SCAN 8  /* points per leaf-scan step; the point array has SCAN rows of padding */

typedef struct {
  size_t start, end;  /* tree positions [start, end) */
  size_t left, right; /* children; 0 for a leaf (the root, node 0, is nobody's child) */
} kd_node;

struct ib_kdtree {
  size_t n, d, leaf_size, n_nodes;
  size_t ld;     /* leading dimension of pts: n + SCAN */
  double *pts;   /* ld x d, column-major, in tree order; rows n.. are padding */
  size_t *row;   /* row of the input matrix at each tree position */
  kd_node *nodes;
  double *box;   /* per node: lo[0..d-1] then hi[0..d-1] */
};

static size_t count_nodes(size_t m, size_t leaf_size)
{
  if (m <= leaf_size)
    return 1;
  return 1 + count_nodes(m / 2, leaf_size) + count_nodes(m - m / 2, leaf_size);
}

static void swap_size(size_t *a, size_t i, size_t j)
{
  size_t t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/* Reorders idx[lo..hi-1] so that position kth holds the element of that rank by key col[idx],
 * smaller keys before it and larger after (three-way partition: many equal keys are cheap). */
static void select_kth(size_t *idx, size_t lo, size_t hi, size_t kth, const double *col)
{
  while (hi - lo > 1) {
    double a = col[idx[lo]], b = col[idx[lo + (hi - lo) / 2]], c = col[idx[hi - 1]];
    double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
    size_t lt = lo, i = lo, gt = hi;
    while (i < gt) {
      double v = col[idx[i]];
      if (v < pivot)
        swap_size(idx, lt++, i++);
      else if (v > pivot)
        swap_size(idx, i, --gt);
      else
        i++;
    }
    if (kth < lt)
      hi = lt;
    else if (kth >= gt)
      lo = gt;
    else
      return;
  }
}

typedef struct {
  ib_kdtree *tree;
  const double *points;
  size_t ld;
  size_t next_node;
} build_state;

static size_t build_node(build_state *s, size_t start, size_t end)
{
  ib_kdtree *t = s->tree;
  size_t d = t->d, id = s->next_node++;
  kd_node *node = &t->nodes[id];
  double *lo = t->box + 2 * d * id, *hi = lo + d;
  size_t split_dim = 0;
  double widest = 0;

  node->start = start;
  node->end = end;
  node->left = node->right = 0;
  for (size_t j = 0; j < d; j++) {
    const double *col = s->points + s->ld * j;
    double mn = col[t->row[start]], mx = mn;
    for (size_t p = start + 1; p < end; p++) {
      double v = col[t->row[p]];
      if (v < mn)
        mn = v;
      if (v > mx)
        mx = v;
    }
    lo[j] = mn;
    hi[j] = mx;
    if (mx - mn > widest) {
      widest = mx - mn;
      split_dim = j;
    }
  }
  /* identical points cannot be split: they stay one (possibly large) leaf */
  if (end - start <= t->leaf_size || !(widest > 0))
    return id;
  size_t mid = start + (end - start) / 2;
  select_kth(t->row, start, end, mid, s->points + s->ld * split_dim);
  size_t left = build_node(s, start, mid);
  size_t right = build_node(s, mid, end);
  t->nodes[id].left = left;
  t->nodes[id].right = right;
  return id;
}

ib_status ib_kdtree_new(ib_kdtree **tree, const double *points, size_t n, size_t d,
                           size_t ld, size_t leaf_size)
{
  ib_kdtree *t;
  if (!tree)
    return IB_ERR_ARG;
  *tree = NULL;
  if (!points || n == 0 || d == 0 || ld < n)
    return IB_ERR_ARG;
  if (leaf_size == 0)
    leaf_size = DEFAULT_LEAF_SIZE(d);
  if (n > SIZE_MAX / sizeof(double) / d - SCAN)
    return IB_ERR_TOO_LARGE;
  t = calloc(1, sizeof *t);
  if (!t)
    return IB_ERR_NOMEM;
  t->n = n;
  t->d = d;
  t->leaf_size = leaf_size;
  t->n_nodes = count_nodes(n, leaf_size);
  t->ld = n + SCAN;
  t->pts = malloc(t->ld * d * sizeof *t->pts);
  t->row = malloc(n * sizeof *t->row);
  t->nodes = malloc(t->n_nodes * sizeof *t->nodes);
  t->box = t->n_nodes <= SIZE_MAX / sizeof(double) / (2 * d)
             ? malloc(t->n_nodes * 2 * d * sizeof *t->box) : NULL;
  if (!t->pts || !t->row || !t->nodes || !t->box) {
    ib_kdtree_delete(t);
    return IB_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; i++)
    t->row[i] = i;
  build_state s = {t, points, ld, 0};
  build_node(&s, 0, n);
  t->n_nodes = s.next_node;
  for (size_t j = 0; j < d; j++) {
    double *col = t->pts + t->ld * j;
    for (size_t p = 0; p < n; p++)
      col[p] = points[t->row[p] + ld * j];
    for (size_t p = n; p < t->ld; p++)
      col[p] = 0;  /* read by the last scan step, never used */
  }
  *tree = t;
  return IB_OK;
}

void ib_kdtree_delete(ib_kdtree *tree)
{
  if (!tree)
    return;
  free(tree->pts);
  free(tree->row);
  free(tree->nodes);
  free(tree->box);
  free(tree);
}

size_t ib_kdtree_size(const ib_kdtree *tree)
{
  return tree->n;
}

size_t ib_kdtree_dim(const ib_kdtree *tree)
{
  return tree->d;
}

/* Max-norm distance from q to the box: 0 inside. */
static double box_distance(const double *lo, const double *hi, const double *q, size_t d)
{
  double b = 0;
  for (size_t j = 0; j < d; j++) {
    double below = lo[j] - q[j], above = q[j] - hi[j];
    if (below > b)
      b = below;
    if (above > b)
      b = above;
  }
  return b;
}

typedef struct {
  const ib_kdtree *tree;
  const double *q;
  size_t skip, k, found;
  double *dist;
  size_t *index;
} knn_search;

static void knn_insert(knn_search *s, double dist, size_t row)
{
  size_t pos = s->found < s->k ? s->found++ : s->k - 1;
  while (pos > 0 && s->dist[pos - 1] > dist) {
    s->dist[pos] = s->dist[pos - 1];
    if (s->index)
      s->index[pos] = s->index[pos - 1];
    pos--;
  }
  s->dist[pos] = dist;
  if (s->index)
    s->index[pos] = row;
}

/* dist[l] = max-norm distance from q to tree point p + l, l < SCAN (may read padding). */
static void scan_distances(const ib_kdtree *t, size_t p, const double *restrict q,
                           double *restrict dist)
{
  double m[SCAN] = {0};
  for (size_t j = 0; j < t->d; j++) {
    const double *restrict col = t->pts + t->ld * j + p;
    double qj = q[j];
    for (int l = 0; l < SCAN; l++) {
      double a = fabs(col[l] - qj);
      m[l] = a > m[l] ? a : m[l];
    }
  }
  for (int l = 0; l < SCAN; l++)
    dist[l] = m[l];
}

static void knn_leaf(knn_search *s, const kd_node *node)
{
  const ib_kdtree *t = s->tree;
  double dist[SCAN];
  for (size_t p = node->start; p < node->end; p += SCAN) {
    size_t m = node->end - p < SCAN ? node->end - p : SCAN;
    scan_distances(t, p, s->q, dist);
    for (size_t l = 0; l < m; l++) {
      double worst = s->found == s->k ? s->dist[s->k - 1] : INFINITY;
      if (dist[l] < worst && t->row[p + l] != s->skip)
        knn_insert(s, dist[l], t->row[p + l]);
    }
  }
}

static void knn_node(knn_search *s, size_t id, double bound)
{
  const ib_kdtree *t = s->tree;
  const kd_node *node = &t->nodes[id];
  if (s->found == s->k && bound >= s->dist[s->k - 1])
    return;
  if (node->left == 0) {
    knn_leaf(s, node);
    return;
  }
  size_t d = t->d;
  const double *bl = t->box + 2 * d * node->left, *br = t->box + 2 * d * node->right;
  double dl = box_distance(bl, bl + d, s->q, d), dr = box_distance(br, br + d, s->q, d);
  if (dl <= dr) {
    knn_node(s, node->left, dl);
    knn_node(s, node->right, dr);
  } else {
    knn_node(s, node->right, dr);
    knn_node(s, node->left, dl);
  }
}

void ib_kdtree_knn(const ib_kdtree *tree, const double *query, size_t skip, size_t k,
                   double *dist, size_t *index)
{
  knn_search s = {tree, query, skip, k, 0, dist, index};
  if (k == 0)
    return;
  for (size_t i = 0; i < k; i++) {
    dist[i] = INFINITY;
    if (index)
      index[i] = SIZE_MAX;
  }
  const double *b = tree->box;
  knn_node(&s, 0, box_distance(b, b + tree->d, query, tree->d));
}

static size_t count_node(const ib_kdtree *t, size_t id, const double *q, double radius)
{
  const kd_node *node = &t->nodes[id];
  size_t d = t->d;
  const double *lo = t->box + 2 * d * id, *hi = lo + d;
  double near = 0, far = 0;
  for (size_t j = 0; j < d; j++) {
    double below = lo[j] - q[j], above = q[j] - hi[j];
    double to_lo = q[j] - lo[j], to_hi = hi[j] - q[j];
    if (below > near)
      near = below;
    if (above > near)
      near = above;
    if (to_lo > far)
      far = to_lo;
    if (to_hi > far)
      far = to_hi;
  }
  if (near >= radius)
    return 0;
  if (far < radius)
    return node->end - node->start;
  if (node->left != 0)
    return count_node(t, node->left, q, radius) + count_node(t, node->right, q, radius);
  size_t count = 0;
  double dist[SCAN];
  for (size_t p = node->start; p < node->end; p += SCAN) {
    size_t m = node->end - p < SCAN ? node->end - p : SCAN;
    scan_distances(t, p, q, dist);
    for (size_t l = 0; l < m; l++)
      count += dist[l] < radius;
  }
  return count;
}

size_t ib_kdtree_count_within(const ib_kdtree *tree, const double *query, double radius)
{
  if (!(radius > 0))
    return 0;
  return count_node(tree, 0, query, radius);
}
