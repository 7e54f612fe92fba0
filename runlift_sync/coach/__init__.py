"""The coach at runlift's edge: measured signals from the marts → `rules` → stored weeks."""
