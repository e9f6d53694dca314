/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* net.h - a fully connected network: hidden layers with one activation, a softmax output,
 * the mean cross-entropy over integer labels, and its gradient by backpropagation.
 *
 * Parameters live in ONE flat vector (see train.h): W_1 (widths[0] x widths[1], column-major),
 * b_1, W_2, b_2, ... Activations of a batch of `rows` inputs live in ONE buffer of
 * rows x total_width doubles: weight layer l (0-based, widths[l] -> widths[l+1]) at
 * acts + rows * act_offset[l], a column-major rows x widths[l+1] matrix; the last one holds the
 * softmax probabilities. Small layers use plain loops (library-call overhead dominates at the
 * paper's sizes), large ones cblas_dgemm. */
#ifndef IB_NET_H
#define IB_NET_H

#include <stddef.h>
#include "status.h"
#include "rng.h"

/* Hidden-layer activations (the output is softmax). */
typedef enum {
  IB_ACT_TANH = 0, IB_ACT_RELU, IB_ACT_SIGMOID, IB_ACT_LINEAR, IB_ACT_SOFTSIGN,
  IB_ACT_SOFTPLUS, IB_ACT_COUNT
} ib_activation;

/* Name -> enum ("tanh", "relu", "sigmoid", "linear", "softsign", "softplus"). 0 on
 * success. */
int ib_activation_from_name(const char *name, ib_activation *act);

/* The output layer: a softmax over the classes, or for two classes one sigmoid unit
 * p = P(class 1) (Saxe et al. 2018 on the 12-bit data), with the binary cross-entropy. */
typedef enum { IB_OUT_SOFTMAX = 0, IB_OUT_SIGMOID } ib_output;

/* Name -> enum ("softmax", "sigmoid"). 0 on success. */
int ib_output_from_name(const char *name, ib_output *output);

typedef struct {
  size_t n_layers;       /* weight layers: hidden + output */
  size_t *widths;        /* n_layers + 1 widths: input, hidden..., classes */
  size_t *weight_offset; /* where W_l starts in the flat parameters */
  size_t *bias_offset;   /* where b_l starts */
  size_t *act_offset;    /* first column of layer l in an activation buffer */
  size_t n_params;
  size_t total_width;    /* widths[1] + ... + widths[n_layers] */
  size_t max_width;      /* max of widths[0..n_layers] */
  ib_activation activation;
  ib_output output;      /* IB_OUT_SOFTMAX unless ib_net_set_output says otherwise */
  unsigned quant_bits;   /* 0, or the bits of every layer's activations (ib_net_set_quantize) */
  double *quant_range;   /* 2 x n_layers: lo, hi of weight layer l at [2 l], [2 l + 1] */
} ib_net;

/* Lays out a network (widths >= 1, n_widths >= 2, a known activation). Sizes whose product
 * with sizeof(double) would overflow -> IB_ERR_TOO_LARGE. */
ib_status ib_net_init(ib_net *net, const size_t *widths, size_t n_widths,
                        ib_activation activation);
void ib_net_clear(ib_net *net);

/* The sigmoid output needs a last width of 1. */
ib_status ib_net_set_output(ib_net *net, ib_output output);

/* Quantizes the activations of every layer, the output included, in the forward passes
 * (quantize.h: 2^bits levels over range[2 l .. 2 l + 1] for weight layer l), or none for
 * bits 0. bits 4 or 8, each range finite with lo < hi, else IB_ERR_ARG. The backward pass
 * is the unquantized one on the quantized activations: the quantizer passes the gradient
 * straight through, and each activation's derivative is written through its (quantized)
 * output as without quantization (tanh: 1 - q^2, relu: [q > 0], ...). */
ib_status ib_net_set_quantize(ib_net *net, unsigned bits, const double *range);

/* Weights from the truncated normal (+-2 sd) with sd 1/sqrt(fan_in), biases 0. */
void ib_net_draw_params(const ib_net *net, double *params, ib_rng *rng);

/* Layer l (0-based weight layer) of an activation buffer of `rows` rows. */
double *ib_net_layer(const ib_net *net, double *acts, size_t rows, size_t l);

/* Forward pass of `rows` inputs (rows x widths[0], column-major) into acts
 * (rows x total_width). If labels is non-NULL, row_loss[i] = -log p(labels[i] | row i),
 * computed from the logits so that it stays finite when p underflows (row_loss may be NULL
 * when labels is). */
void ib_net_forward(const ib_net *net, const double *params, const double *input, size_t rows,
                    const size_t *labels, double *acts, double *row_loss);

/* Gradient of the mean over the rows of -log p(labels[i] | row i) with respect to params,
 * into grad (n_params), from the acts of ib_net_forward on the same input. Overwrites acts
 * with the error signals. work: rows * max_width doubles. */
void ib_net_backward(const ib_net *net, const double *params, const double *input,
                     size_t rows, const size_t *labels, double *acts, double *grad,
                     double *work);

/* The class predicted for row i of the output probabilities P (rows x last width): the
 * largest softmax entry (the first one on ties), or class 1 where the sigmoid's p > 1/2. */
size_t ib_net_predict(const ib_net *net, const double *P, size_t rows, size_t i);

#endif
