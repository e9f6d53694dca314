/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_quantize.c - the quantizer of quantized networks (quantize.h): its 2^bits levels,
 * clipping and ties, the lane form against the scalar one bit for bit, the float lanes'
 * ties and clipping; the rules of
 * ib_net_set_quantize; and a quantized network's passes: every activation a level, the lane
 * kernel equal to the BLAS path (its single precision on the levels up to float rounding),
 * and the straight-through gradient of both equal to an independent backpropagation
 * (written here) through the quantized forward activations. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "net.h"
#include "net_lanes.h"
#include "quantize.h"
#include "rng.h"

/* Distinct values of a sorted array. */
static size_t distinct_sorted(const double *v, size_t n)
{
  size_t k = n > 0;
  for (size_t i = 1; i < n; i++)
    k += v[i] != v[i - 1];
  return k;
}

static int compare_doubles(const void *a, const void *b)
{
  const double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* A fine grid beyond the range on both sides falls on exactly 2^bits levels, the lowest lo
 * and the highest lo + (2^bits - 1) step, each a whole number of steps above lo; the lane
 * form gives the same bits. */
static void test_levels(void)
{
  const double ranges[][2] = {{-1, 1}, {0, 1}, {0, 6}, {-6, 6}};
  const unsigned bits[] = {4, 8};
  enum { N = 20001 };
  double *v = malloc(N * sizeof *v), *q = malloc(N * sizeof *q);
  for (size_t r = 0; r < 4; r++)
    for (size_t b = 0; b < 2; b++) {
      const double lo = ranges[r][0], hi = ranges[r][1];
      const double step = ib_quantize_step(bits[b], lo, hi);
      const double span = hi - lo;
      for (size_t i = 0; i < N; i++)
        v[i] = q[i] = lo - 0.5 * span + 2.0 * span * (double) i / (N - 1);
      ib_quantize(q, N, bits[b], ranges[r]);
      int lanes_agree = 1, whole = 1;
      for (size_t i = 0; i + IB_LANES <= N; i += IB_LANES) {
        ib_lane x, z;
        memcpy(&x, v + i, sizeof x);
        z = lane_quantize_one(x, lo, hi, step);
        lanes_agree &= memcmp(&z, q + i, sizeof z) == 0;
      }
      for (size_t i = 0; i < N; i++) {
        const double k = (q[i] - lo) / step;
        whole &= fabs(k - round(k)) < 1e-9 && fabs(q[i] - v[i]) <= 0.5 * step * (1 + 1e-12) +
                 fmax(0, fmax(lo - v[i], v[i] - hi));
      }
      CHECK(lanes_agree && whole);
      qsort(q, N, sizeof *q, compare_doubles);
      CHECK(distinct_sorted(q, N) == ((size_t) 1 << bits[b]));
      CHECK(q[0] == lo && q[N - 1] == lo + (double) ((1u << bits[b]) - 1) * step);
    }
  free(v), free(q);
}

/* Ties go up, values beyond the range are clipped; whole steps make the ties exact. */
static void test_ties_and_clipping(void)
{
  const double range[2] = {0, 255}; /* 8 bits: step 1 */
  double a[] = {7.5, 7.499999999, 0.5, 254.5, -3, 1e300, 255, 0, -0.0, 0.49999999999999994};
  const double want[] = {8, 7, 1, 255, 0, 255, 255, 0, 0, 1};
  ib_quantize(a, 10, 8, range);
  for (size_t i = 0; i < 10; i++)
    CHECK_CLOSE(a[i], want[i], 0);
  /* the last: floor(u + 0.5) in double, as documented (u + 0.5 rounds to 1) */
  ib_lane x = {7.5, 7.499999999, 0.5, 254.5, -3, 1e300, 255, 0.49999999999999994};
  ib_lane z = lane_quantize_one(x, 0, 255, 1);
  const double want_lanes[] = {8, 7, 1, 255, 0, 255, 255, 1};
  for (size_t i = 0; i < IB_LANES; i++)
    CHECK(z[i] == want_lanes[i]);
  /* the float lanes: the same ties and clipping in float */
  ib_flane xf = {7.5f, 7.4999f, 0.5f, 254.5f, -3, 1e30f, 255, 0.4999999f, 1.5f, 2.5f, 3.49f,
                 100.5f, 0, -0.0f, 12.25f, 300};
  ib_flane zf = flane_quantize_one(xf, 0, 255, 1);
  const float want_f[] = {8, 7, 1, 255, 0, 255, 255, 0, 2, 3, 3, 101, 0, 0, 12, 255};
  for (size_t i = 0; i < IB_FLANES; i++)
    CHECK(zf[i] == want_f[i]);
  double untouched[] = {0.3, -7};
  ib_quantize(untouched, 2, 0, NULL); /* 0 bits: no quantization */
  CHECK(untouched[0] == 0.3 && untouched[1] == -7);
}

static void test_set_quantize_rules(void)
{
  const size_t widths[] = {3, 4, 2};
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_TANH) == IB_OK);
  const double good[] = {-1, 1, 0, 1}, flat[] = {-1, 1, 1, 1}, inf[] = {-1, INFINITY, 0, 1};
  CHECK(net.quant_bits == 0);
  CHECK(ib_net_set_quantize(&net, 5, good) == IB_ERR_ARG);
  CHECK(ib_net_set_quantize(&net, 8, NULL) == IB_ERR_ARG);
  CHECK(ib_net_set_quantize(&net, 8, flat) == IB_ERR_ARG);
  CHECK(ib_net_set_quantize(&net, 4, inf) == IB_ERR_ARG);
  CHECK(net.quant_bits == 0);
  CHECK(ib_net_set_quantize(&net, 4, good) == IB_OK && net.quant_bits == 4);
  CHECK(net.quant_range[1] == 1 && net.quant_range[2] == 0);
  CHECK(ib_net_set_quantize(&net, 0, NULL) == IB_OK && net.quant_bits == 0);
  ib_net_clear(&net);
}

/* The straight-through gradient written out on its own: a plain forward pass with libm,
 * each layer quantized after its activation (the softmax too), then the backward pass of
 * the unquantized network on those activations: D_out = (q(P) - onehot) / n,
 * D_{l-1} = (D_l W_l') .* f'(q(A_{l-1})) with f' written through the output (tanh: 1 - q^2,
 * relu: [q > 0]). Row-major activations, one row at a time. */
static void reference_gradient(const ib_net *net, const double *params, const double *X,
                               const size_t *y, size_t n, double *grad)
{
  const size_t L = net->n_layers, T = net->total_width;
  double *A = malloc(n * T * sizeof *A), *D = malloc(n * T * sizeof *D);
  memset(grad, 0, net->n_params * sizeof *grad);
  for (size_t i = 0; i < n; i++) {
    const double *in = X + i * net->widths[0];
    for (size_t l = 0; l < L; l++) {
      const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
      const double *W = params + net->weight_offset[l], *b = params + net->bias_offset[l];
      double *z = A + i * T + net->act_offset[l];
      for (size_t j = 0; j < w_out; j++) {
        z[j] = b[j];
        for (size_t k = 0; k < w_in; k++)
          z[j] += in[k] * W[k + j * w_in];
      }
      if (l + 1 < L) {
        for (size_t j = 0; j < w_out; j++)
          z[j] = net->activation == IB_ACT_TANH ? tanh(z[j]) : fmax(z[j], 0);
      } else {
        double m = z[0], s = 0;
        for (size_t j = 1; j < w_out; j++)
          m = fmax(m, z[j]);
        for (size_t j = 0; j < w_out; j++)
          s += (z[j] = exp(z[j] - m));
        for (size_t j = 0; j < w_out; j++)
          z[j] /= s;
      }
      const double *range = net->quant_range + 2 * l;
      for (size_t j = 0; j < w_out; j++)
        z[j] = ib_quantize_value(z[j], range[0], range[1],
                                 ib_quantize_step(net->quant_bits, range[0], range[1]));
      in = z;
    }
    double *d = D + i * T + net->act_offset[L - 1];
    const double *p = A + i * T + net->act_offset[L - 1];
    for (size_t j = 0; j < net->widths[L]; j++)
      d[j] = (p[j] - (j == y[i])) / (double) n;
    for (size_t l = L - 1; l > 0; l--) {
      const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
      const double *W = params + net->weight_offset[l], *dl = D + i * T + net->act_offset[l];
      const double *a = A + i * T + net->act_offset[l - 1];
      double *back = D + i * T + net->act_offset[l - 1];
      for (size_t k = 0; k < w_in; k++) {
        double s = 0;
        for (size_t j = 0; j < w_out; j++)
          s += dl[j] * W[k + j * w_in];
        back[k] = s * (net->activation == IB_ACT_TANH ? 1 - a[k] * a[k] : (double) (a[k] > 0));
      }
    }
    for (size_t l = 0; l < L; l++) {
      const size_t w_in = net->widths[l], w_out = net->widths[l + 1];
      const double *a = l ? A + i * T + net->act_offset[l - 1] : X + i * net->widths[0];
      const double *dl = D + i * T + net->act_offset[l];
      for (size_t j = 0; j < w_out; j++) {
        for (size_t k = 0; k < w_in; k++)
          grad[net->weight_offset[l] + k + j * w_in] += a[k] * dl[j];
        grad[net->bias_offset[l] + j] += dl[j];
      }
    }
  }
  free(A), free(D);
}

/* A quantized tanh and relu network, 4 and 8 bits: the forward passes of the lane kernel
 * and of BLAS give the same levels; both gradients equal the reference; and quantization
 * changes the gradient (the test would not see a quantizer that did nothing). */
static void test_quantized_passes(void)
{
  const size_t widths[] = {5, 6, 4, 3}, n = 37, d = 5; /* 4 full blocks and one of 5 */
  const ib_activation acts[] = {IB_ACT_TANH, IB_ACT_RELU};
  const unsigned bits[] = {4, 8};
  ib_rng rng;
  ib_rng_seed(&rng, 23);
  double X[37 * 5], X_rows[37 * 5];
  size_t y[37], idx[37];
  for (size_t i = 0; i < n; i++) {
    for (size_t k = 0; k < d; k++)
      X[i + k * n] = X_rows[i * d + k] = ib_rng_normal(&rng);
    y[i] = ib_rng_below(&rng, 3);
    idx[i] = i;
  }
  for (size_t a = 0; a < 2; a++)
    for (size_t b = 0; b < 2; b++) {
      ib_net net;
      CHECK(ib_net_init(&net, widths, 4, acts[a]) == IB_OK);
      const double hidden = acts[a] == IB_ACT_TANH ? -1 : 0;
      const double range[] = {hidden, acts[a] == IB_ACT_TANH ? 1 : 2, hidden, 1, 0, 1};
      double params[128], g_lanes[128], g_blas[128], g_ref[128], g_plain[128];
      CHECK(net.n_params <= 128);
      ib_net_draw_params(&net, params, &rng);
      for (size_t p = net.bias_offset[0]; p < net.n_params; p++)
        params[p] += 0.2 * ib_rng_normal(&rng);
      ib_lanes *k = ib_lanes_new(&net, n, IB_PRECISION_DOUBLE);
      double *acts_l = malloc(n * net.total_width * sizeof *acts_l);
      double *acts_b = malloc(n * net.total_width * sizeof *acts_b);
      double *work = malloc(n * net.max_width * sizeof *work);
      /* unquantized first, then quantized */
      ib_lanes_gradient(k, params, X_rows, y, idx, n, g_plain);
      CHECK(ib_net_set_quantize(&net, bits[b], range) == IB_OK);
      ib_lanes_forward_all(k, params, X_rows, n, NULL, acts_l, NULL);
      ib_net_forward(&net, params, X, n, NULL, acts_b, NULL);
      CHECK(memcmp(acts_l, acts_b, n * net.total_width * sizeof *acts_l) == 0);
      int levels = 1;
      for (size_t l = 0; l < 3; l++) {
        const double *z = ib_net_layer(&net, acts_b, n, l);
        const double step = ib_quantize_step(bits[b], range[2 * l], range[2 * l + 1]);
        for (size_t i = 0; i < n * widths[l + 1]; i++) {
          const double u = (z[i] - range[2 * l]) / step;
          levels &= fabs(u - round(u)) < 1e-9 && u > -0.5 && u < (1 << bits[b]) - 0.5;
        }
      }
      CHECK(levels);
      /* single precision: the float levels, within float rounding of the double ones */
      ib_lanes *kf = ib_lanes_new(&net, n, IB_PRECISION_SINGLE);
      double *acts_f = malloc(n * net.total_width * sizeof *acts_f);
      ib_lanes_forward_all(kf, params, X_rows, n, NULL, acts_f, NULL);
      int float_levels = 1;
      for (size_t l = 0; l < 3; l++) {
        const double *z = ib_net_layer(&net, acts_f, n, l);
        const double step = ib_quantize_step(bits[b], range[2 * l], range[2 * l + 1]);
        for (size_t i = 0; i < n * widths[l + 1]; i++) {
          const double u = (z[i] - range[2 * l]) / step;
          float_levels &= fabs(u - round(u)) < 1e-4 && u > -0.5 && u < (1 << bits[b]) - 0.5;
        }
      }
      CHECK(float_levels);
      free(acts_f);
      ib_lanes_delete(kf);
      ib_lanes_gradient(k, params, X_rows, y, idx, n, g_lanes);
      ib_net_backward(&net, params, X, n, y, acts_b, g_blas, work);
      reference_gradient(&net, params, X_rows, y, n, g_ref);
      double norm = 0, gap_l = 0, gap_b = 0, change = 0;
      for (size_t p = 0; p < net.n_params; p++) {
        norm = fmax(norm, fabs(g_ref[p]));
        gap_l = fmax(gap_l, fabs(g_lanes[p] - g_ref[p]));
        gap_b = fmax(gap_b, fabs(g_blas[p] - g_ref[p]));
        change = fmax(change, fabs(g_plain[p] - g_ref[p]));
      }
      CHECK(norm > 0 && gap_l <= 1e-12 * norm && gap_b <= 1e-12 * norm);
      CHECK(change > 1e-6 * norm);
      free(acts_l), free(acts_b), free(work);
      ib_lanes_delete(k);
      ib_net_clear(&net);
    }
}

int main(void)
{
  RUN_TEST(test_levels);
  RUN_TEST(test_ties_and_clipping);
  RUN_TEST(test_set_quantize_rules);
  RUN_TEST(test_quantized_passes);
  return check_done(__FILE__);
}
