"""Maximum likelihood over positive parameters: a bounded BFGS (optimize.py, in the
role scipy's L-BFGS-B had) on their logarithms from several starts, keeping the best.
Shared by bgnbd and gamma."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from app.errors import InvalidInput
from app.services.clv.optimize import minimize_box

# exp(±12) ≈ 6e-6 … 1.6e5: wider than any sensible parameter once time is in weeks and
# money is scaled to its mean; a fit that ends on this edge did not find an optimum.
LOG_BOUND = 12.0


class FitFailed(InvalidInput):
    """The model could not be fitted: the previous figures stay in place."""


def fit_positive(neg_ll: Callable[[np.ndarray], tuple[float, np.ndarray]],
                 starts: Sequence[Sequence[float]], model: str,
                 edge_ok: Callable[[np.ndarray], bool] | None = None
                 ) -> tuple[np.ndarray, float]:
    """(parameters, log-likelihood) of the best converged start. `neg_ll(theta)` takes
    the natural parameters and returns (−LL, its gradient in them). `edge_ok(theta)`
    says whether an optimum on the bounds is a model's proper limit, not a failure."""

    def objective(log_theta: np.ndarray) -> tuple[float, np.ndarray]:
        theta = np.exp(log_theta)
        value, grad = neg_ll(theta)
        if not np.isfinite(value):
            return 1e300, np.zeros_like(log_theta)
        return value, grad * theta  # chain rule: d/d(log θ) = θ · d/dθ

    best = None
    lo = np.full(len(starts[0]), -LOG_BOUND)
    with np.errstate(all="ignore"):
        for start in starts:
            res = minimize_box(objective, np.log(np.asarray(start, dtype=float)), lo, -lo,
                               maxiter=500, ftol=1e-12, gtol=1e-7)
            if not np.isfinite(res.fun) or res.fun >= 1e299:
                continue
            # Two starts reaching the same optimum settle it: the rest would cost time
            # (most of a fit over 100k customers) to find it a third time.
            agree = best is not None and abs(res.fun - best.fun) <= 1e-7 * abs(best.fun) + 1e-6
            if best is None or res.fun < best.fun:
                best = res
            if agree:
                break
    # A line search that stops short at the optimum is not a failure; running out of
    # iterations is.
    if best is None or (not best.success and best.nit >= 500):
        raise FitFailed(
            f"The {model} model did not converge on these purchases; the previous "
            "predictions are kept.",
            f"{model} 模型无法在这些购买记录上收敛；保留上一次的预测。")
    on_edge = np.abs(best.x) >= LOG_BOUND - 1e-6
    if np.any(on_edge) and not (edge_ok is not None and edge_ok(on_edge)):
        raise FitFailed(
            f"The {model} model found no optimum (a parameter ran to its limit): the "
            "purchases are too uniform to fit; the previous predictions are kept.",
            f"{model} 模型找不到最优解（某个参数趋于极限）：购买记录过于单一，"
            "无法拟合；保留上一次的预测。")
    return np.exp(best.x), -float(best.fun)
