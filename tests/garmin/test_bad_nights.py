"""Garmin's bad nights (issue 16): each failure a real nightly meets, on the fake account with
garminconnect's real code and its retries as a nightly uses them."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest
from garminconnect.client import Client
from typer.testing import CliRunner

from runlift_sync.config import Settings
from runlift_sync.errors import AuthError, SourceError
from runlift_sync.sources.garmin_connect import tokens as token_store
from runlift_sync.sources.garmin_connect.constants import BACKFILL_SPACING_S, ORIGINAL_RETRY_FOR
from runlift_sync.sources.garmin_connect.login import login_with_credentials
from runlift_sync.sources.garmin_connect.report import GarminSyncReport
from tests.garmin.fake_connect import FakeConnect
from tests.garmin.helpers import (
    TODAY,
    Clock,
    add_run,
    add_strength,
    add_wellness_day,
    production_garmin,
    query,
    run_sync,
    scalar,
    sign_in,
    signing_in,
)

TOKEN = "/oauth/token"
PROFILE = "/userprofile-service/socialProfile"
DOWNLOAD = "/download-service/files/activity/"


def stored(token_dir: Path) -> dict[str, Any]:
    return json.loads((token_dir / "garmin_tokens.json").read_text(encoding="utf-8"))


def at(day: dt.date, clock: dt.time = dt.time(5, 30)) -> dt.datetime:
    return dt.datetime.combine(day, clock)


def night(settings: Settings, day: dt.date, **kwargs: Any) -> GarminSyncReport:
    """The nightly of `day` (03:30 UTC), with the client a nightly builds."""
    kwargs.setdefault("garmin_factory", production_garmin)
    return run_sync(settings, today=day, clock=Clock(at(day, dt.time(3, 30))), **kwargs)


# --- 1. a token-server outage is not an expired login --------------------------------------------


def test_a_token_server_outage_with_an_expired_token_is_retried_later_tokens_kept(
    fake: FakeConnect, gsettings: Settings, no_library_sleep: list[float]
) -> None:
    # access tokens last a day: at night the stored one has expired and must be refreshed
    before = fake.write_token_store(gsettings.token_dir, expires_in_s=-600)
    add_wellness_day(fake, TODAY)
    fake.fail(TOKEN, 503, times=1000)
    report = run_sync(gsettings, since=TODAY, garmin_factory=production_garmin)
    assert report.stopped == "unavailable"
    assert "runlift login" not in (report.message or "")
    assert "503" in (report.message or "") and "sign-in" in (report.message or "")
    assert stored(gsettings.token_dir) == before  # the login is kept as it was
    assert fake.sso_calls == []
    fake.faults.clear()  # the token server is back: the same stored login works
    again = run_sync(gsettings, since=TODAY, garmin_factory=production_garmin)
    assert again.complete
    assert stored(gsettings.token_dir)["di_refresh_token"] == fake.refresh_token


def test_a_token_server_outage_when_the_token_lapses_mid_pull(
    fake: FakeConnect, gsettings: Settings, no_library_sleep: list[float]
) -> None:
    # not yet expired (the library refreshes in its last 15 minutes): the pull starts fine
    before = fake.write_token_store(gsettings.token_dir, expires_in_s=600)
    for k in range(3):
        add_wellness_day(fake, TODAY - dt.timedelta(days=k))
    fake.fail(TOKEN, 503, times=1000)
    done: list[str] = []

    def lapse_after_one_day(what: str) -> None:
        done.append(what)
        if len(done) == 1:
            fake.expire_access_tokens()

    report = run_sync(
        gsettings,
        since=TODAY - dt.timedelta(days=2),
        progress=lapse_after_one_day,
        garmin_factory=production_garmin,
    )
    assert report.stopped == "unavailable" and "sign-in" in (report.message or "")
    assert scalar(gsettings.warehouse, "SELECT count(DISTINCT calendar_date) FROM raw_garmin_json")
    assert stored(gsettings.token_dir) == before


def test_a_refused_refresh_is_a_login_to_renew(
    fake: FakeConnect, gsettings: Settings, no_library_sleep: list[float]
) -> None:
    fake.write_token_store(gsettings.token_dir, expires_in_s=-600)
    fake.revoke()  # the refresh token is dead: Garmin answers 400 invalid_grant
    with pytest.raises(AuthError, match="run `runlift login`") as caught:
        run_sync(gsettings, since=TODAY, garmin_factory=production_garmin)
    assert "invalid_grant" in str(caught.value)
    assert fake.sso_calls == []


def test_a_403_on_the_profile_is_a_block_not_a_bad_login(
    fake: FakeConnect, gsettings: Settings, no_library_sleep: list[float]
) -> None:
    before = stored(gsettings.token_dir)
    fake.fail(PROFILE, 403, times=1000)
    report = run_sync(gsettings, since=TODAY, garmin_factory=production_garmin)
    assert report.stopped == "blocked"
    message = report.message or ""
    assert "403" in message and "block" in message and "runlift login" not in message
    assert stored(gsettings.token_dir) == before
    assert query(gsettings.warehouse, "SELECT stopped FROM garmin_sync_runs") == [("blocked",)]


# --- 2. an original that failed to download is tried again -------------------------------------


def test_a_missing_original_stays_pending_and_is_downloaded_on_a_later_night(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_run(fake, 1, at(TODAY - dt.timedelta(days=1)))
    original, fake.activities[1].original = fake.activities[1].original, None  # 404 tonight
    first = run_sync(gsettings, since=TODAY - dt.timedelta(days=1))
    assert first.complete and not first.ok  # partial: an original is missing
    assert query(gsettings.warehouse, "SELECT original FROM raw_garmin_activity") == [("pending",)]
    fake.activities[1].original = original
    later = night(gsettings, TODAY + dt.timedelta(days=1))
    assert later.ok
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM activities") == 1
    assert query(gsettings.warehouse, "SELECT original FROM raw_garmin_activity") == [("imported",)]


def test_a_maintenance_page_instead_of_the_zip_is_tried_again(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_run(fake, 1, at(TODAY))
    original, fake.activities[1].original = fake.activities[1].original, b"<html>maintenance"
    first = run_sync(gsettings, since=TODAY)
    assert not first.ok
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM quarantine") == 0  # not a file
    fake.activities[1].original = original
    # even a backfill that lists it again (known ids were skipped forever) downloads it
    later = run_sync(gsettings, since=TODAY, clock=Clock(at(TODAY, dt.time(9))))
    assert later.ok and scalar(gsettings.warehouse, "SELECT count(*) FROM activities") == 1


def test_a_403_from_the_download_service_stops_the_night(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_run(fake, 1, at(TODAY))
    add_wellness_day(fake, TODAY)
    fake.fail(DOWNLOAD, 403)
    report = run_sync(gsettings, since=TODAY)
    assert report.stopped == "blocked" and not report.ok
    assert "403" in (report.message or "")
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM raw_garmin_json") == 0
    again = run_sync(gsettings, since=TODAY, clock=Clock(at(TODAY, dt.time(9))))
    assert again.ok and scalar(gsettings.warehouse, "SELECT count(*) FROM activities") == 1


def test_an_original_is_given_up_after_a_bounded_time(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_run(fake, 1, at(TODAY))
    fake.activities[1].original = None
    run_sync(gsettings, since=TODAY)
    last_try = TODAY + ORIGINAL_RETRY_FOR + dt.timedelta(days=1)
    tried = night(gsettings, last_try)
    assert not tried.ok  # given up tonight: reported once, with what to look at
    assert query(gsettings.warehouse, "SELECT original FROM raw_garmin_activity") == [("missing",)]
    assert query(gsettings.warehouse, "SELECT endpoint, item_key FROM garmin_quarantine") == [
        ("original", "1")
    ]
    fake.calls.clear()
    after = night(gsettings, last_try + dt.timedelta(days=1))
    assert after.ok and not [p for p in fake.api_paths() if p.startswith(DOWNLOAD)]


# --- 3. wellness that syncs late -----------------------------------------------------------------


def test_a_week_without_a_watch_sync_then_one_sync_loses_nothing(
    fake: FakeConnect, gsettings: Settings
) -> None:
    for k in range(12):
        add_wellness_day(fake, TODAY - dt.timedelta(days=k))
    fake.watch_synced_at = at(TODAY - dt.timedelta(days=7), dt.time(3))
    for n in range(6, 0, -1):  # runlift syncs every night; the watch does not
        night(gsettings, TODAY - dt.timedelta(days=n))
    fake.watch_synced_at = at(TODAY, dt.time(2))  # then the watch syncs once
    night(gsettings, TODAY)
    week = [TODAY - dt.timedelta(days=k) for k in range(7, 0, -1)]
    for table in ("raw_garmin_sleep", "raw_garmin_hrv", "raw_garmin_daily_summary"):
        days = [d for (d,) in query(gsettings.warehouse, f"SELECT calendar_date FROM {table}")]
        assert set(week) <= set(days), table
    # Garmin says the watch synced after those days ended: they are final, not asked again
    fake.calls.clear()
    night(gsettings, TODAY + dt.timedelta(days=1))
    asked = {p.rsplit("/", 1)[-1] for p in fake.api_paths() if "/hrv-service/" in p}
    assert not asked & {d.isoformat() for d in week}


# --- 4. a token directory under a symlinked folder ----------------------------------------------


def dotfiles_token_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """~/.config is a symbolic link into a dotfiles checkout, owned by the user (uid 1000 when
    the tests run as root: garminconnect only trusts symlinks owned by root)."""
    real = tmp_path / "dotfiles" / "config"
    real.mkdir(parents=True)
    link = tmp_path / "home" / ".config"
    link.parent.mkdir()
    link.symlink_to(real)
    if os.getuid() == 0:
        os.lchown(link, 1000, 1000)
        monkeypatch.setattr(token_store.os, "getuid", lambda: 1000)
    return link / "runlift" / "garmin"


def test_a_sync_with_the_token_dir_under_a_symlinked_folder(
    fake: FakeConnect, gsettings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token_dir = dotfiles_token_dir(tmp_path, monkeypatch)
    fake.write_token_store(token_dir)
    add_wellness_day(fake, TODAY)
    settings = gsettings.__class__(**{**gsettings.__dict__, "token_dir": token_dir})
    report = run_sync(settings, since=TODAY)
    assert report.complete and report.wellness_with_data == 4
    assert stored(token_dir)["di_refresh_token"] == fake.refresh_token


def test_login_into_a_symlinked_folder_keeps_the_sign_in(
    fake: FakeConnect,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_library_sleep: list[float],
) -> None:
    token_dir = dotfiles_token_dir(tmp_path, monkeypatch)
    signed = sign_in(token_dir, signing_in(fake))
    assert signed.display_name == "runner42" and signed.warning is None
    assert stored(token_dir)["di_refresh_token"] == fake.refresh_token


def test_a_symlink_owned_by_someone_else_is_refused_up_front(
    fake: FakeConnect, gsettings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir()
    link = tmp_path / "shared"
    link.symlink_to(real)
    if os.getuid() == 0:
        os.lchown(link, 1000, 1000)  # root's own links are trusted, like garminconnect does
    monkeypatch.setattr(token_store.os, "getuid", lambda: 4242)  # the link is not ours
    settings = gsettings.__class__(**{**gsettings.__dict__, "token_dir": link / "garmin"})
    with pytest.raises(SourceError, match="a symbolic link owned by another user"):
        run_sync(settings)
    assert fake.calls == []


def test_a_sign_in_whose_tokens_cannot_be_saved_says_so(
    fake: FakeConnect,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_library_sleep: list[float],
) -> None:
    def disk_full(self: Client, path: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Client, "dump", disk_full)
    with pytest.raises(SourceError, match=r"signed in .* could not be saved .* No space left"):
        sign_in(tmp_path / "tokens", signing_in(fake))


# --- 5. runlift login never lies -----------------------------------------------------------------


def old_login(token_dir: Path) -> str:
    token_dir.mkdir(mode=0o700, parents=True)
    text = '{"di_token": "old", "di_refresh_token": "old-r", "di_client_id": "c"}'
    (token_dir / "garmin_tokens.json").write_text(text, encoding="utf-8")
    return text


def test_a_sign_in_that_got_only_a_web_cookie_is_not_a_login(
    fake: FakeConnect, tmp_path: Path, no_library_sleep: list[float]
) -> None:
    token_dir = tmp_path / "tokens"
    before = old_login(token_dir)
    with pytest.raises(SourceError, match="no API tokens"):
        sign_in(token_dir, signing_in(fake, cookie_only=True))
    assert (token_dir / "garmin_tokens.json").read_text(encoding="utf-8") == before


def test_a_429_right_after_signing_in_is_not_a_wrong_password_and_keeps_the_login(
    fake: FakeConnect, tmp_path: Path, no_library_sleep: list[float]
) -> None:
    token_dir = tmp_path / "tokens"
    old_login(token_dir)
    fake.fail(PROFILE, 429, times=3)  # garminconnect reads the profile three times
    signed = sign_in(token_dir, signing_in(fake))
    assert signed.warning is not None and "429" in signed.warning
    assert "password" not in signed.warning
    assert stored(token_dir)["di_refresh_token"] == fake.refresh_token  # the new login, saved


def test_runlift_login_prints_the_truth_after_a_429(
    fake: FakeConnect,
    gsettings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_library_sleep: list[float],
) -> None:
    from runlift_sync.cli import app
    from runlift_sync.sources.garmin_connect import login

    monkeypatch.setattr(
        login,
        "login_with_credentials",
        functools.partial(login_with_credentials, garmin_factory=signing_in(fake)),
    )
    fake.fail(PROFILE, 429, times=3)
    env = {
        "RUNLIFT_WAREHOUSE": str(gsettings.warehouse),
        "RUNLIFT_TOKEN_DIR": str(gsettings.token_dir),
        "RUNLIFT_CONFIG": str(tmp_path / "absent.toml"),
    }
    result = CliRunner().invoke(app, ["login"], env=env, input="me@example.org\ns3cret\n1\n")
    assert result.exit_code == 0, result.output
    assert "signed in" in result.output and "429" in result.output
    assert "did not accept" not in result.output


# --- 6. a backfill keeps its own state until it is done ------------------------------------------


def test_a_rate_limited_backfill_is_finished_by_the_next_nights_at_its_own_pace(
    fake: FakeConnect, gsettings: Settings
) -> None:
    first = TODAY - dt.timedelta(days=59)
    for k in range(60):
        day = first + dt.timedelta(days=k)
        add_wellness_day(fake, day)
        if k % 10 == 0:
            add_run(fake, 100 + k, at(day))
    fake.fail(rf"{DOWNLOAD}120$", 429)  # the third activity, oldest first
    pauses: list[float] = []
    backfill = run_sync(gsettings, since=first, spacing_s=None, sleep=pauses.append)
    assert backfill.stopped == "rate_limited"
    pauses.clear()
    nightly = night(gsettings, TODAY, spacing_s=None, sleep=pauses.append)
    assert nightly.complete
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM activities") == 6
    days = query(gsettings.warehouse, "SELECT calendar_date FROM raw_garmin_sleep")
    assert len(days) == 60  # the whole backfill range, not only the nightly's recent days
    # the backfill's requests kept the backfill's pace
    assert sum(1 for p in pauses if p > BACKFILL_SPACING_S / 2) >= 60


def test_a_backfill_stopped_before_it_began_is_done_by_the_next_night(
    fake: FakeConnect, gsettings: Settings, no_library_sleep: list[float]
) -> None:
    first = TODAY - dt.timedelta(days=40)
    for k in range(41):
        add_wellness_day(fake, first + dt.timedelta(days=k))
    fake.fail(PROFILE, 429, times=3)  # Garmin refuses the very first request
    stopped = run_sync(gsettings, since=first)
    assert stopped.stopped == "rate_limited" and stopped.backfill is not None
    night(gsettings, TODAY)
    days = scalar(gsettings.warehouse, "SELECT count(DISTINCT calendar_date) FROM raw_garmin_sleep")
    assert days == 41


def test_a_429_that_keeps_coming_back_on_downloads_does_not_starve_the_rest(
    fake: FakeConnect, gsettings: Settings
) -> None:
    monday = TODAY - dt.timedelta(days=1)
    add_strength(fake, 7, at(monday, dt.time(16)))
    night(gsettings, TODAY)  # the session is pulled; its sets are re-read for a week
    add_run(fake, 8, at(TODAY, dt.time(17)))
    fake.fail(rf"{DOWNLOAD}8$", 429, times=1000)  # every night, the new run's download: 429
    for k in (1, 2, 3):
        add_wellness_day(fake, TODAY + dt.timedelta(days=k))
    reports = [night(gsettings, TODAY + dt.timedelta(days=k)) for k in (1, 2, 3)]
    assert all(r.stopped == "rate_limited" for r in reports)
    sleep_days = [
        d for (d,) in query(gsettings.warehouse, "SELECT calendar_date FROM raw_garmin_sleep")
    ]
    assert TODAY + dt.timedelta(days=2) in sleep_days  # wellness got its turn
    assert sum(r.exercise_sets_reread for r in reports) >= 1  # and so did the set re-reads


# --- 7. a privacy-protected daily summary -------------------------------------------------------


def test_a_privacy_protected_summary_is_an_error_to_act_on_not_no_data(
    fake: FakeConnect, gsettings: Settings
) -> None:
    add_wellness_day(fake, TODAY)
    summary = fake.wellness[("user_summary", TODAY)]
    fake.wellness[("user_summary", TODAY)] = {
        **{k: None for k in summary},
        "calendarDate": TODAY.isoformat(),
        "privacyProtected": True,
    }
    with pytest.raises(SourceError, match="privacy") as caught:
        run_sync(gsettings, since=TODAY)
    assert not isinstance(caught.value, AuthError)
    assert (
        scalar(
            gsettings.warehouse,
            "SELECT count(*) FROM raw_garmin_json WHERE endpoint = 'user_summary'",
        )
        == 0
    )
    assert query(gsettings.warehouse, "SELECT stopped FROM garmin_sync_runs") == [
        ("privacy_protected",)
    ]
