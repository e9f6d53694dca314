/* Copyright (C) 2026 The ib developers. SPDX-License-Identifier: GPL-3.0-or-later (LICENSE). */
/* test_optim.c - Adam and SGD with momentum against their update rules written out here,
 * Adam's first-step property |step| ~ lr, and the validation of the hyper-parameters. */
#include <stdint.h>
#include "check.h"
#include "optim.h"

static void test_adam(void)
{
  const double lr = 4e-4, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  double theta[4] = {1.0, -2.0, 0.5, 3.0};
  const double g1[4] = {0.3, -1.5, 1e-3, 0.0};
  const double g2[4] = {-0.2, -1.0, 2e-3, 5.0};
  double m[4] = {0}, v[4] = {0};
  const double theta0[4] = {1.0, -2.0, 0.5, 3.0};

  /* step 1 from zero moments: m = (1 - b1) g, v = (1 - b2) g^2, lr_1 = lr sqrt(1 - b2) / (1 - b1) */
  ib_adam_step(4, theta, g1, m, v, 1, lr, b1, b2, eps);
  const double lr1 = lr * sqrt(1 - 0.999) / (1 - 0.9);
  double theta1[4];
  for (int i = 0; i < 4; i++) {
    double m1 = (1 - b1) * g1[i], v1 = (1 - b2) * g1[i] * g1[i];
    theta1[i] = theta0[i] - lr1 * m1 / (sqrt(v1) + eps);
    CHECK_CLOSE(m[i], m1, 4e-16 * fabs(m1));
    CHECK_CLOSE(v[i], v1, 4e-16 * v1);
    CHECK_CLOSE(theta[i], theta1[i], 1e-15);
  }
  /* the first step moves every parameter with a clear gradient by lr against its sign (less
   * by a relative eps / (sqrt(0.001) |g|) ~ 1e-6) */
  CHECK_CLOSE(theta[0] - theta0[0], -lr, 1e-5 * lr);
  CHECK_CLOSE(theta[1] - theta0[1], lr, 1e-5 * lr);
  CHECK(theta[3] == theta0[3]); /* zero gradient, zero moments: no move */

  /* step 2 */
  ib_adam_step(4, theta, g2, m, v, 2, lr, b1, b2, eps);
  const double lr2 = lr * sqrt(1 - 0.999 * 0.999) / (1 - 0.9 * 0.9);
  for (int i = 0; i < 4; i++) {
    double m1 = (1 - b1) * g1[i], v1 = (1 - b2) * g1[i] * g1[i];
    double m2 = b1 * m1 + (1 - b1) * g2[i], v2 = b2 * v1 + (1 - b2) * g2[i] * g2[i];
    CHECK_CLOSE(m[i], m2, 4e-16 * fabs(m2));
    CHECK_CLOSE(v[i], v2, 4e-16 * v2);
    CHECK_CLOSE(theta[i], theta1[i] - lr2 * m2 / (sqrt(v2) + eps), 1e-15);
  }

  /* late steps: the bias correction fades, lr_t -> lr (beta^t computed without overflow of t) */
  double th = 0, mm = 1.0, vv = 1.0, g = 1.0;
  ib_adam_step(1, &th, &g, &mm, &vv, UINT64_C(1000000000), lr, b1, b2, eps);
  CHECK_CLOSE(th, -lr * 1.0 / (1.0 + eps), 1e-18);
}

static void test_sgd(void)
{
  const double lr = 0.1, mu = 0.9;
  double theta[3] = {1.0, 0.0, -1.0}, vel[3] = {0};
  const double g1[3] = {2.0, -1.0, 0.0}, g2[3] = {1.0, 1.0, -3.0};
  ib_sgd_step(3, theta, g1, vel, lr, mu);
  for (int i = 0; i < 3; i++)
    CHECK_CLOSE(vel[i], -lr * g1[i], 1e-16);
  CHECK_CLOSE(theta[0], 1.0 - 0.2, 1e-16);
  CHECK_CLOSE(theta[1], 0.0 + 0.1, 1e-16);
  ib_sgd_step(3, theta, g2, vel, lr, mu);
  const double start[3] = {1.0, 0.0, -1.0};
  for (int i = 0; i < 3; i++) {
    double v1 = -lr * g1[i], v2 = mu * v1 - lr * g2[i];
    CHECK_CLOSE(vel[i], v2, 1e-16);
    CHECK_CLOSE(theta[i], start[i] + v1 + v2, 1e-15);
  }

  /* momentum 0 is plain gradient descent */
  double t = 5.0, v = 123.0, gg = 2.0;
  ib_sgd_step(1, &t, &gg, &v, 0.25, 0.0);
  CHECK(t == 4.5 && v == -0.5);
}

static void test_dispatch(void)
{
  ib_optim_params adam = {IB_OPT_ADAM, 1e-3, 0, 0.9, 0.999, 1e-8};
  ib_optim_params sgd = {IB_OPT_SGD, 0.5, 0.5, 0, 0, 0};
  double a = 0, ma = 0, va = 0, g = 1.0;
  uint64_t step = 0;
  ib_optim_step(&adam, 1, &a, &g, &ma, &va, &step);
  CHECK(step == 1);
  CHECK_CLOSE(a, -1e-3 / (1 + 1e-8 / sqrt(1e-3)), 1e-15);
  double s = 0, vel = 0, unused = 7;
  step = 41;
  ib_optim_step(&sgd, 1, &s, &g, &vel, &unused, &step);
  CHECK(step == 42 && s == -0.5 && vel == -0.5 && unused == 7);

  ib_optimizer kind;
  CHECK(ib_optimizer_from_name("adam", &kind) == 0 && kind == IB_OPT_ADAM);
  CHECK(ib_optimizer_from_name("sgd", &kind) == 0 && kind == IB_OPT_SGD);
  CHECK(ib_optimizer_from_name("rmsprop", &kind) != 0);
  CHECK(ib_optimizer_from_name(NULL, &kind) != 0);
}

static void test_validate(void)
{
  ib_optim_params good = {IB_OPT_ADAM, 4e-4, 0, 0.9, 0.999, 1e-8}, p;
  CHECK(ib_optim_validate(&good) == IB_OK);
  p = good, p.learning_rate = 0;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
  p = good, p.learning_rate = NAN;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
  p = good, p.learning_rate = INFINITY;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
  p = good, p.beta1 = 1.0;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
  p = good, p.beta2 = -0.1;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
  p = good, p.epsilon = 0;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
  p = good, p.momentum = -1; /* unused by adam */
  CHECK(ib_optim_validate(&p) == IB_OK);
  p = good, p.kind = IB_OPT_SGD, p.momentum = 0.9;
  CHECK(ib_optim_validate(&p) == IB_OK);
  p.momentum = -0.1;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
  p.momentum = NAN;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
  p = good, p.kind = (ib_optimizer) 9;
  CHECK(ib_optim_validate(&p) == IB_ERR_ARG);
}

int main(void)
{
  RUN_TEST(test_adam);
  RUN_TEST(test_sgd);
  RUN_TEST(test_dispatch);
  RUN_TEST(test_validate);
  return CHECK_DONE();
}
