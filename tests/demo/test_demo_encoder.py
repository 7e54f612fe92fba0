"""The memoising encoder writes exactly what Garmin's stock encoder writes."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from garmin_fit_sdk import Encoder

from runlift_sync.demo import fit_writer
from runlift_sync.demo.physiology import Athlete
from runlift_sync.demo.recording import render_lift, render_run
from runlift_sync.demo.season import simulate_season
from runlift_sync.demo.specs import LiftSpec, RunSpec
from runlift_sync.fit import encode

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def week() -> list[RunSpec | LiftSpec]:
    return list(simulate_season(Athlete(), date(2026, 3, 2), 1, seed=11).activities)


def test_caching_encoder_matches_the_stock_encoder(
    week: list[RunSpec | LiftSpec], monkeypatch: pytest.MonkeyPatch
) -> None:
    athlete = Athlete()
    rendered = [
        (fit_writer.encode_run, render_run(athlete, a))
        if isinstance(a, RunSpec)
        else (fit_writer.encode_lift, render_lift(athlete, a))
        for a in week
    ]
    fast = [encode(r, BERLIN) for encode, r in rendered]
    monkeypatch.setattr(encode, "CachingEncoder", Encoder)
    stock = [encode(r, BERLIN) for encode, r in rendered]
    assert fast == stock
    assert len(fast) == 8  # the last story week: 6 runs (3 hard) and 2 lifts
