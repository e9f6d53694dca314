#!/usr/bin/python3
# Copyright (C) 2026 The ib developers
# SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
"""A PyTorch-on-CPU re-creation of Shwartz-Ziv & Tishby's training, the peer that
bench/bench_runs.m times ib_train against (Debian's python3-torch).

The same computation as ib_train's defaults: the network [d 10 7 5 4 3 C], tanh hidden
layers and a softmax output trained on the mean cross-entropy; weights drawn as
TensorFlow 1's truncated normal (sd 1/sqrt(fan_in), redrawn beyond 2 sd), biases 0; Adam
with TF1's AdamOptimizer update (lr 4e-4, beta1 0.9, beta2 0.999, epsilon 1e-8 added to
sqrt(v) before the bias correction folded into the step: lr_t = lr sqrt(1-b2^t)/(1-b1^t)),
batch 512 over a fresh shuffle of the training rows every epoch (the last batch smaller),
80 % of the rows for training. float64 like ib (--dtype float32 for the paper's own).
Written as a careful PyTorch user would for speed: plain tensors and torch.addmm (no
nn.Module), one gather of the shuffled rows per epoch, torch.autograd.grad (no zeroing),
and the Adam update with torch's multi-tensor (_foreach) kernels. One thread
(torch.set_num_threads(1)) in every mode: the experiment is spread over cores by
running one such process per core.

Modes:
  speed DATA --epochs N [--seed S] [--repeats K]
      one run, training only, the best of K blocks of N epochs: prints
      RESULT epochs_per_s=...
  experiment DATA --runs R --epochs E [--seed S] [--full-runs FR --full-epochs FE]
      the paper's experiment for runs seed, seed+1, ...: at each of the recorded epochs
      (the paper's 400 log-spaced points, unique(floor(logspace(0, log10(E), 400))), 274
      for 8000 epochs) the forward pass of all rows and the binning MI of every layer
      (bench/mi_numpy.py), the losses and accuracies, and the gradient statistics of
      each weight layer over that epoch's batch gradients (Frobenius norm of their mean,
      sqrt of the sum of their population variances, the weights' norm), as ib_train
      records them. Prints the wall time; with --full-runs/--full-epochs larger than what
      ran, also an extrapolation to them from the measured parts (time per plain epoch,
      per recorded epoch's training, per MI evaluation), labelled as such.
DATA is an Octave -v7 .mat file with X (n x d) and y (n labels 0..C-1), or the paper's
var_u.mat (F, y)."""

import argparse
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mi_numpy  # noqa: E402

HIDDEN = [10, 7, 5, 4, 3]
LR, BETA1, BETA2, EPSILON = 4e-4, 0.9, 0.999, 1e-8
BATCH = 512
TRAIN_FRACTION = 0.8


def load_data(path):
    from scipy.io import loadmat
    data = loadmat(path)
    X = data["X"] if "X" in data else data["F"]
    X = np.ascontiguousarray(X, dtype=float)
    y = np.asarray(data["y"]).ravel()
    _, y = np.unique(y, return_inverse=True)
    return X, y.astype(np.int64)


def mi_schedule(epochs):
    """ib_train's default recording epochs: unique(floor(logspace(0, log10(E), 400)))."""
    if epochs < 1:
        return []
    return sorted(set(int(math.floor(v)) for v in np.logspace(0, math.log10(epochs), 400)))


def truncated_normal_(t, sd):
    """TF1's truncated_normal: normal draws beyond 2 sd redrawn."""
    with torch.no_grad():
        t.normal_(0.0, sd)
        while True:
            bad = t.abs() > 2 * sd
            if not bad.any():
                return t
            t[bad] = torch.empty(int(bad.sum()), dtype=t.dtype).normal_(0.0, sd)


class Run:
    """One network with its split, Adam state and shuffle stream."""

    def __init__(self, X, y, seed, dtype):
        torch.manual_seed(seed)
        n, d = X.shape
        self.widths = [d] + HIDDEN + [int(y.max()) + 1]
        self.X = torch.from_numpy(X).to(dtype)
        self.y = torch.from_numpy(y)
        perm = torch.randperm(n)
        self.n_train = max(1, min(n, round(TRAIN_FRACTION * n)))
        self.train_idx, self.test_idx = perm[:self.n_train], perm[self.n_train:]
        self.W = [truncated_normal_(torch.empty(a, b, dtype=dtype), 1 / math.sqrt(a))
                  for a, b in zip(self.widths[:-1], self.widths[1:])]
        self.b = [torch.zeros(b, dtype=dtype) for b in self.widths[1:]]
        self.params = self.W + self.b
        for p in self.params:
            p.requires_grad_(True)
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.step = 0

    def logits(self, h):
        for W, b in zip(self.W[:-1], self.b[:-1]):
            h = torch.tanh(torch.addmm(b, h, W))
        return torch.addmm(self.b[-1], h, self.W[-1])

    def adam(self, grads):
        """TF1's AdamOptimizer step on every parameter at once."""
        self.step += 1
        lr_t = LR * math.sqrt(1 - BETA2 ** self.step) / (1 - BETA1 ** self.step)
        with torch.no_grad():
            torch._foreach_mul_(self.m, BETA1)
            torch._foreach_add_(self.m, grads, alpha=1 - BETA1)
            torch._foreach_mul_(self.v, BETA2)
            torch._foreach_addcmul_(self.v, grads, grads, value=1 - BETA2)
            denom = torch._foreach_sqrt(self.v)
            torch._foreach_add_(denom, EPSILON)
            torch._foreach_addcdiv_(self.params, self.m, denom, value=-lr_t)

    def epoch(self, keep_gradients=False):
        """One epoch of minibatch Adam; with keep_gradients the weight gradients of every
        batch are returned."""
        order = self.train_idx[torch.randperm(self.n_train)]
        Xs, ys = self.X[order], self.y[order]
        kept = []
        for s in range(0, self.n_train, BATCH):
            loss = F.cross_entropy(self.logits(Xs[s:s + BATCH]), ys[s:s + BATCH])
            grads = torch.autograd.grad(loss, self.params)
            if keep_gradients:
                kept.append(grads[:len(self.W)])
            self.adam(grads)
        return kept

    def gradient_statistics(self, kept):
        """Per weight layer: |mean gradient|_F, sqrt(sum of population variances), |W|_F."""
        out = []
        with torch.no_grad():
            for l, W in enumerate(self.W):
                G = torch.stack([g[l] for g in kept])
                out.append((float(G.mean(0).norm()), float(G.var(0, unbiased=False).sum().sqrt()),
                            float(W.norm())))
        return out

    def record(self, h_y, n_classes):
        """Forward pass of all rows; the MI of every layer, losses and accuracies."""
        with torch.no_grad():
            layers = []
            h = self.X
            for W, b in zip(self.W[:-1], self.b[:-1]):
                h = torch.tanh(torch.addmm(b, h, W))
                layers.append(h.numpy())
            z = torch.addmm(self.b[-1], h, self.W[-1])
            logp = torch.log_softmax(z, dim=1)
            layers.append(logp.exp().numpy())
        y = self.y.numpy()
        mi = mi_numpy.information_plane(layers, y, n_classes, h_y)
        lp = logp.numpy()
        right = lp.argmax(axis=1) == y
        nll = -lp[np.arange(y.size), y]
        tr, te = self.train_idx.numpy(), self.test_idx.numpy()
        stats = (nll[tr].mean(), nll[te].mean() if te.size else np.nan, right[tr].mean(),
                 right[te].mean() if te.size else np.nan)
        return mi, stats


def speed(args, X, y, dtype):
    run = Run(X, y, args.seed, dtype)
    run.epoch()     # warm-up (allocator, first-call dispatch)
    wall = cpu = math.inf
    for _ in range(args.repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(args.epochs):
            run.epoch()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    print("one run, training only: %d epochs in %.3f s (best of %d; CPU time %.3f s)"
          % (args.epochs, wall, args.repeats, cpu))
    print("RESULT epochs_per_s=%.6g cpu_epochs_per_s=%.6g seconds=%.6g epochs=%d"
          % (args.epochs / wall, args.epochs / cpu, wall, args.epochs))


def experiment(args, X, y, dtype):
    n_classes = int(y.max()) + 1
    h_y = mi_numpy.label_entropy(y)
    recorded = set(mi_schedule(args.epochs))
    t_plain = t_recorded = t_mi = 0.0
    n_plain = n_recorded = 0
    final = []
    t_start, c_start = time.perf_counter(), time.process_time()
    for r in range(args.runs):
        run = Run(X, y, args.seed + r, dtype)
        if 0 in recorded:
            t0 = time.perf_counter()
            run.record(h_y, n_classes)
            t_mi += time.perf_counter() - t0
        for e in range(1, args.epochs + 1):
            t0 = time.perf_counter()
            if e in recorded:
                grads = run.gradient_statistics(run.epoch(keep_gradients=True))
                t1 = time.perf_counter()
                mi, stats = run.record(h_y, n_classes)
                t_mi += time.perf_counter() - t1
                t_recorded += t1 - t0
                n_recorded += 1
            else:
                run.epoch()
                t_plain += time.perf_counter() - t0
                n_plain += 1
        final.append(stats + (mi[-1][1],) if recorded else (np.nan,) * 5)
    wall = time.perf_counter() - t_start
    cpu = time.process_time() - c_start
    setup = wall - t_plain - t_recorded - t_mi
    n_mi = n_recorded + args.runs * (0 in recorded)
    final = np.array(final)
    print("PyTorch %s, 1 thread: %d runs x %d epochs, MI and gradient statistics at %d epochs"
          % (torch.__version__, args.runs, args.epochs, len(recorded)))
    print("  measured wall time %.2f s, CPU time %.2f s (plain epochs %.2f ms, recorded epochs' training "
          "%.2f ms, one MI evaluation %.2f ms)"
          % (wall, cpu, 1e3 * t_plain / max(n_plain, 1), 1e3 * t_recorded / max(n_recorded, 1),
             1e3 * t_mi / max(n_mi, 1)))
    if recorded:
        print("  final epoch, mean over runs: loss_train %.4f, acc_train %.4f, acc_test %.4f, "
              "I(T;Y) of the output %.4f bits" % (final[:, 0].mean(), final[:, 2].mean(),
                                                  final[:, 3].mean(), final[:, 4].mean()))
    full_runs = args.full_runs or args.runs
    full_epochs = args.full_epochs or args.epochs
    if (full_runs, full_epochs) == (args.runs, args.epochs):
        estimate, how = wall, "measured"
    else:
        # each part's measured time per unit, times how often it occurs in the full
        # experiment; the MI time per evaluation does not depend on the epoch
        full_rec = len(mi_schedule(full_epochs))
        per_plain = t_plain / max(n_plain, 1)
        per_rec = t_recorded / n_recorded if n_recorded else per_plain
        per_mi = t_mi / n_mi if n_mi else 0.0
        estimate = (full_runs * ((full_epochs - full_rec) * per_plain + full_rec * per_rec
                                 + (full_rec + (0 in mi_schedule(full_epochs))) * per_mi)
                    + setup * full_runs / args.runs)
        how = "extrapolated"
        print("  extrapolated to %d runs x %d epochs (MI at %d epochs) from the measured "
              "parts: %.1f s (%.1f s CPU)" % (full_runs, full_epochs, full_rec, estimate,
                                             estimate * cpu / wall))
    # the CPU time of the same, for a machine shared with other work: the measured
    # parts scaled by the measured run's CPU / wall time
    print("RESULT wall_s=%.6g estimate_s=%.6g estimate_cpu_s=%.6g how=%s runs=%d epochs=%d full_runs=%d "
          "full_epochs=%d mi_eval_s=%.6g plain_epoch_s=%.6g"
          % (wall, estimate, estimate * cpu / wall, how, args.runs, args.epochs, full_runs, full_epochs,
             t_mi / max(n_mi, 1), t_plain / max(n_plain, 1)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("mode", choices=["speed", "experiment"])
    p.add_argument("data")
    p.add_argument("--epochs", type=int, default=8000)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--full-runs", type=int, default=0)
    p.add_argument("--full-epochs", type=int, default=0)
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    args = p.parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    X, y = load_data(args.data)
    dtype = torch.float64 if args.dtype == "float64" else torch.float32
    (speed if args.mode == "speed" else experiment)(args, X, y, dtype)


if __name__ == "__main__":
    main()
