/* Benchmark (not a test): the best dgemm GFLOP/s of this machine's OpenBLAS, the
 * denominator of the FLOP bound in bench/bench_runs.m.
 *
 * Build: cc -O2 -o dgemm_peak bench/dgemm_peak.c -lopenblas
 * Usage: dgemm_peak [threads ...] [-n size ...] [-s seconds]
 *   default threads 1 and the online CPUs, sizes 2000 3000 4000, at least 1 s per size
 *   (and at least two products: the first one warms up the caches and the thread pool).
 * Prints one line per (threads, size) and then, per thread count,
 *   best threads T gflops G
 * which bench_runs.m reads.  OpenBLAS reads OPENBLAS_CORETYPE when it loads (Debian's
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

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* Best GFLOP/s of C = A B (n x n) over repeated products for at least `seconds`. */
static double best_gflops(int n, double seconds, double *A, double *B, double *C)
{
  double best = 0, start = now();
  for (int k = 0; k < 2 || now() - start < seconds; k++) {
    double t = now();
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A, n, B, n, 0.0,
                C, n);
    t = now() - t;
    if (k > 0 && 2.0 * n * n * (double)n / t / 1e9 > best)
      best = 2.0 * n * n * (double)n / t / 1e9;
  }
  return best;
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
    double best = 0;
    for (int s = 0; s < n_sizes; s++) {
      double g = best_gflops(sizes[s], seconds, A, B, C);
      printf("threads %d n %d gflops %.1f\n", threads[t], sizes[s], g);
      fflush(stdout);
      if (g > best)
        best = g;
    }
    printf("best threads %d gflops %.1f\n", threads[t], best);
  }
  free(A), free(B), free(C);
  return 0;
}
