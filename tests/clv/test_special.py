"""ln Γ, ψ and ₂F₁ in numpy (app/services/clv/special.py) against scipy.special, over
the ranges the fits reach: parameters from e^-12 to e^12, hundreds of purchases,
z = t/(α+T+t) up to 0.95."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special as reference

from app.services.clv import special

X = np.geomspace(1e-6, 1e8, 100_001)


@pytest.mark.parametrize("name", ["gammaln", "digamma"])
def test_gammaln_and_digamma_agree_with_scipy(name):
    got, ref = getattr(special, name)(X), getattr(reference, name)(X)
    # Relative, and absolute near the roots (ln Γ at 1 and 2, ψ at 1.4616…), where
    # a relative error means nothing.
    assert np.max(np.abs(got - ref) / np.maximum(np.abs(ref), 1.0)) <= 1e-13
    away = np.abs(ref) > 0.1
    assert np.max(np.abs(got - ref)[away] / np.abs(ref[away])) <= 1e-12


def test_scalars_arrays_and_outside_the_domain():
    assert special.gammaln(5.0) == pytest.approx(np.log(24.0), rel=1e-15)
    assert special.digamma(1.0) == pytest.approx(-np.euler_gamma, rel=1e-14)
    assert special.gammaln(np.ones((2, 3))).shape == (2, 3)
    assert np.isnan(special.gammaln(-1.0)) and np.isnan(special.digamma(0.0))
    assert special.hyp2f1(1.0, 1.0, 2.0, 0.5) == pytest.approx(-np.log(0.5) / 0.5, rel=1e-14)
    assert special.hyp2f1(2.0, 3.0, 4.0, 0.0) == 1.0
    assert np.isnan(special.hyp2f1(1.0, 1.0, 2.0, 1.0))


def _bgnbd_arguments(n=60_000, seed=7):
    """The BG/NBD expectation's ₂F₁(r+x, b+x; a+b+x−1; z): random fits and customers."""
    rng = np.random.default_rng(seed)
    r, alpha = np.exp(rng.uniform(-3, 3, n)), np.exp(rng.uniform(-1, 4, n))
    a, b = np.exp(rng.uniform(-3, 9, n)), np.exp(rng.uniform(-3, 12, n))
    x = rng.integers(0, 300, n).astype(float)
    T, t = rng.uniform(0, 300, n), rng.uniform(0, 53, n)
    z = np.minimum(t / (alpha + T + t), 0.95)
    return r + x, b + x, a + b + x - 1, z


def _positive_series(a, b, c, z, log_factor):
    """factor · ₂F₁ by its plain series when every term is positive (a, b, c > 0): no
    cancellation, so the sum of the terms' logarithms, scaled by the largest, is an
    independent referee good to ~1e-12 where scipy goes wrong."""
    logs, lt, n = [], 0.0, 0
    while n < 10 or lt > max(logs) - 60:
        logs.append(lt)
        lt += math.log((a + n) * (b + n) / ((c + n) * (n + 1)) * z)
        n += 1
    top = max(logs)
    return math.exp(log_factor + top + math.log(math.fsum(math.exp(v - top) for v in logs)))


def test_hyp2f1_times_its_factor_agrees_with_scipy_on_bgnbd_arguments():
    a, b, c, z = _bgnbd_arguments()
    log_f, sign = special.log_hyp2f1(a, b, c, z)
    with np.errstate(all="ignore"):
        ours = sign * np.exp(a * np.log1p(-z) + log_f)
        ref = (1 - z) ** a * reference.hyp2f1(a, b, c, z)
    assert np.all(np.isfinite(ours))  # ours does not overflow where scipy's does
    # Where scipy's ₂F₁ itself stays a finite normal number (it overflows beyond).
    fair = np.isfinite(ref) & (np.abs(ref) > 1e-250)
    assert fair.mean() > 0.95
    error = np.abs(ours[fair] - ref[fair]) / np.abs(ref[fair])
    assert np.mean(error <= 1e-12) > 0.999
    # The few others: ours within 1e-11 of an independent sum (c − a − b of the Euler
    # form, taken from c = a + b + x − 1 of ~1e5, carries ~1e-11 of rounding), and where
    # we differ from scipy by more, scipy is the one that is wrong (2 % at worst here).
    for i in np.flatnonzero(fair)[error > 1e-12]:
        assert c[i] > 0
        referee = _positive_series(a[i], b[i], c[i], z[i], a[i] * math.log1p(-z[i]))
        assert ours[i] == pytest.approx(referee, rel=1e-11)
        if abs(ref[i] - ours[i]) > 1e-10 * abs(referee):
            assert abs(ref[i] - referee) > 1e-10 * abs(referee)


def test_hyp2f1_agrees_with_scipy_on_a_plain_grid():
    g = np.array([0.1, 0.5, 1.0, 2.5, 10.0, 40.0])
    a, b, c, z = np.meshgrid(g, g, g + 0.3, np.linspace(0, 0.9, 10), indexing="ij")
    ours, ref = special.hyp2f1(a, b, c, z), reference.hyp2f1(a, b, c, z)
    fair = np.isfinite(ref) & (np.abs(ref) < 1e250)
    assert np.max(np.abs(ours[fair] - ref[fair]) / np.abs(ref[fair])) <= 1e-12
