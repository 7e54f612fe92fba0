"""What one Garmin Connect pull did: `GarminSyncReport`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from runlift_sync.sources.garmin_connect.store import Quarantined

#: Why a pull ended early. rate_limited: HTTP 429; unavailable: 5xx or network after the
#: library's retries; both keep everything fetched and the next sync resumes from the
#: watermark. login: the stored login expired or was revoked (AuthError is raised as well).
Stopped = Literal["rate_limited", "unavailable", "login"]


@dataclass
class GarminSyncReport:
    """Counts of one pull, what was set aside, and whether it ran to the end."""

    athlete: str
    started_at: dt.datetime
    since: dt.date | None = None
    activities_from: dt.date | None = None
    wellness_from: dt.date | None = None
    through: dt.date | None = None
    #: activities in the list for the dates asked (after filtering by date on our side)
    activities_listed: int = 0
    #: activities pulled by this run (original imported, sets stored)
    activities_new: int = 0
    #: activities already pulled by an earlier run (not downloaded again)
    activities_known: int = 0
    #: what importing the downloaded originals did, by outcome (loaded, duplicate, …)
    files: Counter[str] = field(default_factory=Counter)
    exercise_sets: int = 0
    #: strength activities pulled before whose sets were read again (corrections in the app)
    exercise_sets_reread: int = 0
    wellness_with_data: int = 0
    wellness_no_data: int = 0
    #: (endpoint, day) answers stored earlier and final, so not asked again
    wellness_final: int = 0
    wellness_days: set[dt.date] = field(default_factory=set)
    quarantined: list[Quarantined] = field(default_factory=list)
    stopped: Stopped | None = None
    message: str | None = None
    requests: int = 0
    tokens_saved: bool = False
    finished_at: dt.datetime | None = None

    @property
    def complete(self) -> bool:
        """The pull covered every date it meant to (no 429 / outage stopped it)."""
        return self.stopped is None

    @property
    def ok(self) -> bool:
        """Complete, and nothing was quarantined."""
        return self.complete and not self.quarantined and not self.files.get("quarantined")

    @property
    def seconds(self) -> float:
        if self.finished_at is None:
            return 0.0
        return (self.finished_at - self.started_at).total_seconds()

    def summary_line(self) -> str:
        """One line for logs and the nightly flow."""
        parts = [
            f"{self.activities_new} new activities",
            f"{self.files.get('duplicate', 0)} already imported from the watch",
            f"{self.exercise_sets} strength sets",
            f"wellness for {len(self.wellness_days)} days",
        ]
        if self.quarantined or self.files.get("quarantined"):
            parts.append(f"{len(self.quarantined) + self.files.get('quarantined', 0)} quarantined")
        status = "complete" if self.complete else f"stopped ({self.stopped}): {self.message}"
        return f"garmin_connect: {', '.join(parts)}; {self.requests} requests; {status}"

    def as_run_row(self) -> dict[str, Any]:
        """The garmin_sync_runs row of this pull."""
        return {
            "athlete": self.athlete,
            "started_at": self.started_at,
            "finished_at": self.finished_at or self.started_at,
            "since": self.since,
            "activities_from": self.activities_from,
            "wellness_from": self.wellness_from,
            "through_date": self.through,
            "activities_new": self.activities_new,
            "wellness_items": self.wellness_with_data + self.wellness_no_data,
            "quarantined": len(self.quarantined) + self.files.get("quarantined", 0),
            "requests": self.requests,
            "stopped": self.stopped,
            "message": self.message,
        }
