/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_solve.c - one beta of the IB curve from several starts (the trivial encoder, the
 * solutions at the neighbouring betas, the lower one with its clusters split in two, and for
 * small problems random encoders); the start with the lowest Lagrangian wins. */
#include "ib_curve_internal.h"

#define MAX_MERGE_ROUNDS 8      /* restarts after a merge of equal clusters at convergence */

void ib_solver_init(ib_solver *sv, ib_problem *p, size_t restarts)
{
  double size = (double) p->nx * (double) p->kmax * (double) p->ny;
  sv->p = p;
  sv->small = size <= 1e5;
  sv->restarts = restarts == SIZE_MAX ? (size <= 2000 ? 3 : 0) : restarts;
}

void ib_solver_clear(ib_solver *sv)
{
  ib_cluster_clear(&sv->best);
  ib_cluster_clear(&sv->work);
}

/* Iterates until the Lagrangian stops falling (IB) or no assignment changes (DIB), merging
 * equal clusters at convergence and going on from there. */
ib_status ib_solve_start(ib_problem *p, ib_cluster_state *s, double beta)
{
  size_t it = 0, cycles = 0;
  int rounds = 0;
  s->converged = 0;
  if (p->method == IB_CURVE_DIB)
    ib_deterministic_unassign(p, s);  /* every x gets some cluster before the first comparison */
  for (;;) {
    int conv;
    ib_status st = p->method == IB_CURVE_IB
                       ? ib_iterative_converge(p, s, beta, &it, &cycles, &conv)
                       : ib_deterministic_converge(p, s, beta, &it, &conv);
    if (st != IB_OK)
      return st;
    s->iters = it;
    s->converged = conv;
    if (!conv || rounds >= MAX_MERGE_ROUNDS || !ib_cluster_merge_equal(p, s))
      return IB_OK;
    rounds++;
  }
}

/* Runs the start in sv->work and keeps it if its Lagrangian is the lowest so far. */
static ib_status consider(ib_solver *sv, double beta)
{
  ib_status st = ib_solve_start(sv->p, &sv->work, beta);
  if (st != IB_OK)
    return st;
  if (sv->work.lag < sv->best.lag - LAG_MARGIN) {
    ib_cluster_state tmp = sv->best;
    sv->best = sv->work;
    sv->work = tmp;
  }
  return IB_OK;
}

/* Considers the clusters of pt, carried as they are and (split) split in two. */
static ib_status consider_neighbour(ib_solver *sv, double beta, const ib_sweep_point *pt,
                                    int split)
{
  ib_status st = ib_cluster_load(sv->p, &sv->work, pt->k, pt->q, pt->r);
  if (st == IB_OK && split)
    st = ib_start_split(sv->p, &sv->work, beta);
  return st == IB_OK ? consider(sv, beta) : st;
}

ib_status ib_solve_beta(ib_solver *sv, double beta, const ib_sweep_point *lower,
                        const ib_sweep_point *upper)
{
  ib_problem *p = sv->p;
  ib_status st;
  size_t i, k0 = p->kmax < p->nx ? p->kmax : p->nx;
  if (sv->stop && sv->stop(sv->stop_arg))
    return IB_ERR_INTERRUPTED;
  /* the trivial encoder is a fixed point of every beta with Lagrangian 0 */
  if ((st = ib_start_trivial(p, &sv->best)) != IB_OK)
    return st;
  if (lower) {
    if ((st = consider_neighbour(sv, beta, lower, 0)) != IB_OK)
      return st;
    if (lower->k < p->kmax && (st = consider_neighbour(sv, beta, lower, 1)) != IB_OK)
      return st;
  }
  if (upper && (st = consider_neighbour(sv, beta, upper, 0)) != IB_OK)
    return st;
  for (i = 0; i < sv->restarts && k0 >= 2; i++) {
    if ((st = ib_start_random(p, &sv->work, k0)) != IB_OK || (st = consider(sv, beta)) != IB_OK)
      return st;
  }
  return IB_OK;
}
