"""The backfill flow on a process pool and on a local 2-worker Dask cluster: same warehouse."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest

from pipelines import progress
from pipelines.backfill import backfill
from runlift_sync.config import Settings
from runlift_sync.db.file_loader import FileOutcome
from runlift_sync.demo import SeasonSummary
from runlift_sync.ingest import import_paths
from tests.pipelines.helpers import run, snapshot

pytestmark = pytest.mark.usefixtures("prefect_server")


class Recorder:
    """A progress listener like the CLI's bar."""

    def __init__(self) -> None:
        self.started: list[tuple[str, int]] = []
        self.outcomes: list[str] = []

    def start(self, what: str, total: int) -> None:
        self.started.append((what, total))

    def advance(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome.origin)


def progress_in_ui(flow_run_id: UUID) -> float:
    """The backfill's progress artifact, as the Prefect UI shows it on the flow run."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        (artifact,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    assert artifact.type == "progress" and artifact.key == "backfill-progress"
    return float(artifact.data)


def _backfill(season: SeasonSummary, warehouse: Path, runner: str) -> tuple[object, Recorder]:
    recorder = Recorder()
    with progress.listen(recorder):
        state = run(
            backfill,
            paths=[str(season.mount)],
            runner=runner,
            workers=2,
            refresh=False,
            warehouse=str(warehouse),
            athlete="demo",
        )
    assert state.is_completed(), state.message
    return state, recorder


@pytest.mark.slow  # starts 2 worker processes and a 2-worker Dask cluster (~1 min on 2 cores)
def test_process_pool_and_dask_build_the_same_warehouse(
    season: SeasonSummary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n_files = len(season.paths)
    by_process = tmp_path / "process" / "runlift.duckdb"
    state, recorder = _backfill(season, by_process, "process")
    summary = state.result()
    assert summary.counts == {"loaded": n_files}
    assert summary.n_records == season.records
    assert recorder.started == [("backfill", n_files)]
    assert sorted(recorder.outcomes) == sorted(str(p) for p in season.paths)
    assert state.message.startswith(f"{n_files} files: {n_files} new;")
    assert progress_in_ui(state.state_details.flow_run_id) == 100.0

    by_dask = tmp_path / "dask" / "runlift.duckdb"
    _backfill(season, by_dask, "dask")

    # the reference: a plain import, decoded in this process
    inline = tmp_path / "inline" / "runlift.duckdb"
    import_paths(
        Settings(warehouse=inline, athlete="demo", config_path=tmp_path / "none.toml"),
        [season.mount],
        workers=1,
    )
    reference = snapshot(inline)
    assert sum(len(rows) for rows in reference.values()) > season.records  # records and more
    assert snapshot(by_process) == reference
    assert snapshot(by_dask) == reference
