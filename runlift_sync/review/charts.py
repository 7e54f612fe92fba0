"""The review page's charts, drawn from `ReviewData` (pure).

Every chart is drawn twice, at a laptop width and at a phone width (the page shows one by a
CSS media query), so that text stays legible instead of being scaled down; each comes with
its numbers as a table (readable without JavaScript, and by a screen reader).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rules import Policy, Session
from rules.hard_days import hard_days, max_hard_days, training_days
from rules.lift_loads import name_matches
from rules.policy import EightyTwentyPolicy
from runlift_sync.coach.compliance import STATUSES
from runlift_sync.review.projection import Projection
from runlift_sync.review.review_data import (
    ComplianceRow,
    FitnessDay,
    LiftPoint,
    WeekVolume,
    WellnessDay,
)
from runlift_sync.review.svg import (
    SIZES,
    Canvas,
    Scale,
    Size,
    nice_domain,
    tick_label,
    ticks,
)

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
    return f"{day.day} {MONTHS[day.month - 1]}"


def day_label(day: dt.date) -> str:
    return f"{DAY_NAMES[day.weekday()]} {short_date(day)}"


def fmt(value: float | None, digits: int = 1, unit: str = "") -> str:
    """A number for a person ("—" when unknown), with a true minus sign."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}".replace("-", "−")
    return f"{text} {unit}".rstrip()


def _x(day: dt.date) -> float:
    return float(day.toordinal())


def _month_labels(first: dt.date, last: dt.date) -> list[tuple[float, str]]:
    labels = []
    day = dt.date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            labels.append((_x(day), MONTHS[day.month - 1]))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return labels


def _draw(key: str, draw: Callable[[Size], Canvas], description: str) -> tuple[str, ...]:
    return tuple(draw(size).svg(key, description) for size in SIZES)


def _y_grid(canvas: Canvas, lo: float, hi: float, step: float, unit: str = "") -> None:
    canvas.grid_y(ticks(lo, hi, step), lambda v: tick_label(v, step), unit=unit)


def _day_canvas(
    size: Size, first: dt.date, last: dt.date, lo: float, hi: float
) -> tuple[Canvas, float]:
    """A canvas with days across and a nice value domain up; returns it and the tick step."""
    low, high, step = nice_domain(lo, hi, 3 if size.narrow else 4)
    x = Scale((_x(first) - 0.5, _x(last) + 0.5), (size.x0, size.x1))
    y = Scale((low, high), (size.y0, size.y1))
    canvas = Canvas(size, x, y)
    _y_grid(canvas, low, high, step)
    canvas.axis_x(_month_labels(first, last))
    return canvas, step


# 2. fitness ------------------------------------------------------------------------------
def fitness_figure(
    history: Sequence[FitnessDay],
    projection: Projection | None,
    week_start: dt.date,
    policy: Policy,
) -> Figure | None:
    """CTL, ATL and TSB over the last 120 days, and the planned week projected (dashed)."""
    if not history:
        return None
    projected = projection.days if projection is not None else ()
    week_end = week_start + dt.timedelta(days=6)
    last = max(week_end, projected[-1].date if projected else week_end)
    tsb_min = policy.fatigue.tsb_min
    values = [v for d in (*history, *projected) for v in (d.ctl, d.atl, d.tsb)]
    lo, hi = min(0.0, *values), max(values)
    if lo < tsb_min + 10:
        lo = min(lo, tsb_min - 5)

    def draw(size: Size) -> Canvas:
        canvas, _ = _day_canvas(size, history[0].date, last, lo, hi)
        low = canvas.y.domain[0]
        if low < tsb_min:
            canvas.band_y(low, tsb_min, "band-warn", f"TSB < {fmt(tsb_min, 0)}: fatigue flag")
        canvas.band_x(_x(week_start) - 0.5, _x(week_end) + 0.5, "band-plan", "planned")
        for name in ("ctl", "atl", "tsb"):
            canvas.line(
                [(_x(d.date), getattr(d, name)) for d in history], f"s-{name}", name.upper()
            )
            if projected:
                canvas.line(
                    [(_x(d.date), getattr(d, name)) for d in projected],
                    f"s-{name} proj",
                    f"{name.upper()}, projected from the planned load",
                )
        days = [*history, *projected[1:]]
        canvas.hover_columns(
            [_x(d.date) for d in days],
            [
                f"{day_label(d.date)}{' (planned)' if d.date >= week_start else ''}: "
                f"CTL {fmt(d.ctl)} · ATL {fmt(d.atl)} · TSB {fmt(d.tsb)} · load {fmt(d.load, 0)}"
                for d in days
            ],
        )
        return canvas

    end = projected[-1] if projected else history[-1]
    rows = [
        (
            day_label(d.date) + (" (planned)" if d.date >= week_start else ""),
            fmt(d.load, 0),
            fmt(d.ctl),
            fmt(d.atl),
            fmt(d.tsb),
        )
        for d in (*history[-7:], *projected[1:])
    ]
    return Figure(
        "fitness",
        "Fitness, fatigue and form",
        f"CTL (fitness, 42-day load) {fmt(history[-1].ctl)} → {fmt(end.ctl)} by the end of the "
        f"planned week; TSB (form) {fmt(history[-1].tsb)} → {fmt(end.tsb)}. Dashed: projected "
        "from the planned sessions' load, estimated from your own recent sessions.",
        _draw("fitness", draw, "CTL, ATL and TSB over the last 120 days and the planned week"),
        (
            ("s-ctl", "CTL fitness"),
            ("s-atl", "ATL fatigue"),
            ("s-tsb", "TSB form"),
            ("s-proj", "projected"),
        ),
        Table(("day", "load", "CTL", "ATL", "TSB"), tuple(rows)),
    )


# 3. weekly km ----------------------------------------------------------------------------
def _week_axis(
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


def _bars_canvas(
    size: Size, n: int, hi: float, unit: str, *, integer: bool = False
) -> tuple[Canvas, float]:
    """A canvas with weeks across (0 … n-1) and values from 0 up."""
    count = 3 if size.narrow and not integer else 4
    low, high, step = nice_domain(0.0, max(hi, 1.0), count, integer=integer)
    x = Scale((-0.5, n - 0.5), (size.x0, size.x1))
    y = Scale((low, high), (size.y0, size.y1))
    canvas = Canvas(size, x, y)
    _y_grid(canvas, low, high, step, unit)
    return canvas, step


def weekly_km_figure(
    volumes: Sequence[WeekVolume],
    sessions: Sequence[Session],
    week_start: dt.date,
    ramp_cap_km: float | None,
    template_km: float | None,
) -> Figure:
    """Running km per week, easy and hard, the planned week beside them with its ramp cap."""
    runs = [s for s in sessions if s.is_run]
    plan_hard = sum(s.km or 0.0 for s in runs if s.is_hard)
    plan_easy = sum(s.km or 0.0 for s in runs if not s.is_hard)
    bars = [(v.week_start, v.easy_km, v.hard_km) for v in volumes]
    bars.append((week_start, plan_easy, plan_hard))
    peak = max([e + h for _, e, h in bars] + [ramp_cap_km or 0.0, template_km or 0.0])
    last = len(bars) - 1

    def draw(size: Size) -> Canvas:
        canvas, _ = _bars_canvas(size.with_(right=62), len(bars), peak * 1.08, "km")
        canvas.axis_x(_week_axis(size, [w for w, _, _ in bars]), ticks_marks=False)
        half = 0.36
        for i, (week, easy, hard) in enumerate(bars):
            planned = " planned" if i == last else ""
            when = f"week of {short_date(week)}{' (planned)' if planned else ''}"
            canvas.bar(
                i - half, i + half, 0, easy, f"s-easy{planned}", f"{when}: {fmt(easy)} km easy"
            )
            canvas.bar(
                i - half,
                i + half,
                easy,
                easy + hard,
                f"s-hard{planned}",
                f"{when}: {fmt(hard)} km hard",
            )
            if not size.narrow and easy + hard > 0:
                canvas.label(i, easy + hard, f"{easy + hard:.0f}", "value", dy=-4)
        close = (
            template_km is not None
            and ramp_cap_km is not None
            and abs(canvas.y(template_km) - canvas.y(ramp_cap_km)) < 14
        )
        above_first = (template_km or 0) >= (ramp_cap_km or 0)
        if template_km:
            canvas.rule_y(
                template_km,
                "rule-template",
                f"plan {template_km:g}",
                x0=last - 0.5,
                outside=True,
                dy=(-7 if above_first else 7) if close else 0,
            )
        if ramp_cap_km:
            canvas.rule_y(
                ramp_cap_km,
                "rule-cap",
                f"cap {ramp_cap_km:g}",
                x0=last - 0.5,
                outside=True,
                dy=(7 if above_first else -7) if close else 0,
            )
        return canvas

    rows = tuple(
        (("planned " if i == last else "") + short_date(w), fmt(e), fmt(h), fmt(e + h))
        for i, (w, e, h) in enumerate(bars)
    )
    cap = f"; the ramp cap for the planned week is {ramp_cap_km:g} km" if ramp_cap_km else ""
    return Figure(
        "weekly-km",
        "Running km per week",
        f"The last {len(volumes)} weeks as run (easy and hard runs) and the planned week"
        f" ({fmt(plan_easy + plan_hard)} km){cap}.",
        _draw("weekly-km", draw, "Running km per week, easy and hard, with the planned week"),
        (
            ("s-easy", "easy"),
            ("s-hard", "hard (intervals, tempo)"),
            ("s-planned", "planned"),
            ("rule-cap", "ramp cap"),
            ("rule-template", "plan file"),
        ),
        Table(("week", "easy km", "hard km", "total km"), rows),
    )


# 4. 80/20 by days ------------------------------------------------------------------------
def hard_days_figure(
    volumes: Sequence[WeekVolume],
    sessions: Sequence[Session],
    week_start: dt.date,
    limits: EightyTwentyPolicy,
) -> Figure:
    """Hard days per week (`rules.hard_days`) against each week's limit, the planned week
    beside them."""
    weeks = [
        (v.week_start, v.hard_days, max_hard_days(v.training_days, limits), v.training_days)
        for v in volumes
    ]
    planned_training = len(training_days(sessions))
    weeks.append(
        (
            week_start,
            len(hard_days(sessions)),
            max_hard_days(planned_training, limits),
            planned_training,
        )
    )
    last = len(weeks) - 1
    peak = max([d for _, d, _, _ in weeks] + [limit for _, _, limit, _ in weeks] + [3])

    def draw(size: Size) -> Canvas:
        canvas, _ = _bars_canvas(
            size.with_(height=210), len(weeks), peak + 0.6, "days", integer=True
        )
        canvas.axis_x(_week_axis(size, [w for w, _, _, _ in weeks]), ticks_marks=False)
        for i, (week, days, limit, trained) in enumerate(weeks):
            planned = " planned" if i == last else ""
            over = " over" if days > limit else ""
            when = f"week of {short_date(week)}{' (planned)' if planned else ''}"
            tip = f"{when}: {days} hard of {trained} training day(s); limit {limit}"
            canvas.bar(i - 0.3, i + 0.3, 0, days, f"s-hard{over}{planned}", tip)
            if days == 0:
                canvas.dot(i, 0, "s-zero", tip, r=2.5)
            canvas.segment(i - 0.42, i + 0.42, limit, "rule-cap", f"{when}: limit {limit}")
            if not size.narrow and days:
                canvas.label(i, days, str(days), "value", dy=-4)
        return canvas

    rows = tuple(
        (("planned " if i == last else "") + short_date(w), str(d), str(t), str(limit))
        for i, (w, d, limit, t) in enumerate(weeks)
    )
    over = sum(1 for _, d, limit, _ in weeks[:-1] if d > limit)
    return Figure(
        "hard-days",
        "80/20 by days: hard days per week",
        "A hard day holds a hard run (intervals, tempo, race, or measured hard) or a heavy "
        f"lower-body lift. The coach allows {limits.max_hard_days} a week "
        f"({limits.short_week_max_hard_days} in a week of {limits.short_week_days} training "
        f"days or fewer); {over} of the last {len(weeks) - 1} weeks had more. The planned week "
        f"has {weeks[-1][1]}.",
        _draw("hard-days", draw, "Hard days per week against the limit"),
        (
            ("s-hard", "hard days"),
            ("s-hard over", "over the limit"),
            ("rule-cap", "limit"),
            ("s-planned", "planned"),
        ),
        Table(("week", "hard days", "training days", "limit"), rows),
    )


def hard_time_figure(volumes: Sequence[WeekVolume], limits: EightyTwentyPolicy) -> Figure | None:
    """The second measure: the share of running time above VT1, per week, against 20 %."""
    known = [v for v in volumes if v.hard_time_share is not None]
    if not known:
        return None
    cap = limits.hard_share_max * 100
    peak = max([(v.hard_time_share or 0) * 100 for v in volumes] + [cap])

    def draw(size: Size) -> Canvas:
        canvas, _ = _bars_canvas(size.with_(height=190, right=62), len(volumes), peak * 1.1, "%")
        canvas.axis_x(
            _week_axis(size, [v.week_start for v in volumes], planned_last=False),
            ticks_marks=False,
        )
        for i, v in enumerate(volumes):
            if v.hard_time_share is None:
                continue
            share = v.hard_time_share * 100
            over = " over" if share > cap else ""
            canvas.bar(
                i - 0.3,
                i + 0.3,
                0,
                share,
                f"s-hard{over}",
                f"week of {short_date(v.week_start)}: {share:.0f} % of running time above VT1 "
                f"({v.hard_minutes:.0f} min)",
            )
        canvas.rule_y(cap, "rule-cap", f"{cap:.0f} %", outside=True, dy=0)
        return canvas

    rows = tuple(
        (
            short_date(v.week_start),
            fmt(v.hard_minutes, 0),
            "—" if v.hard_time_share is None else f"{v.hard_time_share * 100:.0f} %",
        )
        for v in volumes
    )
    return Figure(
        "hard-time",
        "80/20 by time: running time above VT1",
        f"The second measure: the share of each week's running time above VT1 (without heart "
        f"rate, the work laps of hard runs), against {cap:.0f} %.",
        _draw("hard-time", draw, "Share of running time above VT1 per week"),
        (
            ("s-hard", "share above VT1"),
            ("s-hard over", f"over {cap:.0f} %"),
            ("rule-cap", f"{cap:.0f} %"),
        ),
        Table(("week", "min above VT1", "share"), rows),
    )


# 5. lifting ------------------------------------------------------------------------------
def lifting_figure(
    volumes: Sequence[WeekVolume], sessions: Sequence[Session], week_start: dt.date
) -> Figure:
    """Lifting sessions per week, lower-body ones apart, the planned week beside them."""
    lifts = [s for s in sessions if s.is_lift]
    bars = [
        (v.week_start, v.lower_body_sessions, v.lift_sessions - v.lower_body_sessions)
        for v in volumes
    ]
    bars.append(
        (week_start, sum(s.lower_body for s in lifts), sum(not s.lower_body for s in lifts))
    )
    last = len(bars) - 1
    peak = max([lo + other for _, lo, other in bars] + [2])

    def draw(size: Size) -> Canvas:
        canvas, _ = _bars_canvas(
            size.with_(height=200), len(bars), peak + 0.6, "sessions", integer=True
        )
        canvas.axis_x(_week_axis(size, [w for w, _, _ in bars]), ticks_marks=False)
        for i, (week, lower, other) in enumerate(bars):
            planned = " planned" if i == last else ""
            when = f"week of {short_date(week)}{' (planned)' if planned else ''}"
            canvas.bar(
                i - 0.32, i + 0.32, 0, lower, f"s-legs{planned}", f"{when}: {lower} lower-body"
            )
            canvas.bar(
                i - 0.32,
                i + 0.32,
                lower,
                lower + other,
                f"s-upper{planned}",
                f"{when}: {other} other (upper body)",
            )
            if lower + other == 0:
                canvas.dot(i, 0, "s-zero", f"{when}: no lifting", r=2.5)
        return canvas

    rows = tuple(
        (("planned " if i == last else "") + short_date(w), str(lo), str(o))
        for i, (w, lo, o) in enumerate(bars)
    )
    return Figure(
        "lifting",
        "Lifting sessions per week",
        "Sessions that loaded the legs (lower body or full body) and the others.",
        _draw("lifting", draw, "Lifting sessions per week"),
        (("s-legs", "lower body"), ("s-upper", "upper body"), ("s-planned", "planned")),
        Table(("week", "lower body", "other"), rows),
    )


# 6. e1RM ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MainLift:
    """A main lift: its recorded best sets and the load planned for the week (if any)."""

    name: str
    points: tuple[LiftPoint, ...]
    planned: tuple[tuple[Session, str, float], ...]
    """(session, prescription "3×5 @ 58 kg", load kg) in the planned week."""


def main_lifts(
    lifts: Sequence[LiftPoint], sessions: Sequence[Session], most: int = 3
) -> list[MainLift]:
    """The planned week's loaded exercises with their history, then the most-trained other
    lifts with an e1RM, `most` in all."""
    found: list[MainLift] = []
    taken: set[str] = set()
    for session in sessions:
        for ex in session.exercises:
            if ex.load_kg is None or any(m.name.lower() == ex.name.lower() for m in found):
                continue
            mine = [p for p in lifts if name_matches(ex.name, p.exercise)]
            taken |= {p.exercise for p in mine}
            planned = tuple(
                (s, f"{e.sets}×{e.reps} @ {e.load_kg:g} kg", e.load_kg)
                for s in sessions
                for e in s.exercises
                if e.load_kg is not None and e.name.lower() == ex.name.lower()
            )
            found.append(MainLift(ex.name, tuple(_best_per_day(mine)), planned))
    counts: dict[str, int] = {}
    for p in lifts:
        if p.exercise not in taken:
            counts[p.exercise] = counts.get(p.exercise, 0) + 1
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        if len(found) >= most:
            break
        found.append(MainLift(_readable(name), tuple(p for p in lifts if p.exercise == name), ()))
    return found[:most]


def _readable(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


def _best_per_day(points: list[LiftPoint]) -> list[LiftPoint]:
    best: dict[dt.date, LiftPoint] = {}
    for p in points:
        if p.date not in best or p.e1rm_kg > best[p.date].e1rm_kg:
            best[p.date] = p
    return [best[d] for d in sorted(best)]


def e1rm_figures(
    lifts: Sequence[LiftPoint], sessions: Sequence[Session], week_start: dt.date
) -> list[Figure]:
    """One small chart per main lift: e1RM and the top set over time, the planned load."""
    figures = []
    week_end = week_start + dt.timedelta(days=6)
    for lift in main_lifts(lifts, sessions):
        if not lift.points and not lift.planned:
            continue
        first = min([p.date for p in lift.points] + [week_start - dt.timedelta(days=28)])
        values = [v for p in lift.points for v in (p.e1rm_kg, p.top_kg)] + [
            kg for *_, kg in lift.planned
        ]
        lo, hi = min(values) * 0.9, max(values) * 1.05

        def draw(
            size: Size,
            lift: MainLift = lift,
            first: dt.date = first,
            lo: float = lo,
            hi: float = hi,
        ) -> Canvas:
            short = Size(
                size.width,
                190 if size.narrow else 200,
                left=size.left,
                right=size.right,
                narrow=size.narrow,
            )
            canvas, _ = _day_canvas(short, first, week_end, lo, hi)
            canvas.band_x(_x(week_start) - 0.5, _x(week_end) + 0.5, "band-plan")
            canvas.line(
                [(_x(p.date), p.e1rm_kg) for p in lift.points], "s-e1rm", f"{lift.name} e1RM"
            )
            for p in lift.points:
                canvas.dot(
                    _x(p.date),
                    p.e1rm_kg,
                    "s-e1rm",
                    f"{short_date(p.date)}: e1RM {fmt(p.e1rm_kg)} kg",
                )
                canvas.dot(
                    _x(p.date),
                    p.top_kg,
                    "s-top",
                    f"{short_date(p.date)}: top set {p.top_reps} × {p.top_kg:g} kg",
                    r=2.5,
                )
            for session, text, kg in lift.planned:
                canvas.diamond(
                    _x(session.date), kg, "s-plan", f"planned {day_label(session.date)}: {text}"
                )
                canvas.label(_x(session.date), kg, text, "rule-label", "end", dy=18)
            return canvas

        latest = lift.points[-1] if lift.points else None
        rows = tuple(
            (short_date(p.date), fmt(p.e1rm_kg), f"{p.top_reps} × {p.top_kg:g}")
            for p in lift.points[-8:]
        ) + tuple((f"planned {day_label(s.date)}", "", text) for s, text, _ in lift.planned)
        plan_text = "; planned: " + ", ".join(t for _, t, _ in lift.planned) if lift.planned else ""
        figures.append(
            Figure(
                f"e1rm-{len(figures) + 1}",
                f"{lift.name[:1].upper()}{lift.name[1:]}: estimated 1RM",
                (
                    f"Latest e1RM {fmt(latest.e1rm_kg)} kg ({short_date(latest.date)})"
                    if latest
                    else "No recorded sets yet"
                )
                + plan_text
                + ".",
                _draw(
                    f"e1rm-{len(figures) + 1}",
                    draw,
                    f"{lift.name}: e1RM over time and the planned load",
                ),
                (("s-e1rm", "e1RM (Epley)"), ("s-top", "heaviest set"), ("s-plan", "planned load")),
                Table(("session", "e1RM kg", "top set"), rows),
            )
        )
    return figures


# 7. wellness -----------------------------------------------------------------------------
def _series(days: Sequence[WellnessDay], name: str) -> list[tuple[float, float | None]]:
    return [(_x(d.date), getattr(d, name)) for d in days]


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
            canvas, _ = _day_canvas(size, first, last, min(values) * 0.95, max(values) * 1.03)
            canvas.area(
                [(_x(d.date), _band(d, k)) for d in days],
                [(_x(d.date), _band(d, -k)) for d in days],
                "s-band",
                f"60-day baseline ± {k:g} SD",
            )
            for d in days:
                if d.hrv_ms is not None:
                    canvas.dot(_x(d.date), d.hrv_ms, "s-day", r=1.8)
            canvas.line(_series(days, "hrv_7d"), "s-hrv", "HRV, 7-day mean")
            canvas.hover_columns(
                [_x(d.date) for d in days],
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
                _draw("hrv", hrv, "HRV 7-day mean against its baseline band"),
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
            canvas, _ = _day_canvas(size, first, last, min(values) - 2, max(values) + above + 1)
            for d in days:
                if d.resting_hr is not None:
                    canvas.dot(_x(d.date), d.resting_hr, "s-day", r=1.8)
            canvas.line(_series(days, "resting_hr_baseline"), "s-baseline", "60-day baseline")
            canvas.line(
                [
                    (
                        _x(d.date),
                        None if d.resting_hr_baseline is None else d.resting_hr_baseline + above,
                    )
                    for d in days
                ],
                "s-threshold",
                f"baseline + {above:g} bpm: fatigue flag",
            )
            canvas.line(_series(days, "resting_hr_7d"), "s-rhr", "resting HR, 7-day mean")
            canvas.hover_columns(
                [_x(d.date) for d in days],
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
                _draw("resting-hr", rhr, "Resting heart rate against its baseline"),
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
            canvas, _ = _day_canvas(size, first, last, 0.0, max(values) + 0.5)
            for d in days:
                if d.sleep_h is not None:
                    short = " short" if d.sleep_h < fatigue.sleep_min_h else ""
                    canvas.bar(
                        _x(d.date) - 0.4,
                        _x(d.date) + 0.4,
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
                _draw("sleep", sleep, "Hours of sleep per night"),
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


# 8. compliance ---------------------------------------------------------------------------
STATUS_LABELS = {
    "done": "done",
    "changed": "changed",
    "missed": "missed",
    "upcoming": "upcoming",
    "unplanned": "unplanned",
}


def compliance_figure(rows: Sequence[ComplianceRow]) -> Figure | None:
    """Per planned week, how many sessions were done, changed or missed (and unplanned)."""
    weeks = sorted({r.week_start for r in rows})
    if not weeks:
        return None
    counts = {
        w: {s: sum(1 for r in rows if r.week_start == w and r.status == s) for s in STATUSES}
        for w in weeks
    }
    peak = max(sum(c.values()) for c in counts.values())

    def draw(size: Size) -> Canvas:
        height = 34 * len(weeks) + 40
        frame = Size(
            size.width,
            height,
            top=8,
            bottom=26,
            left=70 if not size.narrow else 62,
            right=size.right,
            narrow=size.narrow,
        )
        low, high, step = nice_domain(0, peak, 4)
        x = Scale((0, high), (frame.x0, frame.x1))
        y = Scale((-0.5, len(weeks) - 0.5), (frame.y1, frame.y0))
        canvas = Canvas(frame, x, y)
        canvas.axis_x([(v, tick_label(v, step)) for v in ticks(low, high, step)])
        for i, week in enumerate(weeks):
            canvas.parts.append(
                f'<text class="tick" x="{frame.x0 - 6}" y="{y(i):.1f}" dy="0.32em" text-anchor="end">'
                f"{short_date(week)}</text>"
            )
            start = 0.0
            for status in STATUSES:
                n = counts[week][status]
                if n:
                    canvas.bar(
                        start,
                        start + n,
                        i - 0.32,
                        i + 0.32,
                        f"c-{status}",
                        f"week of {short_date(week)}: {n} {STATUS_LABELS[status]}",
                    )
                    if n and (x(start + n) - x(start)) > 14:
                        canvas.label(start + n / 2, i, str(n), "value inside", dy=4)
                    start += n
        return canvas

    table_rows = tuple((short_date(w), *(str(counts[w][s]) for s in STATUSES)) for w in weeks)
    done = sum(counts[w]["done"] for w in weeks)
    planned = sum(counts[w][s] for w in weeks for s in ("done", "changed", "missed"))
    return Figure(
        "compliance",
        "How the last planned weeks went",
        f"{done} of {planned} planned sessions whose day is over were done as planned.",
        _draw("compliance", draw, "Planned sessions done, changed or missed per week"),
        tuple((f"c-{s}", STATUS_LABELS[s]) for s in STATUSES),
        Table(("week", *STATUSES), table_rows),
    )
