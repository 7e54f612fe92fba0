"""Where the demo athlete runs: closed loops in Berlin with GPS positions and altitude (pure)."""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass, field
from typing import Literal

RouteName = Literal["tiergarten", "tempelhof", "grunewald", "track"]

SEMICIRCLES_PER_DEGREE = 2**31 / 180.0
METRES_PER_DEGREE_LAT = 111_320.0
_POINTS = 720


@dataclass(frozen=True)
class Loop:
    """A closed loop parametrised by distance along it (metres), with a smooth altitude profile."""

    name: RouteName
    centre_lat: float
    centre_lon: float
    perimeter_m: float
    base_altitude_m: float
    hill_m: float
    shape: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    _cum: list[float] = field(default_factory=list, repr=False, compare=False)
    _xy: list[tuple[float, float]] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        a1, p1, a2, p2 = self.shape
        raw = []
        for i in range(_POINTS + 1):
            theta = 2 * math.pi * i / _POINTS
            radius = 1.0 + a1 * math.cos(theta + p1) + a2 * math.cos(2 * theta + p2)
            raw.append((radius * math.cos(theta) * 1.35, radius * math.sin(theta)))
        cum = [0.0]
        for (x0, y0), (x1, y1) in itertools.pairwise(raw):
            cum.append(cum[-1] + math.hypot(x1 - x0, y1 - y0))
        scale = self.perimeter_m / cum[-1]
        self._xy.extend((x * scale, y * scale) for x, y in raw)
        self._cum.extend(c * scale for c in cum)

    def altitude(self, distance_m: float) -> float:
        """Altitude (m) at a distance along the loop (periodic, so laps join up)."""
        phase = 2 * math.pi * (distance_m % self.perimeter_m) / self.perimeter_m
        return self.base_altitude_m + self.hill_m * (
            0.7 * math.sin(phase) + 0.3 * math.sin(3 * phase + 0.8)
        )

    def grade(self, distance_m: float) -> float:
        """Slope (rise / run) at a distance along the loop."""
        phase = 2 * math.pi * (distance_m % self.perimeter_m) / self.perimeter_m
        k = 2 * math.pi / self.perimeter_m
        return self.hill_m * k * (0.7 * math.cos(phase) + 0.9 * math.cos(3 * phase + 0.8))

    def position(self, distance_m: float) -> tuple[int, int]:
        """(lat, long) in FIT semicircles at a distance along the loop."""
        s = distance_m % self.perimeter_m
        i = min(len(self._cum) - 2, max(0, bisect.bisect_right(self._cum, s) - 1))
        span = self._cum[i + 1] - self._cum[i]
        f = (s - self._cum[i]) / span if span > 0 else 0.0
        x = self._xy[i][0] + f * (self._xy[i + 1][0] - self._xy[i][0])
        y = self._xy[i][1] + f * (self._xy[i + 1][1] - self._xy[i][1])
        lat = self.centre_lat + y / METRES_PER_DEGREE_LAT
        lon = self.centre_lon + x / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat)))
        return round(lat * SEMICIRCLES_PER_DEGREE), round(lon * SEMICIRCLES_PER_DEGREE)


ROUTES: dict[RouteName, Loop] = {
    "tiergarten": Loop("tiergarten", 52.5145, 13.3501, 4_300.0, 36.0, 2.0, (0.12, 0.4, 0.08, 1.1)),
    "tempelhof": Loop("tempelhof", 52.4733, 13.4039, 5_900.0, 46.0, 1.5, (0.05, 2.0, 0.06, 0.3)),
    "grunewald": Loop("grunewald", 52.4862, 13.2468, 7_800.0, 68.0, 22.0, (0.18, 1.3, 0.1, 2.2)),
    "track": Loop("track", 52.5420, 13.4040, 400.0, 40.0, 0.0, (0.0, 0.0, 0.0, 0.0)),
}
