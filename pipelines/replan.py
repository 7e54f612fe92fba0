"""The replan flow: the training model and next week's plan again, nothing pulled.

For after a change that is not new data: landmarks or the time zone edited in the config, a
plan file rewritten, a `runlift rebuild`.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow
from prefect.states import State

from pipelines.nightly import final_state, model_and_plan
from pipelines.sources import NightReport
from runlift_sync.config import resolve_settings


@flow(name="replan", log_prints=False)
def replan(
    retries: int | None = None,
    warehouse: str | None = None,
    athlete: str | None = None,
    config: str | None = None,
) -> State[NightReport]:
    """Refresh the marts and adjust next week's plan from what the warehouse holds
    (`retries` as for the nightly flow)."""
    settings = resolve_settings(
        warehouse=Path(warehouse).expanduser() if warehouse else None,
        athlete=athlete,
        config=Path(config).expanduser() if config else None,
    )
    night = NightReport(pulls=False)
    model_and_plan(settings, night, retries=retries)
    return final_state(night)
