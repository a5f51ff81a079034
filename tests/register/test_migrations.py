"""A register made by an older congvan opens after an upgrade, its numbers going on."""

from __future__ import annotations

from sqlalchemy import inspect, select

from congvan.register import Register
from congvan.register.connection import register_engine, register_url
from congvan.register.migrations import STEPS, upgrade
from congvan.register.schema import day_so, thong_tin
from tests.register.conftest import cong_van


def test_a_version_1_register_is_upgraded_and_keeps_its_numbers(db_url: str) -> None:
    engine = register_engine(register_url(db_url))
    with engine.begin() as conn:  # what congvan with schema version 1 left behind
        assert upgrade(conn, "old", steps=STEPS[:1]) == 1
        conn.execute(day_so.insert().values(he_thong="hanh-chinh", nam=2026, so_cuoi=7))
    with engine.connect() as conn:
        assert "he_thong_so" not in inspect(conn).get_table_names()
    with Register(db_url) as reg:
        assert reg.issue(cong_van()).so == 8
        reg.configure([{"ma": "hanh-chinh", "ten": "Văn bản hành chính", "mac_dinh": True},
                       {"ma": "mat", "ten": "Văn bản mật", "do_mat": True}])
    with engine.connect() as conn:
        version = conn.execute(select(thong_tin.c.gia_tri)
                               .where(thong_tin.c.khoa == "schema_version")).scalar()
        assert "he_thong_so" in inspect(conn).get_table_names()
    engine.dispose()
    assert version == str(len(STEPS)) == "2"


def test_opening_twice_applies_nothing_twice(db_url: str) -> None:
    Register(db_url).close()
    with Register(db_url) as reg:
        assert reg.issue(cong_van()).so == 1
