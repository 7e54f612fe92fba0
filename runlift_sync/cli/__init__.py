"""The `runlift` command line."""

from runlift_sync.cli.app import app

__all__ = ["app"]
