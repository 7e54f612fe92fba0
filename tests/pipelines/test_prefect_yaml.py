"""prefect.yaml: every deployment points at a flow of `pipelines`, the nightly at 03:30."""

from __future__ import annotations

from pathlib import Path

import yaml
from prefect.flows import load_flow_from_entrypoint

from runlift_sync.config import DEFAULT_CRON

ROOT = Path(__file__).resolve().parents[2]


def test_deployments_load_their_flows(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # entrypoints are relative to the project, as for `prefect deploy`
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    deployments = {d["name"]: d for d in config["deployments"]}
    assert set(deployments) == {"nightly", "backfill", "replan"}
    for name, deployment in deployments.items():
        flow = load_flow_from_entrypoint(deployment["entrypoint"])
        assert flow.name == name
        assert deployment["work_pool"]["name"] == "runlift"
        assert set(deployment["parameters"]) <= set(flow.parameters.properties)
    (schedule,) = deployments["nightly"]["schedules"]
    assert schedule["cron"] == DEFAULT_CRON
