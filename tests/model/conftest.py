"""Fixtures for the training model's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from runlift_sync.config import Settings
from tests.model.model_support import make_settings


@pytest.fixture
def model_settings(tmp_path: Path) -> Settings:
    """Settings of athlete "me" with given landmarks (LTHR 170) in Europe/Berlin."""
    return make_settings(tmp_path)
