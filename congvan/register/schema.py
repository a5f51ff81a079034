"""The register's tables (SQLAlchemy Core), as of the newest schema version.

``day_so`` holds one row per (numbering system, year): the last number taken.  Numbering
locks that row, so the number and the document's row are written in one transaction.
``van_ban_di`` and ``van_ban_den`` hold the columns of Phụ lục IV as they are printed
(the register is a record of what was issued, not a cache of the model), and the
document's JSON for anyone who needs more.  Every change to these tables is a new step in
congvan.register.migrations.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

#: key/value facts about the register: ``schema_version``, ``ung_dung`` (= "congvan").
thong_tin = Table(
    "congvan_so_dang_ky",
    metadata,
    Column("khoa", String(50), primary_key=True),
    Column("gia_tri", Text, nullable=False),
)

day_so = Table(
    "day_so",
    metadata,
    Column("he_thong", String(100), primary_key=True),
    Column("nam", Integer, primary_key=True),
    Column("so_cuoi", Integer, nullable=False),
)

van_ban_di = Table(
    "van_ban_di",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("he_thong", String(100), nullable=False),
    Column("nam", Integer, nullable=False),
    Column("so", Integer, nullable=False),
    Column("ky_hieu", String(200), nullable=False),
    Column("co_quan", String(500), nullable=False),
    Column("so_ky_hieu", String(250), nullable=False),
    Column("ngay", Date, nullable=False),
    Column("loai", String(50), nullable=False),
    Column("ten_loai_trich_yeu", Text, nullable=False),
    Column("nguoi_ky", Text, nullable=False),
    Column("noi_nhan", Text, nullable=False),
    Column("don_vi_luu", Text, nullable=False),
    Column("so_luong_ban", Integer),
    Column("ngay_chuyen", Date),
    Column("ky_nhan", Text),
    Column("ghi_chu", Text, nullable=False),
    Column("da_huy", Date),
    Column("ly_do_huy", Text),
    Column("du_lieu", Text, nullable=False),
    Column("ghi_luc", DateTime(timezone=True), nullable=False),
    UniqueConstraint("he_thong", "nam", "so", name="uq_van_ban_di_so"),
    UniqueConstraint("nam", "so", "ky_hieu", "co_quan", name="uq_van_ban_di_so_ky_hieu"),
)

van_ban_den = Table(
    "van_ban_den",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("he_thong", String(100), nullable=False),
    Column("nam", Integer, nullable=False),
    Column("so_den", Integer, nullable=False),
    Column("ngay_den", Date, nullable=False),
    Column("tac_gia", String(500), nullable=False),
    Column("so_ky_hieu", String(250), nullable=False),
    Column("ngay", Date),
    Column("ten_loai_trich_yeu", Text, nullable=False),
    Column("don_vi_nhan", Text),
    Column("ngay_chuyen", Date),
    Column("ky_nhan", Text),
    Column("ghi_chu", Text, nullable=False),
    Column("ghi_luc", DateTime(timezone=True), nullable=False),
    UniqueConstraint("he_thong", "nam", "so_den", name="uq_van_ban_den_so_den"),
)

#: Version 2: the numbering systems chosen by configuration, shared by every văn thư.
he_thong_so = Table(
    "he_thong_so",
    metadata,
    Column("thu_tu", Integer, primary_key=True),
    Column("cau_hinh", Text, nullable=False),
)

#: The tables a congvan register owns, to tell a foreign database from an empty one.
OWN_TABLES = frozenset(metadata.tables)
