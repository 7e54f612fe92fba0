"""What a layout's data messages hold, by name: fields, sub-fields, components, developer fields.

A plan is compiled once per layout (and kept across files): the outputs of a data message in
the order fitparse produces them (a field's components just before the field itself, a
compressed timestamp last), each with the rows it applies to (sub-field selection by the
values of reference fields) and the function that turns its raw value into the stored one.
The first output of a name that holds a value wins, as in `fitparse_reader`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from runlift_sync.errors import FastDecodeUnsupported
from runlift_sync.fit.field_values import (
    FIELD_TYPE_TIMESTAMP,
    MESSAGE_TYPES,
    TIMESTAMP_DEF_NUM,
    ComponentField,
    Rendering,
    UnknownField,
    component_rendering,
    field_rendering,
    message_name,
    unknown_field,
)
from runlift_sync.fit.layouts import Layout

OutputKind = Literal["field", "component", "unknown", "developer", "timestamp"]


@dataclass(frozen=True)
class Selector:
    """Which sub-field a row uses: the first whose reference field holds its value, else -1.

    `choices[k]` lists (field position, value) pairs; any match selects sub-field k.
    """

    choices: tuple[tuple[tuple[int, Any], ...], ...]


@dataclass(frozen=True)
class Output:
    """One named value of a data message, and how it is computed."""

    name: str
    kind: OutputKind
    source: int  # position of the field it comes from in `Layout.all_fields` (-1: timestamp)
    when: tuple[tuple[int, int], ...] = ()  # (selector number, chosen variant) all required
    rendering: Rendering | UnknownField | None = None
    component: ComponentField | None = None

    @property
    def accumulates(self) -> bool:
        return self.component is not None and bool(self.component.accumulate)


@dataclass
class Plan:
    """A compiled layout."""

    layout: Layout
    message: str
    outputs: list[Output]
    selectors: list[Selector]
    #: component numbers whose accumulators this definition resets (fitparse: to 0)
    resets: tuple[int, ...]
    #: positions of fields numbered 253 (they feed the compressed-timestamp accumulator)
    timestamp_sources: tuple[int, ...]
    names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: dict[str, None] = {}
        for output in self.outputs:
            if output.kind != "developer":
                seen.setdefault(output.name)
        self.names = list(seen)


#: The output a compressed-timestamp header adds to a message.
def timestamp_output(mesg_num: int) -> Output:
    return Output(
        "timestamp", "timestamp", -1, rendering=field_rendering(mesg_num, FIELD_TYPE_TIMESTAMP)
    )


@cache
def compile_plan(layout: Layout) -> Plan:
    """The plan of a layout (cached: layouts repeat across files)."""
    mesg_num = layout.mesg_num
    mesg_type = MESSAGE_TYPES.get(mesg_num)
    outputs: list[Output] = []
    selectors: list[Selector] = []
    selector_of: dict[int, int] = {}
    resets: list[int] = []

    def selector_for(profile_field: Any) -> int | None:
        if not profile_field.subfields:
            return None
        key = id(profile_field)
        if key not in selector_of:
            choices = []
            for sub in profile_field.subfields:
                alternatives = tuple(
                    (j, ref.raw_value)
                    for ref in sub.ref_fields
                    for j, f in enumerate(layout.fields)
                    if f.def_num == ref.def_num
                )
                choices.append(alternatives)
            selector_of[key] = len(selectors)
            selectors.append(Selector(tuple(choices)))
        return selector_of[key]

    for i, fdef in enumerate(layout.fields):
        profile_field = mesg_type.fields.get(fdef.def_num) if mesg_type else None
        if profile_field is None:
            unknown = unknown_field(mesg_num, fdef.def_num)
            outputs.append(Output(unknown.name, "unknown", i, rendering=unknown))
            continue
        for component in profile_field.components or ():
            if component.accumulate and component.def_num not in resets:
                resets.append(component.def_num)
        selector = selector_for(profile_field)
        variants: list[tuple[int, Any]] = [
            (k, sub) for k, sub in enumerate(profile_field.subfields or ())
        ]
        variants.append((-1, profile_field))
        for k, variant in variants:
            when = () if selector is None else ((selector, k),)
            for component in variant.components or ():
                _check_component(layout, fdef.def_num, component)
                target = mesg_type.fields[component.def_num]
                target_selector = selector_for(target)
                target_variants = [(kk, sub) for kk, sub in enumerate(target.subfields or ())]
                target_variants.append((-1, target))
                for kk, target_variant in target_variants:
                    extra = () if target_selector is None else ((target_selector, kk),)
                    outputs.append(
                        Output(
                            target_variant.name,
                            "component",
                            i,
                            when + extra,
                            component_rendering(mesg_num, target_variant, component),
                            component,
                        )
                    )
            outputs.append(
                Output(variant.name, "field", i, when, field_rendering(mesg_num, variant))
            )
    offset = len(layout.fields)
    for j, dev in enumerate(layout.dev_fields):
        outputs.append(Output(dev.name, "developer", offset + j))
    timestamp_sources = tuple(
        i for i, f in enumerate(layout.all_fields) if f.def_num == TIMESTAMP_DEF_NUM
    )
    return Plan(
        layout,
        message_name(mesg_num),
        outputs,
        selectors,
        tuple(resets),
        timestamp_sources,
    )


def _check_component(layout: Layout, def_num: int, component: ComponentField) -> None:
    """Components the fast decoder reads like fitparse: of whole numbers or byte arrays."""
    mesg_type = MESSAGE_TYPES[layout.mesg_num]
    if component.def_num not in mesg_type.fields:
        raise FastDecodeUnsupported(f"component {component.name} of an unknown field")
    fdef = next(f for f in layout.fields if f.def_num == def_num)
    base = fdef.base_type
    if fdef.is_string or base.fmt in ("f", "d") or (fdef.is_array and not fdef.is_byte):
        raise FastDecodeUnsupported(f"components of a {base.name} field ({fdef.def_num})")
