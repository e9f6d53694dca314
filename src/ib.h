/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* ib.h - the public API of the ib core: train an MLP and follow, epoch by epoch, the
 * mutual information of each layer with the input and with the label (the information
 * plane of Shwartz-Ziv & Tishby 2017), with several estimators, and the IB curve of a
 * discrete joint distribution. Plain C11 on BLAS/LAPACKE; no Octave headers. */
#ifndef IB_H
#define IB_H

#include "status.h"
#include "rng.h"
#include "rowcount.h"
#include "mi.h"
#include "train.h"
#include "ib_curve.h"

#endif
