"""Every tunable number and name of the Garmin Connect source, in one place."""

from __future__ import annotations

from datetime import timedelta
from typing import Final, Literal, get_args

#: The file garminconnect keeps the DI tokens in, inside runlift's token directory.
TOKEN_FILE: Final = "garmin_tokens.json"
#: The lock beside it: one process at a time uses the token store (refresh tokens rotate).
TOKEN_LOCK_FILE: Final = ".runlift-garmin.lock"

#: The library's own retries of 5xx / network errors per request (exponential back-off).
RETRY_ATTEMPTS: Final = 3

#: Activities are listed from the newest one stored minus this, so one that reached Garmin
#: late (the watch synced days later) is still found. Listing a week costs one request either
#: way, and activities already pulled are skipped without downloading anything.
ACTIVITY_OVERLAP: Final = timedelta(days=7)
#: Wellness days not yet final are asked for again as long as they are at most this many days
#: old: a watch that does not sync for a week or two still has its days picked up.
WELLNESS_LOOKBACK_DAYS: Final = 21
#: A day's wellness answers are final once Garmin says the watch synced at least this long
#: after the day ended (the user summary's lastSyncTimestampGMT, read with the answer): the
#: day is complete at Garmin's end. Without such a time, a day stays open for the lookback.
WELLNESS_SETTLED_AFTER: Final = timedelta(hours=3)
#: Athletes correct exercise names and reps in the app after the session: the sets of a strength
#: activity are read again each night until they were read this long after it started.
EXERCISE_SETS_FINAL_AFTER: Final = timedelta(days=7)
#: An original whose download failed (404, another 4xx, a page that is not a zip) stays
#: pending and is tried again each night for this long after the first failure, then given up.
ORIGINAL_RETRY_FOR: Final = timedelta(days=7)
#: With nothing stored yet and no --since, the first pull goes back this far.
FIRST_SYNC_DAYS: Final = 28

#: The activity list is asked for in date windows of this many days (oldest first), each
#: paged with this many activities per request, so a long backfill makes progress window by
#: window even if Garmin stops it half-way.
LIST_WINDOW_DAYS: Final = 90
LIST_PAGE_SIZE: Final = 50
MAX_LIST_PAGES: Final = 200

#: Seconds between two requests: a nightly pull is a handful of requests; a backfill
#: (--since) may be thousands, spaced politely.
NIGHTLY_SPACING_S: Final = 0.2
BACKFILL_SPACING_S: Final = 1.0

#: Garmin activity types whose sets are worth asking for (strength-like sessions), besides
#: any activity whose summary counts sets.
STRENGTH_TYPE_KEYS: Final = frozenset(
    {"strength_training", "hiit", "indoor_cardio", "fitness_equipment"}
)

#: The kinds of work a pull does, each in its turn. A pull that stops (429, an outage) stops
#: whole; the next one starts with the kinds that have waited longest, so one that keeps
#: failing (downloads answering 429 night after night) never starves the others.
PullUnit = Literal[
    "activities",
    "pending_originals",
    "exercise_sets",
    "wellness",
    "backfill_activities",
    "backfill_wellness",
]
PULL_UNITS: Final[tuple[PullUnit, ...]] = get_args(PullUnit)

Endpoint = Literal[
    "activity_list",
    "activity",
    "exercise_sets",
    "user_summary",
    "hrv",
    "sleep",
    "training_readiness",
]
WellnessEndpoint = Literal["user_summary", "hrv", "sleep", "training_readiness"]
#: One request per day each; together they fill stg_garmin_wellness.
WELLNESS_ENDPOINTS: Final[tuple[WellnessEndpoint, ...]] = (
    "user_summary",
    "hrv",
    "sleep",
    "training_readiness",
)
