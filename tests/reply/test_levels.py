"""Replies from every level: Bộ, province, Sở, huyện, xã and Phòng, before and after 1/7/2025.

Each case is an incoming letter (a congvan document, as a congvan YAML or a DOCX would give)
and the agency that answers it; the draft must carry that agency's địa danh (Nghị định 30,
Phụ lục I, Mục II.4), Kính gửi, ký hiệu pattern and signer pattern.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest

from congvan.document.loading import validate_document
from congvan.document.models import VanBan
from congvan.errors import DocumentInvalidError
from congvan.registry.levels import don_vi_of
from congvan.reply.draft import ban_thao, draft_reply
from congvan.reply.incoming import thu_den_of_document

REQUESTS = ["1. Rà soát, tổng hợp số liệu các cơ sở công nghiệp nông thôn trên địa bàn.",
            "2. Đề xuất nhiệm vụ, giải pháp cho năm tiếp theo."]


def letter(co_quan: str, ky_hieu: str, ngay: date, dia_danh: str, kinh_gui: str,
           chu_quan: str | None = None) -> VanBan:
    """An incoming công văn numbered 15 of ``co_quan`` asking two things."""
    return validate_document({
        "co_quan_chu_quan": chu_quan, "co_quan": co_quan, "so": 15, "ky_hieu": ky_hieu,
        "dia_danh": dia_danh, "ngay": ngay, "trich_yeu": "báo cáo tình hình công nghiệp nông thôn",
        "kinh_gui": kinh_gui, "noi_dung": ["Đề nghị thực hiện các nội dung sau:", *REQUESTS],
        "nguoi_ky": {"chuc_danh": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "ho_ten": "Nguyễn Văn B"},
    })


BO_CONG_THUONG = letter("Bộ Công Thương", "BCT-CNĐP", date(2016, 8, 15), "Hà Nội",
                        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương")
UBND_QUANG_NINH_2016 = letter("Ủy ban nhân dân tỉnh Quảng Ninh", "UBND-VX", date(2016, 3, 2),
                              "Quảng Ninh", "Ủy ban nhân dân các huyện, thị xã, thành phố")
UBND_LAO_CAI_2026 = letter("Ủy ban nhân dân tỉnh Lào Cai", "UBND-KT", date(2026, 3, 10),
                           "Lào Cai", "Ủy ban nhân dân các xã, phường")
SO_GIAO_DUC = letter("Sở Giáo dục và Đào tạo", "SGDĐT-GDTH", date(2020, 9, 7), "Lào Cai",
                     "Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố",
                     chu_quan="Ủy ban nhân dân tỉnh Lào Cai")
SO_TAI_CHINH = letter("Sở Tài chính", "STC-QLNS", date(2018, 5, 4), "Quảng Ninh",
                      "Ủy ban nhân dân các huyện, thị xã, thành phố",
                      chu_quan="Ủy ban nhân dân tỉnh Quảng Ninh")
BO_TAI_CHINH = letter("Bộ Tài chính", "BTC-NSNN", date(2024, 4, 2), "Hà Nội",
                      "Sở Tài chính các tỉnh, thành phố trực thuộc Trung ương")

CASES: list[Any] = [
    pytest.param(BO_CONG_THUONG, "Ủy ban nhân dân tỉnh Lào Cai", None, "Lào Cai", "UBND-KT",
                 ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], id="Bộ to UBND tỉnh"),
    pytest.param(UBND_QUANG_NINH_2016, "Ủy ban nhân dân huyện Vân Đồn",
                 "Ủy ban nhân dân tỉnh Quảng Ninh", "Vân Đồn", "UBND-VX",
                 ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                 id="UBND tỉnh to UBND huyện, 2016"),
    pytest.param(UBND_LAO_CAI_2026, "Ủy ban nhân dân xã Tả Van", None, "Tả Van", "UBND-KT",
                 ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                 id="UBND tỉnh to UBND xã, 2026"),
    pytest.param(SO_GIAO_DUC, "Phòng Giáo dục và Đào tạo", "Ủy ban nhân dân huyện Bảo Thắng",
                 "Bảo Thắng", "PGDĐT", ["TRƯỞNG PHÒNG"], id="Sở to Phòng"),
    pytest.param(SO_TAI_CHINH, "Ủy ban nhân dân huyện Vân Đồn", None, "Vân Đồn", "UBND-KT",
                 ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                 id="UBND huyện replying to a Sở"),
    pytest.param(BO_TAI_CHINH, "Sở Tài chính", "Ủy ban nhân dân tỉnh Lào Cai", "Lào Cai",
                 "STC-VP", ["GIÁM ĐỐC"], id="Sở replying to a Bộ"),
]


@pytest.mark.parametrize(("incoming", "tu", "chu_quan", "dia_danh", "ky_hieu", "ky"), CASES)
def test_each_level_reports_with_its_own_place_ky_hieu_and_signer(
    incoming: VanBan, tu: str, chu_quan: str | None, dia_danh: str, ky_hieu: str, ky: list[str]
) -> None:
    reply = draft_reply(incoming, co_quan=tu, co_quan_chu_quan=chu_quan)
    assert reply.dia_danh == dia_danh
    assert reply.kinh_gui == [incoming.co_quan]
    assert reply.ky_hieu == ky_hieu
    assert reply.nguoi_ky.chuc_danh == ky
    assert reply.co_quan_chu_quan == chu_quan
    assert reply.noi_dung[0].startswith(f"Thực hiện Công văn số 15/{incoming.ky_hieu} ngày ")
    assert reply.noi_dung[0].endswith(f", {tu} báo cáo như sau:")


def test_a_commune_reply_prints_its_own_name_as_the_place() -> None:
    reply = draft_reply(UBND_LAO_CAI_2026, co_quan="Ủy ban nhân dân xã Tả Van")
    header = docx.Document(io.BytesIO(reply.to_bytes())).tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs[:2]] == ["ỦY BAN NHÂN DÂN", "XÃ TẢ VAN"]
    assert header.cell(1, 0).paragraphs[0].text.endswith("/UBND-KT")
    assert header.cell(1, 1).paragraphs[0].text.startswith("Tả Van, ngày")


@pytest.mark.parametrize(
    ("co_quan", "chu_quan", "ngay", "kind", "dia_danh"),
    [
        ("Ủy ban nhân dân Quận 1", None, date(2020, 1, 1), "ubnd_huyen", "Quận 1"),
        ("Ủy ban nhân dân Phường 7", "Ủy ban nhân dân Quận 10", date(2020, 1, 1), "ubnd_xa",
         "Phường 7"),
        ("Ủy ban nhân dân Thành phố Hồ Chí Minh", None, date(2020, 1, 1), "ubnd_tinh",
         "Thành phố Hồ Chí Minh"),
        ("Ủy ban nhân dân thành phố Lào Cai", None, date(2016, 1, 1), "ubnd_huyen", "Lào Cai"),
        ("Ủy ban nhân dân thị xã Sa Pa", None, date(2020, 1, 1), "ubnd_huyen", "Sa Pa"),
        ("Ủy ban nhân dân đặc khu Phú Quốc", None, date(2026, 1, 1), "ubnd_xa", "Phú Quốc"),
        ("Ủy ban nhân dân phường Sa Pa", None, date(2026, 1, 1), "ubnd_xa", "Sa Pa"),
        ("Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An", None, date(2020, 1, 1), "so",
         "Nghệ An"),
        ("Phòng Tài chính - Kế hoạch huyện Bảo Thắng", None, date(2020, 1, 1), "phong",
         "Bảo Thắng"),
        ("Bộ Quốc phòng", None, None, "bo", "Hà Nội"),
        ("Sở Tài chính", None, None, "so", None),
    ],
)
def test_kind_and_dia_danh(co_quan: str, chu_quan: str | None, ngay: date | None, kind: str,
                           dia_danh: str | None) -> None:
    unit = don_vi_of(co_quan, chu_quan, ngay)
    assert (unit.loai, unit.dia_danh) == (kind, dia_danh)


def test_a_so_without_its_province_is_one_line_naming_the_option() -> None:
    with pytest.raises(DocumentInvalidError) as info:
        draft_reply(BO_TAI_CHINH, co_quan="Sở Tài chính")
    (field, message), = info.value.problems
    assert field == "dia_danh" and "--dia-danh" in message and "--chu-quan" in message
    reply = draft_reply(BO_TAI_CHINH, co_quan="Sở Tài chính", dia_danh="Lào Cai")
    assert reply.dia_danh == "Lào Cai"


def test_a_so_reports_to_the_ministry_with_its_province_informed() -> None:
    reply = draft_reply(BO_TAI_CHINH, co_quan="Sở Tài chính",
                        co_quan_chu_quan="Ủy ban nhân dân tỉnh Lào Cai")
    assert reply.noi_nhan == ["Như trên", "Ủy ban nhân dân tỉnh Lào Cai (để b/c)"]
    assert reply.luu == ["VT", "VP"]


def test_a_ministry_replies_from_its_seat_with_its_own_ky_hieu() -> None:
    reply = draft_reply(UBND_LAO_CAI_2026, co_quan="Bộ Tài chính")
    assert (reply.dia_danh, reply.ky_hieu) == ("Hà Nội", "BTC-VP")
    assert reply.nguoi_ky.chuc_danh == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
    bank = draft_reply(UBND_LAO_CAI_2026, co_quan="Ngân hàng Nhà nước Việt Nam")
    assert bank.nguoi_ky.chuc_danh == ["KT. THỐNG ĐỐC", "PHÓ THỐNG ĐỐC"]


@pytest.mark.parametrize(
    ("sender", "lead"),
    [("Bộ Quốc phòng", "Bộ Chỉ huy Quân sự tỉnh"), ("Bộ Công an", "Công an tỉnh"),
     ("Bộ Tài chính", "Sở Tài chính"), ("Văn phòng Chính phủ", "Văn phòng Ủy ban nhân dân tỉnh"),
     ("Bộ Ngoại giao", "Sở Ngoại vụ")],
)
def test_a_province_assigns_a_ministrys_letter_to_its_counterpart(sender: str, lead: str) -> None:
    incoming = thu_den_of_document(BO_CONG_THUONG.model_copy(update={"co_quan": sender}))
    draft = ban_thao(incoming, co_quan="Ủy ban nhân dân tỉnh Lào Cai", kieu="giao_viec")
    assert draft.van_ban.kinh_gui is not None and draft.van_ban.kinh_gui[0] == lead
    assert draft.van_ban.noi_dung[1].startswith(f"1. Giao {lead} chủ trì")
    assert any(n.startswith(f"kinh_gui: {lead} leads (from the registry)") for n in draft.ghi_chu)


def test_a_city_assigns_with_its_own_level_word() -> None:
    incoming = thu_den_of_document(BO_CONG_THUONG.model_copy(update={"co_quan": "Bộ Công an"}))
    draft = ban_thao(incoming, co_quan="Ủy ban nhân dân thành phố Hà Nội", kieu="giao_viec")
    assert draft.van_ban.kinh_gui is not None
    assert draft.van_ban.kinh_gui[0] == "Công an thành phố"
    assert draft.van_ban.noi_dung[0].endswith("Chủ tịch Ủy ban nhân dân thành phố có ý kiến "
                                              "như sau:")


def test_districts_and_communes_assign_to_their_phong() -> None:
    huyen = ban_thao(thu_den_of_document(SO_TAI_CHINH), co_quan="Ủy ban nhân dân huyện Vân Đồn",
                     kieu="giao_viec").van_ban
    assert huyen.kinh_gui == ["Phòng Tài chính - Kế hoạch",
                              "Các phòng, ban, ngành thuộc Ủy ban nhân dân huyện",
                              "Ủy ban nhân dân các xã, thị trấn"]
    xa = ban_thao(thu_den_of_document(UBND_LAO_CAI_2026), co_quan="Ủy ban nhân dân xã Tả Van",
                  kieu="giao_viec").van_ban
    assert xa.kinh_gui == ["Phòng Kinh tế", "Các ban, ngành, đoàn thể xã",
                           "Trưởng các thôn, tổ dân phố"]
    assert xa.nguoi_ky.chuc_danh == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_every_default_that_is_practice_is_a_note_unless_the_caller_set_it() -> None:
    draft = ban_thao(thu_den_of_document(BO_CONG_THUONG), co_quan="Ủy ban nhân dân tỉnh Lào Cai")
    assert [n.split(":")[0] for n in draft.ghi_chu] == ["ky_hieu", "luu", "nguoi_ky"]
    given = ban_thao(thu_den_of_document(BO_CONG_THUONG), co_quan="Ủy ban nhân dân tỉnh Lào Cai",
                     ky_hieu="UBND-CN", luu=["VT", "CN"])
    assert [n.split(":")[0] for n in given.ghi_chu] == ["nguoi_ky"]
    assert given.van_ban.ky_hieu == "UBND-CN"


def test_a_level_that_did_not_exist_on_the_date_is_noted() -> None:
    huyen = ban_thao(thu_den_of_document(UBND_LAO_CAI_2026), co_quan="Ủy ban nhân dân huyện "
                     "Bảo Thắng")
    assert huyen.ghi_chu[0] == ("co_quan: Ủy ban nhân dân huyện Bảo Thắng is a huyện, a level "
                                "that ended on 30/6/2025; check the agency's name")
    assert huyen.van_ban.dia_danh == "Bảo Thắng"  # still drafted: the name may be the old one
    dac_khu = ban_thao(thu_den_of_document(UBND_QUANG_NINH_2016),
                       co_quan="Ủy ban nhân dân đặc khu Vân Đồn")
    assert dac_khu.ghi_chu[0].endswith("a level that began on 1/7/2025")
    xa = ban_thao(thu_den_of_document(UBND_LAO_CAI_2026), co_quan="Ủy ban nhân dân xã Tả Van")
    assert not any(n.startswith("co_quan:") for n in xa.ghi_chu)
