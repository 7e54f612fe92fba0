"""Garmin Connect: originals, strength sets and daily wellness, pulled nightly via garminconnect.

```
tokens.py     the token store: owner-only directory, one process at a time (a lock),
              its path checked (symbolic links) up front
login.py      runlift login: email + password + MFA → tokens in the token store (once)
client.py     a session resumed from the tokens, written back after; every request through
              ConnectSession.call, its failure translated (429, 403, 5xx, a refresh refused)
failures.py   those failures as runlift errors (no garminconnect import)
bodies.py     the JSON bodies as pydantic models
parse.py      bodies → typed rows (pure)
pull_plan.py  what a pull asks for and in what order: dates, backfill, turns, finality (pure)
pull.py       the source: yields files and records (`items.py`), writes nothing
store.py      the Garmin tables: raw JSON, typed rows, links, quarantine, pull state
report.py     GarminSyncReport: what a pull did, ok or partial
constants.py  every tunable number and name
```

`runlift_sync.garmin_sync` loads what the source yields (the FIT originals through the same
import as a watch or a folder). Importing this package imports nothing of garminconnect: the
names below are loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ConnectSession": "client",
    "GarminBlocked": "failures",
    "GarminPrivacyProtected": "failures",
    "GarminRateLimited": "failures",
    "GarminUnavailable": "failures",
    "GarminSyncReport": "report",
    "carry_over": "store",
    "login_with_credentials": "login",
    "open_session": "client",
    "rebuild_typed": "store",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
