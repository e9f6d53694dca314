# Copyright (C) 2026 The ib developers
# SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
"""Reference for bench/bench_renyi.m: the matrix-based Renyi entropies of one Gram matrix
from numpy.linalg.eigvalsh (all eigenvalues, LAPACK through numpy), timed.

Usage: renyi_numpy.py data.mat out.txt
data.mat holds T (n x d), widths (1 x W: Gaussian kernel widths), alphas (1 x A).
Writes one line per width: seconds_gram seconds_eigvalsh S(alpha_1) ... S(alpha_A), bits."""

import sys
import time

import numpy as np
from scipy.io import loadmat


def gram(T, sigma):
    T = T - T.mean(0)
    sq = (T * T).sum(1)
    D = sq[:, None] + sq[None, :] - 2.0 * (T @ T.T)
    return np.exp(-np.maximum(D, 0) / (2.0 * sigma * sigma))


def main():
    data = loadmat(sys.argv[1])
    T = np.ascontiguousarray(data["T"], dtype=float)
    widths = data["widths"].ravel()
    alphas = data["alphas"].ravel()
    with open(sys.argv[2], "w") as out:
        for sigma in widths:
            t0 = time.perf_counter()
            K = gram(T, sigma)
            t1 = time.perf_counter()
            lam = np.linalg.eigvalsh(K / np.trace(K))
            t2 = time.perf_counter()
            lam = lam[lam > 0]
            S = [np.log2(np.sum(lam ** a)) / (1 - a) for a in alphas]
            out.write("%.6f %.6f %s\n" % (t1 - t0, t2 - t1, " ".join("%.12g" % s for s in S)))


if __name__ == "__main__":
    main()
