"""runlift's Garmin Connect token store: one private directory, used by one process at a time.

The directory (``Settings.token_dir``, env ``RUNLIFT_TOKEN_DIR``) holds garminconnect's
``garmin_tokens.json`` (the DI access token, the refresh token and the client id — never a
password), with owner-only permissions (0700 directory, 0600 file). Garmin rotates the refresh
token on every refresh, so two processes refreshing from the same file would each invalidate
the other's: every user of the store holds an exclusive `token_store_lock` for as long as its
Garmin session lives, and writes the tokens back before letting go.

garminconnect refuses a token path with a symbolic link anywhere in it unless root owns the
link (a planted link could redirect the tokens). A dotfiles-managed ``~/.config`` is such a
link, owned by the user: `usable_token_dir` resolves links owned by the user or root up
front, and refuses, with a clear message, one owned by anybody else.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from runlift_sync.errors import SourceError
from runlift_sync.file_lock import file_lock
from runlift_sync.sources.garmin_connect.constants import TOKEN_FILE, TOKEN_LOCK_FILE

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class TokenStoreBusyError(SourceError):
    """Another runlift process is using the Garmin Connect login right now."""


def token_file(token_dir: Path) -> Path:
    return token_dir / TOKEN_FILE


def has_tokens(token_dir: Path) -> bool:
    return token_file(token_dir).is_file()


def usable_token_dir(token_dir: Path) -> Path:
    """`token_dir` with its symbolic links resolved, once each link is known to be trusted
    (owned by this user or by root); a link owned by another user is refused."""
    path = token_dir.expanduser().absolute()
    trusted = {0, os.getuid()}
    for part in (*reversed(path.parents), path):
        try:
            info = part.lstat()
        except FileNotFoundError:
            break  # the rest does not exist yet: nothing further can be a link
        except OSError as exc:
            raise SourceError(
                f"cannot check the Garmin token directory {token_dir} ({exc}); point "
                "RUNLIFT_TOKEN_DIR at a directory of your own",
                source="garmin_connect",
            ) from exc
        if stat.S_ISLNK(info.st_mode) and info.st_uid not in trusted:
            raise SourceError(
                f"the Garmin token directory {token_dir} goes through {part}, a symbolic link "
                f"owned by another user (uid {info.st_uid}), who could redirect your login; "
                "point RUNLIFT_TOKEN_DIR at a directory of your own",
                source="garmin_connect",
            )
    return path.resolve()


def ensure_private_dir(token_dir: Path) -> None:
    """Create the token directory owner-only (and make an existing one owner-only)."""
    if token_dir.is_symlink():
        raise SourceError(
            f"the Garmin token directory {token_dir} is a symbolic link; point "
            "RUNLIFT_TOKEN_DIR at a real directory of your own",
            source="garmin_connect",
        )
    token_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    token_dir.chmod(PRIVATE_DIR)


def make_private(path: Path) -> None:
    """Owner read/write only (the library writes 0600 already; this also fixes old files)."""
    if path.is_file() and stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE:
        path.chmod(PRIVATE_FILE)


@contextmanager
def token_store_lock(token_dir: Path, *, timeout_s: float, command: str = "") -> Iterator[None]:
    """Hold the token store exclusively; wait up to `timeout_s` for another process."""
    ensure_private_dir(token_dir)

    def busy(holder: str) -> TokenStoreBusyError:
        return TokenStoreBusyError(
            f"{holder} is using the Garmin Connect login in {token_dir}; "
            f"waited {timeout_s:.0f} s. Let it finish and run this again.",
            source="garmin_connect",
        )

    lock = token_dir / TOKEN_LOCK_FILE
    with file_lock(lock, timeout_s=timeout_s, command=command, busy=busy, mode=PRIVATE_FILE):
        yield
