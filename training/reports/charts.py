"""
Horizontal bar charts drawn as SVG on the server: no script, no CDN, readable on slow links.

Accessible by construction: the SVG has a title and a description, every bar carries its
value as text beside it, and a second series differs by a hatched pattern and its legend
label, never by colour alone. The chart's rows are also rendered as a table for screen
readers (see ``templates/training/reports/bar_chart.html``).
"""

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

LABEL_WIDTH = 230
BAR_AREA = 300
ROW_GAP = 10
BAR_HEIGHT = 16
VALUE_GAP = 6

_chart_ids = itertools.count(1)


@dataclass
class Bar:
    series: int
    value: Decimal
    text: str
    x: int
    y: int
    width: int
    series_name: str = ""
    height: int = BAR_HEIGHT

    @property
    def caption(self) -> str:
        """The value as printed beside the bar, with the series name when there are two."""
        return f"{self.series_name} {self.text}" if self.series_name else self.text

    @property
    def text_x(self) -> int:
        return self.x + self.width + VALUE_GAP

    @property
    def text_y(self) -> int:
        return self.y + self.height - 3


@dataclass
class Row:
    label: str
    y: int
    bars: list[Bar] = field(default_factory=list)

    @property
    def label_y(self) -> int:
        return self.y + BAR_HEIGHT - 3


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    series: list[str]
    rows: list[Row]
    unit: str
    height: int
    width: int = LABEL_WIDTH + BAR_AREA + 80
    label_width: int = LABEL_WIDTH

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _format(value, unit: str) -> str:
    if value is None:
        return "–"
    number = Decimal(value).quantize(Decimal("0.1"))
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def _shorten(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else f"{label[: limit - 1]}…"


def bar_chart(*, title, description, series, data, unit="", maximum=None) -> BarChart:
    """
    A chart of ``data``: ``[(row label, [value per series]), …]``; ``maximum`` fixes the
    scale (e.g. 100 for percentages), otherwise the largest value fills the bar area.
    """
    values = [value for _label, row in data for value in row if value is not None]
    scale = Decimal(maximum or max(values, default=0) or 1)
    rows = []
    y = 0
    per_bar = BAR_HEIGHT + 2
    for label, row_values in data:
        row = Row(label=_shorten(str(label)), y=y)
        for index, value in enumerate(row_values):
            width = 0 if value is None else int(BAR_AREA * Decimal(value) / scale)
            row.bars.append(
                Bar(
                    series=index,
                    value=value,
                    text=_format(value, unit),
                    x=LABEL_WIDTH,
                    y=y + index * per_bar,
                    width=max(width, 1 if value else 0),
                    series_name=str(series[index]) if len(series) > 1 else "",
                )
            )
        rows.append(row)
        y += per_bar * len(row_values) + ROW_GAP
    return BarChart(
        chart_id=f"bimtek-chart-{next(_chart_ids)}",
        title=str(title),
        description=str(description),
        series=[str(name) for name in series],
        rows=rows,
        unit=unit,
        height=max(y, BAR_HEIGHT),
    )
