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
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Connection, exc, select, text, update

from congvan.errors import DocumentInvalid
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

if TYPE_CHECKING:
    from congvan import VanBan

Kind = Literal["di", "den"]
BeforeCommit = Callable[["VanBan"], None]
#: Vietnam keeps UTC+7 all year: "today" of an undated document is the agency's today.
_GIO_VIET_NAM = timezone(timedelta(hours=7))


def today_in_vietnam() -> date:
    return datetime.now(_GIO_VIET_NAM).date()


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
        with self._transaction() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('congvan_register'))"))
            migrations.upgrade(conn, self.where)

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
        with self._transaction() as conn:
            config = numbering.stored_config(conn)
            numbered = self._record(conn, config, doc, he_thong, noi_nhan)
            if before_commit is not None:
                before_commit(numbered)
            return numbered

    def issue_many(self, docs: Iterable[VanBan], *, he_thong: str | None = None,
                   before_commit: BeforeCommit | None = None) -> list[VanBan]:
        """One number per document (a batch with ``--so moi-van-ban``), all in one
        transaction: consecutive numbers, and either all are recorded or none."""
        with self._transaction() as conn:
            config = numbering.stored_config(conn)
            numbered = [self._record(conn, config, doc, he_thong, None) for doc in docs]
            if before_commit is not None:
                for item in numbered:
                    before_commit(item)
            return numbered

    def _record(self, conn: Connection, config: numbering.CauHinhSo, doc: VanBan,
                he_thong: str | None, noi_nhan: Sequence[str] | None) -> VanBan:
        ky_hieu = _ky_hieu_of(doc)
        ngay = doc.ngay or today_in_vietnam()
        system = config.chosen(doc.loai, ky_hieu, doc.do_mat, he_thong)
        so = numbering.next_number(conn, system.ma, ngay.year)
        numbered = doc.model_copy(update={"so": so, "ngay": ngay})
        values = columns.outgoing_values(numbered)
        if noi_nhan is not None:
            values["noi_nhan"] = "; ".join(columns.one_line(x) for x in noi_nhan)
        co_quan = columns.one_line(doc.co_quan)
        so_ky_hieu = columns.so_ky_hieu(so, ky_hieu)
        table = schema.van_ban_di
        taken = conn.execute(select(table.c.he_thong).where(
            (table.c.nam == ngay.year) & (table.c.so == so) & (table.c.ky_hieu == ky_hieu)
            & (table.c.co_quan == co_quan))).scalar()
        if taken is not None:
            raise _duplicate(so_ky_hieu, co_quan, ngay.year, taken, system.ma)
        try:
            conn.execute(table.insert().values(
                he_thong=system.ma, nam=ngay.year, so=so, ky_hieu=ky_hieu, co_quan=co_quan,
                so_ky_hieu=so_ky_hieu, ngay=ngay, ngay_chuyen=None, ky_nhan=None,
                da_huy=None, ly_do_huy=None, du_lieu=numbered.model_dump_json(),
                ghi_luc=datetime.now(UTC), **values))
        except exc.IntegrityError:  # a concurrent issue in another system took it first
            raise _duplicate(so_ky_hieu, co_quan, ngay.year, "another", system.ma) from None
        return numbered

    def cancel(self, so_ky_hieu: str, nam: int, *, ly_do: str | None = None,
               ngay: date | None = None) -> None:
        """Record a document as cancelled; it keeps its number, which is never reused."""
        table = schema.van_ban_di
        with self._transaction() as conn:
            done = conn.execute(update(table).where(
                (table.c.so_ky_hieu == so_ky_hieu) & (table.c.nam == nam)
                & table.c.da_huy.is_(None)).values(
                    da_huy=ngay or today_in_vietnam(), ly_do_huy=ly_do))
            if done.rowcount == 0:
                raise RegisterError(f"{self.where}: no issued document {so_ky_hieu} in {nam} "
                                    "(or it is already cancelled)")

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


def _ky_hieu_of(doc: VanBan) -> str:
    if not doc.ky_hieu:
        raise DocumentInvalid([("ky_hieu", "the register records a document by số and ký "
                                           "hiệu; add ky_hieu, e.g. UBND-VP")])
    if "{{" in doc.ky_hieu:
        raise DocumentInvalid([("ky_hieu", f"{doc.ky_hieu!r} still holds a Jinja field; "
                                           "fill it before numbering")])
    if doc.so is not None:
        raise DocumentInvalid([("so", f"already {doc.so}; the register gives the number: "
                                      "set so: null")])
    return doc.ky_hieu


def _duplicate(so_ky_hieu: str, co_quan: str, nam: int, taken: str,
               system: str) -> DuplicateNumber:
    return DuplicateNumber(
        f"{so_ky_hieu} of {co_quan} is already registered in {nam} (numbering system "
        f"{taken!r}); system {system!r} must use another ký hiệu")


def incoming_letter(incoming: Any) -> dict[str, Any]:
    """The incoming register's fields of a letter, whatever form it came in."""
    if isinstance(incoming, str | Path):
        from congvan.incoming import read_incoming

        incoming, _warnings = read_incoming(Path(incoming))
    if hasattr(incoming, "loai_van_ban"):  # a congvan document
        if incoming.so is None or not incoming.ky_hieu:
            raise DocumentInvalid([("so", "the incoming document has no số and ký hiệu")])
        ten = incoming.loai_van_ban.ten
        return {"so_ky_hieu": columns.so_ky_hieu(incoming.so, incoming.ky_hieu),
                "tac_gia": columns.one_line(incoming.co_quan), "ngay": incoming.ngay,
                "ten_loai_trich_yeu": columns.ten_loai_trich_yeu(
                    ten, incoming.trich_yeu, ten == "Công văn")}
    return {"so_ky_hieu": columns.one_line(incoming.so_ky_hieu),
            "tac_gia": columns.one_line(incoming.co_quan), "ngay": incoming.ngay,
            "ten_loai_trich_yeu": columns.ten_loai_trich_yeu(
                incoming.loai_ten, incoming.trich_yeu, incoming.loai_ten == "Công văn")}
