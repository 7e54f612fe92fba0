"""Rule 1, eighty-twenty: hand-built run histories -> how many hard sessions turn easy."""

from __future__ import annotations

import pytest
from rules_testkit import draft_of, easy_run, hard_run, policy, run

from rules.rulebook.eighty_twenty import eighty_twenty
from rules.signals import RunDone, Signals

WEEK = (
    run("mon", "easy", 8),
    run("tue", "intervals", 10, "am"),
    run("thu", "tempo", 10, "am"),
    run("sat", "long", 16),
)


def easy_hour(days_before: int, hard_minutes: float | None = 0.0) -> RunDone:
    return easy_run(days_before, km=10, minutes=60, hard_minutes=hard_minutes)


def hard_hour(days_before: int, hard_minutes: float | None = 30.0) -> RunDone:
    return hard_run(days_before, km=11, minutes=60, hard_minutes=hard_minutes)


CASES = [
    # id, runs, converted types (in order), hard_share, surplus_minutes, surplus_sessions
    (
        "12.5% hard: nothing to do",
        [easy_hour(d) for d in (1, 2, 3, 5, 6, 8)] + [hard_hour(4), hard_hour(10)],
        [],
        None,
        None,
        None,
    ),
    (
        # 4 × 60 easy + 4 × 60 with 30 hard: 120 / 480 = 25%; 120 - 0.2 × 480 = 24 min too many;
        # 30 min per hard run -> ceil(24 / 30) = 1 session: the tempo run goes first.
        "25% hard: one session",
        [easy_hour(d) for d in (1, 3, 5, 8)] + [hard_hour(d) for d in (2, 6, 9, 12)],
        ["tempo"],
        0.25,
        24.0,
        1,
    ),
    (
        # Moderate counts as hard: 8 "easy" runs with 15 min above the easy ceiling each:
        # 120 / 480 = 25%; 24 min surplus / 15 min per run -> 2 sessions.
        "moderate counts as hard",
        [easy_hour(d, hard_minutes=15.0) for d in range(1, 9)],
        ["tempo", "intervals"],
        0.25,
        24.0,
        2,
    ),
    (
        # Runs without HR: a hard one counts entirely: 60 / 240 = 25%; 12 min surplus / 60 -> 1.
        "no heart rate",
        [easy_hour(d, hard_minutes=None) for d in (1, 2, 3)] + [hard_hour(4, hard_minutes=None)],
        ["tempo"],
        0.25,
        12.0,
        1,
    ),
    (
        "runs older than 14 days are not counted",
        [easy_hour(1), hard_hour(15), hard_hour(16)],
        [],
        None,
        None,
        None,
    ),
    ("no runs: not measured, nothing invented", [], [], None, None, None),
]


@pytest.mark.parametrize(
    ("runs", "converted", "share", "surplus", "sessions"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_eighty_twenty(runs, converted, share, surplus, sessions) -> None:
    draft = draft_of(*WEEK)
    new, changes = eighty_twenty(Signals(runs=tuple(runs)), draft, policy())
    before = {s.date: s.type for s in draft.runs}
    changed = [before[s.date] for s in new.runs if before[s.date] != s.type]
    assert sorted(changed) == sorted(converted)
    assert all(s.type == "easy" for s in new.runs if before[s.date] in converted)
    assert new.run_km == draft.run_km  # types only, never km
    if not converted:
        assert changes == []
        return
    (change,) = changes
    assert change.rule == "eighty-twenty"
    assert change.evidence["hard_share"] == share
    assert change.evidence["surplus_minutes"] == surplus
    assert change.evidence["surplus_sessions"] == sessions
    assert change.evidence["converted"] == len(converted)
    assert f"{share:.0%}" in change.message


def test_no_planned_hard_session_means_no_change() -> None:
    draft = draft_of(run("mon", "easy", 8), run("sat", "long", 12))
    runs = tuple(hard_hour(d) for d in (1, 2, 3))
    assert eighty_twenty(Signals(runs=runs), draft, policy()) == (draft, [])


def test_surplus_larger_than_the_plan_converts_every_hard_session() -> None:
    draft = draft_of(*WEEK)
    runs = tuple(hard_hour(d, hard_minutes=50.0) for d in range(1, 8))
    new, (change,) = eighty_twenty(Signals(runs=runs), draft, policy())
    assert not any(s.is_hard for s in new.runs)
    assert change.evidence["converted"] == 2
    assert change.evidence["surplus_sessions"] == 6  # ceil((350 - 84) / 50)
