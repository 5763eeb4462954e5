"""The BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
Way", Marketing Science 24(2); and their note "Implementing the BG/NBD Model for
Customer Base Analysis in Excel").

While active, a customer buys as a Poisson process of rate λ ~ gamma(r, α); after
each purchase they drop out with probability p ~ beta(a, b). Per customer, with
x repeat purchases, the last at t_x, observed for T (weeks):

    L = Γ(r+x) α^r / Γ(r) · B(a, b+x) / B(a, b)
        · [ (α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+t_x)^−(r+x) ]

The terms that depend on x alone are summed over the distinct x (a few hundred
values at most), so one evaluation over 100k customers costs two logarithms each.
The gradient is analytic, so L-BFGS-B needs no finite differences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.services.clv.fitting import fit_positive
from app.services.clv.special import digamma, gammaln, log_hyp2f1


@dataclass(frozen=True)
class BgNbd:
    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float

    def p_alive(self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
        """P(still active at T | x, t_x, T) (FHL 2005 eq. 11 / note eq. 5)."""
        x = np.asarray(x, dtype=float)
        with np.errstate(over="ignore", divide="ignore"):
            log_ratio = ((self.r + x) * (np.log(self.alpha + T) - np.log(self.alpha + t_x))
                         + np.log(self.a) - np.log(np.maximum(self.b + x - 1, 1e-300)))
            odds = np.where(x > 0, np.exp(log_ratio), 0.0)
        return 1.0 / (1.0 + odds)

    def expected(self, t: float | np.ndarray, x: np.ndarray, t_x: np.ndarray,
                 T: np.ndarray) -> np.ndarray:
        """E[repeat purchases in (T, T+t] | x, t_x, T] (FHL 2005 eq. 10)."""
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        x = np.asarray(x, dtype=float)
        t = np.asarray(t, dtype=float)
        z = t / (alpha + T + t)
        with np.errstate(all="ignore"):
            head = (a + b + x - 1) / (a - 1)
            # ((α+T)/(α+T+t))^(r+x) = (1−z)^(r+x) is tiny where ₂F₁ is huge (hundreds of
            # purchases): their product is taken through the logarithms.
            log_f, sign = log_hyp2f1(r + x, b + x, a + b + x - 1, z)
            tail = 1 - sign * np.exp((r + x) * np.log1p(-z) + log_f)
            odds = np.where(x > 0, a / np.maximum(b + x - 1, 1e-300)
                            * np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + t_x))), 0.0)
        return np.where(t > 0, head * tail / (1 + odds), 0.0)

    def to_json(self) -> dict:
        return {"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b,
                "log_likelihood": self.log_likelihood}


def neg_log_likelihood(theta: np.ndarray, x: np.ndarray, t_x: np.ndarray,
                       T: np.ndarray, distinct: tuple[np.ndarray, np.ndarray] | None = None
                       ) -> tuple[float, np.ndarray]:
    """(−LL, its gradient in (r, α, a, b)); `distinct` = np.unique(x, return_counts=True),
    computed once by the caller that evaluates many times."""
    r, alpha, a, b = (float(v) for v in theta)
    xs, counts = distinct if distinct is not None else np.unique(x, return_counts=True)
    xs = xs.astype(float)
    # The parts of ln L that depend on x only, once per distinct x.
    part = (gammaln(r + xs) - gammaln(r) + gammaln(a + b) + gammaln(b + xs) - gammaln(b)
            - gammaln(a + b + xs))
    d_r_x = digamma(r + xs) - digamma(r)
    d_a_x = digamma(a + b) - digamma(a + b + xs)
    d_b_x = d_a_x + digamma(b + xs) - digamma(b)
    rx = r + x
    log_at, log_atx = np.log(alpha + T), np.log(alpha + t_x)
    l3 = -rx * log_at
    repeat = x > 0
    l4 = np.where(repeat, np.log(a) - np.log(np.where(repeat, b + x - 1, 1.0)) - rx * log_atx,
                  -np.inf)
    lse = np.logaddexp(l3, l4)
    w4 = np.exp(l4 - lse)  # the share of the "dropped out after t_x" branch
    w3 = 1 - w4
    ll = float(counts @ part) + len(x) * r * np.log(alpha) + float(lse.sum())
    g_r = float(counts @ d_r_x) + len(x) * np.log(alpha) - float(w3 @ log_at + w4 @ log_atx)
    g_alpha = len(x) * r / alpha - float((rx * (w3 / (alpha + T) + w4 / (alpha + t_x))).sum())
    g_a = float(counts @ d_a_x) + float(w4.sum()) / a
    g_b = float(counts @ d_b_x) - float((w4 / np.where(repeat, b + x - 1, 1.0)).sum())
    return -ll, -np.array([g_r, g_alpha, g_a, g_b])


def _dropout_limit(on_edge: np.ndarray) -> bool:
    """Only a and b at their bounds: the dropout probability is (nearly) the same for
    every customer, Beta(a, b) narrowing to a point at a/(a+b) — the limit of the model
    that customers who keep buying at a steady rhythm lead to, and still a model the
    predictions hold for (r and α, the purchase rates, are fitted as usual)."""
    return not on_edge[0] and not on_edge[1]


def fit(x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> BgNbd:
    """Maximum likelihood fit; x repeat purchase days, t_x and T in weeks."""
    x = np.asarray(x, dtype=np.int64)
    t_x, T = np.asarray(t_x, dtype=float), np.asarray(T, dtype=float)
    mean_T = max(float(T.mean()), 1e-3)
    # Starts spread over the plausible region: the purchase rate's scale from the
    # observed purchases per week, dropout light and heavy.
    rate = max(float(x.sum()) / float(T.sum()), 1e-3)
    starts = [(1.0, 1.0 / rate, 1.0, 1.0), (0.5, mean_T, 0.5, 2.0),
              (2.0, 2.0 / rate, 2.0, 5.0), (0.1, 0.1 * mean_T, 1.0, 10.0)]
    distinct = np.unique(x, return_counts=True)
    theta, ll = fit_positive(lambda th: neg_log_likelihood(th, x, t_x, T, distinct), starts,
                             "BG/NBD", edge_ok=_dropout_limit)
    return BgNbd(*(float(v) for v in theta), log_likelihood=ll)
