"""Clusters found in the data: planted groups come back whole, k by silhouette, the
same file gives the same groups, and each group is described from its centre."""

from __future__ import annotations

import numpy as np
import pytest

from app.errors import InvalidInput
from app.services.segments.discover import describe, discover


def _planted(seed=1, sizes=(400, 300, 300)):
    rng = np.random.default_rng(seed)
    centres = [(20, 12, 500_000, 300_000), (400, 1.2, 20_000, 500), (300, 8, 400_000, 20_000)]
    cols = [[], [], [], []]
    truth = []
    for g, (size, centre) in enumerate(zip(sizes, centres, strict=True)):
        for i, v in enumerate(centre):
            cols[i].append(rng.lognormal(np.log(v), 0.25, size))
        truth += [g] * size
    return [np.concatenate(c) for c in cols], np.array(truth)


def test_planted_groups_come_back_whole_and_are_described():
    cols, truth = _planted()
    found = discover(*cols)
    assert found.k == 3
    for g in range(3):  # each planted group lands in one cluster
        assert len(set(found.labels[truth == g].tolist())) == 1
    assert sorted(c.size for c in found.clusters) == [300, 300, 400]
    best = found.clusters[0]  # ordered by mean predicted value
    assert best.size == 400 and best.description_zh == "高频高额、近期活跃、预测价值高"
    assert any(c.description_zh.startswith("曾经高价值、已久未购买") for c in found.clusters)
    assert sum(c.revenue_share for c in found.clusters) == pytest.approx(1.0)
    assert best.mean_clv_fen == pytest.approx(float(cols[3][truth == 0].mean()), abs=1)


def test_same_figures_same_groups_and_a_given_k_is_kept():
    cols, _ = _planted(seed=4)
    first, again = discover(*cols), discover(*cols)
    assert (first.labels == again.labels).all()
    assert discover(*cols, k=5).k == 5
    history_only = discover(*cols[:3])
    assert not history_only.used_clv and len(history_only.clusters[0].centre) == 3


def test_descriptions_follow_the_centre():
    assert describe(np.array([-1.0, 1.0, 1.0])) == ("frequent and high spend, recently active",
                                                    "高频高额、近期活跃")
    assert describe(np.array([1.2, 0.0, 0.9]))[1] == "曾经高价值、已久未购买"
    assert describe(np.array([0.0, -1.0, -1.0, -1.0]))[1] == "低频低额、偶有购买、预测价值低"
    assert describe(np.array([0.1, 0.1, 0.1]))[1] == "频次金额中等、偶有购买"


def test_too_few_customers_or_a_bad_k_is_refused_in_words():
    cols, _ = _planted(sizes=(10, 5, 5))
    with pytest.raises(InvalidInput, match="30"):
        discover(*cols)
    cols, _ = _planted()
    with pytest.raises(InvalidInput, match=r"3 到 8|between 3 and 8"):
        discover(*cols, k=12)
