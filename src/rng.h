/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* rng.h - the project's random numbers: xoshiro256** (Blackman & Vigna 2018) seeded through
 * splitmix64. The whole state is four uint64 (ib_train_state.rng), so a run can be saved and
 * resumed exactly; every draw below is deterministic and platform independent (no cached
 * spare normal, no modulo bias, no 128-bit compiler extensions). */
#ifndef IB_RNG_H
#define IB_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint64_t s[4];
} ib_rng;

/* Fills the state from one seed with splitmix64 (never all zero). */
void ib_rng_seed(ib_rng *rng, uint64_t seed);

/* The next 64 raw bits. */
uint64_t ib_rng_next(ib_rng *rng);

/* Uniform on [0, 1) with 53 random bits. */
double ib_rng_uniform(ib_rng *rng);

/* Standard normal (Marsaglia's polar method; one value per call). */
double ib_rng_normal(ib_rng *rng);

/* Standard normal truncated at +-2 by resampling, as TensorFlow's truncated_normal
 * (standard deviation sqrt(1 - 4 phi(2) / (2 Phi(2) - 1)) ~ 0.8796). */
double ib_rng_truncated_normal(ib_rng *rng);

/* Uniform integer in 0..n-1 without modulo bias (Lemire 2019); 0 when n == 0. */
uint64_t ib_rng_below(ib_rng *rng, uint64_t n);

/* Fisher-Yates shuffle of a[0..n-1] in place. */
void ib_rng_shuffle(ib_rng *rng, size_t *a, size_t n);

#endif
