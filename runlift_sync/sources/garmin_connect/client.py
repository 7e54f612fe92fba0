"""A Garmin Connect session resumed from stored tokens, and its failures in runlift's terms.

``open_session`` takes the token-store lock, resumes garminconnect's ``Garmin`` from the stored
tokens only (it is built without credentials, so it can never fall back to the SSO login that
rate-limits and blocks accounts), and writes the tokens back when the session ends — every run,
because the refresh token rotates. Access tokens are refreshed by the library itself (before
they expire, and once after a 401); a refresh Garmin refuses ends in `AuthError`.

What a call can end in (`ConnectSession` methods):

```
a JSON body / bytes          ok; {} or [] (HTTP 204 included) is "no data"
AuthError                    login expired or revoked → stop, "run `runlift login`"
GarminRateLimited            HTTP 429 → stop tonight's pull, keep what was fetched
GarminUnavailable            5xx / network, after the library's own retries → the same
MalformedResponse            the body is not JSON → quarantine the item with its text
ItemNotFound / ItemRefused   404 / another 4xx for one item → no data / quarantine
```
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
from garminconnect import (
    Garmin,
    GarminConnectAuthenticationError,
    GarminConnectConnectionError,
    GarminConnectNotFoundError,
    GarminConnectTooManyRequestsError,
)

from runlift_sync.errors import AuthError, SourceError, TransientSourceError
from runlift_sync.sources.garmin_connect.constants import RETRY_ATTEMPTS, WellnessEndpoint
from runlift_sync.sources.garmin_connect.tokens import (
    has_tokens,
    make_private,
    token_file,
    token_store_lock,
)

log = logging.getLogger(__name__)

SOURCE = "garmin_connect"
RELOGIN = "run `runlift login` to sign in to Garmin Connect again"
GarminFactory = Callable[[], Garmin]
_STATUS = re.compile(r"(?:API Error|HTTP|error \(|Error)\s*(\d{3})")


def default_garmin() -> Garmin:
    """A client with no credentials: it can only resume stored tokens."""
    return Garmin(retry_attempts=RETRY_ATTEMPTS)


class GarminRateLimited(TransientSourceError):
    """Garmin Connect answered HTTP 429: stop for tonight, resume from the watermark."""


class GarminUnavailable(TransientSourceError):
    """5xx or network failures persisted through the library's retries."""


class ItemNotFound(SourceError):
    """HTTP 404 for one item (a deleted activity, an activity with no set list)."""


class ItemRefused(SourceError):
    """Another 4xx for one item; the item is quarantined with what Garmin said."""

    def __init__(self, message: str, *, status: int | None, text: str | None) -> None:
        self.status = status
        self.text = text
        super().__init__(message, source=SOURCE)


class MalformedResponse(SourceError):
    """The body is not JSON; `text` holds it as received."""

    def __init__(self, message: str, *, text: str) -> None:
        self.text = text
        super().__init__(message, source=SOURCE)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def status_of(exc: BaseException) -> int | None:
    """The HTTP status behind a garminconnect error, when there was one."""
    for err in _chain(exc):
        response = getattr(err, "response", None)
        status = getattr(response, "status_code", None)
        if isinstance(status, int):
            return status
        match = _STATUS.search(str(err))
        if match:
            return int(match.group(1))
    return None


def _undecodable_text(exc: BaseException) -> str | None:
    """The raw body when the failure was a body that is not JSON."""
    for err in _chain(exc):
        if isinstance(err, json.JSONDecodeError):
            return err.doc
    return None


def _network_failure(exc: BaseException) -> bool:
    return any(isinstance(err, requests.ConnectionError | requests.Timeout) for err in _chain(exc))


def _response_text(exc: BaseException) -> str | None:
    for err in _chain(exc):
        response = getattr(err, "response", None)
        text = getattr(response, "text", None)
        if isinstance(text, str):
            return text
    return None


class Pacer:
    """Keeps at least `spacing_s` between two requests (politeness for long backfills)."""

    def __init__(
        self,
        spacing_s: float,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.spacing_s = spacing_s
        self._sleep = sleep
        self._clock = clock
        self._last: float | None = None

    def wait(self) -> None:
        now = self._clock()
        if self._last is not None and self.spacing_s > 0:
            pause = self._last + self.spacing_s - now
            if pause > 0:
                self._sleep(pause)
                now = self._clock()
        self._last = now


class _DemoteLibraryTracebacks(logging.Filter):
    """garminconnect logs a full traceback at ERROR before raising; runlift reports the
    failure itself with what to do next, so the library's copy goes to DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        # handled as if it had been logged at DEBUG: kept only where DEBUG is wanted
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


@contextmanager
def _quiet_library_tracebacks() -> Iterator[None]:
    library = logging.getLogger("garminconnect.api._common")
    quiet = _DemoteLibraryTracebacks()
    library.addFilter(quiet)
    try:
        yield
    finally:
        library.removeFilter(quiet)


class ConnectSession:
    """The calls the pull needs, each paced, counted and translated into runlift errors."""

    def __init__(self, garmin: Garmin, pacer: Pacer) -> None:
        self.garmin = garmin
        self.pacer = pacer
        self.requests = 0
        self.tokens_saved = False

    def _call(self, what: str, call: Callable[[], Any]) -> Any:
        self.pacer.wait()
        self.requests += 1
        try:
            return call()
        except GarminConnectTooManyRequestsError as exc:
            raise GarminRateLimited(
                f"Garmin Connect is rate-limiting us (HTTP 429) at {what}; what was fetched is "
                "kept and the next sync resumes from there",
                source=SOURCE,
            ) from exc
        except GarminConnectAuthenticationError as exc:
            raise AuthError(
                f"Garmin Connect refused the stored login; {RELOGIN}", source=SOURCE
            ) from exc
        except GarminConnectNotFoundError as exc:
            raise ItemNotFound(
                f"{what}: Garmin Connect has no such item (HTTP 404)", source=SOURCE
            ) from exc
        except GarminConnectConnectionError as exc:
            text = _undecodable_text(exc)
            if text is not None:
                raise MalformedResponse(f"{what}: the answer is not JSON", text=text) from exc
            status = status_of(exc)
            if status is not None and 400 <= status < 500:
                raise ItemRefused(
                    f"{what}: Garmin Connect refused the request (HTTP {status})",
                    status=status,
                    text=_response_text(exc),
                ) from exc
            reason = f"HTTP {status}" if status is not None else "no answer"
            raise GarminUnavailable(
                f"Garmin Connect is not answering properly ({reason}) at {what}, even after "
                "retries; what was fetched is kept and the next sync resumes from there",
                source=SOURCE,
            ) from exc

    # --- what the pull asks for -----------------------------------------------------------

    def list_activities(self, start: date, end: date, offset: int, limit: int) -> Any:
        """One page of the activity list for local dates start..end (as the web app asks)."""
        params = {
            "startDate": start.isoformat(),
            "endDate": end.isoformat(),
            "start": str(offset),
            "limit": str(limit),
        }
        return self._call(
            f"the activity list ({start}…{end}, from {offset})",
            lambda: self.garmin.connectapi(self.garmin.garmin_connect_activities, params=params),
        )

    def download_original(self, activity_id: int) -> bytes:
        """The zip Garmin keeps of the file the watch uploaded."""
        data = self._call(
            f"the original of activity {activity_id}",
            lambda: self.garmin.download_activity(
                str(activity_id), dl_fmt=Garmin.ActivityDownloadFormat.ORIGINAL
            ),
        )
        return bytes(data or b"")

    def exercise_sets(self, activity_id: int) -> Any:
        return self._call(
            f"the exercise sets of activity {activity_id}",
            lambda: self.garmin.get_activity_exercise_sets(activity_id),
        )

    def wellness(self, endpoint: WellnessEndpoint, day: date) -> Any:
        cdate = day.isoformat()
        calls: dict[WellnessEndpoint, Callable[[], Any]] = {
            "user_summary": lambda: self.garmin.connectapi(
                # get_user_summary() turns Garmin's "no data" into an exception; the same
                # request made directly keeps the answer (and 204 → {}) as it is.
                f"{self.garmin.garmin_connect_daily_summary_url}/{self._display_name()}",
                params={"calendarDate": cdate},
            ),
            "hrv": lambda: self.garmin.get_hrv_data(cdate),
            "sleep": lambda: self.garmin.get_sleep_data(cdate),
            "training_readiness": lambda: self.garmin.get_training_readiness(cdate),
        }
        return self._call(f"{endpoint} of {cdate}", calls[endpoint])

    def _display_name(self) -> str:
        name = self.garmin.display_name
        if not name:
            raise SourceError(
                "Garmin Connect did not tell us the account's display name; "
                f"{RELOGIN} and sync again",
                source=SOURCE,
            )
        return quote(name, safe="")


def _resume(garmin: Garmin, token_dir: Path) -> None:
    """Load the stored tokens (refreshing them if they are about to expire) and the profile."""
    try:
        garmin.login(str(token_dir))
    except GarminConnectTooManyRequestsError as exc:
        raise GarminRateLimited(
            "Garmin Connect is rate-limiting us (HTTP 429) while resuming the login; "
            "the next sync tries again",
            source=SOURCE,
        ) from exc
    except (GarminConnectAuthenticationError, GarminConnectConnectionError) as exc:
        status = status_of(exc)
        if status == 429:
            raise GarminRateLimited(
                "Garmin Connect is rate-limiting us (HTTP 429) while resuming the login",
                source=SOURCE,
            ) from exc
        if _network_failure(exc) or (status is not None and status >= 500):
            raise GarminUnavailable(
                f"Garmin Connect could not be reached to resume the login ({exc}); "
                "the next sync tries again",
                source=SOURCE,
            ) from exc
        raise AuthError(
            f"the stored Garmin Connect login has expired or was revoked ({exc}); {RELOGIN}",
            source=SOURCE,
        ) from exc


def write_back(garmin: Garmin, token_dir: Path) -> bool:
    """Save the current (possibly refreshed and rotated) tokens; False if that failed."""
    if not garmin.client.di_token:
        return False
    try:
        garmin.client.dump(str(token_dir))
        make_private(token_file(token_dir))
    except (OSError, ValueError) as exc:
        log.error(
            "could not save the refreshed Garmin Connect tokens to %s (%s); if the next sync "
            "says the login expired, %s",
            token_dir,
            exc,
            RELOGIN,
        )
        return False
    return True


@contextmanager
def open_session(
    token_dir: Path,
    *,
    timeout_s: float,
    garmin_factory: GarminFactory = default_garmin,
    spacing_s: float = 0.0,
    sleep: Callable[[float], None] = time.sleep,
    command: str = "runlift sync --garmin",
) -> Iterator[ConnectSession]:
    """A resumed session, holding the token store until it ends; tokens written back at exit."""
    if not has_tokens(token_dir):
        raise AuthError(
            f"no Garmin Connect login is stored in {token_dir}; run `runlift login` once "
            "(or point RUNLIFT_TOKEN_DIR at the directory holding it)",
            source=SOURCE,
        )
    with (
        token_store_lock(token_dir, timeout_s=timeout_s, command=command),
        _quiet_library_tracebacks(),
    ):
        garmin = garmin_factory()
        session = ConnectSession(garmin, Pacer(spacing_s, sleep))
        try:
            _resume(garmin, token_dir)
            yield session
        finally:
            session.tokens_saved = write_back(garmin, token_dir)
