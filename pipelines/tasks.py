"""The Prefect tasks of the nightly and replan flows: one-line wrappers around `steps`.

Retries only where trying again can succeed: a source whose failure is transient (Garmin
Connect unreachable after the library's own retries, the warehouse held by another runlift
command) is retried a few minutes later; a pull resumes from the watermark, an import skips
what it already has, so a retry repeats nothing. A rate limit (HTTP 429) is never retried
(Garmin asks us to come back tomorrow), and neither is a file that did not decode (the
decode tasks in `decoding.py` have no retries: those files are quarantined).

A source that fails ends its task in a Failed state with the reason as message and the
`SourceOutcome` as data, without a traceback: the flow reads the outcome and goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.states import Failed, State

from pipelines import steps
from pipelines.progress import ImportProgress
from pipelines.sources import SourceOutcome, SourceSpec
from runlift_sync.coach.service import PlannedWeek
from runlift_sync.config import Settings
from runlift_sync.model import RefreshReport

if TYPE_CHECKING:  # garminconnect is imported only when a week is pushed
    from runlift_sync.push.push_week import PushOutcome


def is_transient(task: Any, task_run: TaskRun, state: State[Any]) -> bool:
    """Prefect's retry condition: retry a transient failure, nothing else."""
    data = state.data
    if isinstance(data, SourceOutcome):
        return data.retryable
    if isinstance(data, BaseException):
        return steps.is_retryable(data)
    return False


def as_state(outcome: SourceOutcome) -> SourceOutcome | State[SourceOutcome]:
    """A failed (or transiently incomplete) outcome as a Failed task state; else itself."""
    if outcome.status == "failed" or outcome.retryable:
        return Failed(message=outcome.summary_line(), data=outcome)
    return outcome


def _artifact_key(spec: SourceSpec) -> str:
    return f"import-{spec.kind.replace('_', '-')}"


@task(
    name="pull source",
    task_run_name="pull {spec.label}",
    cache_policy=NO_CACHE,
    retries=steps.RETRIES,
    retry_delay_seconds=steps.RETRY_DELAYS_S,
    retry_condition_fn=is_transient,
)
def pull_source(settings: Settings, spec: SourceSpec) -> SourceOutcome | State[SourceOutcome]:
    """Pull one source: watch or folder (import the new files) or Garmin Connect."""
    progress = ImportProgress(spec.label, key=_artifact_key(spec))
    return as_state(steps.pull_source(settings, spec, progress=progress, on_start=progress.start))


@task(
    name="refresh marts",
    task_run_name="refresh marts",
    cache_policy=NO_CACHE,
    retries=steps.RETRIES,
    retry_delay_seconds=steps.RETRY_DELAYS_S,
    retry_condition_fn=is_transient,
)
def refresh_marts(settings: Settings) -> RefreshReport:
    """Recompute the training model (runs, lifting, load, fitness, weeks)."""
    return steps.refresh_model(settings)


@task(
    name="plan next week",
    task_run_name="plan next week",
    cache_policy=NO_CACHE,
    retries=steps.RETRIES,
    retry_delay_seconds=steps.RETRY_DELAYS_S,
    retry_condition_fn=is_transient,
)
def plan_next_week(settings: Settings, refresh: bool = True) -> PlannedWeek | None:
    """Adjust next week's plan (the `[coach] plan` file) and store it for review (`refresh`:
    the marts first; False when the flow's marts task just refreshed them)."""
    return steps.adjust_plan(settings, refresh=refresh)


@task(name="push the week", task_run_name="push the week", cache_policy=NO_CACHE)
def push_week(settings: Settings) -> PushOutcome | None:
    """Push the accepted week where `[coach] push` says; never retried (a 429 waits a day)."""
    return steps.push_planned_week(settings)
