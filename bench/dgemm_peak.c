/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* Benchmark (not a test): the best dgemm GFLOP/s of this machine's OpenBLAS, the
 * denominator of the FLOP bound in bench/bench_runs.m.
 *
 * Build: cc -O2 -o dgemm_peak bench/dgemm_peak.c -lopenblas
 * Usage: dgemm_peak [threads ...] [-n size ...] [-s seconds]
 *   default threads 1 and the online CPUs, sizes 2000 3000 4000, at least 1 s per size
 *   (and at least two products: the first one warms up the caches and the thread pool).
 * Prints one line per (threads, size) and then, per thread count,
 *   best threads T gflops G cpu_gflops H
 * which bench_runs.m reads: G from wall time, H from the process's CPU time divided by T
 * (what the cores deliver while they run it, the figure to trust on a machine shared with
 * other work; OpenBLAS's threads busy-wait, so it does not flatter).  OpenBLAS reads OPENBLAS_CORETYPE when it loads (Debian's
 * 0.3.21 falls back to generic kernels on CPUs newer than itself unless it names one), so
 * the kernel is chosen by the environment of the command, never here. */
#define _POSIX_C_SOURCE 200809L
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void openblas_set_num_threads(int);
char *openblas_get_corename(void);

static double clock_seconds(clockid_t id)
{
  struct timespec t;
  clock_gettime(id, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* Best GFLOP/s of C = A B (n x n) over repeated products for at least `seconds`, from the
 * wall time (*wall) and from the CPU time per thread (*cpu). The first product is a
 * warm-up. */
static void best_gflops(int n, int threads, double seconds, double *A, double *B, double *C,
                        double *wall, double *cpu)
{
  double flops = 2.0 * n * n * (double)n / 1e9, start = clock_seconds(CLOCK_MONOTONIC);
  *wall = *cpu = 0;
  for (int k = 0; k < 2 || clock_seconds(CLOCK_MONOTONIC) - start < seconds; k++) {
    double t = clock_seconds(CLOCK_MONOTONIC), c = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A, n, B, n, 0.0,
                C, n);
    t = clock_seconds(CLOCK_MONOTONIC) - t;
    c = (clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c) / threads;
    if (k > 0 && flops / t > *wall)
      *wall = flops / t;
    if (k > 0 && flops / c > *cpu)
      *cpu = flops / c;
  }
}

int main(int argc, char **argv)
{
  int threads[16], n_threads = 0, sizes[16], n_sizes = 0;
  double seconds = 1.0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-s") && i + 1 < argc) {
      seconds = atof(argv[++i]);
    } else if (!strcmp(argv[i], "-n")) {
      while (i + 1 < argc && argv[i + 1][0] != '-' && n_sizes < 16)
        sizes[n_sizes++] = atoi(argv[++i]);
    } else if (n_threads < 16 && atoi(argv[i]) > 0) {
      threads[n_threads++] = atoi(argv[i]);
    } else {
      fprintf(stderr, "usage: %s [threads ...] [-n size ...] [-s seconds]\n", argv[0]);
      return 2;
    }
  }
  if (n_threads == 0) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    threads[n_threads++] = 1;
    if (cpus > 1)
      threads[n_threads++] = (int)cpus;
  }
  if (n_sizes == 0) {
    sizes[0] = 2000, sizes[1] = 3000, sizes[2] = 4000;
    n_sizes = 3;
  }
  int n_max = 0;
  for (int s = 0; s < n_sizes; s++) {
    if (sizes[s] <= 0) {
      fprintf(stderr, "dgemm_peak: sizes must be positive\n");
      return 2;
    }
    if (sizes[s] > n_max)
      n_max = sizes[s];
  }
  size_t count = (size_t)n_max * n_max;
  double *A = malloc(count * sizeof *A), *B = malloc(count * sizeof *B),
         *C = malloc(count * sizeof *C);
  if (!A || !B || !C) {
    fprintf(stderr, "dgemm_peak: out of memory for n = %d\n", n_max);
    free(A), free(B), free(C);
    return 1;
  }
  for (size_t i = 0; i < count; i++) {
    A[i] = (double)(i % 1009) / 1009.0 - 0.5;
    B[i] = (double)(i % 997) / 997.0 - 0.5;
  }
  const char *coretype = getenv("OPENBLAS_CORETYPE");
  printf("OpenBLAS core %s (OPENBLAS_CORETYPE %s)\n", openblas_get_corename(),
         coretype ? coretype : "unset");
  for (int t = 0; t < n_threads; t++) {
    openblas_set_num_threads(threads[t]);
    double best = 0, best_cpu = 0;
    for (int s = 0; s < n_sizes; s++) {
      double g, h;
      best_gflops(sizes[s], threads[t], seconds, A, B, C, &g, &h);
      printf("threads %d n %d gflops %.1f cpu_gflops %.1f\n", threads[t], sizes[s], g, h);
      fflush(stdout);
      if (g > best)
        best = g;
      if (h > best_cpu)
        best_cpu = h;
    }
    printf("best threads %d gflops %.1f cpu_gflops %.1f\n", threads[t], best, best_cpu);
  }
  free(A), free(B), free(C);
  return 0;
}
