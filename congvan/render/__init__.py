"""Renderers: each turns a :class:`congvan.context.build.Context` into one output format."""
