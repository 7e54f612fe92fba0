"""The review page tests' browser (Chromium, skipped only when none is installed)."""

from tests.support.browser import browser  # noqa: F401  (the fixture)
