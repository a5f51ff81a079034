"""The document as facts: models.py (VanBan and one class per layout family, a discriminated
union on ``loai``), parts.py and forms.py (what they hold), loai.py (the 29 types), checked.py
and problems.py (every way in reports every problem at once), loading.py (files).

Nothing here knows how a document is printed; congvan.context turns these facts into the
decree's lines.
"""
