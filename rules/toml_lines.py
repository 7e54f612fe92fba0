"""Line numbers of the tables and keys of a TOML text, so validation errors can point at a line.

`tomllib` reports line numbers for syntax errors only. Plan and policy files are small and
flat, so a line scanner that follows `[table]` / `[[array.of.tables]]` headers and `key =`
lines finds where each key was written. Table paths use the same shape as the parsed data:
`("session", 2, "exercise", 0)` is the first `[[session.exercise]]` of the third `[[session]]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TablePath = tuple[str | int, ...]

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


@dataclass
class LineIndex:
    """Where each table header and each key of a TOML text was written (1-based lines)."""

    tables: dict[TablePath, int] = field(default_factory=dict)
    keys: dict[tuple[TablePath, str], int] = field(default_factory=dict)

    def line(self, table: TablePath, key: str | None = None) -> int | None:
        """The line of `key` in `table`, else of the table's header, else None."""
        if key is not None and (table, key) in self.keys:
            return self.keys[(table, key)]
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
