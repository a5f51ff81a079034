"""A user template cannot reach into one render's values to change the next (issue 17.9)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from congvan.document.models import VanBan
from congvan.errors import TemplateProblemError
from tests.factories import minimal

ATTACKS = [
    "{{ noi_dung[0].rich.add('CHEN VAO') }}",  # docxtpl's RichText had add(): now a Markup
    "{{ noi_nhan.append('CHEN VAO') }}",
    "{{ phu_luc.__class__ }}",
]


def user_template(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in ("{{ so }}", *paragraphs):
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_template_cannot_change_the_cached_values_of_a_later_render(tmp_path: Path,
                                                                      attack: str) -> None:
    doc = VanBan.model_validate(minimal(noi_dung="Một đoạn có **chữ đậm**."))
    before = doc.to_bytes()
    with pytest.raises(TemplateProblemError,
                       match=r"t\.docx: word/document\.xml: .*(has no attribute|unsafe)"):
        doc.to_bytes(template=user_template(tmp_path / "t.docx", attack))
    after = doc.to_bytes()
    assert after == before
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(after)).paragraphs)
    assert "CHEN VAO" not in text


def test_the_template_environment_refuses_to_mutate_any_list_or_dict() -> None:
    from jinja2.exceptions import SecurityError

    from congvan.render.docx import jinja_environment

    env = jinja_environment()
    for source in ("{{ x.append(1) }}", "{{ d.update(a=1) }}", "{{ d.clear() }}"):
        with pytest.raises(SecurityError):
            env.from_string(source).render(x=[], d={})
