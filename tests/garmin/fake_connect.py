"""A fake Garmin Connect account behind `responses`, so garminconnect's real code runs offline.

It answers the requests garminconnect 0.3.20 makes (API host connectapi.garmin.com, DI token
refresh at diauth.garmin.com) like the real service: bearer tokens checked on every call, the
refresh token rotated on every refresh, the activity list paged and filtered by local date,
originals as zips, 204 for a day with no HRV. Bodies follow the real ones in
../shared/garmin-connect/ (loaded and re-dated). Faults are injected per path pattern.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
import responses

API = "https://connectapi.garmin.com"
TOKEN_URL = "https://diauth.garmin.com/di-oauth2-service/oauth/token"
CLIENT_ID = "GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2"
DISPLAY_NAME = "runner42"

Body = Any
Responder = Callable[[], tuple[int, dict[str, str], bytes | str]]


def jwt(expires_at: float, serial: int) -> str:
    """A JWT-shaped access token garminconnect can read the expiry and client id of."""

    def part(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    header = part({"alg": "RS256", "typ": "JWT"})
    payload = part({"exp": int(expires_at), "client_id": CLIENT_ID, "jti": serial})
    return f"{header}.{payload}.c2lnbmF0dXJl"


def shared_body(shared: Path, name: str) -> Any:
    return json.loads((shared / name).read_text(encoding="utf-8"))


@dataclass
class FakeActivity:
    """One activity of the account: its list item, its original zip, its set list."""

    item: dict[str, Any]
    original: bytes | None = None
    exercise_sets: dict[str, Any] | None = None

    @property
    def activity_id(self) -> int:
        return int(self.item["activityId"])

    @property
    def local_date(self) -> dt.date:
        return dt.date.fromisoformat(self.item["startTimeLocal"][:10])


@dataclass
class Fault:
    pattern: re.Pattern[str]
    responder: Responder
    times: int


@dataclass
class FakeConnect:
    """The account, the auth server and the request log."""

    shared: Path
    activities: dict[int, FakeActivity] = field(default_factory=dict)
    #: (endpoint, day) → body; a missing key is "no data" (204 / [] / empty DTO)
    wellness: dict[tuple[str, dt.date], Any] = field(default_factory=dict)
    page_cap: int = 1000
    ignore_offset: bool = False
    calls: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    refreshes: int = 0
    access_tokens: set[str] = field(default_factory=set)
    #: JWT_WEB cookies of web sessions (the fallback auth of a login whose DI exchange failed)
    web_cookies: set[str] = field(default_factory=set)
    refresh_token: str | None = None
    faults: list[Fault] = field(default_factory=list)
    sso_calls: list[str] = field(default_factory=list)
    #: When the watch last synced to Garmin Connect (UTC). None: Garmin does not say (the
    #: daily summaries carry lastSyncTimestampGMT null, as in the recorded body) and every
    #: day's wellness is there. Set: days that began after it have no data yet, and every
    #: daily summary says this time.
    watch_synced_at: dt.datetime | None = None
    _serial: int = 0

    # --- accounts and tokens ---

    def issue_tokens(self, *, expires_in_s: float = 86_400) -> dict[str, str]:
        """A fresh login: what `runlift login` would have stored."""
        self._serial += 1
        access = jwt(time.time() + expires_in_s, self._serial)
        # an access token past its expiry is refused by the API (401), as by Garmin
        self.access_tokens = {access} if expires_in_s > 0 else set()
        self.refresh_token = f"refresh-{self._serial}"
        return {
            "di_token": access,
            "di_refresh_token": self.refresh_token,
            "di_client_id": CLIENT_ID,
        }

    def write_token_store(self, token_dir: Path, *, expires_in_s: float = 86_400) -> dict[str, str]:
        tokens = self.issue_tokens(expires_in_s=expires_in_s)
        token_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = token_dir / "garmin_tokens.json"
        path.write_text(json.dumps(tokens), encoding="utf-8")
        path.chmod(0o600)
        return tokens

    def expire_access_tokens(self) -> None:
        """The server forgets the access tokens (they expired early): the next call gets 401."""
        self.access_tokens = set()

    def revoke(self) -> None:
        """The user signed out everywhere / changed the password: nothing refreshes any more."""
        self.access_tokens = set()
        self.refresh_token = None

    # --- faults ---

    def fail(self, path_pattern: str, status: int, *, times: int = 1, body: Any = None) -> None:
        """The next `times` requests whose path matches get `status`."""
        payload = json.dumps(body if body is not None else {"message": f"fake {status}"})
        self.faults.append(Fault(re.compile(path_pattern), lambda: (status, _JSON, payload), times))

    def garble(self, path_pattern: str, *, times: int = 1, text: str = "<html>oops") -> None:
        """The next `times` matching requests answer 200 with a body that is not JSON."""
        self.faults.append(Fault(re.compile(path_pattern), lambda: (200, _JSON, text), times))

    def time_out(self, path_pattern: str, *, times: int = 1) -> None:
        """The next `times` matching requests never get an answer (a read timeout)."""

        def responder() -> tuple[int, dict[str, str], str]:
            raise requests.Timeout("read timed out (fake)")

        self.faults.append(Fault(re.compile(path_pattern), responder, times))

    def _fault(self, path: str) -> Responder | None:
        for fault in self.faults:
            if fault.times > 0 and fault.pattern.search(path):
                fault.times -= 1
                return fault.responder
        return None

    # --- the HTTP side ---

    def install(self, rsps: responses.RequestsMock) -> None:
        rsps.add_callback(responses.POST, TOKEN_URL, callback=self._token)
        rsps.add_callback(responses.GET, re.compile(re.escape(API) + r"/.*"), callback=self._api)
        # anything else (the SSO login pages above all) must never be asked for
        rsps.add_callback(responses.GET, re.compile(r"https://sso\..*"), callback=self._forbidden)
        rsps.add_callback(responses.POST, re.compile(r"https://sso\..*"), callback=self._forbidden)

    def _forbidden(self, request: Any) -> tuple[int, dict[str, str], str]:
        # recorded, not raised: garminconnect would swallow an exception here
        self.sso_calls.append(request.url)
        return 403, _JSON, json.dumps({"message": "the sync must never reach the SSO login"})

    def _token(self, request: Any) -> tuple[int, dict[str, str], str]:
        form = {k: v[0] for k, v in parse_qs(request.body or "").items()}
        self.calls.append(("POST", "/oauth/token", form))
        self.refreshes += 1
        fault = self._fault("/oauth/token")
        if fault is not None:
            return fault()  # type: ignore[return-value]
        if (
            form.get("grant_type") != "refresh_token"
            or form.get("refresh_token") != self.refresh_token
        ):
            return 400, _JSON, json.dumps({"error": "invalid_grant"})
        self._serial += 1
        access = jwt(time.time() + 86_400, self._serial)
        self.access_tokens = {access}
        self.refresh_token = f"refresh-{self._serial}"  # rotates: the old one is dead now
        return (
            200,
            _JSON,
            json.dumps(
                {
                    "access_token": access,
                    "refresh_token": self.refresh_token,
                    "token_type": "Bearer",
                    "expires_in": 86_400,
                }
            ),
        )

    def _api(self, request: Any) -> tuple[int, dict[str, str], bytes | str]:
        url = urlsplit(request.url)
        path = url.path
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.calls.append(("GET", path, params))
        auth = request.headers.get("Authorization", "")
        cookie = request.headers.get("Cookie", "").removeprefix("JWT_WEB=")
        if (
            auth.removeprefix("Bearer ") not in self.access_tokens
            and cookie not in self.web_cookies
        ):
            return 401, _JSON, json.dumps({"message": "Token is not active"})
        fault = self._fault(path)
        if fault is not None:
            return fault()
        return self._route(path, params)

    def _route(self, path: str, params: dict[str, str]) -> tuple[int, dict[str, str], bytes | str]:
        if path == "/userprofile-service/socialProfile":
            return _ok({"displayName": DISPLAY_NAME, "fullName": "Test Runner", "profileId": 42})
        if path == "/userprofile-service/userprofile/user-settings":
            return _ok({"userData": {"measurementSystem": "metric"}})
        if path.startswith("/userprofile-service/userprofile/personal-information/"):
            return _ok({"timeZone": "Europe/Berlin"})
        if path == "/activitylist-service/activities/search/activities":
            return self._activity_list(params)
        if m := re.fullmatch(r"/download-service/files/activity/(\d+)", path):
            activity = self.activities.get(int(m[1]))
            if activity is None or activity.original is None:
                return 404, _JSON, json.dumps({"message": "not found"})
            return 200, {"Content-Type": "application/x-zip-compressed"}, activity.original
        if m := re.fullmatch(r"/activity-service/activity/(\d+)/exerciseSets", path):
            activity = self.activities.get(int(m[1]))
            if activity is None:
                return 404, _JSON, json.dumps({"message": "not found"})
            body = activity.exercise_sets or {
                "activityId": activity.activity_id,
                "exerciseSets": None,
            }
            return _ok(body)
        if path == f"/usersummary-service/usersummary/daily/{DISPLAY_NAME}":
            return self._day("user_summary", params["calendarDate"])
        if m := re.fullmatch(r"/hrv-service/hrv/(\d{4}-\d\d-\d\d)", path):
            return self._day("hrv", m[1])
        if path == f"/wellness-service/wellness/dailySleepData/{DISPLAY_NAME}":
            return self._day("sleep", params["date"])
        if m := re.fullmatch(r"/metrics-service/metrics/trainingreadiness/(\d{4}-\d\d-\d\d)", path):
            return self._day("training_readiness", m[1])
        return 404, _JSON, json.dumps({"message": f"no route {path}"})

    def _activity_list(self, params: dict[str, str]) -> tuple[int, dict[str, str], str]:
        start = dt.date.fromisoformat(params["startDate"])
        end = dt.date.fromisoformat(params.get("endDate", "2999-12-31"))
        chosen = [a for a in self.activities.values() if start <= a.local_date <= end]
        chosen.sort(key=lambda a: a.item["beginTimestamp"], reverse=True)  # newest first
        offset = 0 if self.ignore_offset else int(params.get("start", "0"))
        limit = min(int(params.get("limit", "20")), self.page_cap)
        return _ok([a.item for a in chosen[offset : offset + limit]])

    def _day(self, endpoint: str, cdate: str) -> tuple[int, dict[str, str], str]:
        day = dt.date.fromisoformat(cdate)
        body = self.wellness.get((endpoint, day))
        synced = self.watch_synced_at
        if synced is not None and dt.datetime.combine(day, dt.time()) > synced:
            body = None  # the watch has not sent that day yet
        if endpoint == "user_summary" and synced is not None:
            # every summary says when the watch last synced; a day without data is a
            # summary of nulls (not a 204) once Garmin knows the account's device
            body = copy.deepcopy(body) if body is not None else empty_summary(day)
            body["lastSyncTimestampGMT"] = f"{synced:%Y-%m-%dT%H:%M:%S}.0"
        if body is None:
            if endpoint == "training_readiness":
                return _ok([])
            if endpoint == "sleep":
                return _ok({"dailySleepDTO": {"calendarDate": cdate, "sleepTimeSeconds": None}})
            return 204, {}, ""
        return _ok(body)

    # --- building the account ---

    def api_paths(self) -> list[str]:
        return [path for method, path, _ in self.calls if method == "GET"]


_JSON = {"Content-Type": "application/json"}


def _ok(body: Any) -> tuple[int, dict[str, str], str]:
    return 200, _JSON, json.dumps(body)


# --- bodies shaped like the real ones ----------------------------------------------------------


def activity_item(
    shared: Path,
    activity_id: int,
    start_utc: dt.datetime,
    *,
    utc_offset_s: int,
    type_key: str,
    seconds: float,
    distance_m: float,
    avg_hr: float,
    training_load: float,
    total_sets: int | None = None,
) -> dict[str, Any]:
    """An item of the activity list, from the real one with our values in it."""
    item = copy.deepcopy(shared_body(shared, "activities_search.json")[0])
    local = start_utc + dt.timedelta(seconds=utc_offset_s)
    item.update(
        {
            "activityId": activity_id,
            "activityName": f"{type_key} {local:%a}",
            "startTimeLocal": f"{local:%Y-%m-%d %H:%M:%S}",
            "startTimeGMT": f"{start_utc:%Y-%m-%d %H:%M:%S}",
            "duration": seconds,
            "elapsedDuration": seconds,
            "movingDuration": seconds,
            "distance": distance_m,
            "averageHR": avg_hr,
            "activityTrainingLoad": training_load,
            "beginTimestamp": int(start_utc.replace(tzinfo=dt.UTC).timestamp() * 1000),
        }
    )
    item["activityType"] = {**item["activityType"], "typeKey": type_key}
    if total_sets is not None:
        item["totalSets"] = total_sets
        item["activeSets"] = total_sets
    return item


def empty_summary(day: dt.date) -> dict[str, Any]:
    """A daily summary with nothing measured (no watch data for the day)."""
    return {
        "calendarDate": day.isoformat(),
        "totalSteps": None,
        "restingHeartRate": None,
        "minHeartRate": None,
        "averageStressLevel": None,
        "bodyBatteryHighestValue": None,
        "bodyBatteryLowestValue": None,
        "includesWellnessData": False,
        "privacyProtected": False,
        "lastSyncTimestampGMT": None,
    }


def user_summary(
    shared: Path, day: dt.date, *, resting_hr: int, stress: int, bb_high: int, bb_low: int
) -> dict[str, Any]:
    body = copy.deepcopy(shared_body(shared, "user_summary_daily.json"))
    body.update(
        {
            "calendarDate": day.isoformat(),
            "restingHeartRate": resting_hr,
            "averageStressLevel": stress,
            "bodyBatteryHighestValue": bb_high,
            "bodyBatteryLowestValue": bb_low,
        }
    )
    return body


def hrv(shared: Path, day: dt.date, *, last_night: int, weekly: int, status: str) -> dict[str, Any]:
    body = copy.deepcopy(shared_body(shared, "hrv.json"))
    body["hrvSummary"].update(
        {
            "calendarDate": day.isoformat(),
            "lastNightAvg": last_night,
            "weeklyAvg": weekly,
            "status": status,
        }
    )
    return body


def sleep(shared: Path, day: dt.date, *, seconds: int, score: int) -> dict[str, Any]:
    body = copy.deepcopy(shared_body(shared, "sleep_dailySleepData.json"))
    dto = body["dailySleepDTO"]
    deep, rem = seconds // 5, seconds // 5
    dto.update(
        {
            "calendarDate": day.isoformat(),
            "sleepTimeSeconds": seconds,
            "deepSleepSeconds": deep,
            "remSleepSeconds": rem,
            "lightSleepSeconds": seconds - deep - rem,
            "awakeSleepSeconds": 600,
        }
    )
    dto["sleepScores"]["overall"]["value"] = score
    return body


def readiness(shared: Path, day: dt.date, *, morning: int, later: int) -> list[dict[str, Any]]:
    template = shared_body(shared, "training_readiness.json")[0]
    first = {
        **copy.deepcopy(template),
        "calendarDate": day.isoformat(),
        "score": later,
        "inputContext": "UPDATE_REALTIME_VARIABLES",
        "timestamp": f"{day}T15:00:00.0",
        "timestampLocal": f"{day}T16:00:00.0",
    }
    second = {
        **copy.deepcopy(template),
        "calendarDate": day.isoformat(),
        "score": morning,
        "inputContext": "AFTER_WAKEUP_RESET",
        "timestamp": f"{day}T05:30:00.0",
        "timestampLocal": f"{day}T06:30:00.0",
    }
    return [first, second]  # Garmin lists the newest first
