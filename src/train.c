/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* train.c - the epoch loop of one run: shuffled minibatches, one optimiser step each (the
 * gradient from the lane kernel for small networks, from BLAS for wide ones), the gradient
 * statistics of recorded epochs, and at the recorded epochs a forward pass over the whole
 * data set, losses, accuracies and every estimator on every layer. All buffers are
 * allocated in ib_trainer_new. */
#define _POSIX_C_SOURCE 199309L
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "train.h"
#include "net.h"
#include "net_lanes.h"
#include "net_single.h"
#include "optim.h"
#include "rng.h"
#include "rowcount.h"

struct ib_prepared {
  const ib_data *data;
  double *X_rows;   /* n x d row by row (the lane kernel gathers rows) */
  size_t *x_id;     /* unique-input id of each row of X */
  size_t n_x;
};

/* The part of a run's state saved before each call of ib_trainer_train_epochs, so that an
 * interrupted call leaves the run exactly where it was. */
typedef struct {
  double *params, *moment1, *moment2;
  uint64_t step, epoch;
  ib_rng rng;
} stretch_start;

/* Welford's running mean and sum of squared deviations of each weight's gradient over the
 * minibatches of one epoch, and the norms it gives per layer. */
typedef struct {
  double *mean, *m2;          /* n_params (only the weights are used) */
  size_t batches;
  uint64_t epoch;             /* the epoch they describe (0: none yet) */
  double *mean_norm, *std_norm;  /* n_layers */
} grad_stats;

struct ib_trainer {
  const ib_train_config *config;
  const ib_data *data;
  const ib_prepared *prepared;
  ib_prepared *own_prepared;   /* when created without shared data */
  ib_net net;
  ib_optim_params optim;
  ib_lanes *lanes;             /* NULL: the network is wide, BLAS computes it */
  ib_net_single *single;       /* a wide network in single precision (else NULL) */

  /* the resumable state (see ib_train_state) */
  double *params, *moment1, *moment2;
  uint64_t step, epoch;
  ib_rng rng;
  stretch_start saved;
  grad_stats stats;

  /* minibatch workspace */
  size_t batch_rows;     /* min(batch_size, n_train) */
  size_t *order;         /* this epoch's permutation of the train rows */
  double *grad;          /* n_params */
  double *batch_input;   /* BLAS path: batch_rows x d */
  size_t *batch_labels;
  double *batch_acts;    /* BLAS path in double: batch_rows x total_width */
  double *work;          /* BLAS path in double: batch_rows x max_width */

  /* evaluation workspace: every layer of the whole data set, for one epoch at a time (a
   * trainer of ib_trainer_new owns one; those of several runs share their thread's) */
  double *own_acts;      /* n x total_width */
  double *own_loss;      /* n */
  double *full_acts, *row_loss;  /* the workspace of the evaluation under way */
  ib_layer_context context;

  /* MI on a subset of the rows (data->mi_idx): those rows of X, their labels and input
   * ids, and one layer's activations on them */
  double *mi_X, *mi_T;
  size_t *mi_y, *mi_x_id;
};

static int mul_overflows(size_t a, size_t b)
{
  return a != 0 && b > SIZE_MAX / a;
}

/* a * b * sizeof(double) fits in size_t. */
static int doubles_fit(size_t a, size_t b)
{
  return !mul_overflows(a, b) && !mul_overflows(a * b, sizeof(double));
}

/* The rules below report the first one broken: its status and, through *why (which may be
 * NULL), a sentence that names it (as LIBLINEAR's check_parameter). */
#define BROKEN(status, text) return (why ? (void) (*why = (text)) : (void) 0), (status)

static ib_status validate_rows(const ib_data *data, const char **why)
{
  if (!data->X || !data->y || data->n == 0 || data->d == 0 || data->n_classes == 0)
    BROKEN(IB_ERR_ARG, "the data need rows, columns, labels and at least one class");
  if (!doubles_fit(data->n, data->d))
    BROKEN(IB_ERR_TOO_LARGE, "X has more values than memory can address");
  for (size_t i = 0; i < data->n; i++)
    if (data->y[i] >= data->n_classes)
      BROKEN(IB_ERR_ARG, "a label is not below the number of classes");
  for (size_t i = 0; i < data->n * data->d; i++)
    if (!isfinite(data->X[i]))
      BROKEN(IB_ERR_NONFINITE, "X contains NaN or Inf");
  return IB_OK;
}

static ib_status validate_split(const ib_data *data, const char **why)
{
  if (data->n_train == 0 || !data->train_idx || (data->n_test > 0 && !data->test_idx))
    BROKEN(IB_ERR_ARG, "a run needs at least one training row");
  for (size_t i = 0; i < data->n_train; i++)
    if (data->train_idx[i] >= data->n)
      BROKEN(IB_ERR_ARG, "a training row index is beyond the rows of X");
  for (size_t i = 0; i < data->n_test; i++)
    if (data->test_idx[i] >= data->n)
      BROKEN(IB_ERR_ARG, "a test row index is beyond the rows of X");
  if (data->mi_idx && data->n_mi == 0)
    BROKEN(IB_ERR_ARG, "the rows MI is measured on must not be empty");
  for (size_t i = 0; data->mi_idx && i < data->n_mi; i++)
    if (data->mi_idx[i] >= data->n)
      BROKEN(IB_ERR_ARG, "a row MI is measured on is beyond the rows of X");
  return IB_OK;
}

void ib_prepared_delete(ib_prepared *p)
{
  if (!p)
    return;
  free(p->X_rows);
  free(p->x_id);
  free(p);
}

ib_status ib_prepared_new(ib_prepared **prepared, const ib_data *data)
{
  if (!prepared)
    return IB_ERR_ARG;
  *prepared = NULL;
  if (!data)
    return IB_ERR_ARG;
  ib_status status = validate_rows(data, NULL);
  if (status != IB_OK)
    return status;
  ib_prepared *p = calloc(1, sizeof *p);
  if (!p)
    return IB_ERR_NOMEM;
  const size_t n = data->n, d = data->d;
  p->data = data;
  p->X_rows = malloc(n * d * sizeof(double));
  p->x_id = malloc(n * sizeof(size_t));
  if (!p->X_rows || !p->x_id) {
    ib_prepared_delete(p);
    return IB_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < d; k++)
      p->X_rows[i * d + k] = data->X[i + k * n];
  status = ib_row_ids_double(data->X, n, d, p->x_id, &p->n_x);
  if (status != IB_OK) {
    ib_prepared_delete(p);
    return status;
  }
  *prepared = p;
  return IB_OK;
}

static ib_status validate_config(const ib_train_config *config, const ib_data *data,
                                 const char **why)
{
  if (!config->widths || config->n_widths < 2)
    BROKEN(IB_ERR_ARG, "the network needs an input and an output width");
  if (config->batch_size < 1)
    BROKEN(IB_ERR_ARG, "the batch size must be at least 1");
  if (config->n_estimators > 0 && !config->estimators)
    BROKEN(IB_ERR_ARG, "the estimators are missing");
  for (size_t l = 0; l < config->n_widths; l++)
    if (config->widths[l] < 1)
      BROKEN(IB_ERR_ARG, "every layer needs at least one unit");
  if (config->widths[0] != data->d)
    BROKEN(IB_ERR_ARG, "the input width must be the number of columns of X");
  if (config->output == IB_OUT_SIGMOID && data->n_classes != 2)
    BROKEN(IB_ERR_ARG, "a sigmoid output needs two classes");
  if (config->widths[config->n_widths - 1] !=
      (config->output == IB_OUT_SIGMOID ? 1 : data->n_classes))
    BROKEN(IB_ERR_ARG, "the output width must be the number of classes (1 for a sigmoid)");
  if ((unsigned) config->precision >= IB_PRECISION_COUNT)
    BROKEN(IB_ERR_ARG, "the precision is unknown");
  for (size_t e = 0; e < config->n_estimators; e++) { /* the estimators' own rules */
    ib_status st = ib_mi_check(&config->estimators[e], 0, 0, why);
    if (st != IB_OK)
      return st;
  }
  if (config->layer_range)
    for (size_t i = 0; i < 2 * (config->n_widths - 1); i++)
      if (isinf(config->layer_range[i]))
        BROKEN(IB_ERR_ARG, "a layer's binning range must be finite (NaN: observed)");
  /* BLAS takes int sizes */
  if (data->n > INT_MAX)
    BROKEN(IB_ERR_TOO_LARGE, "BLAS takes at most 2^31 - 1 rows");
  for (size_t l = 0; l < config->n_widths; l++)
    if (config->widths[l] > INT_MAX)
      BROKEN(IB_ERR_TOO_LARGE, "BLAS takes at most 2^31 - 1 units per layer");
  if (config->quantize_bits != 0 && config->quantize_bits != 4 && config->quantize_bits != 8)
    BROKEN(IB_ERR_ARG, "quantized activations take 4 or 8 bits");
  if (config->quantize_bits && !config->quantize_range)
    BROKEN(IB_ERR_ARG, "quantized activations need a range per layer");
  for (size_t l = 0; config->quantize_bits && l + 1 < config->n_widths; l++)
    if (!(isfinite(config->quantize_range[2 * l]) && isfinite(config->quantize_range[2 * l + 1])
          && config->quantize_range[2 * l] < config->quantize_range[2 * l + 1]))
      BROKEN(IB_ERR_ARG, "a layer's quantization range must be finite with lo < hi");
  for (size_t e = 0; e < config->n_estimators; e++)
    if (config->estimators[e].estimator == IB_EST_EXACT && !config->quantize_bits)
      BROKEN(IB_ERR_ARG, "the exact estimator needs quantized activations (4 or 8 bits)");
  ib_optim_params optim = {config->optimizer, config->learning_rate, config->momentum,
                           config->beta1, config->beta2, config->epsilon};
  if (ib_optim_validate(&optim) != IB_OK)
    BROKEN(IB_ERR_ARG, "the optimiser's settings are out of range (learning rate finite and "
                       "> 0; adam: beta1, beta2 in [0, 1), epsilon > 0; sgd: momentum >= 0)");
  return IB_OK;
}

ib_status ib_train_check(const ib_train_config *config, const ib_data *data, const char **why)
{
  if (why)
    *why = NULL;
  if (!config || !data)
    BROKEN(IB_ERR_ARG, "the configuration and the data are required");
  ib_status status = validate_rows(data, why);
  if (status == IB_OK)
    status = validate_split(data, why);
  if (status == IB_OK)
    status = validate_config(config, data, why);
  return status;
}

void ib_trainer_delete(ib_trainer *t)
{
  if (!t)
    return;
  ib_lanes_delete(t->lanes);
  ib_net_single_delete(t->single);
  ib_net_clear(&t->net);
  ib_prepared_delete(t->own_prepared);
  void *buffers[] = {t->params, t->moment1, t->moment2, t->saved.params, t->saved.moment1,
                     t->saved.moment2, t->stats.mean, t->stats.m2, t->stats.mean_norm,
                     t->stats.std_norm, t->order, t->grad, t->batch_input, t->batch_labels,
                     t->batch_acts, t->work, t->own_acts, t->own_loss, t->mi_X, t->mi_T,
                     t->mi_y, t->mi_x_id};
  for (size_t i = 0; i < sizeof buffers / sizeof buffers[0]; i++)
    free(buffers[i]);
  free(t);
}

/* Every buffer of a trainer whose network is laid out; 0 when one could not be had. */
static int allocate_buffers(ib_trainer *t)
{
  const ib_data *data = t->data;
  const size_t n = data->n, d = data->d, n_params = t->net.n_params, L = t->net.n_layers;
  const size_t rows = t->batch_rows;
  double **vectors[] = {&t->params, &t->moment1, &t->moment2, &t->saved.params,
                        &t->saved.moment1, &t->saved.moment2, &t->stats.mean, &t->stats.m2,
                        &t->grad};
  for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++)
    if (!(*vectors[i] = calloc(n_params, sizeof(double))))
      return 0;
  t->stats.mean_norm = malloc(L * sizeof(double));
  t->stats.std_norm = malloc(L * sizeof(double));
  t->order = malloc(data->n_train * sizeof(size_t));
  if (t->own_prepared) {
    t->own_acts = ib_eval_acts_alloc(n * t->net.total_width);
    t->own_loss = malloc(n * sizeof(double));
    if (!t->own_acts || !t->own_loss)
      return 0;
  }
  if (!t->stats.mean_norm || !t->stats.std_norm || !t->order)
    return 0;
  if (ib_lanes_fit(&t->net))
    return (t->lanes = ib_lanes_new(&t->net, rows, t->config->precision)) != NULL;
  t->batch_input = malloc(rows * d * sizeof(double));
  t->batch_labels = malloc(rows * sizeof(size_t));
  if (!t->batch_input || !t->batch_labels)
    return 0;
  if (t->config->precision == IB_PRECISION_SINGLE) /* its own float workspace */
    return (t->single = ib_net_single_new(&t->net, rows)) != NULL;
  t->batch_acts = malloc(rows * t->net.total_width * sizeof(double));
  t->work = malloc(rows * t->net.max_width * sizeof(double));
  return t->batch_acts && t->work;
}

/* The subset of rows MI is measured on, as a data set of its own. */
static ib_status prepare_mi_rows(ib_trainer *t)
{
  const ib_data *data = t->data;
  const size_t m = data->n_mi, d = data->d, n = data->n;
  if (!doubles_fit(m, d) || !doubles_fit(m, t->net.max_width))
    return IB_ERR_TOO_LARGE;
  t->mi_X = malloc(m * d * sizeof(double));
  t->mi_T = malloc(m * t->net.max_width * sizeof(double));
  t->mi_y = malloc(m * sizeof(size_t));
  t->mi_x_id = malloc(m * sizeof(size_t));
  if (!t->mi_X || !t->mi_T || !t->mi_y || !t->mi_x_id)
    return IB_ERR_NOMEM;
  for (size_t k = 0; k < d; k++)
    for (size_t i = 0; i < m; i++)
      t->mi_X[i + k * m] = data->X[data->mi_idx[i] + k * n];
  for (size_t i = 0; i < m; i++)
    t->mi_y[i] = data->y[data->mi_idx[i]];
  size_t n_x = 0;
  ib_status status = ib_row_ids_double(t->mi_X, m, d, t->mi_x_id, &n_x);
  if (status != IB_OK)
    return status;
  t->context = (ib_layer_context){.n = m, .X = t->mi_X, .dx = d, .x_id = t->mi_x_id,
                                  .n_x = n_x, .y = t->mi_y, .n_y = data->n_classes,
                                  .t_function_of_x = 1};
  return IB_OK;
}

static ib_status new_trainer(ib_trainer **trainer, const ib_train_config *config,
                                const ib_data *data, const ib_prepared *prepared,
                                ib_prepared *own_prepared, uint64_t seed)
{
  ib_status status = validate_split(data, NULL);
  if (status == IB_OK)
    status = validate_config(config, data, NULL);
  ib_optim_params optim = {config->optimizer, config->learning_rate, config->momentum,
                           config->beta1, config->beta2, config->epsilon};
  ib_trainer *t = status == IB_OK ? calloc(1, sizeof *t) : NULL;
  if (status == IB_OK && !t)
    status = IB_ERR_NOMEM;
  if (status != IB_OK) {
    ib_prepared_delete(own_prepared);
    return status;
  }
  t->config = config;
  t->data = data;
  t->prepared = prepared;
  t->own_prepared = own_prepared;
  t->optim = optim;
  status = ib_net_init(&t->net, config->widths, config->n_widths, config->activation);
  if (status == IB_OK)
    status = ib_net_set_output(&t->net, config->output);
  if (status == IB_OK)
    status = ib_net_set_quantize(&t->net, config->quantize_bits, config->quantize_range);
  if (status != IB_OK) {
    ib_trainer_delete(t);
    return status;
  }
  const size_t n = data->n;
  t->batch_rows = config->batch_size < data->n_train ? config->batch_size : data->n_train;
  if (!doubles_fit(t->batch_rows, t->net.total_width) ||
      !doubles_fit(t->batch_rows, t->net.max_width) || !doubles_fit(n, t->net.total_width) ||
      !doubles_fit(data->n_train, 1) || !doubles_fit(n, 1)) {
    ib_trainer_delete(t);
    return IB_ERR_TOO_LARGE;
  }
  if (!allocate_buffers(t)) {
    ib_trainer_delete(t);
    return IB_ERR_NOMEM;
  }
  t->context = (ib_layer_context){.n = n, .X = data->X, .dx = data->d,
                                  .x_id = prepared->x_id, .n_x = prepared->n_x,
                                  .y = data->y, .n_y = data->n_classes,
                                  .t_function_of_x = 1};
  if (data->mi_idx && (status = prepare_mi_rows(t)) != IB_OK) {
    ib_trainer_delete(t);
    return status;
  }
  ib_rng_seed(&t->rng, seed);
  ib_net_draw_params(&t->net, t->params, &t->rng);
  *trainer = t;
  return IB_OK;
}

ib_status ib_trainer_new_prepared(ib_trainer **trainer, const ib_train_config *config,
                                     const ib_data *data, const ib_prepared *prepared,
                                     uint64_t seed)
{
  if (!trainer)
    return IB_ERR_ARG;
  *trainer = NULL;
  if (!config || !data || !prepared || prepared->data->X != data->X ||
      prepared->data->y != data->y || prepared->data->n != data->n ||
      prepared->data->d != data->d || prepared->data->n_classes != data->n_classes)
    return IB_ERR_ARG;
  return new_trainer(trainer, config, data, prepared, NULL, seed);
}

ib_status ib_trainer_new(ib_trainer **trainer, const ib_train_config *config,
                            const ib_data *data, uint64_t seed)
{
  if (!trainer)
    return IB_ERR_ARG;
  *trainer = NULL;
  if (!config || !data)
    return IB_ERR_ARG;
  ib_prepared *prepared;
  ib_status status = ib_prepared_new(&prepared, data);
  if (status != IB_OK)
    return status;
  return new_trainer(trainer, config, data, prepared, prepared, seed);
}

size_t ib_trainer_n_params(const ib_trainer *t)
{
  return t->net.n_params;
}

size_t ib_trainer_n_layers(const ib_trainer *t)
{
  return t->net.n_layers;
}

uint64_t ib_trainer_epoch(const ib_trainer *t)
{
  return t->epoch;
}

int ib_trainer_uses_blas(const ib_trainer *t)
{
  return t->lanes == NULL;
}

void ib_trainer_get_state(const ib_trainer *t, ib_train_state *state)
{
  const size_t bytes = t->net.n_params * sizeof(double);
  state->n_params = t->net.n_params;
  memcpy(state->params, t->params, bytes);
  memcpy(state->moment1, t->moment1, bytes);
  memcpy(state->moment2, t->moment2, bytes);
  state->step = t->step;
  memcpy(state->rng, t->rng.s, sizeof state->rng);
  state->epoch = t->epoch;
}

ib_status ib_trainer_set_state(ib_trainer *t, const ib_train_state *state)
{
  const size_t n = t->net.n_params;
  if (!state || state->n_params != n || !state->params || !state->moment1 || !state->moment2)
    return IB_ERR_ARG;
  if ((state->rng[0] | state->rng[1] | state->rng[2] | state->rng[3]) == 0)
    return IB_ERR_ARG; /* the one state xoshiro never leaves */
  for (size_t i = 0; i < n; i++)
    if (!isfinite(state->params[i]) || !isfinite(state->moment1[i]) ||
        !isfinite(state->moment2[i]))
      return IB_ERR_NONFINITE;
  memcpy(t->params, state->params, n * sizeof(double));
  memcpy(t->moment1, state->moment1, n * sizeof(double));
  memcpy(t->moment2, state->moment2, n * sizeof(double));
  t->step = state->step;
  memcpy(t->rng.s, state->rng, sizeof t->rng.s);
  t->epoch = state->epoch;
  t->stats.epoch = 0;
  return IB_OK;
}

static void save_stretch_start(ib_trainer *t)
{
  const size_t bytes = t->net.n_params * sizeof(double);
  memcpy(t->saved.params, t->params, bytes);
  memcpy(t->saved.moment1, t->moment1, bytes);
  memcpy(t->saved.moment2, t->moment2, bytes);
  t->saved.step = t->step;
  t->saved.epoch = t->epoch;
  t->saved.rng = t->rng;
}

static void restore_stretch_start(ib_trainer *t)
{
  const size_t bytes = t->net.n_params * sizeof(double);
  memcpy(t->params, t->saved.params, bytes);
  memcpy(t->moment1, t->saved.moment1, bytes);
  memcpy(t->moment2, t->saved.moment2, bytes);
  t->step = t->saved.step;
  t->epoch = t->saved.epoch;
  t->rng = t->saved.rng;
}

void ib_trainer_undo_epochs(ib_trainer *t)
{
  restore_stretch_start(t);
  t->stats.epoch = 0;
}

/* t->grad = gradient of the mean loss over the train rows batch[0..rows-1]. */
static void batch_gradient(ib_trainer *t, const size_t *batch, size_t rows)
{
  const ib_data *data = t->data;
  if (t->lanes) {
    ib_lanes_gradient(t->lanes, t->params, t->prepared->X_rows, data->y, batch, rows,
                      t->grad);
    return;
  }
  const size_t n = data->n, d = data->d;
  for (size_t k = 0; k < d; k++) {
    const double *x = data->X + k * n;
    double *in = t->batch_input + k * rows;
    for (size_t i = 0; i < rows; i++)
      in[i] = x[batch[i]];
  }
  for (size_t i = 0; i < rows; i++)
    t->batch_labels[i] = data->y[batch[i]];
  if (t->single) {
    ib_net_single_gradient(t->single, t->params, t->batch_input, rows, t->batch_labels,
                           t->grad);
    return;
  }
  ib_net_forward(&t->net, t->params, t->batch_input, rows, NULL, t->batch_acts, NULL);
  ib_net_backward(&t->net, t->params, t->batch_input, rows, t->batch_labels, t->batch_acts,
                  t->grad, t->work);
}

static void stats_start(grad_stats *s, size_t n_params)
{
  memset(s->mean, 0, n_params * sizeof(double));
  memset(s->m2, 0, n_params * sizeof(double));
  s->batches = 0;
}

static void stats_add(grad_stats *s, const double *grad, size_t n_params)
{
  const double b = (double) ++s->batches;
  for (size_t p = 0; p < n_params; p++) {
    const double delta = grad[p] - s->mean[p];
    s->mean[p] += delta / b;
    s->m2[p] += delta * (grad[p] - s->mean[p]);
  }
}

static void stats_finish(grad_stats *s, const ib_net *net, uint64_t epoch)
{
  for (size_t l = 0; l < net->n_layers; l++) {
    const size_t from = net->weight_offset[l], count = net->widths[l] * net->widths[l + 1];
    double mean2 = 0, var = 0;
    for (size_t p = from; p < from + count; p++) {
      mean2 += s->mean[p] * s->mean[p];
      var += s->m2[p] / (double) s->batches;
    }
    s->mean_norm[l] = sqrt(mean2);
    s->std_norm[l] = sqrt(var);
  }
  s->epoch = epoch;
}

static int params_sane(const double *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!(fabs(p[i]) <= IB_MAX_PARAM))
      return 0;
  return 1;
}

/* The order restarts from train_idx every epoch so that it depends only on the RNG state,
 * which makes resumed runs identical to uninterrupted ones. Returns IB_ERR_INTERRUPTED
 * with the state mid-epoch: the caller restores it. */
static ib_status train_one_epoch(ib_trainer *t, int grad_stats, ib_stop_fn stop,
                                 void *stop_arg)
{
  const size_t n_train = t->data->n_train, n_params = t->net.n_params;
  memcpy(t->order, t->data->train_idx, n_train * sizeof(size_t));
  ib_rng_shuffle(&t->rng, t->order, n_train);
  if (grad_stats)
    stats_start(&t->stats, n_params);
  for (size_t start = 0; start < n_train; start += t->batch_rows) {
    if (stop && stop(stop_arg))
      return IB_ERR_INTERRUPTED;
    const size_t rows = n_train - start < t->batch_rows ? n_train - start : t->batch_rows;
    batch_gradient(t, t->order + start, rows);
    if (grad_stats)
      stats_add(&t->stats, t->grad, n_params);
    ib_optim_step(&t->optim, n_params, t->params, t->grad, t->moment1, t->moment2,
                  &t->step);
  }
  if (!params_sane(t->params, n_params))
    return IB_ERR_DIVERGED;
  t->epoch++;
  if (grad_stats)
    stats_finish(&t->stats, &t->net, t->epoch);
  return IB_OK;
}

ib_status ib_trainer_train_epochs(ib_trainer *t, uint64_t count, int grad_stats,
                                  ib_stop_fn stop, void *stop_arg)
{
  save_stretch_start(t);
  for (uint64_t k = 0; k < count; k++) {
    const ib_status status = train_one_epoch(t, grad_stats && k + 1 == count, stop,
                                             stop_arg);
    if (status == IB_ERR_INTERRUPTED)
      restore_stretch_start(t);
    if (status != IB_OK)
      return status;
  }
  return IB_OK;
}

ib_status ib_trainer_train_epoch(ib_trainer *t, int grad_stats, ib_stop_fn stop,
                                 void *stop_arg)
{
  return ib_trainer_train_epochs(t, 1, grad_stats, stop, stop_arg);
}

/* Mean loss and accuracy over the rows idx[0..m-1] of the whole-data forward pass. */
static void split_scores(const ib_trainer *t, const size_t *idx, size_t m, double *loss,
                         double *acc)
{
  if (m == 0) {
    *loss = *acc = NAN;
    return;
  }
  const size_t n = t->data->n, last = t->net.n_layers - 1;
  const double *P = ib_net_layer(&t->net, t->full_acts, n, last);
  double sum = 0;
  size_t correct = 0;
  for (size_t i = 0; i < m; i++) {
    sum += t->row_loss[idx[i]];
    correct += ib_net_predict(&t->net, P, n, idx[i]) == t->data->y[idx[i]];
  }
  *loss = sum / (double) m;
  *acc = (double) correct / (double) m;
}

static int history_usable(const ib_history *h, size_t n_estimators)
{
  return h && h->epoch && h->loss_train && h->loss_test && h->acc_train && h->acc_test &&
         (n_estimators == 0 || (h->ixt && h->ity && h->ixt_lower && h->ity_lower)) &&
         (!h->grad_mean_norm || (h->grad_std_norm && h->weight_norm));
}

static void record_gradients(const ib_trainer *t, ib_history *h, size_t r)
{
  const ib_net *net = &t->net;
  const int current = t->stats.epoch == t->epoch && t->epoch > 0;
  for (size_t l = 0; l < net->n_layers; l++) {
    const double *W = t->params + net->weight_offset[l];
    double w2 = 0;
    for (size_t p = 0; p < net->widths[l] * net->widths[l + 1]; p++)
      w2 += W[p] * W[p];
    h->grad_mean_norm[r + h->capacity * l] = current ? t->stats.mean_norm[l] : NAN;
    h->grad_std_norm[r + h->capacity * l] = current ? t->stats.std_norm[l] : NAN;
    h->weight_norm[r + h->capacity * l] = sqrt(w2);
  }
}

ib_status ib_trainer_evaluate(ib_trainer *t, ib_history *history)
{
  return ib_trainer_evaluate_with(t, history, t->own_acts, t->own_loss, NULL, NULL);
}

double *ib_eval_acts_alloc(size_t count)
{
  enum { LINE = 64 };
  if (count > (SIZE_MAX - LINE) / sizeof(double))
    return NULL;
  return aligned_alloc(LINE, (count * sizeof(double) + LINE - 1) / LINE * LINE);
}

void ib_trainer_eval_size(const ib_trainer *t, size_t *acts, size_t *rows)
{
  *acts = t->data->n * t->net.total_width;
  *rows = t->data->n;
}

ib_status ib_trainer_evaluate_with(ib_trainer *t, ib_history *history, double *acts,
                                   double *row_loss, ib_stop_fn stop, void *stop_arg)
{
  if (!acts || !row_loss)
    return IB_ERR_ARG;
  t->full_acts = acts;
  t->row_loss = row_loss;
  const ib_data *data = t->data;
  const ib_train_config *config = t->config;
  const size_t n = data->n, n_layers = t->net.n_layers;
  if (!history_usable(history, config->n_estimators) || history->count >= history->capacity)
    return IB_ERR_ARG;
  const size_t r = history->count, cap = history->capacity;

  if (t->lanes)
    ib_lanes_forward_all(t->lanes, t->params, t->prepared->X_rows, n, data->y, t->full_acts,
                         t->row_loss);
  else if (t->single)
    ib_net_single_forward(t->single, t->params, data->X, n, data->y, t->full_acts,
                          t->row_loss);
  else
    ib_net_forward(&t->net, t->params, data->X, n, data->y, t->full_acts, t->row_loss);
  double loss_train, acc_train, loss_test, acc_test;
  split_scores(t, data->train_idx, data->n_train, &loss_train, &acc_train);
  split_scores(t, data->test_idx, data->n_test, &loss_test, &acc_test);
  if (!isfinite(loss_train) || (data->n_test > 0 && !isfinite(loss_test)))
    return IB_ERR_DIVERGED;

  for (size_t e = 0; e < config->n_estimators; e++)
    for (size_t l = 0; l < n_layers; l++) {
      ib_mi_options opt = config->estimators[e];
      opt.stop = stop;
      opt.stop_arg = stop_arg;
      if (config->layer_range) {
        opt.range_lo = config->layer_range[2 * l];
        opt.range_hi = config->layer_range[2 * l + 1];
      }
      ib_layer_result result;
      const double *T = ib_net_layer(&t->net, t->full_acts, n, l);
      const size_t width = t->net.widths[l + 1];
      if (data->mi_idx) {
        for (size_t k = 0; k < width; k++)
          for (size_t i = 0; i < data->n_mi; i++)
            t->mi_T[i + k * data->n_mi] = T[data->mi_idx[i] + k * n];
        T = t->mi_T;
      }
      ib_status status = ib_layer_mi(&opt, T, t->context.n, width, &t->context, &result);
      if (status != IB_OK)
        return status;
      const size_t at = r + cap * (l + n_layers * e);
      history->ixt[at] = result.ixt;
      history->ity[at] = result.ity;
      history->ixt_lower[at] = result.ixt_lower;
      history->ity_lower[at] = result.ity_lower;
    }
  if (history->grad_mean_norm)
    record_gradients(t, history, r);

  history->epoch[r] = (double) t->epoch;
  history->loss_train[r] = loss_train;
  history->loss_test[r] = loss_test;
  history->acc_train[r] = acc_train;
  history->acc_test[r] = acc_test;
  history->count = r + 1;
  return IB_OK;
}

static double seconds_since(const struct timespec *start)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double) (now.tv_sec - start->tv_sec) + 1e-9 * (double) (now.tv_nsec - start->tv_nsec);
}

ib_status ib_trainer_run(ib_trainer *t, uint64_t stop_epoch, double seconds,
                         const uint64_t *mi_epochs, size_t n_mi_epochs, ib_history *history)
{
  if (!t || (n_mi_epochs > 0 && !mi_epochs))
    return IB_ERR_ARG;
  for (size_t i = 1; i < n_mi_epochs; i++)
    if (mi_epochs[i] < mi_epochs[i - 1])
      return IB_ERR_ARG;
  if (n_mi_epochs > 0 && history && !history_usable(history, t->config->n_estimators))
    return IB_ERR_ARG;

  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  size_t next_mi = 0; /* first entry of mi_epochs after the epochs already completed */
  while (next_mi < n_mi_epochs && mi_epochs[next_mi] <= t->epoch)
    next_mi++;

  while (t->epoch < stop_epoch) {
    const int record = next_mi < n_mi_epochs && mi_epochs[next_mi] == t->epoch + 1;
    if (record && (!history || history->count >= history->capacity))
      return IB_OK; /* the caller continues with an empty history */
    ib_status status =
        ib_trainer_train_epoch(t, record && history->grad_mean_norm, NULL, NULL);
    if (status != IB_OK)
      return status;
    if (record) {
      status = ib_trainer_evaluate(t, history);
      if (status != IB_OK)
        return status;
    }
    while (next_mi < n_mi_epochs && mi_epochs[next_mi] <= t->epoch)
      next_mi++;
    if (seconds > 0 && seconds_since(&start) >= seconds)
      break;
  }
  return IB_OK;
}
