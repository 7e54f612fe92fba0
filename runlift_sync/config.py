"""Settings: the config file (TOML), RUNLIFT_* environment variables and CLI flags, resolved once.

Precedence: command-line flag > environment variable > config file > built-in default.
Built at the entry point (CLI, flow) and passed down; never created at import time.

```toml
# ~/.config/runlift/config.toml (or --config PATH / RUNLIFT_CONFIG)
athlete = "me"                        # default athlete for every command
warehouse = "~/runlift/runlift.duckdb"  # optional

[athletes.me]                         # heart-rate landmarks; estimated from data when absent
timezone = "Europe/Berlin"
sex = "female"                        # female | male (TRIMP constants)
hr_max = 188
hr_rest = 48
hr_threshold = 172                    # lactate-threshold HR

[sources]                             # what `runlift sync` / the nightly flow reads
watch = "auto"                        # a mount point, "auto" to look for one, or absent
folders = ["~/Downloads/garmin"]
garmin = false                        # Garmin Connect (needs `runlift login`)

[schedule]
cron = "30 3 * * *"                   # nightly, in the athlete's time zone

[coach]                               # what the nightly flow plans next week from
plan = "~/runlift/plan.toml"          # `runlift plan init --template base` writes one
policy = "~/runlift/policy.toml"      # optional: your thresholds over rules/policy.toml
push = ["watch", "garmin", "ics"]     # optional: the nightly flow pushes the accepted week
ics = "~/runlift/week.ics"            # optional: where `push = ["ics"]` writes
```
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from runlift_sync.errors import ConfigError

APP = "runlift"
DEFAULT_ATHLETE = "me"
DEFAULT_CRON = "30 3 * * *"


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_warehouse_path() -> Path:
    return Path(platformdirs.user_data_dir(APP)) / "runlift.duckdb"


def default_token_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "garmin-tokens"


class AthleteConfig(BaseModel):
    """One athlete's landmarks and time zone, as written in the config file."""

    model_config = ConfigDict(extra="forbid")

    timezone: str | None = None
    sex: Literal["female", "male"] | None = None
    hr_max: int | None = Field(default=None, ge=120, le=240)
    hr_rest: int | None = Field(default=None, ge=25, le=110)
    hr_threshold: int | None = Field(default=None, ge=90, le=230)


class SourcesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    watch: str | None = None
    folders: list[str] = Field(default_factory=list)
    garmin: bool = False


class ScheduleConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cron: str = DEFAULT_CRON
    timezone: str | None = None


PushTarget = Literal["watch", "garmin", "ics"]


class CoachConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan: str | None = None
    policy: str | None = None
    push: list[PushTarget] = Field(default_factory=list)
    ics: str | None = None


class ConfigFile(BaseModel):
    """The whole config file."""

    model_config = ConfigDict(extra="forbid")

    athlete: str | None = None
    warehouse: str | None = None
    athletes: dict[str, AthleteConfig] = Field(default_factory=dict)
    sources: SourcesConfig = Field(default_factory=SourcesConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    coach: CoachConfig = Field(default_factory=CoachConfig)


def load_config_file(path: Path) -> ConfigFile:
    """Parse and validate a config file; a missing default file is an empty config."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ConfigFile()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc}); fix the file and run again", path=path) from exc
    try:
        config = ConfigFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}", path=path) from exc
    for name, athlete in config.athletes.items():
        if athlete.timezone is not None:
            check_timezone(athlete.timezone, where=f"athletes.{name}.timezone", path=path)
    return config


def check_timezone(name: str, *, where: str, path: Path | None = None) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"{where}: unknown time zone {name!r}; use an IANA name such as 'Europe/Berlin'",
            path=path,
        ) from exc


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know about where things are and who the athlete is."""

    warehouse: Path
    athlete: str
    config_path: Path
    config: ConfigFile = field(default_factory=ConfigFile)
    lock_timeout_s: float = 30.0
    workers: int = 0  # 0 = all cores
    token_dir: Path = field(default_factory=default_token_dir)

    @property
    def warehouse_dir(self) -> Path:
        return self.warehouse.parent

    @property
    def athlete_config(self) -> AthleteConfig:
        return self.config.athletes.get(self.athlete, AthleteConfig())

    @property
    def timezone(self) -> str | None:
        return self.athlete_config.timezone

    @property
    def plan_path(self) -> Path | None:
        """The plan file of `[coach] plan` (RUNLIFT_PLAN overrides), or None."""
        chosen = _env("PLAN") or self.config.coach.plan
        return Path(chosen).expanduser() if chosen else None

    @property
    def push_ics_path(self) -> Path:
        """The calendar file the nightly push writes (`[coach] ics`; default beside the
        warehouse)."""
        chosen = self.config.coach.ics
        return Path(chosen).expanduser() if chosen else self.warehouse_dir / "runlift-week.ics"

    @property
    def policy_path(self) -> Path | None:
        """The policy file of `[coach] policy` (RUNLIFT_POLICY overrides), or None."""
        chosen = _env("POLICY") or self.config.coach.policy
        return Path(chosen).expanduser() if chosen else None


def _env(name: str) -> str | None:
    value = os.environ.get(f"RUNLIFT_{name}")
    return value if value else None


def resolve_settings(
    *,
    warehouse: Path | None = None,
    athlete: str | None = None,
    config: Path | None = None,
) -> Settings:
    """Settings from flags (given here), RUNLIFT_* env vars, the config file, and defaults."""
    config_env = _env("CONFIG")
    config_path = config or (Path(config_env) if config_env else default_config_path())
    config_path = config_path.expanduser()
    if config is not None and not config_path.exists():
        raise ConfigError("config file not found; check the path given to --config", path=config)
    config_file = load_config_file(config_path)
    warehouse_env = _env("WAREHOUSE")
    chosen = (
        warehouse
        or (Path(warehouse_env) if warehouse_env else None)
        or (Path(config_file.warehouse) if config_file.warehouse else None)
        or default_warehouse_path()
    )
    timeout_env = _env("LOCK_TIMEOUT")
    workers_env = _env("WORKERS")
    token_env = _env("TOKEN_DIR")
    try:
        lock_timeout = float(timeout_env) if timeout_env else 30.0
        workers = int(workers_env) if workers_env else 0
    except ValueError as exc:
        raise ConfigError(
            f"RUNLIFT_LOCK_TIMEOUT / RUNLIFT_WORKERS must be numbers ({exc})"
        ) from exc
    return Settings(
        warehouse=chosen.expanduser().resolve(),
        athlete=athlete or _env("ATHLETE") or config_file.athlete or DEFAULT_ATHLETE,
        config_path=config_path,
        config=config_file,
        lock_timeout_s=lock_timeout,
        workers=workers,
        token_dir=Path(token_env).expanduser() if token_env else default_token_dir(),
    )
