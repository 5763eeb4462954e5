"""The summary sheet (汇总): small tables with Excel's own charts beside them
(openpyxl.chart), so head office sees the pictures without Kehu. Used for a branch
export and for head office's consolidation."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font

from app.services.exports.writer import SheetDigest, header_cells, text_cell, value_cell

CHART_COLUMN = "G"
ROWS_PER_CHART = 18  # a 8 cm chart covers ~16 rows of the default height
TITLE_FONT = Font(bold=True, size=14)
PERCENT_FORMAT = "0.0%"


@dataclass
class Block:
    """A table (header + rows; first column the category) and how to chart it."""

    chart_title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str | None = "bar"  # bar | line | None
    series: int = 1  # value columns charted, from column B
    stacked: bool = False
    percent_columns: tuple[int, ...] = ()  # 1-based columns shown as percentages
    y_title: str = ""


def write_summary(wb, title: str, heading: str, blocks: list[Block]) -> SheetDigest:
    ws = wb.create_sheet(title)
    digest = SheetDigest()
    widths = {"A": 16, "B": 11, "C": 11, "D": 11, "E": 11}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    # Printed (or turned into a PDF) on landscape pages one page wide, charts included.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.append([text_cell(ws, heading, font=TITLE_FONT)])
    digest.add([heading])
    ws.append([])
    row = 3
    for block in blocks:
        start = row
        ws.append(header_cells(ws, block.header))
        digest.add(block.header)
        for values in block.rows:
            cells = []
            for col, value in enumerate(values, 1):
                style = {"number_format": PERCENT_FORMAT} if col in block.percent_columns else {}
                cells.append(None if value is None else value_cell(ws, value, **style))
            ws.append(cells)
            digest.add(values)
        end = start + len(block.rows)
        if block.chart and block.rows:
            ws.add_chart(_chart(ws, block, start, end), f"{CHART_COLUMN}{start}")
        row = end + 1
        target = start + ROWS_PER_CHART if block.chart else row + 1
        while row < target:
            ws.append([])
            row += 1
    return digest


def _chart(ws, block: Block, header_row: int, last_row: int):
    if block.chart == "line":
        chart = LineChart()
    else:
        chart = BarChart()
        chart.type = "col"
        if block.stacked:
            chart.grouping = "stacked"
            chart.overlap = 100
    chart.title = block.chart_title
    chart.y_axis.title = block.y_title or None
    chart.width, chart.height = 18, 8
    data = Reference(ws, min_col=2, max_col=1 + block.series, min_row=header_row,
                     max_row=last_row)
    cats = Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    if block.chart == "line":
        for series in chart.series:
            series.smooth = False  # a month's count is a point, not a curve
    if block.series == 1:
        chart.legend = None
    # openpyxl ≥ 3.1 hides axes unless told otherwise (LibreOffice/Excel show none).
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart
