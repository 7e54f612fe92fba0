"""The plan a user writes (plan.toml): its model, its parser with line-precise errors, its writer.

The contract of issue 5 (keep these names) plus three optional extensions:

```toml
[athlete]                  # optional
sex = "female"             # female | male
hr_max = 188
hr_rest = 48
hr_threshold = 172         # optional: lactate-threshold HR
timezone = "Europe/Berlin"

[plan]
phase = "base"             # base | build | in_season | taper
weekly_km = 40             # the week's target before adjustment (runs are scaled to it)
long_run_km = 12           # long runs take this distance
start = 2026-09-07         # optional: Monday of plan week 1
race_date = 2027-04-11     # optional: drives the taper

[[block]]                  # extension: multi-week phases, counted from start (needs start)
weeks = [1, 4]             # first and last plan week, inclusive
phase = "base"
name = "general strength"  # optional label
weekly_km = 35             # optional: overrides [plan] for these weeks
long_run_km = 10           # optional

[[session]]
day = "mon"                # mon … sun
kind = "lift"              # run | lift | rest
type = "lower"             # run: easy|recovery|long|tempo|intervals ; lift: lower|upper|full
minutes = 40               # lifts (runs optional)
km = 10                    # runs
slot = "pm"                # optional: am | pm
weeks = [1, 4]             # extension: only in these plan weeks (needs start)

  [[session.exercise]]     # extension: lift sessions only, in order
  name = "back squat"      # matched to recorded sets by name (every word must appear)
  sets = 3
  reps = 6
  load_kg = 80             # optional: otherwise from estimated 1RM × pct_1rm
  rest_s = 150             # optional
  pct_1rm = 0.82           # optional: load as a share of estimated 1RM
  main = true              # optional: a main (heavy) lift; default: 3+ sets of <= 8 reps,
                           #           not plyometric or core
  region = "lower"         # optional: lower | upper | core | full | plyometric
```
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rules.config_reader import TableReader, load_toml
from rules.vocab import (
    BODY_REGIONS,
    DAYS,
    KINDS,
    LIFT_TYPES,
    PHASES,
    RUN_TYPES,
    SEXES,
    SLOTS,
    BodyRegion,
    Day,
    Kind,
    Phase,
    Sex,
    Slot,
)
from runlift_sync.errors import ConfigError

MAIN_LIFT_MAX_REPS = 8
"""Inferred main lift: at least 3 sets of at most this many reps (issue: 3 sets of 4-8 reps)."""


@dataclass(frozen=True)
class Athlete:
    """[athlete]: heart-rate landmarks and time zone; each optional (estimated from data)."""

    sex: Sex | None = None
    hr_max: int | None = None
    hr_rest: int | None = None
    hr_threshold: int | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class PlanSettings:
    """[plan]: the phase and the week's targets before adjustment."""

    phase: Phase
    weekly_km: float | None = None
    long_run_km: float | None = None
    start: date | None = None
    race_date: date | None = None


@dataclass(frozen=True)
class Exercise:
    """One exercise of a lift session: a prescription of sets × reps at a load."""

    name: str
    sets: int
    reps: int
    load_kg: float | None = None
    rest_s: int | None = None
    pct_1rm: float | None = None
    main: bool | None = None
    region: BodyRegion | None = None

    @property
    def is_main(self) -> bool:
        """A main (heavy) lift: explicit `main`, else 3+ sets of <= 8 reps, not plyo or core."""
        if self.main is not None:
            return self.main
        return (
            self.sets >= 3
            and self.reps <= MAIN_LIFT_MAX_REPS
            and self.region not in ("plyometric", "core")
        )

    @property
    def is_plyometric(self) -> bool:
        """A jump, bound or hop exercise (body region plyometric)."""
        return self.region == "plyometric"


@dataclass(frozen=True)
class PlanSession:
    """One [[session]] of the template week."""

    day: Day
    kind: Kind
    type: str | None = None
    km: float | None = None
    minutes: float | None = None
    slot: Slot | None = None
    exercises: tuple[Exercise, ...] = ()
    weeks: tuple[int, int] | None = None

    def in_week(self, plan_week: int | None) -> bool:
        """Whether the session belongs to plan week `plan_week` (None: no week counting)."""
        if self.weeks is None or plan_week is None:
            return True
        return self.weeks[0] <= plan_week <= self.weeks[1]


@dataclass(frozen=True)
class Block:
    """One [[block]]: a phase lasting several plan weeks, with optional targets."""

    weeks: tuple[int, int]
    phase: Phase
    name: str | None = None
    weekly_km: float | None = None
    long_run_km: float | None = None


@dataclass(frozen=True)
class Plan:
    """A whole plan file: `settings` is the [plan] table."""

    settings: PlanSettings
    sessions: tuple[PlanSession, ...]
    athlete: Athlete = Athlete()
    blocks: tuple[Block, ...] = ()

    @property
    def last_week(self) -> int | None:
        """The last plan week named by a block or a session, or None for a one-week template."""
        ends = [b.weeks[1] for b in self.blocks] + [s.weeks[1] for s in self.sessions if s.weeks]
        return max(ends) if ends else None

    def block_for(self, plan_week: int | None) -> Block | None:
        """The block covering `plan_week`, if any."""
        if plan_week is None:
            return None
        for block in self.blocks:
            if block.weeks[0] <= plan_week <= block.weeks[1]:
                return block
        return None

    @property
    def has_lifting(self) -> bool:
        """Whether the plan lifts at all (the never-10-days-without-lifting rule applies)."""
        return any(s.kind == "lift" for s in self.sessions)


# ---------------------------------------------------------------------------------------------
# Parsing


_TOP_KEYS = ("athlete", "plan", "block", "session")
_ATHLETE_KEYS = ("sex", "hr_max", "hr_rest", "hr_threshold", "timezone")
_PLAN_KEYS = ("phase", "weekly_km", "long_run_km", "start", "race_date")
_BLOCK_KEYS = ("weeks", "phase", "name", "weekly_km", "long_run_km")
_SESSION_KEYS = ("day", "kind", "type", "km", "minutes", "slot", "weeks", "exercise")
_EXERCISE_KEYS = ("name", "sets", "reps", "load_kg", "rest_s", "pct_1rm", "main", "region")


def parse_plan(text: str, *, source: str | None = None) -> Plan:
    """Parse and validate plan TOML text; `source` (a path) prefixes every error message."""
    data, lines = load_toml(text, source=source)
    top = TableReader(data, path=(), label="plan file", lines=lines, source=source)
    top.check_keys(_TOP_KEYS)

    athlete = Athlete()
    if "athlete" in data:
        athlete = _parse_athlete(top.child("athlete", data["athlete"], ("athlete",), "[athlete]"))
    if "plan" not in data:
        top.fail(None, 'has no [plan] table; add [plan] with at least phase = "base"')
    settings = _parse_settings(top.child("plan", data["plan"], ("plan",), "[plan]"))

    block_readers = [
        top.child("block", raw, ("block", i), f"[[block]] #{i + 1}")
        for i, raw in enumerate(_array(top, "block"))
    ]
    blocks = tuple(_parse_block(r, settings) for r in block_readers)
    _check_blocks_disjoint(blocks, block_readers)

    raw_sessions = _array(top, "session")
    if not raw_sessions:
        top.fail(None, "has no [[session]]; add one [[session]] per session of the week")
    sessions = tuple(_parse_session(top, raw, i, settings) for i, raw in enumerate(raw_sessions))
    plan = Plan(settings=settings, sessions=sessions, athlete=athlete, blocks=blocks)
    _check_week_targets(plan, top)
    return plan


def _array(top: TableReader, key: str) -> list[Any]:
    value = top.data.get(key, [])
    if not isinstance(value, list):
        top.fail(key, f"must be written as [[{key}]] tables")
    return value


def _parse_athlete(r: TableReader) -> Athlete:
    r.check_keys(_ATHLETE_KEYS)
    hr_max = r.integer("hr_max", at_least=120, at_most=230)
    hr_rest = r.integer("hr_rest", at_least=25, at_most=110)
    hr_threshold = r.integer("hr_threshold", at_least=80, at_most=225)
    if hr_threshold is not None:
        if hr_max is not None and hr_threshold >= hr_max:
            r.fail("hr_threshold", f"= {hr_threshold} must be below hr_max = {hr_max}")
        if hr_rest is not None and hr_threshold <= hr_rest:
            r.fail("hr_threshold", f"= {hr_threshold} must be above hr_rest = {hr_rest}")
    timezone = r.string("timezone")
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            r.fail(
                "timezone",
                f'= "{timezone}" is not a known IANA time zone; use e.g. "Europe/Berlin"',
            )
    return Athlete(
        sex=cast(Sex | None, r.string("sex", allowed=SEXES)),
        hr_max=hr_max,
        hr_rest=hr_rest,
        hr_threshold=hr_threshold,
        timezone=timezone,
    )


def _parse_settings(r: TableReader) -> PlanSettings:
    r.check_keys(_PLAN_KEYS)
    phase = cast(Phase, r.string("phase", required=True, allowed=PHASES))
    weekly_km = r.number("weekly_km", above=0, at_most=500, unit="km")
    long_run_km = r.number("long_run_km", above=0, at_most=100, unit="km")
    start = r.day("start")
    if start is not None and start.weekday() != 0:
        r.fail("start", f"= {start} is a {start:%A}; the plan starts on a Monday")
    race_date = r.day("race_date")
    if start is not None and race_date is not None and race_date <= start:
        r.fail("race_date", f"= {race_date} must be after start = {start}")
    return PlanSettings(
        phase=phase, weekly_km=weekly_km, long_run_km=long_run_km, start=start, race_date=race_date
    )


def _parse_block(r: TableReader, settings: PlanSettings) -> Block:
    r.check_keys(_BLOCK_KEYS)
    weeks = r.week_range("weeks", required=True)
    assert weeks is not None
    if settings.start is None:
        r.fail("weeks", "needs [plan] start (the Monday of week 1) to count weeks")
    return Block(
        weeks=weeks,
        phase=cast(Phase, r.string("phase", required=True, allowed=PHASES)),
        name=r.string("name"),
        weekly_km=r.number("weekly_km", above=0, at_most=500, unit="km"),
        long_run_km=r.number("long_run_km", above=0, at_most=100, unit="km"),
    )


def _check_blocks_disjoint(blocks: tuple[Block, ...], readers: list[TableReader]) -> None:
    for i, block in enumerate(blocks):
        for j, other in enumerate(blocks[:i]):
            if block.weeks[0] <= other.weeks[1] and other.weeks[0] <= block.weeks[1]:
                readers[i].fail(
                    "weeks",
                    f"= {list(block.weeks)} overlaps [[block]] #{j + 1} (weeks "
                    f"{list(other.weeks)}); each plan week belongs to at most one block",
                )


def _parse_session(top: TableReader, raw: Any, i: int, settings: PlanSettings) -> PlanSession:
    label = f"[[session]] #{i + 1}"
    if isinstance(raw, Mapping):
        label += f" ({raw.get('day', '?')} {raw.get('kind', '?')})"
    r = top.child("session", raw, ("session", i), label)
    r.check_keys(_SESSION_KEYS)
    day = cast(Day, r.string("day", required=True, allowed=DAYS))
    kind = cast(Kind, r.string("kind", required=True, allowed=KINDS))
    session_type: str | None = None
    if kind == "run":
        session_type = r.string("type", required=True, allowed=RUN_TYPES)
    elif kind == "lift":
        session_type = r.string("type", required=True, allowed=LIFT_TYPES)
    elif "type" in r.data:
        r.fail("type", "is not used by a rest session; remove it")
    km = r.number("km", above=0, at_most=100, unit="km")
    if km is not None and kind != "run":
        r.fail("km", f"is only for runs; remove it from this {kind} session")
    minutes = r.number("minutes", above=0, at_most=600, unit="minutes")
    if minutes is not None and kind == "rest":
        r.fail("minutes", "is not used by a rest session; remove it")
    weeks = r.week_range("weeks")
    if weeks is not None and settings.start is None:
        r.fail("weeks", "needs [plan] start (the Monday of week 1) to count weeks")
    raw_exercises = r.data.get("exercise", [])
    if not isinstance(raw_exercises, list):
        r.fail("exercise", "must be written as [[session.exercise]] tables")
    if raw_exercises and kind != "lift":
        r.fail("exercise", f"is only for lift sessions, not a {kind} session")
    exercises = tuple(
        _parse_exercise(
            r.child("exercise", e, ("session", i, "exercise", j), f"{label} exercise #{j + 1}")
        )
        for j, e in enumerate(raw_exercises)
    )
    return PlanSession(
        day=day,
        kind=kind,
        type=session_type,
        km=km,
        minutes=minutes,
        slot=cast(Slot | None, r.string("slot", allowed=SLOTS)),
        exercises=exercises,
        weeks=weeks,
    )


def _parse_exercise(r: TableReader) -> Exercise:
    r.check_keys(_EXERCISE_KEYS)
    name = r.string("name", required=True)
    assert name is not None
    sets = r.integer("sets", required=True, at_least=1, at_most=10)
    reps = r.integer("reps", required=True, at_least=1, at_most=50)
    assert sets is not None and reps is not None
    rest_s = r.integer("rest_s", at_least=0, at_most=900)
    return Exercise(
        name=name.strip(),
        sets=sets,
        reps=reps,
        load_kg=r.number("load_kg", at_least=0, at_most=500, unit="kg"),
        rest_s=rest_s,
        pct_1rm=r.number("pct_1rm", above=0.3, at_most=1.0),
        main=r.boolean("main"),
        region=cast(BodyRegion | None, r.string("region", allowed=BODY_REGIONS)),
    )


def _check_week_targets(plan: Plan, top: TableReader) -> None:
    """Every week must have a distance: run km or a weekly_km, and room beside the long run."""
    weeks: list[int | None] = [None]
    if plan.last_week is not None:
        weeks = list(range(1, plan.last_week + 1))
    for week in weeks:
        runs = [s for s in plan.sessions if s.kind == "run" and s.in_week(week)]
        block = plan.block_for(week)
        weekly_km = (block.weekly_km if block else None) or plan.settings.weekly_km
        long_km = (block.long_run_km if block else None) or plan.settings.long_run_km
        where = f"in plan week {week}" if week is not None else "in the template week"
        missing_km = [s for s in runs if s.km is None]
        if missing_km and weekly_km is None:
            top.fail(
                None,
                f"{where}, a {missing_km[0].type} run on {missing_km[0].day} has no "
                "km; give each run km = … or set [plan] weekly_km",
            )
        longs = [s for s in runs if s.type == "long"]
        others = [s for s in runs if s.type != "long"]
        if weekly_km is not None and long_km is not None and longs and others:
            if long_km * len(longs) >= weekly_km:
                top.fail(
                    None,
                    f"{where}, long_run_km = {long_km:g} leaves nothing of "
                    f"weekly_km = {weekly_km:g} for the other runs; lower long_run_km",
                )


# ---------------------------------------------------------------------------------------------
# Writing


def plan_to_toml(plan: Plan) -> str:
    """Write `plan` as TOML that `parse_plan` reads back to an equal Plan (comments are lost)."""
    out: list[str] = []
    athlete = _pairs(plan.athlete, _ATHLETE_KEYS)
    if athlete:
        out += ["[athlete]", *athlete, ""]
    out += ["[plan]", *_pairs(plan.settings, _PLAN_KEYS), ""]
    for block in plan.blocks:
        out += ["[[block]]", *_pairs(block, _BLOCK_KEYS), ""]
    for session in plan.sessions:
        out += ["[[session]]", *_pairs(session, _SESSION_KEYS[:-1]), ""]
        for exercise in session.exercises:
            out += ["[[session.exercise]]", *_pairs(exercise, _EXERCISE_KEYS), ""]
    return "\n".join(out)


def _pairs(obj: object, keys: tuple[str, ...]) -> list[str]:
    return [
        f"{key} = {_toml_value(getattr(obj, key))}" for key in keys if getattr(obj, key) is not None
    ]


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON strings are TOML basic strings
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    raise ConfigError(f"cannot write {value!r} to TOML")
