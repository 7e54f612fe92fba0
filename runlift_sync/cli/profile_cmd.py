"""`runlift profile`: the heart-rate landmarks and zones in use, and where each came from."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from runlift_sync.cli.context import console, friendly_errors, state
from runlift_sync.errors import ConfigError, WarehouseError

if TYPE_CHECKING:
    from runlift_sync.model.athlete_profile import AthleteProfile

SOURCE_STYLE = {"plan": "cyan", "config": "green", "estimated": "yellow", "default": "red"}


def plan_athlete_section(path: Path) -> dict[str, Any]:
    """The ``[athlete]`` table of a plan file (empty when it has none)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("plan file not found; check the path given to --plan", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc}); fix the file and run again", path=path) from exc
    section = data.get("athlete", {})
    if not isinstance(section, dict):
        raise ConfigError("[athlete] must be a table", path=path)
    return section


def print_profile(profile: AthleteProfile) -> None:
    table = Table(title=f"landmarks of {escape(profile.athlete)}", box=None)
    for column in ("landmark", "value", "source", "how"):
        table.add_column(column)
    units = {"hr_max": " bpm", "hr_rest": " bpm", "hr_threshold": " bpm"}
    for name, mark in profile.landmarks().items():
        value = "—" if mark.value is None else f"{mark.value}{units.get(name, '')}"
        style = SOURCE_STYLE.get(mark.source, "")
        table.add_row(name, value, f"[{style}]{escape(mark.source)}[/]", escape(mark.detail or ""))
    console.print(table)
    zones = profile.zones
    lthr = zones.vt2
    three = Table(title="3 zones (VT1 = 90 % LTHR, VT2 = LTHR)", box=None)
    three.add_column("zone")
    three.add_column("bpm", justify="right")
    three.add_row("Z1 easy (below VT1)", f"< {zones.vt1}")
    three.add_row("Z2 moderate (VT1–VT2)", f"{zones.vt1}–{lthr - 1}")
    three.add_row("Z3 hard (≥ VT2)", f"≥ {lthr}")
    console.print(three)
    five = Table(title="5 zones (Friel, % of LTHR)", box=None)
    five.add_column("zone")
    five.add_column("bpm", justify="right")
    b = zones.z5_from
    five.add_row("Z1 recovery (< 85 %)", f"< {b[0]}")
    five.add_row("Z2 aerobic (85–89 %)", f"{b[0]}–{b[1] - 1}")
    five.add_row("Z3 tempo (90–94 %)", f"{b[1]}–{b[2] - 1}")
    five.add_row("Z4 sub-threshold (95–99 %)", f"{b[2]}–{b[3] - 1}")
    five.add_row("Z5 threshold and above (≥ 100 %)", f"≥ {b[3]}")
    console.print(five)
    a, c = profile.trimp_constants
    console.print(
        f"TRIMP constants ({profile.sex.value}): a = {a}, b = {c}. Set landmarks in the "
        f"config under [athletes.{profile.athlete}] or in a plan's [athlete] section.",
        highlight=False,
        markup=False,
    )


def register(app: typer.Typer) -> None:
    @app.command("profile")
    @friendly_errors
    def profile_command(
        ctx: typer.Context,
        plan: Annotated[
            Path | None, typer.Option(help="A plan TOML whose [athlete] section overrides.")
        ] = None,
    ) -> None:
        """Show the landmarks in use (max, resting and threshold HR, sex, time zone) and zones."""
        import duckdb

        from runlift_sync.db import open_reader
        from runlift_sync.model.refresh import current_profile

        settings = state(ctx).settings
        overrides = plan_athlete_section(plan) if plan is not None else None
        with open_reader(settings.warehouse, timeout_s=settings.lock_timeout_s) as con:
            try:
                profile = current_profile(con, settings, athlete_overrides=overrides)
            except duckdb.CatalogException as exc:
                raise WarehouseError(
                    f"this warehouse predates the training model ({exc}); run "
                    "`runlift refresh` once, then `runlift profile`"
                ) from exc
        print_profile(profile)
