/* ib_curve.c - the IB curve of a discrete joint distribution (see ib_curve.h).
 *
 * The problem is first reduced: values of x with p(x) = 0 and values of y with p(y) = 0 are
 * dropped, and values of x with the same p(y|x) are merged into one (the optimal encoder
 * depends on x only through p(y|x), and the merge changes neither I(X;T) nor I(T;Y) of such
 * encoders, so the curve is unchanged). If every p(y|x) is one-hot the curve is the exact
 * piecewise-linear one of Kolchinsky, Tracey & Van Kuyk (2019) and nothing is iterated.
 *
 * Otherwise each beta is solved from several starts (the trivial encoder, the solution at
 * the neighbouring betas, the lower one with its clusters split in two, and for small
 * problems the identity encoder and random encoders) by the self-consistent updates of
 * Tishby, Pereira & Bialek (1999)
 *   p(t|x) = p(t) exp(beta sum_y p(y|x) log p(y|t)) / Z(x, beta),
 *   p(t) = sum_x p(x) p(t|x),  p(y|t) = sum_x p(x, y) p(t|x) / p(t),
 * (the term sum_y p(y|x) log p(y|x) of the KL divergence does not depend on t and cancels in
 * Z), accelerated by SQUAREM, or by the hard assignments of Strouse & Schwab (2017); the
 * start with the lowest Lagrangian wins. The sweep anneals forwards (small to large beta),
 * backwards, and then inserts betas where the chord between two neighbouring points may miss
 * the curve by more than curve_tol: at optima the curve's slope at a point of parameter
 * beta is 1/beta, so on [a, b] the concave curve lies under the two tangents and the chord
 * error is at most (s_a - m)(m - s_b)(x_b - x_a)/(s_a - s_b) with s = 1/beta and m the
 * chord's slope (and at most y_b - y_a, the curve being non-decreasing); the new beta is
 * 1/m, where the tangent parallel to the chord touches the curve.
 *
 * Work is in nats; results are converted to bits. Each iteration costs two products of
 * |T| x |Y| by |Y| x |X| (BLAS) and |T| |X| exponentials: O(|T| |X| |Y|). */
#include <cblas.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ib_curve.h"
#include "rng.h"

#define LN2 0.69314718055994530942
#define LOG_FLOOR 1e-300        /* log(0) is replaced by log(LOG_FLOOR) (about -690.8) */
#define Q_DROP 1e-15            /* clusters with less mass than this are dropped */
#define MERGE_TOL 1e-4          /* clusters whose p(y|t) differ by less are merged */
#define MERGE_EVERY 4           /* accelerated cycles between checks for such clusters */
#define ROW_MERGE_TOL 1e-12     /* values of x whose p(y|x) differ by less are merged */
#define SPLIT_STRENGTH 0.5
#define SPLIT_ALL 16             /* up to this many clusters, all are split */
#define EXP_UNDERFLOW (-50.0)    /* exp of less is below 2e-22: taken as 0 */
#define SQUAREM_MAX_STEP 64.0   /* the longest extrapolation, in plain updates */
#define SAME_POINT 1e-9         /* nats: two points closer than this are one */

/* ---------------------------------------------------------------- names and defaults */

int ib_curve_method_from_name(const char *name, ib_curve_method *method)
{
  if (!name || !method)
    return -1;
  if (strcmp(name, "ib") == 0) { *method = IB_CURVE_IB; return 0; }
  if (strcmp(name, "dib") == 0) { *method = IB_CURVE_DIB; return 0; }
  return -1;
}

const char *ib_curve_method_name(ib_curve_method method)
{
  return method == IB_CURVE_DIB ? "dib" : "ib";
}

void ib_curve_options_default(ib_curve_options *opt)
{
  memset(opt, 0, sizeof *opt);
  opt->method = IB_CURVE_IB;
  opt->betas = NULL;
  opt->n_betas = 0;
  opt->beta_min = 1.0;
  opt->beta_max = 1000.0;
  opt->n_beta = 40;
  opt->refine = -1;
  opt->curve_tol = 1e-4;
  opt->max_points = 400;
  opt->beta_cap = 1e7;
  opt->max_iter = 2000;
  opt->tol = 1e-10;
  opt->restarts = SIZE_MAX;
  opt->seed = 1;
  opt->max_cardinality = 0;
  opt->keep_encoders = 0;
  opt->deterministic_tol = 1e-9;
}

/* ---------------------------------------------------------------- small helpers */

static double xlogx(double v)
{
  return v > 0 ? v * log(v) : 0.0;
}

static int mul_overflows(size_t a, size_t b)
{
  return a != 0 && b > SIZE_MAX / a;
}

/* malloc of n elements of size sz, NULL on overflow; never malloc(0). */
static void *alloc_array(size_t n, size_t sz)
{
  if (mul_overflows(n, sz))
    return NULL;
  return malloc(n && sz ? n * sz : 1);
}

static void *realloc_array(void *p, size_t n, size_t sz)
{
  if (mul_overflows(n, sz))
    return NULL;
  return realloc(p, n && sz ? n * sz : 1);
}

/* ---------------------------------------------------------------- the reduced problem */

typedef struct {
  size_t nx, ny;        /* merged values of x; values of y with p(y) > 0 */
  double *px;           /* nx */
  double *pyx;          /* nx x ny, p(y|x) */
  double *pxy;          /* nx x ny, p(x, y) */
  double hy;            /* H(Y), nats */
  size_t kmax;          /* largest |T| */
  ib_curve_method method;
  size_t max_iter;
  double tol;           /* nats */
  double *cross;        /* k x nx workspace: sum_y p(y|x) log p(y|t) */
  size_t cross_cap;     /* clusters it holds */
  double *logr;         /* ny x kmax */
  double *logq;         /* kmax */
  size_t *map;          /* kmax workspace for compaction */
  ib_rng rng;
} problem;

static void problem_free(problem *p)
{
  free(p->px);
  free(p->pyx);
  free(p->pxy);
  free(p->cross);
  free(p->logr);
  free(p->logq);
  free(p->map);
}

static ib_status cross_reserve(problem *p, size_t k)
{
  double *c;
  if (k <= p->cross_cap)
    return IB_OK;
  if (mul_overflows(k, p->nx))
    return IB_ERR_TOO_LARGE;
  c = realloc_array(p->cross, k * p->nx, sizeof *c);
  if (!c)
    return IB_ERR_NOMEM;
  p->cross = c;
  p->cross_cap = k;
  return IB_OK;
}

/* A cluster state. IB: encT is k x nx (p(t|x) of each x contiguous); DIB: assign. */
typedef struct {
  size_t k, cap;
  double *q;            /* k */
  double *r;            /* ny x k, p(y|t) of each t contiguous */
  double *encT;         /* IB */
  size_t *assign;       /* DIB: nx */
  double ixt, ity, ht, lag;   /* nats */
  size_t iters;
  int converged;
} state;

static void state_free(state *s)
{
  free(s->q);
  free(s->r);
  free(s->encT);
  free(s->assign);
  memset(s, 0, sizeof *s);
}

static ib_status state_reserve(const problem *p, state *s, size_t cap)
{
  if (p->method == IB_CURVE_DIB && !s->assign) {
    s->assign = alloc_array(p->nx, sizeof *s->assign);
    if (!s->assign)
      return IB_ERR_NOMEM;
  }
  if (cap <= s->cap)
    return IB_OK;
  if (mul_overflows(cap, p->nx) || mul_overflows(cap, p->ny))
    return IB_ERR_TOO_LARGE;
  {
    double *q = realloc_array(s->q, cap, sizeof *q);
    if (!q) return IB_ERR_NOMEM;
    s->q = q;
  }
  {
    double *r = realloc_array(s->r, cap * p->ny, sizeof *r);
    if (!r) return IB_ERR_NOMEM;
    s->r = r;
  }
  if (p->method == IB_CURVE_IB) {
    double *e = realloc_array(s->encT, cap * p->nx, sizeof *e);
    if (!e) return IB_ERR_NOMEM;
    s->encT = e;
  }
  s->cap = cap;
  return IB_OK;
}

/* Loads clusters (q, r) as a warm start; the encoder follows from the first update. */
static ib_status state_load_clusters(const problem *p, state *s, size_t k, const double *q,
                                     const double *r)
{
  ib_status st = state_reserve(p, s, k);
  if (st != IB_OK)
    return st;
  s->k = k;
  memcpy(s->q, q, k * sizeof *q);
  memcpy(s->r, r, k * p->ny * sizeof *r);
  s->iters = 0;
  s->converged = 0;
  return IB_OK;
}

/* crossT (k x nx) = sum_y p(y|x) log p(y|t), and logq. */
static ib_status compute_cross(problem *p, const state *s)
{
  size_t k = s->k, i;
  ib_status st = cross_reserve(p, k);
  if (st != IB_OK)
    return st;
  for (i = 0; i < k * p->ny; i++)
    p->logr[i] = log(s->r[i] > LOG_FLOOR ? s->r[i] : LOG_FLOOR);
  for (i = 0; i < k; i++)
    p->logq[i] = log(s->q[i]);
  cblas_dgemm(CblasColMajor, CblasTrans, CblasTrans, (int) k, (int) p->nx, (int) p->ny, 1.0,
              p->logr, (int) p->ny, p->pyx, (int) p->nx, 0.0, p->cross, (int) k);
  return IB_OK;
}

/* Removes clusters: map[t] is the new index of cluster t or SIZE_MAX to drop it; several
 * clusters may map to one (merge: their encoder entries and masses add, p(y|t) is the
 * mass-weighted mean). map must number the targets 0..new_k-1 in the order of their first
 * source and satisfy map[t] <= t; everything then moves forwards in place. */
static void state_remap(const problem *p, state *s, const size_t *map, size_t new_k)
{
  size_t k = s->k, ny = p->ny, nx = p->nx, t, y, x, next;
  double *mass = p->logq;    /* scratch: the new masses */
  for (t = 0, next = 0; t < k; t++) {
    size_t u = map[t];
    double qt = s->q[t];
    if (u == SIZE_MAX)
      continue;
    if (u == next) {         /* first source of u */
      for (y = 0; y < ny; y++)
        s->r[y + ny * u] = s->r[y + ny * t] * qt;
      mass[u] = qt;
      next++;
    } else {
      for (y = 0; y < ny; y++)
        s->r[y + ny * u] += s->r[y + ny * t] * qt;
      mass[u] += qt;
    }
  }
  for (t = 0; t < new_k; t++) {
    s->q[t] = mass[t];
    for (y = 0; y < ny; y++)
      s->r[y + ny * t] = mass[t] > 0 ? s->r[y + ny * t] / mass[t] : 1.0 / (double) ny;
  }
  if (p->method == IB_CURVE_IB) {
    double *e = s->encT;
    for (x = 0; x < nx; x++) {
      size_t base_new = new_k * x, base_old = k * x;
      for (t = 0, next = 0; t < k; t++) {
        size_t u = map[t];
        if (u == SIZE_MAX)
          continue;
        if (u == next) {
          e[base_new + u] = e[base_old + t];
          next++;
        } else {
          e[base_new + u] += e[base_old + t];
        }
      }
    }
  } else {
    for (x = 0; x < nx; x++)
      s->assign[x] = map[s->assign[x]];
  }
  s->k = new_k;
}

/* Drops clusters lighter than Q_DROP (IB) or empty (DIB). */
static void drop_light(const problem *p, state *s)
{
  size_t t, next = 0, k = s->k;
  int any = 0;
  for (t = 0; t < k; t++) {
    if (s->q[t] < Q_DROP && k > 1) {
      p->map[t] = SIZE_MAX;
      any = 1;
    } else {
      p->map[t] = next++;
    }
  }
  if (any && next > 0)
    state_remap(p, s, p->map, next);
}

/* Merges clusters whose p(y|t) agree within MERGE_TOL. Returns whether any merged. */
static int merge_equal(const problem *p, state *s)
{
  size_t k = s->k, ny = p->ny, t, u, y, next = 0;
  int any = 0;
  for (t = 0; t < k; t++)
    p->map[t] = SIZE_MAX - 1;     /* unassigned */
  for (t = 0; t < k; t++) {
    if (p->map[t] != SIZE_MAX - 1)
      continue;
    p->map[t] = next;
    for (u = t + 1; u < k; u++) {
      if (p->map[u] != SIZE_MAX - 1)
        continue;
      for (y = 0; y < ny; y++)
        if (fabs(s->r[y + ny * t] - s->r[y + ny * u]) > MERGE_TOL)
          break;
      if (y == ny) {
        p->map[u] = next;
        any = 1;
      }
    }
    next++;
  }
  if (any)
    state_remap(p, s, p->map, next);
  return any;
}

/* I(T;Y) and H(T) of the clusters, nats. */
static void cluster_info(const problem *p, state *s)
{
  size_t t, y, ny = p->ny;
  double ht = 0.0, cond = 0.0;
  for (t = 0; t < s->k; t++) {
    double sum = 0.0;
    ht -= xlogx(s->q[t]);
    for (y = 0; y < ny; y++)
      sum += xlogx(s->r[y + ny * t]);
    cond += s->q[t] * sum;
  }
  s->ht = ht;
  s->ity = p->hy + cond;
  if (s->ity < 0)
    s->ity = 0.0;
}

/* IB: q and p(y|t) from the encoder; drops light clusters. */
static void ib_centroids(const problem *p, state *s)
{
  size_t k = s->k, ny = p->ny, t, y;
  cblas_dgemm(CblasColMajor, CblasTrans, CblasTrans, (int) ny, (int) k, (int) p->nx, 1.0,
              p->pxy, (int) p->nx, s->encT, (int) k, 0.0, s->r, (int) ny);
  for (t = 0; t < k; t++) {
    double sum = 0.0;
    for (y = 0; y < ny; y++)
      sum += s->r[y + ny * t];
    s->q[t] = sum;
    for (y = 0; y < ny; y++)
      s->r[y + ny * t] = sum > 0 ? s->r[y + ny * t] / sum : 1.0 / (double) ny;
  }
  drop_light(p, s);
}

/* IB: the encoder from q and p(y|t) at beta; returns -H(T|X) in nats. */
static ib_status ib_encoder(problem *p, state *s, double beta, double *neg_htx)
{
  size_t k = s->k, nx = p->nx, x, t;
  double acc = 0.0;
  ib_status st = compute_cross(p, s);
  if (st != IB_OK)
    return st;
  for (x = 0; x < nx; x++) {
    double *l = p->cross + k * x, *e = s->encT + k * x;
    double m = -INFINITY, z = 0.0, el = 0.0, logz;
    for (t = 0; t < k; t++) {
      l[t] = beta * l[t] + p->logq[t];
      if (l[t] > m)
        m = l[t];
    }
    for (t = 0; t < k; t++) {
      double d = l[t] - m;
      e[t] = d > EXP_UNDERFLOW ? exp(d) : 0.0;
      z += e[t];
    }
    logz = log(z);
    for (t = 0; t < k; t++) {
      e[t] /= z;
      if (e[t] > 0)
        el += e[t] * l[t];
    }
    acc += p->px[x] * (el - m - logz);
  }
  *neg_htx = acc;
  return IB_OK;
}

/* DIB: assignments from q and p(y|t) at beta; returns how many changed. */
static ib_status dib_assign(problem *p, state *s, double beta, size_t *changed)
{
  size_t k = s->k, nx = p->nx, x, t, n = 0;
  ib_status st = compute_cross(p, s);
  if (st != IB_OK)
    return st;
  for (x = 0; x < nx; x++) {
    const double *l = p->cross + k * x;
    size_t best = 0;
    double bv = -INFINITY;
    for (t = 0; t < k; t++) {
      double v = beta * l[t] + p->logq[t];
      if (v > bv) {
        bv = v;
        best = t;
      }
    }
    if (best != s->assign[x])
      n++;
    s->assign[x] = best;
  }
  *changed = n;
  return IB_OK;
}

/* DIB: q and p(y|t) from the assignments; drops empty clusters. */
static void dib_centroids(const problem *p, state *s)
{
  size_t k = s->k, ny = p->ny, nx = p->nx, t, y, x;
  for (t = 0; t < k; t++) {
    s->q[t] = 0.0;
    for (y = 0; y < ny; y++)
      s->r[y + ny * t] = 0.0;
  }
  for (x = 0; x < nx; x++) {
    t = s->assign[x];
    for (y = 0; y < ny; y++)
      s->r[y + ny * t] += p->pxy[x + nx * y];
  }
  for (t = 0; t < k; t++) {
    double sum = 0.0;
    for (y = 0; y < ny; y++)
      sum += s->r[y + ny * t];
    s->q[t] = sum;
    for (y = 0; y < ny; y++)
      s->r[y + ny * t] = sum > 0 ? s->r[y + ny * t] / sum : 1.0 / (double) ny;
  }
  /* drop clusters nobody is assigned to (mass 0 or x of probability 0 only) */
  {
    size_t next = 0;
    int any = 0;
    for (t = 0; t < k; t++)
      p->map[t] = SIZE_MAX;
    for (x = 0; x < nx; x++)
      p->map[s->assign[x]] = 0;
    for (t = 0; t < k; t++) {
      if (p->map[t] == SIZE_MAX)
        any = 1;
      else
        p->map[t] = next++;
    }
    if (any)
      state_remap(p, s, p->map, next);
  }
}

/* IB: one self-consistent update from the clusters of s (the encoder, then the clusters
 * and the information of that encoder). */
static ib_status ib_step(problem *p, state *s, double beta)
{
  double neg_htx;
  ib_status st = ib_encoder(p, s, beta, &neg_htx);
  if (st != IB_OK)
    return st;
  ib_centroids(p, s);
  cluster_info(p, s);
  s->ixt = s->ht + neg_htx;
  if (s->ixt < 0)
    s->ixt = 0.0;
  s->lag = s->ixt - beta * s->ity;
  return IB_OK;
}

/* Workspace of the SQUAREM extrapolation: clusters at three successive updates. */
typedef struct {
  size_t cap;
  double *theta0, *theta1;   /* q then r, k (1 + ny) each */
} accel;

static void accel_free(accel *a)
{
  free(a->theta0);
  free(a->theta1);
}

static ib_status accel_reserve(accel *a, size_t n)
{
  if (n <= a->cap)
    return IB_OK;
  {
    double *t0 = realloc_array(a->theta0, n, sizeof *t0);
    if (!t0)
      return IB_ERR_NOMEM;
    a->theta0 = t0;
  }
  {
    double *t1 = realloc_array(a->theta1, n, sizeof *t1);
    if (!t1)
      return IB_ERR_NOMEM;
    a->theta1 = t1;
  }
  a->cap = n;
  return IB_OK;
}

static void theta_save(const problem *p, const state *s, double *theta)
{
  memcpy(theta, s->q, s->k * sizeof *theta);
  memcpy(theta + s->k, s->r, s->k * p->ny * sizeof *theta);
}

/* IB iterations accelerated by SQUAREM (Varadhan & Roland 2008): from clusters th0, th1 =
 * F(th0), th2 = F(th1), jump to th0 - 2a d + a^2 v (d = th1 - th0, v = th2 - 2 th1 + th0,
 * a = -|d|/|v|), projected back to distributions, and update once more from there; the jump
 * is kept only if that Lagrangian is no higher than at th2 (the updates lower the IB
 * functional monotonically; the jump need not). Slow drifts of near-degenerate clusters
 * take many plain updates; the jump follows them. Returns the updates used in *used. */
static ib_status ib_cycle(problem *p, state *s, double beta, accel *acc, size_t *used)
{
  size_t k = s->k, ny = p->ny, n = k * (1 + ny), i, t, y;
  double l2, ixt2, ity2, ht2, dd = 0.0, vv = 0.0, alpha;
  ib_status st;
  *used = 0;
  if ((st = accel_reserve(acc, n)) != IB_OK)
    return st;
  theta_save(p, s, acc->theta0);
  if ((st = ib_step(p, s, beta)) != IB_OK)
    return st;
  (*used)++;
  if (s->k != k)
    return IB_OK;
  theta_save(p, s, acc->theta1);
  if ((st = ib_step(p, s, beta)) != IB_OK)
    return st;
  (*used)++;
  if (s->k != k)
    return IB_OK;
  /* th2 is in s; d and v */
  for (i = 0; i < n; i++) {
    double th2 = i < k ? s->q[i] : s->r[i - k];
    double d = acc->theta1[i] - acc->theta0[i];
    double v = th2 - 2.0 * acc->theta1[i] + acc->theta0[i];
    dd += d * d;
    vv += v * v;
  }
  if (!(vv > 0) || !(dd > 0))
    return IB_OK;
  alpha = -sqrt(dd / vv);
  if (alpha > -1.0)
    return IB_OK;                 /* no better than the plain updates */
  if (alpha < -SQUAREM_MAX_STEP)
    alpha = -SQUAREM_MAX_STEP;
  l2 = s->lag;
  ixt2 = s->ixt;
  ity2 = s->ity;
  ht2 = s->ht;
  /* keep th2 in theta1's place for the fallback, the jump in s */
  for (i = 0; i < n; i++) {
    double th2 = i < k ? s->q[i] : s->r[i - k];
    double d = acc->theta1[i] - acc->theta0[i];
    double v = th2 - 2.0 * acc->theta1[i] + acc->theta0[i];
    double jump = acc->theta0[i] - 2.0 * alpha * d + alpha * alpha * v;
    acc->theta1[i] = th2;
    if (i < k)
      s->q[i] = jump > 1e-300 ? jump : 1e-300;
    else
      s->r[i - k] = jump > 0 ? jump : 0.0;
  }
  {
    double qsum = 0.0;
    for (t = 0; t < k; t++) {
      double rsum = 0.0;
      qsum += s->q[t];
      for (y = 0; y < ny; y++)
        rsum += s->r[y + ny * t];
      for (y = 0; y < ny; y++)
        s->r[y + ny * t] = rsum > 0 ? s->r[y + ny * t] / rsum : 1.0 / (double) ny;
    }
    for (t = 0; t < k; t++)
      s->q[t] /= qsum;
  }
  if ((st = ib_step(p, s, beta)) != IB_OK)
    return st;
  (*used)++;
  if (s->lag <= l2)
    return IB_OK;
  /* the jump did worse: back to th2 (its encoder follows from the next update) */
  s->k = k;
  memcpy(s->q, acc->theta1, k * sizeof *s->q);
  memcpy(s->r, acc->theta1 + k, k * ny * sizeof *s->r);
  s->lag = l2;
  s->ixt = ixt2;
  s->ity = ity2;
  s->ht = ht2;
  if ((st = ib_step(p, s, beta)) != IB_OK)
    return st;
  (*used)++;
  return IB_OK;
}

/* Iterates from the clusters in s (q, r valid) at beta until the Lagrangian stops falling
 * (IB) or no assignment changes (DIB), merging equal clusters at convergence. */
static ib_status run(problem *p, state *s, double beta)
{
  size_t it = 0, cycles = 0;
  int rounds = 0;
  ib_status st = IB_OK;
  accel acc = {0, NULL, NULL};
  s->converged = 0;
  if (p->method == IB_CURVE_DIB) {
    /* every x gets some cluster before the first comparison */
    for (size_t x = 0; x < p->nx; x++)
      s->assign[x] = SIZE_MAX;
  }
  for (;;) {
    double prev = INFINITY;
    int conv = 0;
    while (it < p->max_iter) {
      if (p->method == IB_CURVE_IB) {
        size_t used;
        if ((st = ib_cycle(p, s, beta, &acc, &used)) != IB_OK)
          goto done;
        it += used;
        cycles++;
        /* a point d below the curve has a Lagrangian beta d too high: scale with beta */
        if (fabs(prev - s->lag) <= p->tol * (1.0 + beta)) {
          conv = 1;
          break;
        }
        prev = s->lag;
        /* clusters drifting together do so slowly: merge them once they are close (a merge
         * at distance d in p(y|t) costs O(d^2) of I(T;Y)) */
        if (cycles % MERGE_EVERY == 0 && merge_equal(p, s))
          prev = INFINITY;
      } else {
        size_t changed;
        it++;
        if ((st = dib_assign(p, s, beta, &changed)) != IB_OK)
          goto done;
        dib_centroids(p, s);
        cluster_info(p, s);
        s->ixt = s->ht;
        s->lag = s->ht - beta * s->ity;
        if (changed == 0) {
          conv = 1;
          break;
        }
      }
    }
    s->iters = it;
    s->converged = conv;
    if (!conv || rounds >= 8 || !merge_equal(p, s))
      break;
    rounds++;
  }
done:
  accel_free(&acc);
  return st;
}

/* The trivial solution: one cluster, p(y|t) = p(y). */
static ib_status state_trivial(const problem *p, state *s)
{
  size_t x, y;
  ib_status st = state_reserve(p, s, 1);
  if (st != IB_OK)
    return st;
  s->k = 1;
  s->q[0] = 1.0;
  for (y = 0; y < p->ny; y++) {
    double v = 0.0;
    for (x = 0; x < p->nx; x++)
      v += p->pxy[x + p->nx * y];
    s->r[y] = v;
  }
  if (p->method == IB_CURVE_IB)
    for (x = 0; x < p->nx; x++)
      s->encT[x] = 1.0;
  else
    for (x = 0; x < p->nx; x++)
      s->assign[x] = 0;
  s->ixt = s->ity = s->ht = s->lag = 0.0;
  s->iters = 0;
  s->converged = 1;
  return IB_OK;
}

/* The identity encoder t = x (needs nx <= kmax), then the centroids. */
static ib_status state_identity(const problem *p, state *s)
{
  size_t x, nx = p->nx;
  ib_status st = state_reserve(p, s, nx);
  if (st != IB_OK)
    return st;
  s->k = nx;
  if (p->method == IB_CURVE_IB) {
    memset(s->encT, 0, nx * nx * sizeof *s->encT);
    for (x = 0; x < nx; x++)
      s->encT[x + nx * x] = 1.0;
    ib_centroids(p, s);
  } else {
    for (x = 0; x < nx; x++)
      s->assign[x] = x;
    dib_centroids(p, s);
  }
  return IB_OK;
}

/* A random encoder on k0 clusters (IB: Dirichlet(1) weights plus a bump on one cluster;
 * DIB: uniform assignments), then the centroids. */
static ib_status state_random(problem *p, state *s, size_t k0)
{
  size_t x, t;
  ib_status st = state_reserve(p, s, k0);
  if (st != IB_OK)
    return st;
  s->k = k0;
  if (p->method == IB_CURVE_IB) {
    for (x = 0; x < p->nx; x++) {
      double *e = s->encT + k0 * x, sum = 0.0;
      size_t c = (size_t) ib_rng_below(&p->rng, k0);
      for (t = 0; t < k0; t++) {
        e[t] = -log(1.0 - ib_rng_uniform(&p->rng));
        sum += e[t];
      }
      e[c] += sum;
      sum *= 2.0;
      for (t = 0; t < k0; t++)
        e[t] /= sum;
    }
    ib_centroids(p, s);
  } else {
    for (x = 0; x < p->nx; x++)
      s->assign[x] = (size_t) ib_rng_below(&p->rng, k0);
    dib_centroids(p, s);
  }
  return IB_OK;
}

typedef struct {
  double value;
  size_t index;
} ranked;

/* descending value, then ascending index (a deterministic order) */
static int ranked_cmp(const void *va, const void *vb)
{
  const ranked *a = va, *b = vb;
  if (a->value > b->value) return -1;
  if (a->value < b->value) return 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* The clusters of s (q, r) at beta, each (or, of many, the most spread) split in two along a
 * random direction of p(y|x) - p(y|t): the x on either side lean to either half. At most
 * kmax clusters result. */
static ib_status state_split(problem *p, state *s, double beta)
{
  size_t k = s->k, nx = p->nx, ny = p->ny, x, t, y, i, n_split, k_new;
  size_t *order = NULL;
  ranked *spread = NULL;
  double *u = NULL;
  ib_status st = IB_OK;
  if (k >= p->kmax)
    return IB_OK;
  /* a few clusters bifurcate between neighbouring betas: split all of a few, the most
   * spread of many (splitting all would double the cost of the iterations) */
  n_split = k < SPLIT_ALL ? k : (k / 4 > SPLIT_ALL ? k / 4 : SPLIT_ALL);
  if (n_split > p->kmax - k)
    n_split = p->kmax - k;
  if ((st = state_reserve(p, s, k + n_split)) != IB_OK)
    return st;
  order = alloc_array(k, sizeof *order);
  spread = alloc_array(k, sizeof *spread);
  u = alloc_array(ny, sizeof *u);
  if (!order || !spread || !u) {
    st = IB_ERR_NOMEM;
    goto done;
  }
  /* encoder (or assignment) at this beta from the loaded clusters */
  if (p->method == IB_CURVE_IB) {
    double dummy;
    if ((st = ib_encoder(p, s, beta, &dummy)) != IB_OK)
      goto done;
  } else {
    size_t changed;
    if ((st = dib_assign(p, s, beta, &changed)) != IB_OK)
      goto done;
  }
  /* the clusters of most spread of p(y|x) within (mass times variance) split first */
  if (n_split < k) {
    for (t = 0; t < k; t++) {
      spread[t].value = 0.0;
      spread[t].index = t;
    }
    for (x = 0; x < nx; x++)
      for (t = 0; t < k; t++) {
        double mass = p->method == IB_CURVE_IB ? s->encT[t + k * x]
                                               : (s->assign[x] == t ? 1.0 : 0.0);
        double d2 = 0.0;
        if (mass == 0.0)
          continue;
        for (y = 0; y < ny; y++) {
          double d = p->pyx[x + nx * y] - s->r[y + ny * t];
          d2 += d * d;
        }
        spread[t].value += p->px[x] * mass * d2;
      }
    qsort(spread, k, sizeof *spread, ranked_cmp);
  }
  for (t = 0; t < k; t++)
    order[t] = n_split < k ? spread[t].index : t;
  k_new = k + n_split;
  if (p->method == IB_CURVE_IB) {
    /* widen encT from k to k_new entries per x, backwards so nothing is overwritten */
    for (x = nx; x-- > 0;) {
      for (t = k_new; t-- > k;)
        s->encT[t + k_new * x] = 0.0;
      for (t = k; t-- > 0;)
        s->encT[t + k_new * x] = s->encT[t + k * x];
    }
  }
  s->k = k_new;
  for (i = 0; i < n_split; i++) {
    size_t a = order[i], b = k + i;
    double sum = 0.0, var = 0.0, w = 0.0, sd;
    for (y = 0; y < ny; y++) {
      u[y] = ib_rng_normal(&p->rng);
      sum += u[y];
    }
    for (y = 0; y < ny; y++)
      u[y] -= sum / (double) ny;
    for (x = 0; x < nx; x++) {
      double proj = 0.0, mass;
      for (y = 0; y < ny; y++)
        proj += u[y] * (p->pyx[x + nx * y] - s->r[y + ny * a]);
      mass = p->method == IB_CURVE_IB ? s->encT[a + k_new * x]
                                      : (s->assign[x] == a ? 1.0 : 0.0);
      var += p->px[x] * mass * proj * proj;
      w += p->px[x] * mass;
    }
    sd = w > 0 ? sqrt(var / w) : 0.0;
    for (x = 0; x < nx; x++) {
      double proj = 0.0;
      for (y = 0; y < ny; y++)
        proj += u[y] * (p->pyx[x + nx * y] - s->r[y + ny * a]);
      if (p->method == IB_CURVE_IB) {
        double e = s->encT[a + k_new * x];
        double lean = sd > 1e-12 ? SPLIT_STRENGTH * tanh(proj / sd) : 0.0;
        if (sd <= 1e-12)  /* nothing to tell apart: split at random */
          lean = SPLIT_STRENGTH * (2.0 * ib_rng_uniform(&p->rng) - 1.0);
        s->encT[a + k_new * x] = e * 0.5 * (1.0 + lean);
        s->encT[b + k_new * x] = e * 0.5 * (1.0 - lean);
      } else if (s->assign[x] == a && proj > 0) {
        s->assign[x] = b;
      }
    }
  }
  if (p->method == IB_CURVE_IB)
    ib_centroids(p, s);
  else
    dib_centroids(p, s);
done:
  free(order);
  free(spread);
  free(u);
  return st;
}

/* ---------------------------------------------------------------- points of the sweep */

typedef struct {
  double beta, ixt, ity, ht, lag;   /* nats */
  int converged;
  size_t iters, k;
  double *q, *r;                    /* the clusters: warm starts for neighbours */
  double *encT;                     /* keep_encoders, IB: k x nx */
  size_t *assign;                   /* keep_encoders, DIB: nx */
  int done_right;                   /* the interval to the next point needs no refinement */
} point;

static void point_free(point *pt)
{
  free(pt->q);
  free(pt->r);
  free(pt->encT);
  free(pt->assign);
  pt->q = pt->r = pt->encT = NULL;
  pt->assign = NULL;
}

/* Stores s as pt (replacing what pt held). */
static ib_status point_store(const problem *p, point *pt, const state *s, double beta, int keep)
{
  point n;
  memset(&n, 0, sizeof n);
  n.beta = beta;
  n.ixt = s->ixt;
  n.ity = s->ity;
  n.ht = s->ht;
  n.lag = s->lag;
  n.converged = s->converged;
  n.iters = s->iters;
  n.k = s->k;
  n.done_right = pt->done_right;
  n.q = alloc_array(s->k, sizeof *n.q);
  n.r = alloc_array(s->k * p->ny, sizeof *n.r);
  if (!n.q || !n.r)
    goto nomem;
  memcpy(n.q, s->q, s->k * sizeof *n.q);
  memcpy(n.r, s->r, s->k * p->ny * sizeof *n.r);
  if (keep && p->method == IB_CURVE_IB) {
    n.encT = alloc_array(s->k * p->nx, sizeof *n.encT);
    if (!n.encT)
      goto nomem;
    memcpy(n.encT, s->encT, s->k * p->nx * sizeof *n.encT);
  } else if (keep) {
    n.assign = alloc_array(p->nx, sizeof *n.assign);
    if (!n.assign)
      goto nomem;
    memcpy(n.assign, s->assign, p->nx * sizeof *n.assign);
  }
  point_free(pt);
  *pt = n;
  return IB_OK;
nomem:
  point_free(&n);
  return IB_ERR_NOMEM;
}

typedef struct {
  point *pts;
  size_t n, cap;
} point_list;

static void point_list_free(point_list *l)
{
  for (size_t i = 0; i < l->n; i++)
    point_free(&l->pts[i]);
  free(l->pts);
  l->pts = NULL;
  l->n = l->cap = 0;
}

/* Makes room for a point at index i (shifting the later ones); it is zeroed. */
static ib_status point_list_insert(point_list *l, size_t i)
{
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 64;
    point *np = realloc_array(l->pts, cap, sizeof *np);
    if (!np)
      return IB_ERR_NOMEM;
    l->pts = np;
    l->cap = cap;
  }
  memmove(l->pts + i + 1, l->pts + i, (l->n - i) * sizeof *l->pts);
  memset(l->pts + i, 0, sizeof *l->pts);
  l->n++;
  return IB_OK;
}

/* What the starts of one beta need. */
typedef struct {
  problem *p;
  state best, work;
  size_t restarts;
  int small;               /* the identity start is affordable */
} solver;

/* Runs the start in sv->work and keeps it if its Lagrangian is the lowest so far. */
static ib_status consider(solver *sv, double beta)
{
  ib_status st = run(sv->p, &sv->work, beta);
  if (st != IB_OK)
    return st;
  if (sv->work.lag < sv->best.lag - 1e-13) {
    state tmp = sv->best;
    sv->best = sv->work;
    sv->work = tmp;
  }
  return IB_OK;
}

/* Solves beta from the trivial solution, the neighbours' clusters (carried, and the lower
 * one split) and random starts; leaves the winner in sv->best. */
static ib_status solve_beta(solver *sv, double beta, const point *lower, const point *upper)
{
  problem *p = sv->p;
  ib_status st;
  size_t i;
  /* the trivial encoder is a fixed point of every beta with Lagrangian 0 */
  if ((st = state_trivial(p, &sv->best)) != IB_OK)
    return st;
  if (lower) {
    if ((st = state_load_clusters(p, &sv->work, lower->k, lower->q, lower->r)) != IB_OK
        || (st = consider(sv, beta)) != IB_OK)
      return st;
    if (lower->k < p->kmax) {
      if ((st = state_load_clusters(p, &sv->work, lower->k, lower->q, lower->r)) != IB_OK
          || (st = state_split(p, &sv->work, beta)) != IB_OK
          || (st = consider(sv, beta)) != IB_OK)
        return st;
    }
  }
  if (upper) {
    if ((st = state_load_clusters(p, &sv->work, upper->k, upper->q, upper->r)) != IB_OK
        || (st = consider(sv, beta)) != IB_OK)
      return st;
  }
  for (i = 0; i < sv->restarts; i++) {
    size_t k0 = p->kmax < p->nx ? p->kmax : p->nx;
    if (k0 < 2)
      break;
    if ((st = state_random(p, &sv->work, k0)) != IB_OK || (st = consider(sv, beta)) != IB_OK)
      return st;
  }
  return IB_OK;
}

/* Error bound (nats) of the chord between points a and b of slopes 1/beta; b may be the
 * right end (x_end, y_end) of slope 0. */
static double chord_bound(double xa, double ya, double ba, double xb, double yb, double bb)
{
  double dx = xb - xa, sa = ba > 0 ? 1.0 / ba : INFINITY, sb = isinf(bb) ? 0.0 : 1.0 / bb, m;
  if (dx <= SAME_POINT)
    return 0.0;
  if (sa > 1.0)
    sa = 1.0;                /* I(T;Y) <= I(X;T): no slope exceeds 1 */
  if (sb > sa)
    return 0.0;
  m = (yb - ya) / dx;
  if (sa - sb <= 0)
    return 0.0;
  /* the curve is also non-decreasing: between the two points it stays within [ya, yb] */
  if (m >= sb && m <= sa)
    return fmin((sa - m) * (m - sb) * dx / (sa - sb), fmax(yb - ya, 0.0));
  return fmin((sa - sb) * dx / 4.0, fmax(yb - ya, 0.0));
}

static int same_point(const point *a, const point *b)
{
  return fabs(a->ixt - b->ixt) + fabs(a->ity - b->ity) < SAME_POINT;
}

/* One pass over the points carrying each solution to its neighbour (down: from the point
 * above; up: from the point below); a point is replaced when that start does better. */
static ib_status polish(solver *sv, point_list *l, int downwards, const ib_curve_options *opt)
{
  size_t n = l->n, j;
  ib_status st;
  for (j = 0; j + 1 < n; j++) {
    size_t i = downwards ? n - 2 - j : j + 1;
    const point *from = downwards ? &l->pts[i + 1] : &l->pts[i - 1];
    point *to = &l->pts[i];
    if ((st = state_load_clusters(sv->p, &sv->work, from->k, from->q, from->r)) != IB_OK)
      return st;
    if ((st = run(sv->p, &sv->work, to->beta)) != IB_OK)
      return st;
    if (sv->work.lag < to->lag - 1e-13) {
      if ((st = point_store(sv->p, to, &sv->work, to->beta, opt->keep_encoders)) != IB_OK)
        return st;
    }
  }
  return IB_OK;
}

/* ---------------------------------------------------------------- the distribution */

typedef struct {
  const double *row;
  size_t ny, idx;
} row_ref;

static int row_cmp(const void *va, const void *vb)
{
  const row_ref *a = va, *b = vb;
  for (size_t y = 0; y < a->ny; y++) {
    if (a->row[y] < b->row[y]) return -1;
    if (a->row[y] > b->row[y]) return 1;
  }
  return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Reduces pxy (normalised by total) to p: drops x and y of probability 0, merges x with
 * equal p(y|x). xmap[x] = merged index or SIZE_MAX. Also the entropies (nats). */
static ib_status build_problem(const double *pxy, size_t nx, size_t ny, double total,
                               problem *p, size_t *xmap, double *h_x, double *h_xm,
                               double *i_xy, int *deterministic, double det_tol)
{
  size_t x, y, nxk = 0, nyk = 0, g;
  size_t *ymap = NULL, *xkeep = NULL;
  double *rows = NULL, *px0 = NULL, *py0 = NULL;
  row_ref *refs = NULL;
  ib_status st = IB_ERR_NOMEM;
  double hx = 0.0, hcond = 0.0;

  px0 = alloc_array(nx, sizeof *px0);
  py0 = alloc_array(ny, sizeof *py0);
  ymap = alloc_array(ny, sizeof *ymap);
  xkeep = alloc_array(nx, sizeof *xkeep);
  if (!px0 || !py0 || !ymap || !xkeep)
    goto done;
  for (x = 0; x < nx; x++)
    px0[x] = 0.0;
  for (y = 0; y < ny; y++) {
    py0[y] = 0.0;
    for (x = 0; x < nx; x++) {
      double v = pxy[x + nx * y] / total;
      px0[x] += v;
      py0[y] += v;
    }
  }
  for (y = 0; y < ny; y++)
    ymap[y] = py0[y] > 0 ? nyk++ : SIZE_MAX;
  for (x = 0; x < nx; x++) {
    if (px0[x] > 0) {
      xkeep[nxk++] = x;
      hx -= xlogx(px0[x]);
    }
  }
  *h_x = hx;
  /* rows p(y|x) of the kept x, row-major, for sorting */
  if (mul_overflows(nxk, nyk))
    goto too_large;
  rows = alloc_array(nxk * nyk, sizeof *rows);
  refs = alloc_array(nxk, sizeof *refs);
  if (!rows || !refs)
    goto done;
  *deterministic = 1;
  for (size_t i = 0; i < nxk; i++) {
    double mx = 0.0;
    x = xkeep[i];
    for (y = 0; y < ny; y++)
      if (ymap[y] != SIZE_MAX) {
        double v = pxy[x + nx * y] / total / px0[x];
        rows[i * nyk + ymap[y]] = v;
        if (v > mx)
          mx = v;
      }
    if (mx < 1.0 - det_tol)
      *deterministic = 0;
    refs[i].row = rows + i * nyk;
    refs[i].ny = nyk;
    refs[i].idx = i;
  }
  qsort(refs, nxk, sizeof *refs, row_cmp);
  /* groups of consecutive equal rows */
  for (x = 0; x < nx; x++)
    xmap[x] = SIZE_MAX;
  g = 0;
  for (size_t i = 0; i < nxk; i++) {
    if (i > 0) {
      int same = 1;
      for (y = 0; y < nyk; y++)
        if (fabs(refs[i].row[y] - refs[i - 1].row[y]) > ROW_MERGE_TOL) {
          same = 0;
          break;
        }
      if (!same)
        g++;
    }
    xmap[xkeep[refs[i].idx]] = g;
  }
  p->nx = nxk ? g + 1 : 0;
  p->ny = nyk;
  p->px = alloc_array(p->nx, sizeof *p->px);
  p->pyx = alloc_array(p->nx * nyk, sizeof *p->pyx);
  p->pxy = alloc_array(p->nx * nyk, sizeof *p->pxy);
  if (!p->px || !p->pyx || !p->pxy)
    goto done;
  for (g = 0; g < p->nx; g++)
    p->px[g] = 0.0;
  for (g = 0; g < p->nx * nyk; g++)
    p->pxy[g] = 0.0;
  for (x = 0; x < nx; x++) {
    if (xmap[x] == SIZE_MAX)
      continue;
    g = xmap[x];
    p->px[g] += px0[x];
    for (y = 0; y < ny; y++)
      if (ymap[y] != SIZE_MAX)
        p->pxy[g + p->nx * ymap[y]] += pxy[x + nx * y] / total;
  }
  *h_xm = 0.0;
  p->hy = 0.0;
  for (g = 0; g < p->nx; g++) {
    *h_xm -= xlogx(p->px[g]);
    for (y = 0; y < nyk; y++) {
      double v = p->pxy[g + p->nx * y] / p->px[g];
      p->pyx[g + p->nx * y] = v;
      hcond -= p->px[g] * xlogx(v);
    }
  }
  for (y = 0; y < ny; y++)
    if (ymap[y] != SIZE_MAX)
      p->hy -= xlogx(py0[y]);
  *i_xy = p->hy - hcond;
  if (*i_xy < 0)
    *i_xy = 0.0;
  st = IB_OK;
  goto done;
too_large:
  st = IB_ERR_TOO_LARGE;
done:
  free(px0);
  free(py0);
  free(ymap);
  free(xkeep);
  free(rows);
  free(refs);
  return st;
}

/* ---------------------------------------------------------------- results */

void ib_curve_result_free(ib_curve_result *r)
{
  if (!r)
    return;
  free(r->IXT);
  free(r->ITY);
  free(r->beta);
  free(r->converged);
  free(r->raw_beta);
  free(r->raw_IXT);
  free(r->raw_ITY);
  free(r->raw_HT);
  free(r->raw_lagrangian);
  free(r->raw_converged);
  free(r->raw_iterations);
  free(r->raw_cardinality);
  if (r->raw_encoders) {
    for (size_t i = 0; i < r->n_raw; i++)
      free(r->raw_encoders[i]);
    free(r->raw_encoders);
  }
  free(r);
}

static ib_status result_alloc_raw(ib_curve_result *r, size_t n, int keep)
{
  r->n_raw = n;
  r->raw_beta = alloc_array(n, sizeof *r->raw_beta);
  r->raw_IXT = alloc_array(n, sizeof *r->raw_IXT);
  r->raw_ITY = alloc_array(n, sizeof *r->raw_ITY);
  r->raw_HT = alloc_array(n, sizeof *r->raw_HT);
  r->raw_lagrangian = alloc_array(n, sizeof *r->raw_lagrangian);
  r->raw_converged = alloc_array(n, sizeof *r->raw_converged);
  r->raw_iterations = alloc_array(n, sizeof *r->raw_iterations);
  r->raw_cardinality = alloc_array(n, sizeof *r->raw_cardinality);
  if (!r->raw_beta || !r->raw_IXT || !r->raw_ITY || !r->raw_HT || !r->raw_lagrangian
      || !r->raw_converged || !r->raw_iterations || !r->raw_cardinality)
    return IB_ERR_NOMEM;
  if (keep) {
    r->raw_encoders = calloc(n ? n : 1, sizeof *r->raw_encoders);
    if (!r->raw_encoders)
      return IB_ERR_NOMEM;
  }
  return IB_OK;
}

typedef struct {
  double x, y, beta;
  int converged;
} hull_pt;

static int hull_cmp(const void *va, const void *vb)
{
  const hull_pt *a = va, *b = vb;
  if (a->x < b->x) return -1;
  if (a->x > b->x) return 1;
  if (a->y > b->y) return -1;
  if (a->y < b->y) return 1;
  /* equal points: the larger beta first (the end of the range of betas that give it) */
  if (a->beta > b->beta) return -1;
  if (a->beta < b->beta) return 1;
  return 0;
}

/* The upper concave envelope of the raw points (bits) and the ends. */
static ib_status build_envelope(ib_curve_result *r, int add_right_ends)
{
  size_t n = r->n_raw + 3, m = 0, i, h = 0;
  hull_pt *pts = alloc_array(n, sizeof *pts), *hull;
  ib_status st = IB_OK;
  if (!pts)
    return IB_ERR_NOMEM;
  pts[m++] = (hull_pt) {0.0, 0.0, 1.0, 1};
  for (i = 0; i < r->n_raw; i++)
    pts[m++] = (hull_pt) {r->raw_IXT[i], r->raw_ITY[i], r->raw_beta[i], r->raw_converged[i]};
  if (add_right_ends) {
    pts[m++] = (hull_pt) {r->H_Xmerged, r->I_XY, INFINITY, 1};
    pts[m++] = (hull_pt) {r->H_X, r->I_XY, INFINITY, 1};
  }
  qsort(pts, m, sizeof *pts, hull_cmp);
  hull = pts;   /* in place: the hull never runs ahead of the scan */
  for (i = 0; i < m; i++) {
    hull_pt c = pts[i];
    if (h > 0 && c.x == hull[h - 1].x)
      continue;            /* same x, lower (or equal) y */
    while (h >= 2) {
      double cross = (hull[h - 1].x - hull[h - 2].x) * (c.y - hull[h - 2].y)
                   - (hull[h - 1].y - hull[h - 2].y) * (c.x - hull[h - 2].x);
      if (cross >= 0)      /* hull[h-1] is on or under the chord: not a vertex */
        h--;
      else
        break;
    }
    /* a drop below an earlier point cannot be on the curve (it is monotone) */
    if (h >= 1 && c.y < hull[h - 1].y)
      continue;
    hull[h++] = c;
  }
  r->n_curve = h;
  r->IXT = alloc_array(h, sizeof *r->IXT);
  r->ITY = alloc_array(h, sizeof *r->ITY);
  r->beta = alloc_array(h, sizeof *r->beta);
  r->converged = alloc_array(h, sizeof *r->converged);
  if (!r->IXT || !r->ITY || !r->beta || !r->converged) {
    st = IB_ERR_NOMEM;
  } else {
    for (i = 0; i < h; i++) {
      r->IXT[i] = hull[i].x;
      r->ITY[i] = hull[i].y;
      r->beta[i] = hull[i].beta;
      r->converged[i] = hull[i].converged;
    }
  }
  free(pts);
  return st;
}

static int cmp_double(const void *va, const void *vb)
{
  double a = *(const double *) va, b = *(const double *) vb;
  return a < b ? -1 : a > b;
}

static ib_status check_options(const ib_curve_options *opt)
{
  size_t i;
  if (opt->method != IB_CURVE_IB && opt->method != IB_CURVE_DIB)
    return IB_ERR_ARG;
  if (opt->n_betas > 0) {
    if (!opt->betas)
      return IB_ERR_ARG;
    for (i = 0; i < opt->n_betas; i++) {
      if (isnan(opt->betas[i]) || isinf(opt->betas[i]))
        return IB_ERR_NONFINITE;
      if (opt->betas[i] < 0)
        return IB_ERR_ARG;
    }
  } else {
    if (!isfinite(opt->beta_min) || !isfinite(opt->beta_max))
      return IB_ERR_NONFINITE;
    if (!(opt->beta_min > 0) || opt->beta_max < opt->beta_min || opt->n_beta < 1)
      return IB_ERR_ARG;
  }
  if (!(opt->curve_tol > 0) || !isfinite(opt->curve_tol) || opt->max_points < 1
      || !(opt->beta_cap >= 1) || !isfinite(opt->beta_cap) || opt->max_iter < 1
      || !(opt->tol >= 0) || !isfinite(opt->tol)
      || !(opt->deterministic_tol >= 0 && opt->deterministic_tol < 1))
    return IB_ERR_ARG;
  return IB_OK;
}

/* The exact curve of a deterministic labelling (Kolchinsky, Tracey & Van Kuyk 2019):
 * I(T;Y) = I(X;T) up to H(Y) (T = Y kept with probability a, else erased), then H(Y). Raw
 * points: the trivial encoder (beta 1) and T = Y (every beta > 1: reported Inf). */
static ib_status deterministic_result(const problem *p, const size_t *xmap, size_t nx,
                                      ib_curve_result *r, int keep)
{
  ib_status st = result_alloc_raw(r, 2, keep);
  size_t x, y;
  if (st != IB_OK)
    return st;
  r->raw_beta[0] = 1.0;
  r->raw_IXT[0] = r->raw_ITY[0] = r->raw_HT[0] = r->raw_lagrangian[0] = 0.0;
  r->raw_cardinality[0] = 1;
  r->raw_beta[1] = INFINITY;
  r->raw_IXT[1] = r->raw_ITY[1] = r->raw_HT[1] = r->I_XY;
  r->raw_lagrangian[1] = 0.0;   /* I(X;T) - beta I(T;Y) at beta = 1 */
  r->raw_cardinality[1] = p->ny;
  for (int i = 0; i < 2; i++) {
    r->raw_converged[i] = 1;
    r->raw_iterations[i] = 0;
  }
  if (keep) {
    double *e0 = calloc(nx ? nx : 1, sizeof *e0);
    double *e1 = (nx && p->ny) ? calloc(nx * p->ny, sizeof *e1) : calloc(1, sizeof *e1);
    r->raw_encoders[0] = e0;
    r->raw_encoders[1] = e1;
    if (!e0 || !e1)
      return IB_ERR_NOMEM;
    for (x = 0; x < nx; x++) {
      size_t g = xmap[x], best = 0;
      if (g == SIZE_MAX)
        continue;
      e0[x] = 1.0;
      for (y = 1; y < p->ny; y++)
        if (p->pyx[g + p->nx * y] > p->pyx[g + p->nx * best])
          best = y;
      e1[x + nx * best] = 1.0;
    }
  }
  return build_envelope(r, 1);
}

ib_status ib_curve_compute(const double *pxy, size_t nx, size_t ny, const ib_curve_options *opt,
                           ib_curve_result **result)
{
  ib_curve_options defaults;
  problem p;
  solver sv;
  point_list pl = {NULL, 0, 0};
  size_t *xmap = NULL, i, n_grid;
  double *grid = NULL, total = 0.0, h_x, h_xm, i_xy;
  ib_curve_result *r = NULL;
  ib_status st;
  int deterministic, refine, keep;

  if (!result)
    return IB_ERR_ARG;
  *result = NULL;
  if (!opt) {
    ib_curve_options_default(&defaults);
    opt = &defaults;
  }
  if (!pxy || nx == 0 || ny == 0)
    return IB_ERR_ARG;
  if ((st = check_options(opt)) != IB_OK)
    return st;
  if (mul_overflows(nx, ny))
    return IB_ERR_TOO_LARGE;
  for (i = 0; i < nx * ny; i++) {
    if (!isfinite(pxy[i]))
      return IB_ERR_NONFINITE;
    if (pxy[i] < 0)
      return IB_ERR_ARG;
    total += pxy[i];
  }
  if (!(fabs(total - 1.0) <= 1e-9))
    return IB_ERR_ARG;
  keep = opt->keep_encoders != 0;

  memset(&p, 0, sizeof p);
  memset(&sv, 0, sizeof sv);
  xmap = alloc_array(nx, sizeof *xmap);
  r = calloc(1, sizeof *r);
  if (!xmap || !r) {
    st = IB_ERR_NOMEM;
    goto fail;
  }
  st = build_problem(pxy, nx, ny, total, &p, xmap, &h_x, &h_xm, &i_xy, &deterministic,
                     opt->deterministic_tol);
  if (st != IB_OK)
    goto fail;
  r->nx = nx;
  r->ny = ny;
  r->nx_merged = p.nx;
  r->H_X = h_x / LN2;
  r->H_Y = p.hy / LN2;
  r->I_XY = i_xy / LN2;
  r->H_Xmerged = h_xm / LN2;
  r->deterministic = deterministic;
  r->all_converged = 1;
  if (deterministic) {
    if ((st = deterministic_result(&p, xmap, nx, r, keep)) != IB_OK)
      goto fail;
    goto success;
  }

  /* BLAS takes int sizes */
  if (p.nx > INT_MAX || p.ny > INT_MAX) {
    st = IB_ERR_TOO_LARGE;
    goto fail;
  }
  p.kmax = opt->max_cardinality == 0 ? nx : opt->max_cardinality;
  if (p.kmax > p.nx)
    p.kmax = p.nx;
  p.method = opt->method;
  p.max_iter = opt->max_iter;
  p.tol = opt->tol * LN2;
  ib_rng_seed(&p.rng, opt->seed);
  p.logr = alloc_array(p.kmax * p.ny, sizeof *p.logr);
  p.logq = alloc_array(p.kmax, sizeof *p.logq);
  p.map = alloc_array(p.kmax, sizeof *p.map);
  if (mul_overflows(p.kmax, p.ny) || !p.logr || !p.logq || !p.map) {
    st = IB_ERR_NOMEM;
    goto fail;
  }
  sv.p = &p;
  sv.small = (double) p.nx * (double) p.kmax * (double) p.ny <= 1e5;
  sv.restarts = opt->restarts == SIZE_MAX
                    ? ((double) p.nx * (double) p.kmax * (double) p.ny <= 2000 ? 3 : 0)
                    : opt->restarts;
  refine = opt->refine < 0 ? opt->n_betas == 0 : opt->refine != 0;

  /* the grid */
  n_grid = opt->n_betas > 0 ? opt->n_betas : opt->n_beta;
  grid = alloc_array(n_grid + 1, sizeof *grid);
  if (!grid) {
    st = IB_ERR_NOMEM;
    goto fail;
  }
  if (opt->n_betas > 0) {
    memcpy(grid, opt->betas, n_grid * sizeof *grid);
    qsort(grid, n_grid, sizeof *grid, cmp_double);
  } else {
    double l0 = log(opt->beta_min), l1 = log(opt->beta_max);
    for (i = 0; i < n_grid; i++)
      grid[i] = n_grid == 1 ? opt->beta_min : exp(l0 + (l1 - l0) * (double) i / (double) (n_grid - 1));
  }
  if (refine && grid[0] > 1.0) {
    /* (0, 0) is optimal at beta = 1: the refinement starts there */
    memmove(grid + 1, grid, n_grid * sizeof *grid);
    grid[0] = 1.0;
    n_grid++;
  }

  /* forward annealing */
  for (i = 0; i < n_grid; i++) {
    if (i > 0 && grid[i] == grid[i - 1])
      continue;
    if ((st = solve_beta(&sv, grid[i], pl.n ? &pl.pts[pl.n - 1] : NULL, NULL)) != IB_OK
        || (st = point_list_insert(&pl, pl.n)) != IB_OK
        || (st = point_store(&p, &pl.pts[pl.n - 1], &sv.best, grid[i], keep)) != IB_OK)
      goto fail;
  }
  /* backward annealing, from the identity at the largest beta when affordable */
  if (sv.small && p.nx <= p.kmax && pl.n > 0) {
    point *last = &pl.pts[pl.n - 1];
    if ((st = state_identity(&p, &sv.work)) != IB_OK || (st = run(&p, &sv.work, last->beta)) != IB_OK)
      goto fail;
    if (sv.work.lag < last->lag - 1e-13
        && (st = point_store(&p, last, &sv.work, last->beta, keep)) != IB_OK)
      goto fail;
  }
  if ((st = polish(&sv, &pl, 1, opt)) != IB_OK)
    goto fail;

  /* refinement: betas where the chord may miss the curve, and up to the right end */
  while (refine && pl.n < opt->max_points) {
    size_t worst = SIZE_MAX, at;
    double worst_bound = opt->curve_tol * LN2, beta_new, m;
    int from_chord = 0;
    point *a, *b;
    for (i = 0; i < pl.n; i++) {
      double bound;
      if (pl.pts[i].done_right)
        continue;
      if (i + 1 < pl.n)
        bound = chord_bound(pl.pts[i].ixt, pl.pts[i].ity, pl.pts[i].beta, pl.pts[i + 1].ixt,
                            pl.pts[i + 1].ity, pl.pts[i + 1].beta);
      else
        bound = chord_bound(pl.pts[i].ixt, pl.pts[i].ity, pl.pts[i].beta, h_xm, i_xy, INFINITY);
      if (bound > worst_bound) {
        worst_bound = bound;
        worst = i;
      }
    }
    if (worst == SIZE_MAX)
      break;
    a = &pl.pts[worst];
    b = worst + 1 < pl.n ? &pl.pts[worst + 1] : NULL;
    if (b) {
      m = (b->ity - a->ity) / (b->ixt - a->ixt);
      beta_new = m > 0 ? 1.0 / m : INFINITY;
      if (beta_new > a->beta * (1 + 1e-9) && beta_new < b->beta / (1 + 1e-9))
        from_chord = 1;
      else
        beta_new = a->beta > 0 ? sqrt(a->beta * b->beta) : b->beta / 2;
      if (!(beta_new > a->beta * (1 + 1e-12) && beta_new < b->beta)) {
        a->done_right = 1;
        continue;
      }
    } else {
      if (a->beta >= opt->beta_cap) {
        a->done_right = 1;
        continue;
      }
      m = (i_xy - a->ity) / (h_xm - a->ixt);
      beta_new = m > 0 ? 1.0 / m : INFINITY;
      from_chord = beta_new > a->beta * (1 + 1e-9) && beta_new <= 16 * a->beta
                   && beta_new <= opt->beta_cap;
      if (!from_chord)
        beta_new = beta_new > a->beta * (1 + 1e-9) ? 16 * a->beta : 4 * a->beta;
      if (beta_new > opt->beta_cap)
        beta_new = opt->beta_cap;
      if (!(beta_new > a->beta)) {
        a->done_right = 1;
        continue;
      }
    }
    if ((st = solve_beta(&sv, beta_new, a, b)) != IB_OK)
      goto fail;
    at = worst + 1;
    if ((st = point_list_insert(&pl, at)) != IB_OK
        || (st = point_store(&p, &pl.pts[at], &sv.best, beta_new, keep)) != IB_OK)
      goto fail;
    a = &pl.pts[worst];
    if (from_chord) {
      /* the tangent of the chord's slope touched an end: the chord is the curve there */
      if (same_point(&pl.pts[at], a))
        pl.pts[at].done_right = 1;
      else if (at + 1 < pl.n && same_point(&pl.pts[at], &pl.pts[at + 1]))
        a->done_right = 1;
      else if (at + 1 == pl.n && fabs(pl.pts[at].ixt - h_xm) + fabs(pl.pts[at].ity - i_xy) < SAME_POINT)
        a->done_right = 1;
    }
  }
  if (refine) {
    if ((st = polish(&sv, &pl, 1, opt)) != IB_OK || (st = polish(&sv, &pl, 0, opt)) != IB_OK)
      goto fail;
  }

  /* the raw points, in bits, with rounding above the bounds of information removed */
  if ((st = result_alloc_raw(r, pl.n, keep)) != IB_OK)
    goto fail;
  for (i = 0; i < pl.n; i++) {
    const point *pt = &pl.pts[i];
    double ixt = pt->ixt / LN2, ity = pt->ity / LN2;
    if (ixt > r->H_Xmerged && ixt - r->H_Xmerged < 1e-9)
      ixt = r->H_Xmerged;
    if (ity > r->I_XY && ity - r->I_XY < 1e-9)
      ity = r->I_XY;
    if (ity > ixt && ity - ixt < 1e-9)
      ity = ixt;
    r->raw_beta[i] = pt->beta;
    r->raw_IXT[i] = ixt;
    r->raw_ITY[i] = ity;
    r->raw_HT[i] = pt->ht / LN2;
    r->raw_lagrangian[i] = pt->lag / LN2;
    r->raw_converged[i] = pt->converged;
    r->raw_iterations[i] = pt->iters;
    r->raw_cardinality[i] = pt->k;
    if (!pt->converged)
      r->all_converged = 0;
    if (keep) {
      size_t k = pt->k, x, t;
      double *e;
      if (mul_overflows(nx, k)) {
        st = IB_ERR_TOO_LARGE;
        goto fail;
      }
      e = calloc(nx && k ? nx * k : 1, sizeof *e);
      if (!e) {
        st = IB_ERR_NOMEM;
        goto fail;
      }
      r->raw_encoders[i] = e;
      for (x = 0; x < nx; x++) {
        size_t g = xmap[x];
        if (g == SIZE_MAX)
          continue;
        if (pt->encT)
          for (t = 0; t < k; t++)
            e[x + nx * t] = pt->encT[t + k * g];
        else
          e[x + nx * pt->assign[g]] = 1.0;
      }
    }
  }
  if ((st = build_envelope(r, p.kmax >= p.nx)) != IB_OK)
    goto fail;

success:
  free(grid);
  free(xmap);
  point_list_free(&pl);
  state_free(&sv.best);
  state_free(&sv.work);
  problem_free(&p);
  *result = r;
  return IB_OK;
fail:
  free(grid);
  free(xmap);
  point_list_free(&pl);
  state_free(&sv.best);
  state_free(&sv.work);
  problem_free(&p);
  ib_curve_result_free(r);
  return st;
}

ib_status ib_curve_encoder_info(const double *pxy, size_t nx, size_t ny, const double *enc,
                                size_t nt, double *I_XT, double *I_TY)
{
  double total = 0.0, ixt = 0.0, ity = 0.0;
  double *pt = NULL, *pty = NULL, *py = NULL, *px = NULL;
  size_t x, y, t;
  ib_status st = IB_OK;
  if (!pxy || !enc || !I_XT || !I_TY || nx == 0 || ny == 0 || nt == 0)
    return IB_ERR_ARG;
  if (mul_overflows(nx, ny) || mul_overflows(nx, nt) || mul_overflows(nt, ny))
    return IB_ERR_TOO_LARGE;
  for (x = 0; x < nx * ny; x++) {
    if (!isfinite(pxy[x]))
      return IB_ERR_NONFINITE;
    if (pxy[x] < 0)
      return IB_ERR_ARG;
    total += pxy[x];
  }
  for (x = 0; x < nx * nt; x++) {
    if (!isfinite(enc[x]))
      return IB_ERR_NONFINITE;
    if (enc[x] < 0)
      return IB_ERR_ARG;
  }
  if (!(total > 0))
    return IB_ERR_ARG;
  pt = calloc(nt, sizeof *pt);
  pty = calloc(nt * ny, sizeof *pty);
  py = calloc(ny, sizeof *py);
  px = calloc(nx, sizeof *px);
  if (!pt || !pty || !py || !px) {
    st = IB_ERR_NOMEM;
    goto done;
  }
  for (x = 0; x < nx; x++)
    for (y = 0; y < ny; y++) {
      double v = pxy[x + nx * y] / total;
      px[x] += v;
      py[y] += v;
      for (t = 0; t < nt; t++)
        pty[t + nt * y] += v * enc[x + nx * t];
    }
  for (x = 0; x < nx; x++)
    for (t = 0; t < nt; t++)
      pt[t] += px[x] * enc[x + nx * t];
  for (x = 0; x < nx; x++)
    for (t = 0; t < nt; t++) {
      double e = enc[x + nx * t];
      if (px[x] > 0 && e > 0)
        ixt += px[x] * e * log(e / pt[t]);
    }
  for (t = 0; t < nt; t++)
    for (y = 0; y < ny; y++) {
      double v = pty[t + nt * y];
      if (v > 0)
        ity += v * log(v / (pt[t] * py[y]));
    }
  *I_XT = ixt > 0 ? ixt / LN2 : 0.0;
  *I_TY = ity > 0 ? ity / LN2 : 0.0;
done:
  free(pt);
  free(pty);
  free(py);
  free(px);
  return st;
}
