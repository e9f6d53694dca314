/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib_curve_internal.h - what the modules of the IB curve share; internal: only they include
 * it (everybody else uses ib_curve.h). ib_curve_compute runs the phases in this order:
 *   ib_problem.c        the reduced problem (zeros dropped, equal rows merged), workspaces
 *   ib_exact_curve.c    the exact curve when y is a function of x (nothing iterated)
 *   ib_clusters.c       the cluster state both methods iterate on
 *   ib_iterative.c      the iterative IB of Tishby, Pereira & Bialek (1999), with SQUAREM
 *   ib_deterministic.c  the deterministic IB of Strouse & Schwab (2017)
 *   ib_starts.c         the starts of a solve (trivial, identity, random, split)
 *   ib_solve.c          one beta from several starts
 *   ib_points.c         the solved points of the sweep
 *   ib_anneal.c         the sweep: annealing forwards and backwards, refinement
 *   ib_curve_result.c   the result: raw points in bits, the concave envelope
 *   ib_curve.c          the public entry and the sweep driver
 * Work is in nats; only the result is in bits. */
#ifndef IB_CURVE_INTERNAL_H
#define IB_CURVE_INTERNAL_H

#include <math.h>
#include <stdlib.h>
#include "ib_curve.h"
#include "rng.h"

#define LN2 0.69314718055994530942
#define LAG_MARGIN 1e-13        /* nats: a start must lower the Lagrangian by this to win */

static inline double xlogx(double v)
{
  return v > 0 ? v * log(v) : 0.0;
}

static inline int mul_overflows(size_t a, size_t b)
{
  return a != 0 && b > SIZE_MAX / a;
}

/* malloc of n elements of size sz, NULL on overflow; never malloc(0). */
static inline void *alloc_array(size_t n, size_t sz)
{
  if (mul_overflows(n, sz))
    return NULL;
  return malloc(n && sz ? n * sz : 1);
}

static inline void *realloc_array(void *p, size_t n, size_t sz)
{
  if (mul_overflows(n, sz))
    return NULL;
  return realloc(p, n && sz ? n * sz : 1);
}

/* realloc of *v to n doubles; *v stays valid on failure. */
static inline ib_status grow_doubles(double **v, size_t n)
{
  double *g = realloc_array(*v, n, sizeof *g);
  if (!g)
    return IB_ERR_NOMEM;
  *v = g;
  return IB_OK;
}

/* ---------------------------------------------------------------- ib_problem.c */

/* The reduced problem and the workspaces of its iterations. */
typedef struct {
  size_t nx, ny;        /* merged values of x; values of y with p(y) > 0 */
  double *px;           /* nx */
  double *pyx;          /* nx x ny, p(y|x) */
  double *pxy;          /* nx x ny, p(x, y) */
  double hy;            /* H(Y), nats */
  /* the input distribution */
  size_t nx_input, ny_input;
  size_t *xmap;         /* nx_input: merged index of each x, SIZE_MAX for p(x) = 0 */
  double hx, hx_merged, ixy;   /* H(X), H(X'), I(X;Y), nats */
  int deterministic;    /* every p(y|x) one-hot */
  /* the search (ib_problem_prepare) */
  size_t kmax;          /* largest |T| */
  ib_curve_method method;
  size_t max_iter;
  double tol;           /* nats */
  double *cross;        /* k x nx workspace: sum_y p(y|x) log p(y|t) */
  size_t cross_cap;     /* clusters it holds */
  double *logr;         /* ny x kmax */
  double *logq;         /* kmax */
  size_t *map;          /* kmax workspace for compaction */
  ib_rng rng;
} ib_problem;

/* Reduces pxy (nx x ny, normalised by total) into p (zeroed by the caller). */
ib_status ib_problem_build(const double *pxy, size_t nx, size_t ny, double total,
                           double deterministic_tol, ib_problem *p);
/* The search settings of opt and the workspaces of the iterations. */
ib_status ib_problem_prepare(ib_problem *p, const ib_curve_options *opt);
void ib_problem_clear(ib_problem *p);

/* ---------------------------------------------------------------- ib_clusters.c */

/* A cluster state. IB: encT is k x nx (p(t|x) of each x contiguous); DIB: assign. */
typedef struct {
  size_t k, cap;
  double *q;            /* k */
  double *r;            /* ny x k, p(y|t) of each t contiguous */
  double *encT;         /* IB */
  size_t *assign;       /* DIB: nx */
  double ixt, ity, ht, lag;   /* nats */
  size_t iters;
  int converged;
} ib_cluster_state;

void ib_cluster_clear(ib_cluster_state *s);
ib_status ib_cluster_reserve(const ib_problem *p, ib_cluster_state *s, size_t cap);
/* Loads clusters (q, r) as a warm start; the encoder follows from the first update. */
ib_status ib_cluster_load(const ib_problem *p, ib_cluster_state *s, size_t k, const double *q,
                          const double *r);
/* p->cross (k x nx) = sum_y p(y|x) log p(y|t), and p->logq. */
ib_status ib_cluster_cross(ib_problem *p, const ib_cluster_state *s);
/* Scales each of the k columns of r (ny long) to sum 1 (uniform if it sums to 0); mass[t],
 * when not NULL, receives the sum of column t. */
void ib_normalise_columns(double *r, size_t k, size_t ny, double *mass);
/* Renumbers the clusters by map (SIZE_MAX: dropped; several to one: merged). */
void ib_cluster_remap(const ib_problem *p, ib_cluster_state *s, const size_t *map,
                      size_t new_k);
void ib_cluster_drop_light(const ib_problem *p, ib_cluster_state *s);
int ib_cluster_merge_equal(const ib_problem *p, ib_cluster_state *s);
/* s->ity and s->ht of the clusters. */
void ib_cluster_info(const ib_problem *p, ib_cluster_state *s);

/* ---------------------------------------------------------------- ib_iterative.c */

void ib_iterative_centroids(const ib_problem *p, ib_cluster_state *s);
ib_status ib_iterative_encoder(ib_problem *p, ib_cluster_state *s, double beta,
                               double *neg_htx);
/* Iterates until the Lagrangian stops falling or *it reaches max_iter; *it and *cycles
 * count on from their values. */
ib_status ib_iterative_converge(ib_problem *p, ib_cluster_state *s, double beta, size_t *it,
                                size_t *cycles, int *converged);

/* ---------------------------------------------------------------- ib_deterministic.c */

ib_status ib_deterministic_assign(ib_problem *p, ib_cluster_state *s, double beta,
                                  size_t *changed);
void ib_deterministic_centroids(const ib_problem *p, ib_cluster_state *s);
/* Marks every x unassigned, so that the first assignment counts as a change. */
void ib_deterministic_unassign(const ib_problem *p, ib_cluster_state *s);
/* Iterates until no assignment changes or *it reaches max_iter. */
ib_status ib_deterministic_converge(ib_problem *p, ib_cluster_state *s, double beta,
                                    size_t *it, int *converged);

/* ---------------------------------------------------------------- ib_starts.c */

ib_status ib_start_trivial(const ib_problem *p, ib_cluster_state *s);
ib_status ib_start_identity(const ib_problem *p, ib_cluster_state *s);
ib_status ib_start_random(ib_problem *p, ib_cluster_state *s, size_t k0);
ib_status ib_start_split(ib_problem *p, ib_cluster_state *s, double beta);

/* ---------------------------------------------------------------- ib_points.c */

typedef struct {
  double beta, ixt, ity, ht, lag;   /* nats */
  int converged;
  size_t iters, k;
  double *q, *r;                    /* the clusters: warm starts for neighbours */
  double *encT;                     /* keep_encoders, IB: k x nx */
  size_t *assign;                   /* keep_encoders, DIB: nx */
  int done_right;                   /* the interval to the next point needs no refinement */
} ib_sweep_point;

typedef struct {
  ib_sweep_point *pts;
  size_t n, cap;
} ib_point_list;

/* Stores s as pt (replacing what pt held; done_right stays). */
ib_status ib_point_store(const ib_problem *p, ib_sweep_point *pt, const ib_cluster_state *s,
                         double beta, int keep);
/* Inserts s as a new point at index i. */
ib_status ib_point_list_add(ib_point_list *l, size_t i, const ib_problem *p,
                            const ib_cluster_state *s, double beta, int keep);
void ib_point_list_clear(ib_point_list *l);

/* ---------------------------------------------------------------- ib_solve.c */

/* What the starts of one beta need. */
typedef struct {
  ib_problem *p;
  ib_cluster_state best, work;
  size_t restarts;
  int small;               /* the identity start is affordable */
  ib_stop_fn stop;         /* asked before each beta (may be NULL) */
  void *stop_arg;
} ib_solver;

void ib_solver_init(ib_solver *sv, ib_problem *p, size_t restarts);
void ib_solver_clear(ib_solver *sv);
/* Iterates from the clusters in s (q, r valid) at beta to convergence. */
ib_status ib_solve_start(ib_problem *p, ib_cluster_state *s, double beta);
/* Solves beta from all starts; leaves the winner in sv->best. */
ib_status ib_solve_beta(ib_solver *sv, double beta, const ib_sweep_point *lower,
                        const ib_sweep_point *upper);

/* ---------------------------------------------------------------- ib_anneal.c */

ib_status ib_anneal_forward(ib_solver *sv, ib_point_list *l, const double *grid,
                            size_t n_grid, int keep);
ib_status ib_anneal_backward(ib_solver *sv, ib_point_list *l, int keep);
ib_status ib_anneal_polish(ib_solver *sv, ib_point_list *l, int downwards, int keep);
ib_status ib_refine(ib_solver *sv, ib_point_list *l, const ib_curve_options *opt);

/* ---------------------------------------------------------------- results */

/* ib_curve_result.c */
void ib_result_describe(ib_curve_result *r, const ib_problem *p);
ib_status ib_result_alloc_raw(ib_curve_result *r, size_t n, int keep);
ib_status ib_result_from_points(ib_curve_result *r, const ib_problem *p,
                                const ib_point_list *l, int keep);
ib_status ib_result_envelope(ib_curve_result *r, int add_right_ends);

/* ib_exact_curve.c */
ib_status ib_exact_curve(const ib_problem *p, ib_curve_result *r, int keep);

#endif
