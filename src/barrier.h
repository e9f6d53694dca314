/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* barrier.h - a barrier for the runs' threads (runs.c) that spins briefly before it sleeps:
 * the threads meet twice a round (a single epoch where every epoch is recorded, as early in
 * the paper's schedule), and waking a sleeping thread costs about as much as one small
 * run's epoch (measured with POSIX barriers: 2 runs on 2 threads took 0.22 ms of wall
 * time per run and epoch where one run alone takes 0.16). Everything a thread wrote before
 * it arrived is seen by every thread after the wait returns. */
#ifndef IB_BARRIER_H
#define IB_BARRIER_H

#include <pthread.h>
#include <stdatomic.h>

typedef struct {
  unsigned n;                  /* threads that meet */
  atomic_uint arrived;         /* of the current round */
  atomic_uint round;           /* rounds completed */
  pthread_mutex_t lock;        /* the sleepers' */
  pthread_cond_t woken;
} ib_barrier;

/* For n >= 1 threads; returns 0, or -1 if the mutex or condition cannot be made. */
int ib_barrier_init(ib_barrier *b, unsigned n);
void ib_barrier_clear(ib_barrier *b);

/* Returns when all n threads have called it in this round. */
void ib_barrier_wait(ib_barrier *b);

#endif
