## Copyright (C) 2026 The ib developers
## SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE)
## fn = train_progress (verbose)
## The progress line: on a terminal one line rewritten in place, elsewhere (a log file, a
## pipe) a new line at most every 10 s. progress () ends it.
function fn = train_progress (verbose)
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
