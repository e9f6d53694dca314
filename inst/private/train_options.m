## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## opts = train_options (args)
## The options of ib_train parsed from ARGS (one cell of name, value pairs) and checked,
## with their defaults filled in: every option a field of OPTS, its numbers full doubles,
## its choices lower case, and opts.given the names given (lower case, in order).  The
## estimators' options and "ci", "resamples" are checked by mi_parse_options, so that ib_mi
## and ib_train share one set of limits.  Errors: ib:ib_train:unknown_option,
## invalid_option, exact_needs_quantize, bad_ci, invalid_resume (a "resume" that is not a
## result); warns ib:ib_train:mi_epochs_beyond.  train_options ({}) gives the defaults.
function opts = train_options (args)
  opts = struct ("layers", [10 7 5 4 3], "activation", "tanh", "optimizer", "adam",
                 "learning_rate", [], "momentum", 0.9, "beta1", 0.9, "beta2", 0.999,
                 "epsilon", 1e-8, "batch_size", 512, "epochs", 8000,
                 "train_fraction", 0.8, "seed", 0, "runs", 1, "threads", [], "mi_epochs", [],
                 "mi_rows", "all", "output", "softmax", "precision", "double",
                 "estimator", "bin", "bins", 30, "range", [], "bin_width", [],
                 "adaptive_bins", [], "noise_var", [], "k", [], "alpha", [],
                 "kernel_width", [], "renyi_method", [], "verbose", true, "checkpoint", "",
                 "checkpoint_seconds", 30,
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

  ## in this order, which decides the error of several bad options
  opts = training_options (opts);
  opts = recorded_epochs (opts);
  opts = estimator_options (opts);
  opts = interval_options (opts);
  opts = other_options (opts);
endfunction

## numbers: real numeric or logical scalars of any class, used as doubles; [] keeps the
## default of the options that have one
function tf = is_real (v)
  tf = (isnumeric (v) || islogical (v)) && isreal (v) && isscalar (v);
endfunction
function tf = is_count (v)
  tf = is_real (v) && isfinite (v) && v == round (v) && v >= 1;
endfunction
function tf = is_pos (v)
  tf = is_real (v) && isfinite (v) && v > 0;
endfunction
function tf = is_unit (v)
  tf = is_real (v) && v >= 0 && v < 1;
endfunction
function tf = is_default (v)
  tf = isnumeric (v) && isempty (v);
endfunction
function bad (name, what)
  error ("ib:ib_train:invalid_option", "ib_train: \"%s\" must be %s", name, what);
endfunction

function s = check_choice (s, name, choices)
  if (! ischar (s) || ! any (strcmpi (s, choices)))
    error ("ib:ib_train:invalid_option", "ib_train: \"%s\" must be one of: %s", name,
           strjoin (choices, ", "));
  endif
  s = lower (s);
endfunction

## The network, the optimiser, the split, the seeds and the threads.
function opts = training_options (opts)
  L = opts.layers;
  if (! (isnumeric (L) && isreal (L) && (isempty (L) || isvector (L)) && all (isfinite (L(:)))
         && all (L(:) >= 1) && all (L(:) == round (L(:)))))
    bad ("layers", "a vector of positive integer widths ([] for none)");
  endif
  opts.layers = full (double (L(:)'));
  opts.activation = check_choice (opts.activation, "activation", {"tanh", "relu", "sigmoid", ...
                                                                   "linear", "softsign", ...
                                                                   "softplus"});
  opts.optimizer = check_choice (opts.optimizer, "optimizer", {"adam", "sgd"});
  if (is_default (opts.learning_rate))
    if (strcmp (opts.optimizer, "adam"))
      opts.learning_rate = 4e-4;
    else
      opts.learning_rate = 0.01;
    endif
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
endfunction

## Threads of the training core: IB_NUM_THREADS when set, else the online cores.
function t = default_threads ()
  t = str2double (getenv ("IB_NUM_THREADS"));
  if (! (isfinite (t) && t >= 1 && t == round (t)))
    t = nproc ();
  endif
  t = min (t, 1024);
endfunction

## "mi_epochs": the given epochs (a warning for those beyond "epochs"), or the default.
function opts = recorded_epochs (opts)
  given = opts.given;
  if (is_default (opts.mi_epochs) && ! any (strcmp (given, "mi_epochs")))
    opts.mi_epochs = train_mi_epochs (opts.epochs);
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
endfunction

## "estimator" (a name or a cell of names), "quantize" and the estimators' options.
function opts = estimator_options (opts)
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
  opts = check_quantize (opts);
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
endfunction

## "quantize" (0: none, 4 or 8 bits), its "quantize_range" (unbounded activations only) and
## the "exact" estimator, which needs it.
function opts = check_quantize (opts)
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

## "ci", "ci_epochs" and "resamples" checked (ib:ib_train:bad_ci): a level with the
## resamples, epochs among "mi_epochs" (default all of them), no "renyi".
function opts = interval_options (opts)
  bad_ci = @(msg) error ("ib:ib_train:bad_ci", "ib_train: %s", msg);
  if (isempty (opts.ci))
    if (! isempty (opts.ci_epochs) || ! isempty (opts.resamples))
      bad_ci ("\"ci_epochs\" and \"resamples\" need a \"ci\" level");
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
    bad_ci ("\"ci\" is not available for \"renyi\" (each resample costs an O(n^3) estimate)");
  endif
  v = opts.ci_epochs;
  if (isempty (v))
    v = opts.mi_epochs;
  endif
  if (! (isnumeric (v) && isreal (v) && isvector (v) && all (ismember (v, opts.mi_epochs))))
    bad_ci ("\"ci_epochs\" must be a vector of epochs of \"mi_epochs\"");
  endif
  opts.ci_epochs = unique (full (double (v(:))));
endfunction

## The output, the precision, the MI rows, the progress line, checkpoints and "resume".
function opts = other_options (opts)
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
