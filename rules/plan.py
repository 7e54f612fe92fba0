"""The plan a user writes (plan.toml): its pydantic model (the validation), and its writer.

The contract of issue 5 (keep these names) plus optional extensions:

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
race_date = 2027-04-11     # optional: an A race of unknown distance (same as a [[race]])

[[race]]                   # extension (issue 11): races, any number
date = 2026-12-06          # the day of the race
name = "City half"         # optional
distance_km = 21.1         # optional: sets the taper's length and the recovery after it
priority = "A"             # A: full taper; B: short taper; C: train through (default A)

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
  name = "back squat"      # its FIT exercise: from the name (rules/exercises.py) or below
  sets = 3
  reps = 6
  load_kg = 80             # optional: otherwise from estimated 1RM × pct_1rm
  rest_s = 150             # optional
  pct_1rm = 0.82           # optional: load as a share of estimated 1RM
  main = true              # optional: a main (heavy) lift; default: 3+ sets of <= 8 reps,
                           #           not plyometric or core
  region = "lower"         # optional: lower | upper | core | full | plyometric
  category = "squat"       # optional: the FIT exercise_category recorded sets are matched on
  fit_name = "barbell_back_squat"   # optional: the FIT exercise_name within that category
```

Every problem is a `ConfigError` naming the file, line, table and key, and the allowed values
(`rules.toml_lines` maps pydantic's errors to the lines of the file).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from rules.errors import ConfigError
from rules.exercises import fit_catalogue
from rules.toml_lines import (
    NonEmpty,
    Number,
    TablePath,
    TomlModel,
    Whole,
    key_error,
    load_toml_model,
    show,
    table_label,
    value_error,
)
from rules.vocab import (
    LEG_REGIONS,
    LIFT_TYPES,
    RUN_TYPES,
    BodyRegion,
    Day,
    Kind,
    Phase,
    Sex,
    Slot,
)

MAIN_LIFT_MAX_REPS = 8
"""Inferred main lift: at least 3 sets of at most this many reps (issue: 3 sets of 4-8 reps)."""

RacePriority = Literal["A", "B", "C"]


def _calendar_date(value: Any) -> Any:
    """A TOML local date (2026-09-07), or the same written as a string; nothing else."""
    if type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise value_error("must be a date written YYYY-MM-DD (e.g. 2026-09-07)")


def _week_range(value: Any) -> Any:
    ok = (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 1 <= value[0] <= value[1]
    )
    if not ok:
        raise value_error(
            "must be [first, last] with 1 <= first <= last (plan weeks counted from [plan] "
            "start, e.g. weeks = [1, 4])"
        )
    return tuple(value)


CalendarDate = Annotated[date, BeforeValidator(_calendar_date)]
WeekRange = Annotated[
    tuple[int, int],
    BeforeValidator(_week_range),
    Field(json_schema_extra={"hint": "[first, last] (plan weeks, from 1)"}),
]


class Athlete(TomlModel):
    """[athlete]: heart-rate landmarks and time zone; each optional (estimated from data)."""

    sex: Sex | None = None
    hr_max: Whole | None = Field(None, ge=120, le=230)
    hr_rest: Whole | None = Field(None, ge=25, le=110)
    hr_threshold: Whole | None = Field(None, ge=80, le=225)
    timezone: NonEmpty | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise value_error(
                    'is not a known IANA time zone; use e.g. "Europe/Berlin"'
                ) from None
        return value

    @model_validator(mode="after")
    def _threshold_between_rest_and_max(self) -> Self:
        t = self.hr_threshold
        if t is not None and self.hr_max is not None and t >= self.hr_max:
            raise key_error("hr_threshold", f"= {t} must be below hr_max = {self.hr_max}")
        if t is not None and self.hr_rest is not None and t <= self.hr_rest:
            raise key_error("hr_threshold", f"= {t} must be above hr_rest = {self.hr_rest}")
        return self


class PlanSettings(TomlModel):
    """[plan]: the phase and the week's targets before adjustment."""

    phase: Phase
    weekly_km: Number | None = Field(None, gt=0, le=500, json_schema_extra={"unit": "km"})
    long_run_km: Number | None = Field(None, gt=0, le=100, json_schema_extra={"unit": "km"})
    start: CalendarDate | None = None
    race_date: CalendarDate | None = None

    @field_validator("start")
    @classmethod
    def _start_on_monday(cls, value: date | None) -> date | None:
        if value is not None and value.weekday() != 0:
            raise value_error(f"is a {value:%A}; the plan starts on a Monday")
        return value

    @model_validator(mode="after")
    def _race_after_start(self) -> Self:
        if self.start and self.race_date and self.race_date <= self.start:
            raise key_error("race_date", f"= {self.race_date} must be after start = {self.start}")
        return self


class Race(TomlModel):
    """One [[race]]: the race is a session of its week; its priority decides the taper."""

    date: CalendarDate
    name: NonEmpty | None = None
    distance_km: Number | None = Field(None, gt=0, le=250, json_schema_extra={"unit": "km"})
    priority: RacePriority = "A"

    def label(self) -> str:
        """e.g. "City half (A, 21.1 km) on 2026-12-06"."""
        what = self.name or "race"
        size = f", {self.distance_km:g} km" if self.distance_km is not None else ""
        return f"{what} ({self.priority}{size}) on {self.date}"


def _did_you_mean(given: str, known: Iterable[str]) -> str:
    """ "; did you mean 'squat'?" for the closest FIT names, else how to find them."""
    close = difflib.get_close_matches(given, sorted(known), n=3, cutoff=0.6)
    if close:
        return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "; use the names of Garmin's FIT profile (e.g. squat, deadlift, lunge, plyo)"


class Exercise(TomlModel):
    """One exercise of a lift session: a prescription of sets × reps at a load."""

    name: NonEmpty
    sets: Whole = Field(ge=1, le=10)
    reps: Whole = Field(ge=1, le=50)
    load_kg: Number | None = Field(None, ge=0, le=500, json_schema_extra={"unit": "kg"})
    rest_s: Whole | None = Field(None, ge=0, le=900)
    pct_1rm: Number | None = Field(None, gt=0.3, le=1.0)
    main: bool | None = Field(None, strict=True)
    region: BodyRegion | None = None
    category: NonEmpty | None = None
    fit_name: NonEmpty | None = None

    def __init__(
        self,
        name: str | None = None,
        sets: int | None = None,
        reps: int | None = None,
        /,
        **data: Any,
    ) -> None:
        """`Exercise("back squat", 3, 6, load_kg=80)`: name, sets and reps may be positional."""
        given = {"name": name, "sets": sets, "reps": reps}
        super().__init__(**{k: v for k, v in given.items() if v is not None}, **data)

    @field_validator("name")
    @classmethod
    def _stripped(cls, value: str) -> str:
        return value.strip()

    @field_validator("category")
    @classmethod
    def _a_fit_category(cls, category: str | None) -> str | None:
        """Garmin's FIT name (a typo would match no recorded set and tell the watch nothing)."""
        catalogue = fit_catalogue()
        if category is not None and category not in catalogue:
            raise ValueError("is not a FIT exercise category" + _did_you_mean(category, catalogue))
        return category

    @field_validator("fit_name")
    @classmethod
    def _a_fit_name_of_its_category(cls, fit_name: str | None, info: ValidationInfo) -> str | None:
        if fit_name is None:
            return None
        if "category" not in info.data:
            return fit_name  # the category itself was refused: that error is the one to fix
        category = info.data["category"]
        if category is None:
            raise ValueError("needs the category it belongs to (category = …)")
        names = fit_catalogue()[category]
        if fit_name not in names:
            raise ValueError(
                f"is not a FIT exercise of category {category!r}" + _did_you_mean(fit_name, names)
            )
        return fit_name

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

    @property
    def loads_legs(self) -> bool:
        """Lower body, full body or plyometric."""
        return self.region in LEG_REGIONS


class PlanSession(TomlModel):
    """One [[session]] of the template week."""

    day: Day
    kind: Kind
    type: NonEmpty | None = None
    km: Number | None = Field(None, gt=0, le=100, json_schema_extra={"unit": "km"})
    minutes: Number | None = Field(None, gt=0, le=600, json_schema_extra={"unit": "minutes"})
    slot: Slot | None = None
    weeks: WeekRange | None = None
    exercises: tuple[Exercise, ...] = Field((), alias="exercise")

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Self:
        allowed = {"run": RUN_TYPES, "lift": LIFT_TYPES}.get(self.kind)
        if allowed is not None and self.type is None:
            raise key_error(None, f"type is missing; add type = one of {', '.join(allowed)}")
        if allowed is not None and self.type not in allowed:
            raise key_error(
                "type", f"= {show(self.type)} is not allowed; use one of: {', '.join(allowed)}"
            )
        if self.kind == "rest" and self.type is not None:
            raise key_error("type", "is not used by a rest session; remove it")
        if self.km is not None and self.kind != "run":
            raise key_error("km", f"is only for runs; remove it from this {self.kind} session")
        if self.minutes is not None and self.kind == "rest":
            raise key_error("minutes", "is not used by a rest session; remove it")
        if self.exercises and self.kind != "lift":
            raise key_error("exercise", f"is only for lift sessions, not a {self.kind} session")
        return self

    def in_week(self, plan_week: int | None) -> bool:
        """Whether the session belongs to plan week `plan_week` (None: no week counting)."""
        if self.weeks is None or plan_week is None:
            return True
        return self.weeks[0] <= plan_week <= self.weeks[1]


class Block(TomlModel):
    """One [[block]]: a phase lasting several plan weeks, with optional targets."""

    weeks: WeekRange
    phase: Phase
    name: NonEmpty | None = None
    weekly_km: Number | None = Field(None, gt=0, le=500, json_schema_extra={"unit": "km"})
    long_run_km: Number | None = Field(None, gt=0, le=100, json_schema_extra={"unit": "km"})


class Plan(TomlModel):
    """A whole plan file: `settings` is the [plan] table."""

    athlete: Athlete = Athlete()
    settings: PlanSettings = Field(
        alias="plan", json_schema_extra={"hint": 'with at least phase = "base"'}
    )
    races: tuple[Race, ...] = Field((), alias="race")
    blocks: tuple[Block, ...] = Field((), alias="block")
    sessions: tuple[PlanSession, ...] = Field((), alias="session")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.sessions:
            raise key_error(None, "has no [[session]]; add one [[session]] per session of the week")
        if self.settings.start is None:
            for where, weeks in [(("block", i), b.weeks) for i, b in enumerate(self.blocks)] + [
                (("session", i), s.weeks) for i, s in enumerate(self.sessions)
            ]:
                if weeks is not None:
                    raise key_error(
                        "weeks", "needs [plan] start (the Monday of week 1) to count weeks", where
                    )
        for i, race in enumerate(self.races):
            for j, other in enumerate(self.races[:i]):
                if race.date == other.date:
                    raise key_error(
                        "date",
                        f"= {race.date} is the day of [[race]] #{j + 1} too; one race a day",
                        ("race", i),
                    )
        for i, block in enumerate(self.blocks):
            for j, other in enumerate(self.blocks[:i]):
                if block.weeks[0] <= other.weeks[1] and other.weeks[0] <= block.weeks[1]:
                    raise key_error(
                        "weeks",
                        f"= {list(block.weeks)} overlaps [[block]] #{j + 1} (weeks "
                        f"{list(other.weeks)}); each plan week belongs to at most one block",
                        ("block", i),
                    )
        _check_week_targets(self)
        return self

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

    @property
    def all_races(self) -> tuple[Race, ...]:
        """The [[race]] tables, and `race_date` as an A race of unknown distance (unless a
        [[race]] is on that day), by date."""
        races = list(self.races)
        race_date = self.settings.race_date
        if race_date is not None and all(r.date != race_date for r in races):
            races.append(Race(date=race_date, priority="A"))
        return tuple(sorted(races, key=lambda r: (r.date, r.priority)))


def _check_week_targets(plan: Plan) -> None:
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
            raise key_error(
                None,
                f"{where}, a {missing_km[0].type} run on {missing_km[0].day} has no "
                "km; give each run km = … or set [plan] weekly_km",
            )
        longs = [s for s in runs if s.type == "long"]
        others = [s for s in runs if s.type != "long"]
        if weekly_km is not None and long_km is not None and longs and others:
            if long_km * len(longs) >= weekly_km:
                raise key_error(
                    None,
                    f"{where}, long_run_km = {long_km:g} leaves nothing of "
                    f"weekly_km = {weekly_km:g} for the other runs; lower long_run_km",
                )


# ---------------------------------------------------------------------------------------------
# Reading


def parse_plan(text: str, *, source: str | None = None) -> Plan:
    """Parse and validate plan TOML text; `source` (a path) prefixes every error message."""
    return load_toml_model(Plan, text, source=source, label=_label)


def _label(table: TablePath, data: dict[str, Any]) -> str:
    """`plan file`, `[plan]`, `[[session]] #3 (mon lift)`, `[[session]] #3 (mon lift) exercise #1`."""
    label = table_label(table, root="plan file")
    if len(table) >= 2 and table[0] == "session" and isinstance(table[1], int):
        sessions = data.get("session")
        raw = sessions[table[1]] if isinstance(sessions, list) else None
        if isinstance(raw, dict):
            head = table_label(table[:2])
            label = label.replace(head, f"{head} ({raw.get('day', '?')} {raw.get('kind', '?')})")
    return label


# ---------------------------------------------------------------------------------------------
# Writing


def plan_to_toml(plan: Plan) -> str:
    """Write `plan` as TOML that `parse_plan` reads back to an equal Plan (comments are lost)."""
    out: list[str] = []
    athlete = _pairs(plan.athlete)
    if athlete:
        out += ["[athlete]", *athlete, ""]
    out += ["[plan]", *_pairs(plan.settings), ""]
    for race in plan.races:
        out += ["[[race]]", *_pairs(race), ""]
    for block in plan.blocks:
        out += ["[[block]]", *_pairs(block), ""]
    for session in plan.sessions:
        out += ["[[session]]", *_pairs(session), ""]
        for exercise in session.exercises:
            out += ["[[session.exercise]]", *_pairs(exercise), ""]
    return "\n".join(out)


def _pairs(model: TomlModel) -> list[str]:
    """`key = value` lines of the model's set scalar fields, in declaration order."""
    lines = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None or (
            isinstance(value, tuple) and value and isinstance(value[0], TomlModel)
        ):
            continue
        if isinstance(value, tuple) and not value and name != "weeks":
            continue
        lines.append(f"{info.alias or name} = {_toml_value(value)}")
    return lines


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
