/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi_kde.c - pairwise-distance bounds on the entropy of a Gaussian mixture (Kolchinsky &
 * Tracey 2017), used as in Saxe et al. (2018) and their code (github artemyk/ibsgd, kde.py
 * and ComputeMI.ipynb, noise_variance = 1e-1): T + Z with Z ~ N(0, s2 I) is the mixture of
 * n Gaussians N(t_i, s2 I) with weights 1/n, whose entropy satisfies
 *   H_lower <= H(T + Z) <= H_upper,
 *   H_upper = H_c - (1/n) sum_i log((1/n) sum_j exp(-KL_ij)),  KL_ij = |t_i - t_j|^2 / (2 s2),
 *   H_lower = H_c - (1/n) sum_i log((1/n) sum_j exp(-BD_ij)),  BD_ij = |t_i - t_j|^2 / (8 s2),
 * with H_c = d/2 log(2 pi e s2) the entropy of one component and BD the Bhattacharyya
 * distance. Each row is a distinct input, so H(T + Z | X) = H_c; H(T + Z | Y) = sum_y p(y)
 * times the same bound over the rows of class y. I(X;T) and I(T;Y) are differences of these
 * (upper: KL, lower: Bhattacharyya, as the paper's code does; the "lower" I(T;Y) is a
 * difference of two lower bounds, not itself a bound).
 *
 * The n^2 squared distances come from cblas_dgemm over tiles (a block of rows against a
 * chunk of later rows) of the upper triangle (memory O(n + block * chunk) per thread,
 * time O(n^2 d)), the rows sorted by class first so that every class is a contiguous
 * range and the within-class sums come from the same pass. exp(-BD) is computed once per
 * pair, by a vectorised exp within 2 ulp of libm's (column_sums), and exp(-KL) =
 * exp(-BD)^4. The self term is exp(0) = 1, so every inner sum is >= 1 and the logarithm
 * is stable without a max shift.
 *
 * Threads: the row blocks are dealt to POSIX threads in a fixed snake order (0 1 .. T-1
 * T-1 .. 1 0 0 1 ..) that balances the triangle's long top rows against its short bottom
 * ones; each thread sums into its own per-row accumulators, added in thread order after
 * the join, so a given thread count gives bit-identical results run to run (another
 * count changes only the rounding, ~1e-15 relative). T = the number of online CPUs, or the
 * environment variable IB_NUM_THREADS (a positive integer; anything else is ignored),
 * capped at 64 and at the number of row blocks; T = 1 creates no thread. A thread that
 * cannot be created has its share done by the calling thread. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cblas.h>
#include "mi_estimators.h"
#include "rowcount.h"

#define NATS_TO_BITS 1.4426950408889634
#define LOG_TWO_PI 1.8378770664093453
#define MAX_THREADS 64
#define MAX_BLOCK_ROWS 256
#define MIN_BLOCK_ROWS 32
/* OpenBLAS runs a gemm of m n k <= 2^18 in the calling thread (its default
 * GEMM_MULTITHREAD_THRESHOLD); a larger one wakes its own threads, which then spin
 * between calls and take the cores from ours: tiles stay below that unless d is large. */
#define GEMM_SINGLE_THREAD ((size_t) 1 << 18)
#define MIN_CHUNK 16

typedef struct {
  double h_upper, h_lower;            /* H(T + Z), nats */
  double h_cond_upper, h_cond_lower;  /* H(T + Z | label), nats */
} kde_entropies;

/* What every thread reads: the centred rows in class order and how the work is cut. */
typedef struct {
  const double *Tc, *sq;                /* n x d centred rows, their squared norms */
  const size_t *first, *class_of;       /* class ranges; class of each (sorted) row */
  size_t n, d, block, chunk, n_blocks, n_threads;
  double scale;                         /* the power of two the rows are measured in */
  double c8;                            /* 1 / (8 s2 scale^2) */
  ib_stop_fn stop;                      /* asked before each block (may be NULL) */
  void *stop_arg;
  atomic_int stopped;                   /* set once it answered yes */
} kde_pass;

/* One thread's share: its index, its tile and its per-row sums of exp(-BD) and exp(-KL)
 * over all rows and over the row's own class. */
typedef struct {
  const kde_pass *pass;
  size_t index;
  double *tile, *sum_bd, *sum_kl, *cls_bd, *cls_kl;
} kde_share;

/* Number of threads asked for: IB_NUM_THREADS if a positive integer, else the online CPUs. */
static size_t requested_threads(void)
{
  const char *env = getenv("IB_NUM_THREADS");
  if (env && *env) {
    char *end;
    errno = 0;
    long v = strtol(env, &end, 10);
    if (errno == 0 && *end == '\0' && v > 0)
      return v > MAX_THREADS ? MAX_THREADS : (size_t) v;
  }
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  if (cpus < 1)
    return 1;
  return cpus > MAX_THREADS ? MAX_THREADS : (size_t) cpus;
}

/* Which thread owns row block b: the snake 0 1 .. T-1 T-1 .. 1 0 0 1 .. */
static size_t block_owner(size_t b, size_t n_threads)
{
  size_t r = b % (2 * n_threads);
  return r < n_threads ? r : 2 * n_threads - 1 - r;
}

/* One column j of a block: u_i = exp(-BD_ij) for the m rows i before j, given their
 * squared norms sq[i] and dot products g[i] with row j (indices from the block start);
 * u_i and u_i^4 are added to the rows' sums, and to their class sums for i >= s (the rows
 * of j's class); out = the totals of the same four, for row j. The arrays are read and
 * written GROUP - 1 places past m (padding; the extra lanes add exactly 0). */
#if defined(__GNUC__)
/* GCC/clang vector extensions, GROUP rows at a time; an AVX2 clone where GCC can make one
 * (chosen at load time), plain SSE2 (or the target's vectors) otherwise. No comparisons
 * (they would fall back to scalar code on SSE2): masks come from sign bits of unsigned
 * differences. Both clones do the same IEEE operations per row (no fused multiply-add
 * under -std=c11), so they give the same bits. exp(-a), a = |d2| / (8 s2) >= 0, as
 * 2^-k e^r with k = round(a / ln2) (the magic constant rounds) and r = k ln2 - a (Cody &
 * Waite), e^r by its Taylor polynomial of degree 13 (Estrin; truncation < 1e-17 on |r| <=
 * ln2 / 2), 2^-k put into the exponent bits: within 2 ulp of libm's exp. Lanes with a >=
 * 708, where 2^-k would be subnormal, are masked to 0: an absolute error < 4e-308 on sums
 * that are >= 1. */
#define GROUP 4
typedef double group_d __attribute__((vector_size(8 * GROUP)));
typedef uint64_t group_u __attribute__((vector_size(8 * GROUP)));
#define LOAD(v, p) memcpy(&(v), (p), sizeof(v))
#define STORE(p, v) memcpy((p), &(v), sizeof(v))

#if defined(__x86_64__) && defined(__ELF__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
static void column_sums(const double *sq, double sq_j, const double *g, double c8, size_t m,
                        size_t s, double *sum_bd, double *sum_kl, double *cls_bd,
                        double *cls_kl, double out[4])
{
  const double shift = 6755399441055744.0;  /* 1.5 * 2^52 */
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  const uint64_t bits_708 = UINT64_C(0x4086200000000000), abs_bits = UINT64_MAX >> 1;
  group_d acc_bd = {0}, acc_kl = {0}, cacc_bd = {0}, cacc_kl = {0};
  const group_u lane = {0, 1, 2, 3};
  for (size_t i = 0; i < m; i += GROUP) {
    group_d sqv, gv, v;
    LOAD(sqv, sq + i);
    LOAD(gv, g + i);
    group_u row = lane + i;
    group_u valid = 0 - ((row - m) >> 63), same = ((row - s) >> 63) - 1;
    group_d d2 = sqv + sq_j - 2.0 * gv;
    group_d a = (group_d) ((group_u) d2 & abs_bits) * c8;  /* |d2|: rounding can make it < 0 */
    group_u keep = 0 - (((group_u) a - bits_708) >> 63);   /* a < 708 */
    group_d t = shift - a * 1.4426950408889634;  /* shift - k: its low bits hold -k */
    group_d k = shift - t;
    group_d r = (k * ln2_hi - a) + k * ln2_lo;
    group_d r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    group_d p01 = r + 1.0, p23 = r * (1.0 / 6.0) + 0.5, p45 = r * (1.0 / 120.0) + 1.0 / 24.0;
    group_d p67 = r * (1.0 / 5040.0) + 1.0 / 720.0;
    group_d p89 = r * (1.0 / 362880.0) + 1.0 / 40320.0;
    group_d pab = r * (1.0 / 39916800.0) + 1.0 / 3628800.0;
    group_d pcd = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0;
    group_d q0 = p23 * r2 + p01, q1 = p67 * r2 + p45, q2 = pab * r2 + p89;
    group_d e_r = ((pcd * r4 + q2) * r8) + (q1 * r4 + q0);
    group_d two_minus_k = (group_d) (((group_u) t + 1023) << 52);
    group_d u = (group_d) ((group_u) (e_r * two_minus_k) & keep & valid);
    group_d u2 = u * u, u4 = u2 * u2;
    group_d uc = (group_d) ((group_u) u & same), u4c = (group_d) ((group_u) u4 & same);
    LOAD(v, sum_bd + i);
    v += u;
    STORE(sum_bd + i, v);
    LOAD(v, sum_kl + i);
    v += u4;
    STORE(sum_kl + i, v);
    LOAD(v, cls_bd + i);
    v += uc;
    STORE(cls_bd + i, v);
    LOAD(v, cls_kl + i);
    v += u4c;
    STORE(cls_kl + i, v);
    acc_bd += u;
    acc_kl += u4;
    cacc_bd += uc;
    cacc_kl += u4c;
  }
  out[0] = (acc_bd[0] + acc_bd[1]) + (acc_bd[2] + acc_bd[3]);
  out[1] = (acc_kl[0] + acc_kl[1]) + (acc_kl[2] + acc_kl[3]);
  out[2] = (cacc_bd[0] + cacc_bd[1]) + (cacc_bd[2] + cacc_bd[3]);
  out[3] = (cacc_kl[0] + cacc_kl[1]) + (cacc_kl[2] + cacc_kl[3]);
}
#else
#define GROUP 1
static void column_sums(const double *sq, double sq_j, const double *g, double c8, size_t m,
                        size_t s, double *sum_bd, double *sum_kl, double *cls_bd,
                        double *cls_kl, double out[4])
{
  out[0] = out[1] = out[2] = out[3] = 0;
  for (size_t i = 0; i < m; i++) {
    double d2 = sq[i] + sq_j - 2.0 * g[i];
    double u = exp(-fabs(d2) * c8), u2 = u * u, u4 = u2 * u2;
    sum_bd[i] += u;
    sum_kl[i] += u4;
    out[0] += u;
    out[1] += u4;
    if (i >= s) {
      cls_bd[i] += u;
      cls_kl[i] += u4;
      out[2] += u;
      out[3] += u4;
    }
  }
}
#endif

/* All pairs (i, j), i < j, with i in row block b: exp(-BD_ij) and its 4th power added to
 * the sums of both rows, and to their class sums when they share a class. The order of
 * the additions depends only on the block, not on the tiling of the columns. */
static void pair_sums_of_block(const kde_pass *p, size_t b, const kde_share *s)
{
  const size_t n = p->n, i0 = b * p->block;
  const size_t rows = n - i0 < p->block ? n - i0 : p->block;
  for (size_t j0 = i0 + 1; j0 < n; j0 += p->chunk) {
    size_t cols = n - j0 < p->chunk ? n - j0 : p->chunk;
    /* tile(r, c) = <t_{i0+r}, t_{j0+c}> */
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, (int) rows, (int) cols, (int) p->d,
                1.0, p->Tc + i0, (int) n, p->Tc + j0, (int) n, 0.0, s->tile, (int) rows);
    for (size_t jc = 0; jc < cols; jc++) {
      size_t j = j0 + jc, end = j < i0 + rows ? j : i0 + rows;
      size_t split = p->first[p->class_of[j]] > i0 ? p->first[p->class_of[j]] : i0;
      double out[4];
      if (split > end)
        split = end;
      column_sums(p->sq + i0, p->sq[j], s->tile + rows * jc, p->c8, end - i0, split - i0,
                  s->sum_bd + i0, s->sum_kl + i0, s->cls_bd + i0, s->cls_kl + i0, out);
      s->sum_bd[j] += out[0];
      s->sum_kl[j] += out[1];
      s->cls_bd[j] += out[2];
      s->cls_kl[j] += out[3];
    }
  }
}

/* Whether to stop: asked once, then remembered for every thread. */
static int stop_now(kde_pass *p)
{
  if (atomic_load_explicit(&p->stopped, memory_order_relaxed))
    return 1;
  if (p->stop && p->stop(p->stop_arg)) {
    atomic_store(&p->stopped, 1);
    return 1;
  }
  return 0;
}

static void *run_share(void *arg)
{
  const kde_share *s = arg;
  kde_pass *pass = (kde_pass *) s->pass;
  for (size_t b = 0; b < pass->n_blocks && !stop_now(pass); b++)
    if (block_owner(b, pass->n_threads) == s->index)
      pair_sums_of_block(pass, b, s);
  return NULL;
}

/* The tiles give the squared distances as |a|^2 + |b|^2 - 2 a.b, whose rounding (about
 * (d + 1) eps max_sq) is divided by 8 s2 in the exponent. When that is not small (rows
 * spread more than about 1e6 sqrt(s2) from their mean, or squared norms that overflow),
 * equal or close rows would look apart and the bounds would be silently wrong; the pairs
 * are then summed from their differences instead, in one thread (exp from libm; the same
 * cut-off at 708 as column_sums). Both measure the rows in units of a power of two near
 * sqrt(8 s2) (exact, so the same bits as unscaled arithmetic wherever that does not
 * overflow): a difference too large to square, or to scale, is then one whose term is 0,
 * and a noise variance near the largest double does not underflow 1 / (8 s2). */
#define KDE_MAX_ROUNDING 1e-6

static int kde_needs_differences(double max_sq, size_t d, double c8)
{
  return !((double) (d + 1) * DBL_EPSILON * max_sq * c8 <= KDE_MAX_ROUNDING);
}

static void pair_sums_from_differences(const kde_pass *p, double *sum_bd, double *sum_kl,
                                       double *cls_bd, double *cls_kl)
{
  const size_t n = p->n;
  for (size_t j = 1; j < n; j++)
    for (size_t i = 0; i < j; i++) {
      double d2 = 0;
      for (size_t c = 0; c < p->d; c++) {
        double z = (p->Tc[i + n * c] - p->Tc[j + n * c]) * p->scale;  /* Inf: far apart */
        d2 += z * z;
      }
      double a = d2 * p->c8;
      if (!(a < 708))
        continue;
      double u = exp(-a), u2 = u * u, u4 = u2 * u2;
      sum_bd[i] += u;
      sum_bd[j] += u;
      sum_kl[i] += u4;
      sum_kl[j] += u4;
      if (p->class_of[i] == p->class_of[j]) {
        cls_bd[i] += u;
        cls_bd[j] += u;
        cls_kl[i] += u4;
        cls_kl[j] += u4;
      }
    }
}

/* H_c = d/2 log(2 pi e s2), nats; the logarithm split so that s2 near the largest double
 * does not overflow. */
static double component_entropy(size_t d, double s2)
{
  return 0.5 * (double) d * (1.0 + LOG_TWO_PI + log(s2));
}

/* What a column is centred on: its mean, or, when the sum overflows or a value is further
 * than the largest double from the mean, the midpoint of its range (every value is then
 * within the largest double of it: a constant column near 1e305 becomes exactly 0). */
static double column_centre(const double *col, size_t n)
{
  double sum = 0, lo = col[0], hi = col[0];
  for (size_t i = 0; i < n; i++) {
    sum += col[i];
    lo = col[i] < lo ? col[i] : lo;
    hi = col[i] > hi ? col[i] : hi;
  }
  double mean = sum / (double) n;
  if (isfinite(mean) && isfinite(hi - mean) && isfinite(mean - lo))
    return mean;
  return 0.5 * lo + 0.5 * hi;
}

/* The cut of the pairs (blocks of rows, about four per thread when threaded, for the
 * snake to balance, each against chunks of later rows that fill one tile) and the scale of
 * the distances: scale = 2^-e with sqrt(8 s2) = m 2^e, m in [0.5, 1), so that c8 in (1, 4]
 * is exactly 1 / (8 s2) / scale^2 wherever 1 / (8 s2) is a normal double. */
static void plan_pass(kde_pass *pass, size_t n, size_t d, double s2, size_t max_threads,
                      const ib_mi_options *opt)
{
  size_t n_threads = max_threads < 1 ? 1 : max_threads;
  if (n_threads > MAX_THREADS)
    n_threads = MAX_THREADS;
  size_t block = MAX_BLOCK_ROWS;
  if (n_threads > 1) {
    block = (n + 4 * n_threads - 1) / (4 * n_threads);
    if (block < MIN_BLOCK_ROWS)
      block = MIN_BLOCK_ROWS;
    if (block > MAX_BLOCK_ROWS)
      block = MAX_BLOCK_ROWS;
    if (n_threads > (n + block - 1) / block)
      n_threads = (n + block - 1) / block;
    if (n_threads == 1)  /* the same cut as when one thread is asked for */
      block = MAX_BLOCK_ROWS;
  }
  if (block > n)
    block = n;
  pass->n_blocks = (n + block - 1) / block;
  pass->block = block;
  pass->chunk = GEMM_SINGLE_THREAD / (block * d);
  if (pass->chunk < MIN_CHUNK)
    pass->chunk = MIN_CHUNK;
  if (pass->chunk > n)
    pass->chunk = n;
  pass->n_threads = n_threads;
  pass->n = n;
  pass->d = d;
  int e;
  frexp(sqrt(8.0) * sqrt(s2), &e);
  pass->stop = opt->stop;
  pass->stop_arg = opt->stop_arg;
  atomic_init(&pass->stopped, 0);
  pass->scale = ldexp(1.0, -e);
  pass->c8 = 1.0 / (8.0 * ldexp(s2, -2 * e));
}

/* The rows in class order (a counting sort): order[p] is the row at position p, class_of[p]
 * its class, first[c] where class c starts, count[c] its size. */
static ib_status sort_by_class(const size_t *label, size_t n, size_t n_labels, size_t *count,
                               size_t *first, size_t *order, size_t *class_of)
{
  for (size_t i = 0; i < n; i++) {
    size_t c = label ? label[i] : 0;
    if (c >= n_labels)
      return IB_ERR_ARG;
    count[c]++;
  }
  first[0] = 0;
  for (size_t c = 0; c < n_labels; c++)
    first[c + 1] = first[c] + count[c];
  for (size_t i = n; i-- > 0;) {
    size_t c = label ? label[i] : 0;
    order[first[c] + --count[c]] = i;
  }
  for (size_t i = 0; i < n; i++) {
    size_t c = label ? label[i] : 0;
    count[c]++;
  }
  for (size_t c = 0; c < n_labels; c++)
    for (size_t p = first[c]; p < first[c + 1]; p++)
      class_of[p] = c;
  return IB_OK;
}

/* Tc: the rows centred, in class order (distances do not change, cancellation in
 * |a|^2 + |b|^2 - 2 a.b does), and sq their squared norms in the scaled units (Inf when
 * they overflow). Returns whether the pairs must be summed by differences; if not, the
 * rows of Tc are scaled for the tiles (no overflow: the norms are small). */
static int centre_rows(const double *T, size_t n, size_t d, const size_t *order,
                       const kde_pass *pass, double *Tc, double *sq)
{
  for (size_t j = 0; j < d; j++) {
    const double *col = T + n * j;
    double centre = column_centre(col, n);
    for (size_t p = 0; p < n; p++)
      Tc[p + n * j] = col[order[p]] - centre;
  }
  double max_sq = 0;
  for (size_t p = 0; p < n; p++) {
    double s = 0;
    for (size_t j = 0; j < d; j++) {
      double v = Tc[p + n * j] * pass->scale;
      s += v * v;
    }
    sq[p] = s;
    if (!(s <= max_sq))
      max_sq = s;
  }
  int by_differences = kde_needs_differences(max_sq, d, pass->c8);
  if (!by_differences)
    for (size_t k = 0; k < n * d; k++)
      Tc[k] *= pass->scale;
  return by_differences;
}

/* The pair sums of every row (4 arrays of stride values per thread, tiles of tile_len per
 * thread), on the pass's threads, reduced in a fixed order into thread 0's. */
static void pair_sums(kde_pass *pass, int by_differences, double *sums, size_t stride,
                      double *tiles, size_t tile_len)
{
  const size_t n_threads = pass->n_threads;
  kde_share share[MAX_THREADS];
  pthread_t thread[MAX_THREADS];
  int started[MAX_THREADS] = {0};
  for (size_t t = 0; t < n_threads; t++) {
    double *own = sums + 4 * stride * t;
    share[t] = (kde_share) {pass, t, tiles + t * tile_len, own, own + stride,
                            own + 2 * stride, own + 3 * stride};
  }
  if (by_differences) {
    /* into thread 0's sums, which the reduction below starts from */
    pair_sums_from_differences(pass, sums, sums + stride, sums + 2 * stride,
                               sums + 3 * stride);
  } else {
    for (size_t t = 1; t < n_threads; t++)
      started[t] = pthread_create(&thread[t], NULL, run_share, &share[t]) == 0;
    run_share(&share[0]);
    for (size_t t = 1; t < n_threads; t++) {
      if (started[t])
        pthread_join(thread[t], NULL);
      else
        run_share(&share[t]);  /* could not start it: same sums, done here */
    }
  }
  for (size_t t = 1; t < n_threads; t++)
    for (size_t k = 0; k < 4 * stride; k++)
      sums[k] += sums[4 * stride * t + k];
}

/* The bounds from the pair sums: the self terms exp(0) = 1, then the averages of the
 * logarithms. */
static void bounds_from_sums(const double *sums, size_t stride, size_t n, size_t d, double s2,
                             const size_t *count, const size_t *class_of, kde_entropies *out)
{
  const double *sum_bd = sums, *sum_kl = sums + stride, *cls_bd = sums + 2 * stride,
               *cls_kl = sums + 3 * stride;
  double log_n = log((double) n), mean_bd = 0, mean_kl = 0, cmean_bd = 0, cmean_kl = 0;
  for (size_t p = 0; p < n; p++) {
    double log_nc = log((double) count[class_of[p]]);
    mean_bd += log(1.0 + sum_bd[p]) - log_n;
    mean_kl += log(1.0 + sum_kl[p]) - log_n;
    cmean_bd += log(1.0 + cls_bd[p]) - log_nc;
    cmean_kl += log(1.0 + cls_kl[p]) - log_nc;
  }
  double h_c = component_entropy(d, s2);
  out->h_upper = h_c - mean_kl / (double) n;
  out->h_lower = h_c - mean_bd / (double) n;
  out->h_cond_upper = h_c - cmean_kl / (double) n;
  out->h_cond_lower = h_c - cmean_bd / (double) n;
}

/* The bounds for T (n x d) and optional labels (NULL: the conditional fields copy the
 * unconditional ones), the pairs split over up to max_threads threads. */
static ib_status kde_bounds(const double *T, size_t n, size_t d, const size_t *label,
                            size_t n_labels, double s2, size_t max_threads,
                            const ib_mi_options *opt, kde_entropies *out)
{
  size_t *count = NULL, *first = NULL, *order = NULL, *class_of = NULL;
  double *Tc = NULL, *sq = NULL, *sums = NULL, *tiles = NULL;
  ib_status st = IB_ERR_NOMEM;
  kde_pass pass;

  if (n > SIZE_MAX / sizeof(double) / d
      || n > SIZE_MAX / (4 * sizeof(double) * MAX_THREADS) - GROUP)
    return IB_ERR_TOO_LARGE;
  if (!label)
    n_labels = 1;
  plan_pass(&pass, n, d, s2, max_threads, opt);
  const size_t stride = n + GROUP, tile_len = pass.block * pass.chunk + GROUP; /* + padding */

  count = calloc(n_labels, sizeof *count);
  first = malloc((n_labels + 1) * sizeof *first);
  order = malloc(n * sizeof *order);
  class_of = malloc(n * sizeof *class_of);
  Tc = malloc(n * d * sizeof *Tc);
  sq = calloc(n + GROUP, sizeof *sq);
  sums = calloc(4 * stride * pass.n_threads, sizeof *sums);  /* 4 rows of n per thread */
  tiles = calloc(pass.n_threads * tile_len, sizeof *tiles);
  if (count && first && order && class_of && Tc && sq && sums && tiles &&
      (st = sort_by_class(label, n, n_labels, count, first, order, class_of)) == IB_OK) {
    const int by_differences = centre_rows(T, n, d, order, &pass, Tc, sq);
    pass.Tc = Tc;
    pass.sq = sq;
    pass.first = first;
    pass.class_of = class_of;
    pair_sums(&pass, by_differences, sums, stride, tiles, tile_len);
    if (atomic_load(&pass.stopped))
      st = IB_ERR_INTERRUPTED;
    else
      bounds_from_sums(sums, stride, n, d, s2, count, class_of, out);
  }
  free(count);
  free(first);
  free(order);
  free(class_of);
  free(Tc);
  free(sq);
  free(sums);
  free(tiles);
  return st;
}

static ib_status check_input(const ib_mi_options *opt, const double *A, size_t n, size_t d)
{
  (void) opt;   /* noise_var is ib_mi_check's (the dispatch) */
  if (n > (size_t) INT32_MAX || d > (size_t) INT32_MAX)
    return IB_ERR_TOO_LARGE;  /* the BLAS takes int sizes */
  if (n > SIZE_MAX / sizeof(double) / d)
    return IB_ERR_TOO_LARGE;
  for (size_t i = 0; i < n * d; i++)
    if (!isfinite(A[i]))
      return IB_ERR_NONFINITE;
  return IB_OK;
}

ib_status ib_kde_layer_mi(const ib_mi_options *opt, const double *T, size_t n, size_t width,
                          const ib_layer_context *ctx, ib_layer_result *result)
{
  kde_entropies e;
  ib_status st;
  if (!ctx->y || ctx->n_y == 0)
    return IB_ERR_ARG;
  if ((st = check_input(opt, T, n, width)) != IB_OK
      || (st = kde_bounds(T, n, width, ctx->y, ctx->n_y, opt->noise_var, requested_threads(),
                          opt, &e)) != IB_OK)
    return st;
  double h_c = component_entropy(width, opt->noise_var);
  result->ixt = (e.h_upper - h_c) * NATS_TO_BITS;
  result->ixt_lower = (e.h_lower - h_c) * NATS_TO_BITS;
  result->ity = (e.h_upper - e.h_cond_upper) * NATS_TO_BITS;
  result->ity_lower = (e.h_lower - e.h_cond_lower) * NATS_TO_BITS;
  result->h_t = e.h_upper * NATS_TO_BITS;
  return IB_OK;
}

/* One side must be discrete (its rows are told apart as symbols, the labels of the
 * mixture); the noise goes on the other, continuous side: I = H(C + Z) - H(C + Z | D).
 * *mi and info->ixt get the KL (upper) estimate, info->ixt_lower the Bhattacharyya one,
 * info->h_t the upper bound on H(C + Z). Two continuous or two discrete sides: IB_ERR_ARG. */
ib_status ib_kde_mutual_info(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                             int a_discrete, const double *B, size_t db, int b_discrete,
                             double *mi, ib_layer_result *info)
{
  kde_entropies e;
  ib_status st;
  size_t *ids, n_ids;
  if (!a_discrete == !b_discrete)
    return IB_ERR_ARG;
  const double *codes = a_discrete ? A : B, *cont = a_discrete ? B : A;
  size_t dd = a_discrete ? da : db, dc = a_discrete ? db : da;
  if ((st = check_input(opt, cont, n, dc)) != IB_OK)
    return st;
  ids = malloc(n * sizeof *ids);
  if (!ids)
    return IB_ERR_NOMEM;
  st = ib_row_ids_double(codes, n, dd, ids, &n_ids);
  if (st == IB_OK)
    st = kde_bounds(cont, n, dc, ids, n_ids, opt->noise_var, requested_threads(), opt, &e);
  free(ids);
  if (st != IB_OK)
    return st;
  *mi = info->ixt = (e.h_upper - e.h_cond_upper) * NATS_TO_BITS;
  info->ixt_lower = (e.h_lower - e.h_cond_lower) * NATS_TO_BITS;
  info->h_t = e.h_upper * NATS_TO_BITS;
  return IB_OK;
}

/* The upper (KL) bound on H(A + Z), bits. */
ib_status ib_kde_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                         int a_discrete, double *h)
{
  kde_entropies e;
  ib_status st;
  if (a_discrete)
    return IB_ERR_ARG;
  if ((st = check_input(opt, A, n, da)) != IB_OK
      || (st = kde_bounds(A, n, da, NULL, 0, opt->noise_var, requested_threads(), opt, &e))
             != IB_OK)
    return st;
  *h = e.h_upper * NATS_TO_BITS;
  return IB_OK;
}
