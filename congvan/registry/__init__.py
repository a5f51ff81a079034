"""Dated registries: the provincial-level units (provinces) and the central agencies (agencies).

Both are CSV files in data/, one row per unit and validity period, read once and chosen by
the document's date.
"""
