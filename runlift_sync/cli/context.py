"""What every command shares: resolved settings, the console, and turning errors into exit codes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from runlift_sync.errors import RunliftError
from runlift_sync.stopping import Terminated, raise_if_stopping

if TYPE_CHECKING:
    from runlift_sync.config import Settings

# runlift never uses emoji codes: `:x:` in data (a file name, a query result) stays `:x:`
console = Console(emoji=False)
err_console = Console(stderr=True, emoji=False)

# The exit codes of every command (README, "Exit codes").
EXIT_OK = 0
EXIT_ERROR = 1  # nothing (or not everything) done: the message says why
EXIT_PARTIAL = 2  # the command ran, but some inputs were refused (quarantined, failed source)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # SIGTERM (128 + SIGTERM), e.g. `kill`, systemd, a container stopping


@dataclass
class CliState:
    warehouse: Path | None = None
    athlete: str | None = None
    config: Path | None = None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from runlift_sync.config import resolve_settings  # pydantic: only when needed

            self._settings = resolve_settings(
                warehouse=self.warehouse, athlete=self.athlete, config=self.config
            )
        return self._settings


def state(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliState):
        obj = CliState()
        ctx.find_root().obj = obj
    return obj


def setup_logging(verbose: bool) -> None:
    from rich.logging import RichHandler

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err_console, show_path=False, show_time=False)],
        force=True,
    )


def friendly_errors[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Runlift errors end the command with their message (no traceback) and exit code 1;
    Ctrl-C ends it with 130, SIGTERM with 143."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            try:
                return func(*args, **kwargs)
            except Exception as exc:  # a Ctrl-C or SIGTERM that DuckDB turned into an error
                raise_if_stopping(exc)
                raise
        except RunliftError as exc:
            err_console.print(
                f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True
            )
            raise typer.Exit(EXIT_ERROR) from None
        except Terminated:
            err_console.print("terminated (SIGTERM); nothing half-written was kept")
            raise typer.Exit(EXIT_TERMINATED) from None
        except KeyboardInterrupt:
            err_console.print("interrupted; nothing half-written was kept")
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper
