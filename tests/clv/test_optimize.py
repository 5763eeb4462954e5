"""The bounded BFGS (app/services/clv/optimize.py) against scipy's L-BFGS-B, on the
real objectives (BG/NBD and Gamma-Gamma on CDNOW) and from every start the fits use."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize

from app.services.clv import bgnbd, gamma
from app.services.clv.fitting import LOG_BOUND
from app.services.clv.inputs import summarise
from app.services.clv.optimize import minimize_box
from tests.clv.cdnow import CALIBRATION_END, transactions


@pytest.fixture(scope="module")
def calibration():
    return summarise(*transactions(), CALIBRATION_END)


def _in_logs(neg_ll):
    def objective(log_theta):
        theta = np.exp(log_theta)
        value, grad = neg_ll(theta)
        return value, grad * theta
    return objective


def _objectives(calibration):
    x, t_x, T = calibration.weeks()
    distinct = np.unique(x, return_counts=True)
    repeat = x > 0
    z = calibration.zbar[repeat] / calibration.zbar[repeat].mean()
    return [
        (_in_logs(lambda th: bgnbd.neg_log_likelihood(th, x, t_x, T, distinct)),
         [(1.0, 1.0, 1.0, 1.0), (0.5, 30.0, 0.5, 2.0), (2.0, 8.0, 2.0, 5.0),
          (0.1, 3.0, 1.0, 10.0)]),
        (_in_logs(lambda th: gamma.neg_log_likelihood(th, x[repeat].astype(float), z)),
         [(1.0, 1.0, 1.0), (5.0, 3.0, 5.0), (2.0, 10.0, 10.0), (0.5, 2.0, 1.0)]),
    ]


def test_the_same_optimum_as_scipy_from_every_start(calibration):
    for objective, starts in _objectives(calibration):
        for start in starts:
            x0 = np.log(np.array(start))
            n = len(x0)
            ref = minimize(objective, x0, jac=True, method="L-BFGS-B",
                           bounds=[(-LOG_BOUND, LOG_BOUND)] * n,
                           options={"maxiter": 500, "ftol": 1e-12, "gtol": 1e-7})
            ours = minimize_box(objective, x0, np.full(n, -LOG_BOUND), np.full(n, LOG_BOUND))
            assert ours.success and ours.nit < 100
            assert np.exp(ours.x) == pytest.approx(np.exp(ref.x), rel=1e-4)
            assert ours.fun == pytest.approx(ref.fun, rel=1e-10)  # LL to ~1e-6 at 9582


def test_a_variable_pushed_past_its_bound_is_held_there():
    # f = (x0 − 20)² + (x1 − 1)²: x0 stops on its bound 12, x1 at its optimum
    def f(v):
        return (v[0] - 20) ** 2 + (v[1] - 1) ** 2, np.array([2 * (v[0] - 20), 2 * (v[1] - 1)])

    res = minimize_box(f, [0.0, 5.0], [-12, -12], [12, 12])
    assert res.success
    assert res.x == pytest.approx([12.0, 1.0], abs=1e-6)


def test_rosenbrock_from_the_textbook_start():
    def f(v):
        a, b = v
        return ((1 - a) ** 2 + 100 * (b - a * a) ** 2,
                np.array([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]))

    res = minimize_box(f, [-1.2, 1.0], [-5, -5], [5, 5], ftol=1e-15, gtol=1e-9)
    assert res.success and res.x == pytest.approx([1.0, 1.0], abs=1e-5)


def test_running_out_of_iterations_is_not_success():
    def f(v):
        a, b = v
        return ((1 - a) ** 2 + 100 * (b - a * a) ** 2,
                np.array([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]))

    res = minimize_box(f, [-1.2, 1.0], [-5, -5], [5, 5], maxiter=3)
    assert not res.success and res.nit == 3
