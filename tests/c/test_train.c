/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_train.c - the training loop: validation with the right status, reproducibility (same
 * seed bit-identical, other seed different, chunked and resumed runs identical to one run),
 * learning a separable task, the history (its rows, full history, empty test set, the MI
 * bounds of the binning estimator, per-layer ranges), time budget and divergence. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "net.h"
#include "rng.h"
#include "train.h"

static int quick(void)
{
  return getenv("IB_TEST_QUICK") != NULL;
}

/* XOR of two signs: four noisy blobs at (+-1, +-1), label 1 where the signs differ. */
typedef struct {
  size_t n, d;
  double *X;
  size_t *y, *train, *test;
  size_t n_train, n_test;
} task;

static void make_xor(task *t, size_t n, double noise, uint64_t seed)
{
  ib_rng rng;
  ib_rng_seed(&rng, seed);
  t->n = n, t->d = 2;
  t->X = malloc(n * 2 * sizeof *t->X);
  t->y = malloc(n * sizeof *t->y);
  t->train = malloc(n * sizeof *t->train);
  t->test = malloc(n * sizeof *t->test);
  for (size_t i = 0; i < n; i++) {
    double sx = (i & 1) ? 1 : -1, sy = (i & 2) ? 1 : -1;
    t->X[i] = sx + noise * ib_rng_normal(&rng);
    t->X[n + i] = sy + noise * ib_rng_normal(&rng);
    t->y[i] = sx != sy;
  }
  t->n_train = n * 3 / 4;
  t->n_test = n - t->n_train;
  for (size_t i = 0; i < t->n_train; i++)
    t->train[i] = i;
  for (size_t i = 0; i < t->n_test; i++)
    t->test[i] = t->n_train + i;
}

static void free_task(task *t)
{
  free(t->X);
  free(t->y);
  free(t->train);
  free(t->test);
}

static ib_data data_of(const task *t)
{
  ib_data d = {t->X, t->n, t->d, t->y, 2, t->train, t->n_train, t->test, t->n_test, NULL, 0};
  return d;
}

static ib_train_config adam_config(const size_t *widths, size_t n_widths)
{
  ib_train_config c;
  memset(&c, 0, sizeof c);
  c.widths = widths;
  c.n_widths = n_widths;
  c.activation = IB_ACT_TANH;
  c.optimizer = IB_OPT_ADAM;
  c.learning_rate = 0.01;
  c.beta1 = 0.9;
  c.beta2 = 0.999;
  c.epsilon = 1e-8;
  c.batch_size = 32;
  return c;
}

/* A history with its arrays, for n_layers x n_estimators. */
typedef struct {
  ib_history h;
  double *block;
} history_buffer;

static void history_alloc(history_buffer *b, size_t capacity, size_t n_layers, size_t n_est)
{
  size_t cube = capacity * n_layers * (n_est ? n_est : 1), grads = capacity * n_layers;
  size_t total = 5 * capacity + 4 * cube + 3 * grads;
  b->block = malloc(total * sizeof(double));
  for (size_t i = 0; i < total; i++)
    b->block[i] = -12345; /* so that unwritten cells show */
  double *p = b->block;
  b->h.capacity = capacity;
  b->h.count = 0;
  b->h.epoch = p, p += capacity;
  b->h.loss_train = p, p += capacity;
  b->h.loss_test = p, p += capacity;
  b->h.acc_train = p, p += capacity;
  b->h.acc_test = p, p += capacity;
  b->h.ixt = p, p += cube;
  b->h.ity = p, p += cube;
  b->h.ixt_lower = p, p += cube;
  b->h.ity_lower = p, p += cube;
  b->h.grad_mean_norm = p, p += grads;
  b->h.grad_std_norm = p, p += grads;
  b->h.weight_norm = p;
}

typedef struct {
  ib_train_state s;
  double *block;
} state_buffer;

static void state_alloc(state_buffer *b, size_t n_params)
{
  b->block = malloc(3 * n_params * sizeof(double));
  b->s.params = b->block;
  b->s.moment1 = b->block + n_params;
  b->s.moment2 = b->block + 2 * n_params;
}

static int same_state(const ib_train_state *a, const ib_train_state *b)
{
  return a->n_params == b->n_params && a->step == b->step && a->epoch == b->epoch &&
         memcmp(a->rng, b->rng, sizeof a->rng) == 0 &&
         memcmp(a->params, b->params, a->n_params * sizeof(double)) == 0 &&
         memcmp(a->moment1, b->moment1, a->n_params * sizeof(double)) == 0 &&
         memcmp(a->moment2, b->moment2, a->n_params * sizeof(double)) == 0;
}

static void test_create_rejects(void)
{
  task t;
  make_xor(&t, 40, 0.1, 1);
  ib_data data = data_of(&t);
  const size_t widths[] = {2, 4, 2};
  ib_train_config c = adam_config(widths, 3);
  ib_trainer *tr = (ib_trainer *) &c; /* must be reset to NULL on failure */

  CHECK(ib_trainer_new(&tr, &c, &data, 1) == IB_OK);
  CHECK(tr && ib_trainer_n_params(tr) == 3 * 4 + 5 * 2 && ib_trainer_n_layers(tr) == 2);
  ib_trainer_delete(tr);

  ib_train_config bad;
  ib_data bd;
  const size_t wrong_input[] = {3, 4, 2}, wrong_output[] = {2, 4, 3}, zero[] = {2, 0, 2};
  bad = c, bad.widths = wrong_input;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG && tr == NULL);
  bad = c, bad.widths = wrong_output;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  bad = c, bad.widths = zero;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  bad = c, bad.n_widths = 1;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  bad = c, bad.batch_size = 0;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  bad = c, bad.learning_rate = NAN;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  bad = c, bad.learning_rate = -1;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  bad = c, bad.activation = (ib_activation) 42;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  bad = c, bad.n_estimators = 1, bad.estimators = NULL;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  ib_mi_options unknown;
  ib_mi_options_default(&unknown, IB_EST_BIN);
  unknown.estimator = IB_EST_COUNT;
  bad = c, bad.n_estimators = 1, bad.estimators = &unknown;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_ARG);
  const size_t huge[] = {2, (size_t) 1 << 40, 2};
  bad = c, bad.widths = huge;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_ERR_TOO_LARGE);

  t.y[5] = 2; /* label outside 0..n_classes-1 */
  CHECK(ib_trainer_new(&tr, &c, &data, 1) == IB_ERR_ARG);
  t.y[5] = 1;
  t.X[7] = NAN;
  CHECK(ib_trainer_new(&tr, &c, &data, 1) == IB_ERR_NONFINITE);
  t.X[7] = INFINITY;
  CHECK(ib_trainer_new(&tr, &c, &data, 1) == IB_ERR_NONFINITE);
  t.X[7] = 0.5;
  bd = data, bd.n_train = 0;
  CHECK(ib_trainer_new(&tr, &c, &bd, 1) == IB_ERR_ARG);
  t.train[3] = t.n;
  CHECK(ib_trainer_new(&tr, &c, &data, 1) == IB_ERR_ARG);
  t.train[3] = 3;
  t.test[0] = t.n + 10;
  CHECK(ib_trainer_new(&tr, &c, &data, 1) == IB_ERR_ARG);
  t.test[0] = t.n_train;
  CHECK(ib_trainer_new(&tr, NULL, &data, 1) == IB_ERR_ARG);
  CHECK(ib_trainer_new(&tr, &c, NULL, 1) == IB_ERR_ARG);
  CHECK(ib_trainer_new(NULL, &c, &data, 1) == IB_ERR_ARG);

  /* a batch larger than the train set is one batch per epoch */
  bad = c, bad.batch_size = SIZE_MAX;
  CHECK(ib_trainer_new(&tr, &bad, &data, 1) == IB_OK);
  CHECK(ib_trainer_run(tr, 3, 0, NULL, 0, NULL) == IB_OK);
  state_buffer sb;
  state_alloc(&sb, ib_trainer_n_params(tr));
  ib_trainer_get_state(tr, &sb.s);
  CHECK(sb.s.epoch == 3 && sb.s.step == 3);
  free(sb.block);
  ib_trainer_delete(tr);
  free_task(&t);
}

/* Runs `epochs` epochs from `seed` with two estimators and records at mi_epochs. */
static void run_recorded(const task *t, uint64_t seed, uint64_t epochs, const uint64_t *mi,
                         size_t n_mi, state_buffer *sb, history_buffer *hb)
{
  const size_t widths[] = {2, 6, 4, 2};
  ib_mi_options est[2];
  ib_mi_options_default(&est[0], IB_EST_BIN);
  ib_mi_options_default(&est[1], IB_EST_BIN);
  est[1].bins = 8;
  est[1].range_lo = -1;
  est[1].range_hi = 1;
  ib_train_config c = adam_config(widths, 4);
  c.estimators = est;
  c.n_estimators = 2;
  ib_data data = data_of(t);
  ib_trainer *tr;
  CHECK(ib_trainer_new(&tr, &c, &data, seed) == IB_OK);
  state_alloc(sb, ib_trainer_n_params(tr));
  history_alloc(hb, n_mi, 3, 2);
  CHECK(ib_trainer_run(tr, epochs, 0, mi, n_mi, &hb->h) == IB_OK);
  ib_trainer_get_state(tr, &sb->s);
  ib_trainer_delete(tr);
}

static void test_reproducible(void)
{
  task t;
  make_xor(&t, 120, 0.3, 2);
  const uint64_t mi[] = {1, 4, 10};
  state_buffer a, b, c;
  history_buffer ha, hb, hc;
  run_recorded(&t, 7, 10, mi, 3, &a, &ha);
  run_recorded(&t, 7, 10, mi, 3, &b, &hb);
  run_recorded(&t, 8, 10, mi, 3, &c, &hc);
  CHECK(a.s.epoch == 10 && ha.h.count == 3);
  CHECK(same_state(&a.s, &b.s));
  const size_t bytes = (5 * 3 + 4 * 3 * 3 * 2) * sizeof(double);
  CHECK(memcmp(ha.block, hb.block, bytes) == 0);
  CHECK(memcmp(a.s.params, c.s.params, a.s.n_params * sizeof(double)) != 0);
  CHECK(memcmp(a.s.rng, c.s.rng, sizeof a.s.rng) != 0);
  CHECK(memcmp(ha.h.loss_train, hc.h.loss_train, 3 * sizeof(double)) != 0);

  /* the history's rows: the epochs asked for, sane scores, the binning bounds
   * 0 <= I(T;Y) <= min(I(X;T), H(Y)) and I(X;T) <= log2(distinct inputs) */
  int sane = 1;
  for (size_t r = 0; r < 3; r++) {
    sane &= ha.h.epoch[r] == (double) mi[r];
    sane &= isfinite(ha.h.loss_train[r]) && ha.h.loss_train[r] > 0;
    sane &= ha.h.acc_train[r] >= 0 && ha.h.acc_train[r] <= 1;
    sane &= ha.h.acc_test[r] >= 0 && ha.h.acc_test[r] <= 1;
    for (size_t m = 0; m < 3 * 2; m++) {
      const size_t at = r + 3 * m;
      sane &= ha.h.ity[at] >= -1e-12 && ha.h.ity[at] <= ha.h.ixt[at] + 1e-12;
      sane &= ha.h.ity[at] <= 1 + 1e-12 && ha.h.ixt[at] <= log2(120.0) + 1e-12;
      sane &= isnan(ha.h.ixt_lower[at]) && isnan(ha.h.ity_lower[at]);
    }
  }
  CHECK(sane);
  free(a.block), free(b.block), free(c.block);
  free(ha.block), free(hb.block), free(hc.block);
  free_task(&t);
}

/* Chunks of one trainer, and a fresh trainer (other seed) given the saved state, continue
 * exactly as one uninterrupted run. */
static void test_resume(void)
{
  task t;
  make_xor(&t, 100, 0.3, 3);
  ib_data data = data_of(&t);
  const size_t widths[] = {2, 5, 2};
  ib_train_config c = adam_config(widths, 3);
  c.batch_size = 16; /* 75 rows: 4 full batches and one of 11 */
  ib_trainer *one, *chunked, *resumed;
  CHECK(ib_trainer_new(&one, &c, &data, 5) == IB_OK);
  CHECK(ib_trainer_new(&chunked, &c, &data, 5) == IB_OK);
  CHECK(ib_trainer_new(&resumed, &c, &data, 99) == IB_OK);
  const size_t np = ib_trainer_n_params(one);
  state_buffer s1, s2, s3, mid;
  state_alloc(&s1, np), state_alloc(&s2, np), state_alloc(&s3, np), state_alloc(&mid, np);

  CHECK(ib_trainer_run(one, 12, 0, NULL, 0, NULL) == IB_OK);
  CHECK(ib_trainer_run(chunked, 5, 0, NULL, 0, NULL) == IB_OK);
  ib_trainer_get_state(chunked, &mid.s);
  CHECK(mid.s.epoch == 5 && mid.s.step == 5 * 5);
  CHECK(ib_trainer_run(chunked, 12, 0, NULL, 0, NULL) == IB_OK);
  CHECK(ib_trainer_set_state(resumed, &mid.s) == IB_OK);
  CHECK(ib_trainer_run(resumed, 12, 0, NULL, 0, NULL) == IB_OK);
  ib_trainer_get_state(one, &s1.s);
  ib_trainer_get_state(chunked, &s2.s);
  ib_trainer_get_state(resumed, &s3.s);
  CHECK(s1.s.epoch == 12);
  CHECK(same_state(&s1.s, &s2.s));
  CHECK(same_state(&s1.s, &s3.s));
  /* a run to an epoch already passed does nothing */
  CHECK(ib_trainer_run(one, 3, 0, NULL, 0, NULL) == IB_OK);
  ib_trainer_get_state(one, &s2.s);
  CHECK(same_state(&s1.s, &s2.s));

  /* set_state refuses what it cannot continue from */
  ib_train_state bad = mid.s;
  bad.n_params = np + 1;
  CHECK(ib_trainer_set_state(resumed, &bad) == IB_ERR_ARG);
  bad = mid.s;
  memset(bad.rng, 0, sizeof bad.rng);
  CHECK(ib_trainer_set_state(resumed, &bad) == IB_ERR_ARG);
  bad = mid.s;
  bad.params[2] = NAN; /* (mid's own array: it is not used again) */
  CHECK(ib_trainer_set_state(resumed, &bad) == IB_ERR_NONFINITE);
  ib_trainer_get_state(resumed, &s2.s);
  CHECK(same_state(&s3.s, &s2.s)); /* a refused state leaves the trainer as it was */

  free(s1.block), free(s2.block), free(s3.block), free(mid.block);
  ib_trainer_delete(one), ib_trainer_delete(chunked), ib_trainer_delete(resumed);
  free_task(&t);
}

/* ib_trainer_train_epochs: k epochs at once are k single epochs, gradient statistics
 * included; an interrupt in a later epoch of the stretch takes the trainer back to before
 * the first, and undo takes back the whole stretch. */
static void test_stretch_of_epochs(void)
{
  task t;
  make_xor(&t, 100, 0.3, 3);
  ib_data data = data_of(&t);
  const size_t widths[] = {2, 5, 2};
  ib_train_config c = adam_config(widths, 3);
  c.batch_size = 16; /* 75 rows: 5 minibatches an epoch */
  ib_trainer *singly, *stretched;
  CHECK(ib_trainer_new(&singly, &c, &data, 8) == IB_OK);
  CHECK(ib_trainer_new(&stretched, &c, &data, 8) == IB_OK);
  const size_t np = ib_trainer_n_params(singly);
  state_buffer a, b, start;
  state_alloc(&a, np), state_alloc(&b, np), state_alloc(&start, np);
  for (int k = 0; k < 4; k++)
    CHECK(ib_trainer_train_epoch(singly, k == 3, NULL, NULL) == IB_OK);
  CHECK(ib_trainer_train_epochs(stretched, 4, 1, NULL, NULL) == IB_OK);
  ib_trainer_get_state(singly, &a.s);
  ib_trainer_get_state(stretched, &b.s);
  CHECK(a.s.epoch == 4 && same_state(&a.s, &b.s));
  history_buffer ha, hb;
  history_alloc(&ha, 1, 2, 0), history_alloc(&hb, 1, 2, 0);
  CHECK(ib_trainer_evaluate(singly, &ha.h) == IB_OK);
  CHECK(ib_trainer_evaluate(stretched, &hb.h) == IB_OK);
  CHECK(isfinite(ha.h.grad_std_norm[0]) && ha.h.grad_std_norm[0] > 0);
  CHECK(memcmp(ha.h.grad_mean_norm, hb.h.grad_mean_norm, 2 * sizeof(double)) == 0);
  CHECK(memcmp(ha.h.grad_std_norm, hb.h.grad_std_norm, 2 * sizeof(double)) == 0);

  /* stopped in the third epoch of five (after 12 of its 25 minibatches) */
  ib_trainer_get_state(stretched, &start.s);
  int left = 12;
  CHECK(ib_trainer_train_epochs(stretched, 5, 0, yes_after, &left) == IB_ERR_INTERRUPTED);
  CHECK(left < 0);
  ib_trainer_get_state(stretched, &b.s);
  CHECK(same_state(&start.s, &b.s));
  /* completed, then taken back */
  CHECK(ib_trainer_train_epochs(stretched, 5, 0, NULL, NULL) == IB_OK);
  CHECK(ib_trainer_epoch(stretched) == 9);
  ib_trainer_undo_epochs(stretched);
  ib_trainer_get_state(stretched, &b.s);
  CHECK(same_state(&start.s, &b.s));

  free(ha.block), free(hb.block);
  free(a.block), free(b.block), free(start.block);
  ib_trainer_delete(singly), ib_trainer_delete(stretched);
  free_task(&t);
}

static void test_learns_xor(void)
{
  task t;
  make_xor(&t, 400, 0.25, 4);
  ib_data data = data_of(&t);
  const size_t widths[] = {2, 8, 2};
  ib_train_config c = adam_config(widths, 3);
  ib_trainer *tr;
  CHECK(ib_trainer_new(&tr, &c, &data, 11) == IB_OK);
  history_buffer hb;
  history_alloc(&hb, 2, 2, 0);
  CHECK(ib_trainer_evaluate(tr, &hb.h) == IB_OK);
  const uint64_t last[] = {quick() ? 60 : 150};
  CHECK(ib_trainer_run(tr, last[0], 0, last, 1, &hb.h) == IB_OK);
  CHECK(hb.h.count == 2 && hb.h.epoch[0] == 0 && hb.h.epoch[1] == (double) last[0]);
  CHECK(hb.h.loss_train[1] < hb.h.loss_train[0]);
  CHECK(hb.h.acc_train[1] > 0.95);
  CHECK(hb.h.acc_test[1] > 0.9);

  /* the recorded losses are the mean cross-entropy over each split, recomputed here */
  state_buffer sb;
  state_alloc(&sb, ib_trainer_n_params(tr));
  ib_trainer_get_state(tr, &sb.s);
  ib_net net;
  CHECK(ib_net_init(&net, widths, 3, IB_ACT_TANH) == IB_OK);
  double *acts = malloc(t.n * net.total_width * sizeof *acts), *loss = malloc(t.n * sizeof *loss);
  ib_net_forward(&net, sb.s.params, t.X, t.n, t.y, acts, loss);
  double train = 0, test = 0;
  for (size_t i = 0; i < t.n_train; i++)
    train += loss[t.train[i]];
  for (size_t i = 0; i < t.n_test; i++)
    test += loss[t.test[i]];
  CHECK_CLOSE(hb.h.loss_train[1], train / t.n_train, 1e-12);
  CHECK_CLOSE(hb.h.loss_test[1], test / t.n_test, 1e-12);
  /* no room left */
  CHECK(ib_trainer_evaluate(tr, &hb.h) == IB_ERR_ARG);
  free(acts), free(loss), free(sb.block), free(hb.block);
  ib_net_clear(&net);
  ib_trainer_delete(tr);
  free_task(&t);
}

/* A full history stops the run before the epoch it cannot record; the caller continues. */
static void test_history_full_and_budget(void)
{
  task t;
  make_xor(&t, 60, 0.3, 5);
  t.n_test = 0; /* no test set: NaN scores */
  ib_data data = data_of(&t);
  const size_t widths[] = {2, 3, 2};
  ib_train_config c = adam_config(widths, 3);
  ib_trainer *tr;
  CHECK(ib_trainer_new(&tr, &c, &data, 6) == IB_OK);
  state_buffer sb;
  state_alloc(&sb, ib_trainer_n_params(tr));
  history_buffer h1, h2;
  history_alloc(&h1, 2, 2, 0);
  history_alloc(&h2, 4, 2, 0);
  const uint64_t mi[] = {0, 2, 4, 6};

  CHECK(ib_trainer_run(tr, 10, 0, mi, 4, &h1.h) == IB_OK);
  ib_trainer_get_state(tr, &sb.s);
  CHECK(sb.s.epoch == 5 && h1.h.count == 2);
  CHECK(h1.h.epoch[0] == 2 && h1.h.epoch[1] == 4); /* epoch 0 is ib_trainer_evaluate's */
  CHECK(isnan(h1.h.loss_test[0]) && isnan(h1.h.acc_test[1]) && isfinite(h1.h.loss_train[1]));
  CHECK(ib_trainer_run(tr, 10, 0, mi, 4, &h2.h) == IB_OK);
  ib_trainer_get_state(tr, &sb.s);
  CHECK(sb.s.epoch == 10 && h2.h.count == 1 && h2.h.epoch[0] == 6);
  CHECK(h2.h.epoch[1] == -12345); /* nothing beyond count written */

  /* no history at all with an MI epoch ahead: nothing to do */
  const uint64_t later[] = {11};
  CHECK(ib_trainer_run(tr, 20, 0, later, 1, NULL) == IB_OK);
  ib_trainer_get_state(tr, &sb.s);
  CHECK(sb.s.epoch == 10);
  /* unsorted epochs are refused */
  const uint64_t unsorted[] = {15, 12};
  CHECK(ib_trainer_run(tr, 20, 0, unsorted, 2, &h2.h) == IB_ERR_ARG);

  /* a spent time budget stops after the first epoch */
  CHECK(ib_trainer_run(tr, 1000, 1e-9, NULL, 0, NULL) == IB_OK);
  ib_trainer_get_state(tr, &sb.s);
  CHECK(sb.s.epoch == 11);
  free(sb.block), free(h1.block), free(h2.block);
  ib_trainer_delete(tr);
  free_task(&t);
}

/* layer_range sets each layer's binning range: all [-1, 1] is the estimator's own range
 * [-1, 1]; a NaN range is the observed one. */
static void test_layer_range(void)
{
  task t;
  make_xor(&t, 80, 0.3, 6);
  ib_data data = data_of(&t);
  const size_t widths[] = {2, 4, 3, 2};
  const uint64_t mi[] = {2, 3};
  ib_mi_options fixed, observed;
  ib_mi_options_default(&fixed, IB_EST_BIN);
  ib_mi_options_default(&observed, IB_EST_BIN);
  fixed.range_lo = -1, fixed.range_hi = 1;
  const double ranges[] = {-1, 1, -1, 1, -1, 1};
  const double nan_ranges[] = {NAN, NAN, NAN, NAN, NAN, NAN};
  const ib_mi_options *opts[] = {&fixed, &observed, &observed, &fixed};
  const double *lr[] = {NULL, ranges, NULL, nan_ranges};
  history_buffer hb[4];
  for (int k = 0; k < 4; k++) {
    ib_train_config c = adam_config(widths, 4);
    c.estimators = opts[k];
    c.n_estimators = 1;
    c.layer_range = lr[k];
    ib_trainer *tr;
    CHECK(ib_trainer_new(&tr, &c, &data, 3) == IB_OK);
    history_alloc(&hb[k], 2, 3, 1);
    CHECK(ib_trainer_run(tr, 3, 0, mi, 2, &hb[k].h) == IB_OK);
    ib_trainer_delete(tr);
  }
  const size_t bytes = (5 * 2 + 4 * 2 * 3) * sizeof(double);
  CHECK(memcmp(hb[0].block, hb[1].block, bytes) == 0);
  CHECK(memcmp(hb[2].block, hb[3].block, bytes) == 0);
  /* and the two ranges do bin differently somewhere */
  CHECK(memcmp(hb[0].h.ixt, hb[2].h.ixt, 2 * 3 * sizeof(double)) != 0);
  for (int k = 0; k < 4; k++)
    free(hb[k].block);

  const double infinite[] = {-INFINITY, 1, -1, 1, -1, 1};
  ib_train_config c = adam_config(widths, 4);
  c.estimators = &fixed;
  c.n_estimators = 1;
  c.layer_range = infinite;
  ib_trainer *tr;
  CHECK(ib_trainer_new(&tr, &c, &data, 3) == IB_ERR_ARG);
  free_task(&t);
}

/* Weights so large that the logits overflow: the run reports divergence. */
static void test_divergence(void)
{
  task t;
  make_xor(&t, 40, 0.3, 7);
  ib_data data = data_of(&t);
  const size_t widths[] = {2, 4, 2};
  ib_train_config c = adam_config(widths, 3);
  c.activation = IB_ACT_LINEAR;
  ib_trainer *tr;
  CHECK(ib_trainer_new(&tr, &c, &data, 8) == IB_OK);
  state_buffer sb;
  state_alloc(&sb, ib_trainer_n_params(tr));
  ib_trainer_get_state(tr, &sb.s);
  for (size_t k = 0; k < sb.s.n_params; k++)
    sb.s.params[k] = 1e200;
  CHECK(ib_trainer_set_state(tr, &sb.s) == IB_OK);
  CHECK(ib_trainer_run(tr, 5, 0, NULL, 0, NULL) == IB_ERR_DIVERGED);
  history_buffer hb;
  history_alloc(&hb, 1, 2, 0);
  CHECK(ib_trainer_evaluate(tr, &hb.h) == IB_ERR_DIVERGED && hb.h.count == 0);
  free(sb.block), free(hb.block);
  ib_trainer_delete(tr);

  /* sgd with an absurd step: finite weights after one step, overflow soon after */
  c.optimizer = IB_OPT_SGD;
  c.learning_rate = 1e250;
  c.momentum = 0.9;
  CHECK(ib_trainer_new(&tr, &c, &data, 8) == IB_OK);
  CHECK(ib_trainer_run(tr, 50, 0, NULL, 0, NULL) == IB_ERR_DIVERGED);
  ib_trainer_delete(tr);
  free_task(&t);
}

/* ib_train_check names the broken rule, with the status ib_trainer_new returns. */
static void test_check_messages(void)
{
  task t;
  make_xor(&t, 40, 0.1, 1);
  ib_data data = data_of(&t);
  const size_t widths[] = {2, 3, 2};
  ib_train_config c = adam_config(widths, 3);
  const char *why = "unset";
  CHECK(ib_train_check(&c, &data, &why) == IB_OK && why == NULL);
  c.learning_rate = -1;
  CHECK(ib_train_check(&c, &data, &why) == IB_ERR_ARG && strstr(why, "learning rate"));
  ib_trainer *tr;
  CHECK(ib_trainer_new(&tr, &c, &data, 1) == IB_ERR_ARG && tr == NULL);
  c = adam_config(widths, 3);
  c.output = IB_OUT_SIGMOID; /* needs a last width of 1 */
  CHECK(ib_train_check(&c, &data, &why) == IB_ERR_ARG && strstr(why, "output width"));
  c = adam_config(widths, 3);
  t.X[5] = NAN;
  CHECK(ib_train_check(&c, &data, &why) == IB_ERR_NONFINITE && strstr(why, "NaN"));
  t.X[5] = 0;
  data.train_idx = NULL;
  CHECK(ib_train_check(&c, &data, &why) == IB_ERR_ARG && strstr(why, "training row"));
  CHECK(ib_train_check(NULL, &data, NULL) == IB_ERR_ARG);
  data = data_of(&t);
  /* quantized activations: 4 or 8 bits, a finite range with lo < hi per layer; the exact
   * estimator only with them */
  c = adam_config(widths, 3);
  const double range[] = {-1, 1, 0, 1}, flat[] = {-1, 1, 1, 1};
  c.quantize_bits = 5;
  c.quantize_range = range;
  CHECK(ib_train_check(&c, &data, &why) == IB_ERR_ARG && strstr(why, "4 or 8 bits"));
  c.quantize_bits = 8;
  c.quantize_range = flat;
  CHECK(ib_train_check(&c, &data, &why) == IB_ERR_ARG && strstr(why, "lo < hi"));
  c.quantize_range = NULL;
  CHECK(ib_train_check(&c, &data, &why) == IB_ERR_ARG && strstr(why, "range per layer"));
  ib_mi_options exact;
  ib_mi_options_default(&exact, IB_EST_EXACT);
  c = adam_config(widths, 3);
  c.estimators = &exact;
  c.n_estimators = 1;
  CHECK(ib_train_check(&c, &data, &why) == IB_ERR_ARG && strstr(why, "exact estimator"));
  CHECK(ib_trainer_new(&tr, &c, &data, 1) == IB_ERR_ARG && tr == NULL);
  c.quantize_bits = 4;
  c.quantize_range = range;
  CHECK(ib_train_check(&c, &data, &why) == IB_OK);
  free_task(&t);
}

int main(void)
{
  RUN_TEST(test_check_messages);
  RUN_TEST(test_create_rejects);
  RUN_TEST(test_reproducible);
  RUN_TEST(test_resume);
  RUN_TEST(test_stretch_of_epochs);
  RUN_TEST(test_learns_xor);
  RUN_TEST(test_history_full_and_budget);
  RUN_TEST(test_layer_range);
  RUN_TEST(test_divergence);
  return CHECK_DONE();
}
