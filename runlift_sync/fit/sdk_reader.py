"""Reads a FIT file with Garmin's own decoder (garmin-fit-sdk): the fallback behind the seam."""

from __future__ import annotations

import datetime as dt
from typing import Any

from garmin_fit_sdk import Decoder, Stream

from runlift_sync.fit import sdk_profile
from runlift_sync.fit.messages import Message, ReadResult

READER = "garmin_fit_sdk"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value != value:  # NaN = invalid
        return None
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return value


def read_sdk(data: bytes) -> ReadResult:
    """Every data message Garmin's decoder reads, in file order."""
    messages: list[Message] = []
    result = ReadResult(READER, messages)
    stream = Stream.from_byte_array(bytearray(data))
    decoder = Decoder(stream)
    if not decoder.is_fit():
        result.error = "not a FIT file (no valid FIT header)"
        result.error_offset = 0
        return result

    def listener(mesg_num: int, message: dict[Any, Any]) -> None:
        messages.append(_convert(len(messages), mesg_num, message))

    try:
        _, errors = decoder.read(
            convert_datetimes_to_dates=True,
            convert_types_to_strings=True,
            enable_crc_check=True,
            merge_heart_rates=False,
            mesg_listener=listener,
        )
    except Exception as exc:
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    if errors:
        result.error = "; ".join(str(e) for e in errors)
    return result


def _convert(index: int, mesg_num: int, message: dict[Any, Any]) -> Message:
    name = sdk_profile.message_name(mesg_num) or f"unknown_{mesg_num}"
    fields: dict[str, Any] = {}
    developer: dict[str, Any] = {}
    for key, value in message.items():
        if key == "developer_fields" and isinstance(value, dict):
            developer.update({str(k): _plain(v) for k, v in value.items() if v is not None})
            continue
        plain = _plain(value)
        if plain is None or (isinstance(plain, list) and all(v is None for v in plain)):
            continue
        if isinstance(key, int):
            spec = sdk_profile.field_by_number(mesg_num, key)
            key = spec[0] if spec else f"unknown_{key}"
        fields[str(key)] = plain
    return Message(index, mesg_num, name, fields, developer)
