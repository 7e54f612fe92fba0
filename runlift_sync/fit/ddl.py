"""Renders the DuckDB DDL of the raw tables from their specs (used to write migrations)."""

from __future__ import annotations

from runlift_sync.fit.tables import ALL_TABLES, COMMON_COLUMNS, TRAILING_COLUMNS, Table


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def render_table(table: Table) -> str:
    columns = [(n, t, d) for n, t, d in COMMON_COLUMNS]
    columns += [(col.name, col.dtype, col.doc) for col in table.columns]
    columns += list(TRAILING_COLUMNS)
    width = max(len(n) for n, _, _ in columns)
    body = ",\n".join(f"    {n.ljust(width)} {t}" for n, t, _ in columns)
    lines = [f"CREATE TABLE {table.name} (\n{body}\n);"]
    lines.append(f"COMMENT ON TABLE {table.name} IS {_quote(table.doc)};")
    for name, _, doc in columns:
        source = next((col for col in table.columns if col.name == name), None)
        text = doc
        if source is not None and source.derive is None:
            fields = ", ".join(source.sources)
            text = f"{doc + '; ' if doc else ''}FIT field {fields}"
        elif source is not None:
            text = f"{doc + '; ' if doc else ''}derived while decoding"
        lines.append(f"COMMENT ON COLUMN {table.name}.{name} IS {_quote(text)};")
    return "\n".join(lines)


def render_all() -> str:
    header = (
        "-- 002: raw tables, one per FIT message type, as decoded (rendered from\n"
        "-- runlift_sync/fit/tables.py by `python -m runlift_sync.fit.ddl`).\n"
        "-- Keys: (athlete, file_sha256, msg_index); fit_files holds the file.\n\n"
    )
    return header + "\n\n".join(render_table(t) for t in ALL_TABLES) + "\n"


if __name__ == "__main__":
    print(render_all(), end="")
