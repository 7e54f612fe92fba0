"""What one Garmin Connect pull did, and whether its night was ok or partial.

A night is **ok** when the pull ran to the end, nothing was set aside, no original is still
pending, and a backfill (if any) is finished; anything else is **partial**: the report says
what is missing and the next syncs pick it up.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # kept light: the CLI imports this module at start-up
    from runlift_sync.sources.garmin_connect.items import Quarantined
    from runlift_sync.sources.garmin_connect.pull_plan import Backfill

#: Why a pull ended early. rate_limited: HTTP 429; blocked: HTTP 403 (Garmin blocks this client
#: or network for now); unavailable: 5xx, network, or the token server down: all three keep
#: everything fetched and the next sync resumes. login: the login must be renewed;
#: privacy_protected: Garmin withholds the data (both raise as well: the athlete must act);
#: error: another failure of the source, said in the message (raised as well).
Stopped = Literal["rate_limited", "blocked", "unavailable", "login", "privacy_protected", "error"]
Outcome = Literal["ok", "partial"]


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
    #: originals downloaded tonight that had failed on an earlier night
    originals_recovered: int = 0
    #: activities whose original is still pending after tonight (tried again on later nights)
    originals_pending: int = 0
    #: originals given up tonight (pending for a week): set aside in garmin_quarantine
    originals_given_up: int = 0
    #: when the watch last synced, as Garmin said tonight (UTC)
    device_synced_at: dt.datetime | None = None
    #: the backfill after tonight (None: there is none, or it was finished before)
    backfill: Backfill | None = None
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
        """Ran to the end, nothing set aside, no original pending, no backfill left."""
        return (
            self.complete
            and not self.quarantined
            and not self.files.get("quarantined")
            and not self.originals_pending
            and (self.backfill is None or self.backfill.done)
        )

    @property
    def outcome(self) -> Outcome:
        return "ok" if self.ok else "partial"

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
        if self.originals_pending:
            parts.append(f"{self.originals_pending} originals pending")
        if self.backfill is not None and not self.backfill.done:
            parts.append(f"backfill from {self.backfill.since} not done yet")
        status = self.outcome if self.complete else f"stopped ({self.stopped}): {self.message}"
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
            "outcome": self.outcome,
            "originals_pending": self.originals_pending,
        }
