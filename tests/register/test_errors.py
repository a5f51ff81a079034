"""Bad input to the register: one clear line each, naming the register, and nothing
half-written (CONTRACT §2; issue 15, "Bad input")."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from congvan.errors import CongVanError, InputError
from congvan.register import (
    NotARegister,
    Register,
    RegisterLocked,
    RegisterUnreachable,
)
from congvan.register.connection import register_engine, register_url
from congvan.register.schema import thong_tin
from tests.register.conftest import cong_van


def one_line(error: pytest.ExceptionInfo[CongVanError]) -> str:
    message = str(error.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_postgresql_that_does_not_answer(tmp_path: Path) -> None:
    url = f"postgresql://van_thu:bi-mat@127.0.0.1:{free_port()}/so_dang_ky"
    with pytest.raises(RegisterUnreachable) as error:
        Register(url, timeout=2)
    message = one_line(error)
    assert message.startswith(f"postgresql://van_thu:***@127.0.0.1:{url.split(':')[3]}")
    assert "cannot reach the database" in message and "bi-mat" not in message


def test_a_file_that_is_not_a_register(tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.sqlite3"
    path.write_text("sổ ghi chép, không phải cơ sở dữ liệu\n" * 100, "utf-8")
    with pytest.raises(NotARegister) as error:
        Register(f"sqlite:///{path}")
    assert one_line(error).endswith("not a congvan register (not an SQLite database)")
    assert isinstance(error.value, InputError)  # exit code 2 on the command line


def test_an_sqlite_database_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "khac.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE nhan_vien (ten TEXT)")
    conn.close()
    with pytest.raises(NotARegister) as error:
        Register(path)
    assert one_line(error).endswith("not a congvan register (it holds other tables: nhan_vien)")


def test_a_register_from_a_newer_congvan_is_refused(sqlite_url: str) -> None:
    Register(sqlite_url).close()
    engine = register_engine(register_url(sqlite_url))
    with engine.begin() as conn:
        conn.execute(update(thong_tin).where(thong_tin.c.khoa == "schema_version")
                     .values(gia_tri="99"))
    engine.dispose()
    with pytest.raises(NotARegister) as error:
        Register(sqlite_url)
    assert "made by a newer congvan (schema 99, this one knows 2)" in one_line(error)


@pytest.fixture
def held_file(tmp_path: Path) -> Iterator[Path]:
    """A register whose file another program holds in a write transaction."""
    path = tmp_path / "so.sqlite3"
    Register(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield path
    other.execute("ROLLBACK")
    other.close()


def test_a_locked_sqlite_file(held_file: Path) -> None:
    with pytest.raises(RegisterLocked) as error:
        Register(held_file, timeout=0.3)
    assert one_line(error).endswith("another program has held the register for more than "
                                    "0.3 s; try again, or close the program holding it")


def test_locked_while_issuing_takes_no_number(tmp_path: Path) -> None:
    path = tmp_path / "so.sqlite3"
    reg = Register(path, timeout=0.3)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(RegisterLocked):
        reg.issue(cong_van())
    other.execute("ROLLBACK")
    other.close()
    assert reg.issue(cong_van()).so == 1


@pytest.mark.parametrize(("url", "says"), [
    ("mysql://u@h/db", "congvan keeps its register in SQLite (sqlite:///FILE) or PostgreSQL"),
    ("sqlite://", "name the register's file"),
    ("sqlite:////khong/co/thu-muc/nay/so.sqlite3", "the folder '/khong/co/thu-muc/nay' does "
                                                   "not exist"),
])
def test_urls_that_name_no_register(url: str, says: str) -> None:
    with pytest.raises(RegisterUnreachable) as error:
        Register(url)
    assert says in one_line(error)


def test_default_url_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONGVAN_DB", raising=False)
    with Register() as reg:
        reg.issue(cong_van())
    assert (tmp_path / "so-dang-ky.sqlite3").is_file()
    monkeypatch.setenv("CONGVAN_DB", f"sqlite:///{tmp_path / 'khac.sqlite3'}")
    with Register() as reg:
        assert reg.issue(cong_van()).so == 1
    assert (tmp_path / "khac.sqlite3").is_file()
