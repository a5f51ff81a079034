"""The 29 administrative document types of Nghị định 30/2020, Điều 7 (spec §7), in one table.

Each type is a :class:`Loai` member carrying its key (the YAML ``loai``, which is also the
member's string value), its printed name, its abbreviation in the ký hiệu (None for công
văn and thư công, which have none) and the layout family whose template prints it.  The
table is the only list of types: the models' ``loai`` field, the layout families, the YAML
reference and the reply extractor all read it, so nothing else can disagree with it.
"""

from __future__ import annotations

from enum import StrEnum

from congvan.context.printed import Layout


class Loai(StrEnum):
    """A document type: ``Loai.QUYET_DINH == "quyet_dinh"``, ``.ten == "Quyết định"``,
    ``.viet_tat == "QĐ"``, ``.layout is Layout.QUYET_DINH``."""

    ten: str
    viet_tat: str | None
    layout: Layout

    def __new__(cls, key: str, ten: str, viet_tat: str | None, layout: Layout) -> Loai:
        member = str.__new__(cls, key)
        member._value_ = key
        member.ten = ten
        member.viet_tat = viet_tat
        member.layout = layout
        return member

    CONG_VAN = ("cong_van", "Công văn", None, Layout.CONG_VAN)
    QUYET_DINH = ("quyet_dinh", "Quyết định", "QĐ", Layout.QUYET_DINH)
    NGHI_QUYET = ("nghi_quyet", "Nghị quyết", "NQ", Layout.QUYET_DINH)
    CHI_THI = ("chi_thi", "Chỉ thị", "CT", Layout.VAN_BAN)
    QUY_CHE = ("quy_che", "Quy chế", "QC", Layout.VAN_BAN)
    QUY_DINH = ("quy_dinh", "Quy định", "QyĐ", Layout.VAN_BAN)
    THONG_CAO = ("thong_cao", "Thông cáo", "TC", Layout.VAN_BAN)
    THONG_BAO = ("thong_bao", "Thông báo", "TB", Layout.VAN_BAN)
    HUONG_DAN = ("huong_dan", "Hướng dẫn", "HD", Layout.VAN_BAN)
    CHUONG_TRINH = ("chuong_trinh", "Chương trình", "CTr", Layout.VAN_BAN)
    KE_HOACH = ("ke_hoach", "Kế hoạch", "KH", Layout.VAN_BAN)
    PHUONG_AN = ("phuong_an", "Phương án", "PA", Layout.VAN_BAN)
    DE_AN = ("de_an", "Đề án", "ĐA", Layout.VAN_BAN)
    DU_AN = ("du_an", "Dự án", "DA", Layout.VAN_BAN)
    BAO_CAO = ("bao_cao", "Báo cáo", "BC", Layout.VAN_BAN)
    BIEN_BAN = ("bien_ban", "Biên bản", "BB", Layout.BIEN_BAN)
    TO_TRINH = ("to_trinh", "Tờ trình", "TTr", Layout.VAN_BAN)
    HOP_DONG = ("hop_dong", "Hợp đồng", "HĐ", Layout.VAN_BAN)
    CONG_DIEN = ("cong_dien", "Công điện", "CĐ", Layout.CONG_DIEN)
    BAN_GHI_NHO = ("ban_ghi_nho", "Bản ghi nhớ", "BGN", Layout.VAN_BAN)
    BAN_THOA_THUAN = ("ban_thoa_thuan", "Bản thỏa thuận", "BTT", Layout.VAN_BAN)
    GIAY_UY_QUYEN = ("giay_uy_quyen", "Giấy ủy quyền", "GUQ", Layout.VAN_BAN)
    GIAY_MOI = ("giay_moi", "Giấy mời", "GM", Layout.GIAY_MOI)
    GIAY_GIOI_THIEU = ("giay_gioi_thieu", "Giấy giới thiệu", "GGT", Layout.GIAY_GIOI_THIEU)
    GIAY_NGHI_PHEP = ("giay_nghi_phep", "Giấy nghỉ phép", "GNP", Layout.GIAY_NGHI_PHEP)
    PHIEU_GUI = ("phieu_gui", "Phiếu gửi", "PG", Layout.VAN_BAN)
    PHIEU_CHUYEN = ("phieu_chuyen", "Phiếu chuyển", "PC", Layout.VAN_BAN)
    PHIEU_BAO = ("phieu_bao", "Phiếu báo", "PB", Layout.VAN_BAN)
    THU_CONG = ("thu_cong", "Thư công", None, Layout.CONG_VAN)

    @property
    def key(self) -> str:
        """The YAML key, e.g. "quyet_dinh" (the member's own string value)."""
        return self.value

    @property
    def ten_in_hoa(self) -> str:
        """The type name as printed in the tên loại line: "QUYẾT ĐỊNH"."""
        from congvan.text.vi import upper

        return upper(self.ten)

    @classmethod
    def from_key(cls, key: str) -> Loai:
        """Return the type whose YAML key is ``key`` (ValueError for an unknown one)."""
        for member in cls:
            if member.value == key:
                return member
        raise ValueError(f"{key!r} is not a document type")


def loai_of(layout: Layout) -> tuple[Loai, ...]:
    """The types one layout family prints, in the decree's order."""
    return tuple(member for member in Loai if member.layout is layout)
