"""Reads a FIT file with fitparse, upgrading names and enums from Garmin's current sdk_profile."""

from __future__ import annotations

import io
from typing import Any

import fitparse
import fitparse.records
from fitparse.records import DevField

from runlift_sync.fit import sdk_profile
from runlift_sync.fit.messages import Message, ReadResult

READER = "fitparse"


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return value


def _all_none(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and all(v is None for v in value))


def read_fitparse(data: bytes, *, check_crc: bool = True) -> ReadResult:
    """Every data message fitparse can read, in order; stops at the first error and says where.

    `check_crc=False` reads past CRC mismatches (what runlift's own reader does, warning)."""
    stream = io.BytesIO(data)
    # fitparse keeps developer-field descriptions in a module variable: without this, one
    # file's developer fields would name (or let through) another's in the same process
    fitparse.records.DEV_TYPES.clear()
    messages: list[Message] = []
    result = ReadResult(READER, messages)
    try:
        fit = fitparse.FitFile(stream, check_crc=check_crc)
        for index, raw in enumerate(fit.get_messages()):
            messages.append(_convert(index, raw))
    except (
        fitparse.FitParseError,
        AssertionError,
        ValueError,
        KeyError,
        IndexError,
        TypeError,  # e.g. a damaged field description whose units read as an array
    ) as exc:
        # fitparse raises these on damaged input; everything yielded before stays valid.
        result.error = f"{type(exc).__name__}: {exc}".rstrip(": ")
        result.error_offset = None if stream.closed else stream.tell()
    return result


_ENUM_TYPES: dict[tuple[int, str], str | None] = {}


def _enum_type(mesg_num: int, field_name: str) -> str | None:
    key = (mesg_num, field_name)
    try:
        return _ENUM_TYPES[key]
    except KeyError:
        found = _ENUM_TYPES[key] = sdk_profile.enum_type_of(mesg_num, field_name)
        return found


def _convert(index: int, raw: Any) -> Message:
    mesg_num: int = raw.mesg_num
    name: str = raw.name
    if raw.mesg_type is None:
        name = sdk_profile.message_name(mesg_num) or name
    fields: dict[str, Any] = {}
    developer: dict[str, Any] = {}
    for item in raw.fields:
        field = item.field
        if field is None:
            raw_value = item.raw_value
            if raw_value is None or (isinstance(raw_value, tuple) and _all_none(raw_value)):
                continue
            spec = sdk_profile.field_by_number(mesg_num, item.def_num)
            if spec is None:
                field_name, value = item.name, _plain(raw_value)
            else:
                field_name, value = spec[0], spec[1](_plain(raw_value))
        elif isinstance(field, DevField):
            if not _all_none(item.value):
                developer[item.name] = _plain(item.value)
            continue
        else:
            value = item.value
            if value is None:
                continue
            field_name = item.name
            kind = type(value)
            if kind is int or kind is tuple or kind is list:
                if kind is tuple:
                    if _all_none(value):
                        continue
                    value = _plain(value)
                enum_type = _enum_type(mesg_num, field_name)
                if enum_type is not None:
                    value = sdk_profile.map_enum(enum_type, value)
            elif kind is bytes or kind is bytearray:
                value = value.hex()
        if fields.get(field_name) is None:
            fields[field_name] = value
    return Message(index, mesg_num, name, fields, developer)
