"""The nightly and replan flows on the demo watch: as Prefect flows on the test server, and
run directly (no server, `pipelines/direct.py`) — the same night either way."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pipelines import direct, steps, tasks
from pipelines.nightly import nightly
from pipelines.replan import replan
from pipelines.sources import NightReport
from runlift_sync.demo import SeasonSummary
from runlift_sync.errors import TransientSourceError
from runlift_sync.sources.garmin_connect import GarminSyncReport
from tests.pipelines.helpers import count, run, snapshot

#: (ended ok, final message, the NightReport) of a flow run with these parameters
Night = Callable[..., tuple[bool, str, NightReport]]
FLOWS: dict[str, Any] = {"nightly": nightly, "replan": replan}


@pytest.fixture(params=["direct", "prefect"])
def night(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str], Night]:
    """`night(name)(**parameters)` runs the flow `name` as a Prefect flow on the test server,
    or directly; retries come at once (no delay)."""
    monkeypatch.setattr(steps, "RETRY_DELAYS_S", [0])
    monkeypatch.setattr(tasks, "pull_source", tasks.pull_source.with_options(retry_delay_seconds=0))
    if request.param == "direct":
        return lambda name: lambda **params: _direct(name, **params)
    request.getfixturevalue("prefect_server")
    return lambda name: lambda **params: _on_prefect(name, **params)


def _direct(name: str, **parameters: Any) -> tuple[bool, str, NightReport]:
    done = direct.RUNS[name](**parameters)
    return done.ok, done.message, done.result


def _on_prefect(name: str, **parameters: Any) -> tuple[bool, str, NightReport]:
    state = run(FLOWS[name], **parameters)
    assert state.is_completed() or state.is_failed(), state
    return state.is_completed(), state.message, state.result(raise_on_failure=False)


def test_nightly_imports_the_watch_builds_marts_and_a_rerun_changes_nothing(
    night: Callable[[str], Night], season: SeasonSummary, config_file: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh" / "runlift.duckdb"
    plan = tmp_path / "plan.toml"
    shutil.copy(season.plan_path, plan)
    config_file.write_text(
        f'athlete = "demo"\nwarehouse = "{warehouse}"\n'
        f'[athletes.demo]\ntimezone = "Europe/Berlin"\n'
        f'[sources]\nwatch = "{season.mount}"\n'
        f'[coach]\nplan = "{plan}"\n',
        encoding="utf-8",
    )
    ok, message, report = night("nightly")(config=str(config_file))
    assert ok, message
    (watch,) = report.sources
    assert watch.label == f"usb_watch {season.mount}"
    assert watch.status == "ok"
    assert watch.files["loaded"] == len(season.paths)  # every file of the season, once
    assert watch.n_records == season.records
    assert count(warehouse, "SELECT count(*) FROM fit_files") == len(season.paths)
    sessions = season.counts["run"] + season.counts["lift"]
    assert count(warehouse, "SELECT count(*) FROM activities") == sessions
    # the model: every run and lifting session the watch recorded, days through today
    assert count(warehouse, "SELECT count(*) FROM runs") == season.counts["run"]
    assert count(warehouse, "SELECT count(*) FROM lift_sessions") == season.counts["lift"]
    today = dt.datetime.now(ZoneInfo("Europe/Berlin")).date()
    assert count(warehouse, "SELECT max(date) FROM daily_load") == today
    assert "marts" in report.steps and not report.failed_steps
    assert message.startswith(f"{len(season.paths)} new files from 1 source; marts:")
    # the plan: next week (the coming Monday in Berlin) adjusted, stored, written for review
    monday = today + dt.timedelta(days=7 - today.weekday())
    assert report.steps["plan"].startswith(f"week of {monday}: ")
    assert count(warehouse, "SELECT count(*) FROM plans") == 1
    assert count(warehouse, "SELECT max(week_start) FROM plans") == monday
    assert count(warehouse, "SELECT count(*) FROM plan_changes") >= 1
    review = (tmp_path / "plan.next.md").read_text(encoding="utf-8")
    assert review.startswith(f"# Week of {monday}")
    page = tmp_path / "plan.review.html"  # the review page, owner-only
    assert page.stat().st_mode & 0o777 == 0o600
    assert f"Week of {monday.day} " in page.read_text(encoding="utf-8")

    before = snapshot(warehouse)
    ok, message, again = night("nightly")(config=str(config_file))
    assert ok, message
    (watch,) = again.sources
    assert watch.files == {"already_had": len(season.paths)} and watch.new_files == 0
    assert snapshot(warehouse) == before  # nothing added, nothing changed


def test_one_broken_source_does_not_stop_the_others(
    night: Callable[[str], Night],
    season: SeasonSummary,
    config_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder that vanished and Garmin Connect unreachable: the watch still loads, the
    transient failure is retried (and only it), the flow fails and says why."""
    activities = sorted(p for p in season.paths if "/Activity/" in str(p))
    folder = tmp_path / "exports"
    folder.mkdir()
    for path in activities[:3]:
        shutil.copy(path, folder / path.name)
    calls: list[dt.date | None] = []

    def garmin_down(settings: object, since: dt.date | None = None) -> GarminSyncReport:
        calls.append(since)
        raise TransientSourceError("connect.garmin.com: connection reset", source="garmin")

    monkeypatch.setattr(steps, "sync_garmin", garmin_down)
    warehouse = tmp_path / "wh" / "runlift.duckdb"

    ok, message, report = night("nightly")(
        folders=[str(tmp_path / "vanished"), str(folder)],
        garmin=True,
        warehouse=str(warehouse),
        athlete="demo",
        config=str(config_file),
    )
    assert not ok
    vanished, exports, garmin = report.sources
    assert (vanished.status, vanished.error_class) == ("failed", "SourceError")
    assert "does not exist" in vanished.message
    assert exports.status == "ok" and exports.files["loaded"] == 3
    assert (garmin.status, garmin.error_class) == ("failed", "TransientSourceError")
    assert len(calls) == 1 + steps.RETRIES  # retried: the network may come back
    assert count(warehouse, "SELECT count(*) FROM activities") == 3
    assert "marts" in report.steps and not report.failed_steps  # the model still ran
    assert message.startswith("2 of 3 sources failed: fit_folder ")
    assert "connection reset" in message


def test_a_rate_limited_garmin_is_not_retried_and_the_night_completes(
    night: Callable[[str], Night],
    config_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dt.date | None] = []

    def garmin_429(settings: object, since: dt.date | None = None) -> GarminSyncReport:
        calls.append(since)
        report = GarminSyncReport(athlete="demo", started_at=dt.datetime(2026, 11, 20, 2, 30))
        report.stopped, report.message = "rate_limited", "HTTP 429 Too Many Requests"
        report.finished_at = report.started_at
        return report

    monkeypatch.setattr(steps, "sync_garmin", garmin_429)
    ok, message, report = night("nightly")(
        garmin=True,
        garmin_since="2026-11-01",
        warehouse=str(tmp_path / "wh" / "runlift.duckdb"),
        config=str(config_file),
    )
    assert calls == [dt.date(2026, 11, 1)]  # once: Garmin asked us to come back tomorrow
    assert ok, message
    (garmin,) = report.sources
    assert garmin.status == "incomplete"
    assert "stopped (rate_limited): HTTP 429" in message


def test_replan_pulls_nothing_and_refreshes_the_marts(
    night: Callable[[str], Night], config_file: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh" / "runlift.duckdb"
    ok, message, report = night("replan")(
        warehouse=str(warehouse), athlete="demo", config=str(config_file)
    )
    assert ok, message
    assert report.sources == [] and list(report.steps) == ["marts", "plan"]
    assert report.steps["plan"].startswith("no plan file")
    assert message.startswith("marts: 9 marts")
    assert count(warehouse, "SELECT count(*) FROM fit_files") == 0
