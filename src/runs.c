/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* runs.c - many runs in lockstep on a pool of POSIX threads. Every round: each thread
 * trains its runs a stretch of epochs each (and evaluates them if the stretch ends at a
 * recorded epoch), then all meet at a barrier where the first thread decides whether to
 * go on. A stretch of several epochs keeps a run's working set in cache: one epoch per
 * run and round, 25 runs to a thread, spent a fifth more time reloading it. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include "barrier.h"
#include "runs.h"

struct ib_runs {
  ib_prepared *prepared;
  ib_trainer **trainers;
  size_t n_runs;
};

void ib_runs_delete(ib_runs *runs)
{
  if (!runs)
    return;
  for (size_t r = 0; r < runs->n_runs; r++)
    ib_trainer_delete(runs->trainers[r]);
  free(runs->trainers);
  ib_prepared_delete(runs->prepared);
  free(runs);
}

ib_status ib_runs_new(ib_runs **out, const ib_train_config *config, const ib_data *data,
                      const uint64_t *seeds, size_t n_runs)
{
  if (!out)
    return IB_ERR_ARG;
  *out = NULL;
  if (!config || !data || !seeds || n_runs == 0)
    return IB_ERR_ARG;
  ib_runs *runs = calloc(1, sizeof *runs);
  if (!runs)
    return IB_ERR_NOMEM;
  runs->trainers = calloc(n_runs, sizeof *runs->trainers);
  if (!runs->trainers) {
    free(runs);
    return IB_ERR_NOMEM;
  }
  runs->n_runs = n_runs;
  ib_status status = ib_prepared_new(&runs->prepared, &data[0]);
  for (size_t r = 0; r < n_runs && status == IB_OK; r++)
    status = ib_trainer_new_prepared(&runs->trainers[r], config, &data[r], runs->prepared,
                                        seeds[r]);
  if (status != IB_OK) {
    ib_runs_delete(runs);
    return status;
  }
  *out = runs;
  return IB_OK;
}

size_t ib_runs_count(const ib_runs *runs)
{
  return runs->n_runs;
}

ib_trainer *ib_runs_trainer(ib_runs *runs, size_t r)
{
  return r < runs->n_runs ? runs->trainers[r] : NULL;
}

/* What the threads share during one call of ib_runs_train. */
typedef struct {
  ib_runs *runs;
  ib_history *histories;
  size_t n_threads;
  ib_stop_fn stop;
  void *stop_arg;
  ib_barrier round_begins, round_ends;
  pthread_mutex_t gate;    /* the workers wait here until all are started */
  pthread_cond_t opened;
  int launch;              /* 0 closed, 1 go, -1 go home */
  /* set by the first thread before round_begins */
  int go, record;
  uint64_t stretch;    /* epochs of this round, the last recorded if `record` */
  /* set by any thread during a round */
  atomic_int stopping;
  ib_status *status;   /* per run, of the last round */
  double **eval_acts, **eval_loss;  /* per thread: the evaluation workspace */
  size_t n_buffers;
} pool;

typedef struct {
  pool *pool;
  size_t index;
} worker;

/* The run statuses and each thread's evaluation workspace; 0 when memory runs out. */
static int pool_alloc(pool *p)
{
  const size_t R = p->runs->n_runs, T = p->n_threads;
  size_t acts, rows;
  ib_trainer_eval_size(p->runs->trainers[0], &acts, &rows);
  p->n_buffers = T;
  p->status = malloc(R * sizeof *p->status);
  p->eval_acts = calloc(T, sizeof *p->eval_acts);
  p->eval_loss = calloc(T, sizeof *p->eval_loss);
  if (!p->status || !p->eval_acts || !p->eval_loss)
    return 0;
  for (size_t k = 0; k < T; k++) {
    p->eval_acts[k] = ib_eval_acts_alloc(acts);
    p->eval_loss[k] = malloc(rows * sizeof(double));
    if (!p->eval_acts[k] || !p->eval_loss[k])
      return 0;
  }
  return 1;
}

static void pool_free(pool *p)
{
  for (size_t k = 0; p->eval_acts && k < p->n_buffers; k++)
    free(p->eval_acts[k]);
  for (size_t k = 0; p->eval_loss && k < p->n_buffers; k++)
    free(p->eval_loss[k]);
  free(p->eval_acts), free(p->eval_loss), free(p->status);
}

/* Stop when asked, or as soon as another run has stopped. */
static int stop_requested(void *arg)
{
  pool *p = arg;
  if (atomic_load_explicit(&p->stopping, memory_order_relaxed))
    return 1;
  if (p->stop && p->stop(p->stop_arg)) {
    atomic_store(&p->stopping, 1);
    return 1;
  }
  return 0;
}

static void train_my_runs(pool *p, size_t index)
{
  const int want_stats = p->histories[0].grad_mean_norm != NULL;
  for (size_t r = index; r < p->runs->n_runs; r += p->n_threads) {
    ib_trainer *t = p->runs->trainers[r];
    ib_status status = ib_trainer_train_epochs(t, p->stretch, p->record && want_stats,
                                               stop_requested, p);
    if (status == IB_OK && p->record) {
      status = ib_trainer_evaluate_with(t, &p->histories[r], p->eval_acts[index],
                                        p->eval_loss[index], stop_requested, p);
      if (status == IB_ERR_INTERRUPTED)
        ib_trainer_undo_epochs(t); /* as the runs that did not finish the round */
    }
    if (status != IB_OK)
      atomic_store(&p->stopping, 1);
    p->status[r] = status;
  }
}

static void *worker_main(void *arg)
{
  worker *w = arg;
  pool *p = w->pool;
  pthread_mutex_lock(&p->gate);
  while (p->launch == 0)
    pthread_cond_wait(&p->opened, &p->gate);
  const int launch = p->launch;
  pthread_mutex_unlock(&p->gate);
  if (launch < 0)
    return NULL;
  for (;;) {
    ib_barrier_wait(&p->round_begins);
    if (!p->go)
      return NULL;
    train_my_runs(p, w->index);
    ib_barrier_wait(&p->round_ends);
  }
}

static double seconds_since(const struct timespec *start)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double) (now.tv_sec - start->tv_sec) + 1e-9 * (double) (now.tv_nsec - start->tv_nsec);
}

/* After a round in which some run stopped or failed: the first failure, else
 * IB_ERR_INTERRUPTED with the runs that completed the round taken back to the others. */
static ib_status settle_round(pool *p, size_t *failed_run)
{
  const size_t R = p->runs->n_runs;
  for (size_t r = 0; r < R; r++)
    if (p->status[r] != IB_OK && p->status[r] != IB_ERR_INTERRUPTED) {
      if (failed_run)
        *failed_run = r;
      return p->status[r];
    }
  for (size_t r = 0; r < R; r++)
    if (p->status[r] == IB_OK) {
      ib_trainer_undo_epochs(p->runs->trainers[r]);
      if (p->record)
        p->histories[r].count--;
    }
  return IB_ERR_INTERRUPTED;
}

static ib_status evaluate_untrained(pool *p, size_t *failed_run)
{
  ib_runs *runs = p->runs;
  ib_history *histories = p->histories;
  for (size_t r = 0; r < runs->n_runs; r++) {
    ib_status status = ib_trainer_evaluate_with(runs->trainers[r], &histories[r],
                                                p->eval_acts[0], p->eval_loss[0],
                                                stop_requested, p);
    if (status != IB_OK) {
      if (failed_run)
        *failed_run = r;
      for (size_t q = 0; q < r; q++)
        histories[q].count--;
      return status;
    }
  }
  return IB_OK;
}

/* Epochs of a run in one round at most: 25 runs on one thread took 0.36, 0.31, 0.30 and
 * 0.30 ms per run and epoch with stretches of 1, 4, 10 and 20 epochs. */
#define MAX_STRETCH 16

/* The rounds of the first thread, which also decides, at each barrier, whether to go on
 * and how many epochs the next round trains: as many as took IB_RUNS_ROUND_SECONDS in the
 * last round, never past the next recorded epoch. */
static ib_status lead_epochs(pool *p, uint64_t stop_epoch, double seconds,
                             const uint64_t *mi_epochs, size_t n_mi, size_t *failed_run)
{
  struct timespec start, round_began;
  clock_gettime(CLOCK_MONOTONIC, &start);
  ib_runs *runs = p->runs;
  ib_status result = IB_OK;
  size_t next_mi = 0;
  uint64_t stretch = 1;
  for (;;) {
    const uint64_t epoch = ib_trainer_epoch(runs->trainers[0]);
    while (next_mi < n_mi && mi_epochs[next_mi] <= epoch)
      next_mi++;
    uint64_t last = stop_epoch; /* the last epoch this call may train */
    if (next_mi < n_mi) {
      if (p->histories[0].count >= p->histories[0].capacity)
        last = last < mi_epochs[next_mi] - 1 ? last : mi_epochs[next_mi] - 1; /* full */
      else
        last = last < mi_epochs[next_mi] ? last : mi_epochs[next_mi];
    }
    p->go = epoch < last && result == IB_OK;
    p->stretch = p->go ? (last - epoch < stretch ? last - epoch : stretch) : 0;
    p->record = p->go && next_mi < n_mi && mi_epochs[next_mi] == epoch + p->stretch;
    if (p->go && p->stop && p->stop(p->stop_arg))
      p->go = 0, result = IB_ERR_INTERRUPTED;
    if (p->n_threads > 1)
      ib_barrier_wait(&p->round_begins);
    if (!p->go)
      return result;
    clock_gettime(CLOCK_MONOTONIC, &round_began);
    train_my_runs(p, 0);
    if (p->n_threads > 1)
      ib_barrier_wait(&p->round_ends);
    const double took = seconds_since(&round_began);
    if (atomic_load(&p->stopping))
      result = settle_round(p, failed_run);
    else if (seconds > 0 && seconds_since(&start) >= seconds)
      stop_epoch = epoch + p->stretch;
    const double fits =
        (double) p->stretch * IB_RUNS_ROUND_SECONDS / (took > 1e-6 ? took : 1e-6);
    stretch = fits < 1 ? 1 : fits > MAX_STRETCH ? MAX_STRETCH : (uint64_t) fits;
  }
}

ib_status ib_runs_train(ib_runs *runs, uint64_t stop_epoch, double seconds,
                        const uint64_t *mi_epochs, size_t n_mi_epochs, ib_history *histories,
                        size_t n_threads, ib_stop_fn stop, void *stop_arg, size_t *failed_run)
{
  if (!runs || !histories || (n_mi_epochs > 0 && !mi_epochs))
    return IB_ERR_ARG;
  for (size_t i = 1; i < n_mi_epochs; i++)
    if (mi_epochs[i] < mi_epochs[i - 1])
      return IB_ERR_ARG;
  const size_t R = runs->n_runs;
  for (size_t r = 1; r < R; r++)
    if (ib_trainer_epoch(runs->trainers[r]) != ib_trainer_epoch(runs->trainers[0]) ||
        histories[r].count != histories[0].count ||
        histories[r].capacity != histories[0].capacity)
      return IB_ERR_ARG; /* not in lockstep */
  pool p = {.runs = runs, .histories = histories, .stop = stop, .stop_arg = stop_arg,
            .gate = PTHREAD_MUTEX_INITIALIZER, .opened = PTHREAD_COND_INITIALIZER};
  atomic_init(&p.stopping, 0);
  p.n_threads = n_threads < 1 ? 1 : n_threads > R ? R : n_threads;
  /* wide networks: OpenBLAS threads each product itself, and is not called from several
   * threads at once */
  if (ib_trainer_uses_blas(runs->trainers[0]))
    p.n_threads = 1;
  worker *workers = malloc(p.n_threads * sizeof *workers);
  pthread_t *threads = malloc(p.n_threads * sizeof *threads);
  if (!workers || !threads || !pool_alloc(&p)) {
    free(workers), free(threads), pool_free(&p);
    return IB_ERR_NOMEM;
  }
  if (n_mi_epochs > 0 && mi_epochs[0] == 0 && ib_trainer_epoch(runs->trainers[0]) == 0 &&
      histories[0].count < histories[0].capacity) {
    ib_status status = evaluate_untrained(&p, failed_run);
    if (status != IB_OK) {
      free(workers), free(threads), pool_free(&p);
      return status;
    }
  }
  /* Start the workers behind a gate; should one fail to start, the others are let go and
   * the runs train on this thread alone (the results do not depend on the count). */
  size_t started = 1;
  for (; started < p.n_threads; started++) {
    workers[started] = (worker){&p, started};
    if (pthread_create(&threads[started], NULL, worker_main, &workers[started]) != 0)
      break;
  }
  int launch = started == p.n_threads ? 1 : -1;
  if (launch > 0 && p.n_threads > 1) {
    if (ib_barrier_init(&p.round_begins, (unsigned) p.n_threads) != 0) {
      launch = -1;
    } else if (ib_barrier_init(&p.round_ends, (unsigned) p.n_threads) != 0) {
      ib_barrier_clear(&p.round_begins);
      launch = -1;
    }
  }
  pthread_mutex_lock(&p.gate);
  p.launch = launch;
  pthread_cond_broadcast(&p.opened);
  pthread_mutex_unlock(&p.gate);
  if (launch < 0) {
    for (size_t i = 1; i < started; i++)
      pthread_join(threads[i], NULL);
    p.n_threads = 1;
    started = 1;
  }
  ib_status status;
  status = lead_epochs(&p, stop_epoch, seconds, mi_epochs, n_mi_epochs, failed_run);
  for (size_t i = 1; i < started; i++)
    pthread_join(threads[i], NULL);
  if (p.n_threads > 1) {
    ib_barrier_clear(&p.round_begins);
    ib_barrier_clear(&p.round_ends);
  }
  free(workers), free(threads), pool_free(&p);
  return status;
}
