"""The training model: runs classified easy/hard, lifting spotted, load, fitness and fatigue.

Pure polars transforms (one module per mart) fed by a thin I/O layer; the entry point is
`refresh_marts(con, settings)` (after every import), and `load_marts(con, athlete)` reads the
marts back as polars frames. Thresholds: `policy.ModelPolicy`; landmarks: `profile`.
"""

from runlift_sync.model.athlete_profile import AthleteProfile, Landmark, Zones
from runlift_sync.model.compute import MART_NAMES, Marts, ModelInputs, compute_marts
from runlift_sync.model.marts import load_marts
from runlift_sync.model.model_policy import DEFAULT_POLICY, ModelPolicy
from runlift_sync.model.refresh import AthleteRefresh, RefreshReport, refresh_marts

__all__ = [
    "DEFAULT_POLICY",
    "MART_NAMES",
    "AthleteProfile",
    "AthleteRefresh",
    "Landmark",
    "Marts",
    "ModelInputs",
    "ModelPolicy",
    "RefreshReport",
    "Zones",
    "compute_marts",
    "load_marts",
    "refresh_marts",
]
