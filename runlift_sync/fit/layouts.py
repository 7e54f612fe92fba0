"""Definition messages as layouts: the bytes of their data messages, read one or many at a time.

A layout is what a definition message says (byte order, global message number, each field's
number, size and base type, developer fields) — nothing that depends on the file, so a layout
read once is reused for every file with the same definition (`Layout.key`).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from runlift_sync.fit.field_values import BASE_TYPE_BYTE, BASE_TYPES, BaseType, parse_string

#: numpy dtype letter of each FIT base type format (struct format → numpy kind and size).
_NUMPY_OF_FORMAT = {
    "B": "u1",
    "b": "i1",
    "H": "u2",
    "h": "i2",
    "I": "u4",
    "i": "i4",
    "Q": "u8",
    "q": "i8",
    "f": "f4",
    "d": "f8",
}


class _FieldShape:
    """How a field's bytes read (fitparse's rules), from its size and base type."""

    size: int

    @property
    def base_type(self) -> BaseType:
        raise NotImplementedError

    @property
    def count(self) -> int:
        """Values in the field (fitparse: size / base size, rounded down)."""
        return int(self.size / self.base_type.size)

    @property
    def is_byte(self) -> bool:
        return self.base_type.name == "byte"

    @property
    def is_string(self) -> bool:
        return self.base_type.name == "string"

    @property
    def is_array(self) -> bool:
        """Read as a tuple of values (byte fields always are)."""
        return self.is_byte or (not self.is_string and self.count > 1)


@dataclass(frozen=True)
class FieldDef(_FieldShape):
    """One field of a definition: its number, size in bytes and base type byte."""

    def_num: int
    size: int
    base_type_num: int

    @property
    def base_type(self) -> BaseType:
        return BASE_TYPES.get(self.base_type_num, BASE_TYPE_BYTE)


@dataclass(frozen=True)
class DevFieldDef(_FieldShape):
    """A developer field of a definition, with the description it had when defined."""

    def_num: int
    size: int
    dev_data_index: int
    name: str
    base_type_num: int

    @property
    def base_type(self) -> BaseType:
        return BASE_TYPES[self.base_type_num]


AnyFieldDef = FieldDef | DevFieldDef


@dataclass(frozen=True)
class Layout:
    """A definition message, independent of the file it came from."""

    big_endian: bool
    mesg_num: int
    fields: tuple[FieldDef, ...]
    dev_fields: tuple[DevFieldDef, ...] = field(default=())

    @cached_property
    def all_fields(self) -> tuple[AnyFieldDef, ...]:
        return (*self.fields, *self.dev_fields)

    @cached_property
    def size(self) -> int:
        """Bytes of a data message after its header byte."""
        return sum(f.size for f in self.all_fields)

    @cached_property
    def problem(self) -> str | None:
        """Why fitparse cannot read a data message of this layout (it stops there), if so."""
        for f in self.all_fields:
            if f.count == 0:
                return f"field {f.def_num} of {f.size} bytes holds no {f.base_type.name} value"
            if f.count * f.base_type.size != f.size:
                return f"field {f.def_num}: {f.size} bytes is not a whole number of values"
        return None

    @cached_property
    def row_struct(self) -> struct.Struct:
        """All fields of one data message, for `struct.unpack_from`."""
        parts = []
        for f in self.all_fields:
            fmt = f.base_type.fmt
            parts.append(f"{f.size}s" if fmt == "s" else f"{f.count}{fmt}")
        return struct.Struct((">" if self.big_endian else "<") + "".join(parts))

    @cached_property
    def numpy_dtype(self) -> np.dtype[Any]:
        """One data message as a numpy structured dtype: field `f<i>` for field i."""
        order = ">" if self.big_endian else "<"
        names, formats, offsets = [], [], []
        offset = 0
        for i, f in enumerate(self.all_fields):
            fmt = f.base_type.fmt
            if fmt == "s" or f.is_byte:
                kind: Any = ("u1", (f.size,))
            else:
                letter = _NUMPY_OF_FORMAT[fmt]
                base = np.dtype(order + letter) if letter[1] != "1" else np.dtype(letter)
                kind = (base, (f.count,)) if f.count > 1 else base
            names.append(f"f{i}")
            formats.append(kind)
            offsets.append(offset)
            offset += f.size
        return np.dtype(
            {"names": names, "formats": formats, "offsets": offsets, "itemsize": max(offset, 1)}
        )

    @cached_property
    def _row_steps(self) -> tuple[tuple[int, Any, int], ...]:
        """Per field: (0 string | 1 byte | 2 one value | 3 several values, parse, count)."""
        steps = []
        for f in self.all_fields:
            base = f.base_type
            if f.is_string:
                steps.append((0, parse_string, 1))
            elif f.is_byte:
                steps.append((1, base.parse, f.count))
            elif f.count == 1:
                steps.append((2, base.parse, 1))
            else:
                steps.append((3, base.parse, f.count))
        return tuple(steps)

    def read_row(self, data: bytes, offset: int) -> list[Any]:
        """fitparse's raw values of one data message: invalid → None, arrays as tuples."""
        flat = self.row_struct.unpack_from(data, offset)
        values: list[Any] = []
        append = values.append
        at = 0
        for kind, parse, n in self._row_steps:
            if kind == 2 or kind == 0:
                append(parse(flat[at]))
                at += 1
            elif kind == 1:
                append(parse(flat[at : at + n]))
                at += n
            else:
                append(tuple(parse(v) for v in flat[at : at + n]))
                at += n
        return values
