"""Point 7: text in brackets or colons is printed as written, never taken for rich markup."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.conftest import invoke, write_runs


def test_toml_section_names_in_errors(tmp_path: Path, warehouse: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('athlete = "me"\n\n[plan]\nfoo_bar = 1\n')
    result = invoke("--config", str(config), "status")
    assert result.exit_code == 1
    assert "plan" in result.output
    plan = tmp_path / "plan.toml"
    assert invoke("plan", "init", "--template", "base", "--out", str(plan)).exit_code == 0
    plan.write_text(plan.read_text().replace("[plan]\n", "[plan]\nfoo_bar = 1\n", 1))
    result = invoke("plan", "next", "--plan", str(plan))
    assert result.exit_code == 1, result.output
    assert "[plan]: foo_bar is not a known key" in result.output


def test_help_texts_keep_their_brackets() -> None:
    result = invoke("profile", "--help")
    assert "[athlete] section" in result.output
    result = invoke("--help")
    assert "  section" not in result.output


def test_data_with_markup_in_tables_and_messages(
    tmp_path: Path, warehouse: Path, env: dict[str, str]
) -> None:
    folder = tmp_path / "[athlete] :x:"
    write_runs(folder, 1)
    (folder / "[red]junk :x:.fit").write_bytes(b"junk" * 10)
    result = invoke("import", "--no-refresh", str(folder))
    assert result.exit_code == 2, result.output
    assert "[red]junk :x:.fit" in result.output
    assert "❌" not in result.output
    result = invoke("--athlete", "[bold]me", "import", "--no-refresh", str(folder))
    result = invoke("--athlete", "[bold]me", "status")
    assert result.exit_code == 0, result.output
    assert "[bold]me" in result.output and "[red]junk :x:.fit" in result.output
    result = invoke("sql", "SELECT '[athlete]' AS a, ':x:' AS b", "-f", "table")
    assert "[athlete]" in result.output and ":x:" in result.output
