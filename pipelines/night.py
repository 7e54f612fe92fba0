"""A night's order of work, shared by the Prefect flows and the direct run: every source, then
the training model, then next week's plan.

Plain Python, no Prefect: the steps come from a `NightSteps`, which runs them as Prefect
tasks inside the `nightly` and `replan` flows (`nightly.TaskSteps`: states, retries, logs in
the UI) or as plain calls in this process when there is no Prefect server
(`direct.DirectSteps`). Either way the night ends in the same `NightReport`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pipelines.sources import NightReport, SourceOutcome, SourceSpec
from pipelines.steps import plan_line, push_line, refresh_line

if TYPE_CHECKING:
    from runlift_sync.coach.service import PlannedWeek
    from runlift_sync.config import Settings
    from runlift_sync.model import RefreshReport
    from runlift_sync.push.push_week import PushOutcome


@dataclass(frozen=True)
class StepResult[T]:
    """How a step after loading ended: its value, or (failed) the exception or the reason."""

    completed: bool
    value: T | BaseException | None
    message: str = ""


class NightSteps(Protocol):
    """Runs a night's steps: as Prefect tasks, or directly."""

    def pull(self, settings: Settings, spec: SourceSpec) -> SourceOutcome: ...

    def refresh(self, settings: Settings) -> StepResult[RefreshReport]: ...

    def plan(self, settings: Settings, *, refresh: bool) -> StepResult[PlannedWeek | None]: ...

    def push(self, settings: Settings) -> StepResult[PushOutcome | None]: ...

    def log(self, level: int, message: str) -> None: ...


def settings_for(warehouse: str | None, athlete: str | None, config: str | None) -> Settings:
    """The settings of a run from its parameters (strings: they are stored with the run)."""
    from runlift_sync.config import resolve_settings

    return resolve_settings(
        warehouse=Path(warehouse).expanduser() if warehouse else None,
        athlete=athlete,
        config=Path(config).expanduser() if config else None,
    )


def run_night(settings: Settings, specs: list[SourceSpec], steps: NightSteps) -> NightReport:
    """Pull every source in turn (one failing never stops the others), then model and plan;
    push the accepted week where `[coach] push` asks (watch, Garmin Connect, a calendar)."""
    night = NightReport()
    for spec in specs:
        outcome = steps.pull(settings, spec)
        night.sources.append(outcome)
        level = logging.INFO if outcome.status in ("ok", "skipped") else logging.WARNING
        steps.log(level, outcome.summary_line())
    model_and_plan(settings, night, steps)
    if settings.config.coach.push:
        record_step(night, "push", steps.push(settings), push_line, steps, ok=_pushed_all)
    return night


def _pushed_all(outcome: PushOutcome | None) -> bool:
    return outcome is None or outcome.exit_code == 0


def model_and_plan(settings: Settings, night: NightReport, steps: NightSteps) -> None:
    """The steps after loading (nightly and replan): the marts, then next week's plan (on
    the marts just refreshed; refreshing them again only when the marts step failed)."""
    marts = steps.refresh(settings)
    record_step(night, "marts", marts, refresh_line, steps, ok=lambda report: report.ok)
    planned = steps.plan(settings, refresh=not marts.completed)
    record_step(night, "plan", planned, plan_line, steps)


def record_step[T](
    night: NightReport,
    name: str,
    result: StepResult[T],
    line: Callable[[T], str],
    steps: NightSteps,
    *,
    ok: Callable[[T], bool] = lambda _: True,
) -> None:
    """A step after loading (marts, plan): its summary line, or why it failed; logged."""
    value: Any = result.value
    if result.completed:
        night.steps[name] = line(value)
        if not ok(value):
            night.failed_steps.append(name)
    else:
        night.steps[name] = str(value) if isinstance(value, BaseException) else result.message
        night.failed_steps.append(name)
    level = logging.WARNING if name in night.failed_steps else logging.INFO
    steps.log(level, f"{name}: {night.steps[name]}")
