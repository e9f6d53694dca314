/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* barrier.c - see barrier.h. The last thread to arrive opens the round (round + 1) and wakes
 * the sleepers under the lock; the others watch the round for up to SPIN_SECONDS, then
 * sleep on the condition, checking the round under the same lock so that no wake-up is
 * lost. */
#define _POSIX_C_SOURCE 200809L
#include <time.h>
#include "barrier.h"

/* Longer than a wake-up, shorter than a run's epoch of the paper's network (0.3 ms), so
 * that uneven shares of runs do not turn into busy waiting. */
#define SPIN_SECONDS 100e-6

int ib_barrier_init(ib_barrier *b, unsigned n)
{
  b->n = n ? n : 1;
  atomic_init(&b->arrived, 0);
  atomic_init(&b->round, 0);
  if (pthread_mutex_init(&b->lock, NULL) != 0)
    return -1;
  if (pthread_cond_init(&b->woken, NULL) != 0) {
    pthread_mutex_destroy(&b->lock);
    return -1;
  }
  return 0;
}

void ib_barrier_clear(ib_barrier *b)
{
  pthread_cond_destroy(&b->woken);
  pthread_mutex_destroy(&b->lock);
}

static double seconds_now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

void ib_barrier_wait(ib_barrier *b)
{
  const unsigned round = atomic_load(&b->round);
  if (atomic_fetch_add(&b->arrived, 1) + 1 == b->n) {
    atomic_store(&b->arrived, 0); /* before the round opens: no one arrives for the next */
    pthread_mutex_lock(&b->lock);
    atomic_fetch_add(&b->round, 1);
    pthread_cond_broadcast(&b->woken);
    pthread_mutex_unlock(&b->lock);
    return;
  }
  const double give_up = seconds_now() + SPIN_SECONDS;
  for (unsigned k = 1;; k++) {
    if (atomic_load(&b->round) != round)
      return;
    if (k % 64 == 0 && seconds_now() > give_up)
      break;
  }
  pthread_mutex_lock(&b->lock);
  while (atomic_load(&b->round) == round)
    pthread_cond_wait(&b->woken, &b->lock);
  pthread_mutex_unlock(&b->lock);
}
