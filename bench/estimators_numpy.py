#!/usr/bin/env python3
# Copyright (C) 2026 The ib developers
# SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
"""Vectorised numpy/scipy equivalents of ib's five MI estimators, the peer that
bench/bench_estimators.m times ib against on the same data.

Each function computes what ib_layer_mi computes for one layer (same definitions, same
defaults, same tie rules), written the way a careful numpy user would: whole-array
operations, scipy's cKDTree for the neighbour searches, numpy's eigvalsh (LAPACK, the
same OpenBLAS) for the Renyi spectra, distance blocks of rows for the KDE bounds so that
n = 10000 fits in memory.

Usage: estimators_numpy.py data.mat out.txt [estimator[:repeats] ...]
data.mat (Octave -v7 or -v6) holds T (n x w), X (n x dx), y (n x 1, labels 0..C-1).
Writes one line per estimator: name seconds ixt ity ixt_lower ity_lower h_t (bits; nan
where an estimator has no such value). Seconds is the best of `repeats` runs (default 1);
all estimators when none is named."""

import sys
import time

import numpy as np
from scipy.io import loadmat
from scipy.spatial import cKDTree
from scipy.special import digamma, logsumexp

LN2 = np.log(2.0)


def unique_ids(rows):
    """Id of each row of a 2-D integer array (rows told apart exactly)."""
    return np.unique(rows, axis=0, return_inverse=True)[1].ravel()


def entropy_of_ids(ids):
    p = np.bincount(ids) / ids.size
    p = p[p > 0]
    return -np.sum(p * np.log2(p))


def conditional_entropy(t_ids, c_ids):
    """H(T | C) = H(T, C) - H(C), plug-in, bits."""
    joint = unique_ids(np.column_stack([t_ids, c_ids]))
    return entropy_of_ids(joint) - entropy_of_ids(c_ids)


def binned_layer(codes, x_ids, y):
    t = unique_ids(codes)
    h = entropy_of_ids(t)
    return (max(h - conditional_entropy(t, x_ids), 0), max(h - conditional_entropy(t, y), 0),
            np.nan, np.nan, h)


def mi_bin(T, X, y, x_ids, bins=30):
    """Shwartz-Ziv & Tishby's code: float32 linspace edges on the observed range, digitize,
    index 0 wrapping onto the top bin."""
    lo = np.float32(T.min())
    if float(lo) > T.min():
        lo = np.nextafter(lo, np.float32(-np.inf))
    edges = np.linspace(float(lo), T.max(), bins).astype(np.float32).astype(np.float64)
    idx = np.digitize(T, edges)
    idx[idx == 0] = bins
    return binned_layer(idx, x_ids, y)


def mi_adaptive(T, X, y, x_ids, bins=30):
    """Equal-mass bins per column: edges s(ceil(k n / B)), bin = #{edges < v}."""
    n = T.shape[0]
    s = np.sort(T, axis=0)
    ranks = np.ceil(np.arange(1, bins) * n / bins).astype(int) - 1
    codes = np.empty(T.shape, dtype=np.int64)
    for j in range(T.shape[1]):
        codes[:, j] = np.searchsorted(s[ranks, j], T[:, j], side="left")
    return binned_layer(codes, x_ids, y)


def kde_entropies(T, s2, block=1024):
    """KL (upper) and Bhattacharyya (lower) mixture-entropy bounds, nats (Kolchinsky &
    Tracey 2017; the ibsgd code's entropy_estimator_kl / _bd), distance blocks of rows."""
    n, d = T.shape
    sq = np.sum(T * T, axis=1)
    lse_kl = np.empty(n)
    lse_bd = np.empty(n)
    for i0 in range(0, n, block):
        D = sq[i0:i0 + block, None] + sq[None, :] - 2.0 * (T[i0:i0 + block] @ T.T)
        np.maximum(D, 0, out=D)
        lse_kl[i0:i0 + block] = logsumexp(-D / (2 * s2), axis=1)
        lse_bd[i0:i0 + block] = logsumexp(-D / (8 * s2), axis=1)
    h_c = 0.5 * d * (1 + np.log(2 * np.pi * s2))
    return h_c - np.mean(lse_kl - np.log(n)), h_c - np.mean(lse_bd - np.log(n))


def mi_kde(T, X, y, x_ids, s2=0.1):
    n, d = T.shape
    h_up, h_lo = kde_entropies(T, s2)
    h_c = 0.5 * d * (1 + np.log(2 * np.pi * s2))
    hy_up = hy_lo = 0.0
    for c in np.unique(y):
        m = y == c
        u, l = kde_entropies(T[m], s2)
        hy_up += np.mean(m) * u
        hy_lo += np.mean(m) * l
    return ((h_up - h_c) / LN2, (h_up - hy_up) / LN2, (h_lo - h_c) / LN2,
            (h_lo - hy_lo) / LN2, h_up / LN2)


def count_radius(eps):
    """cKDTree counts distance <= r: strictly below eps, or exactly 0 when eps == 0."""
    return np.where(eps > 0, np.nextafter(eps, 0), 0.0)


def ksg(A, B, k=3):
    """Kraskov et al. estimator 1, max-norm; ties (eps = 0) as Gao et al. 2017. Nats."""
    n = A.shape[0]
    J = np.hstack([A, B])
    tj = cKDTree(J)
    eps = tj.query(J, k + 1, p=np.inf)[0][:, -1]
    r = count_radius(eps)
    ki = np.where(eps > 0, k, tj.query_ball_point(J, r, p=np.inf, return_length=True) - 1)
    na = cKDTree(A).query_ball_point(A, r, p=np.inf, return_length=True) - 1
    nb = cKDTree(B).query_ball_point(B, r, p=np.inf, return_length=True) - 1
    return digamma(n) + np.mean(digamma(ki) - digamma(na + 1) - digamma(nb + 1))


def ross(T, y, k=3):
    """Ross 2014 for a discrete side, max-norm (singleton classes dropped). Nats."""
    labels, counts = np.unique(y, return_counts=True)
    keep = np.isin(y, labels[counts > 1])
    T, y = T[keep], y[keep]
    n = T.shape[0]
    r = np.empty(n)
    ki = np.empty(n)
    nc = np.empty(n)
    for c in np.unique(y):
        m = y == c
        kc = min(k, int(m.sum()) - 1)
        tc = cKDTree(T[m])
        dist = tc.query(T[m], kc + 1, p=np.inf)[0]
        dist = dist[:, -1] if dist.ndim > 1 else dist
        rc = count_radius(dist)
        r[m] = rc
        ki[m] = np.where(dist > 0, kc,
                         tc.query_ball_point(T[m], rc, p=np.inf, return_length=True) - 1)
        nc[m] = m.sum()
    mall = cKDTree(T).query_ball_point(T, r, p=np.inf, return_length=True) - 1
    return digamma(n) + np.mean(digamma(ki) - digamma(nc) - digamma(mall + 1))


def kl_entropy(T, k=3):
    n, d = T.shape
    eps = cKDTree(T).query(T, k + 1, p=np.inf)[0][:, -1]
    with np.errstate(divide="ignore"):
        return digamma(n) - digamma(k) + d * np.mean(np.log(2 * eps))


def mi_knn(T, X, y, x_ids, k=3):
    return (ksg(X, T, k) / LN2, ross(T, y, k) / LN2, np.nan, np.nan, kl_entropy(T, k) / LN2)


def scott(A):
    n, d = A.shape
    return n ** (-1.0 / (4 + d)) * np.mean(np.std(A, axis=0, ddof=1))


def gram(A, sigma):
    sq = np.sum(A * A, axis=1)
    D = np.maximum(sq[:, None] + sq[None, :] - 2.0 * (A @ A.T), 0)
    return np.exp(-D / (2 * sigma * sigma))


def renyi(K, alpha):
    lam = np.linalg.eigvalsh(K / np.trace(K))
    lam = lam[lam > 0]
    return np.log2(np.sum(lam ** alpha)) / (1 - alpha)


def mi_renyi(T, X, y, x_ids, alpha=1.01):
    """Giraldo et al. 2014 with Scott's-rule widths, the equality kernel for labels."""
    Kt = gram(T - T.mean(0), scott(T))
    Kx = gram(X - X.mean(0), scott(X))
    Ky = (y[:, None] == y[None, :]).astype(float)
    h_t = renyi(Kt, alpha)
    ixt = renyi(Kx, alpha) + h_t - renyi(Kx * Kt, alpha)
    ity = h_t + renyi(Ky, alpha) - renyi(Kt * Ky, alpha)
    return ixt, ity, np.nan, np.nan, h_t


ESTIMATORS = {"bin": mi_bin, "adaptive": mi_adaptive, "kde": mi_kde, "knn": mi_knn,
              "renyi": mi_renyi}


def main():
    data = loadmat(sys.argv[1])
    T = np.ascontiguousarray(data["T"], dtype=float)
    X = np.ascontiguousarray(data["X"], dtype=float)
    y = data["y"].ravel().astype(np.int64)
    names = sys.argv[3:] or list(ESTIMATORS)
    x_ids = unique_ids(X)
    with open(sys.argv[2], "w") as out:
        for arg in names:
            name, _, repeats = arg.partition(":")
            repeats = int(repeats or 1)
            best = np.inf
            for _ in range(repeats):
                t0 = time.perf_counter()
                vals = ESTIMATORS[name](T, X, y, x_ids)
                best = min(best, time.perf_counter() - t0)
            out.write("%s %.6f %s\n" % (name, best, " ".join("%.10g" % v for v in vals)))


if __name__ == "__main__":
    main()
