"""The adjusted week the coach returns, and its JSON form (the issue's contract)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from rules.plan import Exercise
from rules.session import Session
from rules.vocab import Phase
from rules.week import Change


@dataclass(frozen=True)
class AdjustedWeek:
    """Next week's plan after every rule, with the changes and the signals they used."""

    week_start: date
    phase: Phase
    sessions: tuple[Session, ...]
    changes: tuple[Change, ...]
    signals: dict[str, Any]
    """Summary of the measured signals (JSON-ready), incl. `missing` and `notes`."""
    plan_week: int | None = None

    @property
    def planned_km(self) -> float:
        """Running km of the adjusted week."""
        return round(float(sum(s.km or 0.0 for s in self.sessions if s.is_run)), 1)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract as plain data (keys in contract order)."""
        return {
            "week_start": self.week_start.isoformat(),
            "phase": self.phase,
            "planned_km": self.planned_km,
            "sessions": [session_to_dict(s) for s in self.sessions],
            "changes": [change_to_dict(c) for c in self.changes],
            "signals": _jsonable(self.signals),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Deterministic JSON: the same week always gives the same bytes."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)


def change_to_dict(change: Change) -> dict[str, Any]:
    """One change in the contract's shape."""
    return {"rule": change.rule, "message": change.message, "evidence": _jsonable(change.evidence)}


def session_to_dict(session: Session) -> dict[str, Any]:
    """One session in the contract's shape."""
    return {
        "date": session.date.isoformat(),
        "day": session.day,
        "kind": session.kind,
        "type": session.type,
        "km": None if session.km is None else round(float(session.km), 1),
        "minutes": None if session.minutes is None else round(float(session.minutes), 1),
        "slot": session.slot,
        "exercises": [_exercise_to_dict(e) for e in session.exercises],
    }


def _exercise_to_dict(exercise: Exercise) -> dict[str, Any]:
    """An exercise of the JSON contract; its FIT `category`/`fit_name` only when the plan
    names them (so the stored week pushes and matches the same FIT exercise)."""
    data: dict[str, Any] = {
        "name": exercise.name,
        "sets": exercise.sets,
        "reps": exercise.reps,
        "load_kg": None if exercise.load_kg is None else round(float(exercise.load_kg), 2),
        "rest_s": exercise.rest_s,
    }
    fit = {"category": exercise.category, "fit_name": exercise.fit_name}
    return data | {key: value for key, value in fit.items() if value is not None}


def session_from_dict(data: dict[str, Any]) -> Session:
    """A session read back from the JSON contract (e.g. the stored previous week)."""
    return Session(
        date=date.fromisoformat(data["date"]),
        kind=data["kind"],
        type=data.get("type"),
        km=data.get("km"),
        minutes=data.get("minutes"),
        slot=data.get("slot"),
        exercises=tuple(
            Exercise(
                name=e["name"],
                sets=e["sets"],
                reps=e["reps"],
                load_kg=e.get("load_kg"),
                rest_s=e.get("rest_s"),
                category=e.get("category"),
                fit_name=e.get("fit_name"),
            )
            for e in data.get("exercises", [])
        ),
    )


def sessions_from_json(text: str) -> tuple[Session, ...]:
    """The sessions of a week stored as the JSON contract (`AdjustedWeek.to_json`)."""
    return tuple(session_from_dict(s) for s in json.loads(text)["sessions"])


def _jsonable(value: Any) -> Any:
    """Evidence values made JSON-safe and stable: floats rounded, dates as ISO text."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
