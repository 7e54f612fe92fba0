"""The run order of the rules (each a pure `(signals, draft, policy) -> (draft, changes)`)."""

from __future__ import annotations

from collections.abc import Callable

from rules.policy import Policy
from rules.rulebook.eighty_twenty import eighty_twenty
from rules.rulebook.fatigue_flags import fatigue_flags
from rules.rulebook.heavy_lifting_progression import heavy_lifting_progression
from rules.rulebook.legs_before_key_run import legs_before_key_run
from rules.rulebook.lifting_by_phase import lifting_by_phase, taper_lifting
from rules.rulebook.mileage_ramp import mileage_ramp
from rules.rulebook.missed_sessions import missed_sessions
from rules.rulebook.one_stressor import one_stressor
from rules.rulebook.race_recovery import race_recovery
from rules.rulebook.scheduled_recovery import scheduled_recovery
from rules.rulebook.taper import taper
from rules.signals import Signals
from rules.week import DraftWeek, RuleResult

Rule = Callable[[Signals, DraftWeek, Policy], RuleResult]

RULES: tuple[tuple[str, Rule], ...] = (
    ("lifting-by-phase", lifting_by_phase),
    ("heavy-lifting-progression", heavy_lifting_progression),
    ("lifting-by-phase", taper_lifting),
    ("missed-sessions", missed_sessions),
    ("race-recovery", race_recovery),
    ("scheduled-recovery", scheduled_recovery),
    ("taper", taper),
    ("mileage-ramp", mileage_ramp),
    ("one-stressor", one_stressor),
    ("fatigue-flags", fatigue_flags),
    ("eighty-twenty", eighty_twenty),
    ("legs-before-key-run", legs_before_key_run),
)
"""Run order (see the `rules` package docstring for why)."""
