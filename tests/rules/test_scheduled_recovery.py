"""Rule 5, scheduled-recovery: every 4th plan week counted from [plan] start."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rules_testkit import MONDAY, draft_of, policy, run

from rules.rulebook.scheduled_recovery import scheduled_recovery
from rules.signals import Signals

WEEK = (
    run("mon", "easy", 8),
    run("tue", "intervals", 10),
    run("thu", "tempo", 10),
    run("sat", "long", 12),
)  # 40 km


@pytest.mark.parametrize(
    ("weeks_since_start", "recovery"),
    [(0, False), (2, False), (3, True), (4, False), (7, True), (11, True)],
)
def test_every_fourth_week(weeks_since_start: int, recovery: bool) -> None:
    start = MONDAY - timedelta(weeks=weeks_since_start)
    draft = draft_of(*WEEK, start=start)
    new, changes = scheduled_recovery(Signals(), draft, policy())
    if not recovery:
        assert (new, changes) == (draft, [])
        return
    (change,) = changes
    assert change.rule == "scheduled-recovery"
    assert change.evidence["plan_week"] == weeks_since_start + 1
    assert new.run_km == pytest.approx(28.0)  # 40 × (1 - 0.30)
    assert change.evidence["km_after"] == 28.0
    # some intensity kept: the interval session stays, the tempo run becomes easy
    assert [s.type for s in new.runs] == ["easy", "intervals", "easy", "long"]
    assert change.evidence["hard_sessions_kept"] == 1


def test_without_a_start_no_week_is_a_recovery_week() -> None:
    draft = draft_of(*WEEK)
    assert scheduled_recovery(Signals(), draft, policy()) == (draft, [])
