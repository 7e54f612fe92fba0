"""The nightly flow: every source → import → training model → next week's plan.

Sources run one after the other (they share the one warehouse writer); a source that fails
(a folder gone, Garmin unreachable, the login expired) is reported and the others still run.
The model is refreshed every night, new files or not (fitness decays on rest days too). The
flow ends Completed when every source ran (or had nothing to run: a watch not plugged in),
Failed when a source or a step failed; either way its message says what happened, and the
returned `NightReport` has the details. The order of the steps is `night.run_night`, which
the direct run (`direct.py`, no Prefect server) shares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prefect import Task, flow, get_run_logger
from prefect.states import Completed, Failed, State

from pipelines import tasks
from pipelines.night import StepResult, run_night, settings_for
from pipelines.sources import NightReport, SourceOutcome, SourceSpec, plan_sources
from runlift_sync.coach.service import PlannedWeek
from runlift_sync.config import Settings
from runlift_sync.model import RefreshReport

if TYPE_CHECKING:  # garminconnect is imported only when a week is pushed
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
    `retries`: tries again after a transient failure (none → `steps.RETRIES`, minutes apart:
    right for a night; `runlift sync` at the terminal passes 0 and reports at once).
    `warehouse`, `athlete`, `config` as on the command line (none → RUNLIFT_* environment,
    then the config file).
    """
    settings = settings_for(warehouse, athlete, config)
    specs = plan_sources(
        settings, watch=watch, folders=folders or [], garmin=garmin, garmin_since=garmin_since
    )
    return final_state(run_night(settings, specs, TaskSteps(retries)))


class TaskSteps:
    """A night's steps as Prefect tasks of the running flow: states, retries, logs in the UI."""

    def __init__(self, retries: int | None) -> None:
        self.retries = retries
        self.logger = get_run_logger()

    def pull(self, settings: Settings, spec: SourceSpec) -> SourceOutcome:
        pull = _with_retries(tasks.pull_source, self.retries)
        return _outcome(spec, pull(settings, spec, return_state=True))

    def refresh(self, settings: Settings) -> StepResult[RefreshReport]:
        return _result(
            _with_retries(tasks.refresh_marts, self.retries)(settings, return_state=True)
        )

    def plan(self, settings: Settings, *, refresh: bool) -> StepResult[PlannedWeek | None]:
        plan = _with_retries(tasks.plan_next_week, self.retries)
        return _result(plan(settings, refresh, return_state=True))

    def push(self, settings: Settings) -> StepResult[PushOutcome | None]:
        return _result(tasks.push_week(settings, return_state=True))  # never retried

    def log(self, level: int, message: str) -> None:
        self.logger.log(level, "%s", message)


def _with_retries[F: Task[..., Any]](task: F, retries: int | None) -> F:
    """`task`, or a copy that retries `retries` times (0: report a transient failure now)."""
    return task if retries is None else task.with_options(retries=retries)  # type: ignore[return-value]


def _result[T](state: State[T]) -> StepResult[T]:
    return StepResult(
        state.is_completed(), state.result(raise_on_failure=False), str(state.message or "")
    )


def final_state(night: NightReport) -> State[NightReport]:
    """Completed when every source and step worked, else Failed; the message says all."""
    return (Completed if night.ok else Failed)(message=night.message(), data=night)


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
