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

typedef enum { IB_ACT_TANH = 0, IB_ACT_RELU, IB_ACT_SIGMOID, IB_ACT_LINEAR } ib_activation;
typedef enum { IB_OPT_ADAM = 0, IB_OPT_SGD } ib_optimizer;

/* Name <-> enum ("tanh", "relu", "sigmoid", "linear"; "adam", "sgd"). 0 on success. */
int ib_activation_from_name(const char *name, ib_activation *act);
int ib_optimizer_from_name(const char *name, ib_optimizer *opt);

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
} ib_data;

typedef struct {
  const size_t *widths;      /* n_widths = hidden layers + 2: input d, hidden..., n_classes */
  size_t n_widths;
  ib_activation activation;  /* of the hidden layers; the output is softmax */
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
 * r + capacity * (l + n_layers * e). n_layers = weight layers = hidden + output. */
typedef struct {
  size_t capacity, count;
  double *epoch;
  double *loss_train, *loss_test, *acc_train, *acc_test;
  double *ixt, *ity, *ixt_lower, *ity_lower;
} ib_history;

typedef struct ib_trainer ib_trainer;

/* Validates config and data (sizes, labels, finite X), allocates everything the run needs
 * and initialises the network from seed (truncated normal, 2 sd, sd 1/sqrt(fan_in);
 * biases 0). The trainer keeps pointers to data and config: they must outlive it. */
ib_status ib_trainer_create(ib_trainer **trainer, const ib_train_config *config,
                            const ib_data *data, uint64_t seed);
void ib_trainer_free(ib_trainer *trainer);

size_t ib_trainer_n_params(const ib_trainer *trainer);
size_t ib_trainer_n_layers(const ib_trainer *trainer);
/* Copies the state out (arrays of state must hold n_params doubles) or in. */
void ib_trainer_get_state(const ib_trainer *trainer, ib_train_state *state);
ib_status ib_trainer_set_state(ib_trainer *trainer, const ib_train_state *state);

/* Runs epochs until `stop_epoch` epochs are completed or `seconds` of wall time have
 * passed (checked after each epoch; <= 0 means no limit). After every completed epoch
 * that appears in the sorted list mi_epochs, evaluates losses, accuracies and every
 * estimator on every layer over the whole data set and appends a row to history. */
ib_status ib_trainer_run(ib_trainer *trainer, uint64_t stop_epoch, double seconds,
                         const uint64_t *mi_epochs, size_t n_mi_epochs, ib_history *history);

/* Evaluates now (no training) into one history row. */
ib_status ib_trainer_evaluate(ib_trainer *trainer, ib_history *history);

#endif
