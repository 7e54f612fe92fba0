"""The decoder-neutral message: what any FIT reader hands to the table builder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from runlift_sync.fit.sdk_profile import FIT_EPOCH_NAIVE, fit_datetime


@dataclass(slots=True)
class Message:
    """One FIT data message, in file order, with values already scaled and named.

    `fields` maps field names (Garmin's current profile where fitparse's is older, else
    `unknown_<n>`) to Python values; invalid (absent) values are left out. Datetimes are
    naive UTC, except `local_timestamp` which is naive local time.
    """

    index: int
    mesg_num: int
    name: str
    fields: dict[str, Any]
    developer: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ReadResult:
    """What a reader got out of a file, and where and why it stopped early (if it did)."""

    reader: str
    messages: list[Message]
    error: str | None = None
    error_offset: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.error is None


def resolve_timestamp_16(messages: list[Message]) -> None:
    """Give messages that carry only `timestamp_16` (monitoring) a full UTC `timestamp`.

    FIT spec: timestamp_16 is the low 16 bits of the time; the high bits come from the last
    full timestamp seen in the file, rolling over when the low bits wrap.
    """
    last: dt.datetime | None = None
    for message in messages:
        stamp = message.fields.get("timestamp")
        if isinstance(stamp, dt.datetime):
            last = stamp
            continue
        low = message.fields.get("timestamp_16")
        if last is None or not isinstance(low, int):
            continue
        last_s = int((last - FIT_EPOCH_NAIVE).total_seconds())
        full = last_s + ((low - (last_s & 0xFFFF)) & 0xFFFF)
        stamp = fit_datetime(full)
        message.fields["timestamp"] = stamp
        last = stamp
