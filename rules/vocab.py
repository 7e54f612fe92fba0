"""The closed vocabularies of the coach (days, kinds, session types, phases) in one place."""

from __future__ import annotations

from typing import Literal, get_args

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Kind = Literal["run", "lift", "rest"]
RunType = Literal["easy", "recovery", "long", "tempo", "intervals"]
LiftType = Literal["lower", "upper", "full"]
Phase = Literal["base", "build", "in_season", "taper"]
Slot = Literal["am", "pm"]
Sex = Literal["female", "male"]
Intensity = Literal["easy", "hard"]
BodyRegion = Literal["lower", "upper", "core", "full", "plyometric"]

DAYS: tuple[Day, ...] = get_args(Day)
KINDS: tuple[Kind, ...] = get_args(Kind)
RUN_TYPES: tuple[RunType, ...] = get_args(RunType)
LIFT_TYPES: tuple[LiftType, ...] = get_args(LiftType)
PHASES: tuple[Phase, ...] = get_args(Phase)
SLOTS: tuple[Slot, ...] = get_args(Slot)
SEXES: tuple[Sex, ...] = get_args(Sex)
BODY_REGIONS: tuple[BodyRegion, ...] = get_args(BodyRegion)

RACE = "race"
"""The run type of a race in the planned week (from the plan's [[race]] tables, never written
as a [[session]] type)."""

QUALITY_RUN_TYPES: frozenset[str] = frozenset({"tempo", "intervals"})
"""Quality sessions: the hard runs a plan writes (what 80/20, fatigue cuts and recovery weeks
may turn easy)."""

HARD_RUN_TYPES: frozenset[str] = QUALITY_RUN_TYPES | {RACE}
"""Run types that make a day hard (`rules.hard_days`)."""

KEY_RUN_TYPES: frozenset[str] = frozenset({"tempo", "intervals", "long", RACE})
"""Run types the legs need to be fresh for (legs-before-key-run)."""

LOWER_BODY_LIFT_TYPES: frozenset[str] = frozenset({"lower", "full"})
"""Lift types that load the legs."""

LEG_REGIONS: frozenset[str] = frozenset({"lower", "full", "plyometric"})
"""Exercise body regions that load the legs (a lift with one is lower-body)."""
