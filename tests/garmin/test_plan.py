"""What a pull asks for (pure): the dates, the backfill, the turns, and when a day is final."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from runlift_sync.sources.garmin_connect.constants import (
    ACTIVITY_OVERLAP,
    FIRST_SYNC_DAYS,
    PULL_UNITS,
    WELLNESS_LOOKBACK_DAYS,
)
from runlift_sync.sources.garmin_connect.pull_plan import (
    Backfill,
    StoredAnswer,
    date_windows,
    day_end_utc,
    gives_up,
    is_final,
    not_yet_listed,
    plan_pull,
    start_backfill,
    unit_order,
)

TODAY = dt.date(2025, 6, 30)
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2025, 6, 30, 3, 30)


def test_first_pull_goes_back_four_weeks_or_to_since() -> None:
    plan = plan_pull(today=TODAY)
    assert plan.activities_from == plan.wellness_from == dt.date(2025, 6, 2)
    assert plan.through == TODAY
    assert FIRST_SYNC_DAYS == 28
    since = plan_pull(today=TODAY, since=dt.date(2025, 6, 27))
    assert since.activities_from == since.wellness_from == dt.date(2025, 6, 27)


def test_nightly_pull_starts_from_the_data() -> None:
    plan = plan_pull(
        today=TODAY,
        newest_activity_local=dt.datetime(2025, 6, 29, 7, 30),
        wellness_stored=(dt.date(2024, 1, 1), dt.date(2025, 6, 29)),
    )
    assert plan.activities_from == dt.date(2025, 6, 22)  # 07:30 on the 29th minus 7 days
    assert plan.wellness_from == dt.date(2025, 6, 9)  # the 21-day lookback


def test_wellness_never_goes_back_before_the_first_day_stored() -> None:
    plan = plan_pull(today=TODAY, wellness_stored=(dt.date(2025, 6, 27), dt.date(2025, 6, 29)))
    assert plan.wellness_from == dt.date(2025, 6, 27)


def test_after_a_long_pause_wellness_resumes_after_the_newest_day() -> None:
    plan = plan_pull(today=TODAY, wellness_stored=(dt.date(2025, 1, 1), dt.date(2025, 3, 1)))
    assert plan.wellness_from == dt.date(2025, 3, 2)


days = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 12, 31))


@given(
    today=days,
    newest=st.none()
    | st.datetimes(min_value=dt.datetime(2010, 1, 1), max_value=dt.datetime(2030, 12, 31)),
    stored=st.none() | st.tuples(days, days).map(lambda ab: (min(ab), max(ab))),
)
def test_the_plan_never_skips_past_what_is_stored(
    today: dt.date, newest: dt.datetime | None, stored: tuple[dt.date, dt.date] | None
) -> None:
    """Whatever is stored, the pull covers from at or before the newest data, through today,
    and wellness at least the lookback of days it has asked for before."""
    plan = plan_pull(today=today, newest_activity_local=newest, wellness_stored=stored)
    assert plan.through == today
    assert plan.activities_from <= today and plan.wellness_from <= today
    if newest is not None:
        assert plan.activities_from <= min((newest - ACTIVITY_OVERLAP).date(), today)
    if stored is not None:
        oldest, newest_day = stored
        assert plan.wellness_from <= newest_day + dt.timedelta(days=1)
        lookback = today - dt.timedelta(days=WELLNESS_LOOKBACK_DAYS)
        assert plan.wellness_from <= max(lookback, oldest)


# --- the backfill and the turns ------------------------------------------------------------------


def test_a_backfill_keeps_its_range_and_pace_and_is_widened_by_an_earlier_since() -> None:
    first = start_backfill(None, since=dt.date(2025, 1, 1), today=TODAY, spacing_s=1.0, now=NOW)
    assert (first.activities_next, first.wellness_next, first.through) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 1, 1),
        TODAY,
    )
    halfway = first.advanced("activities", dt.date(2025, 4, 1))
    later = start_backfill(
        halfway, since=dt.date(2024, 6, 1), today=dt.date(2025, 7, 3), spacing_s=2.0, now=NOW
    )
    assert later.started_at == NOW and later.since == dt.date(2024, 6, 1)
    assert later.activities_next == later.wellness_next == dt.date(2024, 6, 1)
    assert later.through == dt.date(2025, 7, 3) and later.spacing_s == 2.0


def test_a_backfill_is_done_when_both_kinds_pass_its_end() -> None:
    backfill = start_backfill(None, since=TODAY, today=TODAY, spacing_s=1.0, now=NOW)
    tomorrow = TODAY + dt.timedelta(days=1)
    assert not backfill.advanced("activities", tomorrow).done
    assert backfill.advanced("activities", tomorrow).advanced("wellness", tomorrow).done
    assert plan_pull(today=TODAY, backfill=backfill).units[-2:] == (
        "backfill_activities",
        "backfill_wellness",
    )
    finished = backfill.advanced("activities", tomorrow).advanced("wellness", tomorrow)
    assert plan_pull(today=TODAY, backfill=finished).backfill is None


def test_the_unit_that_waited_longest_goes_first() -> None:
    assert unit_order({}, None) == tuple(u for u in PULL_UNITS if not u.startswith("backfill"))
    # downloads answered 429 last night: the activities unit, which ran first, goes last now
    turns = {"activities": 5, "pending_originals": 2, "exercise_sets": 3, "wellness": 4}
    assert unit_order(turns, None) == (
        "pending_originals",
        "exercise_sets",
        "wellness",
        "activities",
    )
    backfill = Backfill(NOW, TODAY, TODAY, None, TODAY, 1.0)  # only wellness left
    assert unit_order(turns, backfill)[0] == "backfill_wellness"  # never had a turn


@given(turns=st.dictionaries(st.sampled_from(PULL_UNITS), st.integers(0, 50)))
def test_every_unit_gets_a_turn_whatever_stops_the_nights(turns: dict[str, int]) -> None:
    """Even when every night stops at its first unit, within as many nights as there are
    units each one has gone first once."""
    turns = dict(turns)
    first: list[str] = []
    backfill = Backfill(NOW, TODAY, TODAY, TODAY, TODAY, 1.0)
    for seq in range(100, 100 + len(PULL_UNITS)):
        unit = unit_order(turns, backfill)[0]
        first.append(unit)
        turns[unit] = seq  # it had its turn, then the night stopped
    assert sorted(first) == sorted(PULL_UNITS)


# --- when a day's wellness is final -------------------------------------------------------------


def test_a_day_ends_at_the_athletes_midnight() -> None:
    assert day_end_utc(TODAY, BERLIN) == dt.datetime(2025, 6, 30, 22, 0)  # CEST, UTC+2
    assert day_end_utc(dt.date(2025, 1, 15), BERLIN) == dt.datetime(2025, 1, 15, 23, 0)
    assert day_end_utc(TODAY, None) == dt.datetime(2025, 7, 1, 12, 0)  # the latest anywhere


def test_final_once_garmin_says_the_watch_synced_well_after_the_day() -> None:
    day = dt.date(2025, 6, 29)  # ends 22:00 UTC on the 29th in Berlin

    def answer(synced: dt.datetime | None) -> StoredAnswer:
        return StoredAnswer("hrv", day, NOW, synced)

    assert not is_final(answer(None), BERLIN)  # Garmin did not say: open for the lookback
    assert not is_final(answer(dt.datetime(2025, 6, 29, 23, 0)), BERLIN)  # an hour after
    assert is_final(answer(dt.datetime(2025, 6, 30, 1, 0)), BERLIN)  # three hours after
    # a week without a sync: the days after the last sync stay open, whatever their age
    assert not is_final(
        StoredAnswer("sleep", dt.date(2025, 6, 20), NOW, dt.datetime(2025, 6, 19, 8)), BERLIN
    )


def test_an_original_is_given_up_after_a_week() -> None:
    failed = dt.datetime(2025, 6, 1, 3, 30)
    assert not gives_up(failed, failed + dt.timedelta(days=6, hours=23))
    assert gives_up(failed, failed + dt.timedelta(days=7))


# --- windows ------------------------------------------------------------------------------------


@given(
    start=days,
    length=st.integers(min_value=0, max_value=2000),
    size=st.integers(min_value=1, max_value=120),
)
def test_windows_tile_the_dates_exactly(start: dt.date, length: int, size: int) -> None:
    end = start + dt.timedelta(days=length)
    windows = date_windows(start, end, size)
    assert windows[0][0] == start and windows[-1][1] == end
    for (_, b), (c, _) in itertools.pairwise(windows):
        assert c == b + dt.timedelta(days=1)  # no gap, no overlap
    assert all(a <= b and (b - a).days < size for a, b in windows)


def test_no_windows_for_an_empty_range() -> None:
    assert date_windows(TODAY, TODAY - dt.timedelta(days=1), 90) == []


offsets = st.integers(min_value=0, max_value=60)


@given(
    start=offsets,
    length=st.integers(min_value=-1, max_value=60),
    listed=st.lists(st.tuples(offsets, st.integers(0, 20)), max_size=4),
)
def test_not_yet_listed_is_exactly_what_was_not_listed(
    start: int, length: int, listed: list[tuple[int, int]]
) -> None:
    def day(k: int) -> dt.date:
        return TODAY + dt.timedelta(days=k)

    ranges = [(day(a), day(a + n)) for a, n in listed]
    parts = not_yet_listed(day(start), day(start + length), ranges)
    covered = {p[0] + dt.timedelta(days=k) for p in parts for k in range((p[1] - p[0]).days + 1)}
    wanted = {day(k) for k in range(start, start + length + 1)}
    already = {a + dt.timedelta(days=k) for a, b in ranges for k in range((b - a).days + 1)}
    assert covered == wanted - already
    assert all(a <= b for a, b in parts) and parts == sorted(parts)
