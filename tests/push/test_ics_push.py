"""`--ics FILE`: parsed back with icalendar; UIDs stable, SEQUENCE raised on change, timed or all-day."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from typer.testing import CliRunner

from rules import Change
from runlift_sync.cli import app
from runlift_sync.config import Settings
from runlift_sync.push.push_week import PushRequest, push_week
from tests.push.push_support import TEMPLATE, add_profile, day, replace_session, store_week


def events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def by_summary(path: Path, word: str) -> icalendar.Event:
    return next(e for e in events(path).values() if word in str(e["summary"]))


def push(settings: Settings, path: Path) -> int:
    return push_week(settings, PushRequest(ics=path)).exit_code


def test_one_event_per_session_timed_by_slot(settings: Settings, tmp_path: Path) -> None:
    store_week(settings)
    add_profile(settings)
    path = tmp_path / "cal" / "week.ics"
    assert push(settings, path) == 0
    found = events(path)
    assert len(found) == 5  # the rest day has no event
    intervals = by_summary(path, "intervals")
    start = intervals.decoded("dtstart")
    assert start == dt.datetime(2025, 7, 8, 7, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert intervals.decoded("dtend") > start
    lift = by_summary(path, "lift")
    assert lift.decoded("dtstart").hour == 18
    assert lift.decoded("dtend") - lift.decoded("dtstart") == dt.timedelta(minutes=40)
    easy = by_summary(path, "easy")  # no slot: an all-day event
    assert easy.decoded("dtstart") == day(2)
    assert not isinstance(easy.decoded("dtstart"), dt.datetime)
    description = str(intervals["description"])
    assert "Warm up 15 min" in description and "× (Hard 3 min" in description
    assert "back squat × 6 @ 80 kg" in str(lift["description"])
    assert all(int(e["sequence"]) == 0 for e in found.values())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_uids_are_stable_and_sequence_rises_on_change(settings: Settings, tmp_path: Path) -> None:
    store_week(settings)
    path = tmp_path / "week.ics"
    push(settings, path)
    uids = set(events(path))
    push(settings, path)  # unchanged: same UIDs, same SEQUENCE
    assert set(events(path)) == uids
    assert all(int(e["sequence"]) == 0 for e in events(path).values())
    change = Change("mileage-ramp", "Wed easy run 8 km: capped at 6 km", {})
    store_week(settings, replace_session(TEMPLATE, 2, km=6.0), changes=(change,))
    push(settings, path)
    assert set(events(path)) == uids
    wednesday = by_summary(path, "easy")
    assert int(wednesday["sequence"]) == 1
    assert "Why it changed:" in str(wednesday["description"])
    assert "mileage-ramp: Wed easy run 8 km: capped at 6 km" in str(wednesday["description"])
    others = [e for e in events(path).values() if e is not wednesday]
    assert all(int(e["sequence"]) == 0 for e in others if "easy" not in str(e["summary"]))


def test_a_removed_session_is_cancelled_and_other_weeks_are_kept(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "week.ics"
    store_week(settings)
    push(settings, path)
    next_monday = day(7)
    store_week(
        settings,
        tuple(replace_session((s,), 0, date=s.date + dt.timedelta(days=7))[0] for s in TEMPLATE),
        template=tuple(
            replace_session((s,), 0, date=s.date + dt.timedelta(days=7))[0] for s in TEMPLATE
        ),
        week_start=next_monday,
    )
    result = CliRunner().invoke(
        app,
        [
            "--warehouse",
            str(settings.warehouse),
            "--athlete",
            "me",
            "plan",
            "push",
            "--ics",
            str(path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "ics: 5 new, 1 skipped" in result.output
    assert len(events(path)) == 10  # last week's events kept as they were
    store_week(settings, TEMPLATE[:5])  # the first week loses its long run
    push_week(settings, PushRequest(ics=path, week_start=day(0)))
    long_run = by_summary(path, "Cancelled")
    assert str(long_run["summary"]) == "Cancelled: Sat 12 long 16 km"
    assert str(long_run["status"]) == "CANCELLED" and int(long_run["sequence"]) == 1
    assert len(events(path)) == 10


def test_plan_push_pushes_the_accepted_week_and_the_proposal_only_when_asked(
    settings: Settings, tmp_path: Path
) -> None:
    store_week(settings, accepted=False)
    path = tmp_path / "week.ics"
    args = ["--warehouse", str(settings.warehouse), "--athlete", "me", "plan", "push"]
    refused = CliRunner().invoke(app, [*args, "--ics", str(path)])
    assert refused.exit_code == 1 and not path.exists()
    assert "the week of 2025-07-07 is proposed, not accepted yet" in refused.output
    assert "runlift plan accept --week-start 2025-07-07" in refused.output
    proposal = CliRunner().invoke(app, [*args, "--ics", str(path), "--proposed"])
    assert proposal.exit_code == 0, proposal.output
    assert len(events(path)) == 5
