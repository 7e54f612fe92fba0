"""A Garmin Connect session resumed from the stored login, and its failures in runlift's terms.

``open_session`` checks the token directory, takes the token-store lock, resumes
garminconnect's ``Garmin`` from the stored tokens only (built without credentials, it can
never fall back to the SSO login that Garmin rate-limits and blocks), and writes the tokens
back when the session ends — every run, because the refresh token rotates. The library
refreshes the access token itself (before it expires, and once after a 401) and swallows a
failed refresh; `RefreshLog` remembers how the last refresh went, so that a 401 after the
token server answered 503 is an outage (the login is kept, the next run tries again) and only
a refusal (400 ``invalid_grant``: the refresh token is revoked or expired) asks for
`runlift login`.

`ConnectSession.call` is how every request goes: paced, counted, and its failure translated
(`failures.py`). Anything that talks to Garmin — the pull, a future upload — uses it:

```
a JSON body / bytes          ok; {} or [] (HTTP 204 included) is "no data"
GarminRateLimited            HTTP 429 anywhere (the call, the token server, the profile)
GarminBlocked                HTTP 403: Garmin blocks this client or network; the login is kept
GarminUnavailable            5xx / no answer after the library's retries, or a refresh that
                             the token server failed (5xx, no answer) while the login is valid
AuthError                    the login is refused: refresh refused, or a 401 with a fresh token
MalformedResponse            the body is not JSON → the item is set aside with its text
ItemNotFound / ItemRefused   404 / another 4xx for one item
```
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

from runlift_sync.errors import AuthError, SourceError
from runlift_sync.sources.garmin_connect.constants import RETRY_ATTEMPTS, WellnessEndpoint
from runlift_sync.sources.garmin_connect.failures import (
    RELOGIN,
    SOURCE,
    GarminBlocked,
    GarminRateLimited,
    GarminUnavailable,
    ItemNotFound,
    ItemRefused,
    MalformedResponse,
)
from runlift_sync.sources.garmin_connect.tokens import (
    has_tokens,
    make_private,
    token_file,
    token_store_lock,
    usable_token_dir,
)

log = logging.getLogger(__name__)

GarminFactory = Callable[[], Garmin]
_STATUS = re.compile(r"(?:API Error|HTTP|error \(|Error|failed:)\s*(\d{3})")


def default_garmin() -> Garmin:
    """A client with no credentials: it can only resume stored tokens."""
    return Garmin(retry_attempts=RETRY_ATTEMPTS)


# --- reading the library's exceptions ----------------------------------------------------------


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


def is_rate_limited(exc: BaseException) -> bool:
    """A 429 anywhere in the cause chain (the library re-raises it under other names)."""
    return any(isinstance(e, GarminConnectTooManyRequestsError) for e in _chain(exc)) or (
        status_of(exc) in (427, 429)
    )


# --- the token refresh garminconnect keeps to itself -------------------------------------------


@dataclass(frozen=True)
class TokenRefresh:
    """How one refresh of the access token went at Garmin's token server."""

    status: int | None  # None: no answer (network)
    error: str | None  # Garmin's OAuth error code (invalid_grant), or what went wrong

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def refused(self) -> bool:
        """A definitive no: the refresh token is revoked, expired or unknown."""
        return self.status is not None and 400 <= self.status < 500 and self.status != 429

    def described(self) -> str:
        what = f"HTTP {self.status}" if self.status is not None else "no answer"
        return f"{what} {self.error}" if self.error else what


class RefreshLog:
    """Remembers the last answer of the token server to a refresh of this client's login.

    garminconnect refreshes the access token by itself and, when that fails, logs it at DEBUG
    and goes on with the old token; the next call then fails with a 401 that says nothing of
    why. Watching the refresh request itself keeps the why.
    """

    def __init__(self) -> None:
        self.last: TokenRefresh | None = None

    @classmethod
    def watching(cls, garmin: Garmin) -> RefreshLog:
        refresh_log = cls()
        client = garmin.client
        post = getattr(client, "_di_token_post", None)
        if post is None:  # the library changed: fall back to reading the 401s alone
            log.debug("garminconnect has no _di_token_post: token refreshes are not watched")
            return refresh_log

        def watched(client_id: str, accept: str, data: dict[str, str]) -> Any:
            if data.get("grant_type") != "refresh_token":
                return post(client_id, accept, data)
            try:
                response = post(client_id, accept, data)
            except Exception as exc:  # curl_cffi or requests: no answer at all
                refresh_log.last = TokenRefresh(None, type(exc).__name__)
                raise
            refresh_log.last = TokenRefresh(response.status_code, _oauth_error(response))
            return response

        client._di_token_post = watched
        return refresh_log


def _oauth_error(response: Any) -> str | None:
    """The `error` field of an OAuth error body (invalid_grant, …), if there is one."""
    try:
        body = response.json()
    except Exception:  # not JSON: a gateway's error page
        return None
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, str) else None


# --- one translation for every call -----------------------------------------------------------


def translate(exc: BaseException, what: str, refresh: TokenRefresh | None) -> SourceError:
    """A garminconnect failure of `what` as a runlift error saying what to do next."""
    if is_rate_limited(exc):
        return GarminRateLimited(
            f"Garmin Connect is rate-limiting us (HTTP 429) at {what}; what was fetched is "
            "kept and the next sync resumes from there"
        )
    status = status_of(exc)
    if status == 403:
        return GarminBlocked(
            f"Garmin Connect answered HTTP 403 (forbidden) to {what}. This is usually Garmin "
            "blocking this client or network for a while, not a problem with your login, which "
            "is kept: the next sync tries again. If it lasts for days, check "
            "connect.garmin.com in a browser"
        )
    if isinstance(exc, GarminConnectAuthenticationError) or status == 401:
        return _login_failure(exc, what, status, refresh)
    if isinstance(exc, GarminConnectNotFoundError) or status == 404:
        return ItemNotFound(f"{what}: Garmin Connect has no such item (HTTP 404)")
    text = _undecodable_text(exc)
    if text is not None:
        return MalformedResponse(f"{what}: the answer is not JSON", text=text)
    if status is not None and 400 <= status < 500:
        return ItemRefused(
            f"{what}: Garmin Connect refused the request (HTTP {status})",
            status=status,
            text=_response_text(exc),
        )
    reason = f"HTTP {status}" if status is not None else "no answer"
    return GarminUnavailable(
        f"Garmin Connect is not answering properly ({reason}) at {what}, even after retries; "
        "what was fetched is kept and the next sync resumes from there"
    )


def _login_failure(
    exc: BaseException, what: str, status: int | None, refresh: TokenRefresh | None
) -> SourceError:
    """A 401 (or the library's "authentication failed"): whose fault, and what to do."""
    if refresh is not None and not refresh.ok:
        if refresh.refused:
            return AuthError(
                "Garmin Connect refused to renew the stored login "
                f"({refresh.described()}: it was revoked or has expired); {RELOGIN}",
                source=SOURCE,
            )
        if refresh.status == 429:
            return GarminRateLimited(
                "Garmin's sign-in service is rate-limiting the renewal of the login (HTTP "
                "429); the stored login is kept and the next sync tries again"
            )
        return GarminUnavailable(
            "Garmin's sign-in service did not renew the access token "
            f"({refresh.described()}); the stored login is still valid and kept, and the next "
            "sync tries again"
        )
    if _network_failure(exc) or (status is not None and status >= 500):
        reason = f"HTTP {status}" if status is not None else "no answer"
        return GarminUnavailable(
            f"Garmin Connect is not answering properly ({reason}) at {what}; the stored "
            "login is kept and the next sync tries again"
        )
    return AuthError(
        f"Garmin Connect refused the stored login at {what} ({_plain(exc)}); {RELOGIN}",
        source=SOURCE,
    )


def _plain(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


# --- pacing and quiet -------------------------------------------------------------------------


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
def quiet_library_tracebacks() -> Iterator[None]:
    library = logging.getLogger("garminconnect.api._common")
    quiet = _DemoteLibraryTracebacks()
    library.addFilter(quiet)
    try:
        yield
    finally:
        library.removeFilter(quiet)


# --- the session --------------------------------------------------------------------------------


class ConnectSession:
    """A resumed login: every request through `call` (paced, counted, translated)."""

    def __init__(self, garmin: Garmin, pacer: Pacer, refresh: RefreshLog | None = None) -> None:
        self.garmin = garmin
        self.pacer = pacer
        self.refresh = refresh or RefreshLog()
        self.requests = 0
        self.tokens_saved = False

    def call(self, what: str, request: Callable[[], Any]) -> Any:
        """Make one request of Garmin Connect; a failure comes back as a runlift error."""
        self.pacer.wait()
        self.requests += 1
        try:
            return request()
        except (
            GarminConnectTooManyRequestsError,
            GarminConnectAuthenticationError,
            GarminConnectConnectionError,
        ) as exc:
            raise translate(exc, what, self.refresh.last) from exc

    # --- what the pull asks for -----------------------------------------------------------

    def list_activities(self, start: date, end: date, offset: int, limit: int) -> Any:
        """One page of the activity list for local dates start..end (as the web app asks)."""
        params = {
            "startDate": start.isoformat(),
            "endDate": end.isoformat(),
            "start": str(offset),
            "limit": str(limit),
        }
        return self.call(
            f"the activity list ({start}…{end}, from {offset})",
            lambda: self.garmin.connectapi(self.garmin.garmin_connect_activities, params=params),
        )

    def download_original(self, activity_id: int) -> bytes:
        """The zip Garmin keeps of the file the watch uploaded."""
        data = self.call(
            f"the download of the original of activity {activity_id}",
            lambda: self.garmin.download_activity(
                str(activity_id), dl_fmt=Garmin.ActivityDownloadFormat.ORIGINAL
            ),
        )
        return bytes(data or b"")

    def exercise_sets(self, activity_id: int) -> Any:
        return self.call(
            f"the exercise sets of activity {activity_id}",
            lambda: self.garmin.get_activity_exercise_sets(activity_id),
        )

    def wellness(self, endpoint: WellnessEndpoint, day: date) -> Any:
        cdate = day.isoformat()
        calls: dict[WellnessEndpoint, Callable[[], Any]] = {
            "user_summary": lambda: self.garmin.connectapi(
                # get_user_summary() turns Garmin's "no data" and "privacy protected" answers
                # into exceptions; the same request made directly keeps the answer as it is.
                f"{self.garmin.garmin_connect_daily_summary_url}/{self._display_name()}",
                params={"calendarDate": cdate},
            ),
            "hrv": lambda: self.garmin.get_hrv_data(cdate),
            "sleep": lambda: self.garmin.get_sleep_data(cdate),
            "training_readiness": lambda: self.garmin.get_training_readiness(cdate),
        }
        return self.call(f"{endpoint} of {cdate}", calls[endpoint])

    def time_zone(self) -> str | None:
        """The IANA zone of the account's profile (Garmin's calendar days are in it)."""
        return self.call("the profile's time zone", self.garmin.get_user_timezone)  # type: ignore[no-any-return]

    def _display_name(self) -> str:
        name = self.garmin.display_name
        if not name:
            raise SourceError(
                "Garmin Connect did not tell us the account's display name; "
                f"{RELOGIN} and sync again",
                source=SOURCE,
            )
        return quote(name, safe="")


def _resume(garmin: Garmin, token_dir: Path, refresh: RefreshLog) -> None:
    """Load the stored tokens (refreshing them if they are about to expire) and the profile."""
    try:
        garmin.login(str(token_dir))
    except (
        GarminConnectTooManyRequestsError,
        GarminConnectAuthenticationError,
        GarminConnectConnectionError,
    ) as exc:
        raise translate(exc, "the profile request that resumes the login", refresh.last) from exc


def write_back(garmin: Garmin, token_dir: Path) -> bool:
    """Save the current (possibly refreshed and rotated) tokens; False if that failed.

    Only a complete login is written: a client left without tokens never overwrites the
    stored ones."""
    client = garmin.client
    if not (client.di_token and client.di_refresh_token):
        return False
    try:
        client.dump(str(token_dir))
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
    """A resumed session, holding the token store until it ends; tokens written back at exit.

    The token directory is checked first (`usable_token_dir`): garminconnect is given its
    real path, so a symbolic link the user owns on the way to it never fails a sync."""
    real_dir = usable_token_dir(token_dir)
    if not has_tokens(real_dir):
        raise AuthError(
            f"no Garmin Connect login is stored in {token_dir}; run `runlift login` once "
            "(or point RUNLIFT_TOKEN_DIR at the directory holding it)",
            source=SOURCE,
        )
    token_dir = real_dir
    with (
        token_store_lock(token_dir, timeout_s=timeout_s, command=command),
        quiet_library_tracebacks(),
    ):
        garmin = garmin_factory()
        refresh = RefreshLog.watching(garmin)
        session = ConnectSession(garmin, Pacer(spacing_s, sleep), refresh)
        try:
            _resume(garmin, token_dir, refresh)
            yield session
        finally:
            session.tokens_saved = write_back(garmin, token_dir)
