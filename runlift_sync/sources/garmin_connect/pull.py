"""The Garmin Connect source: what one pull asks for, unit by unit, yielded as items.

Nothing here writes: `ConnectPull.items()` yields files (the FIT originals, as `SourceFile`s
like any watch or folder hands over) and records, and the sync loads each item before asking
for the next (`runlift_sync.garmin_sync`). A 429, a 403, an outage or a login to renew is raised
from the generator and ends the pull there; everything yielded before it is kept.

Inside a unit: activities oldest first, window by window; wellness day by day, each day's
answers together (the answers a day got before a failure are still yielded).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

from runlift_sync.sources import zip_archive
from runlift_sync.sources.garmin_connect.client import ConnectSession
from runlift_sync.sources.garmin_connect.constants import (
    LIST_PAGE_SIZE,
    LIST_WINDOW_DAYS,
    MAX_LIST_PAGES,
    WELLNESS_ENDPOINTS,
    PullUnit,
    WellnessEndpoint,
)
from runlift_sync.sources.garmin_connect.failures import (
    ItemNotFound,
    ItemRefused,
    MalformedItem,
    MalformedResponse,
)
from runlift_sync.sources.garmin_connect.items import (
    BackfillAdvanced,
    Downloaded,
    DownloadFailed,
    Listed,
    NewActivity,
    Original,
    OriginalRetried,
    Pulled,
    Quarantined,
    SetAside,
    SetsReread,
    TurnTaken,
    WellnessAnswer,
    WellnessDay,
)
from runlift_sync.sources.garmin_connect.parse import (
    ActivityRow,
    ExerciseSetRow,
    activity_id_of,
    last_sync_of,
    parse_activity,
    parse_exercise_sets,
    parse_wellness,
)
from runlift_sync.sources.garmin_connect.pull_plan import (
    PullPlan,
    date_windows,
    days_between,
    not_yet_listed,
)

log = logging.getLogger(__name__)

#: A page that is not the zip, shown this far in the message.
SHOWN_BYTES = 80


@dataclass
class PullState:
    """What the warehouse already holds, as far as the source needs to know (read once)."""

    known_activities: set[int] = field(default_factory=set)
    pending_originals: list[int] = field(default_factory=list)
    sets_to_read_again: list[int] = field(default_factory=list)
    final_wellness: set[tuple[str, dt.date]] = field(default_factory=set)


@dataclass(frozen=True)
class Pace:
    """Seconds between two requests: the nightly units', and the backfill's."""

    nightly_s: float
    backfill_s: float


class ConnectPull:
    """One pull through a resumed session: `items()` yields what it finds, unit by unit."""

    def __init__(
        self, session: ConnectSession, plan: PullPlan, state: PullState, pace: Pace
    ) -> None:
        self.session = session
        self.plan = plan
        self.state = state
        self.pace = pace
        #: date ranges of the activity list listed tonight (a later unit skips them)
        self.listed: list[tuple[dt.date, dt.date]] = []
        #: wellness answers asked for tonight (a later unit does not ask again)
        self.asked: set[tuple[str, dt.date]] = set()
        #: when the watch last synced, per Garmin (asked once, with today's summary)
        self.synced_at: dt.datetime | None = None
        self._today_summary: WellnessAnswer | None = None
        self._sync_known = False

    def items(self) -> Iterator[Pulled]:
        units: dict[PullUnit, Callable[[], Iterator[Pulled]]] = {
            "activities": self.activities,
            "pending_originals": self.pending_originals,
            "exercise_sets": self.sets_again,
            "wellness": self.wellness,
            "backfill_activities": self.backfill_activities,
            "backfill_wellness": self.backfill_wellness,
        }
        for unit in self.plan.units:
            yield TurnTaken(unit)
            backfill = unit.startswith("backfill_")
            self.session.pacer.spacing_s = self.pace.backfill_s if backfill else self.pace.nightly_s
            yield from units[unit]()

    # --- activities ---------------------------------------------------------------------------

    def activities(self) -> Iterator[Pulled]:
        for start, end in self._unlisted(self.plan.activities_from, self.plan.through):
            yield from self.window(start, end)

    def backfill_activities(self) -> Iterator[Pulled]:
        backfill = self.plan.backfill
        assert backfill is not None and backfill.activities_next is not None
        for start, end in self._unlisted(backfill.activities_next, backfill.through):
            yield from self.window(start, end)
            yield BackfillAdvanced("activities", end + dt.timedelta(days=1))
        yield BackfillAdvanced("activities", backfill.through + dt.timedelta(days=1))

    def _unlisted(self, start: dt.date, end: dt.date) -> Iterator[tuple[dt.date, dt.date]]:
        for part_start, part_end in not_yet_listed(start, end, self.listed):
            yield from date_windows(part_start, part_end, LIST_WINDOW_DAYS)

    def window(self, start: dt.date, end: dt.date) -> Iterator[Pulled]:
        """Every activity of local dates start..end not pulled before, oldest first."""
        found: dict[int, tuple[ActivityRow, Any]] = {}
        yield from self.list_window(start, end, found)
        fresh = [
            pair
            for pair in found.values()
            if pair[0].activity_id not in self.state.known_activities
        ]
        yield Listed(len(found), len(found) - len(fresh))
        fresh.sort(key=lambda pair: (pair[0].start_time_utc, pair[0].activity_id))
        for row, body in fresh:
            yield self.new_activity(row, body)
            self.state.known_activities.add(row.activity_id)
        self.listed.append((start, end))

    def list_window(
        self, start: dt.date, end: dt.date, found: dict[int, tuple[ActivityRow, Any]]
    ) -> Iterator[Pulled]:
        """Page through the list for start..end into `found`, filtered on our side too."""
        seen: set[int | None] = set()
        offset = 0
        for _ in range(MAX_LIST_PAGES):
            where = f"{start}+{offset}"
            try:
                page = self.session.list_activities(start, end, offset, LIST_PAGE_SIZE)
            except (MalformedResponse, ItemRefused) as exc:
                yield SetAside(
                    Quarantined("activity_list", where, type(exc).__name__, str(exc), exc.text)
                )
                return
            if page is None or page == [] or page == {}:
                return
            if not isinstance(page, list):
                yield SetAside(
                    Quarantined(
                        "activity_list",
                        where,
                        "MalformedItem",
                        f"the activity list page is not a list ({type(page).__name__})",
                        json.dumps(page),
                    )
                )
                return
            ids = [activity_id_of(item) for item in page]
            if all(i is not None and i in seen for i in ids):
                return  # the same page again: Garmin ignores the offset; do not loop
            seen.update(ids)
            for k, item in enumerate(page):
                try:
                    row = parse_activity(item)
                except MalformedItem as exc:
                    key = str(ids[k]) if ids[k] is not None else f"{where}+{k}"
                    yield SetAside(
                        Quarantined(
                            "activity",
                            key,
                            "MalformedItem",
                            str(exc),
                            json.dumps(item),
                            activity_id=ids[k],
                        )
                    )
                    continue
                if start <= row.local_date <= end:  # Garmin filters by date; check it too
                    found[row.activity_id] = (row, item)
            offset += len(page)
        log.warning(
            "stopped paging the activity list of %s…%s after %d pages", start, end, MAX_LIST_PAGES
        )

    def new_activity(self, row: ActivityRow, body: Any) -> NewActivity:
        set_aside: list[Quarantined] = []
        original = None if row.is_manual else self.original(row.activity_id, set_aside)
        sets_body: Any = None
        sets: list[ExerciseSetRow] | None = None
        if row.wants_exercise_sets:
            sets_body, sets = self.exercise_sets(row.activity_id, set_aside)
        return NewActivity(row, body, original, sets_body, sets, tuple(set_aside))

    def original(self, activity_id: int, set_aside: list[Quarantined]) -> Original:
        """The original zip's FIT files, or why the download failed tonight (a 403, 429 or
        outage is raised: it stops the pull)."""
        try:
            data = self.session.download_original(activity_id)
        except (ItemNotFound, ItemRefused, MalformedResponse) as exc:
            return DownloadFailed(type(exc).__name__, str(exc))
        if not data:
            return DownloadFailed(
                "EmptyDownload", f"Garmin Connect sent nothing for the original of {activity_id}"
            )
        if not zipfile.is_zipfile(io.BytesIO(data)):
            shown = data[:SHOWN_BYTES].decode("utf-8", "replace")
            return DownloadFailed(
                "NotAZip",
                f"Garmin Connect answered the download of the original of {activity_id} with "
                f"something that is not a zip ({len(data)} bytes: {shown!r})",
            )
        origin = f"garmin_connect:activity/{activity_id}.zip"
        files = tuple(zip_archive.discover_bytes(origin, data))
        if not files:
            set_aside.append(
                Quarantined(
                    "original",
                    str(activity_id),
                    "MalformedItem",
                    "the original download holds no FIT file",
                    None,
                    activity_id=activity_id,
                )
            )
        return Downloaded(files)

    def pending_originals(self) -> Iterator[Pulled]:
        for activity_id in self.state.pending_originals:
            set_aside: list[Quarantined] = []
            original = self.original(activity_id, set_aside)
            yield OriginalRetried(activity_id, original)
            for item in set_aside:
                yield SetAside(item)

    # --- exercise sets ------------------------------------------------------------------------

    def exercise_sets(
        self, activity_id: int, set_aside: list[Quarantined]
    ) -> tuple[Any, list[ExerciseSetRow] | None]:
        """The set list of an activity; (None, None) when it was set aside."""
        key = str(activity_id)
        try:
            body = self.session.exercise_sets(activity_id)
        except ItemNotFound:
            return {}, []
        except (ItemRefused, MalformedResponse) as exc:
            set_aside.append(
                Quarantined(
                    "exercise_sets",
                    key,
                    type(exc).__name__,
                    str(exc),
                    exc.text,
                    activity_id=activity_id,
                )
            )
            return None, None
        try:
            return body, parse_exercise_sets(activity_id, body)
        except MalformedItem as exc:
            set_aside.append(
                Quarantined(
                    "exercise_sets",
                    key,
                    "MalformedItem",
                    str(exc),
                    json.dumps(body),
                    activity_id=activity_id,
                )
            )
            return None, None

    def sets_again(self) -> Iterator[Pulled]:
        """The sets of recent strength sessions, read again: the athlete may have corrected
        them in the app since."""
        for activity_id in self.state.sets_to_read_again:
            set_aside: list[Quarantined] = []
            body, sets = self.exercise_sets(activity_id, set_aside)
            for item in set_aside:
                yield SetAside(item)
            if sets is not None:
                yield SetsReread(activity_id, body, sets)

    # --- wellness -----------------------------------------------------------------------------

    def wellness(self) -> Iterator[Pulled]:
        yield from self.wellness_days(self.plan.wellness_from, self.plan.through, backfill=False)

    def backfill_wellness(self) -> Iterator[Pulled]:
        backfill = self.plan.backfill
        assert backfill is not None and backfill.wellness_next is not None
        yield from self.wellness_days(backfill.wellness_next, backfill.through, backfill=True)

    def wellness_days(self, start: dt.date, end: dt.date, *, backfill: bool) -> Iterator[Pulled]:
        yield from self.learn_sync_time()
        for day in days_between(start, end):
            answers: list[WellnessAnswer] = []
            final = 0
            try:
                for endpoint in WELLNESS_ENDPOINTS:
                    if (endpoint, day) in self.state.final_wellness:
                        final += 1
                        continue
                    if (endpoint, day) in self.asked:
                        continue
                    self.asked.add((endpoint, day))
                    answer = yield from self.wellness_answer(endpoint, day)
                    if answer is not None:
                        answers.append(answer)
            except Exception:
                # what this day got is kept even when the pull stops half-way through it
                if answers:
                    yield WellnessDay(day, tuple(answers), self.synced_at)
                raise
            if answers or final:
                yield WellnessDay(day, tuple(answers), self.synced_at, final)
            if backfill:
                yield BackfillAdvanced("wellness", day + dt.timedelta(days=1))

    def learn_sync_time(self) -> Iterator[Pulled]:
        """Ask today's summary first: it says when the watch last synced, which decides what
        is final. The answer is kept and stored with today's other answers."""
        if self._sync_known:
            return
        self._sync_known = True
        answer = yield from self.wellness_answer("user_summary", self.plan.through)
        if answer is None:  # set aside: not asked twice tonight
            self.asked.add(("user_summary", self.plan.through))
        else:
            self.synced_at = last_sync_of(answer.body)
            self._today_summary = answer  # handed over when the days reach today

    def wellness_answer(
        self, endpoint: WellnessEndpoint, day: dt.date
    ) -> Generator[Pulled, None, WellnessAnswer | None]:
        """One endpoint's answer for one day; yields what it sets aside."""
        if endpoint == "user_summary" and day == self.plan.through and self._today_summary:
            answer, self._today_summary = self._today_summary, None
            return answer
        key = day.isoformat()
        try:
            body = self.session.wellness(endpoint, day)
        except ItemNotFound:
            body = {}
        except (ItemRefused, MalformedResponse) as exc:
            yield SetAside(Quarantined(endpoint, key, type(exc).__name__, str(exc), exc.text, day))
            return None
        try:
            rows = parse_wellness(endpoint, day, body)
        except MalformedItem as exc:
            yield SetAside(
                Quarantined(endpoint, key, "MalformedItem", str(exc), json.dumps(body), day)
            )
            return None
        return WellnessAnswer(endpoint, body, rows)
