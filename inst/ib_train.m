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
## @qcode{"single"}, float32 as the paper's TensorFlow code, for networks whose widths
## (the input's too) are all at most 64.  Single precision puts 16 rows in a vector
## instead of 8: training runs about 1.7x as fast here.  The weights, the optimiser's
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
## package's own vector kernel (one row per SIMD lane; AVX-512, AVX2 or baseline x86-64
## picked at run time, all three giving the same bits).  Wider ones (MNIST's 784 inputs)
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
## @code{ib:ib_train:interrupted}.  Nothing recorded up to the last completed epoch is lost:
## the partial result is put in the variable @code{ib_interrupted} of the base workspace
## (and saved to the checkpoint file, if any); continue it with
## @code{res = ib_train (X, y, "resume", ib_interrupted)}, which gives exactly the result of
## an uninterrupted call.  The progress line is rewritten in place on a terminal and
## printed as a new line every 10 s otherwise (a log file).
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
  opts = parse_options (args);
  if (strcmp (opts.output, "sigmoid") && numel (classes) != 2)
    error ("ib:ib_train:invalid_option",
           "ib_train: \"output\" \"sigmoid\" needs two classes, not %d", numel (classes));
  endif
  if (numel (opts.train_fraction) > 1)
    res = fraction_sweep (X, y, args, opts);
    return;
  endif
  if (! isempty (opts.resume))
    opts = resume_options (opts);
    opts.resume = check_resume (opts.resume, opts, columns (X), rows (X), numel (classes));
  endif
  check_size (X, opts, numel (classes));
  warn_unused (opts);

  n = rows (X);
  if (isempty (opts.resume))
    [train_idx, test_idx] = run_splits (n, opts);
  else
    train_idx = opts.resume.train_idx;
    test_idx = opts.resume.test_idx;
  endif
  mi_idx = mi_rows_of (opts.mi_rows, n, train_idx, test_idx);
  check_estimators (opts, y_codes(mi_idx(:, 1)));

  config = core_config (opts, columns (X), numel (classes), n);
  config.mi_rows = mi_idx;
  if (isequal (opts.mi_rows, "all"))
    config.mi_rows = [];                # the core's own whole-set path
  endif
  res = new_result (X(mi_idx(:, 1),:), y_codes(mi_idx(:, 1)), classes, opts, train_idx,
                    test_idx);
  if (isempty (opts.resume))
    res.state = __ib_train__ ("init", X, y_codes, train_idx, test_idx, config);
  else
    res = append_history (res, opts.resume);
  endif

  chunk_seconds = 0.5;     # a Ctrl-C between two chunks waits at most for one of them
  t_start = tic ();
  elapsed_before = res.elapsed;
  epoch_start = res.state.epoch;
  last_save = tic ();
  completed = interrupted = false;
  progress = progress_printer (opts.verbose);
  unwind_protect
    if (! isempty (opts.checkpoint))   # a folder that cannot take it is known at once
      save_checkpoint (opts.checkpoint, finish_result (res, false));
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
      [state, hist, interrupted] = __ib_train__ ("run", X, y_codes, train_idx, test_idx,
                                                 config, res.state, target,
                                                 chunk_seconds, mi_left);
      ## one assignment: res and res.state always describe the same epoch
      res = add_chunk (res, hist, state, elapsed_before + toc (t_start), opts.estimator);
      if (! isempty (opts.ci) && ! interrupted)
        res = add_intervals (res, X, y_codes, mi_idx, config, opts);
      endif
      progress (res, opts.epochs, epoch_start, toc (t_start));
      if (! isempty (opts.checkpoint) && toc (last_save) >= opts.checkpoint_seconds)
        save_checkpoint (opts.checkpoint, finish_result (res, false));
        last_save = tic ();
      endif
    until (interrupted || res.state.epoch >= opts.epochs)
    completed = ! interrupted;
  unwind_protect_cleanup
    ## reached on success, on an error and on a Ctrl-C between two chunks
    res = finish_result (res, completed);
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
      save_checkpoint (opts.checkpoint, res);
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

function opts = parse_options (args)
  opts = struct ("layers", [10 7 5 4 3], "activation", "tanh", "optimizer", "adam",
                 "learning_rate", [], "momentum", 0.9, "beta1", 0.9, "beta2", 0.999,
                 "epsilon", 1e-8, "batch_size", 512, "epochs", 8000,
                 "train_fraction", 0.8, "seed", 0, "runs", 1, "threads", [], "mi_epochs", [],
                 "mi_rows", "all", "output", "softmax", "precision", "double",
                 "estimator", "bin", "bins", 30, "range", [], "bin_width", [],
                 "adaptive_bins", [], "noise_var", [], "k", [], "alpha", [],
                 "kernel_width", [], "renyi_method", [], "verbose", true, "checkpoint", "", "checkpoint_seconds", 30,
                 "resume", [], "ci", [], "ci_epochs", [], "resamples", [],
                 "quantize", 0, "quantize_range", []);
  given = {};
  for i = 1:2:numel (args)
    name = args{i};
    if (! ischar (name) || ! isrow (name))
      error ("ib:ib_train:unknown_option", "ib_train: option names must be strings");
    endif
    name = lower (name);
    if (! isfield (opts, name))
      error ("ib:ib_train:unknown_option", "ib_train: unknown option '%s'", name);
    endif
    opts.(name) = args{i+1};
    given{end+1} = name;
  endfor
  opts.given = given;

  ## numbers: real numeric or logical scalars of any class, used as doubles; [] keeps the
  ## default of the options that have one
  is_real = @(v) (isnumeric (v) || islogical (v)) && isreal (v) && isscalar (v);
  is_count = @(v) is_real (v) && isfinite (v) && v == round (v) && v >= 1;
  is_pos = @(v) is_real (v) && isfinite (v) && v > 0;
  is_unit = @(v) is_real (v) && v >= 0 && v < 1;
  is_default = @(v) isnumeric (v) && isempty (v);
  bad = @(name, what) error ("ib:ib_train:invalid_option", "ib_train: \"%s\" must be %s", name, what);

  L = opts.layers;
  if (! (isnumeric (L) && isreal (L) && (isempty (L) || isvector (L)) && all (isfinite (L(:)))
         && all (L(:) >= 1) && all (L(:) == round (L(:)))))
    bad ("layers", "a vector of positive integer widths ([] for none)");
  endif
  opts.layers = full (double (L(:)'));
  opts.activation = check_choice (opts.activation, "activation", {"tanh", "relu", "sigmoid", "linear", "softsign", "softplus"});
  opts.optimizer = check_choice (opts.optimizer, "optimizer", {"adam", "sgd"});
  if (is_default (opts.learning_rate))
    opts.learning_rate = ifelse_str (opts.optimizer, "adam", 4e-4, 0.01);
  endif
  if (! is_pos (opts.learning_rate)) bad ("learning_rate", "a positive number"); endif
  if (! is_unit (opts.momentum)) bad ("momentum", "in [0, 1)"); endif
  for name = {"beta1", "beta2"}
    if (! is_unit (opts.(name{1}))) bad (name{1}, "in [0, 1)"); endif
  endfor
  if (! is_pos (opts.epsilon)) bad ("epsilon", "a positive number"); endif
  if (! is_count (opts.batch_size)) bad ("batch_size", "a positive integer"); endif
  v = opts.epochs;
  if (! (is_real (v) && v >= 0 && v == round (v) && v <= 1e9))
    bad ("epochs", "a non-negative integer (at most 1e9)");
  endif
  v = opts.train_fraction;
  if (! ((isnumeric (v) || islogical (v)) && isreal (v) && isvector (v) && all (v > 0 & v <= 1)))
    bad ("train_fraction", "in (0, 1] (or a vector of such fractions)");
  endif
  if (! isscalar (v) && ! is_default (opts.resume))
    bad ("train_fraction", "one fraction when resuming (resume each element of the array)");
  endif
  v = opts.seed;
  if (! (is_real (v) && v >= 0 && v == round (v) && v < 2^53))
    bad ("seed", "a non-negative integer");
  endif
  if (! (is_count (opts.runs) && opts.runs <= 10000))
    bad ("runs", "a positive integer (at most 10000)");
  endif
  if (is_default (opts.threads))
    opts.threads = default_threads ();
  elseif (! (is_count (opts.threads) && opts.threads <= 1024))
    bad ("threads", "a positive integer (at most 1024)");
  endif
  for name = {"learning_rate", "momentum", "beta1", "beta2", "epsilon", "batch_size", ...
              "epochs", "train_fraction", "seed", "runs", "threads"}
    opts.(name{1}) = full (double (opts.(name{1})));
  endfor
  if (is_default (opts.mi_epochs) && ! any (strcmp (given, "mi_epochs")))
    opts.mi_epochs = default_mi_epochs (opts.epochs);
  else
    v = opts.mi_epochs;
    if (! (isnumeric (v) && isreal (v) && (isempty (v) || isvector (v)) && all (v(:) >= 0)
           && all (v(:) == round (v(:))) && all (v(:) < 1e15)))
      bad ("mi_epochs", "a vector of non-negative integer epochs (below 1e15)");
    endif
    opts.mi_epochs = unique (full (double (v(:))));
    if (any (opts.mi_epochs > opts.epochs) && any (strcmp (given, "mi_epochs")))
      warning ("ib:ib_train:mi_epochs_beyond",
               ["ib_train: %d of the \"mi_epochs\" lie beyond \"epochs\" (%d): they are " ...
                "recorded only if the run is resumed that far"],
               sum (opts.mi_epochs > opts.epochs), opts.epochs);
    endif
  endif
  if (ischar (opts.estimator))
    opts.estimator = {opts.estimator};
  endif
  if (! iscellstr (opts.estimator) || isempty (opts.estimator))
    bad ("estimator", "a name or a cell array of names");
  endif
  opts.estimator = cellfun (@(e) check_choice (e, "estimator", {"bin", "adaptive", "kde", ...
                                                                "knn", "renyi", "exact"}),
                            opts.estimator(:)', "UniformOutput", false);
  opts.estimator = unique (opts.estimator, "stable");
  opts = check_quantize (opts, bad);
  ## the estimators' options: the parser of ib_mi, so that each has one set of limits
  est_names = {"bins", "range", "bin_width", "adaptive_bins", "noise_var", "k", "alpha", ...
               "kernel_width", "renyi_method"};
  est_args = {};
  if (any (strcmp (opts.estimator, "renyi")))
    est_args = {"estimator", "renyi"};   # so that alpha and renyi_method are checked together
  endif
  for name = est_names
    if (! is_default (opts.(name{1})))
      est_args(end+1:end+2) = {name{1}, opts.(name{1})};
    endif
  endfor
  parsed = mi_parse_options ("ib_train", est_args, {});
  for name = est_names
    if (! is_default (opts.(name{1})))
      opts.(name{1}) = parsed.(name{1});
    endif
  endfor
  if (! isempty (opts.bin_width) && any (strcmp (opts.estimator, "bin")))
    ## the widest range known before training: the given one, tanh's [-1 1], or the
    ## [0 1] of sigmoid units and of the softmax output
    span = 1;
    if (! isempty (opts.range))
      span = diff (opts.range);
    elseif (strcmp (opts.activation, "tanh"))
      span = 2;
    endif
    if (span / opts.bin_width >= 2^24 - 2)
      bad ("bin_width", sprintf ("at least %g (at most 2^24 edges over a range of %g)",
                                 span / (2^24 - 2), span));
    endif
  endif
  opts = interval_options (opts);
  opts.output = check_choice (opts.output, "output", {"softmax", "sigmoid"});
  opts.precision = check_choice (opts.precision, "precision", {"double", "single"});
  v = opts.mi_rows;
  if (ischar (v))
    opts.mi_rows = check_choice (v, "mi_rows", {"all", "train", "test"});
  elseif (! (isnumeric (v) && isreal (v) && isvector (v) && ! isempty (v) && all (v >= 1)
             && all (v == round (v)) && numel (unique (v)) == numel (v)))
    bad ("mi_rows", "\"all\", \"train\", \"test\" or a vector of distinct row indices");
  else
    opts.mi_rows = full (double (v(:)'));
  endif
  v = opts.verbose;
  if (! (is_real (v) && (v == 0 || v == 1)))
    bad ("verbose", "true or false");
  endif
  opts.verbose = logical (v);
  if (! ischar (opts.checkpoint) || ! (isempty (opts.checkpoint) || isrow (opts.checkpoint)))
    bad ("checkpoint", "a file name");
  endif
  v = opts.checkpoint_seconds;
  if (! (is_real (v) && v >= 0 && ! isnan (v))) bad ("checkpoint_seconds", "a number >= 0"); endif
  opts.checkpoint_seconds = full (double (v));
  if (! is_default (opts.resume) && ! (isstruct (opts.resume) && isscalar (opts.resume)
        && all (isfield (opts.resume, {"state", "options", "train_idx", "test_idx", "epochs"}))))
    error ("ib:ib_train:invalid_resume", "ib_train: \"resume\" must be a result of ib_train");
  endif
  if (is_default (opts.resume))
    opts.resume = [];
  endif
endfunction

## "quantize" (0: none, 4 or 8 bits), its "quantize_range" (unbounded activations only) and
## the "exact" estimator, which needs it.
function opts = check_quantize (opts, bad)
  v = opts.quantize;
  if (isempty (v))
    v = 0;
  endif
  if (! ((isnumeric (v) || islogical (v)) && isreal (v) && isscalar (v) && any (v == [0 4 8])))
    bad ("quantize", "4 or 8 (bits of the activations; 0 for none)");
  endif
  opts.quantize = full (double (v));
  v = opts.quantize_range;
  if (! isempty (v))
    if (! (isnumeric (v) && isreal (v) && numel (v) == 2 && all (isfinite (v)) && v(1) < v(2)))
      bad ("quantize_range", "[lo hi], finite with lo < hi");
    endif
    if (! opts.quantize || ! any (strcmp (opts.activation, {"relu", "linear", "softplus"})))
      bad ("quantize_range", ["given only with \"quantize\" and an unbounded activation " ...
                              "(relu, linear, softplus)"]);
    endif
    opts.quantize_range = full (double (v(:)'));
  endif
  if (any (strcmp (opts.estimator, "exact")) && ! opts.quantize)
    error ("ib:ib_train:exact_needs_quantize",
           ["ib_train: the \"exact\" estimator needs a quantized network: give " ...
            "\"quantize\", 4 or 8"]);
  endif
endfunction

## The range of each layer's levels (2 x L: lo; hi), [] for an unquantized network: tanh and
## softsign [-1, 1], sigmoid [0, 1], relu and softplus [0, 6], linear [-6, 6] (or
## "quantize_range"), the softmax or sigmoid output [0, 1].
function r = quantize_ranges (opts, L)
  r = [];
  if (! opts.quantize)
    return;
  endif
  switch (opts.activation)
    case {"tanh", "softsign"}
      hidden = [-1; 1];
    case "sigmoid"
      hidden = [0; 1];
    case {"relu", "softplus"}
      hidden = [0; 6];
    otherwise
      hidden = [-6; 6];
  endswitch
  if (! isempty (opts.quantize_range))
    hidden = opts.quantize_range(:);
  endif
  r = [repmat(hidden, 1, L - 1), [0; 1]];
endfunction

function v = ifelse_str (s, match, a, b)
  if (strcmp (s, match)) v = a; else v = b; endif
endfunction

function s = check_choice (s, name, choices)
  if (! ischar (s) || ! any (strcmpi (s, choices)))
    error ("ib:ib_train:invalid_option", "ib_train: \"%s\" must be one of: %s", name,
           strjoin (choices, ", "));
  endif
  s = lower (s);
endfunction

## The paper's recording epochs: 400 log-spaced points between 1 and the last epoch.
function e = default_mi_epochs (epochs)
  if (epochs < 1)
    e = zeros (0, 1);
  else
    ## + 1e-9: logspace's last value can fall just below an integer (29.999... for 30),
    ## and the last epoch must be recorded
    e = unique (floor (logspace (0, log10 (epochs), 400) + 1e-9))(:);
  endif
endfunction

## Continuing a run: its options, except what may change between the two calls.
function opts = resume_options (opts)
  prev = opts.resume;
  changeable = {"epochs", "verbose", "checkpoint", "checkpoint_seconds", "threads", "resume"};
  other = setdiff (opts.given, changeable);
  if (! isempty (other))
    error ("ib:ib_train:invalid_resume",
           "ib_train: a resumed run keeps its options; cannot change: %s", strjoin (other, ", "));
  endif
  resumed = checked_options (prev.options);
  for name = changeable(1:5)
    if (any (strcmp (opts.given, name{1})))
      resumed.(name{1}) = opts.(name{1});
    endif
  endfor
  if (resumed.epochs != prev.options.epochs && prev.options.mi_epochs_default)
    resumed.mi_epochs = unique ([prev.options.mi_epochs(:); default_mi_epochs(resumed.epochs)]);
  endif
  resumed.resume = prev;
  opts = resumed;
endfunction

## The options stored in a result, checked again as if they had been given now; missing
## or unknown ones are refused.
function opts = checked_options (stored)
  bad = @(why) error ("ib:ib_train:invalid_resume",
                      "ib_train: the options of the result to resume %s", why);
  if (! (isstruct (stored) && isscalar (stored) && isfield (stored, "mi_epochs_default")
         && isscalar (stored.mi_epochs_default) && islogical (stored.mi_epochs_default)))
    bad ("are missing");
  endif
  names = setdiff (fieldnames (stored), {"mi_epochs_default"});
  expected = setdiff (fieldnames (parse_options ({})), {"given", "resume"});
  ## options added since a result was saved take their defaults, which are what that
  ## version did (double precision, no intervals, ...)
  if (! all (ismember (names, expected)))
    bad ("do not have the fields of ib_train's options");
  endif
  args = [names(:)'; cellfun(@(f) stored.(f), names(:)', "uniformoutput", false)];
  try
    opts = parse_options (args(:)');
  catch err
    bad (["are not valid: " err.message]);
  end_try_catch
  opts.given = {};
endfunction

## The parts of a result to resume that the run uses, checked against this data set and
## these options (ib:ib_train:invalid_state for its state, else invalid_resume); returns
## it with its arrays as full doubles.
function prev = check_resume (prev, opts, d, n, n_classes)
  bad = @(why) error ("ib:ib_train:invalid_resume", "ib_train: the result to resume %s", why);
  bad_state = @(why) error ("ib:ib_train:invalid_state", "ib_train: the result to resume %s",
                            why);
  R = opts.runs;
  is_index = @(v) isnumeric (v) && isreal (v) && ndims (v) == 2 && columns (v) == R ...
                  && all (v(:) >= 1 & v(:) <= n & v(:) == round (v(:)));
  if (! (is_index (prev.train_idx) && ! isempty (prev.train_idx)
         && (is_index (prev.test_idx) || isempty (prev.test_idx))))
    bad (sprintf (["does not fit this data set: its split must hold row indices 1..%d, " ...
                   "one column per run (%d)"], n, R));
  endif
  prev.train_idx = full (double (prev.train_idx));
  prev.test_idx = reshape (full (double (prev.test_idx)), [], R);

  widths = [d, opts.layers, output_units(opts, n_classes)];
  n_params = sum ((widths(1:end-1) + 1) .* widths(2:end));
  st = prev.state;
  fields = {"params", "moment1", "moment2", "step", "epoch", "rng"};
  if (! (isstruct (st) && isscalar (st) && all (isfield (st, fields))))
    bad_state ("has no valid state (fields params, moment1, moment2, step, epoch, rng)");
  endif
  for f = fields(1:3)
    v = st.(f{1});
    if (! (isnumeric (v) && isreal (v) && isequal (size (v), [n_params, R])
           && all (isfinite (v(:)))))
      bad_state (sprintf (["does not fit this data set and these options: state.%s must be " ...
                           "%d x %d finite values (layers [%s], %d classes, %d runs)"], f{1},
                          n_params, R, num2str (opts.layers), n_classes, R));
    endif
    st.(f{1}) = full (double (v));
  endfor
  if (any (st.moment2(:) < 0))
    bad_state ("has negative second moments (state.moment2)");
  endif
  is_count = @(v) isnumeric (v) && isreal (v) && all (v(:) >= 0 & v(:) == round (v(:))
                                                      & v(:) <= 2^53);
  if (! (is_count (st.step) && numel (st.step) == R))
    bad_state (sprintf ("has an invalid state.step (%d non-negative integers)", R));
  endif
  if (! (is_count (st.epoch) && isscalar (st.epoch)))
    bad_state ("has an invalid state.epoch (a non-negative integer)");
  endif
  st.step = double (st.step(:)');
  st.epoch = double (st.epoch);
  if (! (isa (st.rng, "uint64") && isequal (size (st.rng), [4, R]) && all (any (st.rng != 0))))
    bad_state (sprintf ("has an invalid state.rng (4 x %d uint64 values, no column all 0)", R));
  endif
  prev.state = st;

  ## the history the new records are appended to
  E = numel (prev.epochs);
  L = numel (widths) - 1;
  is_history = @(v, dims) isnumeric (v) && isreal (v) && isequal (size (v), dims);
  ok = (isnumeric (prev.epochs) && isreal (prev.epochs) && (E == 0 || isvector (prev.epochs))
        && all (isfield (prev, [{"mi", "elapsed"}, history_fields()])));
  if (ok)
    for f = [mi_fields(), grad_fields()]
      ok = ok && is_history (prev.(f{1}), size (zeros (E, L, R)));
    endfor
    for f = score_fields ()
      ok = ok && is_history (prev.(f{1}), [E, R]);
    endfor
    ok = (ok && isstruct (prev.mi) && isscalar (prev.mi)
          && isnumeric (prev.elapsed) && isreal (prev.elapsed) && isscalar (prev.elapsed));
    for e = opts.estimator
      ok = (ok && isfield (prev.mi, e{1}) && isstruct (prev.mi.(e{1}))
            && all (isfield (prev.mi.(e{1}), mi_fields ())));
      if (ok)
        for f = mi_fields ()
          ok = ok && is_history (prev.mi.(e{1}).(f{1}), size (zeros (E, L, R)));
        endfor
      endif
    endfor
  endif
  if (! ok)
    bad (sprintf ("has an invalid history (epochs, IXT, ..., mi of %d layers and %d runs)",
                  L, R));
  endif
  prev.epochs = double (prev.epochs(:));
endfunction

## The names of the recorded series: MI (E x L x R, also per estimator), scores (E x R),
## gradient statistics (E x L x R).
function f = mi_fields ()
  f = {"IXT", "ITY", "IXT_lower", "ITY_lower"};
endfunction
function f = score_fields ()
  f = {"loss_train", "loss_test", "acc_train", "acc_test"};
endfunction
function f = grad_fields ()
  f = {"grad_mean_norm", "grad_std_norm", "weight_norm"};
endfunction
function f = history_fields ()
  f = [{"epochs"}, mi_fields(), score_fields(), grad_fields()];
endfunction

## Units of the output layer: one per class, or the one sigmoid unit.
function k = output_units (opts, n_classes)
  k = ifelse_str (opts.output, "sigmoid", 1, n_classes);
endfunction

## Threads of the training core: IB_NUM_THREADS when set, else the online cores.
function t = default_threads ()
  t = str2double (getenv ("IB_NUM_THREADS"));
  if (! (isfinite (t) && t >= 1 && t == round (t)))
    t = nproc ();
  endif
  t = min (t, 1024);
endfunction

## Each run's split (one column per run): a random permutation seeded by the run's seed.
function [train_idx, test_idx] = run_splits (n, opts)
  n_train = max (1, min (n, round (opts.train_fraction * n)));
  train_idx = zeros (n_train, opts.runs);
  test_idx = zeros (n - n_train, opts.runs);
  for r = 1:opts.runs
    perm = __ib_train__ ("permutation", n, opts.seed + r - 1);
    train_idx(:, r) = sort (perm(1:n_train));
    test_idx(:, r) = sort (perm(n_train+1:end));
  endfor
endfunction

## The rows MI is measured on, one column per run: "all", "train", "test" or a vector of
## row indices (the same for every run).
function idx = mi_rows_of (mi_rows, n, train_idx, test_idx)
  R = columns (train_idx);
  if (ischar (mi_rows))
    switch (mi_rows)
      case "all"
        idx = repmat ((1:n)', 1, R);
      case "train"
        idx = train_idx;
      case "test"
        idx = test_idx;
        if (isempty (idx))
          error ("ib:ib_train:invalid_option",
                 "ib_train: \"mi_rows\" is \"test\" but there are no test rows");
        endif
    endswitch
  else
    if (any (mi_rows > n))
      error ("ib:ib_train:invalid_option",
             "ib_train: \"mi_rows\" names rows beyond the %d of X", n);
    endif
    idx = repmat (mi_rows(:), 1, R);
  endif
endfunction

## Options given that the chosen optimiser or estimators never read.
function warn_unused (opts)
  users = {"momentum", {"sgd"}; "beta1", {"adam"}; "beta2", {"adam"}; "epsilon", {"adam"};
           "bins", {"bin"}; "bin_width", {"bin"}; "range", {"bin"};
           "adaptive_bins", {"adaptive"}; "noise_var", {"kde"}; "k", {"knn"};
           "alpha", {"renyi"}; "kernel_width", {"renyi"}; "renyi_method", {"renyi"}};
  chosen = [{opts.optimizer}, opts.estimator];
  for i = 1:rows (users)
    if (any (strcmp (opts.given, users{i,1})) && ! any (ismember (users{i,2}, chosen)))
      warning ("ib:ib_train:unused_option",
               "ib_train: \"%s\" is not used by %s (it applies to %s)", users{i,1},
               strjoin (chosen, ", "), strjoin (users{i,2}, ", "));
    endif
  endfor
endfunction

## What the estimators need of the data set, checked before training starts rather than
## at the first recorded epoch.
function check_estimators (opts, y_codes)
  n = numel (y_codes);
  if (any (strcmp (opts.estimator, "knn")))
    k = 3;
    if (! isempty (opts.k))
      k = opts.k;
    endif
    if (k >= n)
      error ("ib:ib_train:invalid_option",
             "ib_train: \"knn\" needs more than k = %d samples, not %d", k, n);
    endif
    if (max (accumarray (y_codes(:) + 1, 1)) < 2)
      error ("ib:ib_train:invalid_option",
             "ib_train: \"knn\" needs a class of at least two samples");
    endif
  endif
  if (any (strcmp (opts.estimator, "renyi")) && n > 20000)
    error ("ib:ib_train:too_large",
           ["ib_train: \"renyi\" takes at most 20000 samples (its cost grows as n^3), " ...
            "not %d"], n);
  endif
endfunction

## Sizes the machine cannot hold: more than 2^31 parameters, 16 GiB of activations, or
## more memory than is available (per run: the parameters, two moments, the gradient, the
## epoch's starting point and the copies of the state on either side of the gateway, about
## 12 vectors of them; the activations of the whole set and of a batch; "renyi"'s n x n
## matrices).
function check_size (X, opts, n_classes)
  widths = [columns(X), opts.layers, output_units(opts, n_classes)];
  n_params = sum ((widths(1:end-1) + 1) .* widths(2:end));
  activations = rows (X) * sum (widths(2:end));
  bytes = 8 * opts.runs * (12 * n_params + 2 * activations);
  if (any (strcmp (opts.estimator, "renyi")))
    bytes += 8 * 2 * rows (X) ^ 2 * min (opts.runs, opts.threads);
  endif
  available = available_memory ();
  if (n_params > 2^31 || activations * 8 > 16 * 2^30 || bytes > available)
    error ("ib:ib_train:too_large",
           ["ib_train: %d parameters and %d activation values per evaluation and run, %d " ...
            "runs: too large (about %.3g GB needed, %.3g GB available)"], n_params,
           activations, opts.runs, bytes / 1e9, available / 1e9);
  endif
endfunction

## Bytes of memory available now (Inf when Octave cannot tell).
function bytes = available_memory ()
  bytes = Inf;
  try
    [~, sys] = memory ();
    bytes = sys.PhysicalMemory.Available;
  catch
  end_try_catch
endfunction

function config = core_config (opts, d, n_classes, n)
  est = struct ("estimator", opts.estimator);
  names = {"bins", "bin_width", "adaptive_bins", "noise_var", "k", "alpha", "kernel_width", ...
           "renyi_method"};
  for i = 1:numel (est)
    for j = 1:numel (names)
      if (! isempty (opts.(names{j})))
        est(i).(names{j}) = opts.(names{j});
      endif
    endfor
  endfor
  L = numel (opts.layers) + 1;
  if (! isempty (opts.range))
    layer_range = repmat (opts.range(:), 1, L);
  else
    switch (opts.activation)
      case {"tanh", "softsign"}
        layer_range = repmat ([-1; 1], 1, L);
      case "sigmoid"
        layer_range = repmat ([0; 1], 1, L);
      otherwise
        layer_range = [NaN(2, L-1), [0; 1]];
    endswitch
    if (strcmp (opts.output, "sigmoid"))
      layer_range(:, end) = [0; 1];
    endif
  endif
  config = struct ("layers", opts.layers, "activation", opts.activation,
                   "optimizer", opts.optimizer, "learning_rate", opts.learning_rate,
                   "momentum", opts.momentum, "beta1", opts.beta1, "beta2", opts.beta2,
                   "epsilon", opts.epsilon, "batch_size", min (opts.batch_size, n),
                   "seeds", opts.seed + (0:opts.runs-1), "threads", opts.threads,
                   "output", opts.output, "precision", opts.precision,
                   "layer_range", layer_range, "quantize_bits", opts.quantize,
                   "quantize_range", quantize_ranges (opts, L));
  config.estimators = est;
endfunction

function res = new_result (X, y_codes, classes, opts, train_idx, test_idx)
  L = numel (opts.layers) + 1;
  R = opts.runs;
  [H_X, H_Y, I_XY, n_inputs] = data_information (X, y_codes);
  res = struct ();
  res.epochs = zeros (0, 1);
  for f = [mi_fields(), grad_fields()]
    res.(f{1}) = zeros (0, L, R);
  endfor
  res.IXT_mean = res.ITY_mean = res.IXT_std = res.ITY_std = zeros (0, L);
  res.estimators = opts.estimator;
  res.mi = struct ();
  for i = 1:numel (opts.estimator)
    res.mi.(opts.estimator{i}) = struct ("IXT", zeros (0, L, R), "ITY", zeros (0, L, R),
                                         "IXT_lower", zeros (0, L, R),
                                         "ITY_lower", zeros (0, L, R));
  endfor
  for f = score_fields ()
    res.(f{1}) = zeros (0, R);
  endfor
  res.W = res.b = {};
  res.seeds = opts.seed + (0:R-1);
  res.runs = R;
  res.H_X = H_X;
  res.H_Y = H_Y;
  res.I_XY = I_XY;
  res.n_inputs = n_inputs;
  stored = stored_options (opts);
  stored.mi_epochs_default = ! any (strcmp (opts.given, "mi_epochs"));
  if (! isempty (opts.resume))
    stored.mi_epochs_default = opts.resume.options.mi_epochs_default;
  endif
  res.options = stored;
  res.classes = classes;
  res.widths = [columns(X), opts.layers, output_units(opts, numel (classes))];
  res.quantize_range = quantize_ranges (opts, L);
  res.train_idx = train_idx;
  res.test_idx = test_idx;
  res.n_train = rows (train_idx);
  res.elapsed = 0;
  res.completed = false;
  res.state = [];
endfunction

## The options as stored in the result: the estimator options left to their defaults are
## stored with the values the core used (e.g. "noise_var" 0.1 for "kde").
function stored = stored_options (opts)
  stored = rmfield (opts, {"resume", "given"});
  users = {"noise_var", "kde"; "k", "knn"; "alpha", "renyi"; "adaptive_bins", "adaptive"};
  for i = 1:rows (users)
    if (isempty (stored.(users{i,1})) && any (strcmp (opts.estimator, users{i,2})))
      stored.(users{i,1}) = __ib_mi__ ("defaults", users{i,2}).(users{i,1});
    endif
  endfor
endfunction

## Exact H(X), H(Y), I(X;Y) in bits of the empirical distribution (X told apart by rows).
function [H_X, H_Y, I_XY, n_inputs] = data_information (X, y_codes)
  [~, ~, x_id] = unique (X, "rows");
  n_inputs = max (x_id);
  [~, ~, xy_id] = unique ([x_id(:), y_codes(:)], "rows");
  H = @(ids) entropy_bits (accumarray (ids(:), 1));
  H_X = H (x_id);
  H_Y = H (y_codes + 1);
  I_XY = H_X + H_Y - H (xy_id);
endfunction

function h = entropy_bits (counts)
  p = counts(counts > 0) / sum (counts);
  h = -sum (p .* log2 (p));
endfunction

## "ci", "ci_epochs" and "resamples" checked (ib:ib_train:bad_ci): a level with the
## resamples, epochs among "mi_epochs" (default all of them), no "renyi".
function opts = interval_options (opts)
  bad = @(msg) error ("ib:ib_train:bad_ci", "ib_train: %s", msg);
  if (isempty (opts.ci))
    if (! isempty (opts.ci_epochs) || ! isempty (opts.resamples))
      bad ("\"ci_epochs\" and \"resamples\" need a \"ci\" level");
    endif
    opts.ci_epochs = zeros (0, 1);
    return;
  endif
  args = {"ci", opts.ci};
  if (! isempty (opts.resamples))
    args(3:4) = {"resamples", opts.resamples};
  endif
  parsed = mi_parse_options ("ib_train", args, {});
  opts.ci = parsed.ci;
  opts.resamples = parsed.resamples;
  if (any (strcmp (opts.estimator, "renyi")))
    bad ("\"ci\" is not available for \"renyi\" (each resample costs an O(n^3) estimate)");
  endif
  v = opts.ci_epochs;
  if (isempty (v))
    v = opts.mi_epochs;
  endif
  if (! (isnumeric (v) && isreal (v) && isvector (v) && all (ismember (v, opts.mi_epochs))))
    bad ("\"ci_epochs\" must be a vector of epochs of \"mi_epochs\"");
  endif
  opts.ci_epochs = unique (full (double (v(:))));
endfunction

## The intervals of "ci" at the last recorded epoch, when it is one of "ci_epochs" (the
## chunk ended there, so the state holds its weights): each run's forward pass on its MI
## rows in Octave as in net.c, then ib_layer_mi with "ci" per layer and estimator, the
## resamples seeded by the run's seed.  mi.(name).IXT_ci, ITY_ci (E x L x 2 x R, [lo hi]
## along the third dimension, NaN at the other epochs) and IXT_ci, ITY_ci of the first
## estimator.
function res = add_intervals (res, X, y_codes, mi_idx, config, opts)
  E = numel (res.epochs);
  L = numel (res.widths) - 1;
  R = res.runs;
  for e = opts.estimator
    m = res.mi.(e{1});
    for f = {"IXT_ci", "ITY_ci"}
      if (! isfield (m, f{1}))
        m.(f{1}) = NaN (0, L, 2, R);
      endif
      m.(f{1})(end+1:E, :, :, :) = NaN;
    endfor
    res.mi.(e{1}) = m;
  endfor
  if (E > 0 && res.epochs(E) == res.state.epoch && any (opts.ci_epochs == res.epochs(E)))
    warning ("off", "ib:ib_layer_mi:duplicate_rows", "local");
    names = {"bins", "bin_width", "adaptive_bins", "noise_var", "k"};
    for r = 1:R
      A = X(mi_idx(:, r), :);
      y = y_codes(mi_idx(:, r));
      T = forward_layers (res.state.params(:, r), res.widths, A, opts);
      for e = opts.estimator
        args = {"estimator", e{1}, "ci", opts.ci, "resamples", opts.resamples, ...
                "seed", res.seeds(r)};
        for j = 1:numel (names)
          if (! isempty (opts.(names{j})))
            args(end+1:end+2) = {names{j}, opts.(names{j})};
          endif
        endfor
        for l = 1:L
          [~, ~, info] = ib_layer_mi (T{l}, A, y, args{:}, "range", config.layer_range(:, l)');
          res.mi.(e{1}).IXT_ci(E, l, :, r) = info.ixt_ci;
          res.mi.(e{1}).ITY_ci(E, l, :, r) = info.ity_ci;
        endfor
      endfor
    endfor
  endif
  res.IXT_ci = res.mi.(opts.estimator{1}).IXT_ci;
  res.ITY_ci = res.mi.(opts.estimator{1}).ITY_ci;
endfunction

## The activations of every layer (a cell of n x width) from one run's flat parameters
## (W_l fan-in x fan-out, then b_l), with net.c's formulas (quantized with "quantize").
function T = forward_layers (p, widths, A, opts)
  L = numel (widths) - 1;
  T = cell (1, L);
  pos = 0;
  for l = 1:L
    nw = widths(l) * widths(l+1);
    W = reshape (p(pos + (1:nw)), widths(l), widths(l+1));
    b = p(pos + nw + (1:widths(l+1)))';
    pos += nw + widths(l+1);
    Z = A * W + b;
    if (l < L)
      switch (opts.activation)
        case "tanh"      Z = tanh (Z);
        case "relu"      Z = max (Z, 0);
        case "sigmoid"   Z = 1 ./ (1 + exp (-Z));
        case "softsign"  Z = Z ./ (1 + abs (Z));
        case "softplus"  Z = max (Z, 0) + log1p (exp (-abs (Z)));
      endswitch
    elseif (strcmp (opts.output, "sigmoid"))
      Z = 1 ./ (1 + exp (-Z));
    else
      Z = exp (Z - max (Z, [], 2));
      Z .*= 1 ./ sum (Z, 2);
    endif
    if (opts.quantize)                  # quantize.h's levels
      r = quantize_ranges (opts, L)(:, l);
      step = (r(2) - r(1)) / (2^opts.quantize - 1);
      Z = r(1) + floor ((min (max (Z, r(1)), r(2)) - r(1)) / step + 0.5) * step;
    endif
    T{l} = Z;
    A = Z;
  endfor
endfunction

## The result with one chunk's history appended and the state it ended in.
function res = add_chunk (res, hist, state, elapsed, estimators)
  k = numel (hist.epoch);
  L = columns (res.IXT);
  R = res.runs;
  res.epochs = [res.epochs; hist.epoch];
  for f = score_fields ()
    res.(f{1}) = [res.(f{1}); hist.(f{1})];
  endfor
  for f = grad_fields ()
    res.(f{1}) = [res.(f{1}); hist.(f{1})];
  endfor
  for e = 1:numel (estimators)
    m = res.mi.(estimators{e});
    for f = mi_fields ()
      m.(f{1}) = [m.(f{1}); reshape(hist.(f{1})(:, :, e, :), k, L, R)];
    endfor
    res.mi.(estimators{e}) = m;
  endfor
  for f = mi_fields ()
    res.(f{1}) = res.mi.(estimators{1}).(f{1});
  endfor
  res.state = state;
  res.elapsed = elapsed;
endfunction

## The history of the run being resumed, as the start of this one.
function res = append_history (res, prev)
  for f = [history_fields(), {"mi", "elapsed", "state"}]
    res.(f{1}) = prev.(f{1});
  endfor
endfunction

## Averages over runs, and weights and biases from the state's flat parameters (per run:
## W_l fan-in x fan-out, then b_l), stacked along the last dimension.
function res = finish_result (res, completed)
  ## an estimate at log2 of the distinct inputs cannot fall: the estimator sees every input
  ## apart and so cannot show compression
  for e = fieldnames (res.mi)'
    res.mi.(e{1}).saturated = res.mi.(e{1}).IXT >= log2 (res.n_inputs) - 1e-9;
  endfor
  res.IXT_mean = mean (res.IXT, 3);
  res.ITY_mean = mean (res.ITY, 3);
  res.IXT_std = std (res.IXT, 0, 3);
  res.ITY_std = std (res.ITY, 0, 3);
  widths = res.widths;
  p = res.state.params;
  R = res.runs;
  pos = 0;
  L = numel (widths) - 1;
  res.W = cell (1, L);
  res.b = cell (1, L);
  for l = 1:L
    nw = widths(l) * widths(l+1);
    res.W{l} = reshape (p(pos + (1:nw), :), widths(l), widths(l+1), R);
    pos += nw;
    res.b{l} = reshape (p(pos + (1:widths(l+1)), :), 1, widths(l+1), R);
    pos += widths(l+1);
  endfor
  res.completed = completed;
endfunction

function save_checkpoint (file, res)
  try
    ib_save (file, res);
  catch err
    warning ("ib:ib_train:checkpoint_failed", "ib_train: could not save the checkpoint: %s",
             err.message);
  end_try_catch
endfunction

## The progress line: on a terminal one line rewritten in place, elsewhere (a log file, a
## pipe) a new line at most every 10 s. progress () ends it.
function fn = progress_printer (verbose)
  if (! verbose)
    fn = @(varargin) [];
    return;
  endif
  on_terminal = system ("test -t 1", false) == 0;
  print_progress (false);      # forget the line of an earlier call
  fn = @(varargin) print_progress (on_terminal, varargin{:});
endfunction

## ELAPSED is the time since this call started, at epoch EPOCH_START.
function print_progress (on_terminal, res, epochs, epoch_start, elapsed)
  persistent last_line = [];
  if (nargin == 1)     # the end of the line
    if (on_terminal && ! isempty (last_line))
      printf ("\n");
      fflush (stdout);
    endif
    last_line = [];
    return;
  endif
  if (! on_terminal && ! isempty (last_line) && toc (last_line) < 10
      && res.state.epoch < epochs)
    return;
  endif
  last_line = tic ();
  epoch = res.state.epoch;
  if (isempty (res.loss_train))
    stats = "";
  else
    stats = sprintf ("  loss %.4f  train acc %5.1f%%  test acc %5.1f%%",
                     mean (res.loss_train(end,:)), 100 * mean (res.acc_train(end,:)),
                     100 * mean (res.acc_test(end,:)));
    if (res.runs > 1)
      stats = [stats sprintf("  (mean of %d runs)", res.runs)];
    endif
  endif
  rate = (epoch - epoch_start) / max (elapsed, eps);
  left = (epochs - epoch) / max (rate, eps);
  line = sprintf ("epoch %d/%d%s  elapsed %s  left %s", epoch, epochs, stats,
                  duration_text (res.elapsed), duration_text (left));
  if (on_terminal)
    printf ("\r%s   ", line);
  else
    printf ("%s\n", line);
  endif
  fflush (stdout);
endfunction

function s = duration_text (t)
  if (t < 60)
    s = sprintf ("%.0fs", t);
  elseif (t < 3600)
    s = sprintf ("%dm%02ds", floor (t / 60), round (mod (t, 60)));
  else
    s = sprintf ("%dh%02dm", floor (t / 3600), round (mod (t, 3600) / 60));
  endif
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
%!error <at most 64> ib_train (rand (20, 65), mod (1:20, 2)', "precision", "single", "verbose", false)

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
