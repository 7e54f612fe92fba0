"""What the Garmin Connect source hands over: files and records, one committed item at a time.

The source (`pull.py`) yields these; the sync (`runlift_sync.garmin_sync`) loads each before
asking for the next — FIT originals through the same import as a watch or a folder, records
into the Garmin tables — so whatever stops a pull, everything yielded before it is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from runlift_sync.sources.base import SourceFile
from runlift_sync.sources.garmin_connect.constants import PullUnit, WellnessEndpoint
from runlift_sync.sources.garmin_connect.parse import ActivityRow, ExerciseSetRow


@dataclass(frozen=True)
class Quarantined:
    """An item set aside with its body."""

    endpoint: str
    item_key: str
    error_class: str
    message: str
    body: str | None = None
    calendar_date: dt.date | None = None
    activity_id: int | None = None


@dataclass(frozen=True)
class Downloaded:
    """The original of an activity: the FIT files of its zip, to import like any other.
    No files: the zip held none (it is then set aside, not tried again)."""

    files: tuple[SourceFile, ...]


@dataclass(frozen=True)
class DownloadFailed:
    """The original could not be had tonight (404, another 4xx, a page that is not a zip):
    the activity's original stays pending and is tried again on later nights."""

    error_class: str
    message: str


Original = Downloaded | DownloadFailed


@dataclass(frozen=True)
class NewActivity:
    """An activity of the list not pulled before: its summary, its original, its sets."""

    row: ActivityRow
    body: Any
    original: Original | None  # None: entered by hand, there is no original
    sets_body: Any = None
    sets: Sequence[ExerciseSetRow] | None = None  # None: not a strength session, or set aside
    set_aside: tuple[Quarantined, ...] = ()


@dataclass(frozen=True)
class OriginalRetried:
    """Another try at the original of an activity pulled before."""

    activity_id: int
    original: Original


@dataclass(frozen=True)
class SetsReread:
    """The sets of a strength session pulled before, read again."""

    activity_id: int
    body: Any
    sets: Sequence[ExerciseSetRow]


@dataclass(frozen=True)
class WellnessAnswer:
    """One endpoint's answer for one day, parsed (no rows: "no data")."""

    endpoint: WellnessEndpoint
    body: Any
    rows: Sequence[Any]


@dataclass(frozen=True)
class WellnessDay:
    """A day's answers (only those asked: final ones are not), and when the watch had last
    synced as Garmin said tonight, which decides when they are final."""

    day: dt.date
    answers: tuple[WellnessAnswer, ...]
    device_synced_at: dt.datetime | None
    final_skipped: int = 0


@dataclass(frozen=True)
class SetAside:
    """An item that could not be used (malformed, refused), kept with its body."""

    item: Quarantined


@dataclass(frozen=True)
class Listed:
    """A window of the activity list: how many it held, how many were pulled before."""

    listed: int
    known: int


@dataclass(frozen=True)
class TurnTaken:
    """A unit of work starts (it has had its turn, whatever happens next)."""

    unit: PullUnit


@dataclass(frozen=True)
class BackfillAdvanced:
    """Everything of the backfill's `kind` before `next_day` is done."""

    kind: Literal["activities", "wellness"]
    next_day: dt.date


Pulled = (
    NewActivity
    | OriginalRetried
    | SetsReread
    | WellnessDay
    | SetAside
    | Listed
    | TurnTaken
    | BackfillAdvanced
)
