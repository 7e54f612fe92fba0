"""The coach's only file access: reading plan, policy and template TOML text from disk.

Everything else in `rules/` takes and returns data. Templates and the default policy ship
inside the package and are read with importlib.resources.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from rules.errors import ConfigError
from rules.plan import Plan, parse_plan
from rules.plan_edit import set_plan_dates
from rules.policy import Policy, parse_policy

_TEMPLATE_NAME = re.compile(r"^[a-z0-9_]+$")


def read_text(path: Path | str, *, what: str) -> str:
    """Read a UTF-8 text file; a missing or unreadable file is a ConfigError saying what to do."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{what} not found; check the path", path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the {what} ({exc})", path=path) from exc


def load_plan(path: Path | str) -> Plan:
    """Read and validate a plan file."""
    return parse_plan(read_text(path, what="plan file"), source=str(path))


@cache
def default_policy_text() -> str:
    """The shipped, commented policy.toml."""
    return resources.files("rules").joinpath("policy.toml").read_text(encoding="utf-8")


def load_policy(path: Path | str | None = None) -> Policy:
    """The default policy, with the user's file at `path` (partial) merged over it."""
    override = read_text(path, what="policy file") if path is not None else None
    return parse_policy(
        default_policy_text(),
        override,
        override_source=str(path) if path is not None else None,
    )


def list_templates() -> list[str]:
    """Names of the shipped plan templates (for `runlift plan init --template NAME`)."""
    folder = resources.files("rules").joinpath("templates")
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def template_text(name: str) -> str:
    """The TOML text of one shipped template, as shipped (with its comments)."""
    if not _TEMPLATE_NAME.match(name) or name not in list_templates():
        raise ConfigError(
            f"no plan template called {name!r}; choose one of: {', '.join(list_templates())}"
        )
    file = resources.files("rules").joinpath("templates", f"{name}.toml")
    return file.read_text(encoding="utf-8")


def render_template(name: str, *, start: date | None = None, race_date: date | None = None) -> str:
    """The text `runlift plan init --template NAME` writes: the template with its dates set.

    `start` (a Monday; the CLI passes the coming Monday in the athlete's time zone) replaces
    the template's `start`; `race_date` sets or adds `race_date`. Comments are kept. The result
    is validated before it is returned.
    """
    text = set_plan_dates(template_text(name), start=start, race_date=race_date)
    parse_plan(text, source=f"template {name}")
    return text
