"""The direct run's retries (no Prefect server): only what may pass is tried again, the
flow tasks' delays apart, and a bug in a step is reported, not raised."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from pipelines import direct, steps
from pipelines.night import model_and_plan
from pipelines.sources import NightReport, SourceOutcome, SourceSpec
from runlift_sync.coach import service
from runlift_sync.config import ConfigFile, Settings
from runlift_sync.db import open_reader
from runlift_sync.errors import ConfigError, WarehouseBusyError
from tests.conftest import ROOT


def flaky(failures: list[BaseException], value: Any = "done") -> Any:
    """A step that raises each of `failures` in turn, then returns `value`."""
    calls: list[int] = []

    def step(settings: Settings, **options: Any) -> Any:
        calls.append(options)
        if failures:
            raise failures.pop(0)
        return value

    step.calls = calls  # type: ignore[attr-defined]
    return step


def test_a_busy_warehouse_is_tried_again_after_the_tasks_delays(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    busy = WarehouseBusyError("held by another runlift")
    step = flaky([busy, busy])
    monkeypatch.setattr(steps, "refresh_model", step)
    slept: list[float] = []
    result = direct.DirectSteps(None, sleep=slept.append).refresh(settings)
    assert result.completed and result.value == "done"
    assert slept == steps.RETRY_DELAYS_S  # the Prefect task's delays: 120 s, then 600 s
    assert len(step.calls) == 3


def test_no_retries_asked_reports_the_transient_failure_at_once(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(steps, "adjust_plan", flaky([WarehouseBusyError("busy")]))
    slept: list[float] = []
    result = direct.DirectSteps(0, sleep=slept.append).plan(settings, refresh=True)
    assert not result.completed and isinstance(result.value, WarehouseBusyError)
    assert slept == []


def test_a_bad_config_is_not_retried(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    step = flaky([ConfigError("[athletes.me] hr_max = 'x' is not a number")])
    monkeypatch.setattr(steps, "refresh_model", step)
    result = direct.DirectSteps(2, sleep=lambda _: None).refresh(settings)
    assert not result.completed and "hr_max" in result.message
    assert len(step.calls) == 1


def test_a_bug_in_a_pull_fails_that_source_only(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> SourceOutcome:
        raise KeyError("lap")

    monkeypatch.setattr(steps, "pull_source", broken)
    outcome = direct.DirectSteps(0).pull(settings, SourceSpec("fit_folder", "/exports"))
    assert (outcome.status, outcome.error_class) == ("failed", "KeyError")
    assert outcome.message.startswith("unexpected error: KeyError('lap')")


def test_a_night_refreshes_the_marts_once_with_the_plans_athlete(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The marts step models the plan's [athlete] (hr_max 188 here, no config) and the plan
    step reads those marts: one refresh a night, the same numbers as `runlift plan next`."""
    plan = tmp_path / "plan.toml"
    shutil.copy(ROOT / "runlift_sync" / "demo" / "plan.toml", plan)
    config = ConfigFile.model_validate({"coach": {"plan": str(plan)}})
    settings = dataclasses.replace(settings, config=config)
    refreshes: list[object] = []
    real = steps.refresh_marts

    def counted(*args: Any, **kwargs: Any) -> Any:
        refreshes.append(kwargs.get("athlete_overrides"))
        return real(*args, **kwargs)

    monkeypatch.setattr(steps, "refresh_marts", counted)
    monkeypatch.setattr(service, "refresh_marts", counted)
    night = NightReport(pulls=False)
    model_and_plan(settings, night, direct.DirectSteps(0))
    assert night.failed_steps == [], night.steps
    assert len(refreshes) == 1
    assert refreshes[0] == {
        "sex": "female",
        "hr_max": 188,
        "hr_rest": 48,
        "timezone": "Europe/Berlin",
    }
    with open_reader(settings.warehouse) as con:
        weeks = con.execute("SELECT count(*) FROM plans").fetchone()
    assert weeks is not None and weeks[0] == 1


def test_the_plan_refreshes_the_marts_itself_when_the_marts_step_failed(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(ROOT / "runlift_sync" / "demo" / "plan.toml", plan)
    settings = dataclasses.replace(
        settings, config=ConfigFile.model_validate({"coach": {"plan": str(plan)}})
    )
    monkeypatch.setattr(steps, "refresh_model", flaky([ConfigError("broken")] * 3))
    planned = flaky([], value=None)
    monkeypatch.setattr(steps, "adjust_plan", planned)
    night = NightReport(pulls=False)
    model_and_plan(settings, night, direct.DirectSteps(0))
    assert night.failed_steps == ["marts"]
    assert planned.calls == [{"refresh": True}]
