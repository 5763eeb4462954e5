"""Tabs with less room around their titles: `compact_tabs(tab_widget)`. The dossier's
nine two-character Chinese titles (and their counts) then fit a 1280-pixel window
with room to spare, where the style's default padding left two pixels."""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QTabWidget

SAVED = 8  # pixels taken off each tab's horizontal padding (Fusion's is 24)


class CompactTabStyle(QProxyStyle):
    def pixelMetric(self, metric, option=None, widget=None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return max(value - SAVED, 8)
        return value


def compact_tabs(tabs: QTabWidget) -> None:
    style = CompactTabStyle()
    style.setParent(tabs)  # kept alive as long as the tabs; a widget does not own its style
    tabs.tabBar().setStyle(style)
