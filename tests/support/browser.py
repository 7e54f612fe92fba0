"""Opening a review page in a real browser: Debian's Chromium driven by Playwright.

`find_chromium()` looks for the browser (RUNLIFT_CHROMIUM, /usr/bin/chromium, chromium or
chromium-browser on PATH); tests skip, saying so, only when none is installed — and fail
instead when RUNLIFT_REQUIRE_BROWSER is set (CI installs it and sets that: `.ci/run`). Playwright's own browser download is never used. `inspect_page` loads a page
at one viewport width and reports what a person would see: console errors, every network
request attempted, the marks drawn in each visible chart, the changes listed with their
evidence, and whether anything overflows the screen; it saves a full-page screenshot in
`ARTIFACTS` (tests/artifacts/review/, git-ignored; RUNLIFT_TEST_ARTIFACTS to move it).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("RUNLIFT_TEST_ARTIFACTS", ROOT / "tests" / "artifacts")) / "review"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = (1280, 390)


def find_chromium() -> str | None:
    """The Chromium executable, or None when none is installed."""
    candidates = [os.environ.get("RUNLIFT_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@dataclass
class PageReport:
    """What the browser saw of one page at one width."""

    width: int
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    charts: dict[str, int] = field(default_factory=dict)
    """Visible chart (data-chart) → marks drawn with a non-empty box."""
    changes: list[dict[str, Any]] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    """Elements wider than the screen (outside the scroll boxes meant for that)."""
    screenshot: Path | None = None
    opened_by_tag: bool = False
    """Clicking a rule's tag in the week opened that change."""


COLLECT = """() => {
  const visible = (el) => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().width > 0;
  const charts = {};
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (!visible(svg)) continue;
    const marks = [...svg.querySelectorAll('.mark')].filter((m) => {
      const box = m.getBBox();
      return box.width > 0 || box.height > 0;
    });
    const key = svg.dataset.chart;
    charts[key] = (charts[key] || 0) + marks.length;
  }
  const changes = [...document.querySelectorAll('details.change')].map((d) => ({
    id: d.id,
    rule: d.dataset.rule,
    tag: d.querySelector('summary .tag').textContent.trim(),
    message: d.querySelector('summary .message').textContent.trim(),
    evidence: [...d.querySelectorAll('.evidence tbody tr')].map((tr) => tr.textContent.trim()),
  }));
  const width = document.documentElement.clientWidth;
  const overflow = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.scroll') || el.closest('svg')) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
      overflow.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className : ''));
    }
  }
  if (document.documentElement.scrollWidth > width + 1) overflow.push('document');
  return {charts, changes, overflow};
}"""


def inspect_page(browser: Any, page_path: Path, width: int, name: str) -> PageReport:
    """Open `page_path` at `width` px, collect what was seen, save `<name>-<width>.png`."""
    report = PageReport(width)
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.on(
        "console",
        lambda m: (
            report.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda e: report.console.append(f"pageerror: {e}"))
    page.on("request", lambda r: report.requests.append(r.url))
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    seen = page.evaluate(COLLECT)
    report.charts, report.changes, report.overflow = (
        seen["charts"],
        seen["changes"],
        seen["overflow"],
    )
    tag = page.locator("table.week a.tag").first
    if tag.count():
        target = tag.get_attribute("href") or ""
        tag.click()
        report.opened_by_tag = page.evaluate(f"document.querySelector('{target}').open")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report.screenshot = ARTIFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(report.screenshot), full_page=True)
    context.close()
    return report


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium for one test; skips only when none is installed.

    Per test, not per session: while Playwright's sync API is open an asyncio loop runs under
    the test's code, and Prefect (flows called from other tests) would then hand back
    coroutines instead of running."""
    executable = find_chromium()
    if executable is None:
        reason = (
            "no Chromium found (/usr/bin/chromium, chromium, chromium-browser or "
            "RUNLIFT_CHROMIUM): install it with `apt-get install -y chromium` (CI does)"
        )
        if os.environ.get("RUNLIFT_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
