"""The review page built from data, without a browser: charts' arithmetic, the projection, and
the HTML of a week with every kind of change (self-contained, every change with its evidence)."""

from __future__ import annotations

import datetime as dt
import math
import re
from html import unescape

import pytest

from rules import Session
from runlift_sync.review.page import build_page, page_view
from runlift_sync.review.projection import LoadRates, load_rates, planned_load, project_fitness
from runlift_sync.review.review_data import FitnessDay, LoadSample
from runlift_sync.review.svg import Scale, nice_domain, tick_label, ticks
from tests.review.every_change import CHANGES, WEEK, review_data


def test_nice_domains_and_tick_labels() -> None:
    assert nice_domain(0, 71, 4) == (0, 80, 20)
    assert nice_domain(-36.7, 118.6, 4) == (-50, 150, 50)
    assert nice_domain(0, 10.4, 3) == (0, 15, 5)
    assert nice_domain(0, 9.6, 4) == (0, 10, 2.5)
    assert [tick_label(v, 2.5) for v in ticks(0, 10, 2.5)] == ["0", "2.5", "5", "7.5", "10"]
    assert [tick_label(v, 0.05) for v in ticks(0.9, 1.0, 0.05)] == ["0.9", "0.95", "1"]
    assert tick_label(-0.0, 1) == "0"
    scale = Scale((0, 80), (226, 24))  # data up, pixels down
    assert scale(0) == 226 and scale(80) == 24 and scale(40) == 125


def test_planned_load_comes_from_the_athletes_own_sessions() -> None:
    samples = [
        LoadSample("run", False, 10.0, 60.0, 80.0),  # 8 per km
        LoadSample("run", False, 8.0, 48.0, 80.0),  # 10 per km
        LoadSample("run", True, 10.0, 50.0, 150.0),  # 15 per km
        LoadSample("lift", False, None, 40.0, 36.0),  # 0.9 per minute
    ]
    rates = load_rates(samples)
    assert rates == LoadRates(
        easy_per_km=9.0, hard_per_km=15.0, lift_per_minute=0.9, lift_per_session=36.0
    )
    day = dt.date(2026, 11, 24)
    assert planned_load(Session(day, "run", "easy", km=10), rates) == 90.0
    assert planned_load(Session(day, "run", "intervals", km=10), rates) == 150.0
    assert planned_load(Session(day, "run", "race", km=10), rates) == 150.0
    assert planned_load(Session(day, "lift", "lower", minutes=30), rates) == pytest.approx(27.0)
    assert planned_load(Session(day, "lift", "upper"), rates) == 36.0
    assert planned_load(Session(day, "rest"), rates) == 0.0


def test_the_projection_continues_the_models_ewma_from_the_last_measured_day() -> None:
    anchor = FitnessDay(dt.date(2026, 11, 22), 50.0, 40.0, 60.0, -15.0)
    rates = LoadRates(10.0, 10.0, None, None)
    plan = [Session(dt.date(2026, 11, 23), "run", "easy", km=7)]  # 70 on Monday, 0 on Tuesday
    projection = project_fitness([anchor], plan, rates, dt.date(2026, 11, 24))
    assert projection is not None
    anchor_again, monday, tuesday = projection.days
    a42, a7 = 1 - math.exp(-1 / 42), 1 - math.exp(-1 / 7)
    assert anchor_again == anchor
    assert monday.load == 70.0
    assert monday.ctl == pytest.approx(40 + a42 * (70 - 40))
    assert monday.atl == pytest.approx(60 + a7 * (70 - 60))
    assert monday.tsb == pytest.approx(40 - 60)  # the morning's form: yesterday's CTL − ATL
    assert tuesday.ctl == pytest.approx(monday.ctl * (1 - a42))
    assert tuesday.tsb == pytest.approx(monday.ctl - monday.atl)
    assert project_fitness([], plan, rates, dt.date(2026, 11, 24)) is None


@pytest.fixture(scope="module")
def html() -> str:
    return build_page(review_data())


def test_every_change_is_listed_with_its_rule_message_and_evidence(html: str) -> None:
    for i, (change, _, _) in enumerate(CHANGES):
        block = re.search(
            rf'<details id="change-{i}" class="change" data-rule="{change.rule}">(.*?)</details>',
            html,
            re.S,
        )
        assert block, f"change {i} ({change.rule}) is not listed"
        text = unescape(block.group(1))
        assert f'<span class="tag r-{change.rule}">{change.rule}</span>' in text
        assert change.message in text
        for key in change.evidence:
            assert f'<th scope="row">{key.replace("_", " ")}' in text, (change.rule, key)
    assert '<th scope="row">values.sleep</th><td>6.6</td>' in html  # nested evidence, flattened
    assert '<th scope="row">restart pct</th><td>not measured</td>' in html


def test_the_week_shows_every_kind_of_change_day_by_day(html: str) -> None:
    kinds = re.findall(r'<tr class="([a-z-]+)(?: first)?" data-kind="\1">', html)
    assert {"same", "changed", "moved", "moved-away", "added", "removed"} <= set(kinds)
    view = page_view(review_data())
    days = sorted({row.date for row in view.rows})
    assert days == [WEEK + dt.timedelta(days=k) for k in range(7)]  # Monday to Sunday
    moved = next(r for r in view.rows if r.kind == "moved")
    assert moved.note == "moved from Mon 29 Mar pm"
    assert [rule for _, rule, _ in moved.changes] == [
        "heavy-lifting-progression",
        "one-stressor",
        "legs-before-key-run",
    ]
    removed = next(r for r in view.rows if r.kind == "removed")
    assert [rule for _, rule, _ in removed.changes] == ["lifting-by-phase"]
    race = next(r for r in view.rows if r.after and r.after.title == "Race")
    assert race.after is not None and race.after.tone == "hard" and race.after.detail == "21.1 km"


def test_the_page_is_self_contained_and_small(html: str) -> None:
    assert len(html.encode()) < 2 * 1024 * 1024
    urls = re.findall(r"https?://[^\"' <]*", html)
    assert urls == ["http://www.w3.org/2000/svg"] * html.count(
        "<svg "
    )  # a namespace, not a request
    assert not re.search(r'\b(src|href)="(?!#)', html)  # only in-page links
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html  # and the browser refuses any request anyway
    assert build_page(review_data()) == html  # same data, same bytes


def test_plan_and_reasons_are_readable_without_javascript(html: str) -> None:
    without_script = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    without_svg = re.sub(r"<svg .*?</svg>", "", without_script, flags=re.S)
    for change, _, _ in CHANGES:
        assert change.message in unescape(without_svg)
    assert "Back squat 2×5 @ 82.5 kg" not in without_svg  # exercises are lower case, as planned
    assert "back squat 2×5 @ 82.5 kg, rest 150 s" in without_svg
    assert (
        "runlift plan accept --week-start 2027-03-29 --reject legs-before-key-run" in without_svg
    )  # <noscript>


def test_every_chart_is_there_and_drawn_at_both_widths(html: str) -> None:
    charts = re.findall(r'<svg class="chart (wide|narrow)" data-chart="([a-z0-9-]+)"', html)
    keys = {key for _, key in charts}
    assert keys == {
        "fitness",
        "weekly-km",
        "hard-days",
        "hard-time",
        "lifting",
        "e1rm-1",
        "e1rm-2",
        "hrv",
        "resting-hr",
        "compliance",
    }
    for key in keys:
        assert ("wide", key) in charts and ("narrow", key) in charts
    assert "sleep: no sleep data" in html  # what was not measured is said, not drawn


def test_an_accepted_week_says_what_was_rejected_and_kept() -> None:
    page = build_page(review_data(accepted=True))
    assert '<span class="badge status-accepted" id="status">accepted</span>' in page
    assert "Accepted 2027-03-27 09:30 UTC, rejecting eighty-twenty, legs-before-key-run." in page
    assert "Kept by a hard constraint although its rule was rejected: legs-before-key-run" in page
    assert '<span class="tag kept">kept: hard constraint</span>' in page


def test_the_page_goes_beside_the_plan_file_unless_runlift_ships_that_plan(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from runlift_sync.demo import DEMO_PLAN
    from runlift_sync.review.review_file import review_path_for

    warehouse = tmp_path / "wh" / "runlift.duckdb"
    mine = tmp_path / "plans" / "plan.toml"
    assert review_path_for(mine, warehouse, WEEK) == tmp_path / "plans" / "plan.review.html"
    beside = tmp_path / "wh" / "runlift-2027-03-29.review.html"
    assert review_path_for(DEMO_PLAN, warehouse, WEEK) == beside  # never into the package
    assert review_path_for(None, warehouse, WEEK) == beside
