"""Replies: read an incoming letter (incoming, extract/) and draft the answer (draft)."""
