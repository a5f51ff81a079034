"""Registers to test against: a SQLite file, and a real PostgreSQL server started here.

The server is a throwaway cluster (initdb + pg_ctl) in a temporary folder, listening only
on a unix socket there; as root it runs as ``nobody`` (PostgreSQL refuses root).  Each
test gets its own database.  Without the server binaries the PostgreSQL cases skip and
say what to install.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import congvan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *args]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Path]:
    """The socket folder of a running throwaway PostgreSQL cluster."""
    bindir = postgres_bin()
    if bindir is None or not (bindir / "pg_ctl").exists():
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
                    "apt-get install postgresql")
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux) to start PostgreSQL as nobody")
    base = Path(tempfile.mkdtemp(prefix="congvan-pg-"))
    if os.geteuid() == 0:
        os.chown(base, 65534, 65534)
    data, log = base / "data", base / "server.log"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    made = subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U",
                                           "congvan", "--auth=trust", "-E", "UTF8",
                                           "--no-locale"]),
                          capture_output=True, text=True, env=env)
    if made.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"initdb failed: {made.stderr.strip()}")
    options = f"-k {base} -c listen_addresses='' -c fsync=off -c max_connections=40"
    started = subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l",
                                              str(log), "-o", options, "-w", "start"]),
                             capture_output=True, text=True, env=env)
    if started.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {started.stderr}")
    try:
        yield base
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                        "-w", "stop"]), capture_output=True, env=env)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: Path) -> str:
    """A fresh, empty database on the throwaway server."""
    import psycopg

    name = f"so_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(host=str(postgres_server), user="congvan", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://congvan@/{name}?host={postgres_server}"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'so-dang-ky.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'so-dang-ky.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


def cong_van(**update: Any) -> congvan.VanBan:
    """Letter 7540 unnumbered, dated 2 March 2026, with ``update`` applied and validated."""
    data = congvan.load(EXAMPLES / "7540.yaml").model_dump()
    data.update({"so": None, "ngay": date(2026, 3, 2)})
    data.update(update)
    return congvan.VanBan.model_validate(data)


def quyet_dinh(**update: Any) -> congvan.VanBan:
    """A quyết định of a provincial People's Committee, unnumbered."""
    data: dict[str, Any] = {
        "loai": "quyet_dinh", "co_quan": "Ủy ban nhân dân tỉnh Lào Cai", "ky_hieu": "QĐ-UBND",
        "dia_danh": "Lào Cai", "ngay": date(2026, 3, 2),
        "trich_yeu": "Ban hành Quy định quản lý văn bản", "noi_dung": ["Điều 1. Ban hành."],
        "nguoi_ky": {"chuc_danh": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "ho_ten": "Nguyễn Văn A"},
        "noi_nhan": ["Như Điều 3"], "luu": ["VT", "NC"],
    }
    data.update(update)
    return congvan.VanBan.model_validate(data)
