"""The flows' work run directly in this process, without Prefect: for when no Prefect server is
there to report to (no PREFECT_API_URL, no `runlift serve` running).

A Prefect flow run needs a Prefect API; without one, Prefect 3 starts a temporary server in a
subprocess for every command (10–60 s on a busy 2-core machine, for under a second of work)
and writes its database to ~/.prefect. So `runlift sync`, `replan` and `backfill` without a
server run the same steps in the same order (`night.run_night`, `steps.*`) as plain calls,
without importing Prefect: same warehouse, same `NightReport`, same messages; a transient
failure is tried again like the flow's tasks would (`steps.RETRIES`, `RETRY_DELAYS_S` apart,
when retries are asked for). What only a server gives (states, logs and progress in the UI,
the schedule) needs one: `runlift serve` or PREFECT_API_URL.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines import steps
from pipelines.night import StepResult, model_and_plan, run_night, settings_for
from pipelines.progress import ImportProgress
from pipelines.sources import NightReport, SourceOutcome, SourceSpec, plan_sources
from runlift_sync.errors import ConfigError, RunliftError
from runlift_sync.ingest import import_paths
from runlift_sync.stopping import raise_if_stopping

if TYPE_CHECKING:
    from runlift_sync.coach.service import PlannedWeek
    from runlift_sync.config import Settings
    from runlift_sync.ingest import ImportSummary
    from runlift_sync.model import RefreshReport
    from runlift_sync.push.push_week import PushOutcome

log = logging.getLogger("runlift_sync.pipelines")


@dataclass(frozen=True)
class DirectRun[T]:
    """What a direct run returned, and its one-line message (a flow's final-state message)."""

    result: T
    message: str
    ok: bool = True


class DirectSteps:
    """A night's steps as plain calls; a transient failure tried again `retries` times."""

    def __init__(self, retries: int | None, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.retries = steps.RETRIES if retries is None else retries
        self.sleep = sleep

    def _delays(self) -> list[float]:
        """The waits before each try after the first (the last delay repeats)."""
        delays = steps.RETRY_DELAYS_S
        return [delays[min(i, len(delays) - 1)] for i in range(self.retries)]

    def pull(self, settings: Settings, spec: SourceSpec) -> SourceOutcome:
        progress = ImportProgress(spec.label, key="", to_ui=False)
        for delay in [*self._delays(), None]:
            try:
                outcome = steps.pull_source(
                    settings, spec, progress=progress, on_start=progress.start
                )
            except Exception as exc:  # a bug: reported like the flow's task would, with its trace
                raise_if_stopping(exc)
                log.error("pulling %s failed unexpectedly", spec.label, exc_info=exc)
                return SourceOutcome(
                    spec.label,
                    "failed",
                    f"unexpected error: {exc!r} (a bug: please report it with the trace above)",
                    error_class=type(exc).__name__,
                )
            if not outcome.retryable or delay is None:
                return outcome
            log.warning("%s; trying again in %g s", outcome.summary_line(), delay)
            self.sleep(delay)
        raise AssertionError("unreachable: the last try returns")

    def refresh(self, settings: Settings) -> StepResult[RefreshReport]:
        return self._call(steps.refresh_model, settings)

    def plan(self, settings: Settings, *, refresh: bool) -> StepResult[PlannedWeek | None]:
        return self._call(partial(steps.adjust_plan, refresh=refresh), settings)

    def push(self, settings: Settings) -> StepResult[PushOutcome | None]:
        return self._call(steps.push_planned_week, settings, retry=False)  # a 429 waits a day

    def _call[T](
        self, step: Callable[[Settings], T], settings: Settings, *, retry: bool = True
    ) -> StepResult[T]:
        for delay in [*(self._delays() if retry else []), None]:
            try:
                return StepResult(True, step(settings))
            except Exception as exc:  # the step failed: the night records it and goes on
                raise_if_stopping(exc)  # unless it was a Ctrl-C or SIGTERM DuckDB swallowed
                if steps.is_retryable(exc) and delay is not None:
                    log.warning("%s; trying again in %g s", exc, delay)
                    self.sleep(delay)
                    continue
                if not isinstance(exc, RunliftError):
                    log.error("%s failed unexpectedly", step.__name__, exc_info=exc)
                return StepResult(False, exc, str(exc))
        raise AssertionError("unreachable: the last try returns")

    def log(self, level: int, message: str) -> None:
        """The lines a flow run logs for the UI; here the caller shows the `NightReport`
        itself (the CLI's table), so they are INFO at most (seen with --verbose)."""
        log.log(min(level, logging.INFO), "%s", message)


def nightly(
    watch: str | None = None,
    folders: list[str] | None = None,
    garmin: bool = False,
    garmin_since: str | None = None,
    retries: int | None = None,
    warehouse: str | None = None,
    athlete: str | None = None,
    config: str | None = None,
) -> DirectRun[NightReport]:
    """The nightly flow's work (`pipelines.nightly.nightly`, same parameters), directly."""
    settings = settings_for(warehouse, athlete, config)
    specs = plan_sources(
        settings, watch=watch, folders=folders or [], garmin=garmin, garmin_since=garmin_since
    )
    night = run_night(settings, specs, DirectSteps(retries))
    return DirectRun(night, night.message(), night.ok)


def replan(
    retries: int | None = None,
    warehouse: str | None = None,
    athlete: str | None = None,
    config: str | None = None,
) -> DirectRun[NightReport]:
    """The replan flow's work (`pipelines.replan.replan`), directly."""
    night = NightReport(pulls=False)
    model_and_plan(settings_for(warehouse, athlete, config), night, DirectSteps(retries))
    return DirectRun(night, night.message(), night.ok)


def backfill(
    paths: list[str],
    runner: str = "process",
    workers: int = 0,
    dask_address: str | None = None,
    refresh: bool = True,
    warehouse: str | None = None,
    athlete: str | None = None,
    config: str | None = None,
) -> DirectRun[ImportSummary]:
    """The backfill flow's work (`pipelines.backfill.backfill`), directly: decoding on a local
    process pool (runlift's own, as `runlift import`), loading through the one writer."""
    if runner != "process":
        raise ConfigError(
            f"--runner {runner} runs its decoding as Prefect tasks, which report to a Prefect "
            "server: set PREFECT_API_URL to one every worker can reach, or use --runner process"
        )
    del dask_address  # only for --runner dask
    settings = settings_for(warehouse, athlete, config)
    progress = ImportProgress("backfill", key="", to_ui=False)
    summary = import_paths(
        settings,
        [Path(p) for p in paths],
        workers=workers,
        progress=progress,
        on_start=progress.start,
        command="runlift backfill",
    )
    report = steps.refresh_model(settings, command="runlift backfill") if refresh else None
    return DirectRun(summary, steps.backfill_line(summary, report))


#: The direct run of each flow, by the flow's name.
RUNS: dict[str, Callable[..., DirectRun[Any]]] = {
    "nightly": nightly,
    "replan": replan,
    "backfill": backfill,
}
