"""Helpers for the model tests: settings with landmarks, and warehouses built from FIT files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import duckdb
import polars as pl

from runlift_sync.config import AthleteConfig, ConfigFile, Settings
from runlift_sync.db import open_writer
from runlift_sync.ingest import import_paths
from runlift_sync.model import RefreshReport, load_marts, refresh_marts

#: The test athlete: LTHR 170 → VT1 153, Friel bounds 145 / 153 / 162 / 170.
LANDMARKS = AthleteConfig(
    timezone="Europe/Berlin", sex="female", hr_max=190, hr_rest=50, hr_threshold=170
)


def make_settings(root: Path, athlete_config: AthleteConfig | None = LANDMARKS) -> Settings:
    athletes = {"me": athlete_config} if athlete_config is not None else {}
    return Settings(
        warehouse=root / "wh" / "runlift.duckdb",
        athlete="me",
        config_path=root / "config.toml",
        config=ConfigFile(athlete="me", athletes=athletes),
        lock_timeout_s=5.0,
    )


class Built:
    """A warehouse built from FIT files, refreshed, with its marts."""

    def __init__(self, settings: Settings, report: RefreshReport, marts: dict[str, pl.DataFrame]):
        self.settings = settings
        self.report = report
        self.marts = marts

    def writer(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        return open_writer(self.settings.warehouse)


def build(
    root: Path,
    files: dict[str, bytes],
    *,
    athlete_config: AthleteConfig | None = LANDMARKS,
    today: dt.date | None = None,
    before_refresh: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> Built:
    """Write `files`, import them with the real importer, refresh the model."""
    folder = root / "fit"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    settings = make_settings(root, athlete_config)
    summary = import_paths(settings, [folder], workers=1)
    assert summary.ok and summary.counts.get("loaded") == len(files), summary.counts
    with open_writer(settings.warehouse) as con:
        if before_refresh is not None:
            before_refresh(con)
        report = refresh_marts(con, settings, today=today)
        marts = load_marts(con, "me")
    return Built(settings, report, marts)
