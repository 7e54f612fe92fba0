"""Helpers for the Garmin Connect tests: running a sync offline, and a season on the fake account."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from garminconnect import Garmin

from runlift_sync.config import Settings
from runlift_sync.garmin_sync import sync_garmin
from runlift_sync.sources.garmin_connect.constants import RETRY_ATTEMPTS
from runlift_sync.sources.garmin_connect.login import SignedIn, login_with_credentials
from runlift_sync.sources.garmin_connect.report import GarminSyncReport
from tests.garmin import fake_connect as fc
from tests.garmin.fitgen import FitSet, original_zip, run_fit, strength_fit

TODAY = dt.date(2025, 6, 30)
UTC_OFFSET_S = 2 * 3600  # the athlete lives at UTC+2 (summer in Berlin)


def make_garmin() -> Garmin:
    """The real client, without back-off sleeps between retries."""
    return Garmin(retry_attempts=0)


def production_garmin() -> Garmin:
    """The client exactly as a nightly builds it (its retries included); use it with the
    `no_library_sleep` fixture so the library's back-off pauses are recorded, not waited."""
    return Garmin(retry_attempts=RETRY_ATTEMPTS)


def sign_in(
    token_dir: Path,
    garmin_factory: Callable[[str, str, Callable[[], str]], Any],
    *,
    mfa_code: str = "1",
) -> SignedIn:
    """`runlift login` as the tests' athlete (me@example.org)."""
    return login_with_credentials(
        token_dir,
        email="me@example.org",
        password="s3cret",
        prompt_mfa=lambda: mfa_code,
        timeout_s=1,
        garmin_factory=garmin_factory,
    )


def signing_in(
    fake: fc.FakeConnect, *, cookie_only: bool = False
) -> Callable[[str, str, Callable[[], str]], Garmin]:
    """A `runlift login` client whose SSO step (garminconnect's five login strategies, theirs
    to test) is replaced by what a successful one leaves behind: DI tokens issued by the fake
    account, or, with `cookie_only`, only a JWT_WEB cookie (the DI exchange failed). Everything
    after it — saving the tokens, loading the profile — is garminconnect's real code."""

    def factory(email: str, password: str, prompt_mfa: Callable[[], str]) -> Garmin:
        garmin = Garmin(
            email=email, password=password, prompt_mfa=prompt_mfa, retry_attempts=RETRY_ATTEMPTS
        )
        client = garmin.client

        def sso_login(*args: Any, **kwargs: Any) -> tuple[None, None]:
            if cookie_only:
                fake.web_cookies.add("web-session-1")
                client.jwt_web = "web-session-1"
            else:
                tokens = fake.issue_tokens()
                client.di_token = tokens["di_token"]
                client.di_refresh_token = tokens["di_refresh_token"]
                client.di_client_id = tokens["di_client_id"]
            return None, None

        client.login = sso_login  # type: ignore[method-assign]
        return garmin

    return factory


class Clock:
    """A settable UTC clock: the night of TODAY at 03:30 UTC unless moved."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        self.now = now or dt.datetime.combine(TODAY, dt.time(3, 30))

    def __call__(self) -> dt.datetime:
        return self.now


def run_sync(settings: Settings, **kwargs: Any) -> GarminSyncReport:
    """sync_garmin on the fake account: real client without back-off, no spacing, TODAY."""
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("clock", Clock())
    kwargs.setdefault("garmin_factory", make_garmin)
    kwargs.setdefault("spacing_s", 0.0)
    return sync_garmin(settings, **kwargs)


def query(warehouse: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def scalar(warehouse: Path, sql: str, params: list[Any] | None = None) -> Any:
    return query(warehouse, sql, params)[0][0]


# --- building an account ----------------------------------------------------------------------

#: A lower-body session as the watch guessed it, and as the athlete corrected it in the app.
WATCH_GUESS = [
    FitSet("active", 45, "squat", 6, reps=8, weight_kg=60.0),
    FitSet("rest", 120),
    FitSet("active", 45, "unknown", None, reps=7, weight_kg=80.0),  # the watch did not know
    FitSet("rest", 120),
    FitSet("active", 40, "lunge", None, reps=10, weight_kg=20.0),  # the watch got it wrong
]


def corrected_sets(activity_id: int, start: dt.datetime) -> dict[str, Any]:
    """The exerciseSets body after the athlete's edits: names fixed, weights in grams."""
    clock = start
    sets: list[dict[str, Any]] = []
    named = [
        ("SQUAT", "BARBELL_BACK_SQUAT", 8, 60000.0),
        None,
        ("DEADLIFT", "BARBELL_DEADLIFT", 7, 80000.0),
        None,
        ("ROW", "BENT_OVER_ROW_WITH_BARBELL", 10, 61234.0),  # 135 lb, entered in pounds
    ]
    for index, (fit_set, name) in enumerate(zip(WATCH_GUESS, named, strict=True)):
        item: dict[str, Any] = {
            "exercises": [],
            "duration": float(fit_set.duration_s),
            "repetitionCount": None,
            "weight": None,
            "setType": fit_set.set_type.upper(),
            "startTime": f"{clock:%Y-%m-%dT%H:%M:%S}.0",
            "wktStepIndex": None,
            "messageIndex": index,
        }
        if name is not None:
            category, exercise, reps, grams = name
            item.update(
                {
                    "exercises": [{"category": category, "name": exercise, "probability": 100.0}],
                    "repetitionCount": reps,
                    "weight": grams,
                }
            )
        sets.append(item)
        clock += dt.timedelta(seconds=fit_set.duration_s)
    return {"activityId": activity_id, "exerciseSets": sets}


@dataclass
class SeasonActivity:
    activity_id: int
    kind: str  # run | strength
    start_utc: dt.datetime
    fit: bytes
    usb_fit: bytes  # the same recording as it sits on the watch (other bytes for some)


@dataclass
class Season:
    first_day: dt.date
    last_day: dt.date
    activities: list[SeasonActivity] = field(default_factory=list)

    @property
    def days(self) -> list[dt.date]:
        n = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=k) for k in range(n)]

    def write_watch_folder(self, root: Path, *, before: dt.date | None = None) -> Path:
        """The activities (those before `before`, or all) in a watch's GARMIN/Activity."""
        folder = root / "GARMIN" / "Activity"
        folder.mkdir(parents=True, exist_ok=True)
        for activity in self.activities:
            if before is not None and activity.start_utc.date() >= before:
                continue
            name = f"{activity.start_utc:%Y-%m-%d-%H-%M-%S}.fit"
            (folder / name).write_bytes(activity.usb_fit)
        return root


def add_wellness_day(fake: fc.FakeConnect, day: dt.date, *, hrv: bool = True) -> None:
    k = day.toordinal()
    shared = fake.shared
    fake.wellness[("user_summary", day)] = fc.user_summary(
        shared,
        day,
        resting_hr=48 + k % 5,
        stress=20 + k % 11,
        bb_high=70 + k % 20,
        bb_low=15 + k % 10,
    )
    if hrv:
        fake.wellness[("hrv", day)] = fc.hrv(
            shared, day, last_night=40 + k % 9, weekly=44, status="BALANCED"
        )
    fake.wellness[("sleep", day)] = fc.sleep(
        shared, day, seconds=25_000 + 60 * (k % 30), score=60 + k % 35
    )
    fake.wellness[("training_readiness", day)] = fc.readiness(
        shared, day, morning=50 + k % 40, later=30
    )


def add_run(
    fake: fc.FakeConnect,
    activity_id: int,
    start_utc: dt.datetime,
    *,
    distance_m: float = 8000.0,
    seconds: int = 2700,
    usb_variant: bool = False,
) -> SeasonActivity:
    fit = run_fit(
        start_utc, seconds=seconds, distance_m=distance_m, avg_hr=145, utc_offset_s=UTC_OFFSET_S
    )
    usb = (
        run_fit(
            start_utc, seconds=seconds, distance_m=distance_m, avg_hr=146, utc_offset_s=UTC_OFFSET_S
        )
        if usb_variant
        else fit
    )
    fake.activities[activity_id] = fc.FakeActivity(
        fc.activity_item(
            fake.shared,
            activity_id,
            start_utc,
            utc_offset_s=UTC_OFFSET_S,
            type_key="running",
            seconds=seconds,
            distance_m=distance_m,
            avg_hr=145,
            training_load=80.0,
        ),
        original=original_zip(activity_id, fit),
    )
    return SeasonActivity(activity_id, "run", start_utc, fit, usb)


def add_strength(
    fake: fc.FakeConnect, activity_id: int, start_utc: dt.datetime, *, usb_variant: bool = False
) -> SeasonActivity:
    fit = strength_fit(start_utc, WATCH_GUESS, utc_offset_s=UTC_OFFSET_S)
    usb = (
        strength_fit(
            start_utc,
            [*WATCH_GUESS[:-1], FitSet("active", 40, "lunge", None, reps=11, weight_kg=20.0)],
            utc_offset_s=UTC_OFFSET_S,
        )
        if usb_variant
        else fit
    )
    seconds = sum(s.duration_s for s in WATCH_GUESS)
    fake.activities[activity_id] = fc.FakeActivity(
        fc.activity_item(
            fake.shared,
            activity_id,
            start_utc,
            utc_offset_s=UTC_OFFSET_S,
            type_key="strength_training",
            seconds=seconds,
            distance_m=0.0,
            avg_hr=100,
            training_load=30.0,
            total_sets=3,
        ),
        original=original_zip(activity_id, fit),
        exercise_sets=corrected_sets(activity_id, start_utc),
    )
    return SeasonActivity(activity_id, "strength", start_utc, fit, usb)


def build_season(
    fake: fc.FakeConnect,
    *,
    weeks: int,
    last_day: dt.date = TODAY,
    usb_variant_weeks: frozenset[int] = frozenset(),
) -> Season:
    """`weeks` of training ending on `last_day`: runs Tue/Thu/Sat, strength Mon/Wed, and
    wellness for every day. In the weeks listed in `usb_variant_weeks` (0 = the first) the
    watch holds other bytes of the same recordings than Garmin Connect's originals."""
    first_day = last_day - dt.timedelta(days=7 * weeks - 1)
    season = Season(first_day, last_day)
    next_id = 20_000_000_000
    for day in season.days:
        add_wellness_day(fake, day)
        week = (day - first_day).days // 7
        variant = week in usb_variant_weeks
        morning = dt.datetime.combine(day, dt.time(5, 30))  # 07:30 local
        evening = dt.datetime.combine(day, dt.time(16, 0))  # 18:00 local
        if day.weekday() in (1, 3, 5):
            long_run = day.weekday() == 5
            season.activities.append(
                add_run(
                    fake,
                    next_id,
                    morning,
                    distance_m=16_000.0 if long_run else 8000.0,
                    seconds=5400 if long_run else 2700,
                    usb_variant=variant,
                )
            )
            next_id += 1
        elif day.weekday() in (0, 2):
            season.activities.append(add_strength(fake, next_id, evening, usb_variant=variant))
            next_id += 1
    return season
