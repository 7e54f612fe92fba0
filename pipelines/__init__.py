"""The Prefect flows that run runlift by themselves: nightly sync, backfill, replan.

```
nightly.py    each configured source → import → (marts → plan): the night's run
backfill.py   years of FIT files: decoding spread over a task runner, one writer loads
replan.py     marts and plan again, nothing pulled
tasks.py      the Prefect tasks: one-line wrappers around plain functions (+ retry rules)
steps.py      the plain functions the tasks wrap (no Prefect)
sources.py    which sources tonight, and what each did (plain, no Prefect)
decoding.py   runlift's Decoder seam over a Prefect task runner (process pool or Dask)
progress.py   progress to the Prefect UI (an artifact) and to the CLI's progress bar
night.py      a night's order of steps, shared by the flows and the direct run (no Prefect)
direct.py     the flows' work run directly, without Prefect, when there is no server
runtime.py    where flows report to: the configured server, `runlift serve`'s, or none (direct)
schedule.py   the nightly deployment (cron in the athlete's time zone) that `runlift serve` serves
server.py     a local `prefect server start` (for `runlift serve` and the benchmark)
```

Prefect is imported only in this package. Importing the package itself imports nothing from
Prefect; it only sets runlift's defaults for Prefect's environment (never overriding the
user's), which must happen before Prefect is first imported.
"""

from __future__ import annotations

import os

#: Prefect settings runlift wants unless the user chose otherwise.
PREFECT_DEFAULTS = {
    # no usage reporting from a personal training log
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # runlift's own warnings (a quarantined file, a stopped Garmin pull) reach the Prefect UI
    "PREFECT_LOGGING_EXTRA_LOGGERS": "runlift_sync",
    # …and runlift code running outside a flow does not warn about it
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


def configure() -> None:
    """Set runlift's Prefect defaults (never the user's choices); before Prefect is imported."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


configure()
