"""The one error hierarchy of runlift; every message tells the user what to do next.

```
RunliftError               (defined in rules/errors.py: the pure coach raises it too)
├── ConfigError            (a config, plan or policy file is wrong; rules/errors.py)
├── ConstraintError        (the coach broke a hard constraint: a bug; rules/errors.py)
├── SourceError            (a watch, a folder, Garmin Connect)
│   ├── TransientSourceError   → retried next night (network, 5xx, 429)
│   ├── AuthError              → stop and tell the user to run `runlift login`
│   ├── ZipMemberError         (sources/zip_archive.py: a member damaged or refused)
│   └── …                      Garmin Connect's own: sources/garmin_connect/failures.py
├── DecodeError            (path, byte offset, what was expected) → file quarantined
│   └── FastDecodeUnsupported  (the fast decoder cannot read it → fitparse and the SDK do)
└── WarehouseError
    └── WarehouseBusyError     (another runlift process holds the warehouse)
```
"""

from __future__ import annotations

from rules.errors import ConfigError, ConstraintError, RunliftError

__all__ = [
    "AuthError",
    "ConfigError",
    "ConstraintError",
    "DecodeError",
    "RunliftError",
    "SourceError",
    "TransientSourceError",
    "WarehouseBusyError",
    "WarehouseError",
]


class SourceError(RunliftError):
    """A source (watch, folder, Garmin Connect) could not be read."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(message)


class TransientSourceError(SourceError):
    """A failure that may go away by itself (network, HTTP 5xx, rate limit): retry later."""


class AuthError(SourceError):
    """The stored login is missing, expired or revoked: the user must run `runlift login`."""


class DecodeError(RunliftError):
    """A file is not a FIT file, or is too damaged to yield anything; it gets quarantined."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        offset: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.path = path
        self.offset = offset
        self.expected = expected
        where = f" at byte {offset}" if offset is not None else ""
        what = f" (expected {expected})" if expected else ""
        prefix = f"{path}: " if path else ""
        super().__init__(f"{prefix}{message}{where}{what}")


class FastDecodeUnsupported(DecodeError):
    """The fast decoder met something it does not read (damage, an unusual layout).

    Never reaches the user: `decode_fit` hands the file to the reference readers (fitparse,
    then Garmin's SDK), which read it — or quarantine it — exactly as before.
    """

    def __init__(self, message: str, *, offset: int | None = None) -> None:
        super().__init__(message, offset=offset)


class WarehouseError(RunliftError):
    """The DuckDB warehouse cannot be opened, migrated or written."""


class WarehouseBusyError(WarehouseError):
    """Another runlift process is writing to the warehouse."""
