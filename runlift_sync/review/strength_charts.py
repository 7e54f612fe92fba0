"""The strength charts: estimated 1RM of the main lifts over time, with the week's loads (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rules import Session
from rules.exercises import is_recorded_as
from runlift_sync.review.figures import (
    Figure,
    Table,
    day_canvas,
    day_label,
    day_x,
    draw_both,
    fmt,
    short_date,
)
from runlift_sync.review.review_data import LiftPoint
from runlift_sync.review.svg import Canvas, Size


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
            mine = [p for p in lifts if is_recorded_as(ex, p.exercise)]
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
            canvas, _ = day_canvas(short, first, week_end, lo, hi)
            canvas.band_x(day_x(week_start) - 0.5, day_x(week_end) + 0.5, "band-plan")
            canvas.line(
                [(day_x(p.date), p.e1rm_kg) for p in lift.points], "s-e1rm", f"{lift.name} e1RM"
            )
            for p in lift.points:
                canvas.dot(
                    day_x(p.date),
                    p.e1rm_kg,
                    "s-e1rm",
                    f"{short_date(p.date)}: e1RM {fmt(p.e1rm_kg)} kg",
                )
                canvas.dot(
                    day_x(p.date),
                    p.top_kg,
                    "s-top",
                    f"{short_date(p.date)}: top set {p.top_reps} × {p.top_kg:g} kg",
                    r=2.5,
                )
            for session, text, kg in lift.planned:
                canvas.diamond(
                    day_x(session.date), kg, "s-plan", f"planned {day_label(session.date)}: {text}"
                )
                canvas.label(day_x(session.date), kg, text, "rule-label", "end", dy=18)
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
                draw_both(
                    f"e1rm-{len(figures) + 1}",
                    draw,
                    f"{lift.name}: e1RM over time and the planned load",
                ),
                (("s-e1rm", "e1RM (Epley)"), ("s-top", "heaviest set"), ("s-plan", "planned load")),
                Table(("session", "e1RM kg", "top set"), rows),
            )
        )
    return figures
