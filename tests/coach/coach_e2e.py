"""End-to-end coach scenarios: FIT histories written with Garmin's encoder, imported once with
`runlift import`, then planned with `runlift plan next --format json` on a copy per test.

The athlete: female, HR max 190, rest 50, LTHR 170 (VT1 153): runs at 140-148 bpm are easy,
work laps at 172-176 bpm hard. Runs are recorded every 10 s (small files, exact zone times).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from garmin_fit_sdk import Profile
from typer.testing import CliRunner

from runlift_sync.cli import app
from tests.support.fit_builder import Segment, SetDef, lift_file, run_file

runner = CliRunner()
BERLIN = ZoneInfo("Europe/Berlin")
WEEK = dt.date(2026, 3, 2)
"""The Monday most scenarios plan (Berlin is on UTC+1 all of February and early March)."""
CONFIG = """
athlete = "me"
[athletes.me]
timezone = "Europe/Berlin"
sex = "female"
hr_max = 190
hr_rest = 50
hr_threshold = 170
"""


def day(offset: int, week: dt.date = WEEK) -> dt.date:
    """`offset` days from the week's Monday (-1 = the Sunday before)."""
    return week + dt.timedelta(days=offset)


def at(on: dt.date, hour: int = 7) -> dt.datetime:
    return dt.datetime(on.year, on.month, on.day, hour, tzinfo=BERLIN)


def easy(on: dt.date, seconds: int = 2880, speed: float = 2.8, hr: int | None = 145) -> bytes:
    """An easy run: 2.8 m/s at 145 bpm (48 min: 8.06 km)."""
    return run_file(at(on), [Segment(seconds, speed, hr)], step_s=10)


def km_run(on: dt.date, km: float, hr: int | None = 145) -> bytes:
    """An easy run of about `km` km at 2.8 m/s (rounded to 10 s)."""
    seconds = round(km * 1000 / 2.8 / 10) * 10
    return easy(on, seconds=seconds, hr=hr)


def intervals(on: dt.date, hr: bool = True) -> bytes:
    """10 min warm-up, 6 × (4 min at 4.2 m/s, 174 bpm / 2 min jog), 10 min cool-down (laps)."""
    work, jog, calm = (174, 150, 140) if hr else (None, None, None)
    reps: list[Segment] = []
    for _ in range(6):
        reps += [Segment(240, 4.2, work, "active"), Segment(120, 2.4, jog, "rest")]
    return run_file(
        at(on),
        [Segment(600, 2.8, calm, "warmup"), *reps, Segment(600, 2.8, calm, "cooldown")],
        step_s=10,
    )


def tempo(on: dt.date) -> bytes:
    """15 min easy, 25 min at threshold (3.7 m/s, 168 bpm), 10 min easy."""
    return run_file(
        at(on), [Segment(900, 2.8, 145), Segment(1500, 3.7, 168), Segment(600, 2.8, 145)], step_s=10
    )


def race(on: dt.date, km: float) -> bytes:
    """A race: `km` at 3.5 m/s and 172 bpm."""
    seconds = round(km * 1000 / 3.5 / 10) * 10
    return run_file(at(on, 9), [Segment(seconds, 3.5, 172)], step_s=10)


def fit_subtype(category: str, name: str) -> int:
    """The FIT `category_subtype` number of an exercise name (the watch records numbers)."""
    names = Profile["types"][f"{category}_exercise_name"]
    return next(number for number, value in names.items() if value == name)


def lift(on: dt.date, sets: list[SetDef], hour: int = 18) -> bytes:
    return lift_file(at(on, hour), sets, step_s=10)


def leg_day(on: dt.date) -> bytes:
    """A heavy lower-body session in the evening: squats, deadlifts, lunges."""
    sets = [SetDef("squat", 5, 90.0, rest_s=150)] * 3 + [
        SetDef("deadlift", 5, 110.0, rest_s=150)
    ] * 3
    return lift(on, sets + [SetDef("lunge", 8, 30.0)] * 2)


def upper_day(on: dt.date) -> bytes:
    return lift(on, [SetDef("bench_press", 6, 50.0)] * 3 + [SetDef("row", 8, 40.0)] * 3)


def steady_weeks(first: dt.date, weeks: int) -> dict[str, bytes]:
    """Easy weeks of 4 × 8.06 km (Mon, Wed, Fri, Sun): 32.3 km a week."""
    files: dict[str, bytes] = {}
    for w in range(weeks):
        monday = first + dt.timedelta(weeks=w)
        for d in (0, 2, 4, 6):
            on = monday + dt.timedelta(days=d)
            files[f"run-{on}.fit"] = easy(on)
    return files


@dataclass(frozen=True)
class History:
    """A warehouse built once from FIT files; each test plans on its own copy."""

    root: Path

    @property
    def warehouse(self) -> Path:
        return self.root / "wh" / "runlift.duckdb"

    def copy(self, to: Path) -> Coach:
        (to / "wh").mkdir(parents=True)
        for file in self.warehouse.parent.glob("runlift.duckdb*"):
            shutil.copy2(file, to / "wh" / file.name)
        shutil.copy2(self.root / "config.toml", to / "config.toml")
        return Coach(to)


def import_history(root: Path, files: dict[str, bytes]) -> History:
    """Write the FIT files to a folder and `runlift import` them (the model is built too)."""
    folder = root / "watch-export"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (root / "config.toml").write_text(CONFIG)
    coach = Coach(root)
    result = runner.invoke(app, ["import", str(folder)], env=coach.env)
    assert result.exit_code == 0, result.output
    return History(root)


@dataclass(frozen=True)
class Coach:
    """`runlift` on one warehouse: plan weeks, read the JSON, query the marts."""

    root: Path

    @property
    def env(self) -> dict[str, str]:
        return {
            "RUNLIFT_CONFIG": str(self.root / "config.toml"),
            "RUNLIFT_WAREHOUSE": str(self.root / "wh" / "runlift.duckdb"),
            "RUNLIFT_WORKERS": "1",
        }

    def plan(self, plan: str, week: dt.date | None = WEEK, *, ok: bool = True) -> dict[str, Any]:
        """`runlift plan next --plan … --week-start WEEK --format json --no-refresh`; the JSON
        (or, with ok=False, {"exit_code", "output"} of a refused command)."""
        path = self.root / f"plan-{week}.toml"
        path.write_text(plan)
        args = ["plan", "next", "--plan", str(path), "--format", "json", "--no-refresh"]
        if week is not None:
            args += ["--week-start", str(week)]
        result = runner.invoke(app, args, env=self.env)
        if not ok:
            return {"exit_code": result.exit_code, "output": result.output}
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def sql(self, query: str) -> list[dict[str, Any]]:
        result = runner.invoke(app, ["sql", query, "--format", "json"], env=self.env)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


def plan_text(sessions: list[dict[str, Any]], *, head: str = "", phase: str = "base") -> str:
    """A plan file: [plan] with `phase` (and `head` lines), then one [[session]] each."""
    text = f'[plan]\nphase = "{phase}"\n{head}\n'
    for s in sessions:
        exercises = s.get("exercise", [])
        text += "\n[[session]]\n" + "".join(
            f"{k} = {json.dumps(v)}\n" for k, v in s.items() if k != "exercise"
        )
        for e in exercises:
            text += "\n  [[session.exercise]]\n" + "".join(
                f"  {k} = {json.dumps(v)}\n" for k, v in e.items()
            )
    return text


def races(*entries: dict[str, Any]) -> str:
    """[[race]] tables."""
    out = ""
    for r in entries:
        out += "\n[[race]]\n" + "".join(
            f"{k} = {v.isoformat() if isinstance(v, dt.date) else json.dumps(v)}\n"
            for k, v in r.items()
        )
    return out


def runs_of(week: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in week["sessions"] if s["kind"] == "run"]


def training_km(week: dict[str, Any]) -> float:
    """Planned km without races."""
    return round(sum(s["km"] or 0 for s in runs_of(week) if s["type"] != "race"), 1)


def change(week: dict[str, Any], rule: str) -> dict[str, Any]:
    found = [c for c in week["changes"] if c["rule"] == rule]
    assert found, f"no {rule} change in {[c['rule'] for c in week['changes']]}"
    return found[0]


def types_by_day(week: dict[str, Any]) -> dict[str, str]:
    return {s["day"]: s["type"] for s in runs_of(week)}


def quality(week: dict[str, Any]) -> list[str]:
    return [s["day"] for s in runs_of(week) if s["type"] in ("intervals", "tempo")]
