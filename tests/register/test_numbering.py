"""Numbering by Điều 15: per (numbering system, year), from 01 on 1 January, never a gap or
a repeat; secret documents, VBQPPL and advisory bodies from their own sequences; the same
số, ký hiệu and agency refused twice.  Every case runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from congvan.errors import DocumentInvalidError
from congvan.register import (
    DuplicateNumber,
    Register,
    RegisterError,
    UnknownNumberingSystem,
)
from tests.register.conftest import cong_van, quyet_dinh

SYSTEMS = [
    {"ma": "hanh-chinh", "ten": "Văn bản hành chính", "mac_dinh": True},
    {"ma": "mat", "ten": "Văn bản mật", "do_mat": True},
    {"ma": "qppl-quyet-dinh", "ten": "Quyết định quy phạm pháp luật"},
    {"ma": "hd-thi-dua", "ten": "Hội đồng Thi đua - Khen thưởng", "ky_hieu": "-HĐTĐKT$"},
]


@pytest.fixture
def reg(db_url: str) -> Iterator[Register]:
    with Register(db_url) as register:
        yield register


def numbers(reg: Register, year: int = 2026) -> list[tuple[str, int, str]]:
    return [(r.he_thong, r.so, r.so_ky_hieu) for r in reg.rows(year=year)]


def test_numbers_follow_each_other_and_are_written_into_the_document(reg: Register) -> None:
    issued = [reg.issue(cong_van()) for _ in range(3)]
    assert [d.so for d in issued] == [1, 2, 3]
    assert issued[0].ngay == date(2026, 3, 2)
    assert numbers(reg) == [("hanh-chinh", 1, "01/BCT-CNĐP"), ("hanh-chinh", 2, "02/BCT-CNĐP"),
                            ("hanh-chinh", 3, "03/BCT-CNĐP")]


def test_an_undated_document_gets_todays_date_in_the_document_and_the_register(
        reg: Register) -> None:
    issued = reg.issue(cong_van(ngay=None))
    assert issued.ngay is not None
    (row,) = reg.rows(year=issued.ngay.year)
    assert row.ngay == issued.ngay and row.so == issued.so == 1


def test_year_rollover(reg: Register) -> None:
    last_2026 = [reg.issue(cong_van(ngay=date(2026, 12, 31))).so for _ in range(3)]
    first_2027 = reg.issue(cong_van(ngay=date(2027, 1, 1))).so
    assert last_2026 == [1, 2, 3]
    assert first_2027 == 1
    # a late 2026 document still takes the next 2026 number
    assert reg.issue(cong_van(ngay=date(2026, 12, 31))).so == 4


def test_secret_vbqppl_and_advisory_body_draw_from_their_own_sequences(reg: Register) -> None:
    reg.configure(SYSTEMS)
    assert reg.issue(cong_van()).so == 1
    assert reg.issue(cong_van()).so == 2
    secret = reg.issue(cong_van(do_mat="mat", ky_hieu="BCT-M"))
    qppl = reg.issue(quyet_dinh(), he_thong="qppl-quyet-dinh")
    thi_dua = reg.issue(quyet_dinh(ky_hieu="QĐ-HĐTĐKT"))
    qd_hanh_chinh = reg.issue(quyet_dinh())
    assert (secret.so, qppl.so, thi_dua.so, qd_hanh_chinh.so) == (1, 1, 1, 3)
    assert sorted(numbers(reg)) == [
        ("hanh-chinh", 1, "01/BCT-CNĐP"), ("hanh-chinh", 2, "02/BCT-CNĐP"),
        ("hanh-chinh", 3, "03/QĐ-UBND"), ("hd-thi-dua", 1, "01/QĐ-HĐTĐKT"),
        ("mat", 1, "01/BCT-M"), ("qppl-quyet-dinh", 1, "01/QĐ-UBND")]


def test_default_configuration_numbers_secret_documents_apart(reg: Register) -> None:
    reg.issue(cong_van())
    assert reg.issue(cong_van(do_mat="toi_mat", ky_hieu="BCT-M")).so == 1
    assert [s.ma for s in reg.cau_hinh.he_thong] == ["hanh-chinh", "mat"]


def test_duplicate_so_ky_hieu_agency_is_refused_and_takes_no_number(reg: Register) -> None:
    reg.configure(SYSTEMS)
    reg.issue(cong_van())
    with pytest.raises(DuplicateNumber) as refused:
        reg.issue(cong_van(do_mat="mat"))  # secret number 01 with the same ký hiệu
    assert str(refused.value).startswith("01/BCT-CNĐP of Bộ Công Thương is already registered")
    assert "\n" not in str(refused.value)
    # the refused issue rolled its number back: the secret sequence still starts at 01
    assert reg.issue(cong_van(do_mat="mat", ky_hieu="BCT-M")).so == 1
    assert len(reg.rows(year=2026)) == 2


def test_another_agency_may_use_the_same_number(reg: Register) -> None:
    reg.configure(SYSTEMS)
    reg.issue(cong_van())
    other = reg.issue(cong_van(do_mat="mat", co_quan="Bộ Nội vụ"))
    assert other.so == 1


def test_cancelled_document_keeps_its_number(reg: Register) -> None:
    for _ in range(3):
        reg.issue(cong_van())
    reg.cancel("02/BCT-CNĐP", 2026, ly_do="ban hành nhầm")
    assert reg.issue(cong_van()).so == 4
    rows = {r.so: r for r in reg.rows(year=2026)}
    assert rows[2].da_huy is not None and rows[2].ly_do_huy == "ban hành nhầm"
    with pytest.raises(Exception, match="no issued document 02/BCT-CNĐP in 2026"):
        reg.cancel("02/BCT-CNĐP", 2026)


def test_a_document_without_ky_hieu_or_already_numbered_is_refused(reg: Register) -> None:
    with pytest.raises(DocumentInvalidError, match=r"^ky_hieu: the register records a document"):
        reg.issue(cong_van(ky_hieu=None))
    with pytest.raises(DocumentInvalidError, match=r"^so: already 7540"):
        reg.issue(cong_van(so=7540))
    with pytest.raises(DocumentInvalidError, match=r"^du_thao: a draft is not issued"):
        reg.issue(cong_van(du_thao=2))
    assert reg.rows(year=2026) == []


def test_unknown_numbering_system_is_named(reg: Register) -> None:
    with pytest.raises(UnknownNumberingSystem, match=r"'qppl'.*\(it has: hanh-chinh, mat\)"):
        reg.issue(cong_van(), he_thong="qppl")


def test_issue_many_takes_consecutive_numbers_all_or_none(reg: Register) -> None:
    reg.issue(cong_van())
    with pytest.raises(DocumentInvalidError):
        reg.issue_many([cong_van(), cong_van(ky_hieu=None), cong_van()])
    assert len(reg.rows(year=2026)) == 1
    batch = reg.issue_many([cong_van(kinh_gui=[f"Sở {i}"]) for i in range(5)])
    assert [d.so for d in batch] == [2, 3, 4, 5, 6]
    assert [r.noi_nhan.split(";")[0] for r in reg.rows(year=2026)][1:] == [
        f"Sở {i}" for i in range(5)]


def test_one_shared_number_records_every_recipient(reg: Register) -> None:
    recipients = ["Ủy ban nhân dân tỉnh An Giang", "Ủy ban nhân dân tỉnh Bắc Giang"]
    issued = reg.issue(cong_van(), noi_nhan=recipients)
    (row,) = reg.rows(year=2026)
    assert issued.so == 1
    assert row.noi_nhan == "Ủy ban nhân dân tỉnh An Giang; Ủy ban nhân dân tỉnh Bắc Giang"


def test_a_failure_before_commit_takes_no_number(reg: Register) -> None:
    def broken(_doc: object) -> None:
        raise RuntimeError("the renderer failed")

    with pytest.raises(RuntimeError):
        reg.issue(cong_van(), before_commit=broken)
    assert reg.issue(cong_van()).so == 1


def test_outgoing_row_holds_the_phu_luc_iv_fields(reg: Register) -> None:
    reg.issue(cong_van(so_ban=10, do_khan="khan"))
    (row,) = reg.rows(year=2026)
    assert row.ten_loai_trich_yeu.startswith("Công văn V/v tiếp tục đẩy mạnh hoạt động")
    assert row.nguoi_ky == "Hoàng Quốc Vượng"
    assert row.noi_nhan.startswith("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;"
                                   " Văn phòng Chính phủ")  # "Như trên" is the Kính gửi
    assert (row.don_vi_luu, row.so_luong_ban, row.ghi_chu) == ("VT, CNĐP", 10, "Khẩn")
    qd = reg.issue(quyet_dinh())
    assert reg.rows(year=2026)[1].ten_loai_trich_yeu == (
        "Quyết định Ban hành Quy định quản lý văn bản")
    assert qd.so == 2


def test_a_numbering_session_for_a_batch_of_63_provinces(reg: Register) -> None:
    """What `congvan batch 7540.yaml --to tinh-63 --so moi-van-ban` does with the register:
    one number per letter, consecutive, a letter that cannot be written cancelled (its
    number kept), all committed together."""
    import congvan

    provinces = congvan.tinh(date(2016, 8, 15))  # the 63 in force that day
    reg.issue(cong_van())
    with reg.numbering() as so_dang_ky:
        letters = [so_dang_ky.issue(cong_van(kinh_gui=[p.ubnd])) for p in provinces]
        so_dang_ky.cancel(letters[5], "không tạo được văn bản")
    assert [d.so for d in letters] == list(range(2, 65))
    assert so_dang_ky.taken == [f"{n:02d}/BCT-CNĐP" for n in range(2, 65)]
    rows = reg.rows(year=2026)
    assert len(rows) == 64 and rows[6].da_huy is not None
    assert rows[1].noi_nhan.startswith(f"{provinces[0].ubnd};")


def test_a_numbering_session_that_raises_gives_every_number_back(reg: Register) -> None:
    with pytest.raises(RuntimeError), reg.numbering() as so_dang_ky:
        so_dang_ky.issue(cong_van())
        so_dang_ky.issue(cong_van())
        raise RuntimeError("the ZIP could not be written")
    assert reg.issue(cong_van()).so == 1


def test_cancel_refuses_an_ambiguous_number(reg: Register) -> None:
    reg.configure(SYSTEMS)
    reg.issue(cong_van())
    reg.issue(cong_van(co_quan="Bộ Nội vụ", do_mat="mat"))
    with pytest.raises(Exception, match=r"01/BCT-CNĐP in 2026 was issued by 2 agencies"):
        reg.cancel("01/BCT-CNĐP", 2026)
    reg.cancel("01/BCT-CNĐP", 2026, co_quan="Bộ Nội vụ")
    assert [r.co_quan for r in reg.rows(year=2026) if r.da_huy] == ["Bộ Nội vụ"]


@pytest.mark.parametrize(("systems", "says"), [
    ([{"ma": "hanh-chinh", "ten": "Hành chính"}],
     "he_thong: mark exactly one system 'mac_dinh: true' (the default)"),
    ([{"ma": "hanh-chinh", "ten": "A", "mac_dinh": True}, {"ma": "mat", "ten": "B",
                                                          "do_mat": "co"}],
     "he_thong mat: do_mat: write true or false, not 'co'"),
    ([{"ma": "Hành Chính", "ten": "A", "mac_dinh": True}],
     "he_thong: 'Hành Chính': write the name in lower-case ASCII letters"),
    ([{"ma": "hanh-chinh", "ten": "A", "mac_dinh": True, "mau": 1}],
     "he_thong item 1: unknown key(s) ['mau']"),
    ([{"ma": "hanh-chinh", "ten": "A", "mac_dinh": True, "ky_hieu": "(QĐ"}],
     "he_thong hanh-chinh: ky_hieu '(QĐ': missing ), unterminated subpattern"),
])
def test_a_bad_configuration_is_refused_in_one_line(
        reg: Register, systems: list[dict[str, object]], says: str) -> None:
    with pytest.raises(RegisterError) as error:
        reg.configure(systems)
    assert str(error.value).startswith(says) and "\n" not in str(error.value)
    assert [s.ma for s in reg.cau_hinh.he_thong] == ["hanh-chinh", "mat"]


def test_a_system_that_numbered_documents_stays(reg: Register) -> None:
    reg.configure(SYSTEMS)
    reg.issue(quyet_dinh(), he_thong="qppl-quyet-dinh")
    with pytest.raises(RegisterError, match="qppl-quyet-dinh already numbered documents"):
        reg.configure(SYSTEMS[:2])
