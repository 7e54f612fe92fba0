"""Signing in to Garmin Connect once, by a person: email, password, MFA code → stored tokens.

The credentials go to garminconnect and nowhere else (not stored, not logged). The login runs
once per call — never retried here, since Garmin rate-limits and blocks accounts that retry —
into a private staging directory; only a login that succeeded replaces the stored tokens, so a
typo never destroys a working login.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from garminconnect import (
    Garmin,
    GarminConnectAuthenticationError,
    GarminConnectConnectionError,
    GarminConnectTooManyRequestsError,
)

from runlift_sync.errors import AuthError, SourceError, TransientSourceError
from runlift_sync.sources.garmin_connect.client import SOURCE, status_of
from runlift_sync.sources.garmin_connect.constants import RETRY_ATTEMPTS
from runlift_sync.sources.garmin_connect.tokens import make_private, token_file, token_store_lock

#: Builds the client that signs in: (email, password, prompt_mfa) → Garmin.
LoginFactory = Callable[[str, str, Callable[[], str]], Garmin]


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
) -> str:
    """Sign in once and store the tokens in `token_dir` (owner-only); returns the display name."""
    with token_store_lock(token_dir, timeout_s=timeout_s, command="runlift login"):
        staging = Path(tempfile.mkdtemp(prefix=".login-", dir=token_dir))
        try:
            garmin = garmin_factory(email, password, prompt_mfa)
            try:
                garmin.login(str(staging))
            except GarminConnectTooManyRequestsError as exc:
                raise SourceError(
                    "Garmin Connect is refusing sign-ins from this network for now (HTTP 429). "
                    "Wait an hour or more before `runlift login` again: every attempt extends "
                    "the block",
                    source=SOURCE,
                ) from exc
            except GarminConnectAuthenticationError as exc:
                raise AuthError(
                    "Garmin Connect did not accept that email and password (or MFA code). "
                    "Check them on connect.garmin.com, then run `runlift login` again",
                    source=SOURCE,
                ) from exc
            except GarminConnectConnectionError as exc:
                if status_of(exc) in (427, 429):
                    raise SourceError(
                        "Garmin Connect is refusing sign-ins from this network for now; wait an "
                        "hour or more before `runlift login` again",
                        source=SOURCE,
                    ) from exc
                raise TransientSourceError(
                    f"could not sign in to Garmin Connect ({exc}); try `runlift login` again later",
                    source=SOURCE,
                ) from exc
            staged = token_file(staging)
            if not staged.is_file():
                garmin.client.dump(str(staging))
            os.replace(staged, token_file(token_dir))
            make_private(token_file(token_dir))
            return garmin.display_name or "your account"
        finally:
            shutil.rmtree(staging, ignore_errors=True)
