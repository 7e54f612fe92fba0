"""The nightly flow: every source → import → training model → next week's plan.

Sources run one after the other (they share the one warehouse writer); a source that fails
(a folder gone, Garmin unreachable, the login expired) is reported and the others still run.
The model is refreshed every night, new files or not (fitness decays on rest days too). The
flow ends Completed when every source ran (or had nothing to run: a watch not plugged in),
Failed when a source or a step failed; either way its message says what happened, and the
returned `NightReport` has the details.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import Task, flow, get_run_logger
from prefect.states import Completed, Failed, State

from pipelines import tasks
from pipelines.sources import NightReport, SourceOutcome, SourceSpec, plan_sources
from pipelines.steps import plan_line, push_line, refresh_line
from runlift_sync.config import Settings, resolve_settings
from runlift_sync.push.push_week import PushOutcome


@flow(name="nightly", log_prints=False)
def nightly(
    watch: str | None = None,
    folders: list[str] | None = None,
    garmin: bool = False,
    garmin_since: str | None = None,
    retries: int | None = None,
    warehouse: str | None = None,
    athlete: str | None = None,
    config: str | None = None,
) -> State[NightReport]:
    """Pull every source, refresh the marts, adjust next week's plan; push the accepted week
    where `[coach] push` asks (watch, Garmin Connect, a calendar file).

    Sources: `watch` (a mount point or "auto"), `folders`, `garmin` (from `garmin_since`,
    YYYY-MM-DD, instead of the stored watermark); none given → the config's `[sources]`.
    `retries`: tries again after a transient failure (none → `tasks.RETRIES`, minutes apart:
    right for a night; `runlift sync` at the terminal passes 0 and reports at once).
    `warehouse`, `athlete`, `config` as on the command line (none → RUNLIFT_* environment,
    then the config file).
    """
    logger = get_run_logger()
    settings = resolve_settings(warehouse=_path(warehouse), athlete=athlete, config=_path(config))
    night = NightReport()
    specs = plan_sources(
        settings, watch=watch, folders=folders or [], garmin=garmin, garmin_since=garmin_since
    )
    pull = _with_retries(tasks.pull_source, retries)
    for spec in specs:
        outcome = _outcome(spec, pull(settings, spec, return_state=True))
        night.sources.append(outcome)
        level = logging.INFO if outcome.status in ("ok", "skipped") else logging.WARNING
        logger.log(level, "%s", outcome.summary_line())
    model_and_plan(settings, night, retries=retries)
    if settings.config.coach.push:
        pushed = tasks.push_week(settings, return_state=True)
        record_step(night, "push", pushed, push_line, ok=_pushed_all)
    return final_state(night)


def _pushed_all(outcome: PushOutcome | None) -> bool:
    return outcome is None or outcome.exit_code == 0


def model_and_plan(settings: Settings, night: NightReport, *, retries: int | None = None) -> None:
    """The steps after loading (nightly and replan): the marts, then next week's plan."""
    marts = _with_retries(tasks.refresh_marts, retries)(settings, return_state=True)
    record_step(night, "marts", marts, refresh_line, ok=lambda report: report.ok)
    plan = _with_retries(tasks.plan_next_week, retries)(settings, return_state=True)
    record_step(night, "plan", plan, plan_line)


def _with_retries[F: Task[..., Any]](task: F, retries: int | None) -> F:
    """`task`, or a copy that retries `retries` times (0: report a transient failure now)."""
    return task if retries is None else task.with_options(retries=retries)  # type: ignore[return-value]


def final_state(night: NightReport) -> State[NightReport]:
    """Completed when every source and step worked, else Failed; the message says all."""
    return (Completed if night.ok else Failed)(message=night.message(), data=night)


def _path(text: str | None) -> Path | None:
    return Path(text).expanduser() if text else None


def _outcome(spec: SourceSpec, state: State[SourceOutcome]) -> SourceOutcome:
    """The outcome a pull task returned, or (a bug inside it) the exception it ended with."""
    data = state.result(raise_on_failure=False)
    if isinstance(data, SourceOutcome):
        return data
    return SourceOutcome(
        spec.label,
        "failed",
        f"unexpected error: {data!r} (a bug: please report it with the flow run's logs)",
        error_class=type(data).__name__,
    )


def record_step[T](
    night: NightReport,
    name: str,
    state: State[T],
    line: Callable[[T], str],
    *,
    ok: Callable[[T], bool] = lambda _: True,
) -> None:
    """A step after loading (marts, plan): its summary line, or why it failed; logged."""
    data: Any = state.result(raise_on_failure=False)
    if state.is_completed():
        night.steps[name] = line(data)
        if not ok(data):
            night.failed_steps.append(name)
    else:
        night.steps[name] = str(data) if isinstance(data, BaseException) else str(state.message)
        night.failed_steps.append(name)
    level = logging.WARNING if name in night.failed_steps else logging.INFO
    get_run_logger().log(level, "%s: %s", name, night.steps[name])
