"""Which change touched which session: a trace of `adjust_week`'s steps (pure).

`adjust_week` reports changes as sentences with evidence; the review page needs more: which
sessions each change touched, and which template session each adjusted session came from
(a lift the legs rule moved, a run the fatigue rule made easy). `ChangeTracer` is an
`on_step` observer: after every rule it pairs the sessions before and after (`diff_week`),
carries each session's origin forward, and credits the step's changes to the sessions it
altered. A change is credited to a session when its message names the session (its label,
"Tue am intervals run", before or after the step), or when it names no session at all (a
week-wide change such as a km cap); if neither applies, every change of the step is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rules import AdjustedWeek, Change, DraftWeek, Session
from runlift_sync.coach.diff import diff_week


@dataclass(frozen=True)
class ChangeLinks:
    """What one change touched."""

    session_indexes: tuple[int, ...]
    """Sessions of the adjusted week (their index in `AdjustedWeek.sessions`)."""
    template_indexes: tuple[int, ...]
    """Sessions of the template week it changed, moved or removed."""


@dataclass(frozen=True)
class WeekTrace:
    """For each adjusted session its template origin; for each change what it touched."""

    template_index: tuple[int | None, ...]
    """Per adjusted session: the template session it came from (None: added by a rule)."""
    links: tuple[ChangeLinks, ...]
    """Per change, in the order of `AdjustedWeek.changes`."""
    steps: tuple[str, ...]
    """Per change: the step that made it (a rule id, or `rules.HARD_CONSTRAINTS` for the
    final enforcement of the hard constraints)."""

    @staticmethod
    def untraced(week: AdjustedWeek, steps: tuple[str, ...] | None = None) -> WeekTrace:
        """A trace that links nothing (a week stored without one)."""
        return WeekTrace(
            tuple(None for _ in week.sessions),
            tuple(ChangeLinks((), ()) for _ in week.changes),
            steps if steps is not None else tuple(c.rule for c in week.changes),
        )


@dataclass
class _Tracked:
    session: Session
    template_index: int | None
    changes: set[int] = field(default_factory=set)


class ChangeTracer:
    """An `adjust_week(on_step=…)` observer; `trace(week)` afterwards gives the `WeekTrace`."""

    def __init__(self) -> None:
        self._tracked: list[_Tracked] | None = None
        self._removed: list[_Tracked] = []
        self._n_changes = 0
        self._steps: list[str] = []

    def __call__(
        self, step: str, before: DraftWeek, after: DraftWeek, made: Sequence[Change]
    ) -> None:
        if self._tracked is None:
            self._tracked = _start(before)
        indexes = range(self._n_changes, self._n_changes + len(made))
        self._n_changes += len(made)
        self._steps += [step] * len(made)
        labels = {s.label().lower() for s in (*before.sessions, *after.sessions)}
        named = {
            i: {label for label in labels if label in change.message.lower()}
            for i, change in zip(indexes, made, strict=True)
        }
        week_wide = {i for i, found in named.items() if not found}

        def credited(*sessions: Session | None) -> set[int]:
            mine = {s.label().lower() for s in sessions if s is not None}
            hits = {i for i, found in named.items() if found & mine} | week_wide
            return hits or set(indexes)

        pool = list(self._tracked)
        tracked: list[_Tracked] = []
        for row in diff_week(before.sessions, after.sessions):
            origin = _take(pool, row.before) if row.before is not None else None
            if row.after is None:  # removed by this step
                if origin is not None:
                    origin.changes |= credited(row.before)
                    self._removed.append(origin)
                continue
            if origin is None:  # added by this step
                tracked.append(_Tracked(row.after, None, credited(row.after)))
                continue
            if row.kind != "same":
                origin.changes |= credited(row.before, row.after)
            origin.session = row.after
            tracked.append(origin)
        self._tracked = _in_order(tracked, after.sessions)

    def trace(self, week: AdjustedWeek) -> WeekTrace:
        """The trace of the week `adjust_week` returned (after every step was observed)."""
        tracked = self._tracked if self._tracked is not None else []
        steps = tuple(self._steps) if len(self._steps) == len(week.changes) else None
        if [t.session for t in tracked] != list(week.sessions) or steps is None:
            return WeekTrace.untraced(week, steps)
        links = []
        for i in range(len(week.changes)):
            sessions = tuple(n for n, t in enumerate(tracked) if i in t.changes)
            origins = {
                t.template_index
                for t in (*tracked, *self._removed)
                if i in t.changes and t.template_index is not None
            }
            links.append(ChangeLinks(sessions, tuple(sorted(origins))))
        return WeekTrace(tuple(t.template_index for t in tracked), tuple(links), steps)


def _start(draft: DraftWeek) -> list[_Tracked]:
    """The first step's sessions, each tied to its template session (they start equal)."""
    pool = list(enumerate(draft.template))
    tracked = []
    for session in draft.sessions:
        hit = next((k for k, (_, t) in enumerate(pool) if t == session), None)
        index = pool.pop(hit)[0] if hit is not None else None
        tracked.append(_Tracked(session, index))
    return tracked


def _take(pool: list[_Tracked], session: Session) -> _Tracked | None:
    """Remove and return the tracked entry holding exactly this session object."""
    for k, entry in enumerate(pool):
        if entry.session is session:
            return pool.pop(k)
    return None


def _in_order(tracked: list[_Tracked], sessions: tuple[Session, ...]) -> list[_Tracked]:
    """The tracked entries in the order of the draft's sessions."""
    pool = list(tracked)
    ordered: list[_Tracked] = []
    for session in sessions:
        hit = next((k for k, t in enumerate(pool) if t.session is session), None)
        if hit is None:
            hit = next(k for k, t in enumerate(pool) if t.session == session)
        ordered.append(pool.pop(hit))
    return ordered
