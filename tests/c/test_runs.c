/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_runs.c - many runs at once: each run bit-identical to the same run trained alone
 * whatever the number of threads; an interrupt leaves every run at the same epoch with its
 * records, and going on gives the uninterrupted result; gradient statistics of full-batch
 * training have no spread; bad calls are refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "rng.h"
#include "rowcount.h"
#include "runs.h"

enum { N = 96, D = 3, RUNS = 3, EPOCHS = 9, CAP = 4 };
static const uint64_t mi_epochs[] = {0, 2, 5, 9};
static const size_t widths[] = {D, 6, 4, 2};

typedef struct {
  double X[N * D];
  size_t y[N];
  size_t train[RUNS][N], test[RUNS][N];
  ib_data data[RUNS];
  uint64_t seeds[RUNS];
  ib_mi_options bin;
  ib_train_config config;
} fixture;

static void make_fixture(fixture *f, size_t batch)
{
  ib_rng rng;
  ib_rng_seed(&rng, 3);
  for (size_t i = 0; i < N; i++) {
    double s = 0;
    for (size_t k = 0; k < D; k++)
      s += f->X[i + k * N] = ib_rng_normal(&rng);
    f->y[i] = s > 0;
  }
  for (size_t r = 0; r < RUNS; r++) {
    /* each run its own split: 72 train rows, 24 test rows */
    size_t perm[N];
    for (size_t i = 0; i < N; i++)
      perm[i] = i;
    ib_rng_shuffle(&rng, perm, N);
    memcpy(f->train[r], perm, 72 * sizeof(size_t));
    memcpy(f->test[r], perm + 72, 24 * sizeof(size_t));
    f->data[r] = (ib_data){f->X, N, D, f->y, 2, f->train[r], 72, f->test[r], 24, NULL, 0};
    f->seeds[r] = 40 + r;
  }
  ib_mi_options_default(&f->bin, IB_EST_BIN);
  memset(&f->config, 0, sizeof f->config);
  f->config = (ib_train_config){.widths = widths, .n_widths = 4, .activation = IB_ACT_TANH,
                                .optimizer = IB_OPT_ADAM, .learning_rate = 0.01,
                                .beta1 = 0.9, .beta2 = 0.999, .epsilon = 1e-8,
                                .batch_size = batch, .estimators = &f->bin,
                                .n_estimators = 1};
}

/* The doubles of one run's history arrays (3 layers, one estimator). */
enum { BLOCK = CAP * (5 + 4 * 3 + 3 * 3) };

/* Lays h out on block (zeroed). */
static void history_layout(ib_history *h, double *block)
{
  double *p = block;
  const size_t cube = CAP * 3;
  memset(h, 0, sizeof *h);
  memset(block, 0, BLOCK * sizeof(double));
  h->capacity = CAP;
  double **vectors[] = {&h->epoch, &h->loss_train, &h->loss_test, &h->acc_train,
                        &h->acc_test};
  double **cubes[] = {&h->ixt, &h->ity, &h->ixt_lower, &h->ity_lower, &h->grad_mean_norm,
                      &h->grad_std_norm, &h->weight_norm};
  for (size_t k = 0; k < 5; k++)
    *vectors[k] = p, p += CAP;
  for (size_t k = 0; k < 7; k++)
    *cubes[k] = p, p += cube;
}

/* One run's history in one block. */
typedef struct {
  ib_history h;
  double block[BLOCK];
} history_buffer;

static void history_init(history_buffer *b)
{
  history_layout(&b->h, b->block);
}

/* Runs of the fixture with their histories, as ib_runs_train takes them. */
typedef struct {
  ib_runs *runs;
  ib_history h[RUNS];
  double block[RUNS][BLOCK];
} run_set;

static ib_status run_set_new(run_set *s, const fixture *f)
{
  for (size_t r = 0; r < RUNS; r++)
    history_layout(&s->h[r], s->block[r]);
  return ib_runs_new(&s->runs, &f->config, f->data, f->seeds, RUNS);
}

typedef struct {
  double params[64], m1[64], m2[64];
  ib_train_state s;
} state_buffer;

static void get_state(ib_trainer *t, state_buffer *b)
{
  b->s.params = b->params, b->s.moment1 = b->m1, b->s.moment2 = b->m2;
  ib_trainer_get_state(t, &b->s);
}

static int same_run(ib_trainer *a, const ib_history *ha, const double *block_a,
                    ib_trainer *b, const ib_history *hb, const double *block_b)
{
  state_buffer sa, sb;
  get_state(a, &sa);
  get_state(b, &sb);
  const size_t np = sa.s.n_params;
  return np == sb.s.n_params && sa.s.epoch == sb.s.epoch && sa.s.step == sb.s.step &&
         memcmp(sa.params, sb.params, np * sizeof(double)) == 0 &&
         memcmp(sa.m1, sb.m1, np * sizeof(double)) == 0 &&
         memcmp(sa.m2, sb.m2, np * sizeof(double)) == 0 &&
         memcmp(sa.s.rng, sb.s.rng, sizeof sa.s.rng) == 0 && ha->count == hb->count &&
         memcmp(block_a, block_b, BLOCK * sizeof(double)) == 0;
}

static void test_runs_equal_single_runs(void)
{
  fixture f;
  make_fixture(&f, 16);
  history_buffer alone[RUNS];
  ib_runs *singles[RUNS];
  for (size_t r = 0; r < RUNS; r++) {
    history_init(&alone[r]);
    CHECK(ib_runs_new(&singles[r], &f.config, &f.data[r], &f.seeds[r], 1) == IB_OK);
    CHECK(ib_runs_train(singles[r], EPOCHS, 0, mi_epochs, 4, &alone[r].h, 1, NULL, NULL,
                        NULL) == IB_OK);
    CHECK(alone[r].h.count == 4 && alone[r].h.epoch[3] == EPOCHS);
  }
  for (size_t threads = 1; threads <= 4; threads++) {
    run_set s;
    CHECK(run_set_new(&s, &f) == IB_OK);
    CHECK(ib_runs_train(s.runs, EPOCHS, 0, mi_epochs, 4, s.h, threads, NULL, NULL, NULL) ==
          IB_OK);
    for (size_t r = 0; r < RUNS; r++)
      CHECK(same_run(ib_runs_trainer(s.runs, r), &s.h[r], s.block[r],
                     ib_runs_trainer(singles[r], 0), &alone[r].h, alone[r].block));
    ib_runs_delete(s.runs);
  }
  /* the seeds matter: runs 0 and 1 differ */
  CHECK(!same_run(ib_runs_trainer(singles[0], 0), &alone[0].h, alone[0].block,
                  ib_runs_trainer(singles[1], 0), &alone[1].h, alone[1].block));
  for (size_t r = 0; r < RUNS; r++)
    ib_runs_delete(singles[r]);
}

static void test_interrupt_and_go_on(void)
{
  fixture f;
  make_fixture(&f, 16);
  run_set whole, parts;
  CHECK(run_set_new(&whole, &f) == IB_OK);
  CHECK(ib_runs_train(whole.runs, EPOCHS, 0, mi_epochs, 4, whole.h, 2, NULL, NULL, NULL) ==
        IB_OK);
  CHECK(run_set_new(&parts, &f) == IB_OK);
  /* 72 rows in batches of 16: 5 questions per run and epoch; stop in epoch 4 or so */
  int left = 5 * RUNS * 3 + 7;
  CHECK(ib_runs_train(parts.runs, EPOCHS, 0, mi_epochs, 4, parts.h, 2, yes_after, &left,
                      NULL) == IB_ERR_INTERRUPTED);
  const uint64_t reached = ib_trainer_epoch(ib_runs_trainer(parts.runs, 0));
  CHECK(reached >= 2 && reached < EPOCHS);
  for (size_t r = 0; r < RUNS; r++) {
    CHECK(ib_trainer_epoch(ib_runs_trainer(parts.runs, r)) == reached);
    /* every MI epoch up to the one reached is recorded, no later one */
    size_t expected = 0;
    for (size_t i = 0; i < 4; i++)
      expected += mi_epochs[i] <= reached;
    CHECK(parts.h[r].count == expected);
  }
  CHECK(ib_runs_train(parts.runs, EPOCHS, 0, mi_epochs, 4, parts.h, 1, NULL, NULL, NULL) ==
        IB_OK);
  for (size_t r = 0; r < RUNS; r++)
    CHECK(same_run(ib_runs_trainer(parts.runs, r), &parts.h[r], parts.block[r],
                   ib_runs_trainer(whole.runs, r), &whole.h[r], whole.block[r]));
  ib_runs_delete(whole.runs);
  ib_runs_delete(parts.runs);
}

/* Interrupted anywhere (in training or inside the KDE bounds of an evaluation), every run
 * is left at one epoch with its records up to it, and going on gives the whole run. */
static void test_interrupt_anywhere(void)
{
  fixture f;
  make_fixture(&f, 16);
  ib_mi_options kde;
  ib_mi_options_default(&kde, IB_EST_KDE);
  f.config.estimators = &kde;
  run_set whole, parts;
  CHECK(run_set_new(&whole, &f) == IB_OK);
  CHECK(ib_runs_train(whole.runs, EPOCHS, 0, mi_epochs, 4, whole.h, 2, NULL, NULL, NULL) ==
        IB_OK);
  int consistent = 1, equal = 1, stopped = 0;
  for (int after = 0; after < 160; after += 7) {
    CHECK(run_set_new(&parts, &f) == IB_OK);
    ib_history *p = parts.h;
    int left = after;
    ib_status st = ib_runs_train(parts.runs, EPOCHS, 0, mi_epochs, 4, p, 2, yes_after,
                                 &left, NULL);
    stopped += st == IB_ERR_INTERRUPTED;
    const uint64_t reached = ib_trainer_epoch(ib_runs_trainer(parts.runs, 0));
    /* every MI epoch up to the one reached is recorded (epoch 0 unless the stop came
     * while the untrained networks were evaluated) */
    size_t expected = 0;
    for (size_t i = 0; i < 4; i++)
      expected += mi_epochs[i] <= reached;
    for (size_t r = 0; r < RUNS; r++) {
      const int ok = ib_trainer_epoch(ib_runs_trainer(parts.runs, r)) == reached &&
                     (p[r].count == expected || (reached == 0 && p[r].count == 0)) &&
                     p[r].count == p[0].count;
      if (!ok)
        fprintf(stderr, "after %d: run %zu at epoch %llu (run 0: %llu) with %zu rows, "
                "expected %zu\n", after, r,
                (unsigned long long) ib_trainer_epoch(ib_runs_trainer(parts.runs, r)),
                (unsigned long long) reached, p[r].count, expected);
      consistent &= ok;
    }
    /* epoch 0 is listed again only if its row was not recorded */
    const size_t skip = p[0].count > 0 ? 1 : 0;
    CHECK(ib_runs_train(parts.runs, EPOCHS, 0, mi_epochs + skip, 4 - skip, p, 1, NULL, NULL,
                        NULL) == IB_OK);
    for (size_t r = 0; r < RUNS; r++) {
      const int same = same_run(ib_runs_trainer(parts.runs, r), &p[r], parts.block[r],
                                ib_runs_trainer(whole.runs, r), &whole.h[r], whole.block[r]);
      if (!same) {
        size_t first = 0;
        while (first < BLOCK && memcmp(&parts.block[r][first], &whole.block[r][first],
                                       sizeof(double)) == 0)
          first++;
        fprintf(stderr, "after %d (%s): run %zu differs at cell %zu of its history\n", after,
                st == IB_OK ? "ok" : "stopped", r, first);
      }
      equal &= same;
    }
    ib_runs_delete(parts.runs);
  }
  CHECK(consistent);
  CHECK(equal);
  CHECK(stopped > 10);
  ib_runs_delete(whole.runs);
}

static void test_gradient_statistics(void)
{
  fixture f;
  make_fixture(&f, 1000); /* one batch per epoch */
  ib_runs *runs;
  history_buffer h;
  history_init(&h);
  CHECK(ib_runs_new(&runs, &f.config, f.data, f.seeds, 1) == IB_OK);
  CHECK(ib_runs_train(runs, EPOCHS, 0, mi_epochs, 4, &h.h, 1, NULL, NULL, NULL) == IB_OK);
  int ok = 1;
  for (size_t l = 0; l < 3; l++) {
    ok &= isnan(h.h.grad_mean_norm[CAP * l]) && isnan(h.h.grad_std_norm[CAP * l]);
    for (size_t i = 1; i < 4; i++) {
      ok &= h.h.grad_std_norm[i + CAP * l] == 0 && h.h.grad_mean_norm[i + CAP * l] > 0;
      ok &= h.h.weight_norm[i + CAP * l] > 0;
    }
  }
  CHECK(ok);
  ib_runs_delete(runs);
}

/* MI on a subset of the rows equals MI of the same layers measured on that subset alone:
 * train two runs identically, one recording on rows 0..47, and compare with the binning
 * estimator on those rows of the other's activations (through ib_layer_mi). */
static void test_mi_rows(void)
{
  fixture f;
  make_fixture(&f, 16);
  size_t rows[48];
  for (size_t i = 0; i < 48; i++)
    rows[i] = 2 * i; /* every other row */
  ib_data sub = f.data[0];
  sub.mi_idx = rows, sub.n_mi = 48;
  ib_runs *all, *part;
  history_buffer ha, hp;
  history_init(&ha), history_init(&hp);
  CHECK(ib_runs_new(&all, &f.config, &f.data[0], f.seeds, 1) == IB_OK);
  CHECK(ib_runs_new(&part, &f.config, &sub, f.seeds, 1) == IB_OK);
  CHECK(ib_runs_train(all, EPOCHS, 0, mi_epochs, 4, &ha.h, 1, NULL, NULL, NULL) == IB_OK);
  CHECK(ib_runs_train(part, EPOCHS, 0, mi_epochs, 4, &hp.h, 1, NULL, NULL, NULL) == IB_OK);
  /* the training is the same; the losses (over the split) too */
  CHECK(memcmp(ha.h.loss_train, hp.h.loss_train, 4 * sizeof(double)) == 0);
  /* rows 0, 2, ..., 94 of X are 48 distinct inputs: I(X;T) <= log2 48 and differs from
   * the whole set's somewhere */
  int bounded = 1, differs = 0;
  for (size_t i = 0; i < CAP * 3; i++) {
    bounded &= hp.h.ixt[i] <= log2(48.0) + 1e-12 && hp.h.ity[i] <= hp.h.ixt[i] + 1e-12;
    differs |= hp.h.ixt[i] != ha.h.ixt[i];
  }
  CHECK(bounded && differs);
  /* the direct computation on the subset: the first hidden layer at the last epoch */
  ib_trainer *t = ib_runs_trainer(all, 0);
  state_buffer st;
  get_state(t, &st);
  ib_net net;
  CHECK(ib_net_init(&net, widths, 4, IB_ACT_TANH) == IB_OK);
  double acts[48 * 12], loss[48], Xs[48 * D];
  size_t ys[48], ids[48], n_x;
  for (size_t i = 0; i < 48; i++) {
    for (size_t k = 0; k < D; k++)
      Xs[i + 48 * k] = f.X[rows[i] + N * k];
    ys[i] = f.y[rows[i]];
  }
  ib_net_forward(&net, st.params, Xs, 48, ys, acts, loss);
  CHECK(ib_row_ids_double(Xs, 48, D, ids, &n_x) == IB_OK);
  ib_layer_context ctx = {.n = 48, .X = Xs, .dx = D, .x_id = ids, .n_x = n_x, .y = ys,
                          .n_y = 2};
  ib_layer_result r;
  CHECK(ib_layer_mi(&f.bin, acts, 48, 6, &ctx, &r) == IB_OK);
  CHECK_CLOSE(hp.h.ixt[3], r.ixt, 1e-9);
  CHECK_CLOSE(hp.h.ity[3], r.ity, 1e-9);
  ib_net_clear(&net);
  ib_runs_delete(all);
  ib_runs_delete(part);
  /* a row beyond the data is refused */
  rows[3] = N;
  CHECK(ib_runs_new(&part, &f.config, &sub, f.seeds, 1) == IB_ERR_ARG);
}

static void test_refusals(void)
{
  fixture f;
  make_fixture(&f, 16);
  ib_runs *runs = (ib_runs *) &f;
  CHECK(ib_runs_new(&runs, &f.config, f.data, f.seeds, 0) == IB_ERR_ARG && runs == NULL);
  CHECK(ib_runs_new(NULL, &f.config, f.data, f.seeds, 1) == IB_ERR_ARG);
  f.data[1].train_idx = NULL;
  CHECK(ib_runs_new(&runs, &f.config, f.data, f.seeds, 2) == IB_ERR_ARG && runs == NULL);
  CHECK(ib_runs_new(&runs, &f.config, f.data, f.seeds, 1) == IB_OK);
  history_buffer h;
  history_init(&h);
  const uint64_t unsorted[] = {3, 1};
  CHECK(ib_runs_train(runs, 4, 0, unsorted, 2, &h.h, 1, NULL, NULL, NULL) == IB_ERR_ARG);
  CHECK(ib_runs_train(runs, 4, 0, mi_epochs, 4, NULL, 1, NULL, NULL, NULL) == IB_ERR_ARG);
  ib_runs_delete(runs);
}

int main(void)
{
  RUN_TEST(test_runs_equal_single_runs);
  RUN_TEST(test_interrupt_and_go_on);
  RUN_TEST(test_interrupt_anywhere);
  RUN_TEST(test_gradient_statistics);
  RUN_TEST(test_mi_rows);
  RUN_TEST(test_refusals);
  return CHECK_DONE();
}
