"""The document as facts: the models (one class per layout family), the 29 types, loading.

Nothing here knows how a document is printed; congvan.context turns these facts into the
decree's lines.
"""
