"""Decode every data message of a file at once, layout by layout, into named value columns.

Per layout group: the messages' bytes as one numpy structured array, invalid values masked,
sub-fields chosen by their reference fields, components cut out of their bits. Per file, in
message order: accumulated components (distance from compressed speed/distance, heart-beat
times), compressed-timestamp headers, 16-bit timestamps, and the last full timestamp before
each message. The result is, per group, the fields of its messages by name (`Col`s), exactly
as the reference path's `Message.fields` would hold them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from runlift_sync.errors import FastDecodeUnsupported
from runlift_sync.fit.field_values import (
    MIN_ABSOLUTE_DATE_TIME,
    Rendering,
    UnknownField,
    developer_value,
)
from runlift_sync.fit.layout_plan import Output, Plan, compile_plan, timestamp_output
from runlift_sync.fit.layouts import AnyFieldDef
from runlift_sync.fit.message_scan import FileScan, Group
from runlift_sync.fit.value_columns import Col, first_valid, last_valid, map_distinct

#: The invalid value of each base type (fitparse reads it as None).
_INVALID: dict[str, int] = {
    "enum": 0xFF,
    "sint8": 0x7F,
    "uint8": 0xFF,
    "sint16": 0x7FFF,
    "uint16": 0xFFFF,
    "sint32": 0x7FFFFFFF,
    "uint32": 0xFFFFFFFF,
    "uint8z": 0,
    "uint16z": 0,
    "uint32z": 0,
    "sint64": 0x7FFFFFFFFFFFFFFF,
    "uint64": 0xFFFFFFFFFFFFFFFF,
    "uint64z": 0,
}


@dataclass
class RawField:
    """One field's values over a group: numbers (`col` int/float) or Python values (`obj`)."""

    col: Col
    matrix: np.ndarray | None = None  # the bytes of a byte field, for its components


@dataclass
class GroupColumns:
    """A decoded group: its messages' place in the file and their fields by name."""

    group: Group
    plan: Plan
    indices: np.ndarray
    raw: list[RawField]
    variants: list[np.ndarray]
    bits: dict[int, Col] = field(default_factory=dict)  # output number → component bits
    timestamps: Col | None = None  # from compressed-timestamp headers
    fields: dict[str, Col] = field(default_factory=dict)
    developer: dict[str, Col] = field(default_factory=dict)
    near: Col | None = None  # the last full timestamp before each message

    @property
    def n(self) -> int:
        return len(self.indices)

    def row(self, i: int) -> dict[str, Any]:
        """The fields of one message, as a dict (for the few per-message uses)."""
        return {name: col.objects()[i] for name, col in self.fields.items() if bool(col.valid[i])}


def decode_columns(scan: FileScan, groups: list[Group]) -> list[GroupColumns]:
    """These groups of the file decoded, accumulated components and compressed timestamps
    resolved (a file that has either is decoded wholly by columns)."""
    decoded = [_read_group(scan.data, g) for g in groups]
    _accumulate(scan, decoded)
    if scan.has_compressed_timestamps:
        _compressed_timestamps(scan, decoded)
    for group in decoded:
        _outputs(group)
    return decoded


def needs_columns(scan: FileScan) -> bool:
    """Whether values in this file depend on the order of messages beyond 16-bit timestamps."""
    if scan.has_compressed_timestamps:
        return True
    return any(output.accumulates for g in scan.groups for output in compile_plan(g.layout).outputs)


# ---- reading the bytes ------------------------------------------------------------------------


def _read_group(data: bytes, group: Group) -> GroupColumns:
    layout = group.layout
    plan = compile_plan(layout)
    n = group.n
    raw: list[RawField] = []
    if layout.size:
        buf = np.frombuffer(data, dtype=np.uint8)
        offsets = np.asarray(group.offsets, dtype=np.int64)
        rows = buf[offsets[:, None] + np.arange(layout.size, dtype=np.int64)]
        records = rows.view(layout.numpy_dtype).reshape(n)
        for i, fdef in enumerate(layout.all_fields):
            raw.append(_raw_field(fdef, records[f"f{i}"]))
    variants = [_choose(selector.choices, raw, n) for selector in plan.selectors]
    result = GroupColumns(group, plan, np.asarray(group.indices, dtype=np.int64), raw, variants)
    for number, output in enumerate(plan.outputs):
        if output.kind == "component":
            bits = _component_bits(output, raw[output.source], layout.all_fields[output.source])
            if bits is not None:
                result.bits[number] = bits
    return result


def _raw_field(fdef: AnyFieldDef, values: np.ndarray) -> RawField:
    base = fdef.base_type
    n = len(values)
    if fdef.is_string:
        texts = [_string(bytes(row)) for row in values]
        return RawField(Col.of_objects(texts))
    if fdef.is_byte:
        matrix = np.ascontiguousarray(values).reshape(n, -1)
        valid = ~(matrix == 0xFF).all(axis=1)
        tuples: list[Any] = [
            tuple(r) if ok else None for r, ok in zip(matrix.tolist(), valid, strict=False)
        ]
        return RawField(Col.of_objects(tuples), matrix)
    if base.fmt in ("f", "d"):
        numbers = values.astype(np.float64)
        ok = ~np.isnan(numbers)
        kind = "float"
    else:
        numbers = values if values.dtype == np.uint64 else values.astype(np.int64)
        ok = numbers != _INVALID[base.name]
        kind = "int"
    if numbers.ndim == 1:
        return RawField(Col(kind, numbers, ok))  # type: ignore[arg-type]
    elements = numbers.tolist()
    whole = ok.all(axis=1).tolist()
    oks = ok.tolist()
    tuples = [
        tuple(row)
        if full
        else (
            None
            if not any(flags)
            else tuple(v if f else None for v, f in zip(row, flags, strict=True))
        )
        for row, full, flags in zip(elements, whole, oks, strict=True)
    ]
    return RawField(Col.of_objects(tuples))


_STRINGS: dict[bytes, str | None] = {}


def _string(raw: bytes) -> str | None:
    try:
        return _STRINGS[raw]
    except KeyError:
        end = raw.find(0)
        text = (raw if end < 0 else raw[:end]).decode("utf-8", errors="replace") or None
        if len(_STRINGS) < 100_000:
            _STRINGS[raw] = text
        return text


def _choose(
    choices: tuple[tuple[tuple[int, Any], ...], ...], raw: list[RawField], n: int
) -> np.ndarray:
    """The sub-field each row uses (-1: the field itself): fitparse's `_resolve_subfield`."""
    chosen = np.full(n, -1, dtype=np.int64)
    for k in range(len(choices) - 1, -1, -1):
        match = np.zeros(n, dtype=bool)
        for position, value in choices[k]:
            col = raw[position].col
            if col.kind in ("int", "float"):
                match |= col.valid & (col.values == value)
            else:  # a tuple or a string never equals the reference number
                continue
        chosen[match] = k
    return chosen


def _component_bits(output: Output, source: RawField, fdef: AnyFieldDef) -> Col | None:
    """fitparse's `ComponentField.render`: the component's bits of the field's raw value."""
    component = output.component
    assert component is not None
    mask = (1 << component.bits) - 1
    offset = component.bit_offset or 0
    col = source.col
    if source.matrix is not None:
        size = source.matrix.shape[1]
        if offset and offset >= size * 8:
            return None  # fitparse: ValueError, the component is skipped
        first = offset // 8
        last = min((offset + component.bits - 1) // 8, size - 1)
        if last - first >= 7:
            raise FastDecodeUnsupported(f"component {component.name} wider than 56 bits")
        number = np.zeros(len(col.valid), dtype=np.uint64)
        for j in range(first, last + 1):
            number |= source.matrix[:, j].astype(np.uint64) << np.uint64(8 * (j - first))
        values = ((number >> np.uint64(offset - 8 * first)) & np.uint64(mask)).astype(np.int64)
        return Col("int", values, col.valid.copy())
    if col.kind != "int":
        raise FastDecodeUnsupported(f"component {component.name} of a non-integer field")
    values = col.values
    if values.dtype == np.uint64:
        bits = (values >> np.uint64(offset)) & np.uint64(mask)
    else:
        bits = (values >> offset) & mask
    return Col("int", bits.astype(np.int64), col.valid.copy())


# ---- values that depend on the order of messages --------------------------------------------------


def _accumulate(scan: FileScan, decoded: list[GroupColumns]) -> None:
    """Accumulated components (fitparse: per message type and target field, reset to 0 by each
    definition holding such a component, forgotten at each chained file)."""
    events: list[tuple[int, int, int, GroupColumns, int]] = []  # (message, order, kind, g, out)
    for g in decoded:
        for number, output in enumerate(g.plan.outputs):
            if output.accumulates and number in g.bits:
                events.append((-1, number, 0, g, number))
    if not events:
        return
    updates: list[tuple[int, int, int, int, int, int]] = []
    # (message index, output order, mesg_num, target, group number, row)
    group_of = {id(g): k for k, g in enumerate(decoded)}
    for _, number, _, g, _ in events:
        bits = g.bits[number]
        target = g.plan.outputs[number].component.def_num  # type: ignore[union-attr]
        for row in np.flatnonzero(bits.valid).tolist():
            updates.append(
                (int(g.indices[row]), number, g.plan.layout.mesg_num, target, group_of[id(g)], row)
            )
    updates.sort()
    resets: list[tuple[int, int, tuple[int, ...]]] = [
        (before, layout.mesg_num, compile_plan(layout).resets)
        for before, layout in scan.definitions
    ]
    part_starts = list(scan.part_starts)
    state: dict[int, dict[int, int]] = {}
    r = p = 0
    written: dict[tuple[int, int], np.ndarray] = {}
    for message, number, mesg_num, target, k, row in updates:
        while p < len(part_starts) and part_starts[p] <= message:
            # a chained file: fitparse starts with no accumulators; replay the definitions
            # made before it first
            while r < len(resets) and resets[r][0] < part_starts[p]:
                _reset(state, resets[r])
                r += 1
            state = {}
            p += 1
        while r < len(resets) and resets[r][0] <= message:
            _reset(state, resets[r])
            r += 1
        g = decoded[k]
        component = g.plan.outputs[number].component
        assert component is not None
        try:
            accumulated = state[mesg_num][target]
        except KeyError:
            raise FastDecodeUnsupported("an accumulated component without its definition") from None
        raw_value = int(g.bits[number].values[row])
        max_value = 1 << component.bits
        max_mask = max_value - 1
        value = raw_value + (accumulated & ~max_mask)
        if raw_value < (accumulated & max_mask):
            value += max_value
        state[mesg_num][target] = value
        key = (k, number)
        if key not in written:
            written[key] = g.bits[number].values.copy()
        written[key][row] = value
    for (k, number), values in written.items():
        bits = decoded[k].bits[number]
        decoded[k].bits[number] = Col("int", values, bits.valid)


def _reset(state: dict[int, dict[int, int]], reset: tuple[int, int, tuple[int, ...]]) -> None:
    _, mesg_num, targets = reset
    if targets:
        accumulators = state.setdefault(mesg_num, {})
        for target in targets:
            accumulators[target] = 0


def _compressed_timestamps(scan: FileScan, decoded: list[GroupColumns]) -> None:
    """Compressed-timestamp headers: 5 bits of offset from the last timestamp (field 253)."""
    n = scan.n_messages
    full = np.full(n, -1, dtype=np.int64)  # raw value of a field numbered 253, if any
    has_full = np.zeros(n, dtype=bool)
    offset = np.full(n, -1, dtype=np.int64)
    for g in decoded:
        for position in g.plan.timestamp_sources:
            col = g.raw[position].col
            if col.kind != "int":
                raise FastDecodeUnsupported("a timestamp field that is not a whole number")
            rows = np.flatnonzero(col.valid)
            full[g.indices[rows]] = col.values[rows]  # the last 253 field of a message wins
            has_full[g.indices[rows]] = True
        for row, time_offset in g.group.time_offsets:
            offset[g.indices[row]] = time_offset
    starts = set(scan.part_starts)
    accumulator = 0
    resolved = np.full(n, -1, dtype=np.int64)
    fulls, offsets = has_full.tolist(), offset.tolist()
    values = full.tolist()
    for i in range(n):
        if i in starts:
            accumulator = 0
        if fulls[i]:
            accumulator = values[i]
        if offsets[i] >= 0:
            stamp = offsets[i] + (accumulator & ~0x1F)
            if offsets[i] < (accumulator & 0x1F):
                stamp += 0x20
            accumulator = resolved[i] = stamp
    for g in decoded:
        if g.group.time_offsets:
            rows = np.array([row for row, _ in g.group.time_offsets], dtype=np.int64)
            values_g = np.zeros(g.n, dtype=np.int64)
            valid = np.zeros(g.n, dtype=bool)
            values_g[rows] = resolved[g.indices[rows]]
            valid[rows] = True
            g.timestamps = Col("int", values_g, valid)


# ---- named values -------------------------------------------------------------------------------


def _outputs(g: GroupColumns) -> None:
    """Each output's values, then by name: the first that holds a value (developer: the last)."""
    by_name: dict[str, list[Col]] = {}
    by_developer: dict[str, list[Col]] = {}
    outputs = list(enumerate(g.plan.outputs))
    if g.timestamps is not None:
        outputs.append((-1, timestamp_output(g.plan.layout.mesg_num)))
    for number, output in outputs:
        col = _output_col(g, number, output)
        if col is None:
            continue
        for selector, variant in output.when:
            col = col.with_valid(g.variants[selector] == variant)
        if output.kind == "developer":
            by_developer.setdefault(output.name, []).append(col)
        else:
            by_name.setdefault(output.name, []).append(col)
    g.fields = {name: first_valid(cols) for name, cols in by_name.items()}
    g.developer = {name: last_valid(cols) for name, cols in by_developer.items()}


def _output_col(g: GroupColumns, number: int, output: Output) -> Col | None:
    if output.kind == "timestamp":
        assert g.timestamps is not None and isinstance(output.rendering, Rendering)
        return render_col(output.rendering, g.timestamps)
    if output.kind == "component":
        bits = g.bits.get(number)
        if bits is None:
            return None
        assert isinstance(output.rendering, Rendering)
        return render_col(output.rendering, bits)
    raw = g.raw[output.source].col
    if output.kind == "developer":
        return raw if raw.kind != "obj" else map_distinct(raw, developer_value)
    if output.kind == "unknown":
        assert isinstance(output.rendering, UnknownField)
        if output.rendering.convert is None and raw.kind != "obj":
            return raw
        return map_distinct(raw, output.rendering)
    assert isinstance(output.rendering, Rendering)
    return render_col(output.rendering, raw)


def render_col(rendering: Rendering, raw: Col) -> Col:
    """`rendering` applied to every value: vectorised for numbers and timestamps."""
    if raw.kind in ("int", "float"):
        scale, offset = rendering.scale, rendering.offset
        if rendering.is_plain_number:
            if not scale and not offset:
                return raw
            if scale and isinstance(scale, (int, float)) and isinstance(offset or 0, (int, float)):
                values = raw.values.astype(np.float64) / scale
                if offset:
                    values = values - offset
                return Col("float", values, raw.valid)
        elif (
            raw.kind == "int"
            and rendering.type_name in ("date_time", "local_date_time")
            and not rendering.values
            and not scale
            and not offset
            and rendering.sdk_enum is None
        ):
            seconds = raw.values
            if rendering.type_name == "local_date_time" or bool(
                (seconds[raw.valid] >= MIN_ABSOLUTE_DATE_TIME).all()
            ):
                return Col("stamp", seconds.astype(np.int64), raw.valid)
    return map_distinct(raw, rendering)
