"""`runlift login` and `runlift sync --garmin` in process, on the fake account."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipelines import steps
from runlift_sync.cli import app
from runlift_sync.config import Settings
from runlift_sync.garmin_sync import sync_garmin
from runlift_sync.sources.garmin_connect import login
from runlift_sync.sources.garmin_connect.login import login_with_credentials
from tests.garmin.fake_connect import FakeConnect
from tests.garmin.helpers import TODAY, Clock, add_run, add_wellness_day, make_garmin

runner = CliRunner()
# `runlift sync` runs the nightly flow's work; no Prefect server here: directly, in process


@pytest.fixture
def cli_env(gsettings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The CLI pointed at the test warehouse and token store, syncing the fake account."""
    monkeypatch.setattr(
        steps,
        "sync_garmin",
        functools.partial(
            sync_garmin, garmin_factory=make_garmin, spacing_s=0.0, today=TODAY, clock=Clock()
        ),
    )
    return {
        "RUNLIFT_WAREHOUSE": str(gsettings.warehouse),
        "RUNLIFT_TOKEN_DIR": str(gsettings.token_dir),
        "RUNLIFT_CONFIG": str(tmp_path / "absent.toml"),
    }


def test_sync_garmin(fake: FakeConnect, cli_env: dict[str, str]) -> None:
    add_run(fake, 1, dt.datetime.combine(TODAY, dt.time(5)))
    add_wellness_day(fake, TODAY)
    result = runner.invoke(app, ["sync", "--garmin", "--since", str(TODAY)], env=cli_env)
    assert result.exit_code == 0, result.output
    assert "new activities" in result.output and "1 days with data" in result.output


def test_sync_from_the_config_file(
    fake: FakeConnect, cli_env: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[sources]\ngarmin = true\n", encoding="utf-8")
    result = runner.invoke(
        app, ["sync", "--since", str(TODAY)], env={**cli_env, "RUNLIFT_CONFIG": str(config)}
    )
    assert result.exit_code == 0, result.output


def test_sync_without_a_source_says_what_to_do(cli_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["sync"], env=cli_env)
    assert result.exit_code == 1
    assert "pass --garmin" in result.output


def test_sync_since_in_the_future_is_refused(cli_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["sync", "--garmin", "--since", "2999-01-01"], env=cli_env)
    assert result.exit_code == 1 and "in the future" in result.output


def test_rate_limited_sync_exits_2_and_says_it_resumes(
    fake: FakeConnect, cli_env: dict[str, str]
) -> None:
    add_wellness_day(fake, TODAY)
    fake.fail("/hrv-service/", 429)
    result = runner.invoke(app, ["sync", "--garmin", "--since", str(TODAY)], env=cli_env)
    assert result.exit_code == 2, result.output
    assert "429" in result.output and "resumes" in result.output


def test_expired_login_exits_1_with_the_one_thing_to_do(
    fake: FakeConnect, cli_env: dict[str, str], no_library_sleep: list[float]
) -> None:
    fake.revoke()
    result = runner.invoke(app, ["sync", "--garmin"], env=cli_env)
    assert result.exit_code == 1
    assert "run `runlift login`" in result.output
    assert "Traceback" not in result.output


def test_an_outage_is_reported_without_library_tracebacks(
    fake: FakeConnect, cli_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    add_wellness_day(fake, TODAY)
    fake.fail("/hrv-service/", 502)
    with caplog.at_level(logging.WARNING):
        result = runner.invoke(app, ["sync", "--garmin", "--since", str(TODAY)], env=cli_env)
    assert result.exit_code == 2, result.output
    assert "502" in result.output and "Traceback" not in result.output
    # garminconnect logs the failure with its traceback at ERROR; runlift turns that to DEBUG
    assert not [
        r
        for r in caplog.records
        if r.name.startswith("garminconnect") and r.levelno >= logging.WARNING
    ]


def test_login_prompts_and_never_echoes_the_password(
    cli_env: dict[str, str], gsettings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    class Stub:
        display_name = "runner42"

        class client:
            di_token, di_refresh_token = "t", "r"

            @staticmethod
            def dump(path: str) -> None:
                (Path(path) / "garmin_tokens.json").write_text(
                    json.dumps({"di_token": "t", "di_refresh_token": "r", "di_client_id": "c"}),
                    encoding="utf-8",
                )

        def login(self, tokenstore: str) -> None:
            seen["mfa"] = seen["prompt_mfa"]()

    def factory(email: str, password: str, prompt_mfa: Any) -> Stub:
        seen.update(email=email, password=password, prompt_mfa=prompt_mfa)
        return Stub()

    monkeypatch.setattr(
        login,
        "login_with_credentials",
        functools.partial(login_with_credentials, garmin_factory=factory),
    )
    result = runner.invoke(
        app, ["login"], env=cli_env, input="me@example.org\nhunter2-secret\n424242\n"
    )
    assert result.exit_code == 0, result.output
    assert (seen["email"], seen["password"], seen["mfa"]) == (
        "me@example.org",
        "hunter2-secret",
        "424242",
    )
    assert "hunter2-secret" not in result.output
    assert "signed in to Garmin Connect as runner42" in result.output
    saved = json.loads((gsettings.token_dir / "garmin_tokens.json").read_text(encoding="utf-8"))
    assert saved["di_refresh_token"] == "r" and "password" not in json.dumps(saved)


def test_an_original_still_pending_makes_the_night_partial(
    fake: FakeConnect, cli_env: dict[str, str]
) -> None:
    add_run(fake, 1, dt.datetime.combine(TODAY, dt.time(5)))
    fake.activities[1].original = b"<html>down for maintenance</html>"
    result = runner.invoke(app, ["sync", "--garmin", "--since", str(TODAY)], env=cli_env)
    assert result.exit_code == 2, result.output
    assert "could not be downloaded yet" in result.output and "partial" in result.output


def test_a_privacy_protected_summary_exits_1_with_what_to_do(
    fake: FakeConnect, cli_env: dict[str, str]
) -> None:
    fake.wellness[("user_summary", TODAY)] = {
        "calendarDate": TODAY.isoformat(),
        "privacyProtected": True,
    }
    result = runner.invoke(app, ["sync", "--garmin", "--since", str(TODAY)], env=cli_env)
    assert result.exit_code == 1, result.output
    assert "privacy-protected" in result.output and "runlift login" in result.output
    assert "Traceback" not in result.output
