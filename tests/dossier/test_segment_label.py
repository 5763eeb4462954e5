"""The dossier header's line wraps between its parts, never inside one ("钻石卡会员"
stayed whole on a narrow dossier; Qt alone broke it after "钻石")."""

from __future__ import annotations

from app.views.widgets.segment_label import SEPARATOR, SegmentLabel

PARTS = ["KH000911", "个人", "中价值", "忠诚客户", "钻石卡会员", "预测价值 ¥12,345",
         "满意度 4.5（最近 5）"]


def test_lines_break_only_between_parts_and_fit(qtbot):
    label = SegmentLabel()
    qtbot.addWidget(label)
    label.setText(SEPARATOR.join(PARTS))
    label.show()
    metrics = label.fontMetrics()
    seen_breaks = 0
    for width in (120, 180, 240, 330, 480, 2000):
        label.resize(width, 200)
        lines = label.text().split("\n")
        seen_breaks += len(lines) - 1
        rebuilt = []
        for line in lines:
            parts = line.removesuffix(SEPARATOR.rstrip()).split(SEPARATOR)
            assert all(p in PARTS for p in parts), (width, line)
            if len(parts) > 1:  # a single part wider than the label may exceed it
                assert metrics.horizontalAdvance(line) <= label.contentsRect().width()
            rebuilt += parts
        assert rebuilt == PARTS
        assert label.full_text() == SEPARATOR.join(PARTS)
    assert seen_breaks > 0  # the narrow widths did break
    label.resize(2000, 200)
    assert "\n" not in label.text()  # wide: one line
