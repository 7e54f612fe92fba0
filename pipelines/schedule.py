"""The nightly deployment `runlift serve` serves: the nightly flow on a cron in the athlete's zone.

The cron comes from `[schedule] cron` in the config (default "30 3 * * *": 03:30, after the
watch has synced and before the athlete wakes up); the time zone from `[schedule] timezone`,
else the athlete's (`[athletes.<name>] timezone`), else the machine's, else UTC. Cron in a
named zone follows daylight saving time: 03:30 stays 03:30 on the athlete's clock.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron, Schedule
from prefect.types.entrypoint import EntrypointType

from pipelines.nightly import nightly
from runlift_sync.config import Settings, check_timezone
from runlift_sync.errors import ConfigError

DEPLOYMENT_NAME = "nightly"
ZONEINFO_MARK = "zoneinfo/"


def system_timezone() -> str | None:
    """The machine's IANA time zone name (TZ, /etc/localtime, /etc/timezone), if it has one."""
    candidates: list[str] = []
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        candidates.append(tz)
    try:
        target = os.readlink("/etc/localtime")
        if ZONEINFO_MARK in target:
            candidates.append(target.split(ZONEINFO_MARK, 1)[1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        try:
            check_timezone(name, where="the machine's time zone")
        except ConfigError:
            continue
        return name
    return None


def schedule_timezone(settings: Settings, override: str | None = None) -> str:
    """The zone the nightly cron runs in: given, [schedule], the athlete's, the machine's, UTC."""
    name = (
        override
        or settings.config.schedule.timezone
        or settings.timezone
        or system_timezone()
        or "UTC"
    )
    check_timezone(name, where="the schedule's time zone", path=settings.config_path)
    return name


def nightly_schedule(
    settings: Settings, *, cron: str | None = None, timezone: str | None = None
) -> Schedule:
    """The nightly cron schedule, checked (a wrong cron or zone is a ConfigError)."""
    expression = cron or settings.config.schedule.cron
    zone = schedule_timezone(settings, timezone)
    try:
        return Cron(expression, timezone=zone)
    except ValueError as exc:
        where = "--cron" if cron else "[schedule] cron"
        raise ConfigError(
            f'{where} = "{expression}" is not a cron expression ({exc}); '
            'use five fields, e.g. "30 3 * * *" for 03:30 every day',
            path=None if cron else settings.config_path,
        ) from exc


def nightly_deployment(
    settings: Settings,
    *,
    cron: str | None = None,
    timezone: str | None = None,
    parameters: dict[str, Any] | None = None,
) -> RunnerDeployment:
    """The nightly flow as a deployment on its schedule, ready for `prefect.serve`.

    `parameters` are the flow's defaults for every scheduled run (e.g. the warehouse and the
    config given to `runlift serve`); none → each run resolves them from its environment.
    """
    return nightly.to_deployment(
        name=DEPLOYMENT_NAME,
        schedules=[nightly_schedule(settings, cron=cron, timezone=timezone)],
        parameters=parameters or {},
        description="runlift: pull every source, refresh the marts, adjust next week's plan",
        tags=["runlift"],
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
