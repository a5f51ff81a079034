"""Replies: read an incoming letter and draft the answer.

thu_den (the one incoming-letter type, the one summariser), incoming (any file -> ThuDen:
YAML, DOCX through the guarded reader, PDF, text), extract/ (fields out of text), ocr (text of
a PDF: its text layer or tesseract), ocr_fix (ký hiệu corrections the registry proves), draft
(the reply, defaults per agency kind from congvan.registry.levels), draft_yaml (the YAML with
its comments).
"""
