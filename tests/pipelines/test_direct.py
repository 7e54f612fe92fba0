"""The direct run's retries (no Prefect server): only what may pass is tried again, the
flow tasks' delays apart, and a bug in a step is reported, not raised."""

from __future__ import annotations

from typing import Any

import pytest

from pipelines import direct, steps
from pipelines.sources import SourceOutcome, SourceSpec
from runlift_sync.config import Settings
from runlift_sync.errors import ConfigError, WarehouseBusyError


def flaky(failures: list[BaseException], value: Any = "done") -> Any:
    """A step that raises each of `failures` in turn, then returns `value`."""
    calls: list[int] = []

    def step(settings: Settings) -> Any:
        calls.append(1)
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
    result = direct.DirectSteps(0, sleep=slept.append).plan(settings)
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
