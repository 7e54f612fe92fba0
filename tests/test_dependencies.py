"""pyproject.toml declares what the code imports, and nothing it does not.

Every third-party module imported by the package (`runlift_sync`, `rules`, `pipelines`) comes
from a runtime dependency; the tests and benchmarks may also use the dev group. A declared
dependency nobody imports is either listed below with the reason, or gone.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ("runlift_sync", "rules", "pipelines", "warehouse")
#: Ours: the packages, and the helper modules tests and benchmarks import by their bare name.
FIRST_PARTY = {
    *PACKAGE,
    "tests",
    "bench",
    *(path.stem for folder in ("tests", "bench") for path in (ROOT / folder).rglob("*.py")),
}
#: Imported directly, but installed and pinned by another dependency (pydantic pins its core).
PROVIDED_BY = {"pydantic-core": "pydantic"}

#: Declared but never imported, on purpose.
NOT_IMPORTED = {
    "tzdata": "zoneinfo's time zones on machines without a system database (Windows)",
    "pytest-xdist": "a pytest plugin (`-n 2`)",
    "ruff": "the linter, run as a command",
}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

    def names(specs: list[str]) -> set[str]:
        return {normalise(re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0]) for spec in specs}

    return (
        names(project["project"]["dependencies"]),
        names(project["dependency-groups"]["dev"]),
    )


def imported(folders: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    """(top-level module, file) of every absolute import in the .py files under `folders`."""
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in FIRST_PARTY:
                        yield top, path


def distributions(folders: tuple[str, ...]) -> dict[str, str]:
    """Distribution → a file that imports it."""
    owners = packages_distributions()
    found: dict[str, str] = {}
    for module, path in imported(folders):
        for dist in owners.get(module, [module]):
            name = PROVIDED_BY.get(normalise(dist), normalise(dist))
            found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def test_the_package_imports_only_runtime_dependencies() -> None:
    runtime, _ = declared()
    missing = {d: f for d, f in distributions(PACKAGE).items() if d not in runtime}
    assert missing == {}, "declare these under [project] dependencies (`uv add …`)"


def test_tests_and_benchmarks_import_only_declared_dependencies() -> None:
    runtime, dev = declared()
    missing = {d: f for d, f in distributions(("tests", "bench")).items() if d not in runtime | dev}
    assert missing == {}, "declare these in the dev group (`uv add --dev …`)"


def test_every_dependency_is_imported_somewhere() -> None:
    runtime, dev = declared()
    used = set(distributions((*PACKAGE, "tests", "bench")))
    unused = (runtime | dev) - used - set(NOT_IMPORTED)
    assert unused == set(), "imported nowhere: remove them (`uv remove …`) or say why above"
