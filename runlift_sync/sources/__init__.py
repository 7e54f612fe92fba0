"""Sources of FIT files: a folder, a zip export, a USB-mounted watch, Garmin Connect.

Each source hands over `SourceFile`s: where the bytes came from and how to read them. What is
new is decided by content hash against the warehouse, never by "when did we last run".
"""

from runlift_sync.sources.base import SourceFile, discover

__all__ = ["SourceFile", "discover"]
