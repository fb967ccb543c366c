"""Ticket QR codes, drawn on our own server (segno) – no third-party QR service."""

from __future__ import annotations

import io

import segno


def qr_svg(code: str, *, scale: int = 6) -> str:
    """A standalone SVG document holding the ticket code (what the door scanner reads)."""
    buffer = io.BytesIO()
    segno.make(code, error="m").save(
        buffer, kind="svg", scale=scale, border=2, title=f"Ticket {code}", xmldecl=True
    )
    return buffer.getvalue().decode()


def qr_inline(code: str, *, label: str) -> str:
    """The same code as inline SVG markup for HTML pages (no style attributes, CSP-safe)."""
    return segno.make(code, error="m").svg_inline(
        scale=6, border=2, title=label, svgclass="ticket__qr", lineclass=None, omitsize=False
    )
