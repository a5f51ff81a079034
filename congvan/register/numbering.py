"""Numbering systems (hệ thống số) and the next number of one, per Điều 15 of the decree.

Numbers run from 01 on 1 January within each numbering system of the agency.  Which
systems exist is the head of the agency's decision, so it is configuration: by default
one for administrative documents and one for secret documents (``do_mat`` set); an agency
adds one per VBQPPL type and one per advisory body (hội đồng, ban, tổ) that uses its
seal.  A system is chosen by name, or by the first system whose conditions all match the
document (``loai``, a ``ky_hieu`` pattern, ``do_mat``), else the default one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from congvan.register import schema
from congvan.register.errors import RegisterError, UnknownNumberingSystem

#: The sequence of incoming documents (số đến, Điều 22).
HE_THONG_DEN = "den"


@dataclass(frozen=True)
class HeThongSo:
    """One numbering system: its name (``ma``), its title, and when it applies."""

    ma: str
    ten: str
    loai: tuple[str, ...] = ()
    ky_hieu: str | None = None  # a regular expression searched in the ký hiệu
    do_mat: bool | None = None  # True: secret documents only
    mac_dinh: bool = False

    @property
    def automatic(self) -> bool:
        """Chosen without being named: it has a condition to match."""
        return bool(self.loai) or self.ky_hieu is not None or self.do_mat is not None

    def matches(self, loai: str, ky_hieu: str, do_mat: str | None) -> bool:
        if self.loai and loai not in self.loai:
            return False
        if self.ky_hieu is not None and not re.search(self.ky_hieu, ky_hieu):
            return False
        return self.do_mat is None or self.do_mat == (do_mat is not None)


DEFAULT_SYSTEMS: tuple[HeThongSo, ...] = (
    HeThongSo("hanh-chinh", "Văn bản hành chính", mac_dinh=True),
    HeThongSo("mat", "Văn bản mật", do_mat=True),
)


_VALUE_KINDS: tuple[tuple[str, type | tuple[type, ...], str], ...] = (
    ("loai", (str, list, type(None)), "a loai key or a list of them"),
    ("ky_hieu", (str, type(None)), "a regular expression in quotes"),
    ("do_mat", (bool, type(None)), "true or false"),
    ("mac_dinh", bool, "true or false"),
)


@dataclass(frozen=True)
class CauHinhSo:
    """The register's numbering systems, in matching order."""

    he_thong: tuple[HeThongSo, ...] = field(default=DEFAULT_SYSTEMS)

    def __post_init__(self) -> None:
        names = [s.ma for s in self.he_thong]
        problems = [f"he_thong: {name!r} is named twice" for name in set(names)
                    if names.count(name) > 1]
        if sum(s.mac_dinh for s in self.he_thong) != 1:
            problems.append("he_thong: mark exactly one system 'mac_dinh: true' (the default)")
        if HE_THONG_DEN in names:
            problems.append(f"he_thong: {HE_THONG_DEN!r} is the incoming register's own name")
        for system in self.he_thong:
            if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,60}", system.ma):
                problems.append(f"he_thong: {system.ma!r}: write the name in lower-case "
                                "ASCII letters, digits and '-', e.g. 'qppl-quyet-dinh'")
            if system.ky_hieu is not None:
                try:
                    re.compile(system.ky_hieu)
                except re.error as error:
                    problems.append(f"he_thong {system.ma}: ky_hieu {system.ky_hieu!r}: {error}")
        if problems:
            raise RegisterError("\n".join(problems))

    def chosen(self, loai: str, ky_hieu: str, do_mat: str | None,
               ma: str | None = None) -> HeThongSo:
        """The system that numbers this document (``ma`` names it outright)."""
        if ma is not None:
            for system in self.he_thong:
                if system.ma == ma:
                    return system
            raise UnknownNumberingSystem(
                f"--he-thong {ma!r}: no such numbering system in this register "
                f"(it has: {', '.join(s.ma for s in self.he_thong)})")
        for system in self.he_thong:
            if system.automatic and system.matches(loai, ky_hieu, do_mat):
                return system
        return next(s for s in self.he_thong if s.mac_dinh)

    def title(self, ma: str) -> str:
        return next((s.ten for s in self.he_thong if s.ma == ma), ma)

    @classmethod
    def from_data(cls, items: Iterable[dict[str, Any]]) -> CauHinhSo:
        """From the YAML/JSON list form (docs/register.md); RegisterError names the key."""
        systems = []
        known = set(HeThongSo.__dataclass_fields__)
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise RegisterError(f"he_thong item {i}: expected a mapping (ma, ten, …)")
            unknown = set(item) - known
            if unknown:
                raise RegisterError(f"he_thong item {i}: unknown key(s) {sorted(unknown)}; "
                                    f"use {sorted(known)}")
            if not isinstance(item.get("ma"), str) or not isinstance(item.get("ten"), str):
                raise RegisterError(f"he_thong item {i}: 'ma' and 'ten' are required text")
            for key, kinds, what in _VALUE_KINDS:
                if key in item and not isinstance(item[key], kinds):
                    raise RegisterError(f"he_thong {item['ma']}: {key}: write {what}, "
                                        f"not {item[key]!r}")
            loai = item.get("loai") or ()
            systems.append(HeThongSo(**{**item, "loai": tuple(
                [loai] if isinstance(loai, str) else loai)}))
        return cls(tuple(systems))

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"thu_tu": i, "cau_hinh": json.dumps(asdict(s), ensure_ascii=False)}
                for i, s in enumerate(self.he_thong)]


def stored_config(conn: Connection) -> CauHinhSo:
    """The configuration saved in the register, or the default one."""
    rows = conn.execute(select(schema.he_thong_so.c.cau_hinh)
                        .order_by(schema.he_thong_so.c.thu_tu)).scalars().all()
    if not rows:
        return CauHinhSo()
    return CauHinhSo.from_data(json.loads(row) for row in rows)


def save_config(conn: Connection, config: CauHinhSo, used: Sequence[str]) -> None:
    """Replace the configuration; a system that has numbered documents may not vanish."""
    gone = sorted(set(used) - {s.ma for s in config.he_thong} - {HE_THONG_DEN})
    if gone:
        raise RegisterError(f"he_thong: {', '.join(gone)} already numbered documents; "
                            "keep them in the configuration")
    conn.execute(schema.he_thong_so.delete())
    conn.execute(schema.he_thong_so.insert(), config.to_rows())


def next_number(conn: Connection, he_thong: str, nam: int) -> int:
    """Take the next number of (he_thong, nam) in the caller's transaction.

    The row is locked (FOR UPDATE on PostgreSQL; SQLite's transaction already holds the
    file's write lock), so a concurrent caller waits and then reads our number; if the
    caller's transaction rolls back, so does the number: no gap, no duplicate.
    """
    table = schema.day_so
    key = (table.c.he_thong == he_thong) & (table.c.nam == nam)
    last = conn.execute(select(table.c.so_cuoi).where(key).with_for_update()).scalar()
    if last is None:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        conn.execute(insert(table).values(he_thong=he_thong, nam=nam, so_cuoi=0)
                     .on_conflict_do_nothing())
        last = conn.execute(select(table.c.so_cuoi).where(key).with_for_update()).scalar_one()
    conn.execute(update(table).where(key).values(so_cuoi=last + 1))
    return int(last) + 1
