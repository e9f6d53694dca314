/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* check.h - the C unit tests' only helper: count failed checks and report where; count the
 * test functions run through RUN_TEST as passed, failed or skipped; print one line of
 * totals per program ("<file>: N passed, N failed, N skipped") and exit non-zero on any
 * failure. A program without RUN_TEST counts as one test. */
#ifndef IB_TEST_CHECK_H
#define IB_TEST_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_failures = 0;
static int check_passed = 0, check_failed = 0, check_skipped = 0;
static int check_skip_requested = 0;

#define CHECK(cond)                                                                     \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);          \
      check_failures++;                                                                 \
    }                                                                                   \
  } while (0)

#define CHECK_CLOSE(a, b, tol)                                                          \
  do {                                                                                  \
    double check_a_ = (a), check_b_ = (b);                                              \
    if (!(fabs(check_a_ - check_b_) <= (tol))) {                                        \
      fprintf(stderr, "%s:%d: %s = %.15g, %s = %.15g, differ by more than %g\n",        \
              __FILE__, __LINE__, #a, check_a_, #b, check_b_, (double) (tol));          \
      check_failures++;                                                                 \
    }                                                                                   \
  } while (0)

/* Inside a test function: count it as skipped (saying why) and return. */
#define CHECK_SKIP(why)                                                                 \
  do {                                                                                  \
    printf("%s: skipped: %s\n", __FILE__, why);                                         \
    check_skip_requested = 1;                                                           \
    return;                                                                             \
  } while (0)

/* Runs one test function and counts it. */
#define RUN_TEST(fn)                                                                    \
  do {                                                                                  \
    const int check_before_ = check_failures;                                           \
    check_skip_requested = 0;                                                           \
    fn();                                                                               \
    if (check_failures > check_before_)                                                 \
      check_failed++;                                                                   \
    else if (check_skip_requested)                                                      \
      check_skipped++;                                                                  \
    else                                                                                \
      check_passed++;                                                                   \
  } while (0)

/* An ib_stop_fn for the interrupt tests: arg points to an int, the number of questions
 * still answered no; each question counts it down (so a large start also counts the
 * questions asked), atomically: the runs' threads ask it at once. */
static int yes_after(void *arg)
{
  int *left = arg;
  return __atomic_fetch_sub(left, 1, __ATOMIC_RELAXED) <= 0;
}

/* Return this from main. */
static int check_done(const char *file)
{
  (void) check_skip_requested;
  if (check_passed + check_failed + check_skipped == 0)
    check_failures ? check_failed++ : check_passed++;
  if (check_failures)
    fprintf(stderr, "%s: %d check(s) failed\n", file, check_failures);
  printf("%s: %d passed, %d failed, %d skipped\n", file, check_passed, check_failed,
         check_skipped);
  return check_failures ? 1 : 0;
}
#define CHECK_DONE() check_done(__FILE__)

#endif
