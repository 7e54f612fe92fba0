"""TOML files read through pydantic models, with errors that name the file's line, table and key.

`tomllib` reports line numbers for syntax errors only, and pydantic reports where a value sits in
the data (`("session", 2, "type")`), not in the text. This module joins the two, for any TOML
file validated by a pydantic model (plan, policy, config):

```python
data, lines = parse_toml(text)                   # tomllib.TOMLDecodeError on bad syntax
try:
    plan = Plan.model_validate(data)
except ValidationError as exc:
    problem = first_problem(toml_problems(exc, Plan), lines)
    raise ConfigError(problem.text(lines, label(problem.table)), path=source) from None
```

which reads e.g. `plan.toml: line 14: [[session]] #3: type = "fast" is not allowed; use one of:
easy, recovery, long, tempo, intervals`. Messages follow pydantic's error types (unknown key,
missing key, wrong type, out of range, not one of the allowed values…); validators speak the
same language by raising `key_error(key, "…")` (a problem of one key of their table, found by
a model validator) or `value_error("…")` (a field validator's verdict on its value).

The line scanner follows `[table]` / `[[array.of.tables]]` headers and `key =` lines; table
paths have the shape of the parsed data: `("session", 2, "exercise", 0)` is the first
`[[session.exercise]]` of the third `[[session]]`.
"""

from __future__ import annotations

import math
import re
import tomllib
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Strict, StringConstraints, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from rules.errors import ConfigError

TablePath = tuple[str | int, ...]

Whole = Annotated[int, Strict()]
"""A whole number as written in TOML (not a float, not a boolean)."""
Number = Annotated[float, Strict()]
"""A number (a whole one too), not a string nor a boolean."""
NonEmpty = Annotated[str, Strict(), StringConstraints(min_length=1, strip_whitespace=False)]
"""A string with something in it."""


class TomlModel(BaseModel):
    """Base of the models of TOML files: frozen, unknown keys refused, fields by name or by the
    key written in the file (alias)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_by_name=True, validate_by_alias=True
    )


_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


@dataclass
class LineIndex:
    """Where each table header and each key of a TOML text was written (1-based lines)."""

    tables: dict[TablePath, int] = field(default_factory=dict)
    keys: dict[tuple[TablePath, str], int] = field(default_factory=dict)

    def line(self, table: TablePath, key: str | None = None) -> int | None:
        """The line of `key` in `table` (or of its own `[table.key]` header), else of the
        table's header, else None."""
        if key is not None and (table, key) in self.keys:
            return self.keys[(table, key)]
        if key is not None and (*table, key) in self.tables:
            return self.tables[(*table, key)]
        return self.tables.get(table)


def index_lines(text: str) -> LineIndex:
    """Scan `text` once and record the line of every table header and `key =` line."""
    index = LineIndex()
    counters: dict[TablePath, int] = {}
    current: TablePath = ()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if match := _ARRAY_HEADER.match(line):
            current = _array_path(match.group(1).split("."), counters)
            index.tables[current] = number
        elif match := _TABLE_HEADER.match(line):
            current = tuple(match.group(1).split("."))
            index.tables.setdefault(current, number)
        elif match := _KEY.match(line):
            index.keys.setdefault((current, match.group(1)), number)
    return index


def _array_path(names: list[str], counters: dict[TablePath, int]) -> TablePath:
    """The path of a new `[[a.b]]` element: the parent is the latest element of `[[a]]`."""
    parent: TablePath = ()
    for name in names[:-1]:
        parent = (*parent, name)
        # A parent that is itself an array of tables resolves to its latest element.
        if parent in counters:
            parent = (*parent, counters[parent] - 1)
    base = (*parent, names[-1])
    index = counters.get(base, 0)
    counters[base] = index + 1
    return (*base, index)


def parse_toml(text: str) -> tuple[dict[str, Any], LineIndex]:
    """The parsed data and its line index; raises `tomllib.TOMLDecodeError` (it has the line)."""
    return tomllib.loads(text), index_lines(text)


def show(value: object) -> str:
    """A value as the user wrote it in TOML (strings quoted, lists in brackets)."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


# ---------------------------------------------------------------------------------------------
# Validators speak in keys

KEY_ERROR = "toml_key"
VALUE_ERROR = "toml_value"


def key_error(key: str | None, message: str, at: TablePath = ()) -> PydanticCustomError:
    """What a model validator raises about one key of its table (`key`) or the table itself
    (None): the user reads `line N: [table]: key message`. `at` names a sub-table of the
    validated one (e.g. `("session", 2)` from the plan's own validator)."""
    return PydanticCustomError(
        KEY_ERROR, "{message}", {"key": key or "", "message": message, "at": at}
    )


def value_error(message: str) -> PydanticCustomError:
    """What a field validator raises about its value: the user reads `key = value message`."""
    return PydanticCustomError(VALUE_ERROR, "{message}", {"message": message})


# ---------------------------------------------------------------------------------------------
# Pydantic errors → problems at a table and key


@dataclass(frozen=True)
class TomlProblem:
    """One validation problem: the table it is in, the key (None: the table), and what."""

    table: TablePath
    key: str | None
    message: str
    """The words after the key, e.g. `= "fast" is not allowed; use one of: easy, …`."""

    def line(self, lines: LineIndex | None) -> int | None:
        return None if lines is None else lines.line(self.table, self.key)

    def text(self, lines: LineIndex | None, label: str) -> str:
        """`line 14: [[session]] #3: type = "fast" is not allowed; use one of: …`."""
        line = self.line(lines)
        where = f"line {line}: " if line is not None else ""
        what = f"{self.key} " if self.key else ""
        return f"{where}{label}: {what}{self.message}"


def table_label(table: TablePath, *, root: str = "file") -> str:
    """`[plan]`, `[[session]] #3`, `[[session]] #3 exercise #1`; `root` for the top level."""
    if not table:
        return root
    parts: list[str] = []
    i = 0
    while i < len(table):
        name = table[i]
        if i + 1 < len(table) and isinstance(table[i + 1], int):
            number = int(table[i + 1]) + 1
            parts.append(f"[[{name}]] #{number}" if not parts else f"{name} #{number}")
            i += 2
        else:
            parts.append(f"[{name}]" if not parts else str(name))
            i += 1
    return " ".join(parts)


def toml_problems(error: ValidationError, model: type[BaseModel]) -> list[TomlProblem]:
    """Every error of `error` (raised validating `model`) as a problem at a table and key."""
    return [_problem(e, model) for e in error.errors()]


def first_problem(problems: Sequence[TomlProblem], lines: LineIndex | None) -> TomlProblem:
    """The problem written first in the file (those without a line last, in pydantic's order)."""
    return min(
        enumerate(problems),
        key=lambda ip: (ip[1].line(lines) or math.inf, ip[0]),
    )[1]


def _problem(error: Any, model: type[BaseModel]) -> TomlProblem:
    kind: str = error["type"]
    loc: TablePath = tuple(error["loc"])
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind == KEY_ERROR:
        table, _, _, _ = _split(model, loc)
        return TomlProblem((*table, *ctx.get("at", ())), ctx.get("key") or None, ctx["message"])
    if kind in ("extra_forbidden", "missing"):
        table, parent = loc[:-1], _model_at(model, loc[:-1])
        key = str(loc[-1])
        fields = _fields(parent) if parent is not None else {}
        if kind == "extra_forbidden":
            return TomlProblem(
                table, key, f"is not a known key here; use one of: {', '.join(fields)}"
            )
        return _missing(table, key, fields.get(key))
    table, key, rest, info = _split(model, loc)
    if key is None and table:  # the value of a table key is not a table, or an array item
        table, key, rest = table[:-1], str(table[-1]), ()
    prefix = "".join(f"item {int(i) + 1} " for i in rest if isinstance(i, int))
    return TomlProblem(table, key, prefix + _what(kind, value, ctx, error["msg"], info, key))


def _missing(table: TablePath, key: str, info: FieldInfo | None) -> TomlProblem:
    annotation = _unwrap(info.annotation) if info is not None else None
    extra = _extra(info)
    hint = extra.get("hint")
    if _is_model(annotation):
        return TomlProblem(
            table, None, f"has no [{key}] table; add [{key}]" + (f" {hint}" if hint else "")
        )
    return TomlProblem(table, None, f"{key} is missing; add {key} = {hint or _hint(annotation)}")


def _what(
    kind: str,
    value: object,
    ctx: dict[str, Any],
    msg: str,
    info: FieldInfo | None,
    key: str | None,
) -> str:
    shown = f"= {show(value)}"
    unit = _extra(info).get("unit")
    in_unit = f" in {unit}" if unit else ""
    annotation = _unwrap(info.annotation) if info is not None else None
    if kind == VALUE_ERROR:
        return f"{shown} {ctx['message']}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"{shown} is not allowed; use one of: {', '.join(choices)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{shown} must be a whole number"
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"{shown} must be a number{in_unit}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{shown} must be true or false"
    if kind == "string_type":
        return f"{shown} must be a string ({_hint(annotation)})"
    if kind == "string_too_short":
        return "must not be empty"
    bounds = {
        "greater_than": ("gt", "more than"),
        "greater_than_equal": ("ge", "at least"),
        "less_than": ("lt", "less than"),
        "less_than_equal": ("le", "at most"),
    }
    if kind in bounds:
        name, words = bounds[kind]
        return f"{shown} must be {words} {show(ctx[name])}"
    if kind.startswith(("date_", "datetime_")):
        return f"{shown} must be a date written YYYY-MM-DD (e.g. 2026-09-07)"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a table, not {show(value)}"
    if kind in ("list_type", "tuple_type") and _is_model(_item(annotation)):
        return f"must be written as [[{key}]] tables"
    if kind in ("list_type", "tuple_type"):
        return f"{shown} must be a list ({_hint(annotation)})"
    if kind in ("too_short", "too_long"):
        return f"{shown} must be {_hint(annotation)}"
    return f"{shown}: {msg.removeprefix('Value error, ')}"


def load_toml_model[M: BaseModel](
    model: type[M],
    text: str,
    *,
    source: str | None,
    label: Callable[[TablePath, dict[str, Any]], str] | None = None,
) -> M:
    """Parse `text` and validate it as `model`; any problem is a `ConfigError` naming `source`
    and the line, table and key (`label(table, data)` names a table; default `table_label`)."""
    try:
        data, lines = parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"not valid TOML ({exc}); fix the syntax at that line", path=source
        ) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problem = first_problem(toml_problems(exc, model), lines)
        name = label(problem.table, data) if label else table_label(problem.table)
        raise ConfigError(problem.text(lines, name), path=source) from None


# ---------------------------------------------------------------------------------------------
# Walking a model along an error location


def _unwrap(annotation: Any) -> Any:
    """`X | None` and `Annotated[X, …]` → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _item(annotation: Any) -> Any:
    """The item type of `tuple[X, ...]` / `list[X]`, else None."""
    if typing.get_origin(annotation) in (list, tuple):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        if len(set(args)) == 1:
            return _unwrap(args[0])
    return None


def _sub_table(annotation: Any, key: str | int) -> type[BaseModel] | None:
    """The model of the sub-table `key` of a field holding an array of tables (`list[M]`,
    `key` an index: `[[session]]`) or tables named by their key (`dict[str, M]`, `key` a name:
    `[athletes.me]`); None for any other field."""
    if isinstance(key, int):
        element = _item(annotation)
    elif typing.get_origin(annotation) is dict:
        element = _unwrap(typing.get_args(annotation)[1])
    else:
        return None
    return element if _is_model(element) else None


def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """The model's fields by the key written in the file (alias, else name), in order."""
    return {(info.alias or name): info for name, info in model.model_fields.items()}


def _extra(info: FieldInfo | None) -> dict[str, Any]:
    extra = info.json_schema_extra if info is not None else None
    return extra if isinstance(extra, dict) else {}


def _model_at(model: type[BaseModel], table: TablePath) -> type[BaseModel] | None:
    """The model of the table at `table` (None when the path leaves the models)."""
    node: Any = model
    i = 0
    while i < len(table):
        info = _fields(node).get(str(table[i])) if _is_model(node) else None
        if info is None:
            return None
        annotation = _unwrap(info.annotation)
        if _is_model(annotation):
            node, i = annotation, i + 1
        elif i + 1 < len(table) and (element := _sub_table(annotation, table[i + 1])):
            node, i = element, i + 2
        else:
            return None
    return node if _is_model(node) else None


def _split(
    model: type[BaseModel], loc: TablePath
) -> tuple[TablePath, str | None, TablePath, FieldInfo | None]:
    """(table, key, what follows the key, the key's field) of an error location."""
    node: Any = model
    i = 0
    while i < len(loc):
        part = loc[i]
        info = _fields(node).get(part) if _is_model(node) and isinstance(part, str) else None
        if info is None:
            break
        annotation = _unwrap(info.annotation)
        if _is_model(annotation):
            node, i = annotation, i + 1
        elif i + 1 < len(loc) and (element := _sub_table(annotation, loc[i + 1])):
            node, i = element, i + 2
        else:
            return loc[:i], str(part), loc[i + 1 :], info
    if i < len(loc) and isinstance(loc[i], str):
        return loc[:i], str(loc[i]), loc[i + 1 :], None
    return loc[:i], None, loc[i:], None


def _hint(annotation: Any) -> str:
    """What a value of this type looks like, for "add key = …" and "must be …"."""
    if typing.get_origin(annotation) is typing.Literal:
        return "one of " + ", ".join(str(a) for a in typing.get_args(annotation))
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "a whole number"
    if annotation is float:
        return "a number"
    if annotation is date:
        return "YYYY-MM-DD"
    item = _item(annotation)
    if item is not None:
        return f"a list of {_hint(item)}"
    if typing.get_origin(annotation) is tuple:
        return f"[{', '.join(_hint(_unwrap(a)) for a in typing.get_args(annotation))}]"
    return '"…"'
