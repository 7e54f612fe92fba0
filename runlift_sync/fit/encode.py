"""Writing FIT files: the one encoder (Garmin's FIT SDK) behind the demo watch, the tests'
synthetic files and workout files for a watch.

A message is a profile message name and its fields: ``("record", {"timestamp": …,
"heart_rate": 150})``. Field names are the profile's **main** field names; values are what
``garmin_fit_sdk.Encoder`` takes — physical units (it applies scale and offset), enum names or
raw numbers (raw numbers for values the public profile does not name), datetimes or FIT
seconds for times. ``None`` values are left out, so a message with a different set of
non-None fields gets a new local definition.

The SDK's encoder silently drops a field it does not know by name, and it knows no subfield
names (``duration_time``, ``target_hr_zone`` of ``workout_step``…). `FitWriter` refuses
them instead: write the main field with its raw value (``duration_value`` in ms for a time
step, ``target_value`` for a zone). For example a workout file for a watch:

```python
encode_messages([
    ("file_id", {"type": "workout", "manufacturer": "development", "time_created": now}),
    ("workout", {"wkt_name": "Legs", "sport": "training", "sub_sport": "strength_training",
                 "num_valid_steps": 1}),
    ("workout_step", {"message_index": 0, "duration_type": "reps", "duration_value": 5,
                      "target_type": "open", "intensity": "active",
                      "exercise_category": "squat", "exercise_name": 2,  # back_squats
                      "exercise_weight": 100.0, "weight_display_unit": "kilogram"}),
])
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from garmin_fit_sdk import Encoder, Profile

from runlift_sync.fit.sdk_profile import FIT_EPOCH

#: Message name → global message number, from Garmin's profile ("record" → 20).
MESG_NUM: dict[str, int] = {name.lower(): num for name, num in Profile["mesg_num"].items()}
_MAIN_FIELDS: dict[int, frozenset[str]] = {
    num: frozenset(field["name"] for field in message["fields"].values())
    for num, message in Profile["messages"].items()
}

Message = tuple[str, Mapping[str, Any]]


def fit_time(moment: dt.datetime) -> int:
    """A moment as FIT seconds (since 1989-12-31 00:00 UTC); a naive datetime is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int((moment - FIT_EPOCH).total_seconds())


def fit_local_time(moment: dt.datetime, tz: ZoneInfo) -> int:
    """FIT ``local_date_time``: the wall-clock time in ``tz`` counted from the FIT epoch."""
    offset = moment.astimezone(tz).utcoffset()
    return fit_time(moment) + int(offset.total_seconds() if offset else 0)


class CachingEncoder(Encoder):
    """Garmin's ``Encoder`` with its per-message definition building memoised.

    The stock encoder builds a new message definition for every message and compares it with
    all 16 local definitions, which is most of its time on record messages. Definitions are
    cached by (message number, field names and value sizes); the bytes written are the same as
    the stock encoder's (a test checks it), so only private hooks of the SDK are touched.
    """

    def __init__(self) -> None:
        super().__init__()
        self._definitions: dict[tuple[Any, ...], Any] = {}

    def _create_mesg_definition(self, mesg_num: int, mesg: dict[str, Any]) -> Any:
        key = (
            mesg_num,
            *(
                (
                    name,
                    len(value.encode())
                    if isinstance(value, str)
                    else len(value)
                    if isinstance(value, list)
                    else 0,
                )
                for name, value in mesg.items()
                if value is not None
            ),
        )
        definition = self._definitions.get(key)
        if definition is None:
            definition = super()._create_mesg_definition(mesg_num, mesg)
            self._definitions[key] = definition
        return definition

    def _find_local_mesg_definition(self, mesg_definition: Any) -> Any:
        for local in self._local_mesg_definitions:
            if local is mesg_definition:
                return local
        return super()._find_local_mesg_definition(mesg_definition)


class FitWriter:
    """One FIT file being written: ``add(name, fields)`` per message, then ``close()`` → bytes."""

    def __init__(self) -> None:
        self._encoder = CachingEncoder()

    def add(self, message: str, fields: Mapping[str, Any]) -> None:
        """Append one message; a field name the profile does not have is a ValueError."""
        num = MESG_NUM.get(message)
        if num is None:
            raise ValueError(f"{message!r} is not a FIT message in Garmin's profile")
        unknown = fields.keys() - _MAIN_FIELDS[num]
        if unknown:
            raise ValueError(
                f"{message} has no field {', '.join(sorted(unknown))} in Garmin's profile "
                "(a subfield? write its main field with the raw value)"
            )
        self._encoder.on_mesg(num, fields)

    def close(self) -> bytes:
        """The whole file: header, messages, CRC."""
        return bytes(self._encoder.close())


def encode_messages(messages: Iterable[Message]) -> bytes:
    """A FIT file holding `messages` in order (the first one should be ``file_id``)."""
    writer = FitWriter()
    for name, fields in messages:
        writer.add(name, fields)
    return writer.close()
