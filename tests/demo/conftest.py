"""Fixtures for the demo generator tests: one short season per session, decoded once."""

from __future__ import annotations

from pathlib import Path

import pytest
from demo_support import SEED, START, WEEKS, Messages, decode

from runlift_sync.demo import SeasonSummary, generate_season


@pytest.fixture(scope="session")
def season(tmp_path_factory: pytest.TempPathFactory) -> SeasonSummary:
    """The last 8 weeks of the story (base, build ×3, recovery, overreach ×3), written once."""
    mount = tmp_path_factory.mktemp("watch")
    return generate_season(mount, seed=SEED, weeks=WEEKS, start=START, workers=1)


@pytest.fixture(scope="session")
def decoded(season: SeasonSummary) -> dict[Path, Messages]:
    """Every file of the season, decoded by Garmin's decoder."""
    return {path: decode(path) for path in season.paths}
