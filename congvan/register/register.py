"""The sổ đăng ký văn bản: outgoing documents numbered and recorded, incoming ones
recorded with their số đến (Điều 15, 16, 22 and Phụ lục IV of Nghị định 30/2020).

Every number is taken in the transaction that records its document
(congvan.register.numbering.next_number), so numbers never repeat and never skip, and a
document that fails (a duplicate, a render error) takes no number with it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Connection, select, text

from congvan.errors import DocumentInvalidError
from congvan.register import columns, migrations, numbering, schema
from congvan.register.connection import (
    DEFAULT_TIMEOUT,
    DEFAULT_URL,
    register_engine,
    register_url,
    shown,
    translated,
)
from congvan.register.errors import DuplicateNumber, RegisterError
from congvan.register.recording import NumberingSession, cancel_recorded, today_in_vietnam

if TYPE_CHECKING:
    from congvan import VanBan

Kind = Literal["di", "den"]
BeforeCommit = Callable[["VanBan"], None]


def url_from_environment(url: str | Path | None) -> str | Path:
    """``url``, else $CONGVAN_DB, else ``sqlite:///so-dang-ky.sqlite3`` (CONTRACT §6)."""
    return url or os.environ.get("CONGVAN_DB") or DEFAULT_URL


class Register:
    """A register on SQLite or PostgreSQL: ``Register("postgresql://vt@db/so")``.

    Opening creates an empty register, or upgrades an older one, in one transaction.
    """

    def __init__(self, url: str | Path | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url = register_url(url_from_environment(url))
        self.timeout = timeout
        self.where = shown(self.url)
        self._engine = register_engine(self.url, timeout)
        try:
            with self._transaction() as conn:
                if conn.dialect.name == "postgresql":  # two first openings create it once
                    conn.execute(text(
                        "SELECT pg_advisory_xact_lock(hashtext('congvan_register'))"))
                migrations.upgrade(conn, self.where)
        except BaseException:
            self._engine.dispose()
            raise

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Register({self.where!r})"

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with translated(self.url, self.timeout), self._engine.begin() as conn:
            yield conn

    # --- configuration -----------------------------------------------------------------

    @property
    def cau_hinh(self) -> numbering.CauHinhSo:
        """The numbering systems every văn thư of this register shares."""
        with self._transaction() as conn:
            return numbering.stored_config(conn)

    def configure(self, he_thong: numbering.CauHinhSo | Iterable[dict[str, Any]]) -> None:
        """Replace the numbering systems (a system that has numbered documents stays)."""
        config = (he_thong if isinstance(he_thong, numbering.CauHinhSo)
                  else numbering.CauHinhSo.from_data(he_thong))
        with self._transaction() as conn:
            used = conn.execute(select(schema.day_so.c.he_thong).distinct()).scalars().all()
            numbering.save_config(conn, config, used)

    # --- outgoing ------------------------------------------------------------------------

    @contextmanager
    def numbering(self, *, he_thong: str | None = None) -> Iterator[NumberingSession]:
        """Take numbers in one transaction, committed when the block ends (or all given
        back if it raises): ``with reg.numbering() as so_dang_ky: so_dang_ky.issue(doc)``.

        For a batch: each letter numbered, rendered and written inside the block, so no
        number is recorded without its letter.  The numbering system's sequence stays
        locked for other văn thư until the block ends: keep it short.
        """
        with self._transaction() as conn:
            yield NumberingSession(conn, self.where, he_thong)

    def issue(self, doc: VanBan, *, he_thong: str | None = None,
              noi_nhan: Sequence[str] | None = None,
              before_commit: BeforeCommit | None = None) -> VanBan:
        """Number ``doc`` and record it; return the numbered copy (with today's date when
        ``ngay`` was null).

        ``noi_nhan`` records one shared number for a document sent to many (a batch with
        ``--so chung``): the register row lists them all.  ``before_commit`` runs on the
        numbered copy before the number is committed (render it there: if rendering
        fails, the number is not taken).
        """
        with self.numbering(he_thong=he_thong) as session:
            numbered = session.issue(doc, noi_nhan=noi_nhan)
            if before_commit is not None:
                before_commit(numbered)
            return numbered

    def issue_many(self, docs: Iterable[VanBan], *, he_thong: str | None = None,
                   before_commit: BeforeCommit | None = None) -> list[VanBan]:
        """One number per document (a batch with ``--so moi-van-ban``), all in one
        transaction: consecutive numbers, and either all are recorded or none."""
        with self.numbering(he_thong=he_thong) as session:
            numbered = [session.issue(doc) for doc in docs]
            if before_commit is not None:
                for item in numbered:
                    before_commit(item)
            return numbered

    def cancel(self, so_ky_hieu: str, nam: int, *, ly_do: str | None = None,
               co_quan: str | None = None, ngay: date | None = None) -> None:
        """Record a document as cancelled; it keeps its number, which is never reused."""
        with self._transaction() as conn:
            cancel_recorded(conn, so_ky_hieu, nam, ly_do=ly_do, co_quan=co_quan, ngay=ngay,
                            where=self.where)

    # --- incoming ------------------------------------------------------------------------

    def receive(self, incoming: str | Path | VanBan | Any, *, ngay_den: date | None = None,
                don_vi_nhan: str | None = None) -> int:
        """Record an incoming letter and return its số đến.

        ``incoming`` is a file read as ``congvan reply`` reads it (.yaml, .docx, .txt), a
        VanBan, or what congvan's read_incoming returns.  The same letter (số, ký hiệu,
        agency, date) is refused a second time.
        """
        letter = incoming_letter(incoming)
        ngay_den = ngay_den or today_in_vietnam()
        table = schema.van_ban_den
        with self._transaction() as conn:
            same = ((table.c.so_ky_hieu == letter["so_ky_hieu"])
                    & (table.c.tac_gia == letter["tac_gia"]))
            same &= (table.c.ngay == letter["ngay"]) if letter["ngay"] else table.c.ngay.is_(None)
            earlier = conn.execute(select(table.c.so_den, table.c.ngay_den).where(same)).first()
            if earlier is not None:
                raise DuplicateNumber(
                    f"{letter['so_ky_hieu']} of {letter['tac_gia']} is already registered: "
                    f"số đến {earlier.so_den} on {columns.ngay_in(earlier.ngay_den)}")
            so_den = numbering.next_number(conn, numbering.HE_THONG_DEN, ngay_den.year)
            conn.execute(table.insert().values(
                he_thong=numbering.HE_THONG_DEN, nam=ngay_den.year, so_den=so_den,
                ngay_den=ngay_den, don_vi_nhan=don_vi_nhan, ngay_chuyen=None, ky_nhan=None,
                ghi_chu="", ghi_luc=datetime.now(UTC), **letter))
            return so_den

    # --- reading and export --------------------------------------------------------------

    def rows(self, *, year: int, kind: Kind = "di") -> list[Any]:
        """The year's rows in number order, each with ``he_thong`` and the printed fields."""
        table = schema.van_ban_di if kind == "di" else schema.van_ban_den
        number = table.c.so if kind == "di" else table.c.so_den
        with self._transaction() as conn:
            return list(conn.execute(select(table).where(table.c.nam == year)
                                     .order_by(table.c.he_thong, number)).all())

    def export(self, path: str | Path, *, year: int, kind: Kind = "di") -> Path:
        """Write the year's register in the columns of Phụ lục IV: .xlsx (one sheet per
        numbering system, A4 landscape), .docx or .pdf (a table for binding)."""
        from congvan.register.export import export_register

        if kind not in ("di", "den"):
            raise RegisterError(f"--kind {kind!r}: write di (outgoing) or den (incoming)")
        return export_register(self, Path(path), year=year, kind=kind)


def incoming_letter(incoming: Any) -> dict[str, Any]:
    """The incoming register's fields of a letter, whatever form it came in."""
    if isinstance(incoming, str | Path):
        from congvan.reply.incoming import read_incoming

        incoming, _warnings = read_incoming(Path(incoming))
    if hasattr(incoming, "loai_van_ban"):  # a congvan document
        if incoming.so is None or not incoming.ky_hieu:
            raise DocumentInvalidError([("so", "the incoming document has no số and ký hiệu")])
        ten = incoming.loai_van_ban.ten
        return {"so_ky_hieu": columns.so_ky_hieu(incoming.so, incoming.ky_hieu),
                "tac_gia": columns.one_line(incoming.co_quan), "ngay": incoming.ngay,
                "ten_loai_trich_yeu": columns.ten_loai_trich_yeu(
                    ten, incoming.trich_yeu, ten == "Công văn")}
    return {"so_ky_hieu": columns.one_line(incoming.so_ky_hieu),
            "tac_gia": columns.one_line(incoming.co_quan), "ngay": incoming.ngay,
            "ten_loai_trich_yeu": columns.ten_loai_trich_yeu(
                incoming.loai_ten, incoming.trich_yeu, incoming.loai_ten == "Công văn")}
