"""render_batch's documented parameters: a user's template, progress, a file object."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from congvan.batch.run import render_batch
from congvan.document.loading import validate_document
from congvan.registry.provinces import tinh_63
from tests.factories import minimal


def test_a_batch_with_a_users_template(tmp_path: Path) -> None:
    from importlib import resources

    template = docx.Document(io.BytesIO(
        (resources.files("congvan") / "templates" / "cong_van.docx").read_bytes()))
    template.add_paragraph("MẪU CỦA SỞ")
    template.save(str(tmp_path / "mau.docx"))
    ticks: list[tuple[int, int]] = []
    summary = render_batch(validate_document(minimal()), tinh_63(None)[:3],
                           out=tmp_path / "o.zip", template=tmp_path / "mau.docx",
                           progress=lambda done, total: ticks.append((done, total)))
    assert ticks == [(1, 3), (2, 3), (3, 3)]
    with zipfile.ZipFile(tmp_path / "o.zip") as archive:
        for name in summary.written:
            texts = [p.text for p in docx.Document(io.BytesIO(archive.read(name))).paragraphs]
            assert texts[-1] == "MẪU CỦA SỞ"
