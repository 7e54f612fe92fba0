"""Editing a plan's TOML text in place (keeping the user's comments): setting its dates."""

from __future__ import annotations

import re
from datetime import date

_TABLE = re.compile(r"^\s*\[")
_PLAN = re.compile(r"^\s*\[\s*plan\s*\]")


def set_plan_dates(text: str, *, start: date | None = None, race_date: date | None = None) -> str:
    """Set `start` and/or `race_date` in the [plan] table of `text`, keeping everything else.

    An existing line (also a commented-out `# race_date = …`) is replaced, value only, its
    trailing comment kept; otherwise the key is added at the end of [plan].
    """
    for key, value in (("start", start), ("race_date", race_date)):
        if value is not None:
            text = _set_key(text, key, value.isoformat())
    return text


def _set_key(text: str, key: str, value: str) -> str:
    lines = text.split("\n")
    begin = next((i for i, line in enumerate(lines) if _PLAN.match(line)), None)
    if begin is None:
        return text  # no [plan]: parse_plan will say so
    end = next((i for i in range(begin + 1, len(lines)) if _TABLE.match(lines[i])), len(lines))
    pattern = re.compile(rf"^(\s*)(#\s*)?{key}\s*=\s*[^#\s]*(\s*#.*)?$")
    for i in range(begin + 1, end):
        match = pattern.match(lines[i])
        if match:
            comment = match.group(3) or ""
            lines[i] = f"{match.group(1)}{key} = {value}{comment}"
            return "\n".join(lines)
    keys = [
        i for i in range(begin, end) if lines[i].strip() and not lines[i].lstrip().startswith("#")
    ]
    last = keys[-1]
    lines.insert(last + 1, f"{key} = {value}")
    return "\n".join(lines)
