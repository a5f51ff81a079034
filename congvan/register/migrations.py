"""Schema versions, applied in order inside the package, so a register made by an older
congvan opens after an upgrade.

Why a versioned table and not Alembic: a register has five tables and changes rarely;
each step is a plain function run in the same transaction as the version bump, identical
on SQLite and PostgreSQL, with nothing to configure (no alembic.ini or script folder to
ship and find at run time), and a register made by a *newer* congvan is refused instead
of being written by code that does not know its tables.

Rule for whoever adds version N+1: append a step; never edit an applied one.  (Step 1
creates tables from congvan.register.schema; when a later step alters one of them, step
1 must first be given that table's version-1 definition.)
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select

from congvan.register import schema
from congvan.register.errors import NotARegister

Step = Callable[[Connection], None]


def _v1_registers(conn: Connection) -> None:
    """The outgoing and incoming registers and the sequences (day_so)."""
    schema.metadata.create_all(conn, tables=[schema.thong_tin, schema.day_so,
                                             schema.van_ban_di, schema.van_ban_den])
    conn.execute(schema.thong_tin.insert(), [{"khoa": "ung_dung", "gia_tri": "congvan"},
                                             {"khoa": "schema_version", "gia_tri": "0"}])


def _v2_numbering_systems(conn: Connection) -> None:
    """Numbering systems chosen by configuration, stored so every văn thư shares them."""
    schema.metadata.create_all(conn, tables=[schema.he_thong_so])


STEPS: tuple[Step, ...] = (_v1_registers, _v2_numbering_systems)


def current_version(conn: Connection, where: str) -> int:
    """The schema version of the register behind ``conn``: 0 for an empty database."""
    tables = set(inspect(conn).get_table_names())
    if schema.thong_tin.name not in tables:
        ours = tables & schema.OWN_TABLES
        if ours or (tables and conn.dialect.name == "sqlite"):
            raise NotARegister(f"{where}: not a congvan register (it holds other tables: "
                               f"{', '.join(sorted(tables)[:5])})")
        return 0
    rows = dict(conn.execute(select(schema.thong_tin.c.khoa, schema.thong_tin.c.gia_tri)).all())
    if rows.get("ung_dung") != "congvan" or not rows.get("schema_version", "").isdigit():
        raise NotARegister(f"{where}: not a congvan register (no schema version)")
    return int(rows["schema_version"])


def upgrade(conn: Connection, where: str, steps: tuple[Step, ...] = STEPS) -> int:
    """Apply the missing steps in the caller's transaction; return the version reached.

    The caller holds the database's write lock (BEGIN IMMEDIATE, or an advisory lock on
    PostgreSQL), so two programs opening a new register at once create it once.
    """
    version = current_version(conn, where)
    if version > len(steps):
        raise NotARegister(f"{where}: made by a newer congvan (schema {version}, this one "
                           f"knows {len(steps)}); upgrade congvan to open it")
    for number in range(version + 1, len(steps) + 1):
        steps[number - 1](conn)
        conn.execute(schema.thong_tin.update()
                     .where(schema.thong_tin.c.khoa == "schema_version")
                     .values(gia_tri=str(number)))
    return len(steps)
