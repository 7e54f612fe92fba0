"""Garmin's current FIT profile: names, types, scales and enums fitparse's 2019 profile lacks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from garmin_fit_sdk import Profile

#: The FIT epoch, 1989-12-31 00:00 UTC: FIT times are seconds since then (the one definition).
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
#: The same moment as the decoders use it: naive UTC, and seconds since the Unix epoch.
FIT_EPOCH_NAIVE = FIT_EPOCH.replace(tzinfo=None)
FIT_EPOCH_UNIX_S = int(FIT_EPOCH.timestamp())
#: Values below this are seconds since device power-on, not since the FIT epoch (FIT spec).
MIN_ABSOLUTE_DATE_TIME = 0x10000000

_MESSAGES: dict[int, dict[str, Any]] = Profile["messages"]
_TYPES: dict[str, dict[int, str]] = Profile["types"]

Converter = Callable[[Any], Any]


def message_name(mesg_num: int) -> str | None:
    """The profile name of a message number (e.g. 370 → 'hrv_status_summary'), or None."""
    message = _MESSAGES.get(mesg_num)
    return message["name"] if message else None


def enum_name(type_name: str, raw: int) -> str | None:
    """The name of an enum value in the profile (e.g. ('sport', 1) → 'running'), or None."""
    values = _TYPES.get(type_name)
    if values is None:
        return None
    return values.get(raw)


def map_enum(type_name: str, value: Any) -> Any:
    """Raw enum numbers (or a list of them) named where the profile knows them."""
    values = _TYPES.get(type_name, {})
    if isinstance(value, list):
        return [values.get(v, v) if isinstance(v, int) else v for v in value]
    if isinstance(value, int):
        return values.get(value, value)
    return value


def fit_datetime(raw: int) -> dt.datetime:
    """A FIT date_time (seconds since 1989-12-31 UTC) as a naive UTC datetime."""
    return FIT_EPOCH_NAIVE + dt.timedelta(seconds=int(raw))


def _number_converter(scale: float, offset: float) -> Converter:
    if scale == 1 and offset == 0:
        return _identity

    def convert(raw: Any) -> Any:
        if isinstance(raw, (list, tuple)):
            return [None if v is None else v / scale - offset for v in raw]
        if isinstance(raw, (int, float)):
            return raw / scale - offset
        return raw

    return convert


def _identity(raw: Any) -> Any:
    return list(raw) if isinstance(raw, tuple) else raw


def _enum_converter(type_name: str) -> Converter:
    values = _TYPES[type_name]

    def convert(raw: Any) -> Any:
        if isinstance(raw, (list, tuple)):
            return [values.get(v, v) if isinstance(v, int) else v for v in raw]
        if isinstance(raw, int):
            return values.get(raw, raw)
        return raw

    return convert


def _datetime_converter(raw: Any) -> Any:
    if isinstance(raw, int) and raw >= MIN_ABSOLUTE_DATE_TIME:
        return fit_datetime(raw)
    return raw


def _converter_for(field: dict[str, Any]) -> Converter:
    type_name = field["type"]
    if type_name in ("date_time", "local_date_time"):
        return _datetime_converter
    if type_name in _TYPES and type_name not in ("date_time", "local_date_time"):
        # enum-like types (bit-field 'types' such as file_flags still map single values)
        return _enum_converter(type_name)
    scale = field["scale"][0] if field["scale"] else 1
    offset = field["offset"][0] if field["offset"] else 0
    return _number_converter(scale, offset)


@cache
def field_by_number(mesg_num: int, field_num: int) -> tuple[str, Converter] | None:
    """Name and raw-value converter of a field the old fitparse profile does not know."""
    message = _MESSAGES.get(mesg_num)
    if message is None:
        if field_num == 253:
            return "timestamp", _datetime_converter
        return None
    field = message["fields"].get(field_num)
    if field is None:
        if field_num == 253:
            return "timestamp", _datetime_converter
        return None
    return field["name"], _converter_for(field)


@cache
def enum_type_of(mesg_num: int, field_name: str) -> str | None:
    """The profile's enum type for a named field or sub-field (e.g. 'garmin_product'), if any."""
    message = _MESSAGES.get(mesg_num)
    if message is None:
        return None
    for field in message["fields"].values():
        candidates = [field, *field.get("sub_fields", [])]
        for candidate in candidates:
            if candidate["name"] == field_name:
                type_name = candidate["type"]
                if type_name in _TYPES and type_name not in ("date_time", "local_date_time"):
                    return type_name
                return None
    return None


def exercise_name(category: str | int | None, subtype: int | None) -> str | None:
    """The FIT exercise name for a category and its numeric subtype (e.g. squat 0 → leg_press)."""
    if subtype is None or category is None or isinstance(category, int):
        return None
    values = _TYPES.get(f"{category}_exercise_name")
    if values is None:
        return None
    return values.get(subtype)
