"""Settings: the config file (TOML), RUNLIFT_* environment variables and CLI flags, resolved once.

Precedence: command-line flag > environment variable > config file > built-in default.
`resolve_settings` builds one `Settings` at the entry point (CLI, flow) and it is passed down;
nothing is read at import time, nor afterwards. The RUNLIFT_* variables are read by
pydantic-settings (`RunliftEnvironment`), the config file by the pydantic models below through
`rules.toml_lines`, so a mistake is reported with the file, line, table, key and the values
allowed: `config.toml: line 7: [athletes.me]: sex = "f" is not allowed; use one of: female, male`.

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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from rules.toml_lines import TablePath, TomlModel, load_toml_model, toml_problems, value_error
from runlift_sync.errors import ConfigError

APP = "runlift"
DEFAULT_ATHLETE = "me"
DEFAULT_CRON = "30 3 * * *"
DEFAULT_LOCK_TIMEOUT_S = 30.0


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_warehouse_path() -> Path:
    return Path(platformdirs.user_data_dir(APP)) / "runlift.duckdb"


def default_token_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "garmin-tokens"


class AthleteConfig(TomlModel):
    """One athlete's landmarks and time zone, as written in the config file."""

    timezone: str | None = None
    sex: Literal["female", "male"] | None = None
    hr_max: int | None = Field(default=None, ge=120, le=240)
    hr_rest: int | None = Field(default=None, ge=25, le=110)
    hr_threshold: int | None = Field(default=None, ge=90, le=230)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str | None) -> str | None:
        if name is not None and not is_timezone(name):
            raise value_error("is not a known time zone; use an IANA name such as 'Europe/Berlin'")
        return name


class SourcesConfig(TomlModel):
    watch: str | None = None
    folders: list[str] = Field(default_factory=list)
    garmin: bool = False


class ScheduleConfig(TomlModel):
    cron: str = DEFAULT_CRON
    timezone: str | None = None


PushTarget = Literal["watch", "garmin", "ics"]


class CoachConfig(TomlModel):
    plan: str | None = None
    policy: str | None = None
    push: list[PushTarget] = Field(default_factory=list)
    ics: str | None = None


class ConfigFile(TomlModel):
    """The whole config file."""

    athlete: str | None = None
    warehouse: str | None = None
    athletes: dict[str, AthleteConfig] = Field(default_factory=dict)
    sources: SourcesConfig = Field(default_factory=SourcesConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    coach: CoachConfig = Field(default_factory=CoachConfig)


def _table_label(table: TablePath, _data: Any) -> str:
    """`[athletes.me]`, `[sources]`; the keys before the first table are "top level"."""
    return "[" + ".".join(str(part) for part in table) + "]" if table else "top level"


def load_config_file(path: Path) -> ConfigFile:
    """Parse and validate a config file; a missing default file is an empty config."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ConfigFile()
    return load_toml_model(ConfigFile, text, source=str(path), label=_table_label)


def is_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def check_timezone(name: str, *, where: str, path: Path | None = None) -> ZoneInfo:
    if not is_timezone(name):
        raise ConfigError(
            f"{where}: unknown time zone {name!r}; use an IANA name such as 'Europe/Berlin'",
            path=path,
        )
    return ZoneInfo(name)


class RunliftEnvironment(BaseSettings):
    """The RUNLIFT_* environment variables (an empty one counts as unset)."""

    model_config = SettingsConfigDict(env_prefix="RUNLIFT_", env_ignore_empty=True, frozen=True)

    config: Path | None = None
    warehouse: Path | None = None
    athlete: str | None = None
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT_S
    workers: int = 0
    token_dir: Path | None = None
    plan: Path | None = None
    policy: Path | None = None


def read_environment() -> RunliftEnvironment:
    """The RUNLIFT_* variables, validated; a wrong one is a ConfigError naming it."""
    try:
        return RunliftEnvironment()
    except ValidationError as exc:
        problem = toml_problems(exc, RunliftEnvironment)[0]
        raise ConfigError(
            f"RUNLIFT_{(problem.key or '').upper()} {problem.message}; fix or unset it"
        ) from None


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know about where things are and who the athlete is."""

    warehouse: Path
    athlete: str
    config_path: Path
    #: The config file as read, with RUNLIFT_PLAN / RUNLIFT_POLICY put over its [coach].
    config: ConfigFile = field(default_factory=ConfigFile)
    lock_timeout_s: float = DEFAULT_LOCK_TIMEOUT_S
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
        chosen = self.config.coach.plan
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
        chosen = self.config.coach.policy
        return Path(chosen).expanduser() if chosen else None


def resolve_settings(
    *,
    warehouse: Path | None = None,
    athlete: str | None = None,
    config: Path | None = None,
) -> Settings:
    """Settings from flags (given here), RUNLIFT_* env vars, the config file, and defaults."""
    env = read_environment()
    config_path = (config or env.config or default_config_path()).expanduser()
    if config is not None and not config_path.exists():
        raise ConfigError("config file not found; check the path given to --config", path=config)
    config_file = load_config_file(config_path)
    coach = config_file.coach.model_copy(
        update={
            name: str(value)
            for name, value in (("plan", env.plan), ("policy", env.policy))
            if value is not None
        }
    )
    chosen = (
        warehouse
        or env.warehouse
        or (Path(config_file.warehouse) if config_file.warehouse else None)
        or default_warehouse_path()
    )
    return Settings(
        warehouse=chosen.expanduser().resolve(),
        athlete=athlete or env.athlete or config_file.athlete or DEFAULT_ATHLETE,
        config_path=config_path,
        config=config_file.model_copy(update={"coach": coach}),
        lock_timeout_s=env.lock_timeout,
        workers=env.workers,
        token_dir=env.token_dir.expanduser() if env.token_dir else default_token_dir(),
    )
