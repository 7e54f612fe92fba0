"""Putting the planned week where the athlete trains: the watch, Garmin Connect, a calendar."""
