"""The layout of a chart on screen: margins measured from the chart's own texts, once
per draw, instead of matplotlib's constrained layout.

Constrained layout asks every artist of the figure for its extent (each of the 84
bars of the contacts chart, each tick line), twice, and solves the margins with a
constraint solver: a quarter of a dashboard chart's drawing time, spent again on every
resize. A dashboard chart is one axes (and, for purchases, its twin on the right), so
what can stick out of it is known: the tick labels, the axis labels and the title.
`MarginsLayout` measures exactly those (the draw that follows measures the same strings
again, from matplotlib's text cache) and sets the subplot margins so that they fit,
with PAD pixels to spare. The PDF report keeps constrained layout (dashboard_figures.
new_figure): it is drawn once, off screen, where a few milliseconds do not matter.
"""

from __future__ import annotations

from matplotlib.layout_engine import LayoutEngine
from matplotlib.transforms import Bbox

PAD = 6  # pixels between the outermost text and the figure's edge
GUESS = (0.09, 0.2, 0.97, 0.9)  # left, bottom, right, top: near where most end


def _boxes(ax, renderer):
    """Where what may lie outside `ax` is drawn: each visible axis with its tick
    labels and its label (matplotlib places the label beyond the tick labels, as the
    draw will), and the titles."""
    for axis in (ax.xaxis, ax.yaxis):
        if axis.get_visible():  # a twin's shared x axis is hidden
            box = axis.get_tightbbox(renderer, for_layout_only=True)
            if box is not None:
                yield box
    for title in (ax.title, ax._left_title, ax._right_title):
        if title.get_visible() and title.get_text():
            yield title.get_window_extent(renderer)


def _ticks(axes) -> list[tuple[float, ...]]:
    """Where each visible axis puts its major ticks (the locator only, no text)."""
    return [tuple(axis.get_majorticklocs()) for ax in axes
            for axis in (ax.xaxis, ax.yaxis) if axis.get_visible()]


class MarginsLayout(LayoutEngine):
    """Subplot margins that just hold the axes' texts (see the module's docstring)."""

    _adjust_compatible = True
    _colorbar_gridspec = False  # no colorbars here; as constrained layout has it

    def execute(self, fig) -> None:
        axes = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
        if not axes:
            return  # an empty state: a text, no axes
        fig.subplots_adjust(*GUESS)
        renderer = fig._get_renderer()
        # Again only if the ticks moved: they depend on the axes' size (at its guessed
        # height an axis of scores had ticks "1 … 5", at its real one "1.0 … 5.0",
        # wider, and its label left the figure); the same ticks, the same labels.
        before = _ticks(axes)
        self._fit(fig, axes, renderer)
        if _ticks(axes) != before:
            self._fit(fig, axes, renderer)

    @staticmethod
    def _fit(fig, axes, renderer) -> None:
        width, height = fig.bbox.width, fig.bbox.height
        inner = Bbox.union([ax.get_position().transformed(fig.transFigure) for ax in axes])
        outer = Bbox.union([inner, *(box for ax in axes for box in _boxes(ax, renderer))])
        # What sticks out on each side does not depend on where the axes are (for the
        # same ticks): keep exactly that much (and PAD) between the axes and the edge.
        left = (inner.x0 - outer.x0 + PAD) / width
        right = 1 - (outer.x1 - inner.x1 + PAD) / width
        bottom = (inner.y0 - outer.y0 + PAD) / height
        top = 1 - (outer.y1 - inner.y1 + PAD) / height
        if right - left < 0.2 or top - bottom < 0.2:  # too small to hold its texts
            right, top = max(right, left + 0.2), max(top, bottom + 0.2)
        fig.subplots_adjust(left=left, bottom=bottom, right=right, top=top)
