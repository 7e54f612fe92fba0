"""The review page in a real browser (headless Chromium), at a laptop's and a phone's width:
no console error, no network request, every chart drawn, every change listed with its rule
and evidence, nothing wider than the screen. Screenshots: tests/artifacts/review/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from runlift_sync.review.page import build_page
from tests.review.every_change import CHANGES, review_data
from tests.support.browser import WIDTHS, PageReport, inspect_page

CHARTS = {
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


def check_page(report: PageReport, page: Path, charts: set[str]) -> None:
    """What every review page must pass in the browser."""
    assert report.console == [], report.console
    assert report.requests == [page.resolve().as_uri()], report.requests
    assert set(report.charts) == charts, report.charts
    empty = [key for key, marks in report.charts.items() if marks == 0]
    assert not empty, f"charts with nothing drawn: {empty}"
    assert report.overflow == [], report.overflow
    assert report.opened_by_tag
    assert report.screenshot is not None and report.screenshot.stat().st_size > 10_000


@pytest.mark.parametrize("width", WIDTHS)
def test_a_week_with_every_kind_of_change(browser: Any, tmp_path: Path, width: int) -> None:
    page = tmp_path / "every-change.review.html"
    page.write_text(build_page(review_data()), encoding="utf-8")
    report = inspect_page(browser, page, width, "every-change")
    check_page(report, page, CHARTS)
    assert [(c["rule"], c["tag"], c["message"]) for c in report.changes] == [
        (c.rule, c.rule, c.message) for c, _, _ in CHANGES
    ]
    for seen, (change, _, _) in zip(report.changes, CHANGES, strict=True):
        assert len(seen["evidence"]) >= len(change.evidence), seen


@pytest.mark.parametrize("width", WIDTHS)
def test_an_accepted_week(browser: Any, tmp_path: Path, width: int) -> None:
    page = tmp_path / "accepted.review.html"
    page.write_text(build_page(review_data(accepted=True)), encoding="utf-8")
    check_page(inspect_page(browser, page, width, "accepted"), page, CHARTS)
