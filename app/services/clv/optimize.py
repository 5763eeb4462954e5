"""A small box-bounded quasi-Newton minimiser for the CLV fits (3 or 4 parameters,
an analytic gradient, bounds on the log-parameters).

Why not scipy.optimize: scipy is ~75 MB of the desktop bundle (issue 23) for one
call of L-BFGS-B. This is BFGS with a dense inverse Hessian (n ≤ 4, so no limited
memory is needed) and a projected backtracking (Armijo) line search: variables on a
bound whose gradient pushes outward are held there, as L-BFGS-B does, which is what
lets BG/NBD run a and b to their bound (the dropout limit, see bgnbd._dropout_limit).
The stopping rules are L-BFGS-B's: the largest projected gradient component ≤ gtol,
or a relative fall of f ≤ ftol. tests/clv/test_optimize.py holds it against scipy's
L-BFGS-B on the real objectives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

ARMIJO = 1e-4  # sufficient decrease: f(x + s·d) ≤ f(x) + ARMIJO · g·(step taken)
BACKTRACKS = 40  # halvings of the step before the line search gives up (2^-40)


@dataclass(frozen=True)
class Result:
    x: np.ndarray
    fun: float
    success: bool  # a stopping rule was met (not: the line search could go no further)
    nit: int
    nfev: int
    message: str


def _free(x: np.ndarray, g: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The variables not held on a bound (on it, with the gradient pushing outward)."""
    return ~(((x <= lo) & (g > 0)) | ((x >= hi) & (g < 0)))


def minimize_box(fun: Callable[[np.ndarray], tuple[float, np.ndarray]], x0, lo, hi, *,
                 maxiter: int = 500, ftol: float = 1e-12, gtol: float = 1e-7) -> Result:
    """Minimise fun (returning (f, gradient)) over lo ≤ x ≤ hi from x0."""
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    x = np.clip(np.asarray(x0, dtype=float), lo, hi)
    f, g = fun(x)
    g = np.asarray(g, dtype=float)
    nfev, n = 1, x.size
    h, fresh = np.eye(n), True  # fresh: no curvature learnt yet, h has no scale
    for it in range(maxiter):
        free = _free(x, g, lo, hi)
        if np.max(np.abs(np.where(free, g, 0.0)), initial=0.0) <= gtol:
            return Result(x, f, True, it, nfev, "projected gradient below gtol")
        d = np.zeros(n)
        d[free] = -h[np.ix_(free, free)] @ g[free]
        if not g @ d < 0:  # the curvature estimate went wrong: start again from steepest
            h, fresh = np.eye(n), True
            d = np.where(free, -g, 0.0)
        # A steepest-descent step has the gradient's scale (1e6 over 100k customers):
        # the first try is a unit move in the log-parameters.
        step = min(1.0, 1.0 / np.max(np.abs(d))) if fresh else 1.0
        for _ in range(BACKTRACKS):
            x_new = np.clip(x + step * d, lo, hi)
            f_new, g_new = fun(x_new)
            nfev += 1
            if np.isfinite(f_new) and f_new <= f + ARMIJO * (g @ (x_new - x)):
                break
            step *= 0.5
        else:
            return Result(x, f, False, it, nfev, "the line search found no lower point")
        g_new = np.asarray(g_new, dtype=float)
        s, y = x_new - x, g_new - g
        fall = (f - f_new) / max(abs(f), abs(f_new), 1.0)
        x, f, g = x_new, f_new, g_new
        if fall <= ftol:
            return Result(x, f, True, it + 1, nfev, "relative fall of f below ftol")
        sy = s @ y
        if sy > 1e-10 * np.linalg.norm(s) * np.linalg.norm(y):  # keeps h positive definite
            if fresh:  # scale the first estimate to the curvature seen (Nocedal-Wright 6.20)
                h, fresh = np.eye(n) * (sy / (y @ y)), False
            rho = 1.0 / sy
            v = np.eye(n) - rho * np.outer(s, y)
            h = v @ h @ v.T + rho * np.outer(s, s)
    return Result(x, f, False, maxiter, nfev, "maxiter reached")
