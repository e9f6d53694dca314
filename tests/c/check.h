/* check.h - the C unit tests' only helper: count failures, report where, exit non-zero. */
#ifndef IB_TEST_CHECK_H
#define IB_TEST_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_failures = 0;

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

/* Return this from main. */
#define CHECK_DONE()                                                                    \
  (check_failures ? (fprintf(stderr, "%s: %d check(s) failed\n", __FILE__,             \
                             check_failures), 1)                                        \
                  : (printf("%s: all checks passed\n", __FILE__), 0))

#endif
