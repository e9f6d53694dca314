/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* runs.h - many runs of one configuration at once: one trainer per run (its own seed and
 * split) over data prepared once, trained in lockstep (a few epochs of each run in turn,
 * every run at the same epoch after each round), the runs dealt to a pool of threads (run
 * r to thread r mod T). A run's arithmetic never depends on the others, on T or on the
 * rounds, so each run is bit-identical to the same run trained alone, with any T. Wide
 * networks (trained on BLAS, see train.h) train one run after another: OpenBLAS threads
 * each product itself. */
#ifndef IB_RUNS_H
#define IB_RUNS_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "train.h"

typedef struct ib_runs ib_runs;

/* A round's length: long enough to keep each run's working set in cache for several
 * epochs, short enough that the seconds limit and the work an interrupt takes back stay
 * small. */
#define IB_RUNS_ROUND_SECONDS 0.1

/* data[r] is run r's data: the same X and y for every run, its own split. The config and
 * the data must outlive the object. */
ib_status ib_runs_new(ib_runs **runs, const ib_train_config *config, const ib_data *data,
                      const uint64_t *seeds, size_t n_runs);
void ib_runs_delete(ib_runs *runs);

size_t ib_runs_count(const ib_runs *runs);
ib_trainer *ib_runs_trainer(ib_runs *runs, size_t r);

/* Trains every run until `stop_epoch` epochs are completed, `seconds` of wall time have
 * passed (checked after each round, of IB_RUNS_ROUND_SECONDS at most unless one epoch takes
 * longer; <= 0: no limit) or the history is full; at each epoch of the sorted list mi_epochs (and
 * at epoch 0 of untrained runs, if listed: list it only until that row is recorded, since
 * an interrupt can leave runs at epoch 0 with it) appends one row to histories[r] of every
 * run. On IB_ERR_INTERRUPTED (stop asked, checked between
 * minibatches) every run is left at the same completed epoch (the start of the round)
 * with every row recorded up to it. On another error, *failed_run (may be NULL) names the run. */
ib_status ib_runs_train(ib_runs *runs, uint64_t stop_epoch, double seconds,
                        const uint64_t *mi_epochs, size_t n_mi_epochs, ib_history *histories,
                        size_t n_threads, ib_stop_fn stop, void *stop_arg,
                        size_t *failed_run);

#endif
