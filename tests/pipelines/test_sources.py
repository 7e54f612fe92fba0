"""Which sources a night reads, what their outcomes say, and which failures are retried."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipelines.sources import NightReport, SourceOutcome, SourceSpec, plan_sources
from pipelines.steps import is_retryable, outcome_of_garmin
from runlift_sync.config import ConfigFile, Settings, SourcesConfig
from runlift_sync.errors import (
    AuthError,
    DecodeError,
    SourceError,
    TransientSourceError,
    WarehouseBusyError,
)
from runlift_sync.sources.garmin_connect import (
    GarminBlocked,
    GarminRateLimited,
    GarminSyncReport,
    GarminUnavailable,
)


def make_settings(tmp_path: Path, sources: SourcesConfig | None = None) -> Settings:
    return Settings(
        warehouse=tmp_path / "wh.duckdb",
        athlete="me",
        config_path=tmp_path / "config.toml",
        config=ConfigFile(sources=sources or SourcesConfig()),
    )


def watch_mount(root: Path) -> Path:
    (root / "GARMIN" / "Activity").mkdir(parents=True)
    return root


def test_config_sources_in_order_watch_folders_garmin(tmp_path: Path) -> None:
    mount = watch_mount(tmp_path / "w")
    settings = make_settings(
        tmp_path,
        SourcesConfig(watch=str(mount), folders=["/data/a", "/data/b", "/data/a"], garmin=True),
    )
    assert plan_sources(settings) == [
        SourceSpec("usb_watch", str(mount)),
        SourceSpec("fit_folder", "/data/a"),  # listed twice, pulled once
        SourceSpec("fit_folder", "/data/b"),
        SourceSpec("garmin_connect"),
    ]


def test_given_sources_replace_the_config(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, SourcesConfig(folders=["/data/a"], garmin=True))
    assert plan_sources(settings, folders=["/other"]) == [SourceSpec("fit_folder", "/other")]
    assert plan_sources(settings, garmin=True, garmin_since="2026-01-01") == [
        SourceSpec("garmin_connect", since="2026-01-01")
    ]


def test_nothing_configured_nothing_to_pull(tmp_path: Path) -> None:
    assert plan_sources(make_settings(tmp_path)) == []


def test_auto_finds_every_mounted_watch(tmp_path: Path) -> None:
    mounts = [watch_mount(tmp_path / "a"), watch_mount(tmp_path / "b")]
    settings = make_settings(tmp_path, SourcesConfig(watch="auto"))
    assert plan_sources(settings, find_mounts=lambda: mounts) == [
        SourceSpec("usb_watch", str(m)) for m in mounts
    ]
    (absent,) = plan_sources(settings, find_mounts=list)
    assert absent.absent == "no watch is mounted"


def test_an_unplugged_watch_is_skipped_not_failed(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    (gone,) = plan_sources(settings, watch=str(tmp_path / "GARMIN-unplugged"))
    assert gone.absent is not None and "not mounted" in gone.absent
    empty = tmp_path / "usb-stick"
    empty.mkdir()
    (not_a_watch,) = plan_sources(settings, watch=str(empty))
    assert not_a_watch.absent is not None and "no GARMIN folder" in not_a_watch.absent


@pytest.mark.parametrize(
    ("error", "retry"),
    [
        (TransientSourceError("connection reset"), True),
        (GarminUnavailable("HTTP 503"), True),
        (WarehouseBusyError("runlift import is using it"), True),
        (GarminRateLimited("HTTP 429"), False),  # Garmin says: not tonight
        (GarminBlocked("HTTP 403"), False),  # nor is a block gone in minutes
        (AuthError("run `runlift login`"), False),
        (SourceError("/data/a does not exist"), False),
        (DecodeError("not a FIT file"), False),  # a bad file stays bad
    ],
)
def test_only_transient_failures_are_retried(error: Exception, retry: bool) -> None:
    assert is_retryable(error) is retry


def test_summary_lines() -> None:
    ok = SourceOutcome(
        "usb_watch /media/GARMIN",
        "ok",
        files=Counter(loaded=3, already_had=80, quarantined=1),
        n_records=1214,
        seconds=2.06,
    )
    assert ok.summary_line() == (
        "usb_watch /media/GARMIN: ok — 3 new, 1 quarantined, 80 already had, 1,214 records (2.1 s)"
    )
    assert ok.new_files == 3
    skipped = SourceOutcome("usb_watch", "skipped", "no watch is mounted")
    assert skipped.summary_line() == "usb_watch: skipped — no watch is mounted"


def test_night_report_fails_when_a_source_fails_and_says_so() -> None:
    night = NightReport(
        sources=[
            SourceOutcome("usb_watch /w", "ok", files=Counter(loaded=5)),
            SourceOutcome("fit_folder /gone", "failed", "/gone does not exist"),
            SourceOutcome("garmin_connect", "incomplete", "stopped (rate_limited)"),
        ],
        steps={"marts": "9 marts"},
    )
    assert not night.ok
    assert night.message() == (
        "1 of 3 sources failed: fit_folder /gone: /gone does not exist; "
        "5 new files from 2 sources; garmin_connect: stopped (rate_limited); marts: 9 marts"
    )
    night.sources.pop(1)
    assert night.ok  # a 429 is not a failure: the next night resumes
    night.failed_steps.append("marts")
    assert not night.ok


def test_garmin_outage_is_retried_rate_limit_is_not() -> None:
    spec = SourceSpec("garmin_connect")
    report = GarminSyncReport(athlete="me", started_at=None)  # type: ignore[arg-type]
    assert outcome_of_garmin(spec, report).status == "ok"
    report.stopped, report.message = "unavailable", "HTTP 503"
    outage = outcome_of_garmin(spec, report)
    assert (outage.status, outage.retryable) == ("incomplete", True)
    report.stopped, report.message = "rate_limited", "HTTP 429"
    limited = outcome_of_garmin(spec, report)
    assert (limited.status, limited.retryable) == ("incomplete", False)


def test_a_garmin_night_with_an_original_pending_is_incomplete() -> None:
    """Ran to the end, but an original could not be downloaded: partial, not ok."""
    spec = SourceSpec("garmin_connect")
    report = GarminSyncReport(athlete="me", started_at=None)  # type: ignore[arg-type]
    report.originals_pending = 1
    assert report.complete and report.outcome == "partial"
    outcome = outcome_of_garmin(spec, report)
    assert (outcome.status, outcome.retryable) == ("incomplete", False)
    assert "1 originals pending" in outcome.message
