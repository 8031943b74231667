"""The query page served at ``/``."""
from __future__ import annotations


def render_page(source_name: str, triples: int) -> str:
    return f"<!doctype html><title>{source_name}</title><p>{triples} triples</p>"
