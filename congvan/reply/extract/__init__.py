"""Reading a letter's fields out of text or any DOCX by the decree's conventions.

clean (normalising damaged text), header (số, ký hiệu, date, agency, subject), body (the
numbered requests, the signer, nơi nhận, where a phụ lục starts), docx (the visible lines of a
DOCX through the size-checked package reader), letter (the whole letter as a ThuDen).
"""

from congvan.reply.extract.letter import ThuDen, extract_docx, extract_letter

__all__ = ["ThuDen", "extract_docx", "extract_letter"]
