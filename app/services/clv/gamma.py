"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and
CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader & Hardie
2013, "The Gamma-Gamma Model of Monetary Value").

A customer's purchases have values ~ gamma(p, ν), ν ~ gamma(q, γ) across customers,
independent of the purchase process. Fitted on the customers with x > 0 repeat
purchases and z̄ = the mean value of those repeat purchases:

    f(z̄ | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q x^px z̄^(px−1) / (γ + x z̄)^(px+q)

Money is divided by its mean before fitting (γ is a scale of money: the fit is the
same, the starting points fit every currency) and γ scaled back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.services.clv.fitting import FitFailed, fit_positive
from app.services.clv.special import digamma, gammaln


@dataclass(frozen=True)
class GammaGamma:
    p: float
    q: float
    gamma: float  # in the unit of the spend fitted on
    log_likelihood: float

    @property
    def mean_spend(self) -> float:
        """The population mean spend per purchase, p·γ/(q−1) (needs q > 1)."""
        return self.p * self.gamma / (self.q - 1)

    def expected_spend(self, x: np.ndarray, zbar: np.ndarray) -> np.ndarray:
        """E[spend per purchase | x, z̄]: a weighted mean of the population mean and the
        customer's own z̄ (Fader & Hardie 2013 eq. 5); the population mean for x = 0."""
        x = np.asarray(x, dtype=float)
        zbar = np.where(x > 0, np.asarray(zbar, dtype=float), 0.0)
        return self.p * (self.gamma + x * zbar) / (self.p * x + self.q - 1)

    def to_json(self) -> dict:
        return {"p": self.p, "q": self.q, "gamma": self.gamma}


def neg_log_likelihood(theta: np.ndarray, x: np.ndarray,
                       zbar: np.ndarray) -> tuple[float, np.ndarray]:
    p, q, g = (float(v) for v in theta)
    px = p * x
    log_gxz = np.log(g + x * zbar)
    log_xz = np.log(x) + np.log(zbar)
    ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g) + px * np.log(x)
          + (px - 1) * np.log(zbar) - (px + q) * log_gxz).sum()
    dg = digamma(px + q)
    g_p = (x * (dg - digamma(px) + log_xz - log_gxz)).sum()
    g_q = (dg - digamma(q) + np.log(g) - log_gxz).sum()
    g_g = (q / g - (px + q) / (g + x * zbar)).sum()
    return -float(ll), -np.array([g_p, g_q, g_g])


def fit(x: np.ndarray, zbar: np.ndarray) -> GammaGamma:
    """Fit on the repeat buyers: x > 0 repeat purchases of mean value zbar > 0."""
    x = np.asarray(x, dtype=float)
    zbar = np.asarray(zbar, dtype=float)
    scale = float(zbar.mean())
    z = zbar / scale
    starts = [(1.0, 1.0, 1.0), (5.0, 3.0, 5.0), (2.0, 10.0, 10.0), (0.5, 2.0, 1.0)]
    (p, q, g), ll = fit_positive(lambda th: neg_log_likelihood(th, x, z), starts,
                                 "Gamma-Gamma")
    if q <= 1:
        raise FitFailed(
            "The spend per purchase varies too wildly to predict (Gamma-Gamma q ≤ 1); "
            "the previous predictions are kept.",
            "每次消费金额波动过大，无法预测（Gamma-Gamma 模型 q ≤ 1）；保留上一次的预测。")
    # Rescaling z̄ by s changes ln f by −ln s per customer; γ scales with the money.
    return GammaGamma(p, q, g * scale, ll - float(np.log(scale)) * len(x))
