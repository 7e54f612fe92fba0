"""The root of runlift's error tree and the errors the coach raises (plain Python).

`RunliftError` and `ConfigError` are defined here, not in `runlift_sync`, so that the pure
`rules` package raises errors of the one tree without importing anything of `runlift_sync`;
`runlift_sync.errors` re-exports them and draws the whole tree.
"""

from __future__ import annotations

from pathlib import Path


class RunliftError(Exception):
    """Base of every error runlift raises on purpose."""


class ConfigError(RunliftError):
    """A configuration, plan or policy file cannot be used as written."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(f"{path}: {message}" if path is not None else message)


class ConstraintError(RunliftError):
    """The adjusted week breaks a hard constraint: a bug in the rules, never the user's fault."""

    def __init__(self, broken: list[str]) -> None:
        self.broken = tuple(broken)
        super().__init__(
            "the coach broke its own hard constraints (a bug in runlift, not in your plan): "
            + "; ".join(broken)
            + ". Please report it with the plan file and `runlift plan next --format json` "
            "of the week before"
        )
