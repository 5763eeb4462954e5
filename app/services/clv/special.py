"""The three special functions the CLV models need, in numpy: ln Γ, ψ (digamma) and
the Gauss hypergeometric ₂F₁ for 0 ≤ z < 1.

Why not scipy.special: scipy (with its own copy of OpenBLAS) is ~75 MB of the desktop
bundle (issue 23) and the models use three functions of it. tests/clv/test_special.py
holds these against scipy over the ranges the fits reach (parameters e^±12, hundreds
of purchases).

ln Γ and ψ: shifted up by the recurrence Γ(x+1) = xΓ(x) until x ≥ 10, then the
Stirling / asymptotic series, whose next term there is below 1e-16 relative.
"""

from __future__ import annotations

import numpy as np

SHIFT_TO = 10.0
HALF_LOG_2PI = 0.5 * np.log(2 * np.pi)
# Stirling: ln Γ(x) = (x−½)ln x − x + ½ln 2π + Σ B₂ₖ / (2k(2k−1) x^(2k−1)).
_STIRLING = (1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156)
# ψ(x) = ln x − 1/(2x) − Σ B₂ₖ / (2k x^2k).
_DIGAMMA = (1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12)


def _horner(coefficients: tuple[float, ...], w: np.ndarray) -> np.ndarray:
    """Σ cₖ wᵏ, k = 0, 1, …"""
    out = np.full_like(w, coefficients[-1])
    for c in coefficients[-2::-1]:
        out = out * w + c
    return out


def _shift(x: np.ndarray, reciprocal: bool) -> tuple[np.ndarray, np.ndarray]:
    """(x + n, the product x(x+1)…(x+n−1) or the sum of their reciprocals) with
    n the smallest making x + n ≥ SHIFT_TO; only the elements below it are touched.
    A product of at most ten factors below 10 neither overflows nor, for x > 1e-290,
    underflows."""
    s = x.copy()
    acc = np.zeros_like(x) if reciprocal else np.ones_like(x)
    low = np.flatnonzero(s < SHIFT_TO)
    while low.size:
        v = s[low]
        if reciprocal:
            acc[low] += 1.0 / v
        else:
            acc[low] *= v
        s[low] = v + 1.0
        low = low[s[low] < SHIFT_TO]
    return s, acc


def gammaln(x) -> np.ndarray | float:
    """ln Γ(x) for x > 0 (nan elsewhere)."""
    arr = np.asarray(x, dtype=float)
    flat = np.where(arr > 0, arr, np.nan).ravel()
    s, product = _shift(flat, reciprocal=False)
    w = 1.0 / s
    out = (s - 0.5) * np.log(s) - s + HALF_LOG_2PI + w * _horner(_STIRLING, w * w)
    out -= np.log(product)
    out = out.reshape(arr.shape)
    return out if arr.ndim else float(out)


def digamma(x) -> np.ndarray | float:
    """ψ(x) = d ln Γ(x)/dx for x > 0 (nan elsewhere)."""
    arr = np.asarray(x, dtype=float)
    flat = np.where(arr > 0, arr, np.nan).ravel()
    s, reciprocals = _shift(flat, reciprocal=True)
    w = 1.0 / (s * s)
    out = np.log(s) - 0.5 / s - w * _horner(_DIGAMMA, w) - reciprocals
    out = out.reshape(arr.shape)
    return out if arr.ndim else float(out)


# --- ₂F₁ ---------------------------------------------------------------------------
EPS = 1e-16
MAX_TERMS = 100_000  # enough down to 1 − z ≈ 3e-4; the models stay far from that
# Sums and terms are divided by this (and its logarithm kept) when they grow past it:
# BG/NBD's ₂F₁ with hundreds of purchases reaches 1e300 and more, times a tiny factor.
_BIG = 1e150
_LOG_BIG = np.log(_BIG)
# Terms summed between two checks of convergence and size: a term's ratio to the next
# stays below 1e18 for the parameters the models reach, so 4 of them cannot overflow
# a sum just under _BIG.
CHECK_EVERY = 4
# Σ|term| / |sum| up to which a sum is taken as it is: ~1e-14 relative lost at most.
SOUND = 1e2


def hyp2f1(a, b, c, z) -> np.ndarray | float:
    """₂F₁(a, b; c; z) for 0 ≤ z < 1, c not a non-positive integer (nan for z outside)."""
    log_f, sign = log_hyp2f1(a, b, c, z)
    with np.errstate(over="ignore"):
        out = sign * np.exp(log_f)
    return out if np.ndim(out) else float(out)


def log_hyp2f1(a, b, c, z) -> tuple[np.ndarray, np.ndarray]:
    """(ln |₂F₁(a, b; c; z)|, its sign), so that a huge ₂F₁ times a tiny factor (as in
    the BG/NBD expectation) can be taken as exp(ln factor + ln ₂F₁).

    The power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ, summed for every element at once, side by
    side with its Euler transform (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z): which of the two
    converges first depends on the parameters (in BG/NBD: many purchases x favour the
    Euler form, whose upper parameters do not grow with x; a dropout near its limit,
    large a and b, favours the plain one), so each element keeps the first of the two
    whose remainder is below EPS of its sum. The remainder after a term t whose ratio to
    the next is ρ is at most t·q/(1−q), q = max(ρ, z), once ρ has settled below 1 (it
    tends to z). (Pfaff's z/(z−1) would not help: above z = ½ it lies outside the unit
    disc.)"""
    a, b, c, z = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, c, z)))
    shape = a.shape
    a, b, c, z = (v.ravel() for v in (a, b, c, z))
    log_f = np.full(a.shape, np.nan)
    sign = np.ones(a.shape)
    ok = (z >= 0) & (z < 1)
    log_f[ok & (z == 0)] = 0.0
    idx = np.flatnonzero(ok & (z > 0))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # Row 0 the plain series, row 1 the Euler form: upper parameters, the same c,
        # and the log of the factor in front (rescalings are added to it).
        up1 = np.stack([a[idx], c[idx] - a[idx]])
        up2 = np.stack([b[idx], c[idx] - b[idx]])
        cc, zz = c[idx], z[idx]
        log_front = np.stack([np.zeros_like(zz), (cc - a[idx] - b[idx]) * np.log1p(-zz)])
        term = np.ones((2, idx.size))
        total = np.ones((2, idx.size))
        spread = np.ones((2, idx.size))  # Σ|term|: over |sum|, what rounding costs
        n = 0
        while idx.size:
            # A few terms between checks: the check costs more than a term.
            for _ in range(CHECK_EVERY):
                rho = (up1 + n) * (up2 + n) * (zz / ((cc + n) * (n + 1)))
                term *= rho
                total += term
                spread += np.abs(term)
                n += 1
            size = np.abs(total)
            big = spread > _BIG
            if big.any():
                for v in (term, total, spread, size):
                    v[big] /= _BIG
                log_front[big] += _LOG_BIG
            q = np.maximum(np.abs(rho), zz)
            done = ((q < 1) & (np.abs(term) * q <= EPS * (1 - q) * size) & (size > 0)
                    & (spread < np.inf))
            lost = spread / np.where(size > 0, size, np.nan)  # nan: no digits left
            # Done with few digits lost, or done while the other cannot finish (it
            # overflowed, or lost more): else an alternating series whose terms grew
            # far beyond its sum (the Euler form with c−a ≪ 0) could win on wrong digits.
            sound = done & (lost <= SOUND)
            hopeless = ~(spread < np.inf) | (n >= MAX_TERMS)
            finished = (sound.any(axis=0) | done.all(axis=0)
                        | (done[0] & hopeless[1]) | (done[1] & hopeless[0])
                        | hopeless.all(axis=0))
            if not finished.any():
                continue
            cols = np.flatnonzero(finished)
            d, lo = done[:, cols], np.where(done[:, cols], lost[:, cols], np.inf)
            pick = np.where(sound[0, cols] | (d[0] & ~(lo[1] < lo[0])), 0, 1)
            chosen = total[pick, cols]
            ok_cols = d[pick, np.arange(cols.size)]
            log_f[idx[cols]] = np.where(ok_cols, np.log(np.abs(chosen)) + log_front[pick, cols],
                                        np.nan)
            sign[idx[cols]] = np.sign(chosen)
            keep = ~finished
            idx, cc, zz = idx[keep], cc[keep], zz[keep]
            up1, up2 = up1[:, keep], up2[:, keep]
            log_front, term, total = log_front[:, keep], term[:, keep], total[:, keep]
            spread = spread[:, keep]
    return log_f.reshape(shape), sign.reshape(shape)
