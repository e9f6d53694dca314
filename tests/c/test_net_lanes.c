/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_net_lanes.c - the lane kernel: its activations against libm, its forward pass and
 * gradient against net.c's (BLAS) for every activation and for batches that do not fill
 * the last block (both for every x86-64 level the CPU runs), its gradient against central
 * finite differences, and its independence from where a row sits in a block; the
 * single-precision kernel likewise, to float's rounding; the levels against each other. */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "net.h"
#include "net_lanes.h"
#include "net_lanes_isa.h"
#include "rng.h"

static const ib_activation all_activations[] = {IB_ACT_TANH, IB_ACT_RELU, IB_ACT_SIGMOID,
                                                IB_ACT_LINEAR, IB_ACT_SOFTSIGN,
                                                IB_ACT_SOFTPLUS};
#define N_ACT (sizeof all_activations / sizeof all_activations[0])

typedef struct {
  size_t n, d, classes;
  double *X, *X_rows;
  size_t *y;
} rows;

static void make_rows(rows *r, size_t n, size_t d, size_t classes, ib_rng *rng)
{
  r->n = n, r->d = d, r->classes = classes;
  r->X = malloc(n * d * sizeof *r->X);
  r->X_rows = malloc(n * d * sizeof *r->X_rows);
  r->y = malloc(n * sizeof *r->y);
  for (size_t i = 0; i < n; i++) {
    for (size_t k = 0; k < d; k++) {
      const double v = 2.0 * ib_rng_normal(rng);
      r->X[i + k * n] = v;
      r->X_rows[i * d + k] = v;
    }
    r->y[i] = ib_rng_below(rng, classes);
  }
}

static void free_rows(rows *r)
{
  free(r->X), free(r->X_rows), free(r->y);
}

static double relative_gap(double a, double b)
{
  const double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
  return scale == 0 ? 0 : fabs(a - b) / scale;
}

/* A hidden layer of one unit with weight 1 and bias 0 shows the activation itself. */
static void check_activations(ib_precision precision, const ib_lanes_isa *isa)
{
  const size_t widths[] = {1, 1, 2};
  enum { N = 4007 };
  double *X = malloc(N * sizeof *X), *acts = malloc(N * 3 * sizeof *acts);
  size_t i = 0;
  for (; i < 4001; i++)
    X[i] = -30.0 + 60.0 * (double) i / 4000.0;
  const double special[] = {0.0, -0.0, 1e-300, -3e-12, 0.3465735902799726, DBL_MAX};
  for (size_t k = 0; k < 6; k++)
    X[i++] = special[k];
  const double params[] = {1, 0, 0, 0, 0, 0};
  const int single = precision == IB_PRECISION_SINGLE;
  for (size_t a = 0; a < N_ACT; a++) {
    ib_net net;
    CHECK(ib_net_init(&net, widths, 3, all_activations[a]) == IB_OK);
    ib_lanes *k = ib_lanes_new(&net, 256, precision);
    CHECK(k != NULL);
    ib_lanes_use_isa(k, isa);
    ib_lanes_forward_all(k, params, X, N, NULL, acts, NULL);
    double worst = 0;
    for (i = 0; i < N; i++) {
      /* single: the input as the kernel sees it, the result within a few float ulp */
      const double x = single ? (double) (float) X[i] : X[i];
      double expected;
      switch (all_activations[a]) {
      case IB_ACT_TANH: expected = tanh(x); break;
      case IB_ACT_RELU: expected = x > 0 ? x : 0; break;
      case IB_ACT_SIGMOID: expected = 1 / (1 + exp(-x)); break;
      case IB_ACT_SOFTSIGN: expected = x / (1 + fabs(x)); break;
      case IB_ACT_SOFTPLUS: expected = fmax(x, 0) + log1p(exp(-fabs(x))); break;
      default: expected = x; break;
      }
      const double gap = expected == 0 ? fabs(acts[i]) : relative_gap(acts[i], expected);
      if (gap > worst)
        worst = gap;
    }
    CHECK(worst <= (single ? 4 * FLT_EPSILON : 4 * DBL_EPSILON));
    /* the softmax of two equal logits (W_2 = 0) is exactly one half */
    CHECK(acts[N] == 0.5 && acts[2 * N] == 0.5);
    ib_lanes_delete(k);
    ib_net_clear(&net);
  }
  free(X), free(acts);
}

static void test_activations_against_libm(void)
{
  for (const ib_lanes_isa *const *isa = ib_lanes_isas; *isa; isa++)
    if (ib_lanes_isa_runs_here(*isa)) {
      check_activations(IB_PRECISION_DOUBLE, *isa);
      check_activations(IB_PRECISION_SINGLE, *isa);
    }
}

/* The kernel's activations and losses (to 1e-13; single 1e-5) and gradient (to 1e-12 of
 * its largest entry; single 1e-5) against net.c's, on all rows of r. */
static void check_against_blas(const ib_net *net, const double *params, const rows *r,
                               ib_precision precision, const ib_lanes_isa *isa)
{
  const double tol = precision == IB_PRECISION_SINGLE ? 1e-5 : 1e-12;
  ib_lanes *k = ib_lanes_new(net, r->n, precision);
  ib_lanes_use_isa(k, isa);
  double *g_lanes = malloc(net->n_params * sizeof *g_lanes);
  double *g_blas = malloc(net->n_params * sizeof *g_blas);
  double *acts_l = malloc(r->n * net->total_width * sizeof *acts_l);
  double *acts_b = malloc(r->n * net->total_width * sizeof *acts_b);
  double *loss_l = malloc(r->n * sizeof *loss_l), *loss_b = malloc(r->n * sizeof *loss_b);
  double *work = malloc(r->n * net->max_width * sizeof *work);
  size_t *idx = malloc(r->n * sizeof *idx);
  for (size_t i = 0; i < r->n; i++)
    idx[i] = i;
  ib_lanes_forward_all(k, params, r->X_rows, r->n, r->y, acts_l, loss_l);
  ib_net_forward(net, params, r->X, r->n, r->y, acts_b, loss_b);
  double worst = 0;
  for (size_t i = 0; i < r->n * net->total_width; i++)
    worst = fmax(worst, fabs(acts_l[i] - acts_b[i]));
  for (size_t i = 0; i < r->n; i++)
    worst = fmax(worst, relative_gap(loss_l[i], loss_b[i]));
  CHECK(worst < (precision == IB_PRECISION_SINGLE ? 1e-5 : 1e-13));
  ib_lanes_gradient(k, params, r->X_rows, r->y, idx, r->n, g_lanes);
  ib_net_backward(net, params, r->X, r->n, r->y, acts_b, g_blas, work);
  double norm = 0, diff = 0;
  for (size_t p = 0; p < net->n_params; p++) {
    norm = fmax(norm, fabs(g_blas[p]));
    diff = fmax(diff, fabs(g_lanes[p] - g_blas[p]));
  }
  CHECK(norm > 0 && diff <= tol * norm);
  free(g_lanes), free(g_blas), free(acts_l), free(acts_b), free(loss_l), free(loss_b);
  free(work), free(idx);
  ib_lanes_delete(k);
}

/* The kernel's activations, losses and gradients agree with net.c's to rounding. */
static void test_against_blas_path(void)
{
  const size_t widths[] = {12, 10, 7, 5, 4, 3, 3};
  ib_rng rng;
  ib_rng_seed(&rng, 11);
  rows r;
  make_rows(&r, 203, 12, 3, &rng); /* 25 full blocks and one of 3 */
  for (size_t a = 0; a < N_ACT; a++) {
    ib_net net;
    CHECK(ib_net_init(&net, widths, 7, all_activations[a]) == IB_OK);
    double *params = malloc(net.n_params * sizeof *params);
    ib_net_draw_params(&net, params, &rng);
    for (size_t p = net.bias_offset[0]; p < net.n_params; p++)
      params[p] += 0.1 * ib_rng_normal(&rng); /* biases too, so that they matter */
    for (const ib_lanes_isa *const *isa = ib_lanes_isas; *isa; isa++)
      if (ib_lanes_isa_runs_here(*isa)) {
        check_against_blas(&net, params, &r, IB_PRECISION_DOUBLE, *isa);
        check_against_blas(&net, params, &r, IB_PRECISION_SINGLE, *isa);
      }
    free(params);
    ib_net_clear(&net);
  }
  free_rows(&r);
}

static double batch_loss(const ib_net *net, const double *params, const rows *r,
                         double *acts, double *loss)
{
  ib_net_forward(net, params, r->X, r->n, r->y, acts, loss);
  double s = 0;
  for (size_t i = 0; i < r->n; i++)
    s += loss[i];
  return s / (double) r->n;
}

/* The sigmoid output on the kernel agrees with net.c's. */
static void test_sigmoid_output_against_blas(void)
{
  const size_t widths[] = {6, 5, 3, 1};
  ib_rng rng;
  ib_rng_seed(&rng, 17);
  rows r;
  make_rows(&r, 37, 6, 2, &rng);
  ib_net net;
  CHECK(ib_net_init(&net, widths, 4, IB_ACT_RELU) == IB_OK);
  CHECK(ib_net_set_output(&net, IB_OUT_SIGMOID) == IB_OK);
  double params[64];
  ib_net_draw_params(&net, params, &rng);
  check_against_blas(&net, params, &r, IB_PRECISION_DOUBLE, ib_lanes_isa_best());
  check_against_blas(&net, params, &r, IB_PRECISION_SINGLE, ib_lanes_isa_best());
  ib_net_clear(&net);
  free_rows(&r);
}

/* Central differences of the mean loss (through net.c's forward pass, checked above);
 * single precision within float's rounding of them. */
static void check_finite_differences(ib_precision precision)
{
  const size_t widths[] = {3, 4, 3, 2};
  ib_rng rng;
  ib_rng_seed(&rng, 5);
  rows r;
  make_rows(&r, 13, 3, 2, &rng);
  for (size_t a = 0; a < N_ACT; a++) {
    ib_net net;
    CHECK(ib_net_init(&net, widths, 4, all_activations[a]) == IB_OK);
    ib_lanes *k = ib_lanes_new(&net, 256, precision);
    double *params = malloc(net.n_params * sizeof *params);
    double *grad = malloc(net.n_params * sizeof *grad);
    double *acts = malloc(r.n * net.total_width * sizeof *acts);
    double *loss = malloc(r.n * sizeof *loss);
    size_t *idx = malloc(r.n * sizeof *idx);
    for (size_t i = 0; i < r.n; i++)
      idx[i] = i;
    ib_net_draw_params(&net, params, &rng);
    for (size_t p = 0; p < net.n_params; p++)
      params[p] += 0.3 * ib_rng_normal(&rng); /* relu: keep every unit away from 0 */
    ib_lanes_gradient(k, params, r.X_rows, r.y, idx, r.n, grad);
    double worst = 0;
    for (size_t p = 0; p < net.n_params; p++) {
      const double h = 1e-6, keep = params[p];
      params[p] = keep + h;
      const double up = batch_loss(&net, params, &r, acts, loss);
      params[p] = keep - h;
      const double down = batch_loss(&net, params, &r, acts, loss);
      params[p] = keep;
      worst = fmax(worst, fabs((up - down) / (2 * h) - grad[p]));
    }
    CHECK(worst < (precision == IB_PRECISION_SINGLE ? 1e-5 : 1e-7));
    free(params), free(grad), free(acts), free(loss), free(idx);
    ib_lanes_delete(k);
    ib_net_clear(&net);
  }
  free_rows(&r);
}

static void test_finite_differences(void)
{
  check_finite_differences(IB_PRECISION_DOUBLE);
  check_finite_differences(IB_PRECISION_SINGLE);
}

/* The forward pass of a row does not depend on the block it shares or on its lane: rows
 * taken one at a time give bit for bit the activations of the whole pass. */
static void check_lane_independence(ib_precision precision)
{
  const size_t widths[] = {5, 6, 4, 3};
  ib_rng rng;
  ib_rng_seed(&rng, 9);
  rows r;
  make_rows(&r, 37, 5, 3, &rng);
  ib_net net;
  CHECK(ib_net_init(&net, widths, 4, IB_ACT_TANH) == IB_OK);
  ib_lanes *k = ib_lanes_new(&net, 256, precision);
  double *params = malloc(net.n_params * sizeof *params);
  double *all = malloc(r.n * net.total_width * sizeof *all);
  double *one = malloc(net.total_width * sizeof *one), loss_one;
  double *loss = malloc(r.n * sizeof *loss);
  ib_net_draw_params(&net, params, &rng);
  ib_lanes_forward_all(k, params, r.X_rows, r.n, r.y, all, loss);
  int same = 1;
  for (size_t i = 0; i < r.n; i++) {
    ib_lanes_forward_all(k, params, r.X_rows + i * r.d, 1, r.y + i, one, &loss_one);
    for (size_t c = 0; c < net.total_width; c++)
      same &= memcmp(&one[c], &all[i + r.n * c], sizeof(double)) == 0;
    same &= memcmp(&loss_one, &loss[i], sizeof(double)) == 0;
  }
  CHECK(same);
  free(params), free(all), free(one), free(loss);
  ib_lanes_delete(k);
  ib_net_clear(&net);
  free_rows(&r);
}

static void test_lane_independence(void)
{
  check_lane_independence(IB_PRECISION_DOUBLE);
  check_lane_independence(IB_PRECISION_SINGLE);
  /* a net wider than the kernel's limit is refused, in either precision */
  const size_t wide[] = {IB_LANES_MAX_WIDTH + 1, 2, 2};
  ib_net big;
  CHECK(ib_net_init(&big, wide, 3, IB_ACT_TANH) == IB_OK);
  CHECK(!ib_lanes_fit(&big) && ib_lanes_new(&big, 8, IB_PRECISION_DOUBLE) == NULL &&
        ib_lanes_new(&big, 8, IB_PRECISION_SINGLE) == NULL);
  ib_net_clear(&big);
}

/* A tanh net of the paper's hidden widths (12 inputs, 3 classes) with drawn parameters
 * (returned) and 203 rows (25 full blocks and one of 3), from the seed. */
static double *tanh_net_and_rows(uint64_t seed, ib_net *net, rows *r)
{
  const size_t widths[] = {12, 10, 7, 5, 4, 3, 3};
  ib_rng rng;
  ib_rng_seed(&rng, seed);
  make_rows(r, 203, 12, 3, &rng);
  CHECK(ib_net_init(net, widths, 7, IB_ACT_TANH) == IB_OK);
  double *params = malloc(net->n_params * sizeof *params);
  ib_net_draw_params(net, params, &rng);
  return params;
}

/* The kernel works through a minibatch a chunk of blocks at a time, as many as its
 * workspace holds: a workspace made for 20 rows (chunks of 3 blocks or 2) gives, on 203
 * rows, the same bits as one made for all of them (chunks of IB_LANES_CHUNK). */
static void check_chunking(ib_precision precision)
{
  rows r;
  ib_net net;
  double *params = tanh_net_and_rows(29, &net, &r);
  double *g_small = malloc(net.n_params * sizeof *g_small);
  double *g_whole = malloc(net.n_params * sizeof *g_whole);
  double *a_small = malloc(r.n * net.total_width * sizeof *a_small);
  double *a_whole = malloc(r.n * net.total_width * sizeof *a_whole);
  double *l_small = malloc(r.n * sizeof *l_small), *l_whole = malloc(r.n * sizeof *l_whole);
  size_t *idx = malloc(r.n * sizeof *idx);
  for (size_t i = 0; i < r.n; i++)
    idx[i] = (i * 37) % r.n; /* a shuffled minibatch */
  ib_lanes *small = ib_lanes_new(&net, 20, precision);
  ib_lanes *whole = ib_lanes_new(&net, r.n, precision);
  CHECK(small && whole);
  ib_lanes_gradient(small, params, r.X_rows, r.y, idx, r.n, g_small);
  ib_lanes_gradient(whole, params, r.X_rows, r.y, idx, r.n, g_whole);
  ib_lanes_forward_all(small, params, r.X_rows, r.n, r.y, a_small, l_small);
  ib_lanes_forward_all(whole, params, r.X_rows, r.n, r.y, a_whole, l_whole);
  CHECK(memcmp(g_small, g_whole, net.n_params * sizeof *g_small) == 0);
  CHECK(memcmp(a_small, a_whole, r.n * net.total_width * sizeof *a_small) == 0);
  CHECK(memcmp(l_small, l_whole, r.n * sizeof *l_small) == 0);
  ib_lanes_delete(small);
  ib_lanes_delete(whole);
  free(g_small), free(g_whole), free(a_small), free(a_whole), free(l_small), free(l_whole);
  free(idx), free(params);
  ib_net_clear(&net);
  free_rows(&r);
}

static void test_chunking(void)
{
  check_chunking(IB_PRECISION_DOUBLE);
  check_chunking(IB_PRECISION_SINGLE);
}

/* One level's gradient, activations and losses of a tanh net on 203 shuffled rows. */
typedef struct {
  double *grad, *acts, *loss;
} level_result;

static void run_level(const ib_net *net, const double *params, const rows *r,
                      const size_t *idx, ib_precision precision, const ib_lanes_isa *isa,
                      level_result *out)
{
  out->grad = malloc(net->n_params * sizeof *out->grad);
  out->acts = malloc(r->n * net->total_width * sizeof *out->acts);
  out->loss = malloc(r->n * sizeof *out->loss);
  ib_lanes *k = ib_lanes_new(net, r->n, precision);
  CHECK(k && out->grad && out->acts && out->loss);
  ib_lanes_use_isa(k, isa);
  ib_lanes_gradient(k, params, r->X_rows, r->y, idx, r->n, out->grad);
  ib_lanes_forward_all(k, params, r->X_rows, r->n, r->y, out->acts, out->loss);
  ib_lanes_delete(k);
}

static int same_result(const level_result *a, const level_result *b, const ib_net *net,
                       size_t n)
{
  return memcmp(a->grad, b->grad, net->n_params * sizeof(double)) == 0 &&
         memcmp(a->acts, b->acts, n * net->total_width * sizeof(double)) == 0 &&
         memcmp(a->loss, b->loss, n * sizeof(double)) == 0;
}

/* The pick is the first level the CPU runs (baseline runs everywhere); v4 and v3 fuse their
 * multiply-adds and give the same bits; baseline does not fuse, so its bits differ (which
 * fails if a build of v3 lost its FMA), by rounding only. */
static void test_levels(void)
{
  CHECK(ib_lanes_isa_runs_here(&ib_lanes_isa_base));
  const ib_lanes_isa *first = NULL;
  for (const ib_lanes_isa *const *isa = ib_lanes_isas; *isa && !first; isa++)
    if (ib_lanes_isa_runs_here(*isa))
      first = *isa;
  CHECK(ib_lanes_isa_best() == first);
  CHECK(ib_lanes_isa_v4.fused && ib_lanes_isa_v3.fused && !ib_lanes_isa_base.fused);
  if (!ib_lanes_isa_runs_here(&ib_lanes_isa_v3)) {
    CHECK_SKIP("this CPU has no AVX2 + FMA: only the baseline level runs");
    return;
  }
  rows r;
  ib_net net;
  double *params = tanh_net_and_rows(31, &net, &r);
  size_t *idx = malloc(r.n * sizeof *idx);
  for (size_t i = 0; i < r.n; i++)
    idx[i] = (i * 37) % r.n;
  for (int p = 0; p < IB_PRECISION_COUNT; p++) {
    level_result v3, base, v4;
    run_level(&net, params, &r, idx, (ib_precision) p, &ib_lanes_isa_v3, &v3);
    run_level(&net, params, &r, idx, (ib_precision) p, &ib_lanes_isa_base, &base);
    CHECK(!same_result(&v3, &base, &net, r.n));
    const double tol = p == IB_PRECISION_SINGLE ? 1e-5 : 1e-12;
    double norm = 0, diff = 0, worst = 0;
    for (size_t q = 0; q < net.n_params; q++) {
      norm = fmax(norm, fabs(v3.grad[q]));
      diff = fmax(diff, fabs(v3.grad[q] - base.grad[q]));
    }
    for (size_t i = 0; i < r.n * net.total_width; i++)
      worst = fmax(worst, fabs(v3.acts[i] - base.acts[i]));
    for (size_t i = 0; i < r.n; i++)
      worst = fmax(worst, relative_gap(v3.loss[i], base.loss[i]));
    CHECK(norm > 0 && diff <= tol * norm && worst < tol);
    if (ib_lanes_isa_runs_here(&ib_lanes_isa_v4)) {
      run_level(&net, params, &r, idx, (ib_precision) p, &ib_lanes_isa_v4, &v4);
      CHECK(same_result(&v4, &v3, &net, r.n));
      free(v4.grad), free(v4.acts), free(v4.loss);
    }
    free(v3.grad), free(v3.acts), free(v3.loss), free(base.grad), free(base.acts),
        free(base.loss);
  }
  free(params), free(idx);
  ib_net_clear(&net);
  free_rows(&r);
}

int main(void)
{
  RUN_TEST(test_activations_against_libm);
  RUN_TEST(test_against_blas_path);
  RUN_TEST(test_finite_differences);
  RUN_TEST(test_sigmoid_output_against_blas);
  RUN_TEST(test_lane_independence);
  RUN_TEST(test_chunking);
  RUN_TEST(test_levels);
  return CHECK_DONE();
}
