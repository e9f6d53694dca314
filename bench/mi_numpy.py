#!/usr/bin/env python3
# Copyright (C) 2026 The ib developers
# SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
"""The paper's information-plane evaluation in vectorised numpy: the forward pass of the
whole data set through the network, then the binning MI of every layer (Shwartz-Ziv &
Tishby's estimator: float32 edges linspace(-1, 1, 30), np.digitize, index 0 wrapping onto
the top bin). The inputs of the 12-bit data are distinct, so I(X;T) = H(T), and
I(T;Y) = H(T) - H(T|Y). Used by train_torch.py at its recorded epochs and, as a program,
by bench/bench_runs.m to time one evaluation against ib's.

Two ways to tell the states (rows of bin indices) apart, both whole-array numpy:
  packed: each row's indices packed into one int64 key (5 bits per unit for 30 edges),
          one np.unique per layer and one per (layer, label); what a careful numpy user
          writes when the layers are narrow (the default where the key fits in 62 bits);
  rows:   np.unique(axis=0) on the rows of indices, as bench/estimators_numpy.py and the
          paper's code (np.unique of a void view of the rows) do.
The benchmark takes the faster one as numpy's time.

Usage (program): mi_numpy.py data.mat evaluations
  data.mat (Octave -v7) holds X (n x d), y (n x 1, labels 0..C-1) and the network's
  weights W1..WL (fan_in x fan_out) and b1..bL (1 x fan_out), tanh hidden layers and a
  softmax output. Evaluates the network `evaluations` times per variant and prints
  RESULT packed_s=... rows_s=... (seconds per evaluation, the median of the repeats; also
  their CPU times packed_cpu_s, rows_cpu_s), then
  the MI of each layer (bits) as `layer l ixt ity`, which bench_runs.m compares with ib's."""

import sys
import time

import numpy as np

BINS = 30
EDGES = np.linspace(-1.0, 1.0, BINS).astype(np.float32).astype(np.float64)
PACK_BITS = int(BINS).bit_length()      # bin indices are 1..BINS after the wrap


def forward(X, W, b):
    """The activations of every layer: tanh hidden layers, then the softmax output."""
    layers = []
    h = X
    for l in range(len(W) - 1):
        h = np.tanh(h @ W[l] + b[l])
        layers.append(h)
    z = h @ W[-1] + b[-1]
    z = np.exp(z - z.max(axis=1, keepdims=True))
    layers.append(z / z.sum(axis=1, keepdims=True))
    return layers


def entropy_of_counts(counts, n):
    p = counts / n
    return -np.sum(p * np.log2(p))


def codes_of(T):
    idx = np.digitize(T, EDGES)
    idx[idx == 0] = BINS     # the paper's bins[idx - 1] with idx 0 is bins[-1]
    return idx


def layer_mi_packed(idx, y, n_classes, h_y):
    """I(X;T) = H(T) and I(T;Y) of one layer from its bin indices, states as int64 keys."""
    n, w = idx.shape
    keys = idx.astype(np.int64) @ (np.int64(1) << (PACK_BITS * np.arange(w, dtype=np.int64)))
    _, counts = np.unique(keys, return_counts=True)
    h_t = entropy_of_counts(counts, n)
    _, counts = np.unique(keys * n_classes + y, return_counts=True)
    return h_t, h_t - (entropy_of_counts(counts, n) - h_y)


def layer_mi_rows(idx, y, n_classes, h_y):
    """The same with the states told apart by np.unique over rows."""
    n = idx.shape[0]
    _, t_ids, counts = np.unique(idx, axis=0, return_inverse=True, return_counts=True)
    h_t = entropy_of_counts(counts, n)
    counts = np.bincount(t_ids.ravel() * n_classes + y)
    return h_t, h_t - (entropy_of_counts(counts[counts > 0], n) - h_y)


def fits_packed(layers, n_classes):
    return all(PACK_BITS * T.shape[1] + int(n_classes).bit_length() <= 62 for T in layers)


def information_plane(layers, y, n_classes, h_y, packed=True):
    """[(I(X;T), I(T;Y))] per layer, bits. y: int64 labels 0..C-1; h_y = H(Y) in bits."""
    one = layer_mi_packed if packed and fits_packed(layers, n_classes) else layer_mi_rows
    return [one(codes_of(T), y, n_classes, h_y) for T in layers]


def label_entropy(y):
    counts = np.bincount(y)
    return entropy_of_counts(counts[counts > 0], y.size)


def load(path):
    from scipy.io import loadmat
    data = loadmat(path)
    X = np.ascontiguousarray(data["X"], dtype=float)
    y = data["y"].ravel().astype(np.int64)
    W, b = [], []
    l = 1
    while "W%d" % l in data:
        W.append(np.ascontiguousarray(data["W%d" % l], dtype=float))
        b.append(np.ascontiguousarray(data["b%d" % l], dtype=float).ravel())
        l += 1
    return X, y, W, b


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    X, y, W, b = load(sys.argv[1])
    evaluations = int(sys.argv[2])
    n_classes = int(y.max()) + 1
    h_y = label_entropy(y)
    seconds = {}
    cpu = {}
    values = {}
    for name, packed in (("packed", True), ("rows", False)):
        times, cpus = [], []
        for _ in range(evaluations):
            t0, c0 = time.perf_counter(), time.process_time()
            mi = information_plane(forward(X, W, b), y, n_classes, h_y, packed)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        seconds[name] = float(np.median(times))
        cpu[name] = float(np.median(cpus))
        values[name] = mi
    assert np.allclose(values["packed"], values["rows"], rtol=0, atol=1e-12)
    print("RESULT packed_s=%.6g rows_s=%.6g packed_cpu_s=%.6g rows_cpu_s=%.6g evaluations=%d "
          "packed_used=%d" % (seconds["packed"], seconds["rows"], cpu["packed"], cpu["rows"],
                              evaluations,
             fits_packed(forward(X, W, b), n_classes)))
    for l, (ixt, ity) in enumerate(values["packed"], 1):
        print("layer %d %.12g %.12g" % (l, ixt, ity))


if __name__ == "__main__":
    main()
