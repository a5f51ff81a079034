"""Real published documents (tests/data/real/*.yaml) rendered and read back line by line.

Each YAML file transcribes a document an office actually issued (its first line names the
page it was taken from).  For each, the expected printed lines are written out below, by
hand, from the source and the decree's rules (Nghị định 30/2020/NĐ-CP, Phụ lục I):
nothing here is recomputed with congvan's own functions.  The DOCX is opened with
python-docx: tables[0] is the header (agency | Quốc hiệu, Số | date), tables[-1] the
closing (Nơi nhận | signer), the paragraphs between them the body.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import docx
import pytest
import yaml

import congvan

REAL = Path(__file__).parent / "data" / "real"
FILES = sorted(REAL.glob("*.yaml"))

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Expected:
    """The lines of one document as the decree prints them."""

    chu_quan: tuple[str, ...]  # cơ quan chủ quản lines: upper-case, not bold
    co_quan: tuple[str, ...]  # issuing agency lines: upper-case, bold
    so: str  # "Số: N/KY-HIEU"
    ngay: str  # the date line, italic
    vv: str | None = None  # công văn: the "V/v ..." line under Số
    ten_loai: str | None = None  # typed documents: the type name, bold
    trich_yeu: str | None = None  # typed documents: the trích yếu under it, bold
    tham_quyen: str | None = None  # quyết định: the issuing-authority line
    can_cu: tuple[str, ...] = ()  # quyết định: the căn cứ lines, italic
    kinh_gui: tuple[str, ...] = ()  # the Kính gửi block, line by line
    first_body: str = ""  # the body's first paragraph
    last_body: str = ""  # the body's last paragraph, ending "./."
    noi_nhan: tuple[str, ...] | None = ()  # the lines under "Nơi nhận:"; None: not asserted
    chuc_danh: tuple[str, ...] | None = ()  # the signer's title lines; None: not asserted
    ho_ten: str | None = None
    dieu: tuple[str, ...] = field(default=())  # the "Điều N." labels, bold, in order


EXPECTED: dict[str, Expected] = {
    # Công văn of a provincial People's Committee, four Kính gửi, signed by the Chủ tịch.
    "ubnd_hau_giang_73_2018": Expected(
        chu_quan=(),
        co_quan=("ỦY BAN NHÂN DÂN", "TỈNH HẬU GIANG"),
        so="Số: 73/UBND-TH",
        ngay="Hậu Giang, ngày 12 tháng 01 năm 2018",
        vv="V/v ủy quyền chỉ đạo, điều hành công việc của UBND tỉnh",
        kinh_gui=(
            "Kính gửi:",
            "- Thường trực Tỉnh ủy;",
            "- Thường trực HĐND tỉnh;",
            "- Giám đốc sở, Thủ trưởng các cơ quan ban, ngành tỉnh;",
            "- Chủ tịch UBND huyện, thị xã, thành phố.",
        ),
        first_body="Từ ngày 15 tháng 01 đến hết ngày 19 tháng 01 năm 2018, Chủ tịch UBND "
        "tỉnh Hậu Giang đi công tác tại Hà Nội.",
        last_body="Kính báo đến Thường trực Tỉnh ủy, Thường trực HĐND tỉnh và thông báo đến "
        "các sở, ban, ngành tỉnh và UBND huyện, thị xã, thành phố biết liên hệ công tác./.",
        noi_nhan=("- Như trên;", "- TT. UBND tỉnh;", "- Lưu: VT, TH.", "TT."),
        chuc_danh=("CHỦ TỊCH",),
        ho_ten="Lữ Văn Hùng",
    ),
    # The same office, two Kính gửi, KT. CHỦ TỊCH; day and month both below 10.
    "ubnd_hau_giang_25_2018": Expected(
        chu_quan=(),
        co_quan=("ỦY BAN NHÂN DÂN", "TỈNH HẬU GIANG"),
        so="Số: 25/UBND-KGVX",
        ngay="Hậu Giang, ngày 05 tháng 01 năm 2018",
        vv="V/v hợp tác thông tin, tuyên truyền năm 2018",
        kinh_gui=(
            "Kính gửi:",
            "- Giám đốc Sở Thông tin và Truyền thông;",
            "- Giám đốc Sở Tài chính.",
        ),
        first_body="Xét các văn bản của Sở Thông tin và Truyền thông: Công văn số "
        "676/STTT-TTBCXB ngày 21 tháng 11 năm 2017 về việc xin chủ trương ký kết hợp tác "
        "thông tin, tuyên truyền năm 2018 và Báo cáo số 285/BC-STTTT ngày 07 tháng 12 năm "
        "2017 về kết quả hợp tác thông tin, tuyên truyên năm 2017 và đề xuất phương hướng "
        "hợp tác thông tin, tuyên truyền năm 2018;",
        last_body="2. Giao Giám đốc Sở Thông tin và Truyền thông căn cứ tình hình thực tế "
        "yêu cầu, nhiệm vụ cụ thể, hướng dẫn các cơ quan báo chí khác liên hệ với sở, ban, "
        "ngành, đơn vị liên quan hợp tác tuyên truyền khi có nhu cầu./.",
        noi_nhan=("- Như trên;", "- Lưu: VT, KGVX.", "HN."),
        chuc_danh=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ho_ten="Đồng Văn Thanh",
    ),
    # Công văn of the Government Office, one Kính gửi, signed KT.
    "vpcp_4586_2015": Expected(
        chu_quan=(),
        co_quan=("VĂN PHÒNG CHÍNH PHỦ",),
        so="Số: 4586/VPCP-KTN",
        ngay="Hà Nội, ngày 18 tháng 6 năm 2015",
        vv="V/v tổ chức buổi gặp mặt cựu thanh niên xung phong ngành giao thông vận tải "
        "qua các thời kỳ",
        kinh_gui=("Kính gửi: Bộ Giao thông vận tải",),
        first_body="Xét đề nghị của Bộ Giao thông vận tải tại văn bản số 7036/BGTVT-VP ngày "
        "03 tháng 6 năm 2015 về việc tổ chức buổi gặp mặt cựu thanh niên xung phong ngành "
        "giao thông vận tải qua các thời kỳ, Phó Thủ tướng Hoàng Trung Hải có ý kiến như sau:",
        last_body="Văn phòng Chính phủ thông báo để Bộ Giao thông vận tải biết, thực hiện./.",
        noi_nhan=(
            "- Như trên;",
            "- Thủ tướng, các Phó Thủ tướng Chính phủ;",
            "- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ: TH, HC, NC, KGVX;",
            "- Lưu: VT, KTN (3).",
        ),
        chuc_danh=("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"),
        ho_ten="Nguyễn Sỹ Hiệp",
    ),
    # Công văn of a ministry signed TL. by an acting department head; the ministry's name
    # is written on one line in the YAML and must break onto two in the header.
    "bnn_1457_2013": Expected(
        chu_quan=(),
        co_quan=("BỘ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"),
        so="Số: 1457/BNN-KHCN",
        ngay="Hà Nội, ngày 20 tháng 3 năm 2013",
        vv="V/v cho ý kiến về Báo cáo tình hình triển khai rà soát các khu bảo tồn theo "
        "quy định của Luật Đa dạng sinh học và các văn bản hướng dẫn dưới Luật",
        kinh_gui=("Kính gửi:", "- Tổng cục Lâm nghiệp;", "- Tổng cục Thủy sản."),
        first_body="Văn phòng Chính phủ có Công văn số 2058/VPCP-KGVX ngày 15 tháng 3 năm "
        "2013 gửi Bộ Nông nghiệp và PTNT đề nghị cho ý kiến về Báo cáo tình hình triển khai "
        "rà soát các khu bảo tồn theo quy định của Luật Đa dạng sinh học và các văn bản "
        "hướng dẫn dưới Luật của Bộ Tài nguyên và Môi trường gửi Thủ tướng Chính phủ (Công "
        "văn số 374/BTNMT-TCMT ngày 31 tháng 01 năm 2013).",
        last_body="Trân trọng sự hợp tác của quý Tổng cục./.",
        noi_nhan=("- Như trên;", "- Bộ trưởng để báo cáo;", "- Lưu: VT, KHCN."),
        chuc_danh=(
            "TL. BỘ TRƯỞNG",
            "Q. VỤ TRƯỞNG VỤ KHOA HỌC, CÔNG NGHỆ",
            "VÀ MÔI TRƯỜNG",
        ),
        ho_ten="Lê Văn Bầm",
    ),
    # Công văn of a Sở under the City People's Committee (cơ quan chủ quản on two lines).
    "sgddt_hcm_2865_2007": Expected(
        chu_quan=("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"),
        co_quan=("SỞ GIÁO DỤC VÀ ĐÀO TẠO",),
        so="Số: 2865/GDĐT-KT&KĐCL",
        ngay="Thành phố Hồ Chí Minh, ngày 07 tháng 12 năm 2007",
        vv="V/v tham gia ý kiến về dự thảo Quy chế thi tốt nghiệp THPT",
        kinh_gui=(
            "Kính gửi:",
            "- Hiệu trưởng trường Trung học phổ thông;",
            "- Giám đốc trung tâm giáo dục thường xuyên;",
            "- Hiệu trưởng trường Bổ túc văn hoá trực thuộc và trường ngành.",
        ),
        first_body="Theo văn bản số 906/KT-KĐ ngày 03.12.2007 của Bộ Giáo dục và Đào tạo – "
        "Cục Khảo thí và Kiểm định chất lượng giáo dục đã dự thảo Quy chế thi tốt nghiệp "
        "THPT. Trong đó, phân chia thành 225 vấn đề để các đơn vị nghiên cứu, trả lời đủ 225 "
        "vấn đề để làm cơ sở hoàn thiện văn bản trước khi ban hành Quy chế.",
        # the letter itself ends "... 13.12.2007." without the end mark the decree requires
        last_body="Các đơn vị gửi ý kiến về Phòng Khảo thí và Kiểm định chất lượng giáo dục "
        "(Phòng C2) trước ngày 13.12.2007./.",
        noi_nhan=("- Như trên (để thực hiện);", "- Lưu: VP, KT&KĐCL."),
        chuc_danh=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        ho_ten="Nguyễn Văn Ngai",
    ),
    # Quyết định of a provincial People's Committee: thẩm quyền, căn cứ, Điều, TM./KT.
    "ubnd_bac_giang_641_qd_2013": Expected(
        chu_quan=(),
        co_quan=("ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"),
        so="Số: 641/QĐ-UBND",
        ngay="Bắc Giang, ngày 02 tháng 12 năm 2013",
        ten_loai="QUYẾT ĐỊNH",
        trich_yeu="VỀ VIỆC BÃI BỎ QUYẾT ĐỊNH SỐ 68/2010/QĐ-UBND NGÀY 18/6/2010 VỀ LĨNH VỰC, "
        "THỜI GIAN TỔ CHỨC LÀM VIỆC NGÀY THỨ 7 HÀNG TUẦN ĐỂ TIẾP NHẬN, GIẢI QUYẾT THỦ TỤC "
        "HÀNH CHÍNH TẠI MỘT SỐ CƠ QUAN, ĐƠN VỊ VÀ UBND CẤP HUYỆN, CẤP XÃ TRÊN ĐỊA BÀN TỈNH "
        "BẮC GIANG",
        tham_quyen="ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        can_cu=(
            "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;",
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật của HĐND, UBND ngày 03/12/2004;",
            "Căn cứ Nghị định số 16/2013/NĐ-CP ngày 06/02/2013 của Chính phủ về rà soát, hệ "
            "thống văn bản quy phạm pháp luật;",
            "Xét đề nghị của Sở Nội vụ tại Tờ trình số 311/TTr-SNV ngày 11/11/2013,",
        ),
        first_body="Điều 1. Bãi bỏ Quyết định số 68/2010/QĐ-UBND ngày 18/6/2010 của UBND tỉnh "
        "về lĩnh vực, thời gian tổ chức làm việc ngày thứ 7 hàng tuần để tiếp nhận, giải "
        "quyết thủ tục hành chính tại một số cơ quan, đơn vị và UBND cấp huyện, cấp xã trên "
        "địa bàn tỉnh Bắc Giang.",
        last_body="Giám đốc các Sở, Thủ trưởng các cơ quan thuộc UBND tỉnh; Chủ tịch UBND các "
        "huyện, thành phố; Chủ tịch UBND các xã, phường, thị trấn; các tổ chức, cá nhân có "
        "liên quan căn cứ Quyết định thi hành./.",
        noi_nhan=(
            "- Như Điều 2 (Sở Nội vụ 3 bản);",
            "- CT, các PCT UBND tỉnh;",
            "- LĐVP, TH, TTTHCB;",
            "- Cục Kiểm tra văn bản, Bộ Tư pháp;",
            "- TT Tỉnh ủy, TT HĐND tỉnh;",
            "- Lưu: VT, NC.",
        ),
        chuc_danh=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ho_ten="Nguyễn Văn Linh",
        dieu=("Điều 1.", "Điều 2."),
    ),
    # Kế hoạch of a provincial People's Committee, trimmed; its closing is not in the
    # source, so nothing is asserted about it.
    "ubnd_lang_son_07_kh_2020": Expected(
        chu_quan=(),
        co_quan=("ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"),
        so="Số: 07/KH-UBND",
        ngay="Lạng Sơn, ngày 13 tháng 01 năm 2020",
        ten_loai="KẾ HOẠCH",
        trich_yeu="TRIỂN KHAI CÁC GIẢI PHÁP PHÒNG, CHỐNG HẠN HÁN, THIẾU NƯỚC PHỤC VỤ SẢN "
        "XUẤT NÔNG NGHIỆP VÀ DÂN SINH MÙA KHÔ NĂM 2019 - 2020",
        first_body="Thực hiện Chỉ thị số 8008/CT-TCTL ngày 25/10/2019 của Bộ trưởng Bộ Nông "
        "nghiệp và Phát triển nông thôn về việc tăng cường thực hiện các giải pháp thủy lợi "
        "phòng, chống hạn hán, thiếu nước phục vụ sản xuất nông nghiệp và dân sinh, mùa khô "
        "năm 2019 - 2020. Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện như sau:",
        last_body="Huy động, lồng ghép sử dụng hiệu quả các nguồn lực để phục vụ công tác ứng "
        "phó với hạn hán, thiếu nước và tác động của biến đổi khí hậu đảm bảo kịp thời, tiết "
        "kiệm, hiệu quả./.",
        noi_nhan=None,
        chuc_danh=None,
    ),
}


# --- reading the DOCX -------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """The parts of one rendered document, read back with python-docx."""

    header: list[list[docx.table._Cell]]
    closing: list[docx.table._Cell]
    body: list[docx.text.paragraph.Paragraph]


@cache
def rendered(stem: str) -> Rendered:
    doc = congvan.load(REAL / f"{stem}.yaml")
    document = docx.Document(io.BytesIO(doc.to_bytes()))
    header, closing = document.tables[0], document.tables[-1]
    return Rendered(
        header=[list(row.cells) for row in header.rows],
        closing=list(closing.rows[0].cells),
        body=[p for p in document.paragraphs if p.text.strip()],
    )


def lines(cell: docx.table._Cell) -> list[docx.text.paragraph.Paragraph]:
    """The non-empty paragraphs of a table cell."""
    return [p for p in cell.paragraphs if p.text.strip()]


def texts(paragraphs: list[docx.text.paragraph.Paragraph]) -> list[str]:
    return [p.text for p in paragraphs]


def all_bold(paragraph: docx.text.paragraph.Paragraph) -> bool:
    return all(r.bold for r in paragraph.runs if r.text.strip())


def none_bold(paragraph: docx.text.paragraph.Paragraph) -> bool:
    return not any(r.bold for r in paragraph.runs if r.text.strip())


def all_italic(paragraph: docx.text.paragraph.Paragraph) -> bool:
    return all(r.italic for r in paragraph.runs if r.text.strip())


def none_italic(paragraph: docx.text.paragraph.Paragraph) -> bool:
    return not any(r.italic for r in paragraph.runs if r.text.strip())


def index_of(paragraphs: list[docx.text.paragraph.Paragraph], text: str) -> int:
    found = [i for i, p in enumerate(paragraphs) if p.text == text]
    assert found, f"no paragraph {text!r} in {texts(paragraphs)}"
    return found[0]


def yaml_body(stem: str) -> list[str]:
    """The body paragraphs as the YAML file writes them (read with PyYAML, not congvan)."""
    raw = yaml.safe_load((REAL / f"{stem}.yaml").read_text(encoding="utf-8"))["noi_dung"]
    items = raw.splitlines() if isinstance(raw, str) else raw
    return [line.strip() for line in items if line.strip()]


STEMS = [path.stem for path in FILES]


# --- the data files themselves ----------------------------------------------------------


def test_every_real_document_has_its_expected_lines() -> None:
    assert len(FILES) >= 6
    assert sorted(EXPECTED) == sorted(STEMS)


@pytest.mark.parametrize("path", FILES, ids=STEMS)
def test_source_comment_comes_first(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# source: http"), first


def test_required_mix_of_documents() -> None:
    loaded = {stem: congvan.load(REAL / f"{stem}.yaml") for stem in STEMS}
    by_loai = {doc.loai for doc in loaded.values()}
    assert {"cong_van", "quyet_dinh"} <= by_loai
    assert by_loai & {"ke_hoach", "thong_bao"}
    assert any(doc.co_quan_chu_quan for doc in loaded.values())
    assert any(doc.kinh_gui and len(doc.kinh_gui) > 1 and doc.co_quan.startswith("Ủy ban")
               for doc in loaded.values())
    assert any(doc.nguoi_ky.chuc_danh[0].startswith(("TL.", "KT.")) and not doc.co_quan_chu_quan
               and not doc.co_quan.startswith("Ủy ban") for doc in loaded.values())


# --- header: ô 1-4 and the V/v line ------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_header_agency_cell(stem: str) -> None:
    exp = EXPECTED[stem]
    cell = lines(rendered(stem).header[0][0])
    assert texts(cell) == [*exp.chu_quan, *exp.co_quan]
    for paragraph in cell[: len(exp.chu_quan)]:
        assert none_bold(paragraph), f"cơ quan chủ quản {paragraph.text!r} is not bold"
    for paragraph in cell[len(exp.chu_quan):]:
        assert all_bold(paragraph), f"agency line {paragraph.text!r} is bold"


@pytest.mark.parametrize("stem", STEMS)
def test_header_quoc_hieu_cell(stem: str) -> None:
    cell = lines(rendered(stem).header[0][1])
    assert texts(cell) == [QUOC_HIEU, TIEU_NGU]
    assert all(all_bold(p) for p in cell)


@pytest.mark.parametrize("stem", STEMS)
def test_header_so_and_vv(stem: str) -> None:
    exp = EXPECTED[stem]
    cell = lines(rendered(stem).header[1][0])
    assert texts(cell) == [exp.so] + ([exp.vv] if exp.vv else [])
    assert none_italic(cell[0])


@pytest.mark.parametrize("stem", STEMS)
def test_header_date_line(stem: str) -> None:
    cell = lines(rendered(stem).header[1][1])
    assert texts(cell) == [EXPECTED[stem].ngay]
    assert all_italic(cell[0])
    assert none_bold(cell[0])


# --- typed documents: tên loại, trích yếu, thẩm quyền, căn cứ ----------------------------


TYPED = [stem for stem in STEMS if EXPECTED[stem].ten_loai]
QD = [stem for stem in STEMS if EXPECTED[stem].tham_quyen]


@pytest.mark.parametrize("stem", TYPED)
def test_type_name_and_trich_yeu(stem: str) -> None:
    exp = EXPECTED[stem]
    body = rendered(stem).body
    assert body[0].text == exp.ten_loai
    assert all_bold(body[0])
    assert body[1].text == exp.trich_yeu
    assert all_bold(body[1])


@pytest.mark.parametrize("stem", QD)
def test_quyet_dinh_authority_can_cu_and_dieu(stem: str) -> None:
    exp = EXPECTED[stem]
    body = rendered(stem).body
    at = index_of(body, exp.tham_quyen)
    assert at == 2, "the thẩm quyền line comes right after the trích yếu"
    assert all_bold(body[at])
    can_cu = body[at + 1 : at + 1 + len(exp.can_cu)]
    assert texts(can_cu) == list(exp.can_cu)
    for paragraph in can_cu:
        assert all_italic(paragraph), f"căn cứ {paragraph.text!r} is italic"
    quyet = body[at + 1 + len(exp.can_cu)]
    assert quyet.text == "QUYẾT ĐỊNH:"
    assert all_bold(quyet)
    labels = [[r for r in p.runs if r.text] for p in body if p.text.startswith("Điều ")]
    assert [runs[0].text for runs in labels] == list(exp.dieu)
    for runs in labels:
        assert runs[0].bold, f"{runs[0].text!r} is bold"
        assert not any(r.bold for r in runs[1:] if r.text.strip()), "the rest is not bold"


# --- Kính gửi and the body ---------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_kinh_gui(stem: str) -> None:
    exp = EXPECTED[stem]
    body = rendered(stem).body
    present = [p for p in body if p.text.startswith("Kính gửi")]
    if not exp.kinh_gui:
        assert present == []
        return
    at = index_of(body, exp.kinh_gui[0])
    assert texts(body[at : at + len(exp.kinh_gui)]) == list(exp.kinh_gui)
    assert body[at + len(exp.kinh_gui)].text == exp.first_body, "the body follows Kính gửi"


@pytest.mark.parametrize("stem", STEMS)
def test_body_paragraphs(stem: str) -> None:
    exp = EXPECTED[stem]
    wanted = yaml_body(stem)
    assert wanted[0] == exp.first_body
    assert wanted[-1].removesuffix("./.").rstrip(".") == exp.last_body.removesuffix("./.")
    wanted[-1] = exp.last_body  # the end mark "./." closes the body (Phụ lục I)
    body = rendered(stem).body
    at = index_of(body, exp.first_body)
    assert texts(body[at : at + len(wanted)]) == wanted
    assert len(body) == at + len(wanted), "nothing is printed after the body's last paragraph"
    assert body[-1].text.endswith("./.")


# --- closing: Nơi nhận and the signer ----------------------------------------------------


CLOSED = [stem for stem in STEMS if EXPECTED[stem].chuc_danh is not None]


@pytest.mark.parametrize("stem", CLOSED)
def test_noi_nhan(stem: str) -> None:
    exp = EXPECTED[stem]
    cell = lines(rendered(stem).closing[0])
    assert cell[0].text == "Nơi nhận:"
    assert all_bold(cell[0]) and all_italic(cell[0])
    assert texts(cell[1:]) == list(exp.noi_nhan or ())
    for paragraph in cell[1:]:
        assert none_bold(paragraph)


@pytest.mark.parametrize("stem", CLOSED)
def test_signer(stem: str) -> None:
    exp = EXPECTED[stem]
    cell = lines(rendered(stem).closing[-1])
    chuc_danh = list(exp.chuc_danh or ())
    assert texts(cell) == [*chuc_danh, exp.ho_ten]
    for paragraph in cell[: len(chuc_danh)]:
        assert paragraph.text == paragraph.text.upper()
        assert all_bold(paragraph), f"title line {paragraph.text!r} is bold"
    assert all_bold(cell[-1]), "the signer's name is bold"
