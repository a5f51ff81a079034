"""Private OOXML layer: safe package open, XML helpers, custom properties, ZIP writing, merging.

Everything that touches a .docx as a ZIP of XML parts lives here, below the domain layers
(render, checker, reply, batch), so size limits and parsing rules are applied in one place.
"""
