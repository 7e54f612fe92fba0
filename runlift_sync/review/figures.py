"""A chart of the review page: both drawings, its legend, its numbers; the shared axes (pure).

Every chart is drawn twice, at a laptop width and at a phone width (the page shows one by a
CSS media query), so that text stays legible instead of being scaled down; each comes with
its numbers as a table (readable without JavaScript, and by a screen reader).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from runlift_sync.review.svg import SIZES, Canvas, Scale, Size, nice_domain, tick_label, ticks

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Table:
    """A chart's numbers."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """One chart: both drawings, its legend, how to read it, and its numbers."""

    key: str
    title: str
    caption: str
    svgs: tuple[str, ...]
    legend: tuple[tuple[str, str], ...]
    table: Table | None = None


def short_date(day: dt.date) -> str:
    """ "23 Nov"."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def day_label(day: dt.date) -> str:
    """ "Mon 23 Nov"."""
    return f"{DAY_NAMES[day.weekday()]} {short_date(day)}"


def fmt(value: float | None, digits: int = 1, unit: str = "") -> str:
    """A number for a person ("—" when unknown), with a true minus sign."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}".replace("-", "−")
    return f"{text} {unit}".rstrip()


def day_x(day: dt.date) -> float:
    """A date as an x value (days)."""
    return float(day.toordinal())


def month_labels(first: dt.date, last: dt.date) -> list[tuple[float, str]]:
    """An x label at the first of every month between two dates."""
    labels = []
    day = dt.date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            labels.append((day_x(day), MONTHS[day.month - 1]))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return labels


def draw_both(key: str, draw: Callable[[Size], Canvas], description: str) -> tuple[str, ...]:
    """The chart drawn at a laptop's width and at a phone's (`svg.SIZES`)."""
    return tuple(draw(size).svg(key, description) for size in SIZES)


def y_grid(canvas: Canvas, lo: float, hi: float, step: float, unit: str = "") -> None:
    """Horizontal grid lines and labels at every step."""
    canvas.grid_y(ticks(lo, hi, step), lambda v: tick_label(v, step), unit=unit)


def day_canvas(
    size: Size, first: dt.date, last: dt.date, lo: float, hi: float
) -> tuple[Canvas, float]:
    """A canvas with days across and a nice value domain up; returns it and the tick step."""
    low, high, step = nice_domain(lo, hi, 3 if size.narrow else 4)
    x = Scale((day_x(first) - 0.5, day_x(last) + 0.5), (size.x0, size.x1))
    y = Scale((low, high), (size.y0, size.y1))
    canvas = Canvas(size, x, y)
    y_grid(canvas, low, high, step)
    canvas.axis_x(month_labels(first, last))
    return canvas, step


def week_axis(
    size: Size, weeks: Sequence[dt.date], *, planned_last: bool = True
) -> list[tuple[float, str]]:
    """Week labels (every third on a phone); the planned week, last, is "next"."""
    every = 1 if not size.narrow else 3
    last = len(weeks) - 1
    return [
        (float(i), "next" if i == last and planned_last else short_date(w))
        for i, w in enumerate(weeks)
        if i == last or ((last - i) % every == 0 and (not size.narrow or last - i >= 2))
    ]


def bars_canvas(
    size: Size, n: int, hi: float, unit: str, *, integer: bool = False
) -> tuple[Canvas, float]:
    """A canvas with weeks across (0 … n-1) and values from 0 up."""
    count = 3 if size.narrow and not integer else 4
    low, high, step = nice_domain(0.0, max(hi, 1.0), count, integer=integer)
    x = Scale((-0.5, n - 0.5), (size.x0, size.x1))
    y = Scale((low, high), (size.y0, size.y1))
    canvas = Canvas(size, x, y)
    y_grid(canvas, low, high, step, unit)
    return canvas, step
