"""Garmin Connect: originals, strength sets and daily wellness, pulled nightly via garminconnect.

```
login.py     runlift login: email + password + MFA → tokens in the token store (once)
tokens.py    the token store: owner-only directory, one process at a time (a lock)
session.py   resume from the tokens, write them back; HTTP failures in runlift's terms
parse.py     JSON bodies → typed rows (pure)
store.py     raw JSON, typed rows, file links, quarantine and watermarks in the warehouse
pull.py      the incremental pull (sync_garmin, pull_garmin) and its plan
report.py    GarminSyncReport: what a pull did
constants.py every tunable number and name
```
"""

from runlift_sync.sources.garmin_connect.client import (
    ConnectSession,
    GarminRateLimited,
    GarminUnavailable,
    open_session,
)
from runlift_sync.sources.garmin_connect.login import login_with_credentials
from runlift_sync.sources.garmin_connect.pull import plan_pull, pull_garmin, sync_garmin
from runlift_sync.sources.garmin_connect.report import GarminSyncReport
from runlift_sync.sources.garmin_connect.store import carry_over, rebuild_typed

__all__ = [
    "ConnectSession",
    "GarminRateLimited",
    "GarminSyncReport",
    "GarminUnavailable",
    "carry_over",
    "login_with_credentials",
    "open_session",
    "plan_pull",
    "pull_garmin",
    "rebuild_typed",
    "sync_garmin",
]
