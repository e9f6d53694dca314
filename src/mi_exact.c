/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* mi_exact.c - the "exact" estimator: the entropies of the empirical distribution of the
 * rows as they are, each distinct row (told apart bit for bit, -0 == +0) one state. For the
 * layers of a quantized network (net.h, ib_net_set_quantize) these states are the whole
 * discrete system, and the plug-in values are the exact MI of the data set's empirical
 * distribution (Lorenzen, Igel & Nielsen 2022): I(X;T) = H(T) - H(T|X), with H(T|X) = 0
 * when T is a function of X, I(T;Y) = H(T) - H(T|Y). Both sides of ib_mutual_info are
 * taken as discrete, whatever their flags. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "mi.h"
#include "mi_binned.h"
#include "mi_estimators.h"
#include "rowcount.h"

/* Ids of the distinct rows of A (n x d), after the checks every entry point shares. */
static ib_status row_states(const double *A, size_t n, size_t d, size_t **ids, size_t *k)
{
  *ids = NULL;
  if (!A || n == 0 || d == 0)
    return IB_ERR_ARG;
  if (n > SIZE_MAX / sizeof(size_t) || d > SIZE_MAX / n)
    return IB_ERR_TOO_LARGE;
  for (size_t i = 0; i < n * d; i++)
    if (!isfinite(A[i]))
      return IB_ERR_NONFINITE;
  if (!(*ids = malloc(n * sizeof **ids)))
    return IB_ERR_NOMEM;
  ib_status st = ib_row_ids_double(A, n, d, *ids, k);
  if (st != IB_OK) {
    free(*ids);
    *ids = NULL;
  }
  return st;
}

ib_status ib_exact_layer_mi(const ib_mi_options *opt, const double *T, size_t n, size_t width,
                            const ib_layer_context *ctx, ib_layer_result *result)
{
  size_t *t_id, k;
  if (!opt || !ctx || !result || ctx->n != n || !ctx->x_id || !ctx->y || ctx->n_x == 0 ||
      ctx->n_y == 0)
    return IB_ERR_ARG;
  ib_status st = row_states(T, n, width, &t_id, &k);
  if (st == IB_OK)
    st = ib_states_layer_mi(t_id, k, n, ctx, result);
  free(t_id);
  return st;
}

ib_status ib_exact_mutual_info(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                               int a_discrete, const double *B, size_t db, int b_discrete,
                               double *mi, ib_layer_result *info)
{
  size_t *a_id = NULL, *b_id = NULL, ka, kb;
  double h_a, h_a_given_b;
  (void) a_discrete, (void) b_discrete;
  if (!opt || !mi)
    return IB_ERR_ARG;
  ib_status st = row_states(A, n, da, &a_id, &ka);
  if (st == IB_OK)
    st = row_states(B, n, db, &b_id, &kb);
  if (st == IB_OK)
    st = ib_entropy_of_ids(a_id, n, ka, &h_a);
  if (st == IB_OK)
    st = ib_conditional_entropy_of_ids(a_id, ka, b_id, kb, n, &h_a_given_b);
  free(a_id);
  free(b_id);
  if (st != IB_OK)
    return st;
  *mi = fmax(h_a - h_a_given_b, 0);
  if (info) {
    info->h_t = h_a;
    info->n_states = (double) ka;
  }
  return IB_OK;
}

ib_status ib_exact_entropy(const ib_mi_options *opt, const double *A, size_t n, size_t da,
                           int a_discrete, double *h)
{
  size_t *ids, k;
  (void) a_discrete;
  if (!opt || !h)
    return IB_ERR_ARG;
  ib_status st = row_states(A, n, da, &ids, &k);
  if (st == IB_OK)
    st = ib_entropy_of_ids(ids, n, k, h);
  free(ids);
  return st;
}
