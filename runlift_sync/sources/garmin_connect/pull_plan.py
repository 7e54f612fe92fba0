"""What a pull asks for, and in what order (pure: dates and state in, a plan out).

```
activities          from the newest activity stored minus a week, through today
pending_originals   activities whose original failed to download, each night until given up
exercise_sets       recent strength sessions, read again (the athlete corrects them in the app)
wellness            every day not yet final, back to WELLNESS_LOOKBACK_DAYS (or since the
                    newest day stored, when runlift has not run for longer)
backfill_*          a backfill's remaining range (`Backfill`, kept until done), at its pace
```

The units run in the order of their last turns, the longest-waiting first (`unit_order`).
A wellness answer is final (not asked again) once Garmin said, when it was fetched, that the
watch had synced well after the day ended (`is_final`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from runlift_sync.sources.garmin_connect.constants import (
    ACTIVITY_OVERLAP,
    FIRST_SYNC_DAYS,
    ORIGINAL_RETRY_FOR,
    PULL_UNITS,
    WELLNESS_LOOKBACK_DAYS,
    WELLNESS_SETTLED_AFTER,
    PullUnit,
)

#: The latest a calendar day ends anywhere (UTC-12), used when the athlete's zone is unknown.
LATEST_DAY_END = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Backfill:
    """A backfill asked for with `--since`: its range, what is left, its pace. Kept in the
    warehouse until both kinds are done, whatever stops the pulls in between."""

    started_at: dt.datetime
    since: dt.date
    through: dt.date
    #: first athlete-local date whose activities are not listed yet; None when done
    activities_next: dt.date | None
    #: first day whose wellness is not fetched yet; None when done
    wellness_next: dt.date | None
    spacing_s: float

    @property
    def done(self) -> bool:
        return self.activities_next is None and self.wellness_next is None

    def advanced(self, kind: str, next_day: dt.date) -> Backfill:
        """The backfill once everything before `next_day` of `kind` is done."""
        left = next_day if next_day <= self.through else None
        if kind == "activities":
            return replace(self, activities_next=left)
        return replace(self, wellness_next=left)


def start_backfill(
    existing: Backfill | None,
    *,
    since: dt.date,
    today: dt.date,
    spacing_s: float,
    now: dt.datetime,
) -> Backfill:
    """The backfill after `--since`: a new one, or the unfinished one widened to cover it."""
    if existing is None or existing.done:
        return Backfill(now, since, today, since, since, spacing_s)
    return Backfill(
        existing.started_at,
        min(existing.since, since),
        max(existing.through, today),
        min(existing.activities_next or since, since),
        min(existing.wellness_next or since, since),
        spacing_s,
    )


@dataclass(frozen=True)
class PullPlan:
    """The dates one pull asks for (athlete-local, inclusive) and the order of its units."""

    activities_from: dt.date
    wellness_from: dt.date
    through: dt.date
    units: tuple[PullUnit, ...]
    backfill: Backfill | None = None


def plan_pull(
    *,
    today: dt.date,
    since: dt.date | None = None,
    newest_activity_local: dt.datetime | None = None,
    wellness_stored: tuple[dt.date, dt.date] | None = None,
    backfill: Backfill | None = None,
    turns: Mapping[str, int] | None = None,
) -> PullPlan:
    """The recent dates from the stored data, the backfill's remainder, the units in turn.

    Recent activities: from the newest stored minus ACTIVITY_OVERLAP. Recent wellness: the
    lookback (never before the oldest day stored: those days were never asked for), or from
    the day after the newest stored if that is older. With nothing stored: the first sync
    goes back FIRST_SYNC_DAYS, or to `since`."""
    first = since if since is not None else today - dt.timedelta(days=FIRST_SYNC_DAYS)
    activities_from = (
        (newest_activity_local - ACTIVITY_OVERLAP).date()
        if newest_activity_local is not None
        else first
    )
    if wellness_stored is not None:
        oldest, newest = wellness_stored
        lookback = max(today - dt.timedelta(days=WELLNESS_LOOKBACK_DAYS), oldest)
        wellness_from = min(lookback, newest + dt.timedelta(days=1))
    else:
        wellness_from = first
    open_backfill = backfill if backfill is not None and not backfill.done else None
    return PullPlan(
        min(activities_from, today),
        min(wellness_from, today),
        today,
        unit_order(turns or {}, open_backfill),
        open_backfill,
    )


def unit_order(turns: Mapping[str, int], backfill: Backfill | None) -> tuple[PullUnit, ...]:
    """Tonight's units, the one whose last turn is oldest first (never had one: first of all),
    in the default order on a tie."""
    wanted = [
        unit
        for unit in PULL_UNITS
        if not unit.startswith("backfill_")
        or (
            backfill is not None
            and (
                backfill.activities_next is not None
                if unit == "backfill_activities"
                else backfill.wellness_next is not None
            )
        )
    ]
    return tuple(sorted(wanted, key=lambda unit: (turns.get(unit, -1), PULL_UNITS.index(unit))))


# --- wellness finality -------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredAnswer:
    """What is known of one wellness answer stored earlier."""

    endpoint: str
    day: dt.date
    fetched_at: dt.datetime
    #: when the watch had last synced, as Garmin said when this answer was fetched (UTC)
    device_synced_at: dt.datetime | None


def day_end_utc(day: dt.date, zone: ZoneInfo | None) -> dt.datetime:
    """When `day` ends on the athlete's calendar, in UTC (naive); the latest possible end
    anywhere when the zone is unknown."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    if zone is None:
        return midnight + LATEST_DAY_END
    return midnight.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)


def is_final(answer: StoredAnswer, zone: ZoneInfo | None) -> bool:
    """Final: fetched when Garmin said the watch had synced at least WELLNESS_SETTLED_AFTER
    after the day ended, so the day is complete at Garmin's end. Garmin's word, not a
    fixed number of days: a watch that syncs a week late leaves its days open a week."""
    if answer.device_synced_at is None:
        return False
    return answer.device_synced_at >= day_end_utc(answer.day, zone) + WELLNESS_SETTLED_AFTER


def final_answers(
    answers: Iterable[StoredAnswer], zone: ZoneInfo | None
) -> set[tuple[str, dt.date]]:
    return {(a.endpoint, a.day) for a in answers if is_final(a, zone)}


# --- originals, windows, days ------------------------------------------------------------------


def gives_up(first_failed_at: dt.datetime, now: dt.datetime) -> bool:
    """An original that has failed since `first_failed_at` is given up at `now`."""
    return now >= first_failed_at + ORIGINAL_RETRY_FOR


def date_windows(start: dt.date, end: dt.date, days: int) -> list[tuple[dt.date, dt.date]]:
    """[start, end] cut into consecutive inclusive windows of at most `days` days, oldest first."""
    windows: list[tuple[dt.date, dt.date]] = []
    cursor = start
    while cursor <= end:
        stop = min(cursor + dt.timedelta(days=days - 1), end)
        windows.append((cursor, stop))
        cursor = stop + dt.timedelta(days=1)
    return windows


def not_yet_listed(
    start: dt.date, end: dt.date, listed: Iterable[tuple[dt.date, dt.date]]
) -> list[tuple[dt.date, dt.date]]:
    """The parts of [start, end] outside every range in `listed` (all inclusive), in order."""
    parts = [(start, end)] if start <= end else []
    for a, b in listed:
        kept: list[tuple[dt.date, dt.date]] = []
        for lo, hi in parts:
            if b < lo or a > hi:
                kept.append((lo, hi))
                continue
            if lo < a:
                kept.append((lo, a - dt.timedelta(days=1)))
            if hi > b:
                kept.append((b + dt.timedelta(days=1), hi))
        parts = kept
    return parts


def days_between(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)
