/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* train.h - the training loop: minibatch epochs, and at the epochs where MI is wanted a
 * forward pass on the whole data set, each estimator on each layer, one recorded row.
 * Everything a run needs to continue lives in ib_train_state, which the gateway hands to
 * Octave and back between chunks of epochs (progress, Ctrl-C, resume). */
#ifndef IB_TRAIN_H
#define IB_TRAIN_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "mi.h"
#include "net.h"
#include "net_lanes.h"
#include "optim.h"

/* The data: X (n x d, column-major), labels y in 0..n_classes-1, and the split. */
typedef struct {
  const double *X;
  size_t n, d;
  const size_t *y;
  size_t n_classes;
  const size_t *train_idx;   /* rows used for the gradient steps */
  size_t n_train;
  const size_t *test_idx;    /* held-out rows (may be empty) */
  size_t n_test;
  const size_t *mi_idx;      /* the rows MI is measured on; NULL: every row */
  size_t n_mi;
} ib_data;

typedef struct {
  const size_t *widths;      /* n_widths = hidden layers + 2: input d, hidden..., n_classes */
  size_t n_widths;
  ib_activation activation;  /* of the hidden layers */
  ib_output output;          /* softmax (widths[last] = classes) or sigmoid (1, two classes) */
  ib_precision precision;    /* of the forward and backward passes (the lane kernel's or,
                              * for wide networks, net_single.h's in single) */
  ib_optimizer optimizer;
  double learning_rate;      /* adam 4e-4 */
  double momentum;           /* sgd */
  double beta1, beta2, epsilon;
  size_t batch_size;         /* 512 */
  /* MI at recorded epochs: one ib_mi_options per estimator */
  const ib_mi_options *estimators;
  size_t n_estimators;
  /* binning range per weight layer (2 x n_layers: lo, hi); NaN = observed [min, max] of
   * that layer at that epoch; NULL = use each estimator's own range */
  const double *layer_range;
  /* quantized activations (net.h, ib_net_set_quantize): 0 for none, or 4 or 8 bits with
   * quantize_range (2 x n_layers: lo, hi per weight layer, the output included) */
  unsigned quantize_bits;
  const double *quantize_range;
} ib_train_config;

/* The whole resumable state of a run. Arrays are owned by whoever allocated them;
 * ib_trainer_get_state / set_state copy in and out. */
typedef struct {
  size_t n_params;           /* weights then biases of layer 1, then layer 2, ... */
  double *params;            /* W_l column-major widths[l-1] x widths[l], then b_l */
  double *moment1, *moment2; /* optimiser moments (sgd: moment1 = velocity) */
  uint64_t step;             /* optimiser steps taken */
  uint64_t rng[4];           /* the project's RNG (xoshiro256**) */
  uint64_t epoch;            /* epochs completed */
} ib_train_state;

/* One row of the history per recorded epoch. Caller-allocated arrays of `capacity` rows;
 * the MI arrays are capacity x n_layers x n_estimators, element (r, l, e) at
 * r + capacity * (l + n_layers * e). n_layers = weight layers = hidden + output.
 * The gradient statistics (capacity x n_layers, element (r, l) at r + capacity * l; NULL
 * for none) are over the minibatch gradients of the weights W_l of the recorded epoch:
 * grad_mean_norm the Frobenius norm of their mean, grad_std_norm the square root of the sum
 * over the weights of their variance across the batches (population variance, so 0 for one
 * batch per epoch), weight_norm the Frobenius norm of W_l after the epoch (NaN for the
 * gradient statistics of epoch 0 and of an evaluation without training). */
typedef struct {
  size_t capacity, count;
  double *epoch;
  double *loss_train, *loss_test, *acc_train, *acc_test;
  double *ixt, *ity, *ixt_lower, *ity_lower;
  double *grad_mean_norm, *grad_std_norm, *weight_norm;
} ib_history;

/* What every run over the same data set shares, computed once: the inputs row by row and
 * the id of each row's input pattern. Validates X (finite), the labels and the sizes. The
 * data must outlive it; the split fields of `data` are not used. */
typedef struct ib_prepared ib_prepared;
ib_status ib_prepared_new(ib_prepared **prepared, const ib_data *data);
void ib_prepared_delete(ib_prepared *prepared);

/* The rules ib_trainer_new checks, without allocating: IB_OK, or the status of the first
 * one broken with *why (may be NULL) a sentence that names it, for the caller to relay. */
ib_status ib_train_check(const ib_train_config *config, const ib_data *data,
                         const char **why);

typedef struct ib_trainer ib_trainer;

/* Validates config and data (sizes, labels, finite X, the split), allocates everything the
 * run needs and initialises the network from seed (truncated normal, 2 sd, sd
 * 1/sqrt(fan_in); biases 0). The trainer keeps pointers to data and config: they must
 * outlive it. Networks whose widths are all at most IB_LANES_MAX_WIDTH train on the kernel
 * of net_lanes.h, wider ones on BLAS (net.h). */
ib_status ib_trainer_new(ib_trainer **trainer, const ib_train_config *config,
                            const ib_data *data, uint64_t seed);
/* The same over data prepared once for several runs (prepared from the same X and y),
 * without an evaluation workspace of its own (see ib_trainer_evaluate_with). */
ib_status ib_trainer_new_prepared(ib_trainer **trainer, const ib_train_config *config,
                                     const ib_data *data, const ib_prepared *prepared,
                                     uint64_t seed);
void ib_trainer_delete(ib_trainer *trainer);

size_t ib_trainer_n_params(const ib_trainer *trainer);
size_t ib_trainer_n_layers(const ib_trainer *trainer);
uint64_t ib_trainer_epoch(const ib_trainer *trainer);
/* Whether the network trains on BLAS (a width above IB_LANES_MAX_WIDTH) rather than on the
 * lane kernel. */
int ib_trainer_uses_blas(const ib_trainer *trainer);
/* Copies the state out (arrays of state must hold n_params doubles) or in. */
void ib_trainer_get_state(const ib_trainer *trainer, ib_train_state *state);
ib_status ib_trainer_set_state(ib_trainer *trainer, const ib_train_state *state);

/* One epoch: a pass over the train rows in a fresh random order, one optimiser step per
 * minibatch, with the gradient statistics of ib_history gathered when grad_stats is set.
 * When stop (may be NULL) asks for it between two minibatches, the trainer goes back to
 * its state before the epoch and returns IB_ERR_INTERRUPTED. A parameter that becomes NaN,
 * Inf or larger than IB_MAX_PARAM in magnitude gives IB_ERR_DIVERGED. */
#define IB_MAX_PARAM 1e100
ib_status ib_trainer_train_epoch(ib_trainer *trainer, int grad_stats, ib_stop_fn stop,
                                 void *stop_arg);
/* `count` epochs one after another, the same as as many calls of ib_trainer_train_epoch
 * (the gradient statistics, if asked, of the last), except that an interrupt takes the
 * trainer back to its state before the first. */
ib_status ib_trainer_train_epochs(ib_trainer *trainer, uint64_t count, int grad_stats,
                                  ib_stop_fn stop, void *stop_arg);

/* Takes back the epochs of the last ib_trainer_train_epoch(s) call that completed (once). */
void ib_trainer_undo_epochs(ib_trainer *trainer);

/* Runs epochs until `stop_epoch` epochs are completed or `seconds` of wall time have
 * passed (checked after each epoch; <= 0 means no limit). After every completed epoch
 * that appears in the sorted list mi_epochs, evaluates losses, accuracies and every
 * estimator on every layer over the whole data set and appends a row to history. */
ib_status ib_trainer_run(ib_trainer *trainer, uint64_t stop_epoch, double seconds,
                         const uint64_t *mi_epochs, size_t n_mi_epochs, ib_history *history);

/* Evaluates now (no training) into one history row; the gradient statistics are those of
 * the last epoch trained with grad_stats, if it is the current one, else NaN. */
ib_status ib_trainer_evaluate(ib_trainer *trainer, ib_history *history);

/* The same in a caller's workspace (acts: every layer of every row, row_loss: one value per
 * row, of the sizes ib_trainer_eval_size gives), which trainers of
 * ib_trainer_new_prepared need and runs trained on one thread can share; the
 * estimators that can take long ask stop (may be NULL) and return IB_ERR_INTERRUPTED,
 * with no row recorded. */
void ib_trainer_eval_size(const ib_trainer *trainer, size_t *acts, size_t *rows);
/* The acts workspace: `count` doubles aligned to a cache line (the kernel stores whole
 * lines of activations: 4 % of an evaluation); NULL when out of memory. Free with free(). */
double *ib_eval_acts_alloc(size_t count);
ib_status ib_trainer_evaluate_with(ib_trainer *trainer, ib_history *history, double *acts,
                                   double *row_loss, ib_stop_fn stop, void *stop_arg);

#endif
