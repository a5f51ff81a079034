"""The rules, one small module per part of the page; importing this registers them all.

Modules are imported in page order so that ``RULES`` — and so every report — runs from the
paper and fonts, through the header block and body, to the closing block.
"""

from importlib import import_module

MODULES = ("page", "header", "body", "closing", "phu_luc")

for _name in MODULES:
    import_module(f"{__name__}.{_name}")
