/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_ib_curve.c - the IB curve core against closed forms (doubly symmetric binary source,
 * erasure channel, deterministic labels), a brute-force search over encoders on a grid, and
 * the properties every IB curve has. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "ib_curve.h"

static int quick;

/* ---------------------------------------------------------------- plain references */

static double h2(double p)
{
  return p <= 0 || p >= 1 ? 0.0 : -p * log2(p) - (1 - p) * log2(1 - p);
}

/* inverse of h2 on [0, 1/2] by bisection */
static double h2_inverse(double v)
{
  double lo = 0.0, hi = 0.5;
  for (int i = 0; i < 200; i++) {
    double mid = 0.5 * (lo + hi);
    if (h2(mid) < v)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

/* Mrs Gerber's lemma curve of the doubly symmetric binary source with crossover q:
 * T = X xor Bern(p) gives I(X;T) = 1 - h(p), I(T;Y) = 1 - h(p * q). */
static double dsbs_curve(double ixt, double q)
{
  double p = h2_inverse(1.0 - ixt);
  return 1.0 - h2(p * (1 - q) + (1 - p) * q);
}

/* I(X;T), I(T;Y) in bits of encoder enc (nx x nt) on pxy (nx x ny), computed directly. */
static void encoder_mi(const double *pxy, size_t nx, size_t ny, const double *enc, size_t nt,
                       double *ixt, double *ity)
{
  double px[8] = {0}, py[8] = {0}, pt[8] = {0}, pty[64] = {0};
  double a = 0.0, b = 0.0;
  for (size_t x = 0; x < nx; x++)
    for (size_t y = 0; y < ny; y++) {
      px[x] += pxy[x + nx * y];
      py[y] += pxy[x + nx * y];
    }
  for (size_t x = 0; x < nx; x++)
    for (size_t t = 0; t < nt; t++) {
      pt[t] += px[x] * enc[x + nx * t];
      for (size_t y = 0; y < ny; y++)
        pty[t + nt * y] += pxy[x + nx * y] * enc[x + nx * t];
    }
  for (size_t x = 0; x < nx; x++)
    for (size_t t = 0; t < nt; t++)
      if (px[x] > 0 && enc[x + nx * t] > 0)
        a += px[x] * enc[x + nx * t] * log2(enc[x + nx * t] / pt[t]);
  for (size_t t = 0; t < nt; t++)
    for (size_t y = 0; y < ny; y++)
      if (pty[t + nt * y] > 0)
        b += pty[t + nt * y] * log2(pty[t + nt * y] / (pt[t] * py[y]));
  *ixt = a;
  *ity = b;
}

/* Minimises I(X;T) - beta I(T;Y) over encoders with |T| = 2 from enc (enc[x] = p(t = 0 | x))
 * by a pattern search on the logits z = log(p / (1 - p)), so that probabilities near 0 and 1
 * are reached: try a step along each of the 3^|X| - 1 directions of {-1, 0, 1}^|X|, halve
 * the step when none helps. */
static void pattern_search(const double *pxy, size_t nx, size_t ny, double beta, double *enc,
                           double *ixt, double *ity)
{
  double z[4], trial_z[4], full[8], best, a, b, step = 1.0;
  size_t n_dir = 1;
  for (size_t x = 0; x < nx; x++) {
    double p = fmin(1 - 1e-3, fmax(1e-3, enc[x]));
    z[x] = log(p / (1 - p));
    full[x] = 1.0 / (1.0 + exp(-z[x]));
    full[x + nx] = 1.0 - full[x];
    n_dir *= 3;
  }
  encoder_mi(pxy, nx, ny, full, 2, &a, &b);
  best = a - beta * b;
  while (step > 1e-10) {
    int improved = 0;
    for (size_t d = 1; d < n_dir; d++) {
      size_t v = d;
      for (size_t x = 0; x < nx; x++) {
        trial_z[x] = z[x] + ((double) (v % 3) - 1.0) * step;
        full[x] = 1.0 / (1.0 + exp(-trial_z[x]));
        full[x + nx] = 1.0 - full[x];
        v /= 3;
      }
      encoder_mi(pxy, nx, ny, full, 2, &a, &b);
      if (a - beta * b < best) {
        best = a - beta * b;
        memcpy(z, trial_z, nx * sizeof *z);
        improved = 1;
      }
    }
    if (!improved)
      step /= 2;
  }
  for (size_t x = 0; x < nx; x++) {
    full[x] = 1.0 / (1.0 + exp(-z[x]));
    full[x + nx] = 1.0 - full[x];
    enc[x] = full[x];
  }
  encoder_mi(pxy, nx, ny, full, 2, ixt, ity);
}

static double entropy_bits(const double *p, size_t n)
{
  double h = 0.0;
  for (size_t i = 0; i < n; i++)
    if (p[i] > 0)
      h -= p[i] * log2(p[i]);
  return h;
}

static void marginals(const double *pxy, size_t nx, size_t ny, double *px, double *py)
{
  for (size_t x = 0; x < nx; x++)
    px[x] = 0.0;
  for (size_t y = 0; y < ny; y++)
    py[y] = 0.0;
  for (size_t x = 0; x < nx; x++)
    for (size_t y = 0; y < ny; y++) {
      px[x] += pxy[x + nx * y];
      py[y] += pxy[x + nx * y];
    }
}

static double mutual_info_bits(const double *pxy, size_t nx, size_t ny)
{
  double px[64], py[64], mi = 0.0;
  marginals(pxy, nx, ny, px, py);
  for (size_t x = 0; x < nx; x++)
    for (size_t y = 0; y < ny; y++)
      if (pxy[x + nx * y] > 0)
        mi += pxy[x + nx * y] * log2(pxy[x + nx * y] / (px[x] * py[y]));
  return mi;
}

/* The reported curve at ixt, by linear interpolation between its vertices. */
static double curve_at(const ib_curve_result *r, double ixt)
{
  size_t i;
  if (ixt <= r->IXT[0])
    return r->ITY[0];
  for (i = 0; i + 1 < r->n_curve; i++)
    if (ixt <= r->IXT[i + 1]) {
      double w = (ixt - r->IXT[i]) / (r->IXT[i + 1] - r->IXT[i]);
      return r->ITY[i] + w * (r->ITY[i + 1] - r->ITY[i]);
    }
  return r->ITY[r->n_curve - 1];
}

/* The largest height of the points (ixt, ity) above the line of slope 1/beta through any
 * raw point of r: positive when a point beats an optimum's Lagrangian I(X;T) - beta I(T;Y). */
static double height_above_tangents(const ib_curve_result *r, const double *ixt,
                                    const double *ity, size_t n)
{
  double worst = -INFINITY;
  for (size_t i = 0; i < r->n_raw; i++)
    for (size_t j = 0; j < n; j++)
      worst = fmax(worst, ity[j] - r->raw_ITY[i] - (ixt[j] - r->raw_IXT[i]) / r->raw_beta[i]);
  return worst;
}

static void random_joint(double *pxy, size_t nx, size_t ny, unsigned *seed)
{
  double sum = 0.0;
  for (size_t i = 0; i < nx * ny; i++) {
    *seed = *seed * 1103515245u + 12345u;
    pxy[i] = 0.05 + (double) ((*seed >> 8) & 0xffff) / 65536.0;
    pxy[i] *= pxy[i];
    sum += pxy[i];
  }
  for (size_t i = 0; i < nx * ny; i++)
    pxy[i] /= sum;
}

/* The properties of every reported curve: starts at (0, 0), ascending, non-decreasing,
 * concave, under min(I(X;T), I(X;Y)), ends at (H(X), I(X;Y)) (full cardinality). */
static void check_curve_shape(const ib_curve_result *r, const double *pxy, size_t nx, size_t ny,
                              int full_cardinality)
{
  double px[64], py[64], hx, ixy;
  marginals(pxy, nx, ny, px, py);
  hx = entropy_bits(px, nx);
  ixy = mutual_info_bits(pxy, nx, ny);
  CHECK_CLOSE(r->H_X, hx, 1e-12);
  CHECK_CLOSE(r->I_XY, ixy, 1e-12);
  CHECK(r->n_curve >= 1);
  CHECK_CLOSE(r->IXT[0], 0.0, 0.0);
  CHECK_CLOSE(r->ITY[0], 0.0, 0.0);
  for (size_t i = 0; i < r->n_curve; i++) {
    CHECK(r->ITY[i] <= r->IXT[i] + 1e-12);
    CHECK(r->ITY[i] <= ixy + 1e-12);
    CHECK(r->IXT[i] <= hx + 1e-12);
    if (i > 0) {
      CHECK(r->IXT[i] > r->IXT[i - 1]);
      CHECK(r->ITY[i] >= r->ITY[i - 1]);
    }
    if (i > 1) {
      double s1 = (r->ITY[i - 1] - r->ITY[i - 2]) / (r->IXT[i - 1] - r->IXT[i - 2]);
      double s2 = (r->ITY[i] - r->ITY[i - 1]) / (r->IXT[i] - r->IXT[i - 1]);
      CHECK(s2 <= s1 + 1e-12);
    }
  }
  for (size_t i = 0; i < r->n_raw; i++) {
    CHECK(r->raw_ITY[i] <= r->raw_IXT[i] + 1e-12);
    CHECK(r->raw_ITY[i] <= ixy + 1e-12);
    /* every raw point is under the curve */
    CHECK(r->raw_ITY[i] <= curve_at(r, r->raw_IXT[i]) + 1e-12);
  }
  if (full_cardinality) {
    CHECK_CLOSE(r->IXT[r->n_curve - 1], hx, 1e-12);
    CHECK_CLOSE(r->ITY[r->n_curve - 1], ixy, 1e-12);
  }
}

/* ---------------------------------------------------------------- tests */

static void test_dsbs_closed_form(void)
{
  const double qs[] = {0.05, 0.11, 0.25, 0.4};
  for (size_t k = 0; k < sizeof qs / sizeof qs[0]; k += quick ? 2 : 1) {
    double q = qs[k], vertex_dev = 0.0, interp_dev = 0.0;
    double pxy[4] = {0.5 * (1 - q), 0.5 * q, 0.5 * q, 0.5 * (1 - q)};
    ib_curve_options opt;
    ib_curve_result *r = NULL;
    ib_curve_options_default(&opt);
    CHECK(ib_curve_compute(pxy, 2, 2, &opt, &r) == IB_OK);
    if (!r)
      continue;
    CHECK(!r->deterministic);
    CHECK(r->all_converged);
    check_curve_shape(r, pxy, 2, 2, 1);
    for (size_t i = 0; i < r->n_curve; i++)
      vertex_dev = fmax(vertex_dev, fabs(r->ITY[i] - dsbs_curve(r->IXT[i], q)));
    for (int j = 0; j <= 500; j++) {
      double x = j / 500.0;
      interp_dev = fmax(interp_dev, fabs(curve_at(r, x) - dsbs_curve(x, q)));
    }
    printf("  dsbs q = %.2f: %zu vertices, max deviation %.2e bits at vertices, %.2e between\n",
           q, r->n_curve, vertex_dev, interp_dev);
    CHECK(vertex_dev <= 1e-6);
    CHECK(interp_dev <= opt.curve_tol + 1e-6);
    ib_curve_result_delete(r);
  }
}

/* X uniform-ish on 3 values, Y = X or erased with probability e: I(T;Y) = (1 - e) I(X;T)
 * for every encoder, so the curve is the straight line. */
static void test_erasure_line(void)
{
  const double px[3] = {0.5, 0.3, 0.2}, e = 0.3;
  double pxy[12] = {0};
  ib_curve_options opt;
  ib_curve_result *r = NULL;
  for (size_t x = 0; x < 3; x++) {
    pxy[x + 3 * x] = px[x] * (1 - e);
    pxy[x + 3 * 3] = px[x] * e;
  }
  ib_curve_options_default(&opt);
  CHECK(ib_curve_compute(pxy, 3, 4, &opt, &r) == IB_OK);
  if (!r)
    return;
  check_curve_shape(r, pxy, 3, 4, 1);
  for (size_t i = 0; i < r->n_raw; i++)
    CHECK_CLOSE(r->raw_ITY[i], (1 - e) * r->raw_IXT[i], 1e-9);
  for (size_t i = 0; i < r->n_curve; i++)
    CHECK_CLOSE(r->ITY[i], (1 - e) * r->IXT[i], 1e-9);
  ib_curve_result_delete(r);
}

/* y = f(x): flagged, and the exact curve min(I(X;T), H(Y)). */
static void test_deterministic(void)
{
  const double px[5] = {0.1, 0.2, 0.3, 0.15, 0.25};
  const size_t f[5] = {0, 1, 0, 2, 1};
  double pxy[15] = {0}, py[3] = {0}, hy, hx;
  ib_curve_options opt;
  ib_curve_result *r = NULL;
  for (size_t x = 0; x < 5; x++) {
    pxy[x + 5 * f[x]] = px[x];
    py[f[x]] += px[x];
  }
  hy = entropy_bits(py, 3);
  hx = entropy_bits(px, 5);
  ib_curve_options_default(&opt);
  opt.keep_encoders = 1;
  CHECK(ib_curve_compute(pxy, 5, 3, &opt, &r) == IB_OK);
  if (!r)
    return;
  CHECK(r->deterministic);
  check_curve_shape(r, pxy, 5, 3, 1);
  CHECK(r->n_curve == 3);
  if (r->n_curve == 3) {
    CHECK_CLOSE(r->IXT[1], hy, 1e-12);
    CHECK_CLOSE(r->ITY[1], hy, 1e-12);
    CHECK_CLOSE(r->IXT[2], hx, 1e-12);
    CHECK_CLOSE(r->ITY[2], hy, 1e-12);
  }
  /* the encoders given achieve the raw points */
  for (size_t i = 0; i < r->n_raw; i++) {
    double ixt, ity;
    encoder_mi(pxy, 5, 3, r->raw_encoders[i], r->raw_cardinality[i], &ixt, &ity);
    CHECK_CLOSE(ixt, r->raw_IXT[i], 1e-12);
    CHECK_CLOSE(ity, r->raw_ITY[i], 1e-12);
  }
  ib_curve_result_delete(r);

  /* the same labels with a little noise are not deterministic, and the computed curve
   * lies under the deterministic one and close to it */
  {
    double noisy[15], eps = 1e-3;
    for (size_t x = 0; x < 5; x++)
      for (size_t y = 0; y < 3; y++)
        noisy[x + 5 * y] = px[x] * (y == f[x] ? 1 - 2 * eps : eps);
    ib_curve_options_default(&opt);
    CHECK(ib_curve_compute(noisy, 5, 3, &opt, &r) == IB_OK);
    if (r) {
      CHECK(!r->deterministic);
      check_curve_shape(r, noisy, 5, 3, 1);
      for (size_t i = 0; i < r->n_curve; i++) {
        double exact = fmin(r->IXT[i], hy);
        CHECK(r->ITY[i] <= exact + 1e-12);
        CHECK(r->ITY[i] >= exact - 0.05);
      }
      ib_curve_result_delete(r);
    }
  }
}

/* Brute force over encoders with |T| = 2 on a grid of p(t = 0 | x): no encoder lies above
 * the tangent line (slope 1/beta) of any point found with max_cardinality 2, and the points
 * found are achieved by their encoders. With full cardinality the curve is not lower. */
static void test_brute_force(void)
{
  const size_t sizes[][2] = {{2, 2}, {2, 3}, {3, 2}, {3, 3}, {4, 2}, {4, 3}};
  unsigned seed = 12345u;
  /* valgrind (quick): every other size, and the polish on every 6th point */
  for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c += quick ? 2 : 1) {
    size_t nx = sizes[c][0], ny = sizes[c][1];
    size_t grid = nx <= 2 ? 200 : nx == 3 ? 60 : 24, n_enc = 1;
    int reps = quick ? 1 : 2;
    if (quick)
      grid = nx <= 2 ? 50 : nx == 3 ? 20 : 10;
    for (size_t i = 0; i < nx; i++)
      n_enc *= grid + 1;
    for (int rep = 0; rep < reps; rep++) {
      double pxy[12], enc[8], worst_above = -INFINITY, worst_below = 0.0;
      double worst_interp = -INFINITY;
      double *bf_ixt = malloc(n_enc * sizeof *bf_ixt), *bf_ity = malloc(n_enc * sizeof *bf_ity);
      ib_curve_options opt;
      ib_curve_result *r = NULL, *full = NULL;
      random_joint(pxy, nx, ny, &seed);
      ib_curve_options_default(&opt);
      opt.max_cardinality = 2;
      opt.keep_encoders = 1;
      CHECK(bf_ixt && bf_ity);
      CHECK(ib_curve_compute(pxy, nx, ny, &opt, &r) == IB_OK);
      ib_curve_options_default(&opt);
      CHECK(ib_curve_compute(pxy, nx, ny, &opt, &full) == IB_OK);
      if (!r || !full || !bf_ixt || !bf_ity) {
        free(bf_ixt);
        free(bf_ity);
        ib_curve_result_delete(r);
        ib_curve_result_delete(full);
        continue;
      }
      check_curve_shape(r, pxy, nx, ny, nx <= 2);
      check_curve_shape(full, pxy, nx, ny, 1);
      for (size_t e = 0; e < n_enc; e++) {
        size_t v = e;
        for (size_t x = 0; x < nx; x++) {
          enc[x] = (double) (v % (grid + 1)) / (double) grid;
          enc[x + nx] = 1.0 - enc[x];
          v /= grid + 1;
        }
        encoder_mi(pxy, nx, ny, enc, 2, &bf_ixt[e], &bf_ity[e]);
      }
      for (size_t i = 0; i < r->n_raw; i += quick ? 6 : 1) {
        double ixt, ity, beta = r->raw_beta[i];
        CHECK(r->raw_cardinality[i] <= 2);
        if (isinf(beta))
          continue;
        encoder_mi(pxy, nx, ny, r->raw_encoders[i], r->raw_cardinality[i], &ixt, &ity);
        CHECK_CLOSE(ixt, r->raw_IXT[i], 1e-9);
        CHECK_CLOSE(ity, r->raw_ITY[i], 1e-9);
        /* the grid encoder highest above the tangent line of slope 1/beta (positive if the
         * grid beats the point found), and the one of most I(T;Y) at no more I(X;T) than
         * the point found; both polished by a pattern search on the Lagrangian, the better
         * must come within 1e-4 bits of the point found: the two searches match */
        double best_above = -INFINITY, polished_above = -INFINITY, best_ity = -INFINITY;
        double best_far = -INFINITY;
        size_t starts[3] = {0, 0, 0};
        for (size_t e = 0; e < n_enc; e++) {
          double above = bf_ity[e] - r->raw_ITY[i] - (bf_ixt[e] - r->raw_IXT[i]) / beta;
          if (above > best_above) {
            best_above = above;
            starts[0] = e;
          }
          if (bf_ixt[e] <= r->raw_IXT[i] && bf_ity[e] > best_ity) {
            best_ity = bf_ity[e];
            starts[1] = e;
          }
          /* away from the trivial encoder's basin (a local optimum past first-order
           * transitions) */
          if (bf_ixt[e] >= 0.5 * r->raw_IXT[i] && above > best_far) {
            best_far = above;
            starts[2] = e;
          }
        }
        for (int k = 0; k < 3; k++) {
          size_t v = starts[k];
          for (size_t x = 0; x < nx; x++) {
            enc[x] = (double) (v % (grid + 1)) / (double) grid;
            v /= grid + 1;
          }
          pattern_search(pxy, nx, ny, beta, enc, &ixt, &ity);
          polished_above = fmax(polished_above,
                                ity - r->raw_ITY[i] - (ixt - r->raw_IXT[i]) / beta);
        }
        worst_above = fmax(worst_above, fmax(best_above, polished_above));
        worst_below = fmax(worst_below, -polished_above);
        if (getenv("DBG") && -polished_above > 1e-4)
          { printf("beta %g ours (%g, %g) k %zu grid-best above %g polished above %g\n", beta, r->raw_IXT[i], r->raw_ITY[i], r->raw_cardinality[i], best_above, polished_above);
            for (size_t x = 0; x < nx; x++) printf(" enc %g %g  pxy %g %g %g\n", r->raw_encoders[i][x], r->raw_encoders[i][x+nx], pxy[x], pxy[x+nx], pxy[x+2*nx]); }
      }
      for (size_t e = 0; e < n_enc; e++)
        worst_interp = fmax(worst_interp, bf_ity[e] - curve_at(r, bf_ixt[e]));
      printf("  brute force |X| = %zu, |Y| = %zu: %zu encoders; best grid encoder %.1e bits "
             "above a tangent (%.1e below), %.1e above the curve; |T| <= 2 %.1e above |T| <= |X|\n",
             nx, ny, n_enc, worst_above, worst_below, worst_interp,
             height_above_tangents(full, r->raw_IXT, r->raw_ITY, r->n_raw));
      CHECK(worst_above <= 1e-6);
      CHECK(worst_below <= 1e-4);
      CHECK(worst_interp <= opt.curve_tol + 1e-9);
      /* more clusters cannot do worse: no point found with |T| <= 2 beats the Lagrangian of
       * a point found with |T| <= |X| */
      CHECK(height_above_tangents(full, r->raw_IXT, r->raw_ITY, r->n_raw) <= 1e-6);
      for (size_t i = 0; i < r->n_curve; i++)
        CHECK(curve_at(full, r->IXT[i]) >= r->ITY[i] - opt.curve_tol);
      free(bf_ixt);
      free(bf_ity);
      ib_curve_result_delete(r);
      ib_curve_result_delete(full);
    }
  }
}

/* The deterministic IB's points (deterministic encoders) are never above the IB curve. */
static void test_dib_below_ib(void)
{
  unsigned seed = 777u;
  for (int rep = 0; rep < (quick ? 2 : 6); rep++) {
    size_t nx = 3 + (size_t) rep % 4, ny = 2 + (size_t) rep % 2;
    double pxy[24];
    ib_curve_options opt;
    ib_curve_result *ib = NULL, *dib = NULL;
    random_joint(pxy, nx, ny, &seed);
    ib_curve_options_default(&opt);
    CHECK(ib_curve_compute(pxy, nx, ny, &opt, &ib) == IB_OK);
    opt.method = IB_CURVE_DIB;
    opt.keep_encoders = 1;
    CHECK(ib_curve_compute(pxy, nx, ny, &opt, &dib) == IB_OK);
    if (ib && dib) {
      check_curve_shape(dib, pxy, nx, ny, 1);
      CHECK(height_above_tangents(ib, dib->raw_IXT, dib->raw_ITY, dib->n_raw) <= 1e-6);
      for (size_t i = 0; i < dib->n_raw; i++) {
        double ixt, ity;
        CHECK(dib->raw_ITY[i] <= curve_at(ib, dib->raw_IXT[i]) + opt.curve_tol);
        /* hard encoders: I(X;T) = H(T) */
        CHECK_CLOSE(dib->raw_IXT[i], dib->raw_HT[i], 1e-12);
        for (size_t k = 0; k < nx * dib->raw_cardinality[i]; k++)
          CHECK(dib->raw_encoders[i][k] == 0.0 || dib->raw_encoders[i][k] == 1.0);
        encoder_mi(pxy, nx, ny, dib->raw_encoders[i], dib->raw_cardinality[i], &ixt, &ity);
        CHECK_CLOSE(ixt, dib->raw_IXT[i], 1e-9);
        CHECK_CLOSE(ity, dib->raw_ITY[i], 1e-9);
      }
    }
    ib_curve_result_delete(ib);
    ib_curve_result_delete(dib);
  }
}

/* Values of x with equal p(y|x) give the same curve as their merged joint (the optimal
 * encoder depends on x only through p(y|x)); only the right end H(X) moves. */
static void test_merged_rows(void)
{
  const double merged[6] = {0.3, 0.2, 0.1, 0.1, 0.1, 0.2};   /* 3 x 2 */
  double split[8];                                          /* 4 x 2: row 0 in halves */
  ib_curve_options opt;
  ib_curve_result *a = NULL, *b = NULL;
  split[0] = 0.15; split[1] = 0.2; split[2] = 0.1; split[3] = 0.15;
  split[4] = 0.05; split[5] = 0.1; split[6] = 0.2; split[7] = 0.05;
  ib_curve_options_default(&opt);
  CHECK(ib_curve_compute(merged, 3, 2, &opt, &a) == IB_OK);
  CHECK(ib_curve_compute(split, 4, 2, &opt, &b) == IB_OK);
  if (a && b) {
    CHECK(b->n_x_merged == 3);
    CHECK_CLOSE(b->H_X_merged, a->H_X, 1e-12);
    CHECK_CLOSE(b->I_XY, a->I_XY, 1e-12);
    check_curve_shape(b, split, 4, 2, 1);
    for (size_t i = 0; i < a->n_curve; i++)
      CHECK_CLOSE(curve_at(b, a->IXT[i]), a->ITY[i], 1e-6);
  }
  ib_curve_result_delete(a);
  ib_curve_result_delete(b);
}

static void test_bad_input(void)
{
  double good[4] = {0.4, 0.1, 0.1, 0.4}, bad[4];
  ib_curve_options opt;
  ib_curve_result *r = NULL;
  ib_curve_options_default(&opt);
  memcpy(bad, good, sizeof bad);
  bad[0] = NAN;
  CHECK(ib_curve_compute(bad, 2, 2, &opt, &r) == IB_ERR_NONFINITE && !r);
  bad[0] = -0.1;
  bad[3] = 0.9;
  CHECK(ib_curve_compute(bad, 2, 2, &opt, &r) == IB_ERR_ARG && !r);
  memcpy(bad, good, sizeof bad);
  bad[0] = 0.5;   /* sums to 1.1 */
  CHECK(ib_curve_compute(bad, 2, 2, &opt, &r) == IB_ERR_ARG && !r);
  CHECK(ib_curve_compute(good, 0, 2, &opt, &r) == IB_ERR_ARG && !r);
  CHECK(ib_curve_compute(NULL, 2, 2, &opt, &r) == IB_ERR_ARG && !r);
  CHECK(ib_curve_compute(good, 2, 2, &opt, NULL) == IB_ERR_ARG);
  opt.beta_min = 0;
  CHECK(ib_curve_compute(good, 2, 2, &opt, &r) == IB_ERR_ARG && !r);
  ib_curve_options_default(&opt);
  opt.tol = -1;
  CHECK(ib_curve_compute(good, 2, 2, &opt, &r) == IB_ERR_ARG && !r);
  ib_curve_options_default(&opt);
  {
    double betas[2] = {1.0, INFINITY};
    opt.betas = betas;
    opt.n_betas = 2;
    CHECK(ib_curve_compute(good, 2, 2, &opt, &r) == IB_ERR_NONFINITE && !r);
  }
  {
    ib_curve_method m;
    CHECK(ib_curve_method_from_name("dib", &m) == 0 && m == IB_CURVE_DIB);
    CHECK(ib_curve_method_from_name("ib", &m) == 0 && m == IB_CURVE_IB);
    CHECK(ib_curve_method_from_name("IBX", &m) != 0);
  }
  /* degenerate but valid: one value of x, one value of y, zero rows and columns */
  {
    double one[1] = {1.0}, col[3] = {0.2, 0.8, 0.0}, zeros[6] = {0.5, 0.0, 0.0, 0.0, 0.0, 0.5};
    ib_curve_options_default(&opt);
    CHECK(ib_curve_compute(one, 1, 1, &opt, &r) == IB_OK);
    if (r) {
      CHECK(r->n_curve == 1 && r->IXT[0] == 0 && r->ITY[0] == 0);
      ib_curve_result_delete(r);
    }
    CHECK(ib_curve_compute(col, 3, 1, &opt, &r) == IB_OK);
    if (r) {
      check_curve_shape(r, col, 3, 1, 1);
      CHECK_CLOSE(r->ITY[r->n_curve - 1], 0.0, 0.0);
      ib_curve_result_delete(r);
    }
    CHECK(ib_curve_compute(zeros, 3, 2, &opt, &r) == IB_OK);   /* x = 1 has p(x) = 0 */
    if (r) {
      CHECK(r->deterministic);
      check_curve_shape(r, zeros, 3, 2, 1);
      ib_curve_result_delete(r);
    }
  }
}

/* An explicit beta grid is solved as given (sorted), without refinement. */
static void test_explicit_grid(void)
{
  const double q = 0.1;
  double pxy[4] = {0.5 * (1 - q), 0.5 * q, 0.5 * q, 0.5 * (1 - q)};
  double betas[4] = {10.0, 1.2, 0.5, 3.0};
  ib_curve_options opt;
  ib_curve_result *r = NULL;
  ib_curve_options_default(&opt);
  opt.betas = betas;
  opt.n_betas = 4;
  CHECK(ib_curve_compute(pxy, 2, 2, &opt, &r) == IB_OK);
  if (!r)
    return;
  CHECK(r->n_raw == 4);
  for (size_t i = 0; i + 1 < r->n_raw; i++)
    CHECK(r->raw_beta[i] < r->raw_beta[i + 1]);
  /* below the critical beta 1/(1-2q)^2 the trivial encoder is optimal */
  CHECK_CLOSE(r->raw_IXT[0], 0.0, 1e-9);
  CHECK_CLOSE(r->raw_IXT[1], 0.0, 1e-9);
  CHECK(r->raw_IXT[2] > 0.01 && r->raw_IXT[3] > 0.1);
  for (size_t i = 0; i < r->n_raw; i++)
    CHECK_CLOSE(r->raw_ITY[i], dsbs_curve(r->raw_IXT[i], q), 1e-6);
  check_curve_shape(r, pxy, 2, 2, 1);
  ib_curve_result_delete(r);
}

/* ib_curve_encoder_info against the direct sums; and its bad input. */
static void test_encoder_info(void)
{
  const double pxy[6] = {0.1, 0.25, 0.15, 0.2, 0.05, 0.25};   /* 3 x 2 */
  const double enc[6] = {0.7, 0.1, 0.5, 0.3, 0.9, 0.5};       /* 3 x 2 */
  double a, b, ixt, ity, bad[6];
  CHECK(ib_curve_encoder_info(pxy, 3, 2, enc, 2, &a, &b) == IB_OK);
  encoder_mi(pxy, 3, 2, enc, 2, &ixt, &ity);
  CHECK_CLOSE(a, ixt, 1e-12);
  CHECK_CLOSE(b, ity, 1e-12);
  CHECK(a > 0 && b > 0 && b <= a);
  memcpy(bad, enc, sizeof bad);
  bad[2] = -0.5;
  CHECK(ib_curve_encoder_info(pxy, 3, 2, bad, 2, &a, &b) == IB_ERR_ARG);
  bad[2] = NAN;
  CHECK(ib_curve_encoder_info(pxy, 3, 2, bad, 2, &a, &b) == IB_ERR_NONFINITE);
  CHECK(ib_curve_encoder_info(pxy, 3, 2, enc, 0, &a, &b) == IB_ERR_ARG);
}

/* A stop function that answers yes ends the sweep with IB_ERR_INTERRUPTED and no result
 * (everything freed: valgrind); one that never does changes nothing. */
static void test_stop(void)
{
  const double q = 0.11;
  double pxy[4] = {0.5 * (1 - q), 0.5 * q, 0.5 * q, 0.5 * (1 - q)};
  ib_curve_options opt;
  ib_curve_result *plain = NULL, *asked = NULL, *stopped = NULL;
  ib_curve_options_default(&opt);
  CHECK(ib_curve_compute(pxy, 2, 2, &opt, &plain) == IB_OK);
  int never = 1 << 30, soon = 5;
  opt.stop = yes_after, opt.stop_arg = &never;
  CHECK(ib_curve_compute(pxy, 2, 2, &opt, &asked) == IB_OK && never < (1 << 30));
  CHECK(plain && asked && plain->n_curve == asked->n_curve &&
        memcmp(plain->ITY, asked->ITY, plain->n_curve * sizeof(double)) == 0);
  opt.stop_arg = &soon;
  CHECK(ib_curve_compute(pxy, 2, 2, &opt, &stopped) == IB_ERR_INTERRUPTED && !stopped);
  ib_curve_result_delete(plain);
  ib_curve_result_delete(asked);
}

/* ib_curve_check: every rule comes back with its status and the sentence naming it, the
 * defaults break none, and ib_curve_compute refuses what the check refuses. */
static void curve_broken(const ib_curve_options *opt, ib_status want, const char *word)
{
  const char *why = NULL;
  CHECK(ib_curve_check(opt, &why) == want);
  CHECK(why != NULL && strstr(why, word) != NULL);
  if (why && !strstr(why, word))
    fprintf(stderr, "  sentence: %s (wanted '%s')\n", why, word);
  CHECK(ib_curve_check(opt, NULL) == want);
}

static void test_check_rules(void)
{
  ib_curve_options o;
  const char *why = "x";
  double good[2] = {1, 10}, negative[2] = {1, -1}, inf[2] = {1, INFINITY};
  ib_curve_options_default(&o);
  CHECK(ib_curve_check(&o, &why) == IB_OK && why == NULL);
  CHECK(ib_curve_check(NULL, NULL) == IB_ERR_ARG);
#define RULE(assignments, want, word)          \
  do {                                         \
    ib_curve_options_default(&o);              \
    assignments;                               \
    curve_broken(&o, want, word);              \
  } while (0)
  RULE(o.method = (ib_curve_method) 7, IB_ERR_ARG, "method");
  RULE(o.n_betas = 2, IB_ERR_ARG, "betas");
  RULE((o.betas = good, o.n_betas = IB_CURVE_MAX_BETAS + 1), IB_ERR_ARG, "\"beta\"");
  RULE((o.betas = negative, o.n_betas = 2), IB_ERR_ARG, "\"beta\"");
  RULE((o.betas = inf, o.n_betas = 2), IB_ERR_NONFINITE, "\"beta\"");
  RULE(o.beta_max = INFINITY, IB_ERR_NONFINITE, "\"beta_range\"");
  RULE(o.beta_min = 0, IB_ERR_ARG, "\"beta_range\"");
  RULE(o.beta_max = 0.5, IB_ERR_ARG, "\"beta_range\"");
  RULE(o.n_beta = 0, IB_ERR_ARG, "\"n_beta\"");
  RULE(o.n_beta = IB_CURVE_MAX_BETAS + 1, IB_ERR_ARG, "\"n_beta\"");
  RULE(o.refine = 2, IB_ERR_ARG, "\"refine\"");
  RULE(o.curve_tol = 0, IB_ERR_ARG, "\"curve_tol\"");
  RULE(o.curve_tol = NAN, IB_ERR_ARG, "\"curve_tol\"");
  RULE(o.max_points = 0, IB_ERR_ARG, "\"max_points\"");
  RULE(o.max_points = IB_CURVE_MAX_BETAS + 1, IB_ERR_ARG, "\"max_points\"");
  RULE(o.beta_cap = 0.5, IB_ERR_ARG, "\"beta_cap\"");
  RULE(o.beta_cap = INFINITY, IB_ERR_ARG, "\"beta_cap\"");
  RULE(o.max_iter = 0, IB_ERR_ARG, "\"max_iter\"");
  RULE(o.max_iter = IB_CURVE_MAX_ITER + 1, IB_ERR_ARG, "\"max_iter\"");
  RULE(o.tol = -1, IB_ERR_ARG, "\"tol\"");
  RULE(o.restarts = IB_CURVE_MAX_RESTARTS + 1, IB_ERR_ARG, "\"restarts\"");
  RULE(o.deterministic_tol = 1, IB_ERR_ARG, "\"deterministic_tol\"");
#undef RULE
  /* at the limits, and an explicit grid (the beta range is then not read) */
  ib_curve_options_default(&o);
  o.betas = good;
  o.n_betas = 2;
  o.beta_min = 0;
  o.restarts = IB_CURVE_MAX_RESTARTS;
  o.max_iter = IB_CURVE_MAX_ITER;
  o.n_beta = o.max_points = IB_CURVE_MAX_BETAS;
  CHECK(ib_curve_check(&o, NULL) == IB_OK);
  /* the computation asks the check first */
  double pxy[4] = {0.3, 0.1, 0.2, 0.4};
  ib_curve_result *r = NULL;
  ib_curve_options_default(&o);
  o.max_iter = IB_CURVE_MAX_ITER + 1;
  CHECK(ib_curve_compute(pxy, 2, 2, &o, &r) == IB_ERR_ARG && !r);
}

int main(void)
{
  quick = getenv("IB_TEST_QUICK") != NULL;
  RUN_TEST(test_dsbs_closed_form);
  RUN_TEST(test_erasure_line);
  RUN_TEST(test_deterministic);
  RUN_TEST(test_brute_force);
  RUN_TEST(test_dib_below_ib);
  RUN_TEST(test_merged_rows);
  RUN_TEST(test_bad_input);
  RUN_TEST(test_explicit_grid);
  RUN_TEST(test_encoder_info);
  RUN_TEST(test_stop);
  RUN_TEST(test_check_rules);
  return CHECK_DONE();
}
