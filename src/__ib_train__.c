/* __ib_train__.c - gateway of ib_train: converts arrays and options, calls the training
 * core for one chunk of epochs, and hands the whole state back so that ib_train.m can show
 * progress, stop on Ctrl-C without losing anything and resume.
 *
 *   state = __ib_train__ ("init", X, y, train_idx, test_idx, config)
 *   [state, hist] = __ib_train__ ("run", X, y, train_idx, test_idx, config, state,
 *                                 stop_epoch, seconds, mi_epochs)
 *   perm = __ib_train__ ("permutation", n, seed)
 *
 * X is n x d; y holds labels 0..C-1; train_idx/test_idx are 1-based row indices; config is
 * a struct (widths, activation, optimizer, learning_rate, momentum, beta1, beta2, epsilon,
 * batch_size, seed, estimators: struct array of estimator options, layer_range: 2 x L or []).
 * state has fields params, moment1, moment2 (column vectors), step, epoch (doubles) and rng
 * (1 x 4 uint64). hist has epoch, loss_train, loss_test, acc_train, acc_test (k x 1) and
 * IXT, ITY, IXT_lower, ITY_lower (k x L x number of estimators). */
#define _POSIX_C_SOURCE 200809L  /* sysconf */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "mexutil.h"

static const char *FN = "ib_train";

typedef struct {
  size_t *widths;
  ib_mi_options *estimators;
  double *layer_range;
  ib_train_config config;
  uint64_t seed;
} parsed_config;

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

static void parse_config(const mxArray *cfg, size_t d, size_t n_classes, parsed_config *pc)
{
  const mxArray *f;
  size_t r, c, i, n_hidden, n_est;
  const double *p;
  char *name;

  if (!mxIsStruct(cfg))
    ibmex_error(FN, "invalid_config", "config must be a struct");
  memset(pc, 0, sizeof *pc);

  f = ibmex_field(cfg, "layers");
  p = ibmex_matrix(f, FN, "layers", &r, &c);
  n_hidden = r * c;
  pc->widths = mxMalloc((n_hidden + 2) * sizeof *pc->widths);
  pc->widths[0] = d;
  for (i = 0; i < n_hidden; i++) {
    if (!(p[i] >= 1 && p[i] == floor(p[i]) && p[i] < 1e9))
      ibmex_error(FN, "invalid_option", "layer widths must be positive integers");
    pc->widths[i + 1] = (size_t) p[i];
  }
  pc->widths[n_hidden + 1] = n_classes;
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
  pc->seed = (uint64_t) whole_number(config_scalar(cfg, "seed"), "invalid_option", "seed", 0);

  f = ibmex_field(cfg, "estimators");
  n_est = f ? mxGetNumberOfElements(f) : 0;
  if (f && !mxIsStruct(f))
    ibmex_error(FN, "invalid_config", "estimators must be a struct array");
  pc->estimators = mxMalloc((n_est ? n_est : 1) * sizeof *pc->estimators);
  for (i = 0; i < n_est; i++) {
    /* ibmex_mi_options reads element 0: hand it a one-element copy of element i */
    mxArray *one = mxCreateStructMatrix(1, 1, 0, NULL);
    int k, nf = mxGetNumberOfFields(f);
    for (k = 0; k < nf; k++) {
      const char *fname = mxGetFieldNameByNumber(f, k);
      const mxArray *v = mxGetFieldByNumber(f, i, k);
      mxAddField(one, fname);
      if (v)
        mxSetField(one, 0, fname, mxDuplicateArray(v));
    }
    ibmex_mi_options(one, FN, &pc->estimators[i]);
    mxDestroyArray(one);
  }
  pc->config.estimators = pc->estimators;
  pc->config.n_estimators = n_est;

  f = ibmex_field(cfg, "layer_range");
  if (f && !mxIsEmpty(f)) {
    p = ibmex_matrix(f, FN, "layer_range", &r, &c);
    if (r != 2 || c != n_hidden + 1)
      ibmex_error(FN, "invalid_config", "layer_range must be 2 x %zu", n_hidden + 1);
    pc->layer_range = mxMalloc(r * c * sizeof *pc->layer_range);
    memcpy(pc->layer_range, p, r * c * sizeof *p);
    pc->config.layer_range = pc->layer_range;
  }
}

/* Reads the data arguments (X, y, train_idx, test_idx) into an ib_data. */
static void parse_data(const mxArray **args, ib_data *data)
{
  size_t ny, i, max_label = 0;
  memset(data, 0, sizeof *data);
  data->X = ibmex_matrix(args[0], FN, "X", &data->n, &data->d);
  data->y = ibmex_index_vector(args[1], FN, "y", 0, &ny);
  if (ny != data->n)
    ibmex_error(FN, "size_mismatch", "y has %zu labels for %zu rows of X", ny, data->n);
  for (i = 0; i < ny; i++)
    if (data->y[i] > max_label)
      max_label = data->y[i];
  data->n_classes = max_label + 1;
  data->train_idx = ibmex_index_vector(args[2], FN, "train_idx", 1, &data->n_train);
  data->test_idx = ibmex_index_vector(args[3], FN, "test_idx", 1, &data->n_test);
}

/* Parameters of the network in train.h's layout: W_l and b_l for each weight layer. */
static size_t count_params(const parsed_config *pc)
{
  size_t l, total = 0;
  for (l = 0; l + 1 < pc->config.n_widths; l++)
    total += (pc->widths[l] + 1) * pc->widths[l + 1];
  return total;
}

static mxArray *state_to_struct(const ib_train_state *st)
{
  static const char *fields[] = {"params", "moment1", "moment2", "step", "rng", "epoch"};
  mxArray *s = mxCreateStructMatrix(1, 1, 6, fields);
  mxArray *rng = mxCreateNumericMatrix(1, 4, mxUINT64_CLASS, mxREAL);
  memcpy(mxGetData(rng), st->rng, sizeof st->rng);
  mxSetField(s, 0, "params", ibmex_new_matrix(st->n_params, 1, st->params));
  mxSetField(s, 0, "moment1", ibmex_new_matrix(st->n_params, 1, st->moment1));
  mxSetField(s, 0, "moment2", ibmex_new_matrix(st->n_params, 1, st->moment2));
  mxSetField(s, 0, "step", mxCreateDoubleScalar((double) st->step));
  mxSetField(s, 0, "rng", rng);
  mxSetField(s, 0, "epoch", mxCreateDoubleScalar((double) st->epoch));
  return s;
}

static void struct_to_state(const mxArray *s, size_t n_params, ib_train_state *st)
{
  static const char *vectors[] = {"params", "moment1", "moment2"};
  double *targets[3];
  const mxArray *f;
  size_t r, c;
  int k;
  if (!mxIsStruct(s))
    ibmex_error(FN, "invalid_state", "state must be a struct");
  st->n_params = n_params;
  targets[0] = st->params = mxMalloc(n_params * sizeof(double));
  targets[1] = st->moment1 = mxMalloc(n_params * sizeof(double));
  targets[2] = st->moment2 = mxMalloc(n_params * sizeof(double));
  for (k = 0; k < 3; k++) {
    const double *p = ibmex_matrix(ibmex_field(s, vectors[k]), FN, vectors[k], &r, &c);
    if (r * c != n_params)
      ibmex_error(FN, "invalid_state", "state.%s has %zu values, the network has %zu",
                  vectors[k], r * c, n_params);
    memcpy(targets[k], p, n_params * sizeof(double));
  }
  f = ibmex_field(s, "rng");
  if (!f || !mxIsUint64(f) || mxGetNumberOfElements(f) != 4)
    ibmex_error(FN, "invalid_state", "state.rng must be 4 uint64 values");
  memcpy(st->rng, mxGetData(f), sizeof st->rng);
  if ((st->rng[0] | st->rng[1] | st->rng[2] | st->rng[3]) == 0)
    ibmex_error(FN, "invalid_state", "state.rng must not be all zero");
  st->step = (uint64_t) whole_number(ibmex_scalar(ibmex_field(s, "step"), FN, "step"),
                                     "invalid_state", "state.step", 0);
  st->epoch = (uint64_t) whole_number(ibmex_scalar(ibmex_field(s, "epoch"), FN, "epoch"),
                                      "invalid_state", "state.epoch", 0);
}

/* A network whose parameters (with the moments, the gradient and the copies of the state on
 * either side of the gateway: about 10 of them) and activations (whole set and batch) need
 * more than the machine's physical memory would be killed by the kernel while touching its
 * pages rather than fail an allocation: refuse it. ib_train.m checks against the memory
 * available; this is the safety net. */
static void check_memory(const ib_data *data, const parsed_config *pc)
{
  size_t l, total_width = 0;
  for (l = 1; l < pc->config.n_widths; l++)
    total_width += pc->widths[l];
  double bytes = 8.0 * (10.0 * (double) count_params(pc)
                        + 2.0 * (double) data->n * (double) total_width);
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0 && bytes > (double) pages * (double) page)
    ibmex_error(FN, "too_large", "the network needs about %.3g GB, more than the %.3g GB of "
                "memory", bytes / 1e9, (double) pages * (double) page / 1e9);
}

/* Everything that can raise an Octave error happens before the core allocates, so that an
 * error never leaks the trainer. */
static void parse_arguments(const mxArray **args, ib_data *data, parsed_config *pc)
{
  parse_data(args, data);
  parse_config(args[4], data->d, data->n_classes, pc);
  check_memory(data, pc);
}

static ib_trainer *create_trainer(const ib_data *data, const parsed_config *pc)
{
  ib_trainer *trainer = NULL;
  ib_status status = ib_trainer_create(&trainer, &pc->config, data, pc->seed);
  if (status != IB_OK)
    ibmex_status_error(FN, status, "setting up the network");
  return trainer;
}

static void op_init(int nrhs, const mxArray **prhs, mxArray **plhs)
{
  ib_data data;
  parsed_config pc;
  ib_train_state st;
  ib_trainer *trainer;
  size_t n_params;
  if (nrhs != 5)
    ibmex_error(FN, "invalid_call", "init takes X, y, train_idx, test_idx, config");
  parse_arguments(prhs, &data, &pc);
  trainer = create_trainer(&data, &pc);
  n_params = ib_trainer_n_params(trainer);
  st.params = mxMalloc(n_params * sizeof(double));
  st.moment1 = mxMalloc(n_params * sizeof(double));
  st.moment2 = mxMalloc(n_params * sizeof(double));
  ib_trainer_get_state(trainer, &st);
  ib_trainer_free(trainer);
  plhs[0] = state_to_struct(&st);
}

static mxArray *history_to_struct(const ib_history *h, size_t n_layers, size_t n_est)
{
  static const char *fields[] = {"epoch", "loss_train", "loss_test", "acc_train", "acc_test",
                                 "IXT", "ITY", "IXT_lower", "ITY_lower"};
  const double *vectors[] = {h->epoch, h->loss_train, h->loss_test, h->acc_train, h->acc_test};
  const double *cubes[] = {h->ixt, h->ity, h->ixt_lower, h->ity_lower};
  mxArray *s = mxCreateStructMatrix(1, 1, 9, fields);
  mwSize dims[3] = {(mwSize) h->count, (mwSize) n_layers, (mwSize) n_est};
  size_t k, r, m;
  for (k = 0; k < 5; k++)
    mxSetField(s, 0, fields[k], ibmex_new_matrix(h->count, 1, vectors[k]));
  for (k = 0; k < 4; k++) {
    mxArray *a = mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL);
    double *out = mxGetPr(a);
    /* the history's rows are `capacity` apart; keep only the `count` filled ones */
    for (m = 0; m < n_layers * n_est; m++)
      for (r = 0; r < h->count; r++)
        out[r + h->count * m] = cubes[k][r + h->capacity * m];
    mxSetField(s, 0, fields[5 + k], a);
  }
  return s;
}

static void op_run(int nlhs, int nrhs, const mxArray **prhs, mxArray **plhs)
{
  ib_data data;
  parsed_config pc;
  ib_train_state st;
  ib_trainer *trainer;
  ib_history hist;
  ib_status status;
  size_t n_layers, n_est, n_mi, i, capacity = 0, cells;
  uint64_t stop_epoch, *mi_epochs;
  double seconds, stop;
  const double *p;
  size_t r, c;
  double **arrays[] = {&hist.epoch, &hist.loss_train, &hist.loss_test, &hist.acc_train,
                       &hist.acc_test, &hist.ixt, &hist.ity, &hist.ixt_lower, &hist.ity_lower};

  if (nrhs != 9)
    ibmex_error(FN, "invalid_call",
                "run takes X, y, train_idx, test_idx, config, state, stop_epoch, seconds, "
                "mi_epochs");
  parse_arguments(prhs, &data, &pc);
  struct_to_state(prhs[5], count_params(&pc), &st);
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
    if (mi_epochs[i] > st.epoch && mi_epochs[i] <= stop_epoch)
      capacity++;
  }
  /* an MI epoch 0 of a fresh run is the untrained network */
  int at_start = st.epoch == 0 && n_mi > 0 && mi_epochs[0] == 0;
  capacity += at_start;

  n_layers = pc.config.n_widths - 1;
  n_est = pc.config.n_estimators;
  cells = (capacity ? capacity : 1) * (n_layers * (n_est ? n_est : 1));
  memset(&hist, 0, sizeof hist);
  hist.capacity = capacity;
  for (i = 0; i < 9; i++)
    *arrays[i] = mxCalloc(i < 5 ? (capacity ? capacity : 1) : cells, sizeof(double));

  trainer = create_trainer(&data, &pc);
  status = ib_trainer_set_state(trainer, &st);
  if (status == IB_OK && at_start)
    status = ib_trainer_evaluate(trainer, &hist);
  if (status == IB_OK)
    status = ib_trainer_run(trainer, stop_epoch, seconds, mi_epochs, n_mi, &hist);
  if (status != IB_OK) {
    char what[160];
    ib_trainer_get_state(trainer, &st);
    ib_trainer_free(trainer);
    snprintf(what, sizeof what, "epoch %llu%s", (unsigned long long) st.epoch,
             status == IB_ERR_ARG ? " (an estimator could not take the layer activations)"
                                  : "");
    ibmex_status_error(FN, status, what);
  }
  ib_trainer_get_state(trainer, &st);
  ib_trainer_free(trainer);
  plhs[0] = state_to_struct(&st);
  if (nlhs > 1)
    plhs[1] = history_to_struct(&hist, n_layers, n_est);
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
  else
    ibmex_error(FN, "invalid_call", "unknown operation '%s'", op);
}
