"""Settings: flags > RUNLIFT_* > config file > defaults, read once; mistakes named by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from runlift_sync.config import resolve_settings
from runlift_sync.errors import ConfigError

CONFIG = """\
athlete = "ana"
warehouse = "{root}/from-config.duckdb"

[athletes.ana]
timezone = "Europe/Madrid"
sex = "female"
hr_max = 188

[coach]
plan = "{root}/plan.toml"
"""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CONFIG", "WAREHOUSE", "ATHLETE", "LOCK_TIMEOUT", "WORKERS", "PLAN", "POLICY"):
        monkeypatch.delenv(f"RUNLIFT_{name}", raising=False)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text.format(root=tmp_path), encoding="utf-8")
    return path


def test_flags_over_environment_over_file_over_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNLIFT_CONFIG", str(write(tmp_path, CONFIG)))
    from_file = resolve_settings()
    assert from_file.athlete == "ana"
    assert from_file.warehouse == tmp_path / "from-config.duckdb"
    assert from_file.timezone == "Europe/Madrid"
    assert from_file.plan_path == tmp_path / "plan.toml"
    assert (from_file.lock_timeout_s, from_file.workers) == (30.0, 0)

    monkeypatch.setenv("RUNLIFT_ATHLETE", "ben")
    monkeypatch.setenv("RUNLIFT_WAREHOUSE", str(tmp_path / "from-env.duckdb"))
    monkeypatch.setenv("RUNLIFT_PLAN", str(tmp_path / "env-plan.toml"))
    monkeypatch.setenv("RUNLIFT_LOCK_TIMEOUT", "2.5")
    monkeypatch.setenv("RUNLIFT_WORKERS", "")  # empty: as if unset
    from_env = resolve_settings()
    assert (from_env.athlete, from_env.warehouse) == ("ben", tmp_path / "from-env.duckdb")
    assert from_env.plan_path == tmp_path / "env-plan.toml"
    assert (from_env.lock_timeout_s, from_env.workers) == (2.5, 0)

    flags = resolve_settings(athlete="cy", warehouse=tmp_path / "flag.duckdb")
    assert (flags.athlete, flags.warehouse) == ("cy", tmp_path / "flag.duckdb")

    # read once, at the entry point: a later change of the environment changes nothing
    monkeypatch.setenv("RUNLIFT_PLAN", str(tmp_path / "later.toml"))
    assert from_env.plan_path == tmp_path / "env-plan.toml"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "hr_maxx = 190",
            "line 6: [athletes.ana]: hr_maxx is not a known key here; use one of: "
            "timezone, sex, hr_max, hr_rest, hr_threshold",
        ),
        ('sex = "f"', 'line 6: [athletes.ana]: sex = "f" is not allowed; use one of: female, male'),
        ("hr_rest = 12", "line 6: [athletes.ana]: hr_rest = 12 must be at least 25"),
        (
            'timezone = "Mars/Olympus"',
            'line 6: [athletes.ana]: timezone = "Mars/Olympus" is not a '
            "known time zone; use an IANA name such as 'Europe/Berlin'",
        ),
    ],
)
def test_a_mistake_in_an_athlete_names_file_line_table_and_key(
    tmp_path: Path, line: str, message: str
) -> None:
    text = CONFIG.replace('sex = "female"\n', "").replace(
        "hr_max = 188\n", "hr_max = 188\n" + line + "\n"
    )
    path = write(tmp_path, text.replace('timezone = "Europe/Madrid"\n', ""))
    with pytest.raises(ConfigError) as raised:
        resolve_settings(config=path)
    assert str(raised.value) == f"{path}: {message}"


def test_other_mistakes_in_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'athlete = "ana"\nwarhouse = "x"\n')
    with pytest.raises(ConfigError, match=r"line 2: top level: warhouse is not a known key here"):
        resolve_settings(config=path)
    path = write(tmp_path, '[sources]\ngarmin = "maybe"\n')
    with pytest.raises(
        ConfigError, match=r'line 2: \[sources\]: garmin = "maybe" must be true or false'
    ):
        resolve_settings(config=path)
    path = write(tmp_path, '[coach]\npush = ["fax"]\n')
    with pytest.raises(
        ConfigError,
        match=r'line 2: \[coach\]: push item 1 = "fax" is not allowed; use one of: watch, garmin, ics',
    ):
        resolve_settings(config=path)
    path = write(tmp_path, "athlete = \n")
    with pytest.raises(ConfigError, match=r"not valid TOML \(.*line 1"):
        resolve_settings(config=path)
    with pytest.raises(ConfigError, match="config file not found"):
        resolve_settings(config=tmp_path / "missing.toml")


def test_a_wrong_environment_variable_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNLIFT_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("RUNLIFT_LOCK_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match=r'^RUNLIFT_LOCK_TIMEOUT = "soon" must be a number'):
        resolve_settings()
    monkeypatch.setenv("RUNLIFT_LOCK_TIMEOUT", "5")
    monkeypatch.setenv("RUNLIFT_WORKERS", "2.5")
    with pytest.raises(ConfigError, match=r'^RUNLIFT_WORKERS = "2.5" must be a whole number'):
        resolve_settings()
