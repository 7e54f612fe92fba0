"""The warehouse lock beside the warehouse file (`file_lock`), so two writers never meet."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from runlift_sync.errors import WarehouseBusyError
from runlift_sync.file_lock import file_lock


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


@contextmanager
def warehouse_lock(
    warehouse: Path, *, exclusive: bool, timeout_s: float, command: str = ""
) -> Iterator[None]:
    """Hold the warehouse lock (exclusive for writers, shared for readers).

    Waits up to `timeout_s` for another process to finish, then raises WarehouseBusyError.
    """
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)

    def busy(holder: str) -> WarehouseBusyError:
        return WarehouseBusyError(
            f"{holder} is using the warehouse {warehouse}; waited {timeout_s:.0f} s. Let it "
            "finish and run this again (or raise RUNLIFT_LOCK_TIMEOUT to wait longer)."
        )

    with file_lock(path, exclusive=exclusive, timeout_s=timeout_s, command=command, busy=busy):
        yield
