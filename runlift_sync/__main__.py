"""`python -m runlift_sync` runs the CLI."""

from runlift_sync.cli import app

app()
