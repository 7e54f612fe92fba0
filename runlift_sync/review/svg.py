"""SVG charts drawn in Python: scales, nice ticks, axes and marks as markup (pure).

A `Canvas` is one chart at one size. Data marks carry the class `mark` and a `<title>` (the
browser shows it on hover, without JavaScript; the page's script shows it on a tap), so a test
can count what was drawn. Colours and fonts come from the page's CSS through class names
(`s-ctl`, `s-easy`, …), so the SVG holds geometry only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from html import escape


def esc(text: object) -> str:
    """Text made safe for SVG/HTML content and attribute values."""
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal ("12", "12.5")."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class Size:
    """A chart's drawing size in SVG units (≈ CSS pixels at the width it is shown)."""

    width: int
    height: int
    top: int = 24
    right: int = 14
    bottom: int = 26
    left: int = 42
    narrow: bool = False

    def with_(self, **changes: int) -> Size:
        """The same size with other margins or height."""
        return replace(self, **changes)

    @property
    def x0(self) -> float:
        return float(self.left)

    @property
    def x1(self) -> float:
        return float(self.width - self.right)

    @property
    def y0(self) -> float:
        """The bottom of the plot area."""
        return float(self.height - self.bottom)

    @property
    def y1(self) -> float:
        """The top of the plot area."""
        return float(self.top)


WIDE = Size(760, 250)
NARROW = Size(360, 230, right=10, left=38, narrow=True)
SIZES: tuple[Size, Size] = (WIDE, NARROW)


class Scale:
    """A linear map from a data domain to a pixel range (clamped to neither)."""

    def __init__(self, domain: tuple[float, float], pixels: tuple[float, float]) -> None:
        lo, hi = domain
        if hi - lo < 1e-9:
            lo, hi = lo - 1.0, hi + 1.0
        self.domain = (lo, hi)
        self.pixels = pixels

    def __call__(self, value: float) -> float:
        lo, hi = self.domain
        p0, p1 = self.pixels
        return p0 + (value - lo) / (hi - lo) * (p1 - p0)


def nice_step(span: float, count: int, *, integer: bool = False) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about `count` intervals over `span`;
    `integer`: a whole number (for counts: no 2.5 days)."""
    raw = max(span, 1e-9) / max(count, 1)
    if integer and raw <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if integer and power < 10 else (1, 2, 2.5, 5, 10)
    for factor in factors:
        if raw <= factor * power + 1e-12:
            return factor * power
    return 10 * power


def nice_domain(
    lo: float, hi: float, count: int = 4, *, integer: bool = False
) -> tuple[float, float, float]:
    """The domain widened to round ticks: (low, high, step)."""
    if hi - lo < 1e-9:
        hi = lo + 1.0
    step = nice_step(hi - lo, count, integer=integer)
    return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step, step


def ticks(lo: float, hi: float, step: float) -> list[float]:
    """The multiples of `step` between lo and hi (inclusive)."""
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


def tick_label(value: float, step: float) -> str:
    """A tick value with the decimals its step needs, trailing zeros dropped (2.5, 5, 7.5)."""
    decimals = 0
    while decimals < 3 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-9:
        decimals += 1
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Canvas:
    """One chart being drawn: the plot area, its scales, and the SVG elements so far."""

    def __init__(self, size: Size, x: Scale, y: Scale) -> None:
        self.size = size
        self.x = x
        self.y = y
        self.parts: list[str] = []

    # axes and guides -------------------------------------------------------------------
    def grid_y(
        self, values: Sequence[float], label: Callable[[float], str], *, unit: str = ""
    ) -> None:
        """Horizontal grid lines with their labels left of the plot area."""
        s = self.size
        for value in values:
            y = num(self.y(value))
            self.parts.append(
                f'<line class="grid{" zero" if abs(value) < 1e-9 else ""}" x1="{num(s.x0)}" '
                f'y1="{y}" x2="{num(s.x1)}" y2="{y}"/>'
            )
            self.parts.append(
                f'<text class="tick" x="{num(s.x0 - 6)}" y="{y}" dy="0.32em" '
                f'text-anchor="end">{esc(label(value))}</text>'
            )
        if unit:
            self.parts.append(
                f'<text class="unit" x="{num(s.x0)}" y="{num(s.y1 - 9)}">{esc(unit)}</text>'
            )

    def axis_x(self, labels: Sequence[tuple[float, str]], *, ticks_marks: bool = True) -> None:
        """Labels under the plot area at the given x values (data units)."""
        s = self.size
        self.parts.append(
            f'<line class="axis" x1="{num(s.x0)}" y1="{num(s.y0)}" x2="{num(s.x1)}" '
            f'y2="{num(s.y0)}"/>'
        )
        for value, text in labels:
            x = num(self.x(value))
            if ticks_marks:
                self.parts.append(
                    f'<line class="axis" x1="{x}" y1="{num(s.y0)}" x2="{x}" y2="{num(s.y0 + 4)}"/>'
                )
            self.parts.append(
                f'<text class="tick" x="{x}" y="{num(s.y0 + 16)}" text-anchor="middle">'
                f"{esc(text)}</text>"
            )

    def band_x(self, x0: float, x1: float, cls: str, label: str = "") -> None:
        """A shaded vertical band over the whole plot height (e.g. the planned week)."""
        s = self.size
        left, right = self.x(x0), self.x(x1)
        self.parts.append(
            f'<rect class="{cls}" x="{num(left)}" y="{num(s.y1)}" width="{num(right - left)}" '
            f'height="{num(s.y0 - s.y1)}"/>'
        )
        if label:
            self.parts.append(
                f'<text class="band-label" x="{num((left + right) / 2)}" y="{num(s.y1 + 11)}" '
                f'text-anchor="middle">{esc(label)}</text>'
            )

    def band_y(self, y0: float, y1: float, cls: str, label: str = "") -> None:
        """A shaded horizontal band across the plot (e.g. a zone to stay out of)."""
        s = self.size
        top, bottom = sorted((self.y(y0), self.y(y1)))
        top, bottom = max(top, s.y1), min(bottom, s.y0)
        if bottom <= top:
            return
        self.parts.append(
            f'<rect class="{cls}" x="{num(s.x0)}" y="{num(top)}" width="{num(s.x1 - s.x0)}" '
            f'height="{num(bottom - top)}"/>'
        )
        if label:
            self.parts.append(
                f'<text class="band-label {cls}-label" x="{num(s.x0 + 4)}" y="{num(bottom - 4)}">'
                f"{esc(label)}</text>"
            )

    def rule_y(
        self,
        value: float,
        cls: str,
        label: str = "",
        *,
        x0: float | None = None,
        outside: bool = False,
        dy: float = -4.0,
    ) -> None:
        """A horizontal reference line (a limit, a threshold) with an optional label: at the
        line's right end, or (`outside`) in the right margin beside it."""
        s = self.size
        y = self.y(value)
        left = s.x0 if x0 is None else self.x(x0)
        self.parts.append(
            f'<line class="mark {cls}" x1="{num(left)}" y1="{num(y)}" x2="{num(s.x1)}" '
            f'y2="{num(y)}"/>'
        )
        if label and outside:
            self.parts.append(
                f'<text class="rule-label" x="{num(s.x1 + 4)}" y="{num(y + dy)}" dy="0.32em">'
                f"{esc(label)}</text>"
            )
        elif label:
            self.parts.append(
                f'<text class="rule-label" x="{num(s.x1 - 2)}" y="{num(y + dy)}" '
                f'text-anchor="end">{esc(label)}</text>'
            )

    def segment(self, x0: float, x1: float, y: float, cls: str, tip: str = "") -> None:
        """A horizontal line from x0 to x1 at y, in data units (e.g. one week's limit)."""
        level = num(self.y(y))
        self.parts.append(
            f'<line class="mark {cls}" x1="{num(self.x(x0))}" y1="{level}" '
            f'x2="{num(self.x(x1))}" y2="{level}"{_tip_attr(tip)}>{_title(tip)}</line>'
        )

    # data marks ------------------------------------------------------------------------
    def line(self, points: Sequence[tuple[float, float | None]], cls: str, tip: str = "") -> None:
        """A polyline through the points (a None value breaks it)."""
        d = _path_data([(self.x(x), None if y is None else self.y(y)) for x, y in points])
        if d:
            self.parts.append(f'<path class="mark {cls}" d="{d}">{_title(tip)}</path>')

    def area(
        self,
        upper: Sequence[tuple[float, float | None]],
        lower: Sequence[tuple[float, float | None]],
        cls: str,
        tip: str = "",
    ) -> None:
        """The region between two series sharing their x values (gaps where either is None)."""
        for run in _runs(upper, lower):
            top = [(self.x(x), self.y(hi)) for x, hi, _ in run]
            bottom = [(self.x(x), self.y(lo)) for x, _, lo in reversed(run)]
            d = "M" + " L".join(f"{num(x)},{num(y)}" for x, y in top + bottom) + " Z"
            self.parts.append(f'<path class="mark {cls}" d="{d}">{_title(tip)}</path>')

    def bar(self, x0: float, x1: float, y0: float, y1: float, cls: str, tip: str = "") -> None:
        """A rectangle from (x0, y0) to (x1, y1) in data units."""
        left, right = sorted((self.x(x0), self.x(x1)))
        top, bottom = sorted((self.y(y0), self.y(y1)))
        if bottom - top < 0.5:
            return
        self.parts.append(
            f'<rect class="mark {cls}" x="{num(left)}" y="{num(top)}" '
            f'width="{num(right - left)}" height="{num(bottom - top)}"{_tip_attr(tip)}>'
            f"{_title(tip)}</rect>"
        )

    def dot(self, x: float, y: float, cls: str, tip: str = "", r: float = 3.0) -> None:
        self.parts.append(
            f'<circle class="mark {cls}" cx="{num(self.x(x))}" cy="{num(self.y(y))}" '
            f'r="{num(r)}"{_tip_attr(tip)}>{_title(tip)}</circle>'
        )

    def diamond(self, x: float, y: float, cls: str, tip: str = "", r: float = 6.0) -> None:
        cx, cy = self.x(x), self.y(y)
        d = f"M{num(cx)},{num(cy - r)} L{num(cx + r)},{num(cy)} L{num(cx)},{num(cy + r)} L{num(cx - r)},{num(cy)} Z"
        self.parts.append(f'<path class="mark {cls}" d="{d}"{_tip_attr(tip)}>{_title(tip)}</path>')

    def label(
        self,
        x: float,
        y: float,
        text: str,
        cls: str = "label",
        anchor: str = "middle",
        dy: float = 0.0,
    ) -> None:
        """Text at a data position (`dy` in pixels, negative is up)."""
        self.parts.append(
            f'<text class="{cls}" x="{num(self.x(x))}" y="{num(self.y(y) + dy)}" '
            f'text-anchor="{anchor}">{esc(text)}</text>'
        )

    def hover_columns(self, xs: Sequence[float], tips: Sequence[str]) -> None:
        """Invisible full-height columns centred on each x: hovering (or tapping) one shows
        the values of that day, wherever the pointer is vertically."""
        s = self.size
        if not xs:
            return
        pixels = [self.x(x) for x in xs]
        half = (pixels[1] - pixels[0]) / 2 if len(pixels) > 1 else 4.0
        for px, tip in zip(pixels, tips, strict=True):
            self.parts.append(
                f'<rect class="hover" x="{num(px - half)}" y="{num(s.y1)}" '
                f'width="{num(2 * half)}" height="{num(s.y0 - s.y1)}"{_tip_attr(tip)}>'
                f"{_title(tip)}</rect>"
            )

    def svg(self, chart: str, description: str) -> str:
        """The finished `<svg>` element (scales to its container's width)."""
        s = self.size
        variant = "narrow" if s.narrow else "wide"
        return (
            f'<svg class="chart {variant}" data-chart="{esc(chart)}" viewBox="0 0 {s.width} '
            f'{s.height}" role="img" aria-label="{esc(description)}" '
            f'xmlns="http://www.w3.org/2000/svg">' + "".join(self.parts) + "</svg>"
        )


def _title(tip: str) -> str:
    return f"<title>{esc(tip)}</title>" if tip else ""


def _tip_attr(tip: str) -> str:
    return f' data-tip="{esc(tip)}"' if tip else ""


def _path_data(points: Sequence[tuple[float, float | None]]) -> str:
    parts: list[str] = []
    pen_down = False
    for x, y in points:
        if y is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{num(x)},{num(y)}")
        pen_down = True
    return " ".join(parts)


def _runs(
    upper: Sequence[tuple[float, float | None]], lower: Sequence[tuple[float, float | None]]
) -> list[list[tuple[float, float, float]]]:
    """Stretches where both series have values."""
    runs: list[list[tuple[float, float, float]]] = []
    current: list[tuple[float, float, float]] = []
    for (x, hi), (_, lo) in zip(upper, lower, strict=True):
        if hi is None or lo is None:
            if len(current) > 1:
                runs.append(current)
            current = []
            continue
        current.append((x, hi, lo))
    if len(current) > 1:
        runs.append(current)
    return runs
