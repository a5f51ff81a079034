"""A draft's body reads back as the same document: tables as pipe tables where the pipe form
holds them, the list form otherwise (congvan.reply.draft_yaml.body_text)."""

from __future__ import annotations

import yaml

import congvan
from congvan.document.blocks import Bang
from congvan.reply.draft_yaml import body_text
from tests.factories import minimal


def test_a_table_is_written_as_a_pipe_table_that_reads_back_the_same() -> None:
    bang = Bang.model_validate({"bang": [["STT", "Nội dung", "Kết quả"], ["1", "a|b", ""]],
                                "can": ["giua", "trai", "phai"]})
    text = body_text(["Một.", bang, "Hai."])
    assert text == ("Một.\n| STT | Nội dung | Kết quả |\n|:---:|:---|---:|\n"
                    "| 1 | a\\|b |  |\nHai.\n")
    doc = congvan.VanBan.model_validate(minimal(noi_dung=text))
    assert doc.noi_dung == ["Một.", bang, "Hai."]


def test_a_table_the_pipe_form_cannot_hold_keeps_the_list_form() -> None:
    spanning = Bang.model_validate({"bang": [["STT", "Nội dung"], ["I. NHÓM"], ["1", "x"]],
                                    "do_rong": [15, 100]})
    written = body_text(["Một.", spanning])
    assert isinstance(written, list)
    reread = yaml.safe_load(yaml.safe_dump({"noi_dung": written}, allow_unicode=True))
    doc = congvan.VanBan.model_validate(minimal(**reread))
    assert doc.noi_dung == ["Một.", spanning]
