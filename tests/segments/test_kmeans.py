"""k-means and the silhouette in numpy (app/services/segments/kmeans.py) against
scikit-learn: the same partition of blobs, the same inertia, the same silhouette."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans as Reference
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score, silhouette_score

from app.services.segments.kmeans import CHUNK, kmeans, silhouette


@pytest.mark.parametrize("k", [3, 5, 8])
def test_the_same_partition_and_inertia_as_scikit_learn(k):
    x, _ = make_blobs(n_samples=6000, centers=k, n_features=4, cluster_std=0.8,
                      random_state=k)
    ours = kmeans(x, k, seed=1)
    ref = Reference(n_clusters=k, n_init=3, random_state=0).fit(x)
    assert adjusted_rand_score(ref.labels_, ours.labels) == pytest.approx(1.0)
    assert ours.inertia == pytest.approx(ref.inertia_, rel=0.01)
    # each of our centres is the mean of its points
    for c in range(k):
        assert ours.centres[c] == pytest.approx(x[ours.labels == c].mean(axis=0))


def test_the_same_seed_gives_the_same_groups():
    x, _ = make_blobs(n_samples=3000, centers=6, n_features=4, cluster_std=2.5,
                      random_state=3)
    first, again = kmeans(x, 6, seed=9), kmeans(x, 6, seed=9)
    assert (first.labels == again.labels).all() and first.inertia == again.inertia


def test_more_groups_than_distinct_points_leaves_none_empty_of_a_centre():
    x = np.repeat(np.array([[0.0, 0.0], [5.0, 5.0]]), 50, axis=0)
    found = kmeans(x, 3, seed=1)
    assert found.inertia == pytest.approx(0.0) and len(found.centres) == 3


def test_the_exact_silhouette_of_scikit_learn():
    # more points than one chunk, an uneven cluster size, and a point alone
    x, labels = make_blobs(n_samples=CHUNK * 3 + 17, centers=4, n_features=4,
                           cluster_std=2.0, random_state=5)
    labels[0] = 7
    assert silhouette(x, labels) == pytest.approx(silhouette_score(x, labels), rel=1e-12)
    overlapping = np.random.default_rng(2).normal(size=(900, 3))
    arbitrary = np.random.default_rng(3).integers(0, 5, 900)
    assert silhouette(overlapping, arbitrary) == pytest.approx(
        silhouette_score(overlapping, arbitrary), rel=1e-12)
