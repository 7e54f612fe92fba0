"""Decode a small group of data messages one by one (numpy costs more than it saves there).

Same plan, same value rules as `column_decode`, applied per message with `struct`: each
output's value is computed once per distinct raw value (cached on the plan, across files),
and the message's fields are a dict, as the reference path's `Message.fields`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from runlift_sync.errors import FastDecodeUnsupported
from runlift_sync.fit.field_values import developer_value
from runlift_sync.fit.layout_plan import Plan, compile_plan
from runlift_sync.fit.layouts import Layout
from runlift_sync.fit.message_scan import Group

_MISSING = object()


@dataclass
class RowGroup:
    """A group decoded message by message."""

    group: Group
    plan: Plan
    indices: list[int]
    fields: list[dict[str, Any]]
    developer: list[dict[str, Any]]
    near: list[Any] = field(default_factory=list)  # last full timestamp before each message

    @property
    def n(self) -> int:
        return len(self.indices)


@dataclass
class _Step:
    """One output of the plan, ready to run on a row's raw values."""

    name: str
    developer: bool
    source: int
    when: tuple[tuple[int, int], ...]
    compute: Callable[[Any], Any]
    cache: dict[Any, Any]


@dataclass
class _Program:
    selectors: list[tuple[tuple[tuple[int, Any], ...], ...]]
    steps: list[_Step]


@cache
def _program(layout: Layout) -> _Program:
    plan = compile_plan(layout)
    steps = []
    for output in plan.outputs:
        if output.kind == "timestamp":
            continue
        if output.kind == "developer":
            compute: Callable[[Any], Any] = developer_value
        elif output.kind == "component":
            assert output.component is not None and output.rendering is not None
            if output.accumulates:
                raise FastDecodeUnsupported("accumulated components are read by columns")
            compute = _component(output.component, output.rendering)
        else:
            assert output.rendering is not None
            compute = output.rendering
        steps.append(
            _Step(output.name, output.kind == "developer", output.source, output.when, compute, {})
        )
    return _Program([s.choices for s in plan.selectors], steps)


def _component(component: Any, rendering: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def compute(raw: Any) -> Any:
        try:
            bits = component.render(raw)
        except ValueError:
            return None  # fitparse skips the component
        except TypeError as exc:
            raise FastDecodeUnsupported(f"component {component.name}: {exc}") from exc
        return rendering(bits)

    return compute


def decode_rows(data: bytes, group: Group) -> RowGroup:
    """Every message of a group, decoded in order."""
    layout = group.layout
    program = _program(layout)
    selectors = program.selectors
    steps = program.steps
    fields_list: list[dict[str, Any]] = []
    developer_list: list[dict[str, Any]] = []
    read_row = layout.read_row
    for offset in group.offsets:
        raw = read_row(data, offset)
        chosen = [_choose(choices, raw) for choices in selectors] if selectors else ()
        fields: dict[str, Any] = {}
        developer: dict[str, Any] = {}
        for step in steps:
            if step.when and any(chosen[s] != k for s, k in step.when):
                continue
            value_raw = raw[step.source]
            cache = step.cache
            try:
                value = cache.get(value_raw, _MISSING)
            except TypeError:  # unhashable raw value: never (tuples, str, numbers)
                value = step.compute(value_raw)
            else:
                if value is _MISSING:
                    value = step.compute(value_raw)
                    if len(cache) < 4096:
                        cache[value_raw] = value
            if value is None:
                continue
            if step.developer:
                developer[step.name] = value
            elif step.name not in fields:
                fields[step.name] = value
        fields_list.append(fields)
        developer_list.append(developer)
    return RowGroup(group, compile_plan(layout), list(group.indices), fields_list, developer_list)


def _choose(choices: tuple[tuple[tuple[int, Any], ...], ...], raw: list[Any]) -> int:
    for k, alternatives in enumerate(choices):
        for position, value in alternatives:
            if raw[position] == value:
                return k
    return -1
