"""What a push did to one target: each session new, unchanged, changed, moved, removed, skipped.

Shared by every target: `compare` tells what became of a session since the last push (from
its `pushed_workouts` row), `TargetReport` counts it and prints the summary line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from runlift_sync.push.pushed_store import PushedWorkout
from runlift_sync.push.week_to_push import PushItem

Fate = Literal["new", "unchanged", "changed", "moved", "removed", "skipped", "failed"]
Status = Literal["ok", "partial", "failed"]
ORDER: tuple[Fate, ...] = ("new", "changed", "moved", "unchanged", "removed", "skipped", "failed")


def compare(item: PushItem, before: PushedWorkout | None) -> tuple[bool, bool]:
    """(content changed, date moved) since `before`; a session never pushed is both."""
    assert item.workout is not None
    if before is None:
        return True, True
    changed = before.content_hash != item.workout.content_hash()
    moved = before.scheduled_date != item.session.date
    return changed, moved


def fate_of(changed: bool, moved: bool, before: PushedWorkout | None) -> Fate:
    if before is None:
        return "new"
    if moved:
        return "moved"
    return "changed" if changed else "unchanged"


@dataclass
class TargetReport:
    """One target's outcome: what happened to each session, and anything to tell."""

    target: str
    where: str
    fates: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    dry_run: bool = False

    def count(self, fate: Fate, n: int = 1) -> None:
        self.fates[fate] += n

    @property
    def status(self) -> Status:
        if self.error is not None:
            done = sum(n for fate, n in self.fates.items() if fate not in ("skipped", "failed"))
            return "partial" if done else "failed"
        return "partial" if self.fates["failed"] else "ok"

    def summary_line(self) -> str:
        """e.g. `garmin: 2 new, 1 moved, 4 unchanged, 1 skipped → Garmin Connect …`."""
        counts = ", ".join(f"{self.fates[f]} {f}" for f in ORDER if self.fates[f])
        if self.error is not None and self.status == "failed":
            return f"{self.target}: not pushed: {self.error}"
        head = f"{self.target}: " + (counts or "nothing to push")
        if self.dry_run:
            head += " (dry run: nothing written)"
        line = f"{head} → {self.where}" if self.where else head
        if self.error is not None:
            line += f"; stopped: {self.error}"
        return line
