/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* rowcount.c - ids of distinct rows by hashing (see rowcount.h).
 *
 * Each row gets a 64-bit hash, built column by column so that the column-major matrix is
 * read sequentially. Rows are then inserted into an open-addressing table (linear probing,
 * load factor <= 2/3) that stores, per slot, the index of the first row with that content;
 * equal hashes are confirmed by comparing the rows in full, so collisions never merge
 * distinct rows. Time O(n * d), memory O(n). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rowcount.h"

#define EMPTY_SLOT SIZE_MAX

static uint64_t mix64(uint64_t h)
{
  /* splitmix64's finaliser: every input bit affects every output bit */
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

static uint64_t hash_step(uint64_t h, uint64_t v)
{
  return (((h << 5) | (h >> 59)) ^ v) * 0x9e3779b97f4a7c15ULL;
}

/* Row equality and the data it needs, so one table serves int rows, double rows and
 * pairs of ids. */
typedef int (*rows_equal_fn)(const void *data, size_t n, size_t d, size_t i, size_t j);

static int int_rows_equal(const void *data, size_t n, size_t d, size_t i, size_t j)
{
  const int32_t *codes = data;
  for (size_t c = 0; c < d; c++)
    if (codes[i + c * n] != codes[j + c * n])
      return 0;
  return 1;
}

/* Bits of a double with -0 mapped to +0, so the two zeros are one symbol. */
static uint64_t double_key(double v)
{
  uint64_t bits;
  if (v == 0)
    v = 0;
  memcpy(&bits, &v, sizeof bits);
  return bits;
}

static int double_rows_equal(const void *data, size_t n, size_t d, size_t i, size_t j)
{
  const double *A = data;
  for (size_t c = 0; c < d; c++)
    if (double_key(A[i + c * n]) != double_key(A[j + c * n]))
      return 0;
  return 1;
}

typedef struct {
  const size_t *a, *b;
} id_pairs;

static int pair_rows_equal(const void *data, size_t n, size_t d, size_t i, size_t j)
{
  const id_pairs *p = data;
  (void) n;
  (void) d;
  return p->a[i] == p->a[j] && p->b[i] == p->b[j];
}

/* A table for at least n entries at load factor <= 2/3: its size (a power of two), or 0
 * when that size overflows `entry` bytes an entry. */
static size_t table_size(size_t n, size_t entry)
{
  size_t cap = 16;
  while (cap - cap / 3 < n) {
    if (cap > SIZE_MAX / 2 / entry)
      return 0;
    cap *= 2;
  }
  return cap;
}

/* The table: given each row's hash, number the distinct rows in order of first appearance. */
static ib_status ids_from_hashes(const uint64_t *hash, size_t n, size_t d, rows_equal_fn equal,
                                 const void *data, size_t *ids, size_t *n_unique)
{
  size_t cap = table_size(n, sizeof(size_t)), mask, next_id = 0;
  size_t *slot_row;
  if (cap == 0)
    return IB_ERR_TOO_LARGE;
  slot_row = malloc(cap * sizeof *slot_row);
  if (!slot_row)
    return IB_ERR_NOMEM;
  for (size_t s = 0; s < cap; s++)
    slot_row[s] = EMPTY_SLOT;
  mask = cap - 1;

  for (size_t i = 0; i < n; i++) {
    size_t s = (size_t) hash[i] & mask;
    for (;;) {
      size_t r = slot_row[s];
      if (r == EMPTY_SLOT) {
        slot_row[s] = i;
        ids[i] = next_id++;
        break;
      }
      if (hash[r] == hash[i] && equal(data, n, d, r, i)) {
        ids[i] = ids[r];
        break;
      }
      s = (s + 1) & mask;
    }
  }
  free(slot_row);
  *n_unique = next_id;
  return IB_OK;
}

ib_status ib_key_ids(const uint64_t *keys, size_t n, size_t *ids, size_t *n_unique)
{
  if ((!keys || !ids) && n > 0)
    return IB_ERR_ARG;
  if (!n_unique)
    return IB_ERR_ARG;
  const size_t cap = table_size(n, sizeof(uint64_t) + sizeof(size_t)), mask = cap - 1;
  if (cap == 0)
    return IB_ERR_TOO_LARGE;
  /* the table holds the keys themselves: a probe compares keys and reads nothing else */
  uint64_t *slot_key = malloc(cap * sizeof *slot_key);
  size_t *slot_id = malloc(cap * sizeof *slot_id), next_id = 0;
  if (!slot_key || !slot_id) {
    free(slot_key), free(slot_id);
    return IB_ERR_NOMEM;
  }
  for (size_t s = 0; s < cap; s++)
    slot_id[s] = EMPTY_SLOT;
  for (size_t i = 0; i < n; i++) {
    const uint64_t key = keys[i];
    size_t s = (size_t) mix64(key) & mask;
    while (slot_id[s] != EMPTY_SLOT && slot_key[s] != key)
      s = (s + 1) & mask;
    if (slot_id[s] == EMPTY_SLOT) {
      slot_key[s] = key;
      slot_id[s] = next_id++;
    }
    ids[i] = slot_id[s];
  }
  free(slot_key), free(slot_id);
  *n_unique = next_id;
  return IB_OK;
}

static ib_status check_sizes(size_t n, size_t d)
{
  if (d != 0 && n > SIZE_MAX / d)
    return IB_ERR_TOO_LARGE;
  if (n > SIZE_MAX / sizeof(uint64_t))
    return IB_ERR_TOO_LARGE;
  return IB_OK;
}

/* Checks the arguments of a row-id call and allocates the n row hashes, seeded. */
static ib_status start_hashes(const void *data, size_t n, size_t d, const size_t *ids,
                              const size_t *n_unique, uint64_t **hash)
{
  ib_status st = check_sizes(n, d);
  if (st != IB_OK)
    return st;
  if ((!data && n * d > 0) || (!ids && n > 0) || !n_unique)
    return IB_ERR_ARG;
  *hash = malloc((n ? n : 1) * sizeof **hash);
  if (!*hash)
    return IB_ERR_NOMEM;
  for (size_t i = 0; i < n; i++)
    (*hash)[i] = 0x243f6a8885a308d3ULL;
  return IB_OK;
}

/* Mixes the accumulated hashes, numbers the rows and frees the hashes. */
static ib_status finish_ids(uint64_t *hash, size_t n, size_t d, rows_equal_fn equal,
                            const void *data, size_t *ids, size_t *n_unique)
{
  for (size_t i = 0; i < n; i++)
    hash[i] = mix64(hash[i]);
  ib_status st = ids_from_hashes(hash, n, d, equal, data, ids, n_unique);
  free(hash);
  return st;
}

/* The two public variants differ only in how a value enters the hash; each keeps its own
 * column loop, the hot part. */
/* Rows of small non-negative codes (binned layers: 5 bits a unit for 30 bins) packed
 * into one 64-bit key each, when they fit: then a row is its key (ib_key_ids). Returns 0
 * when they do not fit. */
static int packed_keys(const int32_t *codes, size_t n, size_t d, uint64_t *hash)
{
  uint32_t all = 0;
  for (size_t i = 0; i < n * d; i++) {
    if (codes[i] < 0)
      return 0;
    all |= (uint32_t) codes[i];
  }
  unsigned bits = 1;
  while (bits < 32 && (all >> bits) != 0)
    bits++;
  if (d == 0 || d * bits > 64)
    return 0;
  for (size_t i = 0; i < n; i++)
    hash[i] = 0;
  for (size_t c = 0; c < d; c++) {
    const int32_t *col = codes + c * n;
    for (size_t i = 0; i < n; i++)
      hash[i] = (hash[i] << bits) | (uint64_t) col[i];
  }
  return 1;
}

ib_status ib_row_ids_int(const int32_t *codes, size_t n, size_t d, size_t *ids, size_t *n_unique)
{
  uint64_t *hash;
  ib_status st = start_hashes(codes, n, d, ids, n_unique, &hash);
  if (st != IB_OK)
    return st;
  if (packed_keys(codes, n, d, hash)) {
    st = ib_key_ids(hash, n, ids, n_unique);
    free(hash);
    return st;
  }
  for (size_t c = 0; c < d; c++) {
    const int32_t *col = codes + c * n;
    for (size_t i = 0; i < n; i++)
      hash[i] = hash_step(hash[i], (uint64_t) (uint32_t) col[i]);
  }
  return finish_ids(hash, n, d, int_rows_equal, codes, ids, n_unique);
}

ib_status ib_row_ids_double(const double *A, size_t n, size_t d, size_t *ids, size_t *n_unique)
{
  uint64_t *hash;
  ib_status st = start_hashes(A, n, d, ids, n_unique, &hash);
  if (st != IB_OK)
    return st;
  for (size_t c = 0; c < d; c++) {
    const double *col = A + c * n;
    for (size_t i = 0; i < n; i++)
      hash[i] = hash_step(hash[i], double_key(col[i]));
  }
  return finish_ids(hash, n, d, double_rows_equal, A, ids, n_unique);
}

/* Counts below this have their term computed once per call and reused: most states of a
 * layer are seen a few times, and a term depends only on its count (bit for bit the same). */
#define TERM_CACHE 256

/* -sum (c/n) log2(c/n) over the nonzero counts. */
static double entropy_of_counts(const size_t *count, size_t k, size_t n)
{
  double h = 0, dn = (double) n, term[TERM_CACHE];
  for (size_t c = 0; c < TERM_CACHE; c++)
    term[c] = NAN;
  for (size_t j = 0; j < k; j++)
    if (count[j] > 0) {
      const size_t c = count[j];
      double t = c < TERM_CACHE ? term[c] : NAN;
      if (isnan(t)) {
        double p = (double) c / dn;
        t = p * log2(p);
        if (c < TERM_CACHE)
          term[c] = t;
      }
      h -= t;
    }
  return h;
}

ib_status ib_entropy_of_ids(const size_t *ids, size_t n, size_t k, double *h)
{
  size_t *count;
  if (!ids || !h || n == 0 || k == 0)
    return IB_ERR_ARG;
  if (k > SIZE_MAX / sizeof *count)
    return IB_ERR_TOO_LARGE;
  count = calloc(k, sizeof *count);
  if (!count)
    return IB_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    if (ids[i] >= k) {
      free(count);
      return IB_ERR_ARG;
    }
    count[ids[i]]++;
  }
  *h = entropy_of_counts(count, k, n);
  free(count);
  return IB_OK;
}

/* sum_b p(b) H(A | B = b) = sum_(a,b) -(c_ab / n) log2(c_ab / c_b), the pairs taken in
 * order of first appearance (both paths below add the same terms in the same order). */
static double conditional_entropy_of_pairs(const size_t *pair_count, const size_t *pair_b,
                                           size_t n_pairs, const size_t *b_count, size_t n)
{
  /* a term depends on (c_ab, b): reused for small counts of the first few b */
  enum { CACHED_B = 8 };
  double sum = 0, dn = (double) n, term[CACHED_B][TERM_CACHE];
  for (size_t b = 0; b < CACHED_B; b++)
    for (size_t c = 0; c < TERM_CACHE; c++)
      term[b][c] = NAN;
  for (size_t p = 0; p < n_pairs; p++) {
    const size_t count = pair_count[p], b = pair_b[p];
    const int cached = count < TERM_CACHE && b < CACHED_B;
    double t = cached ? term[b][count] : NAN;
    if (isnan(t)) {
      double c = (double) count;
      t = c / dn * log2(c / (double) b_count[b]);
      if (cached)
        term[b][count] = t;
    }
    sum -= t;
  }
  return sum;
}

/* Few possible pairs (ka kb <= 4 n + 64, as a layer's states against the labels): one
 * counter per possible pair instead of a hash table. */
static ib_status dense_conditional_entropy(const size_t *a, const size_t *b, size_t kb,
                                           size_t n_possible, size_t n, double *h)
{
  size_t *count = calloc(n_possible, sizeof *count), *first = malloc(n * sizeof *first);
  size_t *pair_count = malloc(n * sizeof *pair_count), *pair_b = malloc(n * sizeof *pair_b);
  size_t *b_count = calloc(kb, sizeof *b_count), n_pairs = 0;
  ib_status st = IB_ERR_NOMEM;
  if (count && first && pair_count && pair_b && b_count) {
    for (size_t i = 0; i < n; i++) {
      const size_t p = a[i] * kb + b[i];
      if (count[p]++ == 0) {
        pair_b[n_pairs] = b[i]; /* (not p % kb: a division per pair) */
        first[n_pairs++] = p;
      }
      b_count[b[i]]++;
    }
    for (size_t q = 0; q < n_pairs; q++)
      pair_count[q] = count[first[q]];
    *h = conditional_entropy_of_pairs(pair_count, pair_b, n_pairs, b_count, n);
    st = IB_OK;
  }
  free(count), free(first), free(pair_count), free(pair_b), free(b_count);
  return st;
}

ib_status ib_conditional_entropy_of_ids(const size_t *a, size_t ka, const size_t *b, size_t kb,
                                        size_t n, double *h)
{
  id_pairs pairs = {a, b};
  uint64_t *hash = NULL;
  size_t *pair_id = NULL, *pair_count = NULL, *pair_b = NULL, *b_count = NULL;
  size_t n_pairs = 0;
  ib_status st = IB_OK;

  if (!a || !b || !h || n == 0 || ka == 0 || kb == 0)
    return IB_ERR_ARG;
  if (n > SIZE_MAX / sizeof *hash || kb > SIZE_MAX / sizeof *b_count)
    return IB_ERR_TOO_LARGE;
  for (size_t i = 0; i < n; i++)
    if (a[i] >= ka || b[i] >= kb)
      return IB_ERR_ARG;
  if (ka <= (4 * (n < SIZE_MAX / 8 ? n : SIZE_MAX / 8) + 64) / kb)
    return dense_conditional_entropy(a, b, kb, ka * kb, n, h);

  hash = malloc(n * sizeof *hash);
  pair_id = malloc(n * sizeof *pair_id);
  b_count = calloc(kb, sizeof *b_count);
  if (!hash || !pair_id || !b_count) {
    st = IB_ERR_NOMEM;
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    hash[i] = mix64(hash_step(hash_step(0x243f6a8885a308d3ULL, a[i]), b[i]));
  st = ids_from_hashes(hash, n, 2, pair_rows_equal, &pairs, pair_id, &n_pairs);
  if (st != IB_OK)
    goto done;

  pair_count = calloc(n_pairs, sizeof *pair_count);
  pair_b = malloc(n_pairs * sizeof *pair_b);
  if (!pair_count || !pair_b) {
    st = IB_ERR_NOMEM;
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    pair_count[pair_id[i]]++;
    pair_b[pair_id[i]] = b[i];
    b_count[b[i]]++;
  }
  *h = conditional_entropy_of_pairs(pair_count, pair_b, n_pairs, b_count, n);

done:
  free(hash);
  free(pair_id);
  free(b_count);
  free(pair_count);
  free(pair_b);
  return st;
}
