"""Benchmark: the week's review page on the demo warehouse — size and time to make it.

    uv run python bench/review_page.py [--warehouse FILE] [--weeks 16] [--repeat 5] [--browser]

Without --warehouse it simulates the demo season (`runlift demo`'s steps: watch, import,
model, the 4 weeks before and the planned week) in a temporary directory first. Then it makes
the page of the planned week `--repeat` times and prints, per phase, the median seconds:
compliance (rebuilding plan_compliance), gather (reading the warehouse), build (the HTML and
its charts, pure) and write; and the page's size. With --browser it also opens the page in
Chromium (/usr/bin/chromium) at 1280 and 390 px and prints the time to load and draw it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runlift_sync.coach.compliance_store import refresh_compliance
from runlift_sync.coach.week_store import load_week
from runlift_sync.config import AthleteConfig, Settings
from runlift_sync.db import open_writer
from runlift_sync.demo import Athlete, generate_season
from runlift_sync.demo.workflow import DEMO_ATHLETE, demo_settings, model_and_plan
from runlift_sync.ingest import import_paths
from runlift_sync.review.page import build_page
from runlift_sync.review.review_data import gather_review_data
from runlift_sync.review.review_file import write_page


def demo_warehouse(folder: Path, weeks: int) -> Settings:
    athlete = Athlete()
    settings = demo_settings(
        folder / "demo.duckdb",
        AthleteConfig(
            timezone=athlete.timezone,
            sex=athlete.sex,
            hr_max=athlete.hr_max,
            hr_rest=athlete.hr_rest,
            hr_threshold=athlete.lthr,
        ),
    ).settings
    season = generate_season(folder / "watch", weeks=weeks, overwrite=True)
    import_paths(settings, [season.mount])
    model_and_plan(settings, season)
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path)
    parser.add_argument("--athlete", default=DEMO_ATHLETE)
    parser.add_argument("--weeks", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="runlift-bench-review-") as tmp:
        if args.warehouse is None:
            started = time.perf_counter()
            settings = demo_warehouse(Path(tmp), args.weeks)
            print(
                f"demo warehouse ({args.weeks} weeks) made in {time.perf_counter() - started:.1f} s"
            )
            warehouse, athlete = settings.warehouse, settings.athlete
        else:
            warehouse, athlete = args.warehouse, args.athlete
        out = Path(tmp) / "review.html"
        timings: dict[str, list[float]] = {"compliance": [], "gather": [], "build": [], "write": []}
        size = 0
        with open_writer(warehouse) as con:
            week = load_week(con, athlete, None, version="shown")
            if week is None:
                sys.exit(f"no stored week for {athlete!r} in {warehouse}")
            today = dt.date.today()
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                refresh_compliance(con, athlete, today)
                t1 = time.perf_counter()
                data = gather_review_data(con, athlete, week, today=today)
                t2 = time.perf_counter()
                html = build_page(data)
                t3 = time.perf_counter()
                size = write_page(out, html)
                t4 = time.perf_counter()
                for name, seconds in zip(
                    timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True
                ):
                    timings[name].append(seconds)
        total = sum(statistics.median(v) for v in timings.values())
        print(f"week of {week.week_start} ({week.shown_as}): {size / 1024:.0f} KB")
        for name, values in timings.items():
            print(
                f"  {name:<10} {statistics.median(values) * 1000:7.0f} ms (median of {len(values)})"
            )
        print(f"  {'total':<10} {total * 1000:7.0f} ms")
        if args.browser:
            browse(out)


def browse(page: Path) -> None:
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM_ARGS, find_chromium

    executable = find_chromium()
    if executable is None:
        print("no Chromium: skipped the browser timing")
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for width in (1280, 390):
            tab = browser.new_page(viewport={"width": width, "height": 900})
            started = time.perf_counter()
            tab.goto(page.as_uri(), wait_until="load")
            tab.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
            print(
                f"  browser {width:>4} px: loaded and drawn in {(time.perf_counter() - started) * 1000:.0f} ms"
            )
            tab.close()
        browser.close()


if __name__ == "__main__":
    main()
