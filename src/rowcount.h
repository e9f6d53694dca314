/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* rowcount.h - telling rows apart by hashing: ids of distinct rows and their counts in
 * O(n * d). The workhorse of the binning estimators and of "X told apart by unique rows". */
#ifndef IB_ROWCOUNT_H
#define IB_ROWCOUNT_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

/* ids[i] = id of row i of the int32 matrix codes (n x d, column-major), ids numbered
 * 0..*n_unique-1 in order of first appearance. */
ib_status ib_row_ids_int(const int32_t *codes, size_t n, size_t d, size_t *ids, size_t *n_unique);

/* The same for a double matrix, rows compared bit for bit (with -0 == +0). */
ib_status ib_row_ids_double(const double *A, size_t n, size_t d, size_t *ids, size_t *n_unique);

/* The same for n rows that are each one 64-bit key (a row of small codes packed into it):
 * rows are equal exactly when their keys are. */
ib_status ib_key_ids(const uint64_t *keys, size_t n, size_t *ids, size_t *n_unique);

/* Shannon entropy in bits of the empirical distribution of ids (n values in 0..k-1). */
ib_status ib_entropy_of_ids(const size_t *ids, size_t n, size_t k, double *h);

/* H(A | B) in bits, where a and b are id vectors of length n with ka and kb distinct values:
 * sum_b p(b) H(A | B = b), computed by hashing the pairs. */
ib_status ib_conditional_entropy_of_ids(const size_t *a, size_t ka, const size_t *b, size_t kb,
                                        size_t n, double *h);

#endif
