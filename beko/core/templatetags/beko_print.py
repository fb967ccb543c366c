"""Print helpers: `{% qr_code url %}` – a QR code of an address, drawn on our server.

Printed pages (an offer, an event) carry their address as text and as a QR code, so a
sheet on a notice board leads back to the current page on a phone. segno draws the code
as SVG (no image request, nothing leaves the server).
"""

from __future__ import annotations

import io

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def qr_code(url: str, scale: int = 3) -> SafeString:
    """The QR code of `url` as an inline SVG, decorative (the address is printed beside)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        scale=scale,
        border=2,
        xmldecl=False,
        svgns=True,
        nl=False,
        svgclass="qr-code",
    )
    svg = buffer.getvalue().decode()
    # segno writes <svg …>; the code is decoration next to the printed address.
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return format_html("{}", mark_safe(svg))  # noqa: S308 - segno output from a URL we built
