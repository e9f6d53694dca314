/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* optim.c - Adam and SGD with momentum over a flat parameter vector. */
#include <math.h>
#include <string.h>
#include "optim.h"

int ib_optimizer_from_name(const char *name, ib_optimizer *opt)
{
  if (name && strcmp(name, "adam") == 0) {
    *opt = IB_OPT_ADAM;
    return 0;
  }
  if (name && strcmp(name, "sgd") == 0) {
    *opt = IB_OPT_SGD;
    return 0;
  }
  return -1;
}

ib_status ib_optim_validate(const ib_optim_params *p)
{
  if (!p || !isfinite(p->learning_rate) || p->learning_rate <= 0)
    return IB_ERR_ARG;
  switch (p->kind) {
  case IB_OPT_ADAM:
    if (!(p->beta1 >= 0 && p->beta1 < 1) || !(p->beta2 >= 0 && p->beta2 < 1) ||
        !isfinite(p->epsilon) || p->epsilon <= 0)
      return IB_ERR_ARG;
    return IB_OK;
  case IB_OPT_SGD:
    if (!isfinite(p->momentum) || p->momentum < 0)
      return IB_ERR_ARG;
    return IB_OK;
  }
  return IB_ERR_ARG;
}

/* b^t for an integer t by squaring (t may be in the billions). */
static double power(double b, uint64_t t)
{
  double r = 1.0;
  while (t) {
    if (t & 1)
      r *= b;
    b *= b;
    t >>= 1;
  }
  return r;
}

/* Vectorised for the CPU picked at run time: the build gives this file -fno-math-errno
 * (v >= 0, so sqrt sets no errno) and the cheap cost model (src/Makefile); the same IEEE
 * operations as the scalar loop, the same bits. Wide networks update a million parameters
 * a step. */
__attribute__((target_clones("avx512f", "avx2", "default")))
void ib_adam_step(size_t n, double *restrict theta, const double *restrict grad,
                  double *restrict m, double *restrict v, uint64_t t, double learning_rate,
                  double beta1, double beta2, double epsilon)
{
  const double lr_t = learning_rate * sqrt(1.0 - power(beta2, t)) / (1.0 - power(beta1, t));
  const double one_minus_beta1 = 1.0 - beta1, one_minus_beta2 = 1.0 - beta2;
  /* the arithmetic of TensorFlow's ApplyAdam kernel, operation for operation */
  for (size_t i = 0; i < n; i++) {
    const double g = grad[i];
    m[i] += (g - m[i]) * one_minus_beta1;
    v[i] += (g * g - v[i]) * one_minus_beta2;
    theta[i] -= (m[i] * lr_t) / (sqrt(v[i]) + epsilon);
  }
}

void ib_sgd_step(size_t n, double *theta, const double *grad, double *velocity,
                 double learning_rate, double momentum)
{
  for (size_t i = 0; i < n; i++) {
    velocity[i] = momentum * velocity[i] - learning_rate * grad[i];
    theta[i] += velocity[i];
  }
}

void ib_optim_step(const ib_optim_params *p, size_t n, double *theta, const double *grad,
                   double *moment1, double *moment2, uint64_t *step)
{
  *step += 1;
  if (p->kind == IB_OPT_SGD)
    ib_sgd_step(n, theta, grad, moment1, p->learning_rate, p->momentum);
  else
    ib_adam_step(n, theta, grad, moment1, moment2, *step, p->learning_rate, p->beta1,
                 p->beta2, p->epsilon);
}
