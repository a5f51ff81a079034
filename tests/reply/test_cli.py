"""``congvan reply`` from the command line: the options, notes on stderr, errors in one line.

The incoming letters are real published letters (tests/data, each naming its source) and the
7540 example.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import congvan
from congvan.cli import app
from tests.conftest import DATA, EXAMPLES

runner = CliRunner()


def reply(tmp_path: Path, *args: str | Path) -> tuple[Any, Path]:
    out = tmp_path / "reply.yaml"
    result = runner.invoke(app, ["reply", *map(str, args), "-o", str(out)])
    return result, out


def test_a_district_replies_to_its_province_from_a_real_letter(tmp_path: Path) -> None:
    """454/UBND-NCTH of Hậu Giang (2011) to the district chairs; huyện Châu Thành A answers."""
    result, out = reply(tmp_path, DATA / "454_ubnd_hau_giang.txt",
                        "--tu", "Ủy ban nhân dân huyện Châu Thành A")
    assert result.exit_code == 0, result.stderr
    draft = congvan.load(out)
    assert (draft.dia_danh, draft.ky_hieu) == ("Châu Thành A", "UBND-TH")
    assert draft.kinh_gui == ["Ủy ban nhân dân tỉnh Hậu Giang"]
    assert draft.nguoi_ky.chuc_danh == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân huyện" in draft.noi_nhan
    text = out.read_text(encoding="utf-8")
    assert "its second group is the field (TH, guessed: the sender is in no registry)" in text


def test_a_department_reports_to_its_province_from_a_real_letter(tmp_path: Path) -> None:
    """722/UBND-MT of Bắc Giang (2013) to Sở Tài nguyên và Môi trường, which reports back."""
    result, out = reply(tmp_path, DATA / "722_ubnd_bac_giang.txt",
                        "--tu", "Sở Tài nguyên và Môi trường",
                        "--chu-quan", "Ủy ban nhân dân tỉnh Bắc Giang", "--loai", "bao_cao")
    assert result.exit_code == 0, result.stderr
    draft = congvan.load(out)
    assert (draft.loai, draft.dia_danh, draft.ky_hieu) == ("bao_cao", "Bắc Giang", "BC-STNMT")
    assert draft.nguoi_ky.chuc_danh == ["GIÁM ĐỐC"]


def test_the_options_set_the_place_ky_hieu_signer_and_recipients(tmp_path: Path) -> None:
    result, out = reply(tmp_path, EXAMPLES / "7540.yaml", "--tu", "Sở Công Thương",
                        "--dia-danh", "Lào Cai", "--ky-hieu", "SCT-QLCN",
                        "--nguoi-ky", "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC/Nguyễn Văn A",
                        "--kinh-gui", "Bộ Công Thương",
                        "--kinh-gui", "Ủy ban nhân dân tỉnh Lào Cai",
                        "--so-den", "1234")
    assert result.exit_code == 0, result.stderr
    draft = congvan.load(out)
    assert (draft.dia_danh, draft.ky_hieu) == ("Lào Cai", "SCT-QLCN")
    assert draft.nguoi_ky.chuc_danh == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert draft.nguoi_ky.ho_ten == "Nguyễn Văn A"
    assert draft.kinh_gui == ["Bộ Công Thương", "Ủy ban nhân dân tỉnh Lào Cai"]
    text = out.read_text(encoding="utf-8")
    assert "# Số đến of the incoming letter in the register: 1234." in text
    guesses = [line for line in text.splitlines() if line.startswith("#   ")]
    assert [g.split(":")[0] for g in guesses] == ["#   luu"]  # the options are no guesses
    assert result.stderr == f"{out}: to confirm luu (see the comments at its top)\n"


def test_a_missing_place_is_an_error_line_with_the_file_prefix(tmp_path: Path) -> None:
    letter = EXAMPLES / "7540.yaml"
    result, out = reply(tmp_path, letter, "--tu", "Sở Tài chính")
    assert result.exit_code == 1
    assert result.stderr == (f"congvan: {letter}: dia_danh: 'Sở Tài chính' names no province, "
                             "district or commune or its parent agency (--chu-quan); pass the "
                             "place (--dia-danh)\n")
    assert not out.exists()


def test_a_signer_without_a_title_is_refused(tmp_path: Path) -> None:
    result, _ = reply(tmp_path, EXAMPLES / "7540.yaml", "--tu", "Ủy ban nhân dân tỉnh Lào Cai",
                      "--nguoi-ky", "Nguyễn Văn A")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"congvan: {EXAMPLES / '7540.yaml'}: nguoi_ky: ")


def test_what_could_not_be_read_is_a_note_not_an_error(tmp_path: Path) -> None:
    """A copy that lost its Nơi nhận and signer (a web page cut short): the draft is written,
    exit 0, the gaps are comments and one summary line without the error prefix."""
    text = (DATA / "7540_scan.txt").read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text.split("Nơi nhận")[0], encoding="utf-8")
    result, out = reply(tmp_path, cut, "--tu", "Ủy ban nhân dân tỉnh Lào Cai")
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert not line.startswith("congvan:")
    assert line == (f"{out}: could not read or check nguoi_ky, noi_nhan; to confirm ky_hieu, luu, "
                    "nguoi_ky (see the comments at its top)")
    comments = [c for c in out.read_text(encoding="utf-8").splitlines() if c.startswith("#")]
    assert "# Notes on the incoming letter:" in comments
    assert "#   noi_nhan: no 'Nơi nhận:' list found" in comments


@pytest.mark.parametrize("kieu", ["bao_cao", "giao_viec"])
def test_every_draft_loads_back_as_the_same_fields(tmp_path: Path, kieu: str) -> None:
    result, out = reply(tmp_path, EXAMPLES / "7540.yaml", "--tu", "Ủy ban nhân dân xã Tả Van",
                        "--kieu", kieu)
    assert result.exit_code == 0, result.stderr
    raw = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert raw["dia_danh"] == "Tả Van"
    assert congvan.load(out).to_bytes()
