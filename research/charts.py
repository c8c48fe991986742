"""Bar charts as SVG, drawn on the server: no chart library, no JavaScript.

A chart is geometry plus words: `bar_chart` returns the bars with coordinates, and the
title, description and table rows that make the same figures readable without the
picture (research/templates/research/includes/bar_chart.html renders both). Sample
figures are hatched and starred, so they are told apart without colour.
"""

import itertools
import math
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 260
# Indicator charts have a handful of years: drawn 360 units wide, they show at about their own
# size on a 390 px phone, so 13-unit labels stay at least 12 px high. Wider charts (a bar per
# year since 2001, the themes) keep 640 units and scroll sideways on a phone instead of shrinking.
NARROW = 360
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 12, 16, 40
_ids = itertools.count(1)


@dataclass
class Bar:
    label: str
    value: float
    display: str
    x: float
    y: float
    width: float
    height: float
    sample: bool = False
    source: str = ""
    show_label: bool = True

    @property
    def end(self):
        return self.x + self.width

    @property
    def centre(self):
        return self.x + self.width / 2


@dataclass
class Chart:
    id: str
    title: str
    description: str
    unit: str
    bars: list
    ticks: list  # (y, label)
    rows: list = field(default_factory=list)  # (label, display value, source, sample)
    has_sample: bool = False
    source_note: str = ""  # where the figures come from, shown under the chart
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - MARGIN_BOTTOM
    left: int = MARGIN_LEFT
    right: int = WIDTH - MARGIN_RIGHT
    horizontal: bool = False
    lang: str = ""  # language of the title when it is not the page's (outcome indicators are German)

    @property
    def wide(self):
        """Drawn at its own size and scrolled sideways on a phone, rather than shrunk."""
        return self.width > NARROW


def format_number(value):
    """Digit grouping and decimal mark of the current language (2.400 in German, 2,400 in English)."""
    if float(value).is_integer():
        return formats.number_format(int(value), use_l10n=True, force_grouping=True)
    return formats.number_format(value, 1, use_l10n=True, force_grouping=True)


def nice_max(value):
    """A round axis maximum at or above `value` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def bar_chart(title, points, unit="", description=None, width=None):
    """`points`: [(label, value, source, sample)]; values must be numbers ≥ 0 or negative (drawn as 0).

    Without a `width`, up to eight bars get a narrow chart, more bars a wide one."""
    width = width or (NARROW if len(points) <= 8 else WIDTH)
    chart_id = f"chart-{next(_ids)}"
    values = [max(0.0, float(p[1])) for p in points]
    top = nice_max(max(values, default=0))
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / max(len(points), 1)
    bar_width = max(2.0, min(48.0, slot * 0.7))
    every = max(1, math.ceil(len(points) / 14))  # at most ~14 axis labels, readable on a phone
    bars = []
    for n, ((label, value, source, sample), shown) in enumerate(zip(points, values, strict=True)):
        height = plot_height * shown / top
        bars.append(Bar(
            label=str(label), value=value, display=format_number(value),
            x=round(MARGIN_LEFT + n * slot + (slot - bar_width) / 2, 1),
            y=round(MARGIN_TOP + plot_height - height, 1), width=round(bar_width, 1), height=round(height, 1),
            sample=bool(sample), source=source or "", show_label=(n % every == 0),
        ))
    ticks = [
        (round(MARGIN_TOP + plot_height * (1 - i / 4), 1), format_number(top * i / 4)) for i in range(5)
    ]
    rows = [(b.label, b.display, b.source, b.sample) for b in bars]
    return Chart(
        id=chart_id, title=title, description=description or describe(points, unit), unit=unit,
        bars=bars, ticks=ticks, rows=rows, has_sample=any(b.sample for b in bars),
        width=width, right=width - MARGIN_RIGHT,
    )


def describe(points, unit=""):
    """A sentence that says what the chart shows, for screen readers and for print."""
    if not points:
        return _("No figures.")
    unit = f" {unit}" if unit else ""
    if len(points) == 1:
        label, value, *_rest = points[0]
        return _("One figure: %(value)s%(unit)s in %(label)s.") % {
            "value": format_number(value), "unit": unit, "label": label,
        }
    first, last = points[0], points[-1]
    high = max(points, key=lambda p: p[1])
    return _(
        "%(count)s figures from %(first)s to %(last)s: %(first_value)s%(unit)s in %(first)s, "
        "%(last_value)s%(unit)s in %(last)s; highest %(high_value)s%(unit)s in %(high)s."
    ) % {
        "count": len(points), "first": first[0], "last": last[0], "unit": unit,
        "first_value": format_number(first[1]), "last_value": format_number(last[1]),
        "high_value": format_number(high[1]), "high": high[0],
    }


ROW, LABEL_WIDTH = 26, 220


def hbar_chart(title, points, unit="", description=None):
    """Horizontal bars for long category labels (themes); same inputs as `bar_chart`."""
    unit_text = f" {unit}" if unit else ""
    description = description or "; ".join(f"{p[0]}: {format_number(p[1])}{unit_text}" for p in points) + "."
    chart = bar_chart(title, points, unit, description, width=WIDTH)
    top = nice_max(max((max(0.0, float(p[1])) for p in points), default=0))
    plot_width = WIDTH - LABEL_WIDTH - MARGIN_RIGHT - 40
    for n, bar in enumerate(chart.bars):
        bar.x, bar.y = LABEL_WIDTH, MARGIN_TOP + n * ROW + 4
        bar.height, bar.width = ROW - 8, round(plot_width * max(0.0, bar.value) / top, 1)
    chart.height = MARGIN_TOP * 2 + ROW * len(chart.bars)
    chart.horizontal = True
    chart.left = LABEL_WIDTH
    return chart
