"""Renderers: each turns a :class:`congvan.context.printed.Context` into one output format."""
