"""BG/NBD and Gamma-Gamma against their published fits on the CDNOW sample, from
the raw transactions through our own input code."""

from __future__ import annotations

import numpy as np
import pytest

from app.services.clv import bgnbd, gamma
from app.services.clv.inputs import summarise
from tests.clv.cdnow import CALIBRATION_END, HOLDOUT_END, published_summary, transactions


@pytest.fixture(scope="module")
def calibration():
    return summarise(*transactions(), CALIBRATION_END)


@pytest.fixture(scope="module")
def bg(calibration):
    return bgnbd.fit(*calibration.weeks())


def test_our_summary_of_the_raw_file_is_the_papers_input(calibration):
    ref = published_summary()
    assert len(calibration) == 2357 and calibration.repeat_buyers == 946
    assert np.array_equal(calibration.cid, ref["ID"].astype(int))
    x, t_x, T = calibration.weeks()
    assert np.array_equal(x, ref["x"].astype(int))
    # The published file rounds weeks and dollars to two decimals.
    assert np.abs(t_x - ref["t_x"]).max() <= 0.005 + 1e-9
    assert np.abs(T - ref["T"]).max() <= 0.005 + 1e-9
    assert np.abs(calibration.zbar / 100 - ref["zbar"]).max() <= 0.005 + 1e-9


def test_bgnbd_reproduces_fader_hardie_lee_2005(bg):
    for got, published in ((bg.r, 0.243), (bg.alpha, 4.414), (bg.a, 0.793), (bg.b, 2.426),
                           (bg.log_likelihood, -9582.4)):
        assert got == pytest.approx(published, rel=0.01)


def test_gamma_gamma_reproduces_fader_hardie_2013(calibration):
    # On the mean value of each repeat buyer's *repeat* purchases in the calibration
    # period (the first purchase left out), as in the note.
    repeat = calibration.x > 0
    gg = gamma.fit(calibration.x[repeat], calibration.zbar[repeat] / 100)
    for got, published in ((gg.p, 6.25), (gg.q, 3.74), (gg.gamma, 15.44)):
        assert got == pytest.approx(published, rel=0.02)
    # The weighted mean of population and own spend: between the two.
    own = calibration.zbar[repeat] / 100
    spend = gg.expected_spend(calibration.x[repeat], own)
    low, high = np.minimum(own, gg.mean_spend), np.maximum(own, gg.mean_spend)
    assert np.all((spend >= low - 1e-9) & (spend <= high + 1e-9))


def test_holdout_expectation_against_the_actual_count(bg, calibration):
    expected = bg.expected(39.0, *calibration.weeks()).sum()
    everything = summarise(*transactions(), HOLDOUT_END)
    actual = int(everything.x.sum() - calibration.x.sum())
    # The model's 1,653 against the 1,882 repeat purchase days that happened: the gap
    # is the model's (FHL 2005 report the same under-forecast), not a bug here.
    assert expected == pytest.approx(1653, rel=0.01)
    assert actual == 1882


def test_analytic_gradients_match_finite_differences(calibration):
    x, t_x, T = calibration.weeks()
    repeat = x > 0
    cases = [(lambda th: bgnbd.neg_log_likelihood(th, x, t_x, T), [0.3, 4.0, 0.8, 2.5]),
             (lambda th: gamma.neg_log_likelihood(th, x[repeat], calibration.zbar[repeat] / 1e3),
              [6.0, 3.5, 1.5])]
    for f, theta in cases:
        theta = np.array(theta)
        _, grad = f(theta)
        for i in range(len(theta)):
            h = 1e-6 * theta[i]
            up, down = theta.copy(), theta.copy()
            up[i] += h
            down[i] -= h
            numeric = (f(up)[0] - f(down)[0]) / (2 * h)
            assert grad[i] == pytest.approx(numeric, rel=1e-4, abs=1e-3)


def test_p_alive_is_one_without_repeat_purchases_and_falls_with_silence(bg):
    p = bg.p_alive(np.array([0, 3, 3]), np.array([0.0, 30.0, 5.0]), np.array([30.0] * 3))
    assert p[0] == 1.0
    assert p[1] > p[2]  # same purchases, the one silent for 25 weeks less likely alive
