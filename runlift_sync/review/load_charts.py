"""The training-load charts: fitness and form, weekly km, 80/20 by days and by time, lifting
sessions per week (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rules import Policy, Session
from rules.hard_days import hard_days, max_hard_days, training_days
from rules.policy import EightyTwentyPolicy
from runlift_sync.review.figures import (
    Figure,
    Table,
    bars_canvas,
    day_canvas,
    day_label,
    day_x,
    draw_both,
    fmt,
    short_date,
    week_axis,
)
from runlift_sync.review.projection import Projection
from runlift_sync.review.review_data import FitnessDay, WeekVolume
from runlift_sync.review.svg import Canvas, Size


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
        canvas, _ = day_canvas(size, history[0].date, last, lo, hi)
        low = canvas.y.domain[0]
        if low < tsb_min:
            canvas.band_y(low, tsb_min, "band-warn", f"TSB < {fmt(tsb_min, 0)}: fatigue flag")
        canvas.band_x(day_x(week_start) - 0.5, day_x(week_end) + 0.5, "band-plan", "planned")
        for name in ("ctl", "atl", "tsb"):
            canvas.line(
                [(day_x(d.date), getattr(d, name)) for d in history], f"s-{name}", name.upper()
            )
            if projected:
                canvas.line(
                    [(day_x(d.date), getattr(d, name)) for d in projected],
                    f"s-{name} proj",
                    f"{name.upper()}, projected from the planned load",
                )
        days = [*history, *projected[1:]]
        canvas.hover_columns(
            [day_x(d.date) for d in days],
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
        draw_both("fitness", draw, "CTL, ATL and TSB over the last 120 days and the planned week"),
        (
            ("s-ctl", "CTL fitness"),
            ("s-atl", "ATL fatigue"),
            ("s-tsb", "TSB form"),
            ("s-proj", "projected"),
        ),
        Table(("day", "load", "CTL", "ATL", "TSB"), tuple(rows)),
    )


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
        canvas, _ = bars_canvas(size.with_(right=62), len(bars), peak * 1.08, "km")
        canvas.axis_x(week_axis(size, [w for w, _, _ in bars]), ticks_marks=False)
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
        draw_both("weekly-km", draw, "Running km per week, easy and hard, with the planned week"),
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
        canvas, _ = bars_canvas(
            size.with_(height=210), len(weeks), peak + 0.6, "days", integer=True
        )
        canvas.axis_x(week_axis(size, [w for w, _, _, _ in weeks]), ticks_marks=False)
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
        draw_both("hard-days", draw, "Hard days per week against the limit"),
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
        canvas, _ = bars_canvas(size.with_(height=190, right=62), len(volumes), peak * 1.1, "%")
        canvas.axis_x(
            week_axis(size, [v.week_start for v in volumes], planned_last=False),
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
        draw_both("hard-time", draw, "Share of running time above VT1 per week"),
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
        canvas, _ = bars_canvas(
            size.with_(height=200), len(bars), peak + 0.6, "sessions", integer=True
        )
        canvas.axis_x(week_axis(size, [w for w, _, _ in bars]), ticks_marks=False)
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
        draw_both("lifting", draw, "Lifting sessions per week"),
        (("s-legs", "lower body"), ("s-upper", "upper body"), ("s-planned", "planned")),
        Table(("week", "lower body", "other"), rows),
    )
