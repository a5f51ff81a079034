"""Outgoing documents numbered and recorded inside one open transaction.

:class:`NumberingSession` is what ``Register.issue``, ``Register.issue_many`` and a batch
use: each ``issue`` takes the next number of the document's system and writes its
register row; nothing is visible to anyone else until the session's transaction commits,
and if anything raises before then, every number of the session goes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from sqlalchemy import Connection, exc, select, update

from congvan.errors import DocumentInvalidError
from congvan.register import columns, numbering, schema
from congvan.register.errors import DuplicateNumber, RegisterError

if TYPE_CHECKING:
    from congvan import VanBan

#: Vietnam keeps UTC+7 all year: "today" of an undated document is the agency's today.
_GIO_VIET_NAM = timezone(timedelta(hours=7))


def today_in_vietnam() -> date:
    return datetime.now(_GIO_VIET_NAM).date()


class NumberingSession:
    """Numbers taken in one transaction (``with reg.numbering() as so_dang_ky: …``)."""

    def __init__(self, conn: Connection, where: str, he_thong: str | None = None) -> None:
        self._conn = conn
        self._where = where
        self._config = numbering.stored_config(conn)
        self._he_thong = he_thong
        #: The "số/ký hiệu" taken in this session, in order (for a batch to print).
        self.taken: list[str] = []

    def issue(self, doc: VanBan, *, noi_nhan: Sequence[str] | None = None) -> VanBan:
        """Number ``doc`` and record it; return the numbered copy (dated today if
        ``ngay`` was null).  ``noi_nhan`` lists every recipient of one shared number."""
        conn = self._conn
        ky_hieu = _ky_hieu_of(doc)
        ngay = doc.ngay or today_in_vietnam()
        system = self._config.chosen(doc.loai, ky_hieu, doc.do_mat, self._he_thong)
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
        self.taken.append(so_ky_hieu)
        return numbered

    __call__ = issue

    def cancel(self, numbered: VanBan, ly_do: str) -> None:
        """Record a document of this session as cancelled (e.g. its letter could not be
        written): it keeps its number, so the sequence has no gap."""
        if numbered.so is None or numbered.ngay is None or numbered.ky_hieu is None:
            raise RegisterError("cancel: give the numbered copy that issue() returned")
        cancel_recorded(self._conn, columns.so_ky_hieu(numbered.so, numbered.ky_hieu),
                        numbered.ngay.year, ly_do=ly_do,
                        co_quan=columns.one_line(numbered.co_quan), where=self._where)


def cancel_recorded(conn: Connection, so_ky_hieu: str, nam: int, *, ly_do: str | None,
                    where: str, co_quan: str | None = None, ngay: date | None = None) -> None:
    """Mark one issued document cancelled; refuse when none, or several agencies', match."""
    table = schema.van_ban_di
    row = (table.c.so_ky_hieu == so_ky_hieu) & (table.c.nam == nam) & table.c.da_huy.is_(None)
    if co_quan is not None:
        row &= table.c.co_quan == co_quan
    agencies = conn.execute(select(table.c.co_quan).where(row)).scalars().all()
    if not agencies:
        raise RegisterError(f"{where}: no issued document {so_ky_hieu} in {nam} "
                            "(or it is already cancelled)")
    if len(agencies) > 1:
        raise RegisterError(f"{where}: {so_ky_hieu} in {nam} was issued by {len(agencies)} "
                            f"agencies ({'; '.join(agencies)}): name the agency (co_quan)")
    conn.execute(update(table).where(row).values(da_huy=ngay or today_in_vietnam(),
                                                 ly_do_huy=ly_do))


def _ky_hieu_of(doc: VanBan) -> str:
    if not doc.ky_hieu:
        raise DocumentInvalidError([("ky_hieu", "the register records a document by số and ký "
                                           "hiệu; add ky_hieu, e.g. UBND-VP")])
    if "{{" in doc.ky_hieu:
        raise DocumentInvalidError([("ky_hieu", f"{doc.ky_hieu!r} still holds a Jinja field; "
                                           "fill it before numbering")])
    if doc.so is not None:
        raise DocumentInvalidError([("so", f"already {doc.so}; the register gives the number: "
                                      "set so: null")])
    if doc.du_thao not in (None, False):
        raise DocumentInvalidError([("du_thao", "a draft is not issued; remove du_thao to number "
                                           "the final text")])
    return doc.ky_hieu


def _duplicate(so_ky_hieu: str, co_quan: str, nam: int, taken: str,
               system: str) -> DuplicateNumber:
    return DuplicateNumber(
        f"{so_ky_hieu} of {co_quan} is already registered in {nam} (numbering system "
        f"{taken!r}); system {system!r} must use another ký hiệu")
