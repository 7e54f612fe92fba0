"""Timestamps that depend on the order of messages in the file, across all groups.

`messages.resolve_timestamp_16`'s rule for the whole file at once (a 16-bit timestamp takes
its high bits from the last full timestamp, rolling over when the low bits wrap), and the
last full timestamp before each message (what `tables` gives hrv messages as
`near_timestamp_utc`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from runlift_sync.fit.column_decode import GroupColumns
from runlift_sync.fit.row_decode import RowGroup
from runlift_sync.fit.sdk_profile import FIT_EPOCH_NAIVE
from runlift_sync.fit.value_columns import Col, first_valid


def resolve_order(n: int, columns: list[GroupColumns], rows: list[RowGroup]) -> None:
    """Fill in 16-bit timestamps and each message's preceding full timestamp, in place."""
    full = np.zeros(n, dtype=np.int64)
    is_full = np.zeros(n, dtype=bool)
    low = np.zeros(n, dtype=np.int64)
    has_low = np.zeros(n, dtype=bool)
    for g in columns:
        stamp = g.fields.get("timestamp")
        if stamp is not None:
            seconds, ok = _stamp_seconds(stamp)
            full[g.indices[ok]] = seconds[ok]
            is_full[g.indices[ok]] = True
        sixteen = g.fields.get("timestamp_16")
        if sixteen is not None:
            values, ok = _int_values(sixteen)
            low[g.indices[ok]] = values[ok]
            has_low[g.indices[ok]] = True
    for r in rows:
        for index, fields in zip(r.indices, r.fields, strict=True):
            stamp_value = fields.get("timestamp")
            if isinstance(stamp_value, dt.datetime):
                full[index] = int((stamp_value - FIT_EPOCH_NAIVE).total_seconds())
                is_full[index] = True
            low_value = fields.get("timestamp_16")
            if isinstance(low_value, int):
                low[index] = low_value
                has_low[index] = True
    resolved_at = _resolve_16(full, is_full, low, has_low)
    if resolved_at is not None:
        for g in columns:
            at = resolved_at[g.indices]
            if at.any():
                g.fields["timestamp"] = _set_stamps(g.fields.get("timestamp"), at, full[g.indices])
        for r in rows:
            for index, fields in zip(r.indices, r.fields, strict=True):
                if resolved_at[index]:
                    fields["timestamp"] = FIT_EPOCH_NAIVE + dt.timedelta(seconds=int(full[index]))
    last = np.maximum.accumulate(np.where(is_full, np.arange(n), -1)) if n else is_full
    before = np.concatenate(([-1], last[:-1])) if n else last
    for g in columns:
        idx = before[g.indices]
        ok = idx >= 0
        g.near = Col("stamp", np.where(ok, full[np.maximum(idx, 0)], 0), ok)
    for r in rows:
        near: list[Any] = []
        for index in r.indices:
            k = int(before[index])
            near.append(None if k < 0 else FIT_EPOCH_NAIVE + dt.timedelta(seconds=int(full[k])))
        r.near = near


def _resolve_16(
    full: np.ndarray, is_full: np.ndarray, low: np.ndarray, has_low: np.ndarray
) -> np.ndarray | None:
    """Resolve in place; returns which messages got a timestamp this way (None: none did)."""
    pending = has_low & ~is_full
    if not pending.any():
        return None
    events = np.flatnonzero(is_full | pending)
    anchors = is_full[events]
    value = np.where(anchors, full[events], low[events])
    previous = np.concatenate(([0], value[:-1]))
    step = np.where(anchors, 0, (value - previous) & 0xFFFF)
    total = np.cumsum(step)
    anchor = np.maximum.accumulate(np.where(anchors, np.arange(len(events)), -1))
    safe = np.maximum(anchor, 0)
    resolved = full[events[safe]] + total - total[safe]
    use = ~anchors & (anchor >= 0)
    targets = events[use]
    full[targets] = resolved[use]
    is_full[targets] = True
    resolved_at = np.zeros(len(full), dtype=bool)
    resolved_at[targets] = True
    return resolved_at


def _stamp_seconds(col: Col) -> tuple[np.ndarray, np.ndarray]:
    """Seconds since the FIT epoch where the value is a datetime."""
    if col.kind == "stamp":
        return col.values.astype(np.int64), col.valid.copy()
    seconds = np.zeros(col.n, dtype=np.int64)
    ok = np.zeros(col.n, dtype=bool)
    if col.kind != "obj":
        return seconds, ok
    for i, value in enumerate(col.values.tolist()):
        if col.valid[i] and isinstance(value, dt.datetime):
            seconds[i] = int((value - FIT_EPOCH_NAIVE).total_seconds())
            ok[i] = True
    return seconds, ok


def _int_values(col: Col) -> tuple[np.ndarray, np.ndarray]:
    if col.kind == "int":
        return col.values.astype(np.int64), col.valid.copy()
    values = np.zeros(col.n, dtype=np.int64)
    ok = np.zeros(col.n, dtype=bool)
    if col.kind != "obj":
        return values, ok
    for i, value in enumerate(col.values.tolist()):
        if col.valid[i] and isinstance(value, int):
            values[i] = value
            ok[i] = True
    return values, ok


def _set_stamps(col: Col | None, rows: np.ndarray, seconds: np.ndarray) -> Col:
    """The `timestamp` column with resolved 16-bit timestamps written into `rows`."""
    if col is None or not col.valid.any():
        return Col("stamp", np.where(rows, seconds, 0), rows.copy())
    if col.kind == "stamp":
        return Col("stamp", np.where(rows, seconds, col.values), col.valid | rows)
    return first_valid([Col("stamp", seconds, rows.copy()), col])
