"""The replan flow: the training model and next week's plan again, nothing pulled.

For after a change that is not new data: landmarks or the time zone edited in the config, a
plan file rewritten, a `runlift rebuild`.
"""

from __future__ import annotations

from prefect import flow
from prefect.states import State

from pipelines.night import model_and_plan, settings_for
from pipelines.nightly import TaskSteps, final_state
from pipelines.sources import NightReport


@flow(name="replan", log_prints=False)
def replan(
    retries: int | None = None,
    warehouse: str | None = None,
    athlete: str | None = None,
    config: str | None = None,
) -> State[NightReport]:
    """Refresh the marts and adjust next week's plan from what the warehouse holds
    (`retries` as for the nightly flow)."""
    night = NightReport(pulls=False)
    model_and_plan(settings_for(warehouse, athlete, config), night, TaskSteps(retries))
    return final_state(night)
