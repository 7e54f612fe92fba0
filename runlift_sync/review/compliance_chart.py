"""The compliance chart: per planned week, sessions done, changed, missed (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from runlift_sync.coach.compliance import STATUSES
from runlift_sync.review.figures import (
    Figure,
    Table,
    draw_both,
    short_date,
)
from runlift_sync.review.review_data import ComplianceRow
from runlift_sync.review.svg import Canvas, Scale, Size, nice_domain, tick_label, ticks

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
        draw_both("compliance", draw, "Planned sessions done, changed or missed per week"),
        tuple((f"c-{s}", STATUS_LABELS[s]) for s in STATUSES),
        Table(("week", *STATUSES), table_rows),
    )
