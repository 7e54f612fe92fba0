"""Typed, line-aware reading of one parsed TOML table; every problem becomes a ConfigError.

The error says where (file, line, table, key), what is wrong and what is allowed, e.g.
`plan.toml: line 14: [[session]] #3 (tue run): type = "fast" is not allowed; use one of:
easy, recovery, long, tempo, intervals`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NoReturn

from rules.toml_lines import LineIndex, TablePath, index_lines
from runlift_sync.errors import ConfigError


def load_toml(text: str, *, source: str | None) -> tuple[dict[str, Any], LineIndex]:
    """Parse TOML text; a syntax error becomes a ConfigError with tomllib's line and column."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"not valid TOML ({exc}); fix the syntax at that line", path=source
        ) from exc
    return data, index_lines(text)


def show(value: object) -> str:
    """A value as the user wrote it in TOML (strings quoted)."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class TableReader:
    """Reads keys of one table with type and range checks; knows the table's line numbers."""

    def __init__(
        self,
        data: Mapping[str, Any],
        *,
        path: TablePath,
        label: str,
        lines: LineIndex,
        source: str | None,
    ) -> None:
        self.data = data
        self.path = path
        self.label = label
        self.lines = lines
        self.source = source

    def fail(self, key: str | None, message: str) -> NoReturn:
        """Raise a ConfigError that names the line, the table and the key."""
        line = self.lines.line(self.path, key)
        where = f"line {line}: " if line is not None else ""
        what = f"{key} " if key is not None else ""
        raise ConfigError(f"{where}{self.label}: {what}{message}", path=self.source)

    def child(self, key: str, value: Mapping[str, Any], path: TablePath, label: str) -> TableReader:
        """A reader for a sub-table; fails unless `value` is a table."""
        if not isinstance(value, Mapping):
            self.fail(key, f"must be a table, not {show(value)}")
        return TableReader(value, path=path, label=label, lines=self.lines, source=self.source)

    def check_keys(self, allowed: Iterable[str]) -> None:
        """Fail on the first key that is not in `allowed` (a typo is never silently ignored)."""
        allowed = tuple(allowed)
        for key in self.data:
            if key not in allowed:
                self.fail(key, f"is not a known key here; use one of: {', '.join(allowed)}")

    def require(self, key: str, what: str) -> Any:
        """The raw value of a required key."""
        if key not in self.data:
            self.fail(None, f"{key} is missing; add {key} = {what}")
        return self.data[key]

    def string(
        self, key: str, *, required: bool = False, allowed: Iterable[str] | None = None
    ) -> str | None:
        """A string, optionally one of a closed set."""
        choices = tuple(allowed) if allowed is not None else None
        hint = f"one of {', '.join(choices)}" if choices else '"…"'
        if key not in self.data:
            if required:
                self.require(key, hint)
            return None
        value = self.data[key]
        if not isinstance(value, str):
            self.fail(key, f"= {show(value)} must be a string ({hint})")
        if choices is not None and value not in choices:
            self.fail(key, f"= {show(value)} is not allowed; use one of: {', '.join(choices)}")
        if not value.strip():
            self.fail(key, "must not be empty")
        return value

    def number(
        self,
        key: str,
        *,
        required: bool = False,
        above: float | None = None,
        at_least: float | None = None,
        at_most: float | None = None,
        unit: str = "",
    ) -> float | None:
        """A number (integer or float, not a boolean) within bounds."""
        if key not in self.data:
            if required:
                self.require(key, f"a number{unit and ' in ' + unit}")
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(key, f"= {show(value)} must be a number{unit and ' in ' + unit}")
        self._check_range(key, value, above=above, at_least=at_least, at_most=at_most)
        return float(value)

    def integer(
        self,
        key: str,
        *,
        required: bool = False,
        at_least: int | None = None,
        at_most: int | None = None,
    ) -> int | None:
        """A whole number within bounds."""
        if key not in self.data:
            if required:
                self.require(key, "a whole number")
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"= {show(value)} must be a whole number")
        self._check_range(key, value, above=None, at_least=at_least, at_most=at_most)
        return value

    def boolean(self, key: str) -> bool | None:
        """true or false."""
        if key not in self.data:
            return None
        value = self.data[key]
        if not isinstance(value, bool):
            self.fail(key, f"= {show(value)} must be true or false")
        return value

    def day(self, key: str, *, required: bool = False) -> date | None:
        """A calendar date: a TOML local date (2026-09-07) or the same as a string."""
        if key not in self.data:
            if required:
                self.require(key, "YYYY-MM-DD")
            return None
        value = self.data[key]
        if type(value) is date:
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(key, f"= {show(value)} must be a date written YYYY-MM-DD (e.g. 2026-09-07)")

    def week_range(self, key: str, *, required: bool = False) -> tuple[int, int] | None:
        """An inclusive range of plan weeks, `[first, last]`, counted from 1."""
        if key not in self.data:
            if required:
                self.require(key, "[first, last] (plan weeks, from 1)")
            return None
        value = self.data[key]
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and 1 <= value[0] <= value[1]
        )
        if not ok:
            self.fail(
                key,
                f"= {show(value)} must be [first, last] with 1 <= first <= last "
                "(plan weeks counted from [plan] start, e.g. weeks = [1, 4])",
            )
        return (value[0], value[1])

    def _check_range(
        self,
        key: str,
        value: float,
        *,
        above: float | None,
        at_least: float | None,
        at_most: float | None,
    ) -> None:
        if above is not None and not value > above:
            self.fail(key, f"= {show(value)} must be more than {show(above)}")
        if at_least is not None and value < at_least:
            self.fail(key, f"= {show(value)} must be at least {show(at_least)}")
        if at_most is not None and value > at_most:
            self.fail(key, f"= {show(value)} must be at most {show(at_most)}")
