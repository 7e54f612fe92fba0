"""Signing in to Garmin Connect once, by a person: email, password, MFA code → stored tokens.

The credentials go to garminconnect and nowhere else (not stored, not logged). The login runs
once per call — never retried here, since Garmin rate-limits and blocks accounts that retry —
into a private staging directory. What is stored, and what is said, follows what really
happened:

```
no tokens obtained            nothing replaced; the failure said as it is (wrong password,
                              429: wait, network: later)
only a web-session cookie     nothing replaced: runlift keeps API tokens only (the DI access
                              and refresh tokens); the cookie cannot be renewed
tokens, then a failure        the sign-in worked: the new login is saved, and what failed
(a 429 on the profile, …)     after it is a warning, never "wrong password"
tokens that cannot be saved   a clear error saying the sign-in worked and why it was not kept
```
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from garminconnect import (
    Garmin,
    GarminConnectAuthenticationError,
    GarminConnectConnectionError,
    GarminConnectTooManyRequestsError,
)

from runlift_sync.errors import AuthError, SourceError, TransientSourceError
from runlift_sync.sources.garmin_connect.client import is_rate_limited, status_of
from runlift_sync.sources.garmin_connect.constants import RETRY_ATTEMPTS
from runlift_sync.sources.garmin_connect.failures import SOURCE
from runlift_sync.sources.garmin_connect.tokens import (
    make_private,
    token_file,
    token_store_lock,
    usable_token_dir,
)

#: Builds the client that signs in: (email, password, prompt_mfa) → Garmin.
LoginFactory = Callable[[str, str, Callable[[], str]], Garmin]
_LIBRARY_FAILURES = (
    GarminConnectTooManyRequestsError,
    GarminConnectAuthenticationError,
    GarminConnectConnectionError,
)
WAIT = "Wait an hour or more before `runlift login` again: every attempt extends the block"


@dataclass(frozen=True)
class SignedIn:
    """A sign-in whose login is saved; `warning` says what failed right after it."""

    token_dir: Path
    display_name: str | None
    warning: str | None = None


def default_login_garmin(email: str, password: str, prompt_mfa: Callable[[], str]) -> Garmin:
    return Garmin(
        email=email, password=password, prompt_mfa=prompt_mfa, retry_attempts=RETRY_ATTEMPTS
    )


def login_with_credentials(
    token_dir: Path,
    *,
    email: str,
    password: str,
    prompt_mfa: Callable[[], str],
    timeout_s: float,
    garmin_factory: LoginFactory = default_login_garmin,
) -> SignedIn:
    """Sign in once and store the tokens in `token_dir` (owner-only). The directory is checked
    before anything is asked of Garmin (`usable_token_dir`), so a sign-in never ends in a
    login that cannot be saved."""
    shown = token_dir
    token_dir = usable_token_dir(token_dir)
    with token_store_lock(token_dir, timeout_s=timeout_s, command="runlift login"):
        staging = Path(tempfile.mkdtemp(prefix=".login-", dir=token_dir))
        try:
            garmin = garmin_factory(email, password, prompt_mfa)
            failure: Exception | None = None
            try:
                garmin.login(str(staging))
            except _LIBRARY_FAILURES as exc:
                failure = exc
            if not _has_api_tokens(garmin):
                if failure is not None:
                    raise _not_signed_in(failure) from failure
                raise SourceError(
                    "Garmin Connect signed you in but gave no API tokens (only a web-session "
                    "cookie, which runlift cannot renew), so nothing was saved and the login "
                    f"in {shown} is unchanged. Try `runlift login` again later",
                    source=SOURCE,
                )
            if failure is not None and status_of(failure) == 401 and not is_rate_limited(failure):
                raise AuthError(
                    "Garmin Connect signed you in, but its API refused the new login (HTTP "
                    f"401); nothing was saved and the login in {shown} is unchanged. Try "
                    "`runlift login` again later",
                    source=SOURCE,
                ) from failure
            _save(garmin, staging, token_dir, shown)
            if failure is None:
                return SignedIn(shown, garmin.display_name)
            return SignedIn(shown, None, _after_sign_in(failure))
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _has_api_tokens(garmin: Garmin) -> bool:
    return bool(garmin.client.di_token and garmin.client.di_refresh_token)


def _save(garmin: Garmin, staging: Path, token_dir: Path, shown: Path) -> None:
    """Put the new tokens in place of the stored ones (written in full, then renamed)."""
    staged = token_file(staging)
    try:
        if not _complete(staged):  # garminconnect's own save failed quietly: save them here
            garmin.client.dump(str(staging))
        os.replace(staged, token_file(token_dir))
        make_private(token_file(token_dir))
    except (OSError, ValueError) as exc:
        raise SourceError(
            f"you signed in to Garmin Connect, but the login could not be saved in {shown} "
            f"({exc}). Fix that, then run `runlift login` again",
            source=SOURCE,
        ) from exc


def _complete(staged: Path) -> bool:
    try:
        tokens = json.loads(staged.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(tokens, dict) and bool(
        tokens.get("di_token") and tokens.get("di_refresh_token")
    )


def _not_signed_in(failure: Exception) -> SourceError:
    """The sign-in itself failed (no tokens were obtained)."""
    if is_rate_limited(failure):
        return SourceError(
            f"Garmin Connect is refusing sign-ins from this network for now (HTTP 429). {WAIT}",
            source=SOURCE,
        )
    if isinstance(failure, GarminConnectAuthenticationError):
        return AuthError(
            "Garmin Connect did not accept that email and password (or MFA code). "
            "Check them on connect.garmin.com, then run `runlift login` again",
            source=SOURCE,
        )
    return TransientSourceError(
        f"could not sign in to Garmin Connect ({failure}); try `runlift login` again later",
        source=SOURCE,
    )


def _after_sign_in(failure: Exception) -> str:
    """What failed after a sign-in that worked (its login is saved)."""
    if is_rate_limited(failure):
        return (
            "Garmin Connect is rate-limiting us (HTTP 429) right after the sign-in, so your "
            "profile could not be read. The login is saved: `runlift sync --garmin` uses it "
            f"once Garmin lets us in again. {WAIT}"
        )
    status = status_of(failure)
    reason = f"HTTP {status}" if status is not None else "no answer"
    return (
        f"Garmin Connect did not let us read your profile right after the sign-in ({reason}). "
        "The login is saved: `runlift sync --garmin` uses it and reads the profile then"
    )
