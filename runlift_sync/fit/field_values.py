"""How one raw FIT value becomes the value the reference path stores (fitparse, then Garmin's names).

The fast decoder must give exactly what `fitparse_reader` gives, so the rules live here, written
once, as plain functions of a single value: fitparse's rendering (enum names of its 2019
profile), its scale and offset (`float(raw) / scale - offset`), its type processors (bool,
date_time, local_date_time, localtime_into_day), then `fitparse_reader`'s upgrade from Garmin's
current profile (newer enum names; names, types and scales of fields fitparse does not know).
The column code applies them once per distinct value, or vectorised where it can prove that
the result is the same (plain numbers, scaled numbers, timestamps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from fitparse.profile import FIELD_TYPE_TIMESTAMP, MESSAGE_TYPES
from fitparse.records import BASE_TYPE_BYTE, BASE_TYPES, BaseType, ComponentField

from runlift_sync.errors import FastDecodeUnsupported
from runlift_sync.fit import sdk_profile
from runlift_sync.fit.sdk_profile import FIT_EPOCH_UNIX_S

#: date_time values below this count seconds since power-on, not since the FIT epoch.
MIN_ABSOLUTE_DATE_TIME = 0x10000000
TIMESTAMP_DEF_NUM = FIELD_TYPE_TIMESTAMP.def_num

Chain = Callable[[Any], Any]
"""A raw value (None when invalid) → the stored value, or None when the field is left out."""

__all__ = [
    "BASE_TYPES",
    "BASE_TYPE_BYTE",
    "FIELD_TYPE_TIMESTAMP",
    "MESSAGE_TYPES",
    "BaseType",
    "ComponentField",
]


def utc_datetime(value: Any) -> dt.datetime:
    """What fitparse's `utcfromtimestamp(FIT epoch + value)` gives, as a naive UTC datetime."""
    return dt.datetime.fromtimestamp(FIT_EPOCH_UNIX_S + value, dt.UTC).replace(tzinfo=None)


def parse_string(raw: bytes) -> str | None:
    """fitparse's string rule: up to the first NUL, UTF-8 with replacement, '' → None."""
    end = raw.find(0)
    text = raw if end < 0 else raw[:end]
    return text.decode("utf-8", errors="replace") or None


def plain(value: Any) -> Any:
    """Tuples become lists and bytes hex, as `fitparse_reader` stores them."""
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return value


def all_none(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and all(v is None for v in value))


def scale_offset(value: Any, scale: Any, offset: Any) -> Any:
    """fitparse's `_apply_scale_offset`: per element of a tuple; numbers only."""
    if isinstance(value, tuple):
        return tuple(scale_offset(v, scale, offset) for v in value)
    if isinstance(value, (int, float)):
        if scale:
            value = float(value) / scale
        if offset:
            value = value - offset
    return value


def render(values: dict[Any, Any] | None, raw: Any) -> Any:
    """fitparse's `render`: the enum name of its profile when it knows the value."""
    if values and raw in values:
        return values[raw]
    return raw


def process(type_name: str, value: Any) -> Any:
    """fitparse's type processors (FitFileDataProcessor.process_type_*)."""
    if value is None:
        return None
    try:
        if type_name == "date_time":
            if value >= MIN_ABSOLUTE_DATE_TIME:
                return utc_datetime(value)
        elif type_name == "local_date_time":
            return utc_datetime(value)
        elif type_name == "bool":
            return bool(value)
        elif type_name == "localtime_into_day":
            minutes, seconds = divmod(value, 60)
            hours, minutes = divmod(minutes, 60)
            return dt.time(hours, minutes, seconds)
    except (TypeError, ValueError, OverflowError) as exc:
        raise FastDecodeUnsupported(f"{type_name} value {value!r}: {exc}") from exc
    return value


def upgrade_known(mesg_num: int, name: str, value: Any) -> Any:
    """`fitparse_reader._convert` for a field fitparse knows: lists, and newer enum names."""
    if value is None:
        return None
    kind = type(value)
    if kind is int or kind is tuple or kind is list:
        if kind is tuple:
            if all_none(value):
                return None
            value = plain(value)
        enum_type = sdk_profile.enum_type_of(mesg_num, name)
        if enum_type is not None:
            value = sdk_profile.map_enum(enum_type, value)
    elif kind is bytes or kind is bytearray:
        value = value.hex()
    return value


@dataclass(frozen=True)
class Rendering:
    """What turns an (already extracted) raw number into a stored value for one named field."""

    mesg_num: int
    name: str
    type_name: str
    values: dict[Any, Any] | None
    scale: Any
    offset: Any
    sdk_enum: str | None

    def __call__(self, raw: Any) -> Any:
        value = scale_offset(render(self.values, raw), self.scale, self.offset)
        return upgrade_known(self.mesg_num, self.name, process(self.type_name, value))

    @property
    def is_plain_number(self) -> bool:
        """Raw numbers stay numbers: no enum names, no processor (maybe scaled)."""
        return (
            not self.values
            and self.sdk_enum is None
            and self.type_name not in ("date_time", "local_date_time", "bool", "localtime_into_day")
        )


def field_rendering(mesg_num: int, field: Any) -> Rendering:
    """A fitparse Field or SubField, rendered with its own scale and offset."""
    return _rendering(mesg_num, field, field.scale, field.offset)


def component_rendering(mesg_num: int, target: Any, component: ComponentField) -> Rendering:
    """A component's value: the component's scale and offset, the target field's type."""
    return _rendering(mesg_num, target, component.scale, component.offset)


def _rendering(mesg_num: int, field: Any, scale: Any, offset: Any) -> Rendering:
    type_name = field.type.name
    values = getattr(field.type, "values", None)
    return Rendering(
        mesg_num=mesg_num,
        name=field.name,
        type_name=type_name,
        values=values or None,
        scale=scale,
        offset=offset,
        sdk_enum=sdk_profile.enum_type_of(mesg_num, field.name),
    )


@dataclass(frozen=True)
class UnknownField:
    """A field fitparse's profile lacks: named (and scaled) from Garmin's profile, if it knows it."""

    name: str
    convert: Callable[[Any], Any] | None

    def __call__(self, raw: Any) -> Any:
        if all_none(raw):
            return None
        value = plain(raw)
        return value if self.convert is None else self.convert(value)


@cache
def unknown_field(mesg_num: int, def_num: int) -> UnknownField:
    spec = sdk_profile.field_by_number(mesg_num, def_num)
    if spec is None:
        return UnknownField(f"unknown_{def_num}", None)
    return UnknownField(spec[0], spec[1])


def message_name(mesg_num: int) -> str:
    """fitparse's message name, or Garmin's for a message fitparse does not know."""
    mesg_type = MESSAGE_TYPES.get(mesg_num)
    if mesg_type is not None:
        return str(mesg_type.name)
    return sdk_profile.message_name(mesg_num) or f"unknown_{mesg_num}"


def developer_value(raw: Any) -> Any:
    """A developer field's stored value (None: left out)."""
    return None if all_none(raw) else plain(raw)


def component_bits(component: ComponentField, raw: Any) -> Any:
    """fitparse's `ComponentField.render` for one value (raises ValueError as it does)."""
    return component.render(raw)
