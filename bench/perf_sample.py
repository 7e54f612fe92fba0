"""The perf sample: 16 files of the shared corpus, chosen by a fixed rule (issue 14 §2).

    uv run python bench/perf_sample.py [--corpus DIR]   # prints the files

Rule: the corpus files fitparse 1.2.0 reads whole (CATALOGUE.tsv `parses_fitparse` = yes),
ordered by size then path, and from them the 16 at evenly spaced ranks (the smallest, the
largest and 14 between), so the sample spans small monitoring files to multi-megabyte rides
the way a real import does. Nothing random: every run, every machine, the same 16 files.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

SAMPLE_SIZE = 16
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "fit-corpus"


def perf_sample(corpus: Path = DEFAULT_CORPUS, size: int = SAMPLE_SIZE) -> list[Path]:
    """The sample's files, smallest first."""
    with (corpus / "CATALOGUE.tsv").open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["parses_fitparse"] == "yes"]
    ranked = sorted(rows, key=lambda r: (int(r["bytes"]), r["file"]))
    last = len(ranked) - 1
    picked = [ranked[round(i * last / (size - 1))] for i in range(size)]
    return [corpus / r["file"] for r in picked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    files = perf_sample(args.corpus)
    total = sum(p.stat().st_size for p in files)
    for path in files:
        print(f"{path.stat().st_size:>10,}  {path.relative_to(args.corpus)}")
    print(f"{len(files)} files, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
