/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* status.c - text of the core's status codes. */
#include "status.h"

const char *ib_strerror(ib_status status)
{
  switch (status) {
  case IB_OK: return "success";
  case IB_ERR_NOMEM: return "out of memory";
  case IB_ERR_ARG: return "invalid argument";
  case IB_ERR_NONFINITE: return "input contains NaN or Inf";
  case IB_ERR_DIVERGED: return "training diverged (NaN, Inf or a huge value in the weights or the loss); lower the learning rate";
  case IB_ERR_TOO_LARGE: return "problem size too large";
  case IB_ERR_NUMERIC: return "a numerical routine failed";
  case IB_ERR_INTERRUPTED: return "interrupted";
  }
  return "unknown status";
}
