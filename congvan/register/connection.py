"""From a URL to a SQLAlchemy engine that serialises numbering, and from driver errors to
one line each.

SQLite (WAL mode): pysqlite's own transaction handling is switched off and every
transaction starts with ``BEGIN IMMEDIATE``, which takes the file's write lock at once; two
văn thư issuing at the same moment queue on that lock (up to ``timeout`` seconds) instead
of both reading the same last number.  PostgreSQL: ``postgresql://`` means psycopg 3, and
the numbering locks its sequence row with ``SELECT … FOR UPDATE``
(congvan.register.numbering).
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from congvan.register.errors import (
    NotARegister,
    RegisterError,
    RegisterLocked,
    RegisterUnreachable,
)

#: The register of the current folder when neither --db nor CONGVAN_DB says otherwise.
DEFAULT_URL = "sqlite:///so-dang-ky.sqlite3"
#: Seconds a transaction waits for another văn thư's transaction before giving up.
DEFAULT_TIMEOUT = 30.0


def register_url(url: str | Path) -> URL:
    """Parse ``url``; a bare path is a SQLite file and ``postgresql://`` selects psycopg 3."""
    text = str(url)
    if "://" not in text:
        text = "sqlite:///" + text
    try:
        parsed = make_url(text)
    except exc.ArgumentError:
        raise RegisterUnreachable(f"--db {text!r}: not a database URL; write sqlite:///FILE "
                                  "or postgresql://user@host/dbname") from None
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        if not parsed.database or parsed.database == ":memory:":
            raise RegisterUnreachable(f"--db {text!r}: name the register's file, e.g. "
                                      "sqlite:///so-dang-ky.sqlite3")
        return parsed.set(drivername="sqlite+pysqlite")
    raise RegisterUnreachable(f"--db {shown(parsed)}: congvan keeps its register in SQLite "
                              "(sqlite:///FILE) or PostgreSQL (postgresql://user@host/dbname)")


def shown(url: URL) -> str:
    """The URL as messages print it: as the user wrote its scheme, never the password."""
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


def register_engine(url: URL, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """An engine whose every transaction is safe to take a number in."""
    if url.get_backend_name() == "sqlite":
        folder = Path(url.database or "").resolve().parent
        if not folder.is_dir():
            raise RegisterUnreachable(f"{shown(url)}: the folder {str(folder)!r} does not exist")
        engine = create_engine(url, connect_args={"timeout": timeout},
                               poolclass=_sqlite_pool())
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin_within(timeout))
        return engine
    return create_engine(url, pool_pre_ping=True,
                         connect_args={"connect_timeout": max(1, int(timeout))})


def _sqlite_pool() -> Any:
    # One file, one process: a NullPool opens the file per transaction, so a register
    # object left open never holds the file (Windows shares, backups with .backup).
    from sqlalchemy.pool import NullPool

    return NullPool


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL: one fsync per commit instead of the rollback journal's three (numbering is
    # bound by commits), and an export reads while a văn thư issues.  FULL: a number
    # printed is a number kept, even after a power cut.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _sqlite_begin_within(timeout: float) -> Callable[[Connection], None]:
    """``BEGIN IMMEDIATE``, retried every few milliseconds until ``timeout``.

    SQLite's own busy handler backs off to 100 ms sleeps, so under contention the file
    stays unlocked most of the time while every waiter sleeps (8 văn thư: 48 numbers/s);
    polling briefly at BEGIN, where failing costs nothing, keeps the lock busy
    (~3x faster).  Inside the transaction the busy timeout still covers COMMIT waiting for
    a reader.
    """

    def begin(connection: Connection) -> None:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        deadline = time.monotonic() + timeout
        raw.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    raw.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    if "locked" not in str(error) or time.monotonic() > deadline:
                        raise exc.OperationalError("BEGIN IMMEDIATE", None, error) from None
                    time.sleep(random.uniform(0.0005, 0.003))
        finally:
            raw.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")

    return begin


@contextmanager
def translated(url: URL, timeout: float) -> Iterator[None]:
    """Turn driver errors into one clear line naming the register."""
    try:
        yield
    except RegisterError:
        raise
    except exc.DBAPIError as error:
        raise _translate(url, timeout, error) from None


def _translate(url: URL, timeout: float, error: exc.DBAPIError) -> RegisterError:
    reason = " ".join(str(error.orig).split()) if error.orig is not None else str(error)
    lowered = reason.lower()
    where = shown(url)
    if "database is locked" in lowered or "database table is locked" in lowered:
        return RegisterLocked(f"{where}: another program has held the register for more than "
                              f"{timeout:g} s; try again, or close the program holding it")
    if "file is not a database" in lowered or "malformed" in lowered:
        return NotARegister(f"{where}: not a congvan register (not an SQLite database)")
    if "unable to open database" in lowered or "readonly" in lowered:
        return RegisterUnreachable(f"{where}: cannot open or write the file ({reason})")
    if isinstance(error, exc.OperationalError | exc.InterfaceError) and (
            url.get_backend_name() == "postgresql"):
        return RegisterUnreachable(f"{where}: cannot reach the database: "
                                   f"{reason.splitlines()[0] if reason else 'no answer'}")
    return RegisterError(f"{where}: {type(error.orig).__name__}: {reason}")
