"""One pass over a FIT file's bytes: headers, definitions, and where every data message sits.

Only record headers and definition messages are read here (plus the few developer-data
messages that define developer fields); data messages are collected by layout, as byte
offsets, for `column_decode` to read all at once. Anything fitparse would stop at (a data
message of an undefined local type, a message running past the data, a missing CRC, trailing
bytes that are not another FIT file) raises FastDecodeUnsupported: the reference readers
then decode the file as before. A CRC that does not match is a warning, not an error.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

from fastcrc import crc16

from runlift_sync.errors import FastDecodeUnsupported
from runlift_sync.fit.field_values import BASE_TYPES
from runlift_sync.fit.layouts import DevFieldDef, FieldDef, Layout

FIT_SIGNATURE = b".FIT"
FIELD_DESCRIPTION = 206
DEVELOPER_DATA_ID = 207

_U16_LE = struct.Struct("<H")
_U32_LE = struct.Struct("<I")


def fit_crc(data: bytes) -> int:
    """The FIT CRC-16 (CRC-16/ARC, as the FIT SDK's nibble table computes it)."""
    return int(crc16.arc(data))


@dataclass
class Group:
    """The data messages of one layout: where they are and their place in the file."""

    layout: Layout
    offsets: list[int] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)
    #: (row in this group, 5-bit time offset) of messages with a compressed-timestamp header
    time_offsets: list[tuple[int, int]] = field(default_factory=list)
    defines_developer_fields: bool = False

    @property
    def n(self) -> int:
        return len(self.offsets)


@dataclass
class FileScan:
    """What the pass found: groups of data messages, and the events that order them."""

    data: bytes
    groups: list[Group]
    n_messages: int
    #: (data messages before it, layout) for every definition message, in file order
    definitions: list[tuple[int, Layout]]
    #: index of the first data message of each chained FIT file after the first
    part_starts: list[int]
    warnings: list[str]

    @property
    def has_compressed_timestamps(self) -> bool:
        return any(g.time_offsets for g in self.groups)


@dataclass
class _DeveloperFields:
    """fitparse's developer-field registry for one file (chained parts share it)."""

    by_index: dict[Any, dict[int, tuple[str, int]]] = field(default_factory=dict)

    def add_data_id(self, layout: Layout, values: list[Any]) -> None:
        index = _raw(layout, values, 3)
        self.by_index[index] = {}

    def add_description(self, layout: Layout, values: list[Any]) -> None:
        index = _raw(layout, values, 0)
        number = _raw(layout, values, 1)
        base_type = _raw(layout, values, 2)
        name = _raw(layout, values, 3) or f"unnamed_dev_field_{number}"
        if index not in self.by_index or index is None:
            raise FastDecodeUnsupported(f"developer field for undeclared developer {index}")
        if base_type not in BASE_TYPES:
            raise FastDecodeUnsupported(f"developer field of unknown base type {base_type}")
        self.by_index[index][number] = (str(name), base_type)

    def lookup(self, index: int, number: int) -> tuple[str, int]:
        try:
            return self.by_index[index][number]
        except KeyError:
            raise FastDecodeUnsupported(
                f"developer field {number} of developer {index} is not described"
            ) from None


def _raw(layout: Layout, values: list[Any], def_num: int) -> Any:
    for f, value in zip(layout.fields, values, strict=False):
        if f.def_num == def_num:
            return value
    return None


def scan(data: bytes) -> FileScan:
    """Read the structure of a whole (possibly chained) FIT file."""
    groups: dict[Layout, Group] = {}
    definitions: list[tuple[int, Layout]] = []
    part_starts: list[int] = []
    warnings: list[str] = []
    developer = _DeveloperFields()
    n = 0
    pos = 0
    size = len(data)
    while True:
        if size - pos < 12 or data[pos + 8 : pos + 12] != FIT_SIGNATURE:
            raise FastDecodeUnsupported("no FIT header where one should be", offset=pos)
        header_size = data[pos]
        data_size = _U32_LE.unpack_from(data, pos + 4)[0]
        body = pos + 12
        if header_size > 12:
            if header_size < 14 or pos + header_size > size:
                raise FastDecodeUnsupported("irregular FIT header", offset=pos)
            stored = _U16_LE.unpack_from(data, pos + 12)[0]
            computed = fit_crc(data[pos : pos + 12])
            if stored not in (0, computed):
                warnings.append(
                    f"header CRC mismatch at byte {pos} (stored 0x{stored:04X}, "
                    f"computed 0x{computed:04X})"
                )
            body = pos + header_size
        end = body + data_size
        if end + 2 > size:
            raise FastDecodeUnsupported("file ends before its data and CRC", offset=size)
        if pos:
            part_starts.append(n)
        n = _scan_messages(data, body, end, n, groups, definitions, developer)
        stored = _U16_LE.unpack_from(data, end)[0]
        computed = fit_crc(data[pos:end])
        if stored != computed:
            warnings.append(
                f"file CRC mismatch at byte {end} (stored 0x{stored:04X}, computed "
                f"0x{computed:04X}); every message read, loaded whole"
            )
        pos = end + 2
        if pos >= size:
            break
    return FileScan(data, list(groups.values()), n, definitions, part_starts, warnings)


def _scan_messages(
    data: bytes,
    pos: int,
    end: int,
    n: int,
    groups: dict[Layout, Group],
    definitions: list[tuple[int, Layout]],
    developer: _DeveloperFields,
) -> int:
    """Walk the records of one FIT file's data section; returns the data messages counted."""
    local: list[Group | None] = [None] * 16
    while pos < end:
        header = data[pos]
        if header & 0x80:
            group = local[(header >> 5) & 0x3]
            if group is None:
                raise FastDecodeUnsupported("data message of an undefined local type", offset=pos)
            group.time_offsets.append((len(group.offsets), header & 0x1F))
        elif header & 0x40:
            layout, pos = _read_definition(data, pos, bool(header & 0x20), developer)
            group = groups.get(layout)
            if group is None:
                group = groups[layout] = Group(
                    layout,
                    defines_developer_fields=layout.mesg_num
                    in (FIELD_DESCRIPTION, DEVELOPER_DATA_ID),
                )
            local[header & 0xF] = group
            definitions.append((n, layout))
            continue
        else:
            group = local[header & 0xF]
            if group is None:
                raise FastDecodeUnsupported("data message of an undefined local type", offset=pos)
        layout = group.layout
        if layout.problem is not None:
            raise FastDecodeUnsupported(layout.problem, offset=pos)
        group.offsets.append(pos + 1)
        group.indices.append(n)
        if group.defines_developer_fields:
            if pos + 1 + layout.size > end:
                raise FastDecodeUnsupported("a message runs past the end of the data", offset=pos)
            values = layout.read_row(data, pos + 1)
            if layout.mesg_num == DEVELOPER_DATA_ID:
                developer.add_data_id(layout, values)
            else:
                developer.add_description(layout, values)
        pos += 1 + layout.size
        n += 1
    if pos != end:
        raise FastDecodeUnsupported("a message runs past the end of the data", offset=pos)
    return n


#: Definitions already read (their bytes → layout), across files; developer fields excluded.
_KNOWN: dict[bytes, Layout] = {}


def _read_definition(
    data: bytes, pos: int, has_developer_fields: bool, developer: _DeveloperFields
) -> tuple[Layout, int]:
    if not has_developer_fields and pos + 6 <= len(data):
        end = pos + 6 + 3 * data[pos + 5]
        known = _KNOWN.get(data[pos + 1 : end])
        if known is not None:
            return known, end
        layout, at = _parse_definition(data, pos, has_developer_fields, developer)
        if len(_KNOWN) < 10_000:
            _KNOWN[data[pos + 1 : end]] = layout
        return layout, at
    return _parse_definition(data, pos, has_developer_fields, developer)


def _parse_definition(
    data: bytes, pos: int, has_developer_fields: bool, developer: _DeveloperFields
) -> tuple[Layout, int]:
    try:
        if pos + 6 > len(data):
            raise IndexError
        big = data[pos + 2] != 0
        mesg_num = int.from_bytes(data[pos + 3 : pos + 5], "big" if big else "little")
        n_fields = data[pos + 5]
        at = pos + 6
        raw = data[at : at + 3 * n_fields]
        if len(raw) != 3 * n_fields:
            raise IndexError
        fields = tuple(FieldDef(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, 3 * n_fields, 3))
        at += 3 * n_fields
        dev_fields: tuple[DevFieldDef, ...] = ()
        if has_developer_fields:
            n_dev = data[at]
            at += 1
            raw = data[at : at + 3 * n_dev]
            if len(raw) != 3 * n_dev:
                raise IndexError
            items = []
            for i in range(0, 3 * n_dev, 3):
                number, dev_size, index = raw[i], raw[i + 1], raw[i + 2]
                name, base_type = developer.lookup(index, number)
                items.append(DevFieldDef(number, dev_size, index, name, base_type))
            dev_fields = tuple(items)
            at += 3 * n_dev
    except IndexError:
        raise FastDecodeUnsupported("definition message cut short", offset=pos) from None
    for f in fields:
        if f.size % f.base_type.size:
            raise FastDecodeUnsupported(
                f"field {f.def_num} of message {mesg_num}: size {f.size} is not a multiple "
                f"of its base type's",
                offset=pos,
            )
    return Layout(big, mesg_num, fields, dev_fields), at
