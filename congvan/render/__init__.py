"""Renderers: each turns a :class:`congvan.context.Context` into one output format."""
