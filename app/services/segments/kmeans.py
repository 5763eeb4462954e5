"""k-means (k-means++ starts, Lloyd iterations) and the silhouette, in numpy.

Why not scikit-learn: it and the parts of scipy only it imports are ~55 MB of the
desktop bundle (issue 23), for two functions over at most ~100k points of 4 figures.
Distances are computed by broadcasting, one centre (or one chunk of points) at a
time, never by a matrix product: no BLAS call, so no native threads beside the UI
(why discover.py once needed threadpoolctl), and no cancellation in ‖x‖²−2x·c+‖c‖².
tests/segments/test_kmeans.py holds both against scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_ITER = 300
TOL = 1e-4  # of the mean variance of the features: centres that move less have settled
CHUNK = 256  # points per block of the silhouette's distances (CHUNK × n floats)


@dataclass(frozen=True)
class KMeans:
    labels: np.ndarray  # cluster of each point, 0 … k−1
    centres: np.ndarray  # k × features
    inertia: float  # sum of squared distances to the own centre


def _sq_distances(columns: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """k × n squared distances from the points given as columns (features × n,
    contiguous), a feature at a time: a sum over the short last axis of an n × k ×
    features array, or an argmin across a transposed one, is several times slower."""
    out = np.zeros((len(centres), columns.shape[1]))
    for j, c in enumerate(centres):
        row = out[j]
        for f, column in enumerate(columns):
            diff = column - c[f]
            diff *= diff
            row += diff
    return out


def _nearest(d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index of the nearest centre, its squared distance) per column of d: row by row
    over contiguous rows, where an argmin down the columns strides through memory."""
    labels = np.zeros(d.shape[1], dtype=np.intp)
    closest = d[0].copy()
    for j in range(1, len(d)):
        nearer = d[j] < closest
        labels[nearer] = j
        np.minimum(closest, d[j], out=closest)
    return labels, closest


def _plus_plus(x: np.ndarray, columns: np.ndarray, k: int,
               rng: np.random.Generator) -> np.ndarray:
    """k-means++ (Arthur & Vassilvitskii 2007), greedy like scikit-learn's: of
    2 + ⌊ln k⌋ candidates drawn ∝ D², the one that lowers the total D² most."""
    trials = 2 + int(np.log(k))
    centres = [x[rng.integers(len(x))]]
    closest = _sq_distances(columns, centres[0][None])[0]
    for _ in range(1, k):
        total = closest.sum()
        if total <= 0:  # fewer distinct points than k: any point will do
            centres.append(x[rng.integers(len(x))])
            continue
        picks = np.searchsorted(np.cumsum(closest), rng.random(trials) * total)
        picks = np.minimum(picks, len(x) - 1)
        candidates = np.minimum(closest[None, :], _sq_distances(columns, x[picks]))
        best = int(np.argmin(candidates.sum(axis=1)))
        centres.append(x[picks[best]])
        closest = candidates[best]
    return np.array(centres)


def _lloyd(x: np.ndarray, columns: np.ndarray, centres: np.ndarray, tol: float) -> KMeans:
    k = len(centres)
    for _ in range(MAX_ITER):
        d = _sq_distances(columns, centres)
        labels, closest = _nearest(d)
        counts = np.bincount(labels, minlength=k)
        sums = np.stack([np.bincount(labels, weights=column, minlength=k)
                         for column in columns], axis=1)
        new = centres.copy()
        filled = counts > 0
        new[filled] = sums[filled] / counts[filled, None]
        # An empty cluster takes the point farthest from its centre.
        for j in np.flatnonzero(~filled):
            far = int(closest.argmax())
            new[j] = x[far]
            closest[far] = 0.0
        shift = float(((new - centres) ** 2).sum())
        centres = new
        if shift <= tol:
            break
    labels, closest = _nearest(_sq_distances(columns, centres))
    return KMeans(labels, centres, float(closest.sum()))


def kmeans(x: np.ndarray, k: int, *, seed: int, n_init: int = 3) -> KMeans:
    """The best (lowest inertia) of n_init runs; the same seed gives the same result."""
    x = np.asarray(x, dtype=float)
    columns = np.ascontiguousarray(x.T)
    rng = np.random.default_rng(seed)
    tol = TOL * float(x.var(axis=0).mean())
    best = None
    for _ in range(n_init):
        run = _lloyd(x, columns, _plus_plus(x, columns, k, rng), tol)
        if best is None or run.inertia < best.inertia:
            best = run
    return best


def silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """The mean silhouette (Rousseeuw 1987) of the points given, exact: pairwise
    Euclidean distances a chunk of points at a time (memory CHUNK × n). A point alone
    in its cluster counts 0, as in scikit-learn."""
    x = np.asarray(x, dtype=float)
    _, labels = np.unique(labels, return_inverse=True)
    # Sorted by cluster, each cluster's distances are one slice of a row: summed by
    # np.add.reduceat in one pass.
    order = np.argsort(labels, kind="stable")
    x, labels = x[order], labels[order]
    k, n = int(labels.max()) + 1, len(x)
    counts = np.bincount(labels, minlength=k).astype(float)
    starts = np.concatenate([[0], np.cumsum(counts[:-1])]).astype(np.intp)
    columns = np.ascontiguousarray(x.T)
    scores = np.empty(n)
    for start in range(0, n, CHUNK):
        block = x[start:start + CHUNK]
        dist = np.zeros((len(block), n))
        for f, column in enumerate(columns):
            diff = block[:, f, None] - column[None, :]
            diff *= diff
            dist += diff
        np.sqrt(dist, out=dist)
        per_cluster = np.add.reduceat(dist, starts, axis=1)  # sums to each cluster
        own = labels[start:start + CHUNK]
        rows = np.arange(len(block))
        alone = counts[own] <= 1
        a = per_cluster[rows, own] / np.maximum(counts[own] - 1, 1)
        mean_other = per_cluster / counts
        mean_other[rows, own] = np.inf
        b = mean_other.min(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            s = (b - a) / np.maximum(a, b)
        scores[start:start + CHUNK] = np.where(alone | ~np.isfinite(s), 0.0, s)
    return float(scores.mean())
