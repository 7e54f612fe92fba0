"""Same seed, same bytes; a different seed, different files; clear errors for bad input."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from demo_support import SEED, START, WEEKS

from runlift_sync.demo import SeasonSummary, default_start, generate_season
from runlift_sync.demo.__main__ import main
from runlift_sync.errors import ConfigError


def digests(mount: Path) -> dict[str, str]:
    return {
        str(p.relative_to(mount)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(mount.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_byte_identical_files_in_any_number_of_processes(
    season: SeasonSummary, tmp_path: Path
) -> None:
    again = generate_season(tmp_path, seed=SEED, weeks=WEEKS, start=START, workers=2)
    first = digests(season.mount)
    assert len(first) == len(season.paths) + 1  # + GarminDevice.xml
    assert digests(again.mount) == first
    assert again.weeks == season.weeks and again.records == season.records


def test_a_short_season_is_the_tail_of_a_longer_one(season: SeasonSummary, tmp_path: Path) -> None:
    generate_season(tmp_path, seed=SEED, weeks=1, start=START + timedelta(weeks=WEEKS - 1))
    last_week = {k: v for k, v in digests(season.mount).items() if k in digests(tmp_path)}
    assert digests(tmp_path) == last_week
    assert len(last_week) > 20


def test_a_different_seed_gives_different_files(season: SeasonSummary, tmp_path: Path) -> None:
    other = generate_season(tmp_path, seed=SEED + 1, weeks=1, start=START + timedelta(weeks=7))
    ours = digests(season.mount)
    theirs = digests(other.mount)
    shared = set(ours) & set(theirs)
    assert any(k.startswith("GARMIN/Monitor/") for k in shared)  # named by date
    assert all(ours[k] != theirs[k] for k in shared if k.endswith((".fit", ".FIT")))
    assert other.weeks[0].planned_km == season.weeks[-1].planned_km, "same story, other days"


def test_default_start_ends_the_season_this_sunday() -> None:
    """The week after the season (the demo's "next week") is the week after today."""
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    wednesday = date(2026, 11, 25)
    start = default_start(16, berlin, today=wednesday)
    assert start == date(2026, 8, 10) and start.weekday() == 0
    assert start + timedelta(weeks=16) == date(2026, 11, 30)  # the coming Monday
    assert default_start(16, berlin, today=date(2026, 11, 23)) == start  # Monday
    assert default_start(16, berlin, today=date(2026, 11, 29)) == start  # Sunday


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"weeks": 0}, "weeks must be"), ({"start": date(2026, 3, 3)}, "must be a Monday")],
)
def test_bad_arguments_are_config_errors(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        generate_season(tmp_path, **kwargs)


def test_a_mount_with_files_is_not_overwritten_unless_asked(tmp_path: Path) -> None:
    stray = tmp_path / "GARMIN" / "Activity" / "mine.fit"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"not ours")
    with pytest.raises(ConfigError, match="already holds files"):
        generate_season(tmp_path, weeks=1, start=START)
    assert stray.exists()
    summary = generate_season(tmp_path, weeks=1, start=START, overwrite=True)
    assert not stray.exists() and summary.counts["run"] == 6


def test_module_entry_point_prints_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--out", str(tmp_path), "--weeks", "1", "--start", "2026-03-02", "--seed", "3"])
    out = capsys.readouterr().out
    assert code == 0
    assert "wrote" in out and "2026-03-02" in out and "plan.toml" in out
    assert main(["--out", str(tmp_path), "--weeks", "1", "--start", "2026-03-02"]) == 2
