## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)

## -*- texinfo -*-
## @deftypefn  {} {@var{res} =} ib_train (@var{X}, @var{y})
## @deftypefnx {} {@var{res} =} ib_train (@var{X}, @var{y}, @var{name}, @var{value}, @dots{})
## Train a multilayer perceptron in C and record the information plane of every layer.
##
## @var{X} is an @var{n} x @var{d} matrix of inputs (one sample per row) and @var{y} a vector
## of @var{n} integer class labels (any values: they are mapped to classes by @code{unique}).
## The network has the hidden widths of @qcode{"layers"} and a softmax output with one unit
## per class, trained on the mean cross-entropy.  At every epoch of @qcode{"mi_epochs"} the
## whole data set is passed through the network and, for every layer @var{T} (the hidden
## layers, then the softmax output), the mutual information I(X;T) with the input and
## I(T;Y) with the label is estimated, in bits, on the whole data set (train and test rows),
## as in Shwartz-Ziv & Tishby (2017), "Opening the black box of deep neural networks via
## information".  Only the current epoch's activations are ever held in memory.
##
## With @qcode{"runs"} @var{R}, @var{R} networks are trained at once, with the seeds
## @var{seed}, @var{seed}+1, @dots{}, @var{seed}+@var{R}-1 (their own splits,
## initialisations and shuffles), spread over @qcode{"threads"} cores; run @var{r} is
## bit-identical to a call with seed @var{seed}+@var{r}-1 alone, whatever @var{R} and the
## number of threads.  The paper's 50-run experiment is
## @code{ib_train (X, y, "runs", 50)}.
##
## Options (name, value pairs, or a struct of them first; names are case-insensitive):
## @table @asis
## @item "layers"
## Hidden layer widths, default @code{[10 7 5 4 3]} (the paper's network); @code{[]} for
## none (a softmax regression).
## @item "activation"
## Hidden activation: @qcode{"tanh"} (default), @qcode{"relu"}, @qcode{"sigmoid"},
## @qcode{"linear"}, and the two of Saxe et al.'s appendix, @qcode{"softsign"}
## (x / (1 + |x|)) and @qcode{"softplus"} (log (1 + e^x)).  Layers of the unbounded ones
## (relu, linear, softplus) are binned over their observed range.
## @item "output"
## @qcode{"softmax"} (default: one unit per class, mean cross-entropy) or, for two
## classes, @qcode{"sigmoid"}: one unit p = P(class 2), the binary cross-entropy (Saxe et
## al. 2018 on the 12-bit data).  Its layer is binned on [0, 1].
## @item "precision"
## The arithmetic of the forward and backward passes: @qcode{"double"} (default) or
## @qcode{"single"}, float32 as the paper's TensorFlow code.  On the kernel of small
## networks single precision puts 16 rows in a vector instead of 8: training runs about
## 1.75x as fast here; wide networks (MNIST) multiply with OpenBLAS's sgemm instead of
## dgemm and share the kernel's float activations.  The weights, the optimiser's
## moments and the state stay in double (each pass rounds the weights to float), so
## seeds, runs, threads and resume behave as in double; the results differ from double
## by float's rounding, which training amplifies over many epochs.
## @item "optimizer"
## @qcode{"adam"} (default; as TensorFlow's, beta1 0.9, beta2 0.999, epsilon 1e-8) or
## @qcode{"sgd"} (with momentum).
## @item "learning_rate"
## Default 4e-4 for Adam (the paper's) and 0.01 for SGD.
## @item "momentum"
## SGD momentum, default 0.9.
## @item "beta1", "beta2", "epsilon"
## Adam's constants.
## @item "batch_size"
## Minibatch size, default 512; the training rows are shuffled every epoch with the
## package's own random generator (xoshiro256**), the last batch may be smaller.
## @item "epochs"
## Number of epochs, default 8000.
## @item "train_fraction"
## Fraction of the rows used for training, default 0.8; the rest is the test set.
## The split is a seeded random permutation.  A vector of fractions (the paper compares
## 0.05, 0.45 and 0.85) trains each in turn and returns a struct array, one element per
## fraction, which @code{ib_plane}, @code{ib_summary} and @code{ib_merge} accept.
## @item "seed"
## Seed of the split, the initialisation and the shuffles, default 0 (of the first run).
## The same seed gives a bit-identical result on the same machine, with any number of
## threads.  Networks whose widths (input included) are all at most 64 train on the
## package's own vector kernel (one row per SIMD lane; compiled for x86-64-v4 (AVX-512),
## v3 (AVX2 and FMA) and baseline x86-64 and picked at run time: v4 and v3 give the same
## bits, with fused multiply-adds; a CPU without FMA gives results that differ from theirs
## in the last bits).  Wider ones (MNIST's 784 inputs)
## go through OpenBLAS, which threads each product itself: their runs train one after
## another, and a seed's result is bit-identical for the same number of OpenBLAS threads
## (@env{OPENBLAS_NUM_THREADS}).
## @item "runs"
## Number of networks trained at once, default 1.
## @item "threads"
## Threads the runs are spread over, default @env{IB_NUM_THREADS} when set, else the
## online cores (@code{nproc}).  Does not change any result.
## @item "mi_epochs"
## Epochs at which MI and the gradient statistics are recorded: default the paper's
## @code{unique (floor (logspace (0, log10 (epochs), 400)))} (400 log-spaced points, of
## which 274 distinct epochs for 8000 epochs); or an explicit vector of epochs (0 = the
## untrained network).  Epochs beyond @qcode{"epochs"} warn
## (@code{ib:ib_train:mi_epochs_beyond}): they are recorded only if the run is resumed
## that far.
## @item "mi_rows"
## The rows MI is measured on: @qcode{"all"} (default, as the paper: train and test
## rows), @qcode{"train"} or @qcode{"test"} (each run's own split), or a vector of row
## indices.  @code{H_X}, @code{H_Y} and @code{I_XY} are then those of these rows (of the
## first run's, for @qcode{"train"} and @qcode{"test"}).
## @item "estimator"
## @qcode{"bin"} (default), @qcode{"adaptive"}, @qcode{"kde"}, @qcode{"knn"},
## @qcode{"renyi"}, @qcode{"exact"}, or a cell array of several (see @code{ib_mi}).  Their
## cost per layer and recorded epoch differs by orders of magnitude: on the 4096 rows of the 12-bit data about
## 1 ms for @qcode{"bin"} and @qcode{"adaptive"}, 0.1 s for @qcode{"kde"}, 0.2-0.4 s for
## @qcode{"knn"} and tens of seconds for @qcode{"renyi"} (O(n^3)): record the slow ones at
## fewer epochs.  @qcode{"exact"} (with @qcode{"quantize"} only) takes each distinct quantized
## row of a layer as one state and gives the exact MI of the data set's empirical
## distribution: I(X;T) = H(T) - H(T|X) (H(T|X) = 0: a layer is a function of the input)
## and I(T;Y) = H(T) - H(T|Y), in bits, as fast as @qcode{"bin"}.
## @item "quantize"
## 0 (default: none), 4 or 8: the network is trained and measured with the activations of
## every layer, the softmax (or sigmoid) output included, quantized in the forward pass to
## 2^@var{bits} uniform levels, as in Lorenzen, Igel & Nielsen (2022), "Information
## bottleneck: exact analysis of (quantized) neural networks".  Layer @var{l}'s activation
## @var{a} (after the activation function) becomes
## @example
## step = (hi - lo) / (2^bits - 1)
## q(a) = lo + floor ((min (max (a, lo), hi) - lo) / step + 0.5) * step
## @end example
## @noindent
## each operation in double precision in this order: values outside [@var{lo}, @var{hi}]
## are clipped to its ends, a value halfway between two levels goes to the upper one
## (@code{floor (u + 0.5)} as written, not @code{round}).  The range of layer @var{l} is
## @code{res.quantize_range(:, l)}: [-1, 1] for @qcode{"tanh"} and @qcode{"softsign"},
## [0, 1] for @qcode{"sigmoid"} and for the output layer, and a fixed range for the
## unbounded activations, [0, 6] for @qcode{"relu"} and @qcode{"softplus"} (a quantized
## relu thus saturates at 6, like a ReLU6) and [-6, 6] for @qcode{"linear"}, or
## @qcode{"quantize_range"}.  (Lorenzen et al.'s code chooses its ranges otherwise: see
## the manual, doc/ib.md.)  So every layer is
## recomputed from @code{res.W}, @code{res.b} and @var{X}: @code{A = q (f (A * W@{l@} +
## b@{l@}))}, with the softmax for @var{f} in the last layer.  The loss (and its reported
## value) is the cross-entropy of the unquantized output, from its logits; the accuracy is
## that of the quantized output (the first class on ties).  The backward pass is the
## straight-through estimator: the gradient of the unquantized network written through
## the quantized activations, the quantizer's own derivative taken as 1 (also where it
## clipped) and each activation's derivative written through its quantized output as
## without quantization (tanh: 1 - q^2, relu: [q > 0], sigmoid: q (1 - q); the output:
## q(p) - onehot (y)).  (TensorFlow's fake quantization, which Lorenzen et al. use, takes
## f' at the unquantized value instead and passes no gradient where it clipped.)  The
## quantizer has no state: runs stay bit-identical for a seed with any number of threads,
## and resume exactly.  With @qcode{"precision"}, @qcode{"single"} the same formula runs in
## float (lo, hi and step rounded to single), so a recomputation in double agrees with the
## states only up to that rounding; in double it gives the same states.
## @item "quantize_range"
## @code{[lo hi]}: the range of the hidden layers' levels for the unbounded activations
## (@qcode{"relu"}, @qcode{"linear"}, @qcode{"softplus"}) with @qcode{"quantize"}.
## @item "bins"
## Binning: number of edges of @code{linspace (lo, hi, bins)}, default 30 (the paper's).
## @item "range"
## Binning range @code{[lo hi]} for every layer.  Default: @code{[-1 1]} for every layer of a
## tanh or softsign network (the paper's code bins the softmax output the same way),
## @code{[0 1]} for a sigmoid network; for the unbounded @qcode{"relu"}, @qcode{"linear"}
## and @qcode{"softplus"} the range of each hidden layer is its observed [min, max] at that
## epoch, and @code{[0 1]} for the softmax.
## @item "bin_width", "adaptive_bins", "noise_var", "k", "alpha", "kernel_width", "renyi_method"
## Further estimator options, passed on as for @code{ib_mi}.
## @item "ci", "ci_epochs", "resamples"
## A confidence level in (0, 1): at each epoch of @qcode{"ci_epochs"} (default: all of
## @qcode{"mi_epochs"}, of which they must be a part) the training stops, each run's
## forward pass on its MI rows is computed in Octave from that epoch's weights, and
## @code{ib_layer_mi} with @qcode{"ci"} gives intervals for every layer and estimator,
## from @qcode{"resamples"} (default 200) resamples seeded by the run's seed (see
## @code{ib_mi} for the method; not for @qcode{"renyi"}).  The cost is that many
## estimates per layer and run at each such epoch: choose a few epochs.  Training is
## unchanged by it.
## @item "verbose"
## Show one progress line (epoch, loss, accuracy, elapsed, time left); default true.
## @item "checkpoint"
## A file name: the result so far is saved there with @code{ib_save} (never left truncated)
## at the start, every @qcode{"checkpoint_seconds"} (default 30), at the end and when the run
## is interrupted.
## @item "resume"
## A result of an earlier (interrupted) call: training goes on from its state up to
## @qcode{"epochs"} with its options (new values of @qcode{"epochs"}, @qcode{"verbose"},
## @qcode{"checkpoint"}, @qcode{"checkpoint_seconds"} and @qcode{"threads"} apply).  A
## struct array of results (one per training fraction) is resumed element by element.
## @end table
##
## Ctrl-C stops a run within about a second (between two minibatches) with the error
## @code{ib:ib_train:interrupted}.  Nothing recorded is lost: the partial result, every run
## at one epoch (runs train in rounds of a few epochs each, and the round under way, a
## fraction of a second of training, is taken back), is put in the variable
## @code{ib_interrupted} of the base workspace (and saved to the checkpoint file, if any);
## continue it with @code{res = ib_train (X, y, "resume", ib_interrupted)}, which gives
## exactly the result of an uninterrupted call.  The progress line is rewritten in place
## on a terminal and printed as a new line every 10 s otherwise (a log file).
##
## The result @var{res} is a struct with fields:
## @table @code
## @item epochs
## E x 1 recorded epochs.
## @item IXT, ITY
## E x L x R mutual information in bits (L = hidden layers + the output layer, R runs), of
## the first estimator; @code{IXT_lower}, @code{ITY_lower} are the lower bounds of
## @qcode{"kde"} (NaN for other estimators).
## @item IXT_mean, ITY_mean, IXT_std, ITY_std
## E x L mean and standard deviation over the runs (0 for one run).
## @item estimators, mi
## The estimator names (cellstr) and, for each name, @code{mi.(name)} with fields
## @code{IXT}, @code{ITY}, @code{IXT_lower}, @code{ITY_lower} and @code{saturated}
## (E x L x R, true where I(X;T) is within 1e-9 of log2 of the number of distinct inputs,
## @code{n_inputs}: the estimator tells every input apart there and cannot show
## compression; e.g. the first layers of the paper's network with 30 bins).
## @item IXT_ci, ITY_ci
## With @qcode{"ci"}: E x L x 2 x R confidence intervals of the first estimator, [lo hi]
## along the third dimension, NaN at the epochs not in @qcode{"ci_epochs"}; each
## estimator's are @code{mi.(name).IXT_ci}, @code{ITY_ci} (@code{ib_plane} draws them
## with @code{"ci", true}).
## @item loss_train, loss_test, acc_train, acc_test
## E x R mean cross-entropy (nats) and accuracy at the recorded epochs.
## @item grad_mean_norm, grad_std_norm, weight_norm
## E x L x R, per weight layer W_l, over the minibatch gradients of W_l during the recorded
## epoch: the Frobenius norm of their mean, the square root of the sum over the weights of
## their variance across the epoch's batches (1/B normalisation: 0 for full-batch
## training), and the Frobenius norm of W_l after the epoch (NaN gradient statistics at
## epoch 0).  Their ratio is the signal-to-noise ratio of Saxe et al. (2018, Fig. 5) and of
## the paper's drift and diffusion phases (see @code{ib_snr}).  The paper's own code
## plots the norms of the mean and of the standard deviation per layer; here each is
## one number per layer and epoch, computed in the core from every batch of the epoch.
## @item W, b
## Final weights and biases, cell arrays: W@{l@} is fan-in x fan-out x R, b@{l@} is
## 1 x fan-out x R.
## @item quantize_range
## With @qcode{"quantize"}, 2 x L: the range [lo; hi] of each layer's levels ([] without).
## @item seeds, runs
## The seeds of the runs (1 x R) and R.
## @item H_X, H_Y, I_XY, n_inputs
## Entropy of the input rows and of the labels and their mutual information, in bits, and
## the number of distinct input rows (of the rows MI is measured on).
## @item options, classes, train_idx, test_idx, n_train, elapsed, completed, state
## The options used, the label values, each run's split (n_train x R, n_test x R), the
## wall time, whether all epochs ran, and the state that @qcode{"resume"} continues from.
## @end table
##
## The result of a 50-run experiment of the paper's setting is about 60 MB; it saves with
## @code{ib_save} (MATLAB v7 format).
##
## Errors have the ids @code{ib:ib_train:invalid_data} (@var{X} not a non-empty, finite,
## real matrix), @code{ib:ib_train:invalid_labels} (@var{y} not a real vector of finite
## integers with at least two classes), @code{ib:ib_train:size_mismatch},
## @code{ib:ib_train:unknown_option} (an option name that is not a string or not known),
## @code{ib:ib_train:missing_value} (a name without a value),
## @code{ib:ib_train:invalid_option} (a bad value, a @qcode{"bin_width"} giving more than
## 2^24 edges, @qcode{"knn"} without more than @qcode{"k"} samples or without a class of
## two), @code{ib:ib_train:invalid_resume} (a @qcode{"resume"} that is not a result of
## @code{ib_train} on this data set, or that changes its options),
## @code{ib:ib_train:invalid_state} (its state does not fit the network),
## @code{ib:ib_train:bad_ci} (a @qcode{"ci"} level not in (0, 1), bad
## @qcode{"resamples"}, @qcode{"ci_epochs"} outside @qcode{"mi_epochs"} or without
## @qcode{"ci"}, @qcode{"ci"} with @qcode{"renyi"}),
## @code{ib:ib_train:exact_needs_quantize} (@qcode{"exact"} without @qcode{"quantize"}),
## @code{ib:ib_train:too_large} (a network, data set or @qcode{"renyi"} run larger than
## the memory available, or @qcode{"renyi"} on more than 20000 samples),
## @code{ib:ib_train:diverged} (NaN or Inf in the loss, or a weight beyond 1e100),
## @code{ib:ib_train:interrupted} (Ctrl-C), and those of a failure in the
## core: @code{ib:ib_train:out_of_memory}, @code{nonfinite}, @code{numeric} and
## @code{invalid_argument} (e.g. @qcode{"bin"} on unbounded activations beyond +-3.4e38).
##
## Example:
## @example
## [X, y] = ib_dataset ("tishby");
## res = ib_train (X, y, "epochs", 500, "seed", 1);
## ib_plane (res);
## res = ib_train (X, y, "epochs", 500, "ci", 0.9, "ci_epochs", [10 100 500]);
## ib_plane (res, "ci", true);                           # the intervals as bars
## many = ib_train (X, y, "epochs", 500, "runs", 10);   # ten networks at once
## ib_plane (many);                                      # the mean trajectories
## q = ib_train (X, y, "epochs", 500, "quantize", 8, "estimator", "exact");
## ib_plane (q);                                         # the exact plane of 8 bits
## @end example
## @seealso{ib_plane, ib_dataset, ib_mi, ib_layer_mi}
## Options that the chosen optimiser or estimators do not use (e.g. @qcode{"momentum"}
## with Adam, @qcode{"noise_var"} without @qcode{"kde"}) warn with
## @code{ib:ib_train:unused_option}.
## @end deftypefn

function res = ib_train (X, y, varargin)

  if (nargin < 2)
    print_usage ();
  endif
  args = option_pairs (varargin);
  at = find (strcmpi (args(1:2:end), "resume"), 1, "last") * 2;
  if (! isempty (at) && isstruct (args{at}) && numel (args{at}) > 1)
    res = resume_each (X, y, args, at);   # a struct array, one result per fraction
    return;
  endif
  [X, y_codes, classes] = check_data (X, y);
  opts = train_options (args);
  if (strcmp (opts.output, "sigmoid") && numel (classes) != 2)
    error ("ib:ib_train:invalid_option",
           "ib_train: \"output\" \"sigmoid\" needs two classes, not %d", numel (classes));
  endif
  if (numel (opts.train_fraction) > 1)
    res = fraction_sweep (X, y, args, opts);
    return;
  endif
  if (! isempty (opts.resume))
    opts = train_resume (opts, columns (X), rows (X), numel (classes));
  endif
  train_check_size (X, opts, numel (classes));
  train_warn_unused (opts);

  [train_idx, test_idx, mi_idx] = train_rows (opts, rows (X), y_codes);
  config = train_config (opts, columns (X), numel (classes), rows (X), mi_idx);
  res = train_result (X(mi_idx(:, 1),:), y_codes(mi_idx(:, 1)), classes, opts, train_idx,
                      test_idx);
  if (isempty (opts.resume))
    res.state = __ib_train__ ("init", X, y_codes, train_idx, test_idx, config);
  endif
  data = struct ("X", X, "y_codes", y_codes, "train_idx", train_idx, "test_idx", test_idx,
                 "mi_idx", mi_idx);
  res = run_chunks (res, data, config, opts);

endfunction

## The training loop: chunks of about 0.5 s of __ib_train__ ("run") until "epochs", each
## appended to RES, with the intervals of "ci", the progress line and the checkpoints.
## However it ends (done, an error, a Ctrl-C), the result so far is finished, saved to the
## checkpoint and, unless done, left in ib_interrupted; a Ctrl-C raises
## ib:ib_train:interrupted.
function res = run_chunks (res, data, config, opts)
  X = data.X;
  y_codes = data.y_codes;
  chunk_seconds = 0.5;     # a Ctrl-C between two chunks waits at most for one of them
  t_start = tic ();
  elapsed_before = res.elapsed;
  epoch_start = res.state.epoch;
  last_save = tic ();
  completed = interrupted = false;
  progress = train_progress (opts.verbose);
  unwind_protect
    if (! isempty (opts.checkpoint))   # a folder that cannot take it is known at once
      train_checkpoint (opts.checkpoint, train_finish (res, false));
    endif
    do     # at least once, so that epoch 0 is recorded even when "epochs" is 0
      ## a Ctrl-C inside the call stops it between two minibatches and comes back here as
      ## `interrupted`, with everything up to the last completed epoch
      ## the epochs still to record (epoch 0 may be recorded while the state is at epoch 0)
      mi_left = opts.mi_epochs;
      if (! isempty (res.epochs))
        mi_left = mi_left(mi_left > res.epochs(end));
      endif
      ## a chunk ends at the next epoch with intervals, whose weights they need
      target = min ([opts.epochs; mi_left(ismember (mi_left, opts.ci_epochs))]);
      [state, hist, interrupted] = __ib_train__ ("run", X, y_codes, data.train_idx,
                                                 data.test_idx, config, res.state, target,
                                                 chunk_seconds, mi_left);
      ## one assignment: res and res.state always describe the same epoch
      res = train_add_chunk (res, hist, state, elapsed_before + toc (t_start),
                             opts.estimator);
      if (! isempty (opts.ci) && ! interrupted)
        res = train_intervals (res, X, y_codes, data.mi_idx, config, opts);
      endif
      progress (res, opts.epochs, epoch_start, toc (t_start));
      if (! isempty (opts.checkpoint) && toc (last_save) >= opts.checkpoint_seconds)
        train_checkpoint (opts.checkpoint, train_finish (res, false));
        last_save = tic ();
      endif
    until (interrupted || res.state.epoch >= opts.epochs)
    completed = ! interrupted;
  unwind_protect_cleanup
    ## reached on success, on an error and on a Ctrl-C between two chunks
    res = train_finish (res, completed);
    progress ();
    if (! completed)
      assignin ("base", "ib_interrupted", res);
      if (! interrupted)
        warning ("ib:ib_train:interrupted",
                 "ib_train: stopped at epoch %d of %d; the result so far is in ib_interrupted",
                 res.state.epoch, opts.epochs);
      endif
    endif
    if (! isempty (opts.checkpoint))
      train_checkpoint (opts.checkpoint, res);
    endif
  end_unwind_protect
  if (interrupted)
    error ("ib:ib_train:interrupted",
           ["ib_train: interrupted at epoch %d of %d; the result so far is in ib_interrupted " ...
            "(continue with ib_train (X, y, \"resume\", ib_interrupted))"],
           res.state.epoch, opts.epochs);
  endif
endfunction

## Each element of a struct array of results resumed as its own call.
function res = resume_each (X, y, args, at)
  parts = args{at};
  for i = 1:numel (parts)
    args{at} = parts(i);
    res(i) = ib_train (X, y, args{:});
  endfor
  res = reshape (res, size (parts));
endfunction

## One result per training-set fraction (a struct array), each trained as its own call.
function res = fraction_sweep (X, y, args, opts)
  fractions = opts.train_fraction(:)';
  at = find (strcmpi (args(1:2:end), "train_fraction"), 1, "last") * 2;
  for i = 1:numel (fractions)
    args{at} = fractions(i);
    res(i) = ib_train (X, y, args{:});
  endfor
  res = reshape (res, size (opts.train_fraction));
endfunction

## The options as one cell of name, value pairs: a scalar struct of options (first) and
## name, value pairs.
function args = option_pairs (args)
  if (! isempty (args) && isstruct (args{1}))
    if (! isscalar (args{1}))
      error ("ib:ib_train:invalid_option",
             "ib_train: options given as a struct must be one struct, not an array");
    endif
    s = args{1};
    names = fieldnames (s)';
    args = [[names; struct2cell(s)'](:)', args(2:end)];
  endif
  if (mod (numel (args), 2) != 0)
    if (ischar (args{end}))
      error ("ib:ib_train:missing_value", "ib_train: option \"%s\" has no value", args{end});
    endif
    error ("ib:ib_train:missing_value", "ib_train: options must be NAME, VALUE pairs");
  endif
endfunction

function [X, y_codes, classes] = check_data (X, y)
  if (! (isnumeric (X) || islogical (X)) || ! isreal (X) || ndims (X) != 2 || isempty (X))
    error ("ib:ib_train:invalid_data", "ib_train: X must be a non-empty real matrix");
  endif
  X = full (double (X));
  if (! all (isfinite (X(:))))
    error ("ib:ib_train:invalid_data", "ib_train: X contains NaN or Inf");
  endif
  if (! (isnumeric (y) || islogical (y)) || ! isvector (y) || ! isreal (y))
    error ("ib:ib_train:invalid_labels", "ib_train: y must be a real vector of labels");
  endif
  if (numel (y) != rows (X))
    error ("ib:ib_train:size_mismatch",
           "ib_train: X has %d rows but y has %d labels", rows (X), numel (y));
  endif
  y = full (double (y(:)));
  if (! all (isfinite (y)) || any (y != round (y)))
    error ("ib:ib_train:invalid_labels", "ib_train: labels must be finite integers");
  endif
  [classes, ~, y_codes] = unique (y);
  if (numel (classes) < 2)
    error ("ib:ib_train:invalid_labels", "ib_train: need at least two classes");
  endif
  y_codes = y_codes(:) - 1;
endfunction

%!shared X, y
%! ## a small learnable task: 256 binary patterns of 8 units, label = a smooth function
%! X = double (dec2bin (0:255, 8) == "1");
%! y = double (X * [1; -2; 1; 1; -1; 2; -1; 1] + 0.5 * X(:,1) .* X(:,2) > 0.5);

%!test
%! res = ib_train (X, y, "layers", [6 4], "epochs", 30, "mi_epochs", [1 10 30],
%!                 "verbose", false, "seed", 3);
%! assert (res.epochs, [1; 10; 30]);
%! assert (size (res.IXT), [3 3]);
%! assert (size (res.ITY), [3 3]);
%! assert (res.completed);
%! assert (size (res.W{1}), [8 6]);
%! assert (size (res.W{3}), [4 2]);
%! assert (size (res.b{2}), [1 4]);
%! ## information-theoretic bounds hold at every epoch and layer
%! assert (res.H_X, 8, 1e-12);
%! assert (all (res.IXT(:) >= -1e-12 & res.IXT(:) <= res.H_X + 1e-12));
%! assert (all (res.ITY(:) >= -1e-12 & res.ITY(:) <= res.I_XY + 1e-12));
%! assert (all (res.ITY(:) <= res.IXT(:) + 1e-12));
%! ## inputs are distinct rows, so y is a function of x: I(X;Y) = H(Y)
%! assert (res.I_XY, res.H_Y, 1e-12);
%! assert (isnan (res.IXT_lower));
%! assert (res.n_train, round (0.8 * 256));
%! assert (sort ([res.train_idx; res.test_idx]), (1:256)');

%!test
%! ## the same seed gives an identical result, another seed a different one
%! args = {"layers", [5 3], "epochs", 15, "mi_epochs", [5 15], "verbose", false};
%! a = ib_train (X, y, args{:}, "seed", 7);
%! b = ib_train (X, y, args{:}, "seed", 7);
%! c = ib_train (X, y, args{:}, "seed", 8);
%! assert (isequaln (rmfield (a, "elapsed"), rmfield (b, "elapsed")));
%! assert (! isequal (a.W, c.W));
%! assert (! isequal (a.train_idx, c.train_idx));

%!test
%! ## resuming an interrupted run gives exactly the uninterrupted run
%! args = {"layers", [5 3], "mi_epochs", [2 6 12], "verbose", false, "seed", 2};
%! full = ib_train (X, y, args{:}, "epochs", 12);
%! warning ("off", "ib:ib_train:mi_epochs_beyond", "local");
%! half = ib_train (X, y, args{:}, "epochs", 6);
%! rest = ib_train (X, y, "resume", half, "epochs", 12, "verbose", false);
%! assert (rest.epochs, full.epochs);
%! assert (isequal (rest.W, full.W));
%! assert (isequal (rest.IXT, full.IXT) && isequal (rest.ITY, full.ITY));
%! assert (isequal (rest.loss_train, full.loss_train));

%!test
%! ## "runs": run r is the single run with seed + r - 1, bit for bit, with 1 or 2 threads
%! args = {"layers", [5 3], "epochs", 12, "mi_epochs", [0 3 12], "verbose", false};
%! one = arrayfun (@(s) ib_train (X, y, args{:}, "seed", s), 7:9);
%! for threads = [1 2]
%!   many = ib_train (X, y, args{:}, "seed", 7, "runs", 3, "threads", threads);
%!   assert (size (many.IXT), [3 3 3]);
%!   assert (size (many.loss_train), [3 3]);
%!   assert (size (many.grad_mean_norm), [3 3 3]);
%!   assert (size (many.W{1}), [8 5 3]);
%!   assert (size (many.b{2}), [1 3 3]);
%!   assert (many.seeds, 7:9);
%!   for r = 1:3
%!     assert (isequal (many.IXT(:,:,r), one(r).IXT) && isequal (many.ITY(:,:,r), one(r).ITY));
%!     assert (isequal (many.mi.bin.IXT(:,:,r), one(r).mi.bin.IXT));
%!     assert (isequal (many.loss_train(:,r), one(r).loss_train));
%!     assert (isequal (many.acc_test(:,r), one(r).acc_test));
%!     assert (isequaln (many.grad_std_norm(:,:,r), one(r).grad_std_norm));
%!     assert (isequal (many.weight_norm(:,:,r), one(r).weight_norm));
%!     assert (isequal (many.train_idx(:,r), one(r).train_idx));
%!     assert (isequal (many.state.params(:,r), one(r).state.params));
%!     for l = 1:3
%!       assert (isequal (many.W{l}(:,:,r), one(r).W{l}) && isequal (many.b{l}(:,:,r), one(r).b{l}));
%!     endfor
%!   endfor
%!   assert (many.IXT_mean, mean (cat (3, one.IXT), 3), 1e-12);
%!   assert (many.ITY_std, std (cat (3, one.ITY), 0, 3), 1e-12);
%! endfor
%! assert (one(1).IXT_std, zeros (3, 3));
%! ## the runs differ from each other
%! assert (! isequal (one(1).W, one(2).W));

%!test
%! ## resuming a multi-run result gives the uninterrupted one
%! args = {"layers", [4], "mi_epochs", [1 5 9], "verbose", false, "seed", 1, "runs", 2};
%! full = ib_train (X, y, args{:}, "epochs", 9);
%! warning ("off", "ib:ib_train:mi_epochs_beyond", "local");
%! half = ib_train (X, y, args{:}, "epochs", 4);
%! rest = ib_train (X, y, "resume", half, "epochs", 9, "verbose", false, "threads", 1);
%! assert (isequal (rest.IXT, full.IXT) && isequal (rest.W, full.W));
%! assert (isequaln (rest.grad_mean_norm, full.grad_mean_norm));

%!test
%! ## a vector of training fractions: one result per fraction, each as its own call
%! args = {"layers", 3, "epochs", 3, "verbose", false, "seed", 5};
%! res = ib_train (X, y, args{:}, "train_fraction", [0.25 0.75]);
%! assert (size (res), [1 2]);
%! assert ([res.n_train], round ([0.25 0.75] * 256));
%! one = ib_train (X, y, args{:}, "train_fraction", 0.75);
%! assert (isequal (res(2).W, one.W) && isequal (res(2).IXT, one.IXT));
%! assert (res(2).options.train_fraction, 0.75);

%!test
%! ## "mi_rows": all rows listed is "all"; "train" is MI of the train rows alone
%! args = {"layers", [4 3], "epochs", 5, "mi_epochs", 5, "verbose", false, "seed", 3, ...
%!         "runs", 2};
%! a = ib_train (X, y, args{:});
%! b = ib_train (X, y, args{:}, "mi_rows", 1:256);
%! assert (isequal (a.IXT, b.IXT) && isequal (a.ITY, b.ITY) && isequal (a.W, b.W));
%! t = ib_train (X, y, args{:}, "mi_rows", "train");
%! assert (isequal (t.W, a.W) && isequal (t.loss_train, a.loss_train));
%! assert (t.H_X, log2 (t.n_train), 1e-12);
%! for r = 1:2
%!   rows = t.train_idx(:, r);
%!   A = X(rows, :);
%!   for l = 1:3
%!     A = A * t.W{l}(:,:,r) + t.b{l}(:,:,r);
%!     if (l < 3)
%!       A = tanh (A);
%!     else
%!       A = exp (A - max (A, [], 2));  A ./= sum (A, 2);
%!     endif
%!     [ixt, ity] = ib_layer_mi (A, X(rows,:), y(rows), "range", [-1 1]);
%!     assert ([t.IXT(1,l,r), t.ITY(1,l,r)], [ixt, ity], 1e-9);
%!   endfor
%! endfor
%! s = ib_train (X, y, args{:}, "mi_rows", 10:60);
%! assert (all (s.IXT(:) <= log2 (51) + 1e-12));
%!error id=ib:ib_train:invalid_option ib_train (X, y, "mi_rows", "some")
%!error id=ib:ib_train:invalid_option ib_train (X, y, "mi_rows", [1 1 2])
%!error id=ib:ib_train:invalid_option ib_train (X, y, "mi_rows", 300, "epochs", 1)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "mi_rows", "test", "train_fraction", 1)

%!test
%! ## a sigmoid output: one unit, learns the task, binned on [0, 1]
%! res = ib_train (X, y, "layers", [8], "output", "sigmoid", "learning_rate", 0.01,
%!                 "batch_size", 32, "epochs", 60, "mi_epochs", [1 60], "verbose", false);
%! assert (res.widths, [8 8 1]);
%! assert (size (res.W{2}), [8 1]);
%! assert (res.acc_train(end) > 0.85);
%! assert (res.ITY(end, 2) <= res.I_XY + 1e-12 && res.ITY(end, 2) > res.ITY(1, 2));
%! ## its loss is the binary cross-entropy of the network's p, recomputed here
%! A = tanh (X(res.train_idx, :) * res.W{1} + res.b{1});
%! p = 1 ./ (1 + exp (-(A * res.W{2} + res.b{2})));
%! t = y(res.train_idx);
%! assert (res.loss_train(end), -mean (t .* log (p) + (1 - t) .* log (1 - p)), 1e-12);
%!error id=ib:ib_train:invalid_option ib_train (X, mod (1:256, 3)', "output", "sigmoid")
%!error id=ib:ib_train:invalid_option ib_train (X, y, "output", "linear")
%!test
%! ## single precision: bit-identical runs whatever the threads, losses as float32
%! ## arithmetic from the stored weights gives them
%! a = ib_train (X, y, "precision", "single", "runs", 2, "threads", 1, "epochs", 30,
%!               "verbose", false);
%! b = ib_train (X, y, "precision", "single", "runs", 2, "threads", 2, "epochs", 30,
%!               "verbose", false);
%! c = ib_train (X, y, "precision", "single", "seed", 1, "epochs", 30, "verbose", false);
%! assert (isequal (a.W, b.W) && isequal (a.IXT, b.IXT) && isequal (a.loss_train, b.loss_train));
%! assert (isequal (a.W{2}(:,:,2), c.W{2}) && isequal (a.ITY(:,:,2), c.ITY));
%! assert (c.options.precision, "single");
%! h = single (X(c.train_idx, :));
%! for l = 1:numel (c.W) - 1
%!   h = tanh (h * single (c.W{l}) + single (c.b{l}));
%! endfor
%! z = double (h * single (c.W{end}) + single (c.b{end}));
%! p = exp (z - max (z, [], 2)); p ./= sum (p, 2);
%! t = y(c.train_idx) == unique (y)';
%! assert (c.loss_train(end), -mean (log (p(t))), 1e-5);
%!error id=ib:ib_train:invalid_option ib_train (X, y, "precision", "half")
%!test
%! ## a wide network (input 70 > 64: the BLAS path) in single precision: the loss is that
%! ## of a float32 forward pass of the returned weights, and close to double's
%! Xw = rand (300, 70) - 0.5;  yw = double (sum (Xw(:, 1:5), 2) > 0);
%! s = ib_train (Xw, yw, "layers", [80 6], "epochs", 5, "precision", "single", "seed", 2,
%!               "mi_epochs", [0 5], "verbose", false);
%! d = ib_train (Xw, yw, "layers", [80 6], "epochs", 5, "seed", 2, "mi_epochs", [0 5],
%!               "verbose", false);
%! assert (s.options.precision, "single");
%! h = single (Xw(s.train_idx, :));
%! for l = 1:numel (s.W) - 1
%!   h = tanh (h * single (s.W{l}) + single (s.b{l}));
%! endfor
%! z = double (h * single (s.W{end}) + single (s.b{end}));
%! p = exp (z - max (z, [], 2)); p ./= sum (p, 2);
%! t = yw(s.train_idx) == [0 1];
%! assert (s.loss_train(end), -mean (log (p(t))), 1e-5);
%! assert (s.loss_train(end), d.loss_train(end), 1e-3);
%! assert (all (s.ITY(:) >= 0) && all (s.IXT(:) >= s.ITY(:) - 1e-12));

%!test
%! ## the estimator options left to their defaults are stored with the values used
%! r = ib_train (X, y, "layers", 3, "epochs", 1, "verbose", false, "estimator", {"bin", "kde"});
%! assert (r.options.noise_var, 0.1);
%! assert (isempty (r.options.k));
%! s = ib_train (X, y, "layers", 3, "epochs", 1, "verbose", false, "estimator", "kde",
%!               "noise_var", 0.1);
%! assert (isequal (r.mi.kde.IXT, s.mi.kde.IXT));

%!test
%! ## "renyi_method" reaches the estimator: alpha 2 by the Frobenius norm equals the eigenvalues
%! args = {"layers", 3, "epochs", 2, "mi_epochs", 2, "verbose", false, "estimator", "renyi", ...
%!         "alpha", 2};
%! a = ib_train (X, y, args{:}, "renyi_method", "exact_power");
%! b = ib_train (X, y, args{:}, "renyi_method", "eig");
%! assert (a.IXT, b.IXT, 1e-10);
%! assert (a.ITY, b.ITY, 1e-10);
%!error id=ib:ib_train:invalid_option
%! ib_train (X, y, "estimator", "renyi", "alpha", 1.5, "renyi_method", "exact_power");

%!test
%! ## an array of results (one per fraction) resumes element by element
%! args = {"layers", 3, "verbose", false, "seed", 5, "mi_epochs", [2 4]};
%! warning ("off", "ib:ib_train:mi_epochs_beyond", "local");
%! half = ib_train (X, y, args{:}, "epochs", 2, "train_fraction", [0.5 0.75]);
%! rest = ib_train (X, y, "resume", half, "epochs", 4, "verbose", false);
%! full = ib_train (X, y, args{:}, "epochs", 4, "train_fraction", [0.5 0.75]);
%! assert (size (rest), [1 2]);
%! assert (isequal (rest(2).W, full(2).W) && isequal (rest(1).IXT, full(1).IXT));

%!test
%! ## saturation: a wide first layer tells all 256 inputs apart, a 1-unit layer cannot
%! r = ib_train (X, y, "layers", [16 1], "epochs", 20, "mi_epochs", [5 20], "verbose", false);
%! assert (r.n_inputs, 256);
%! assert (r.mi.bin.saturated, r.IXT >= 8 - 1e-9);
%! assert (all (r.mi.bin.saturated(:, 1)) && ! any (r.mi.bin.saturated(:, 2)));

%!test
%! ## options as a struct are the same options as name, value pairs
%! a = ib_train (X, y, struct ("layers", 3, "epochs", 4, "verbose", false), "seed", 2);
%! b = ib_train (X, y, "layers", 3, "epochs", 4, "verbose", false, "seed", 2);
%! assert (isequal (a.W, b.W) && isequal (a.IXT, b.IXT));

%!warning <not used> ib_train (X, y, "layers", 3, "epochs", 1, "verbose", false, "momentum", 0.5);
%!warning <not used> ib_train (X, y, "layers", 3, "epochs", 1, "verbose", false, "noise_var", 0.5);
%!warning id=ib:ib_train:unused_option
%! ib_train (X, y, "layers", 3, "epochs", 1, "verbose", false, "k", 4);
%!warning id=ib:ib_train:mi_epochs_beyond
%! ib_train (X, y, "layers", 3, "epochs", 2, "verbose", false, "mi_epochs", [1 5]);

%!test
%! ## epoch 0 records the untrained network; a checkpoint file holds the result
%! f = [tempname() ".bin"];
%! res = ib_train (X, y, "layers", [4], "epochs", 3, "mi_epochs", [0 3], "verbose", false,
%!                 "checkpoint", f);
%! assert (res.epochs, [0; 3]);
%! s = load (f);
%! unlink (f);
%! assert (s.ib_result.epochs, res.epochs);
%! assert (s.ib_result.W, res.W);

%!function lr = ifelse_lr (opt)
%!  if (strcmp (opt, "adam")) lr = 0.01; else lr = 0.1; endif
%!endfunction
%!test
%! ## every activation and both optimisers learn the task
%! for act = {"tanh", "relu", "sigmoid", "linear", "softsign", "softplus"}
%!   for opt = {"adam", "sgd"}
%!     lr = ifelse_lr (opt{1});
%!     res = ib_train (X, y, "layers", [8], "activation", act{1}, "optimizer", opt{1},
%!                     "learning_rate", lr, "batch_size", 32, "epochs", 60,
%!                     "mi_epochs", 60, "verbose", false, "train_fraction", 1);
%!     assert (res.acc_train(end) > 0.85, sprintf ("%s/%s: %g", act{1}, opt{1}, res.acc_train(end)));
%!     assert (isnan (res.loss_test(end)));
%!   endfor
%! endfor

%!test
%! ## the relu network's hidden layers are binned over their observed range
%! res = ib_train (X, y, "layers", [6], "activation", "relu", "epochs", 5,
%!                 "mi_epochs", 5, "verbose", false);
%! assert (res.IXT(1) > 0);

%!test
%! ## the paper's network on the 12-bit data learns and its output keeps the label
%! [X12, y12] = ib_dataset ("tishby");
%! res = ib_train (X12, y12, "epochs", 300, "learning_rate", 0.01, "batch_size", 128,
%!                 "mi_epochs", [1 300], "verbose", false, "seed", 1);
%! assert (res.acc_train(end) > 0.90);
%! assert (res.ITY(end, end) > 0.7 * res.I_XY);
%! assert (res.ITY(end, end) > res.ITY(1, end));

%!error <Invalid call> ib_train ()
%!error id=ib:ib_train:missing_value ib_train (X, y, "epochs")
%!error id=ib:ib_train:missing_value ib_train (X, y, "epochs", 3, 4)
%!error id=ib:ib_train:invalid_option ib_train (X, y, struct ("epochs", {1, 2}))
%!error id=ib:ib_train:invalid_data ib_train ([], [])
%!error id=ib:ib_train:invalid_data ib_train ([1 NaN; 0 1], [0; 1])
%!error id=ib:ib_train:invalid_data ib_train ({1, 2}, [0; 1])
%!error id=ib:ib_train:size_mismatch ib_train (X, y(1:10))
%!error id=ib:ib_train:invalid_labels ib_train (X, y + 0.5)
%!error id=ib:ib_train:invalid_labels ib_train (X, zeros (256, 1))
%!error id=ib:ib_train:invalid_labels ib_train (X, "a")
%!error id=ib:ib_train:unknown_option ib_train (X, y, "layer", 3)
%!error id=ib:ib_train:unknown_option ib_train (X, y, 3, 3)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "layers", [3 0])
%!error id=ib:ib_train:invalid_option ib_train (X, y, "activation", "swish")
%!error id=ib:ib_train:invalid_option ib_train (X, y, "learning_rate", -1)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "batch_size", 0.5)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "epochs", -1)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "train_fraction", 0)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "seed", -1)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "mi_epochs", [1.5 2])
%!error id=ib:ib_train:invalid_option ib_train (X, y, "estimator", "histogram")
%!error id=ib:ib_train:invalid_option ib_train (X, y, "bins", 0)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "bins", 2^24 + 1)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "noise_var", -1)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "kernel_width", Inf)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "range", [1 -1])
%!error id=ib:ib_train:invalid_option ib_train (X, y, "momentum", 1)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "verbose", "yes")
%!error id=ib:ib_train:invalid_option ib_train (X, y, "runs", 0)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "runs", 2.5)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "threads", 0)
%!error id=ib:ib_train:invalid_option ib_train (X, y, "checkpoint_seconds", -1)
%!error id=ib:ib_train:invalid_resume ib_train (X, y, "resume", struct ("a", 1))
%!test
%! ## a result saved before an option existed resumes with that option's default
%! a = ib_train (X, y, "epochs", 4, "verbose", false);
%! old = a;  old.options = rmfield (old.options, {"precision", "ci", "ci_epochs", "resamples"});
%! b = ib_train (X, y, "resume", old, "epochs", 8, "verbose", false);
%! c = ib_train (X, y, "epochs", 8, "verbose", false);
%! assert (isequal (b.W, c.W) && isequal (b.IXT, c.IXT));
%! old.options.no_such_option = 1;
%! fail ("ib_train (X, y, \"resume\", old)", "do not have the fields");
%!error id=ib:ib_train:invalid_state
%! r = ib_train (X, y, "layers", 3, "epochs", 1, "mi_epochs", [], "verbose", false);
%! r.state.params = r.state.params(1:3);
%! ib_train (X, y, "resume", r, "epochs", 2, "verbose", false);
%!test
%! evalin ("base", "clear ib_interrupted");
## the gateway's own checks, behind those of ib_train
%!error id=ib:ib_train:invalid_call __ib_train__ ("fly")
%!error id=ib:ib_train:invalid_type __ib_train__ ("permutation", "n", 1)
%!error id=ib:ib_train:invalid_index __ib_train__ ("init", X, y - 1, 1:10, [], struct ())
%!error id=ib:ib_train:invalid_config __ib_train__ ("init", X, y, 1:10, [], 5)
%!error id=ib:ib_train:too_large ib_train (X, y, "layers", [1e5 1e5], "epochs", 1)
%!error id=ib:ib_train:diverged
%! warning ("off", "ib:ib_train:interrupted", "local");
%! ib_train (X, y, "learning_rate", 1e300, "optimizer", "sgd", "activation", "linear",
%!           "epochs", 5, "verbose", false);
%!test
%! ## the failed run above left its partial result in the base workspace
%! assert (evalin ("base", "ib_interrupted.completed"), false);
%! evalin ("base", "clear ib_interrupted");
