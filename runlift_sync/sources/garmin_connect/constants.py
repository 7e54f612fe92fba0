"""Every tunable number and name of the Garmin Connect source, in one place."""

from __future__ import annotations

from datetime import timedelta
from typing import Final, Literal

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
#: Wellness days are asked for from the newest day stored minus this many days…
WELLNESS_OVERLAP_DAYS: Final = 4
#: …but a day's answer is final, never asked again, once it was fetched this long after the
#: day began (the day is over and the watch has synced)…
WELLNESS_FINAL_AFTER: Final = timedelta(days=2)
#: …or, for a "no data" answer, this long (the watch may sync a few days late).
WELLNESS_NO_DATA_FINAL_AFTER: Final = timedelta(days=4)
#: Athletes correct exercise names and reps in the app after the session: the sets of a strength
#: activity are read again each night until they were read this long after it started.
EXERCISE_SETS_FINAL_AFTER: Final = timedelta(days=7)
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
