"""Plan files: the issue's contract parses, files round-trip, every bad field is named."""

from __future__ import annotations

import re
from datetime import date

import pytest

from rules.io import list_templates, load_plan, render_template, template_text
from rules.plan import Exercise, parse_plan, plan_to_toml
from runlift_sync.errors import ConfigError

ISSUE_EXAMPLE = """\
[athlete]            # optional; estimated from data when absent
sex = "female"       # TRIMP constants
hr_max = 188
hr_rest = 48
timezone = "Europe/Berlin"

[plan]
phase = "base"       # base | build | in_season | taper
weekly_km = 40       # the target for the coming week, before adjustment
long_run_km = 16
start = 2026-09-07   # optional: Monday of week 1 (multi-week templates, scheduled recovery)
race_date = 2027-04-11   # optional: drives the taper

[[session]]          # the template week; one entry per session
day = "tue"          # mon … sun
kind = "run"         # run | lift | rest
type = "intervals"   # run: easy | recovery | long | tempo | intervals ; lift: lower | upper | full
km = 10              # runs
minutes = 45         # lifts (runs optional)
slot = "am"          # optional: am | pm

[[session]]
day = "sat"
kind = "run"
type = "long"
km = 16

[[session]]
day = "mon"
kind = "lift"
type = "lower"
minutes = 40
slot = "pm"

  [[session.exercise]]
  name = "back squat"
  sets = 3
  reps = 6
  load_kg = 80
  rest_s = 150
"""


def test_issue_example_parses_with_every_contract_name() -> None:
    plan = parse_plan(ISSUE_EXAMPLE)
    assert plan.athlete.sex == "female"
    assert (plan.athlete.hr_max, plan.athlete.hr_rest) == (188, 48)
    assert plan.athlete.timezone == "Europe/Berlin"
    s = plan.settings
    assert (s.phase, s.weekly_km, s.long_run_km) == ("base", 40.0, 16.0)
    assert (s.start, s.race_date) == (date(2026, 9, 7), date(2027, 4, 11))
    intervals, long_run, legs = plan.sessions
    assert (
        intervals.day,
        intervals.kind,
        intervals.type,
        intervals.km,
        intervals.minutes,
        intervals.slot,
    ) == ("tue", "run", "intervals", 10.0, 45.0, "am")
    assert long_run.slot is None
    assert legs.exercises == (Exercise("back squat", 3, 6, load_kg=80.0, rest_s=150),)
    assert legs.exercises[0].is_main  # 3 sets of <= 8 reps, not plyometric or core


@pytest.mark.parametrize("name", list_templates())
def test_templates_round_trip(name: str) -> None:
    plan = parse_plan(template_text(name))
    assert parse_plan(plan_to_toml(plan)) == plan


def test_issue_example_round_trips() -> None:
    plan = parse_plan(ISSUE_EXAMPLE)
    assert parse_plan(plan_to_toml(plan)) == plan


def test_shipped_templates() -> None:
    assert {"base", "in_season", "heavy_block_12wk"} <= set(list_templates())
    base = parse_plan(template_text("base"))
    base_lifts = [s for s in base.sessions if s.kind == "lift"]
    assert len(base_lifts) == 3 and all(
        s.minutes is not None and s.minutes <= 45 for s in base_lifts
    )
    season = parse_plan(template_text("in_season"))
    season_lifts = [s for s in season.sessions if s.kind == "lift"]
    assert len(season_lifts) == 2 and all(s.minutes and 20 <= s.minutes <= 40 for s in season_lifts)
    block = parse_plan(template_text("heavy_block_12wk"))
    assert [(b.weeks, b.phase) for b in block.blocks] == [
        ((1, 4), "base"),
        ((5, 8), "build"),
        ((9, 12), "in_season"),
    ]
    assert block.settings.start is not None and block.last_week == 12


def test_render_template_sets_dates_and_keeps_comments() -> None:
    text = render_template("heavy_block_12wk", start=date(2027, 1, 4), race_date=date(2027, 6, 6))
    plan = parse_plan(text)
    assert plan.settings.start == date(2027, 1, 4)
    assert plan.settings.race_date == date(2027, 6, 6)
    assert "start = 2027-01-04       # Monday of week 1" in text
    assert "# runlift plan template" in text


def test_render_template_adds_race_date_when_the_template_has_none() -> None:
    text = render_template("base", race_date=date(2027, 5, 2))
    assert parse_plan(text).settings.race_date == date(2027, 5, 2)


def test_unknown_template_lists_the_choices() -> None:
    with pytest.raises(ConfigError, match="base, heavy_block_12wk, in_season"):
        template_text("marathon")


def test_render_template_refuses_a_start_that_is_not_a_monday() -> None:
    with pytest.raises(ConfigError, match="start = 2027-01-05 is a Tuesday"):
        render_template("base", start=date(2027, 1, 5))


def test_load_plan_reads_a_file_and_names_it_in_errors(tmp_path) -> None:
    good = tmp_path / "plan.toml"
    good.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    assert load_plan(good).settings.weekly_km == 40.0
    bad = tmp_path / "bad.toml"
    bad.write_text(ISSUE_EXAMPLE.replace('phase = "base"', 'phase = "offseason"'))
    with pytest.raises(ConfigError, match=re.escape(str(bad))):
        load_plan(bad)
    with pytest.raises(ConfigError, match="plan file not found"):
        load_plan(tmp_path / "missing.toml")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# (replace this, with that, the error must contain these, the line holding this text)
BAD_FIELDS = [
    (
        'phase = "base"',
        'phase = "offseason"',
        ['[plan]: phase = "offseason" is not allowed', "base, build, in_season, taper"],
        'phase = "offseason"',
    ),
    (
        'day = "tue"',
        'day = "tuesday"',
        ["[[session]] #1", "day", "mon, tue, wed"],
        'day = "tuesday"',
    ),
    (
        'type = "intervals"',
        'type = "fartlek"',
        ["type", "easy, recovery, long, tempo, intervals"],
        'type = "fartlek"',
    ),
    (
        'type = "lower"',
        'type = "legs"',
        ["[[session]] #3 (mon lift)", "lower, upper, full"],
        'type = "legs"',
    ),
    ("km = 10 ", "km = -3 ", ["km = -3 must be more than 0"], "km = -3"),
    ('slot = "am"', 'slot = "noon"', ["slot", "am, pm"], 'slot = "noon"'),
    (
        "minutes = 45 ",
        "distance = 45 ",
        ["distance is not a known key", "day, kind, type, km"],
        "distance = 45",
    ),
    (
        "start = 2026-09-07",
        "start = 2026-09-08",
        ["start = 2026-09-08 is a Tuesday"],
        "start = 2026-09-08",
    ),
    (
        "race_date = 2027-04-11",
        "race_date = 2026-01-01",
        ["race_date", "must be after start"],
        "race_date = 2026-01-01",
    ),
    (
        "race_date = 2027-04-11",
        'race_date = "next spring"',
        ["race_date", "YYYY-MM-DD"],
        "race_date =",
    ),
    ("hr_rest = 48", "hr_rest = 120", ["hr_rest = 120 must be at most 110"], "hr_rest"),
    (
        "hr_rest = 48",
        "hr_rest = 48\nhr_threshold = 190",
        ["hr_threshold = 190 must be below hr_max = 188"],
        "hr_threshold",
    ),
    ("hr_max = 188", 'hr_max = "high"', ["hr_max", "whole number"], "hr_max"),
    (
        'timezone = "Europe/Berlin"',
        'timezone = "Mars/Olympus"',
        ["not a known IANA time zone"],
        "timezone",
    ),
    ('sex = "female"', 'sex = "f"', ["sex", "female, male"], 'sex = "f"'),
    ("sets = 3", "sets = 0", ["exercise #1", "sets = 0 must be at least 1"], "sets = 0"),
    ("load_kg = 80", "load_kg = 800", ["load_kg = 800 must be at most 500"], "load_kg"),
    ("rest_s = 150", "rest_s = 1.5", ["rest_s = 1.5 must be a whole number"], "rest_s"),
    (
        "long_run_km = 16",
        "long_run_km = 40",
        ["long_run_km = 40 leaves nothing of weekly_km = 40"],
        None,
    ),
]


@pytest.mark.parametrize(("old", "new", "expected", "line_text"), BAD_FIELDS)
def test_each_bad_field_names_itself_and_its_line(
    old: str, new: str, expected: list[str], line_text: str | None
) -> None:
    assert old in ISSUE_EXAMPLE
    text = ISSUE_EXAMPLE.replace(old, new, 1)
    with pytest.raises(ConfigError) as info:
        parse_plan(text, source="plan.toml")
    message = str(info.value)
    assert message.startswith("plan.toml: ")
    for part in expected:
        assert part in message
    if line_text is not None:
        assert f"line {_line_of(text, line_text)}:" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[plan]\nphase = 'base'\n", "has no [[session]]"),
        ('[[session]]\nday = "mon"\nkind = "rest"\n', "has no [plan] table"),
        ("[plan\nphase = 'base'", "not valid TOML"),
        (
            '[plan]\nphase = "base"\nweekly_km = 30\n[[session]]\nday = "mon"\nkind = "rest"\n'
            'type = "easy"\n',
            "type is not used by a rest session",
        ),
        (
            '[plan]\nphase = "base"\n[[session]]\nday = "mon"\nkind = "lift"\ntype = "full"\n'
            "km = 5\n",
            "km is only for runs",
        ),
        (
            '[plan]\nphase = "base"\n[[session]]\nday = "mon"\nkind = "run"\ntype = "easy"\n'
            "km = 5\n[[session.exercise]]\nname = 'squat'\nsets = 3\nreps = 5\n",
            "exercise is only for lift sessions",
        ),
        (
            '[plan]\nphase = "base"\n[[session]]\nday = "mon"\nkind = "run"\ntype = "easy"\n'
            "km = 5\nweeks = [1, 4]\n",
            "weeks needs [plan] start",
        ),
        (
            '[plan]\nphase = "base"\nstart = 2026-09-07\n[[session]]\nday = "mon"\nkind = "run"\n'
            'type = "easy"\nkm = 5\nweeks = [4, 1]\n',
            "weeks = [4, 1] must be [first, last]",
        ),
        (
            '[plan]\nphase = "base"\nstart = 2026-09-07\n[[block]]\nweeks = [1, 4]\nphase = "base"'
            '\n[[block]]\nweeks = [4, 8]\nphase = "build"\n[[session]]\nday = "mon"\nkind = "rest"\n',
            "overlaps [[block]] #1",
        ),
        (
            '[plan]\nphase = "base"\n[[session]]\nday = "mon"\nkind = "run"\ntype = "easy"\n',
            "has no km; give each run km",
        ),
        (
            '[plan]\nweekly_km = 3\n[[session]]\nday = "mon"\nkind = "rest"\n',
            "phase is missing; add phase = one of base",
        ),
        ('[plans]\nphase = "base"\n', "plans is not a known key here"),
        (
            '[plan]\nphase = "base"\n[[race]]\ndate = 2026-12-06\n[[race]]\ndate = 2026-12-06\n'
            '[[session]]\nday = "mon"\nkind = "rest"\n',
            "line 6: [[race]] #2: date = 2026-12-06 is the day of [[race]] #1 too",
        ),
        (
            '[plan]\nphase = "base"\n[[race]]\ndate = 2026-12-06\npriority = "D"\n'
            '[[session]]\nday = "mon"\nkind = "rest"\n',
            'priority = "D" is not allowed; use one of: A, B, C',
        ),
    ],
)
def test_structural_errors(text: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(expected)):
        parse_plan(text)


def test_syntax_error_carries_tomllib_line() -> None:
    with pytest.raises(ConfigError, match=r"line 3"):
        parse_plan('[plan]\nphase = "base"\nweekly_km = = 3\n')


def test_exercise_extension_fields_and_main_inference() -> None:
    text = ISSUE_EXAMPLE + (
        '\n  [[session.exercise]]\n  name = "box jump"\n  sets = 3\n  reps = 5\n'
        '  region = "plyometric"\n'
        '\n  [[session.exercise]]\n  name = "lunge"\n  sets = 3\n  reps = 8\n  main = false\n'
        '\n  [[session.exercise]]\n  name = "front squat"\n  sets = 2\n  reps = 5\n'
        "  pct_1rm = 0.85\n  main = true\n"
    )
    exercises = parse_plan(text).sessions[2].exercises
    assert [e.is_main for e in exercises] == [True, False, False, True]
    assert exercises[1].is_plyometric
    assert exercises[3].pct_1rm == 0.85
