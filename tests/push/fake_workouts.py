"""Garmin Connect's workout library and calendar on the fake account (tests/garmin/fake_connect).

Adds what `runlift plan push --garmin` calls, answering as Connect does: an upload returns the
stored workout with its new `workoutId`; scheduling returns the calendar entry with its
`workoutScheduleId`; an update (PUT) and deletes answer 204; unknown ids 404. Faults (429,
5xx) are injected per path as for the sync. Every write is logged in `writes`.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import responses

from tests.garmin.fake_connect import API, TOKEN_URL, FakeConnect

_JSON = {"Content-Type": "application/json"}


@dataclass
class FakeWorkoutAccount(FakeConnect):
    """The fake account with a workout library and a calendar."""

    workouts: dict[int, dict[str, Any]] = field(default_factory=dict)
    schedules: dict[int, dict[str, Any]] = field(default_factory=dict)
    writes: list[tuple[str, str]] = field(default_factory=list)
    _next_id: int = 900_000_001
    _fail_after: list[tuple[re.Pattern[str], list[int], int]] = field(default_factory=list)

    def fail_after(self, path_pattern: str, *, ok: int, status: int) -> None:
        """After `ok` requests matching `path_pattern` went through, answer the next one `status`."""
        self._fail_after.append((re.compile(path_pattern), [ok], status))

    def install(self, rsps: responses.RequestsMock) -> None:
        # `responses` pops the first of two patterns matching one request, so the account's
        # GET routes are registered for every path but the workout service's
        workouts = re.compile(re.escape(API) + r"/workout-service/.*")
        for method in (responses.GET, responses.POST, responses.PUT, responses.DELETE):
            rsps.add_callback(method, workouts, callback=self._workout_api)
        rest = re.compile(re.escape(API) + r"/(?!workout-service/).*")
        rsps.add_callback(responses.POST, TOKEN_URL, callback=self._token)
        rsps.add_callback(responses.GET, rest, callback=self._api)
        sso = re.compile(r"https://sso\..*")
        rsps.add_callback(responses.GET, sso, callback=self._forbidden)
        rsps.add_callback(responses.POST, sso, callback=self._forbidden)

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def calendar(self) -> list[tuple[str, str]]:
        """(date, workout name) of every calendar entry, sorted."""
        return sorted(
            (s["calendarDate"], self.workouts[s["workout"]["workoutId"]]["workoutName"])
            for s in self.schedules.values()
        )

    def _workout_api(self, request: Any) -> tuple[int, dict[str, str], str]:
        url = urlsplit(request.url)
        path, method = url.path, request.method
        self.calls.append((method, path, {}))
        if (
            request.headers.get("Authorization", "").removeprefix("Bearer ")
            not in self.access_tokens
        ):
            return 401, _JSON, json.dumps({"message": "Token is not active"})
        fault = self._fault(path)
        if fault is not None:
            return fault()  # type: ignore[return-value]
        for pattern, left, status in self._fail_after:
            if pattern.search(path):
                left[0] -= 1
                if left[0] == -1:  # once; later requests go through
                    return status, _JSON, json.dumps({"message": f"fake {status}"})
        if method != "GET":
            self.writes.append((method, path))
        body = json.loads(request.body) if request.body else None
        if path == "/workout-service/workout" and method == "POST":
            workout_id = self._new_id()
            stored = {**copy.deepcopy(body), "workoutId": workout_id, "ownerId": 42}
            self.workouts[workout_id] = stored
            return 200, _JSON, json.dumps(stored)
        if m := re.fullmatch(r"/workout-service/workout/(\d+)", path):
            workout_id = int(m[1])
            if workout_id not in self.workouts:
                return 404, _JSON, json.dumps({"message": "workout not found"})
            if method == "GET":
                return 200, _JSON, json.dumps(self.workouts[workout_id])
            if method == "PUT":
                self.workouts[workout_id] = copy.deepcopy(body)
                return 204, {}, ""
            if method == "DELETE":
                del self.workouts[workout_id]
                return 204, {}, ""
        if (m := re.fullmatch(r"/workout-service/schedule/(\d+)", path)) and method == "POST":
            workout_id = int(m[1])
            if workout_id not in self.workouts:
                return 404, _JSON, json.dumps({"message": "workout not found"})
            schedule_id = self._new_id()
            entry = {
                "workoutScheduleId": schedule_id,
                "workout": {
                    "workoutId": workout_id,
                    "workoutName": self.workouts[workout_id]["workoutName"],
                },
                "calendarDate": body["date"],
                "ownerId": 42,
            }
            self.schedules[schedule_id] = entry
            return 200, _JSON, json.dumps(entry)
        if m := re.fullmatch(r"/workout-service/schedule/(\d+)", path):
            schedule_id = int(m[1])
            if schedule_id not in self.schedules:
                return 404, _JSON, json.dumps({"message": "schedule not found"})
            if method == "GET":
                return 200, _JSON, json.dumps(self.schedules[schedule_id])
            if method == "PUT":
                self.schedules[schedule_id]["calendarDate"] = body["calendarDate"]
                return 204, {}, ""
            if method == "DELETE":
                del self.schedules[schedule_id]
                return 204, {}, ""
        return 404, _JSON, json.dumps({"message": f"no route {method} {path}"})
