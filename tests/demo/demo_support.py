"""Shared constants and helpers for the demo generator tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from garmin_fit_sdk import Decoder, Stream

# Monday 2 March 2026: 8 weeks crossing the switch to summer time (29 March) in Berlin.
START = date(2026, 3, 2)
WEEKS = 8
SEED = 7

Messages = dict[str, list[dict[str, Any]]]


def decode(path: Path) -> Messages:
    """Messages of a FIT file by Garmin's decoder, timestamps as FIT seconds."""
    decoder = Decoder(Stream.from_file(str(path)))
    messages, errors = decoder.read(convert_datetimes_to_dates=False)
    assert errors == [], f"{path}: {errors}"
    return messages


def activities(decoded: dict[Path, Messages], sport: str) -> list[tuple[Path, Messages]]:
    """Decoded activity files of one sport, in time order."""
    return sorted(
        (p, m)
        for p, m in decoded.items()
        if "session_mesgs" in m and m["session_mesgs"][0]["sport"] == sport
    )
