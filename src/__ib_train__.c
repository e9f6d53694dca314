/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* __ib_train__.c - gateway of ib_train: converts arrays and options, trains R runs for one
 * chunk of epochs on the core's thread pool, and hands the whole state back so that
 * ib_train.m can show progress, stop on Ctrl-C without losing anything and resume.
 *
 *   state = __ib_train__ ("init", X, y, train_idx, test_idx, config)
 *   [state, hist, interrupted] = __ib_train__ ("run", X, y, train_idx, test_idx, config,
 *                                              state, stop_epoch, seconds, mi_epochs)
 *   perm = __ib_train__ ("permutation", n, seed)
 *   [order, rng] = __ib_train__ ("shuffle", idx, rng)
 *
 * X is n x d; y holds labels 0..C-1; train_idx (n_train x R) and test_idx (n_test x R) hold
 * each run's 1-based rows; config is a struct (layers, activation, optimizer, learning_rate,
 * momentum, beta1, beta2, epsilon, batch_size, seeds (1 x R), threads, precision ("double" or
 * "single"), output ("softmax",
 * the default, or "sigmoid" for two classes: one output unit), estimators: struct
 * array of estimator options, layer_range: 2 x L or [], mi_rows: the 1-based rows MI is
 * measured on, n_mi x R, or [] for all; quantize_bits (0, the default: none; 4 or 8) and
 * quantize_range, 2 x L: the range of each layer's levels). state has fields params, moment1,
 * moment2 (n_params x R), step (1 x R), rng (4 x R uint64) and epoch. hist has epoch (k x 1),
 * loss_train, loss_test, acc_train, acc_test (k x R), IXT, ITY, IXT_lower, ITY_lower
 * (k x L x number of estimators x R) and grad_mean_norm, grad_std_norm, weight_norm
 * (k x L x R). interrupted is true when Ctrl-C stopped the chunk: the state and hist
 * returned are then complete up to the epoch reached, and the interrupt is consumed. */
#define _POSIX_C_SOURCE 200809L  /* sysconf */
#include <math.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "mexutil.h"
#include "runs.h"

static const char *FN = "ib_train";

typedef struct {
  size_t *widths;
  ib_mi_options *estimators;
  double *layer_range, *quantize_range;
  ib_train_config config;
  uint64_t *seeds;
  size_t n_runs, n_threads;
} parsed_config;

/* The data of every run: the same rows, each run's split. */
typedef struct {
  ib_data *runs;
  size_t n_runs, n, d, n_classes;
} parsed_data;

static double config_scalar(const mxArray *cfg, const char *name)
{
  const mxArray *f = ibmex_field(cfg, name);
  if (!f)
    ibmex_error(FN, "invalid_config", "config has no field '%s'", name);
  return ibmex_scalar(f, FN, name);
}

/* A whole number in [lo, 2^53] (never a cast of NaN, of a negative or of a huge value). */
static double whole_number(double v, const char *reason, const char *what, double lo)
{
  if (!(v >= lo && v <= 9007199254740992.0 && v == floor(v)))
    ibmex_error(FN, reason, "%s must be an integer in [%g, 2^53]", what, lo);
  return v;
}

static void parse_estimators(const mxArray *f, parsed_config *pc)
{
  size_t i, n_est = f ? mxGetNumberOfElements(f) : 0;
  if (f && !mxIsStruct(f))
    ibmex_error(FN, "invalid_config", "estimators must be a struct array");
  pc->estimators = mxMalloc((n_est ? n_est : 1) * sizeof *pc->estimators);
  for (i = 0; i < n_est; i++)   /* the shared reader; the rules are ib_train_check's */
    ibmex_mi_options(f, i, FN, &pc->estimators[i]);
  pc->config.estimators = pc->estimators;
  pc->config.n_estimators = n_est;
}

/* A 2 x n_layers field of ranges (lo; hi per weight layer) copied, or NULL when absent or
 * empty. */
static double *layer_ranges(const mxArray *cfg, const char *name, size_t n_layers)
{
  size_t r, c;
  const mxArray *f = ibmex_field(cfg, name);
  if (!f || mxIsEmpty(f))
    return NULL;
  const double *p = ibmex_matrix(f, FN, name, &r, &c);
  if (r != 2 || c != n_layers)
    ibmex_error(FN, "invalid_config", "%s must be 2 x %zu", name, n_layers);
  double *copy = mxMalloc(r * c * sizeof *copy);
  memcpy(copy, p, r * c * sizeof *p);
  return copy;
}

static void parse_config(const mxArray *cfg, size_t d, size_t n_classes, parsed_config *pc)
{
  const mxArray *f;
  size_t r, c, i, n_hidden;
  const double *p;
  const char *name;

  if (!mxIsStruct(cfg))
    ibmex_error(FN, "invalid_config", "config must be a struct");
  memset(pc, 0, sizeof *pc);

  p = ibmex_matrix(ibmex_field(cfg, "layers"), FN, "layers", &r, &c);
  n_hidden = r * c;
  pc->widths = mxMalloc((n_hidden + 2) * sizeof *pc->widths);
  pc->widths[0] = d;
  for (i = 0; i < n_hidden; i++) {
    if (!(p[i] >= 1 && p[i] == floor(p[i]) && p[i] < 1e9))
      ibmex_error(FN, "invalid_option", "layer widths must be positive integers");
    pc->widths[i + 1] = (size_t) p[i];
  }
  f = ibmex_field(cfg, "output");
  name = f ? ibmex_string(f, FN, "output") : "softmax";
  if (ib_output_from_name(name, &pc->config.output) != 0)
    ibmex_error(FN, "invalid_option", "unknown output '%s'", name);
  if (pc->config.output == IB_OUT_SIGMOID && n_classes != 2)
    ibmex_error(FN, "invalid_option", "a sigmoid output needs two classes, not %zu", n_classes);
  pc->widths[n_hidden + 1] = pc->config.output == IB_OUT_SIGMOID ? 1 : n_classes;
  f = ibmex_field(cfg, "precision");
  name = f ? ibmex_string(f, FN, "precision") : "double";
  if (ib_precision_from_name(name, &pc->config.precision) != 0)
    ibmex_error(FN, "invalid_option", "unknown precision '%s'", name);
  pc->config.widths = pc->widths;
  pc->config.n_widths = n_hidden + 2;

  name = ibmex_string(ibmex_field(cfg, "activation"), FN, "activation");
  if (ib_activation_from_name(name, &pc->config.activation) != 0)
    ibmex_error(FN, "invalid_option", "unknown activation '%s'", name);
  name = ibmex_string(ibmex_field(cfg, "optimizer"), FN, "optimizer");
  if (ib_optimizer_from_name(name, &pc->config.optimizer) != 0)
    ibmex_error(FN, "invalid_option", "unknown optimizer '%s'", name);

  pc->config.learning_rate = config_scalar(cfg, "learning_rate");
  pc->config.momentum = config_scalar(cfg, "momentum");
  pc->config.beta1 = config_scalar(cfg, "beta1");
  pc->config.beta2 = config_scalar(cfg, "beta2");
  pc->config.epsilon = config_scalar(cfg, "epsilon");
  pc->config.batch_size =
      (size_t) whole_number(config_scalar(cfg, "batch_size"), "invalid_option", "batch_size", 1);
  pc->n_threads =
      (size_t) whole_number(config_scalar(cfg, "threads"), "invalid_option", "threads", 1);

  p = ibmex_matrix(ibmex_field(cfg, "seeds"), FN, "seeds", &r, &c);
  pc->n_runs = r * c;
  if (pc->n_runs == 0)
    ibmex_error(FN, "invalid_config", "seeds must name at least one run");
  pc->seeds = mxMalloc(pc->n_runs * sizeof *pc->seeds);
  for (i = 0; i < pc->n_runs; i++)
    pc->seeds[i] = (uint64_t) whole_number(p[i], "invalid_option", "seed", 0);

  parse_estimators(ibmex_field(cfg, "estimators"), pc);

  pc->config.layer_range = pc->layer_range = layer_ranges(cfg, "layer_range", n_hidden + 1);

  /* quantized activations: bits (0: none) and the 2 x L range, judged by ib_train_check (a
   * value that is no whole number of bits up to 64 is passed on as 1, which it refuses) */
  f = ibmex_field(cfg, "quantize_bits");
  if (f) {
    double bits = ibmex_scalar(f, FN, "quantize_bits");
    pc->config.quantize_bits = bits >= 0 && bits <= 64 && bits == floor(bits) ? (unsigned) bits
                                                                               : 1;
  }
  pc->config.quantize_range = pc->quantize_range =
      layer_ranges(cfg, "quantize_range", n_hidden + 1);
}

/* The 1-based rows of an m x R matrix (one column per run) as 0-based size_t, run by run. */
static size_t *index_columns(const mxArray *a, const char *what, size_t n, size_t n_runs,
                             size_t *m)
{
  size_t r, c, i;
  const double *p = ibmex_matrix(a, FN, what, &r, &c);
  size_t *out;
  if (r * c == 0)
    r = 0, c = n_runs;
  else if (n_runs == 1 && r == 1)
    r = c, c = 1; /* one run: any vector */
  if (c != n_runs)
    ibmex_error(FN, "size_mismatch", "%s has %zu columns for %zu runs", what, c, n_runs);
  out = mxMalloc((r * c > 0 ? r * c : 1) * sizeof *out);
  for (i = 0; i < r * c; i++) {
    if (!(p[i] >= 1 && p[i] <= (double) n && p[i] == floor(p[i])))
      ibmex_error(FN, "invalid_index", "%s(%zu) = %g is not a row of X", what, i + 1, p[i]);
    out[i] = (size_t) p[i] - 1;
  }
  *m = r;
  return out;
}

/* X and y, shared by every run. */
static void parse_rows(const mxArray **args, parsed_data *pd, const double **X,
                       const size_t **y)
{
  size_t ny, i, max_label = 0;
  memset(pd, 0, sizeof *pd);
  *X = ibmex_matrix(args[0], FN, "X", &pd->n, &pd->d);
  *y = ibmex_index_vector(args[1], FN, "y", 0, &ny);
  if (ny != pd->n)
    ibmex_error(FN, "size_mismatch", "y has %zu labels for %zu rows of X", ny, pd->n);
  for (i = 0; i < ny; i++)
    if ((*y)[i] > max_label)
      max_label = (*y)[i];
  pd->n_classes = max_label + 1;
}

/* Each run's data: the rows, and its split from train_idx and test_idx. */
static void parse_splits(const mxArray **args, const double *X, const size_t *y,
                         size_t n_runs, parsed_data *pd)
{
  size_t i, n_train, n_test, n_mi = 0, *train, *test, *mi = NULL;
  const mxArray *mi_rows = ibmex_field(args[4], "mi_rows");
  train = index_columns(args[2], "train_idx", pd->n, n_runs, &n_train);
  test = index_columns(args[3], "test_idx", pd->n, n_runs, &n_test);
  if (mi_rows && !mxIsEmpty(mi_rows)) {
    mi = index_columns(mi_rows, "mi_rows", pd->n, n_runs, &n_mi);
    if (n_mi == 0)
      ibmex_error(FN, "invalid_option", "mi_rows must name at least one row");
  }
  pd->n_runs = n_runs;
  pd->runs = mxMalloc(n_runs * sizeof *pd->runs);
  for (i = 0; i < n_runs; i++)
    pd->runs[i] = (ib_data){X, pd->n, pd->d, y, pd->n_classes, train + i * n_train, n_train,
                            test + i * n_test, n_test, mi ? mi + i * n_mi : NULL, n_mi};
}

/* Parameters of the network in train.h's layout: W_l and b_l for each weight layer. */
static size_t count_params(const parsed_config *pc)
{
  size_t l, total = 0;
  for (l = 0; l + 1 < pc->config.n_widths; l++)
    total += (pc->widths[l] + 1) * pc->widths[l + 1];
  return total;
}

/* A network whose parameters (with the moments, the gradient, the saved epoch start and the
 * copies of the state on either side of the gateway: about 12 of them) and activations
 * (whole set and batch) for every run need more than the machine's physical memory would be
 * killed by the kernel while touching its pages rather than fail an allocation: refuse it.
 * ib_train.m checks against the memory available; this is the safety net. */
static void check_memory(const parsed_data *pd, const parsed_config *pc)
{
  size_t l, total_width = 0;
  for (l = 1; l < pc->config.n_widths; l++)
    total_width += pc->widths[l];
  double bytes = 8.0 * (double) pc->n_runs *
                 (12.0 * (double) count_params(pc) + 2.0 * (double) pd->n * (double) total_width);
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0 && bytes > (double) pages * (double) page)
    ibmex_error(FN, "too_large", "the runs need about %.3g GB, more than the %.3g GB of "
                "memory", bytes / 1e9, (double) pages * (double) page / 1e9);
}

/* Everything that can raise an Octave error happens before the core allocates, so that an
 * error never leaks the runs. */
static void parse_arguments(const mxArray **args, parsed_data *pd, parsed_config *pc)
{
  const double *X;
  const size_t *y;
  parse_rows(args, pd, &X, &y);
  parse_config(args[4], pd->d, pd->n_classes, pc);
  parse_splits(args, X, y, pc->n_runs, pd);
  check_memory(pd, pc);
}

static ib_runs *new_runs(const parsed_data *pd, const parsed_config *pc)
{
  ib_runs *runs = NULL;
  const char *why;
  size_t r;
  ib_status status;
  for (r = 0; r < pc->n_runs; r++) /* the core names the rule an argument breaks */
    if ((status = ib_train_check(&pc->config, &pd->runs[r], &why)) != IB_OK)
      ibmex_error(FN, status == IB_ERR_NONFINITE ? "nonfinite"
                      : status == IB_ERR_TOO_LARGE ? "too_large" : "invalid_config",
                  "run %zu: %s", r + 1, why);
  status = ib_runs_new(&runs, &pc->config, pd->runs, pc->seeds, pc->n_runs);
  if (status != IB_OK)
    ibmex_status_error(FN, status, "setting up the networks");
  return runs;
}

/* The states of all runs, in arrays from mxMalloc. */
typedef struct {
  ib_train_state *runs;
  size_t n_runs, n_params;
} states;

static void states_alloc(states *s, size_t n_runs, size_t n_params)
{
  size_t r;
  s->n_runs = n_runs;
  s->n_params = n_params;
  s->runs = mxCalloc(n_runs, sizeof *s->runs);
  for (r = 0; r < n_runs; r++) {
    s->runs[r].n_params = n_params;
    s->runs[r].params = mxMalloc((n_params ? n_params : 1) * sizeof(double));
    s->runs[r].moment1 = mxMalloc((n_params ? n_params : 1) * sizeof(double));
    s->runs[r].moment2 = mxMalloc((n_params ? n_params : 1) * sizeof(double));
  }
}

static void states_get(ib_runs *runs, states *s)
{
  size_t r;
  for (r = 0; r < s->n_runs; r++)
    ib_trainer_get_state(ib_runs_trainer(runs, r), &s->runs[r]);
}

static mxArray *states_to_struct(const states *s)
{
  static const char *fields[] = {"params", "moment1", "moment2", "step", "rng", "epoch"};
  mxArray *out = mxCreateStructMatrix(1, 1, 6, fields);
  mxArray *vec[3], *step, *rng;
  size_t r, k, np = s->n_params, R = s->n_runs;
  for (k = 0; k < 3; k++)
    vec[k] = mxCreateDoubleMatrix(np, R, mxREAL);
  step = mxCreateDoubleMatrix(1, R, mxREAL);
  rng = mxCreateNumericMatrix(4, R, mxUINT64_CLASS, mxREAL);
  for (r = 0; r < R; r++) {
    const ib_train_state *st = &s->runs[r];
    memcpy(mxGetPr(vec[0]) + r * np, st->params, np * sizeof(double));
    memcpy(mxGetPr(vec[1]) + r * np, st->moment1, np * sizeof(double));
    memcpy(mxGetPr(vec[2]) + r * np, st->moment2, np * sizeof(double));
    mxGetPr(step)[r] = (double) st->step;
    memcpy((uint64_t *) mxGetData(rng) + 4 * r, st->rng, sizeof st->rng);
  }
  mxSetField(out, 0, "params", vec[0]);
  mxSetField(out, 0, "moment1", vec[1]);
  mxSetField(out, 0, "moment2", vec[2]);
  mxSetField(out, 0, "step", step);
  mxSetField(out, 0, "rng", rng);
  mxSetField(out, 0, "epoch", mxCreateDoubleScalar((double) s->runs[0].epoch));
  return out;
}

static void struct_to_states(const mxArray *s, states *out)
{
  static const char *vectors[] = {"params", "moment1", "moment2"};
  const mxArray *f;
  const uint64_t *rng;
  const double *p[3], *step;
  size_t r, c, k, run, np = out->n_params, R = out->n_runs;
  double epoch;
  if (!mxIsStruct(s))
    ibmex_error(FN, "invalid_state", "state must be a struct");
  for (k = 0; k < 3; k++) {
    p[k] = ibmex_matrix(ibmex_field(s, vectors[k]), FN, vectors[k], &r, &c);
    if (r != np || c != R)
      ibmex_error(FN, "invalid_state", "state.%s is %zu x %zu, the runs need %zu x %zu",
                  vectors[k], r, c, np, R);
  }
  step = ibmex_matrix(ibmex_field(s, "step"), FN, "step", &r, &c);
  if (r * c != R)
    ibmex_error(FN, "invalid_state", "state.step must hold %zu values", R);
  f = ibmex_field(s, "rng");
  if (!f || !mxIsUint64(f) || mxGetNumberOfElements(f) != 4 * R)
    ibmex_error(FN, "invalid_state", "state.rng must be 4 x %zu uint64 values", R);
  rng = mxGetData(f);
  epoch = whole_number(ibmex_scalar(ibmex_field(s, "epoch"), FN, "epoch"), "invalid_state",
                       "state.epoch", 0);
  for (run = 0; run < R; run++) {
    ib_train_state *st = &out->runs[run];
    for (k = 0; k < 3; k++)
      memcpy(k == 0 ? st->params : k == 1 ? st->moment1 : st->moment2, p[k] + run * np,
             np * sizeof(double));
    memcpy(st->rng, rng + 4 * run, sizeof st->rng);
    if ((st->rng[0] | st->rng[1] | st->rng[2] | st->rng[3]) == 0)
      ibmex_error(FN, "invalid_state", "state.rng of run %zu must not be all zero", run + 1);
    st->step = (uint64_t) whole_number(step[run], "invalid_state", "state.step", 0);
    st->epoch = (uint64_t) epoch;
  }
}

static void op_init(int nrhs, const mxArray **prhs, mxArray **plhs)
{
  parsed_data pd;
  parsed_config pc;
  states st;
  ib_runs *runs;
  if (nrhs != 5)
    ibmex_error(FN, "invalid_call", "init takes X, y, train_idx, test_idx, config");
  parse_arguments(prhs, &pd, &pc);
  states_alloc(&st, pc.n_runs, count_params(&pc));
  runs = new_runs(&pd, &pc);
  states_get(runs, &st);
  ib_runs_delete(runs);
  plhs[0] = states_to_struct(&st);
}

/* The histories of all runs: one block of arrays per run, from mxCalloc. */
typedef struct {
  ib_history *runs;
  size_t n_runs, n_layers, n_est;
} histories;

static void histories_alloc(histories *h, size_t n_runs, size_t capacity, size_t n_layers,
                            size_t n_est)
{
  size_t r, k;
  const size_t cap = capacity ? capacity : 1;
  const size_t cube = cap * n_layers * (n_est ? n_est : 1), grads = cap * n_layers;
  h->n_runs = n_runs, h->n_layers = n_layers, h->n_est = n_est;
  h->runs = mxCalloc(n_runs, sizeof *h->runs);
  for (r = 0; r < n_runs; r++) {
    ib_history *hr = &h->runs[r];
    double **vectors[] = {&hr->epoch, &hr->loss_train, &hr->loss_test, &hr->acc_train,
                          &hr->acc_test};
    double **cubes[] = {&hr->ixt, &hr->ity, &hr->ixt_lower, &hr->ity_lower};
    double **norms[] = {&hr->grad_mean_norm, &hr->grad_std_norm, &hr->weight_norm};
    hr->capacity = capacity;
    for (k = 0; k < 5; k++)
      *vectors[k] = mxCalloc(cap, sizeof(double));
    for (k = 0; k < 4; k++)
      *cubes[k] = mxCalloc(cube, sizeof(double));
    for (k = 0; k < 3; k++)
      *norms[k] = mxCalloc(grads, sizeof(double));
  }
}

/* out (count x inner x R) from each run's capacity-strided rows of `inner` columns. */
static mxArray *gather(const histories *h, size_t field_offset, size_t inner, int cube_dims)
{
  const size_t R = h->n_runs, count = h->runs[0].count, cap = h->runs[0].capacity;
  mwSize dims[4] = {(mwSize) count, (mwSize) h->n_layers, (mwSize) h->n_est, (mwSize) R};
  mxArray *a;
  size_t r, m, i;
  if (cube_dims == 4)
    a = mxCreateNumericArray(4, dims, mxDOUBLE_CLASS, mxREAL);
  else if (cube_dims == 3) {
    dims[2] = (mwSize) R;
    a = mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL);
  } else {
    a = mxCreateDoubleMatrix(count, R, mxREAL);
  }
  double *out = mxGetPr(a);
  for (r = 0; r < R; r++) {
    const double *in = *(const double **) ((const char *) &h->runs[r] + field_offset);
    for (m = 0; m < inner; m++)
      for (i = 0; i < count; i++)
        out[i + count * (m + inner * r)] = in[i + cap * m];
  }
  return a;
}

static mxArray *histories_to_struct(const histories *h)
{
  static const char *fields[] = {"epoch", "loss_train", "loss_test", "acc_train", "acc_test",
                                 "IXT", "ITY", "IXT_lower", "ITY_lower", "grad_mean_norm",
                                 "grad_std_norm", "weight_norm"};
  const size_t offsets[] = {
      offsetof(ib_history, epoch), offsetof(ib_history, loss_train),
      offsetof(ib_history, loss_test), offsetof(ib_history, acc_train),
      offsetof(ib_history, acc_test), offsetof(ib_history, ixt), offsetof(ib_history, ity),
      offsetof(ib_history, ixt_lower), offsetof(ib_history, ity_lower),
      offsetof(ib_history, grad_mean_norm), offsetof(ib_history, grad_std_norm),
      offsetof(ib_history, weight_norm)};
  const size_t count = h->runs[0].count;
  mxArray *s = mxCreateStructMatrix(1, 1, 12, fields);
  size_t k;
  mxSetField(s, 0, "epoch", ibmex_new_matrix(count, 1, h->runs[0].epoch));
  for (k = 1; k < 5; k++)
    mxSetField(s, 0, fields[k], gather(h, offsets[k], 1, 2));
  for (k = 5; k < 9; k++)
    mxSetField(s, 0, fields[k], gather(h, offsets[k], h->n_layers * h->n_est, 4));
  for (k = 9; k < 12; k++)
    mxSetField(s, 0, fields[k], gather(h, offsets[k], h->n_layers, 3));
  return s;
}

static void op_run(int nlhs, int nrhs, const mxArray **prhs, mxArray **plhs)
{
  parsed_data pd;
  parsed_config pc;
  states st;
  histories hist;
  ib_runs *runs;
  ib_status status = IB_OK;
  size_t n_mi, i, r, c, capacity = 0, failed = 0;
  uint64_t stop_epoch, *mi_epochs, epoch;
  double seconds, stop;
  const double *p;

  if (nrhs != 9)
    ibmex_error(FN, "invalid_call",
                "run takes X, y, train_idx, test_idx, config, state, stop_epoch, seconds, "
                "mi_epochs");
  parse_arguments(prhs, &pd, &pc);
  states_alloc(&st, pc.n_runs, count_params(&pc));
  struct_to_states(prhs[5], &st);
  epoch = st.runs[0].epoch;
  stop = ibmex_scalar(prhs[6], FN, "stop_epoch");
  seconds = ibmex_scalar(prhs[7], FN, "seconds");
  if (!(stop >= 0 && stop == floor(stop) && stop < 1e15))
    ibmex_error(FN, "invalid_option", "stop_epoch must be a non-negative integer");
  stop_epoch = (uint64_t) stop;
  p = ibmex_matrix(prhs[8], FN, "mi_epochs", &r, &c);
  n_mi = r * c;
  mi_epochs = mxMalloc((n_mi ? n_mi : 1) * sizeof *mi_epochs);
  for (i = 0; i < n_mi; i++) {
    if (!(p[i] >= 0 && p[i] == floor(p[i]) && p[i] < 1e15) || (i && p[i] <= p[i - 1]))
      ibmex_error(FN, "invalid_option", "mi_epochs must be increasing non-negative integers");
    mi_epochs[i] = (uint64_t) p[i];
    if (mi_epochs[i] > epoch && mi_epochs[i] <= stop_epoch)
      capacity++;
  }
  /* an MI epoch 0 of a fresh run is the untrained network */
  capacity += epoch == 0 && n_mi > 0 && mi_epochs[0] == 0;
  histories_alloc(&hist, pc.n_runs, capacity, pc.config.n_widths - 1,
                  pc.config.n_estimators);

  runs = new_runs(&pd, &pc);
  for (r = 0; r < pc.n_runs && status == IB_OK; r++)
    if ((status = ib_trainer_set_state(ib_runs_trainer(runs, r), &st.runs[r])) != IB_OK)
      failed = r;
  if (status == IB_OK)
    status = ib_runs_train(runs, stop_epoch, seconds, mi_epochs, n_mi, hist.runs,
                           pc.n_threads, ibmex_interrupt_pending, NULL, &failed);
  states_get(runs, &st);
  ib_runs_delete(runs);
  if (status == IB_ERR_INTERRUPTED) {
    /* consumed here: ib_train.m receives everything and stops the call itself */
    ibmex_consume_interrupt();
  } else if (status != IB_OK) {
    char what[200];
    snprintf(what, sizeof what, "run %zu (seed %llu), after epoch %llu%s", failed + 1,
             (unsigned long long) pc.seeds[failed], (unsigned long long) st.runs[failed].epoch,
             status == IB_ERR_ARG ? " (an estimator could not take the layer activations)"
                                  : "");
    ibmex_status_error(FN, status, what);
  }
  plhs[0] = states_to_struct(&st);
  if (nlhs > 1)
    plhs[1] = histories_to_struct(&hist);
  if (nlhs > 2)
    plhs[2] = mxCreateLogicalScalar(status == IB_ERR_INTERRUPTED);
}

static void op_permutation(int nrhs, const mxArray **prhs, mxArray **plhs)
{
  double n_d, *out;
  size_t n, i, *perm;
  ib_rng rng;
  if (nrhs != 3)
    ibmex_error(FN, "invalid_call", "permutation takes n, seed");
  n_d = ibmex_scalar(prhs[1], FN, "n");
  if (!(n_d >= 0 && n_d == floor(n_d) && n_d < 1e12))
    ibmex_error(FN, "invalid_option", "n must be a non-negative integer");
  n = (size_t) n_d;
  /* a stream of its own, so the split does not share draws with the initialisation */
  ib_rng_seed(&rng, (uint64_t) whole_number(ibmex_scalar(prhs[2], FN, "seed"), "invalid_option",
                                            "seed", 0) ^ 0x5851F42D4C957F2DULL);
  perm = mxMalloc((n ? n : 1) * sizeof *perm);
  for (i = 0; i < n; i++)
    perm[i] = i;
  ib_rng_shuffle(&rng, perm, n);
  plhs[0] = mxCreateDoubleMatrix(n, 1, mxREAL);
  out = mxGetPr(plhs[0]);
  for (i = 0; i < n; i++)
    out[i] = (double) (perm[i] + 1);
}

/* The order of one epoch's minibatches, as the core draws it: idx shuffled with the RNG
 * state rng (4 uint64), and the state after the draw (for reference implementations). */
static void op_shuffle(int nrhs, const mxArray **prhs, mxArray **plhs)
{
  size_t n, i, *order;
  const mxArray *s;
  ib_rng rng;
  double *out;
  if (nrhs != 3)
    ibmex_error(FN, "invalid_call", "shuffle takes idx, rng");
  order = ibmex_index_vector(prhs[1], FN, "idx", 0, &n);
  s = prhs[2];
  if (!mxIsUint64(s) || mxGetNumberOfElements(s) != 4)
    ibmex_error(FN, "invalid_state", "rng must be 4 uint64 values");
  memcpy(rng.s, mxGetData(s), sizeof rng.s);
  ib_rng_shuffle(&rng, order, n);
  plhs[0] = mxCreateDoubleMatrix(n, 1, mxREAL);
  out = mxGetPr(plhs[0]);
  for (i = 0; i < n; i++)
    out[i] = (double) order[i];
  plhs[1] = mxCreateNumericMatrix(4, 1, mxUINT64_CLASS, mxREAL);
  memcpy(mxGetData(plhs[1]), rng.s, sizeof rng.s);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  char *op;
  if (nrhs < 1)
    ibmex_error(FN, "invalid_call", "missing operation");
  op = ibmex_string(prhs[0], FN, "operation");
  if (strcmp(op, "init") == 0)
    op_init(nrhs - 1, prhs + 1, plhs);
  else if (strcmp(op, "run") == 0)
    op_run(nlhs, nrhs - 1, prhs + 1, plhs);
  else if (strcmp(op, "permutation") == 0)
    op_permutation(nrhs, prhs, plhs);
  else if (strcmp(op, "shuffle") == 0)
    op_shuffle(nrhs, prhs, plhs);
  else
    ibmex_error(FN, "invalid_call", "unknown operation '%s'", op);
}
