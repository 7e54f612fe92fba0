"""rules/ is plain Python: it imports nothing of runlift_sync, no rich, no database, no network."""

from __future__ import annotations

import ast
from pathlib import Path

import rules

FORBIDDEN = ("runlift_sync", "rich", "duckdb", "polars", "requests", "httpx", "prefect", "typer")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_rules_imports_nothing_of_runlift_sync_nor_rendering() -> None:
    folder = Path(rules.__file__).parent
    files = sorted(folder.rglob("*.py"))
    assert len(files) > 10
    for path in files:
        for name in _imports(path):
            assert name.split(".")[0] not in FORBIDDEN, f"{path.relative_to(folder)}: {name}"
