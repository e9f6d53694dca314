/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* optim.h - one optimiser step over a flat parameter vector: Adam exactly as TensorFlow 1's
 * AdamOptimizer (Kingma & Ba 2015 with the bias correction folded into the step size), and
 * SGD with momentum. */
#ifndef IB_OPTIM_H
#define IB_OPTIM_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

typedef enum { IB_OPT_ADAM = 0, IB_OPT_SGD } ib_optimizer;

/* Name -> enum ("adam", "sgd"). 0 on success. */
int ib_optimizer_from_name(const char *name, ib_optimizer *opt);

typedef struct {
  ib_optimizer kind;
  double learning_rate;
  double momentum;                /* sgd */
  double beta1, beta2, epsilon;   /* adam */
} ib_optim_params;

/* Checks the fields the chosen optimiser uses: learning rate finite and > 0; adam: beta1 and
 * beta2 in [0, 1), epsilon finite and > 0; sgd: momentum finite and >= 0. */
ib_status ib_optim_validate(const ib_optim_params *p);

/* Adam step number t (1 for the first step):
 *   m = beta1 m + (1 - beta1) g,  v = beta2 v + (1 - beta2) g^2,
 *   lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t),  theta -= lr_t m / (sqrt(v) + epsilon). */
void ib_adam_step(size_t n, double *theta, const double *grad, double *m, double *v,
                  uint64_t t, double learning_rate, double beta1, double beta2, double epsilon);

/* SGD with momentum: velocity = momentum velocity - lr g; theta += velocity. */
void ib_sgd_step(size_t n, double *theta, const double *grad, double *velocity,
                 double learning_rate, double momentum);

/* One step of the chosen optimiser; *step counts the steps taken (moment1 is the velocity of
 * sgd; moment2 is unused there). */
void ib_optim_step(const ib_optim_params *p, size_t n, double *theta, const double *grad,
                   double *moment1, double *moment2, uint64_t *step);

#endif
