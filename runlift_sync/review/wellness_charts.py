"""The wellness charts: HRV against its baseline band, resting HR, sleep (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rules import Policy
from runlift_sync.review.figures import (
    Figure,
    Table,
    day_canvas,
    day_label,
    day_x,
    draw_both,
    fmt,
)
from runlift_sync.review.review_data import WellnessDay
from runlift_sync.review.svg import Canvas, Size


# 7. wellness -----------------------------------------------------------------------------
def _series(days: Sequence[WellnessDay], name: str) -> list[tuple[float, float | None]]:
    return [(day_x(d.date), getattr(d, name)) for d in days]


def wellness_figures(
    days: Sequence[WellnessDay], policy: Policy, first: dt.date, week_start: dt.date
) -> tuple[list[Figure], list[str]]:
    """HRV against its baseline band, resting HR, sleep; and what was not measured. The days
    run from `first` (or the first measured day, when later) to the day before the week."""
    fatigue = policy.fatigue
    last = week_start - dt.timedelta(days=1)
    measured = [
        d.date for d in days if any(v is not None for v in (d.hrv_ms, d.resting_hr, d.sleep_h))
    ]
    first = max(first, min(measured)) if measured else first
    figures: list[Figure] = []
    missing: list[str] = []

    def has(name: str) -> bool:
        return any(getattr(d, name) is not None for d in days)

    if has("hrv_ms"):
        k = fatigue.hrv_sd_below
        values = [
            v
            for d in days
            for v in (d.hrv_ms, d.hrv_7d, _band(d, -k), _band(d, k))
            if v is not None
        ]

        def hrv(size: Size) -> Canvas:
            canvas, _ = day_canvas(size, first, last, min(values) * 0.95, max(values) * 1.03)
            canvas.area(
                [(day_x(d.date), _band(d, k)) for d in days],
                [(day_x(d.date), _band(d, -k)) for d in days],
                "s-band",
                f"60-day baseline ± {k:g} SD",
            )
            for d in days:
                if d.hrv_ms is not None:
                    canvas.dot(day_x(d.date), d.hrv_ms, "s-day", r=1.8)
            canvas.line(_series(days, "hrv_7d"), "s-hrv", "HRV, 7-day mean")
            canvas.hover_columns(
                [day_x(d.date) for d in days],
                [
                    f"{day_label(d.date)}: HRV {fmt(d.hrv_ms, 0, 'ms')} · 7-day {fmt(d.hrv_7d, 1, 'ms')} · baseline {fmt(d.hrv_baseline, 1, 'ms')}"
                    for d in days
                ],
            )
            return canvas

        latest = _latest(days, "hrv_7d")
        figures.append(
            Figure(
                "hrv",
                "HRV (overnight RMSSD)",
                f"The 7-day mean against the 60-day baseline band (± {k:g} SD); below the band's "
                f"lower edge with ≥ {fatigue.hrv_min_readings} readings is a fatigue flag."
                + (
                    f" Latest 7-day mean {fmt(latest.hrv_7d, 1, 'ms')}, baseline {fmt(latest.hrv_baseline, 1, 'ms')}."
                    if latest
                    else ""
                ),
                draw_both("hrv", hrv, "HRV 7-day mean against its baseline band"),
                (("s-hrv", "7-day mean"), ("s-day", "night"), ("s-band", "baseline band")),
                _wellness_table(
                    days,
                    ("HRV ms", "hrv_ms", 0),
                    ("7-day", "hrv_7d", 1),
                    ("baseline", "hrv_baseline", 1),
                ),
            )
        )
    else:
        missing.append(
            "HRV: no overnight HRV readings (a watch that records HRV status, or Garmin Connect)"
        )
    if has("resting_hr"):
        values = [
            v
            for d in days
            for v in (d.resting_hr, d.resting_hr_7d, d.resting_hr_baseline)
            if v is not None
        ]
        above = fatigue.rhr_above_bpm

        def rhr(size: Size) -> Canvas:
            canvas, _ = day_canvas(size, first, last, min(values) - 2, max(values) + above + 1)
            for d in days:
                if d.resting_hr is not None:
                    canvas.dot(day_x(d.date), d.resting_hr, "s-day", r=1.8)
            canvas.line(_series(days, "resting_hr_baseline"), "s-baseline", "60-day baseline")
            canvas.line(
                [
                    (
                        day_x(d.date),
                        None if d.resting_hr_baseline is None else d.resting_hr_baseline + above,
                    )
                    for d in days
                ],
                "s-threshold",
                f"baseline + {above:g} bpm: fatigue flag",
            )
            canvas.line(_series(days, "resting_hr_7d"), "s-rhr", "resting HR, 7-day mean")
            canvas.hover_columns(
                [day_x(d.date) for d in days],
                [
                    f"{day_label(d.date)}: resting HR {fmt(d.resting_hr, 0, 'bpm')} · 7-day {fmt(d.resting_hr_7d, 1)} · baseline {fmt(d.resting_hr_baseline, 1)}"
                    for d in days
                ],
            )
            return canvas

        figures.append(
            Figure(
                "resting-hr",
                "Resting heart rate",
                f"The 7-day mean against the 60-day baseline; {above:g} bpm over it is a fatigue flag.",
                draw_both("resting-hr", rhr, "Resting heart rate against its baseline"),
                (
                    ("s-rhr", "7-day mean"),
                    ("s-day", "day"),
                    ("s-baseline", "baseline"),
                    ("s-threshold", f"baseline + {above:g}"),
                ),
                _wellness_table(
                    days,
                    ("resting HR", "resting_hr", 0),
                    ("7-day", "resting_hr_7d", 1),
                    ("baseline", "resting_hr_baseline", 1),
                ),
            )
        )
    else:
        missing.append("resting heart rate: no daily readings (monitoring files or Garmin Connect)")
    if has("sleep_h"):
        values = [v for d in days for v in (d.sleep_h, d.sleep_7d_h) if v is not None] + [
            fatigue.sleep_min_h
        ]

        def sleep(size: Size) -> Canvas:
            canvas, _ = day_canvas(size, first, last, 0.0, max(values) + 0.5)
            for d in days:
                if d.sleep_h is not None:
                    short = " short" if d.sleep_h < fatigue.sleep_min_h else ""
                    canvas.bar(
                        day_x(d.date) - 0.4,
                        day_x(d.date) + 0.4,
                        0,
                        d.sleep_h,
                        f"s-sleep{short}",
                        f"{day_label(d.date)}: {fmt(d.sleep_h, 1, 'h')} asleep",
                    )
            canvas.line(_series(days, "sleep_7d_h"), "s-sleep7", "sleep, 7-day mean")
            canvas.rule_y(fatigue.sleep_min_h, "rule-cap", f"{fatigue.sleep_min_h:g} h")
            return canvas

        figures.append(
            Figure(
                "sleep",
                "Sleep",
                f"Hours asleep per night and the 7-day mean; a mean under {fatigue.sleep_min_h:g} h is a fatigue flag.",
                draw_both("sleep", sleep, "Hours of sleep per night"),
                (
                    ("s-sleep", "night"),
                    ("s-sleep short", f"under {fatigue.sleep_min_h:g} h"),
                    ("s-sleep7", "7-day mean"),
                ),
                _wellness_table(days, ("sleep h", "sleep_h", 1), ("7-day", "sleep_7d_h", 1)),
            )
        )
    else:
        missing.append("sleep: no sleep data (sleep files or Garmin Connect)")
    return figures, missing


def _band(d: WellnessDay, k: float) -> float | None:
    if d.hrv_baseline is None or d.hrv_baseline_sd is None:
        return None
    return d.hrv_baseline + k * d.hrv_baseline_sd


def _latest(days: Sequence[WellnessDay], name: str) -> WellnessDay | None:
    known = [d for d in days if getattr(d, name) is not None]
    return known[-1] if known else None


def _wellness_table(days: Sequence[WellnessDay], *columns: tuple[str, str, int]) -> Table:
    recent = days[-14:]
    return Table(
        ("day", *(c[0] for c in columns)),
        tuple((day_label(d.date), *(fmt(getattr(d, c[1]), c[2]) for c in columns)) for d in recent),
    )
