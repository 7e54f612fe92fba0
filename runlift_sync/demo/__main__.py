"""``python -m runlift_sync.demo``: write a demo season to a folder and print its summary."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from rich.console import Console

from runlift_sync.demo.generate import generate_season
from runlift_sync.errors import RunliftError


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, generate, print the summary; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m runlift_sync.demo", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="the watch mount to create")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--weeks", type=int, default=16)
    parser.add_argument(
        "--start",
        type=date.fromisoformat,
        default=None,
        help="Monday of week 1 (default: the season ends this Sunday; next week is the week after today)",
    )
    parser.add_argument("--workers", type=int, default=None, help="processes (default: auto)")
    parser.add_argument(
        "--overwrite", action="store_true", help="replace an existing GARMIN folder under --out"
    )
    args = parser.parse_args(argv)
    console = Console()
    try:
        summary = generate_season(
            args.out,
            seed=args.seed,
            weeks=args.weeks,
            start=args.start,
            workers=args.workers,
            overwrite=args.overwrite,
        )
    except RunliftError as error:
        console.print(f"[red]error:[/red] {error}")
        return 2
    console.print(
        f"wrote {len(summary.paths)} FIT files ({summary.records:,} records) to "
        f"{summary.mount} in {summary.seconds:.1f} s — {summary.start} to {summary.end}, "
        f"seed {summary.seed}"
    )
    console.print(", ".join(f"{k} {v}" for k, v in summary.counts.items()), soft_wrap=True)
    console.print(summary.table(), markup=False, highlight=False, soft_wrap=True)
    console.print(f"demo plan for the week of {summary.next_week_start}: {summary.plan_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
