"""The DuckDB warehouse: opening it safely, migrating it, and (re)creating its views."""

from runlift_sync.db.connection import open_reader, open_writer

__all__ = ["open_reader", "open_writer"]
