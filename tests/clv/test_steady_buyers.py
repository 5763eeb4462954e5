"""The demo file's customers keep buying at a steady rhythm and hardly drop out: the
BG/NBD fit runs b to its bound. That is the model's proper limit (one small dropout
probability for everyone), not a failure: the fit is accepted and its predictions are
finite and sensible. A purchase rate on its bound still fails, with the clear message."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from app.services.clv import bgnbd, service
from app.services.clv.fitting import LOG_BOUND, FitFailed, fit_positive
from app.services.demo.generator import generate_demo_data

AS_OF = date(2026, 12, 4)


def test_the_demo_file_fits_at_the_dropout_limit(vault):
    generate_demo_data(vault.sessions, 3000, seed=1, today=AS_OF)
    with vault.sessions.begin() as s:
        result = service.refresh(s, AS_OF)
    fit = result.fit.bg
    assert np.log(fit.b) >= LOG_BOUND - 1e-3  # the case that used to be refused
    assert fit.a / (fit.a + fit.b) < 0.05
    with vault.sessions() as s:
        top = service.top(s, limit=50)
    figures = [t.prediction.to_json() for t in top]
    assert figures and all(np.isfinite(f["clv_fen"]) and f["clv_fen"] > 0 for f in figures)
    assert all(0 <= f["p_alive"] <= 1 for f in figures)


def test_a_rate_on_its_bound_is_still_a_failure():
    def neg_ll(theta):  # optimum at r → ∞ (pushed past the bound)
        return -theta[0], -np.ones_like(theta)

    with pytest.raises(FitFailed, match="ran to its limit"):
        fit_positive(neg_ll, [(1.0, 1.0, 1.0, 1.0)], "BG/NBD", edge_ok=bgnbd._dropout_limit)
