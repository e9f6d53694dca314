/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_barrier.c - the runs' barrier: no thread leaves a round before every thread has
 * arrived, and each sees what the others wrote before arriving; both through spinning
 * (threads arriving together) and through sleeping (one thread late by far more than the
 * spin). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "barrier.h"
#include "check.h"

#define THREADS 3
#define ROUNDS 2000

typedef struct {
  ib_barrier *barrier;
  size_t index;
  size_t *written;   /* THREADS x ROUNDS: what each thread wrote in each round */
  int late;          /* thread 0 arrives 2 ms late every 100th round */
  int errors;
} member;

static void *take_part(void *arg)
{
  member *m = arg;
  for (size_t round = 0; round < ROUNDS; round++) {
    if (m->late && m->index == 0 && round % 100 == 0) {
      const struct timespec pause = {0, 2000000};
      nanosleep(&pause, NULL);
    }
    m->written[m->index * ROUNDS + round] = round + 1; /* a plain write, before arriving */
    ib_barrier_wait(m->barrier);
    for (size_t t = 0; t < THREADS; t++)
      if (m->written[t * ROUNDS + round] != round + 1)
        m->errors++;
    ib_barrier_wait(m->barrier); /* nobody writes the next round before all have read */
  }
  return NULL;
}

static void run_members(int late)
{
  ib_barrier barrier;
  CHECK(ib_barrier_init(&barrier, THREADS) == 0);
  size_t *written = calloc(THREADS * ROUNDS, sizeof *written);
  CHECK(written != NULL);
  member members[THREADS];
  pthread_t threads[THREADS];
  for (size_t t = 0; t < THREADS; t++) {
    members[t] = (member){&barrier, t, written, late, 0};
    CHECK(pthread_create(&threads[t], NULL, take_part, &members[t]) == 0);
  }
  int errors = 0;
  for (size_t t = 0; t < THREADS; t++) {
    pthread_join(threads[t], NULL);
    errors += members[t].errors;
  }
  CHECK(errors == 0);
  ib_barrier_clear(&barrier);
  free(written);
}

static void test_rounds_spinning(void)
{
  run_members(0);
}

static void test_rounds_sleeping(void)
{
  run_members(1);
}

/* One thread alone never waits. */
static void test_one_thread(void)
{
  ib_barrier barrier;
  CHECK(ib_barrier_init(&barrier, 1) == 0);
  for (int k = 0; k < 1000; k++)
    ib_barrier_wait(&barrier);
  CHECK(atomic_load(&barrier.round) == 1000);
  ib_barrier_clear(&barrier);
}

int main(void)
{
  RUN_TEST(test_rounds_spinning);
  RUN_TEST(test_rounds_sleeping);
  RUN_TEST(test_one_thread);
  return CHECK_DONE();
}
