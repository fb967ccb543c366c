"""Hostile and ordinary image files for upload tests (made with Pillow, no fixtures on disk)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

PHP_PAYLOAD = b"<?php system($_GET['c']); ?>"


def jpeg_with_gps(*, size: tuple[int, int] = (320, 240)) -> bytes:
    picture = Image.new("RGB", size, (200, 80, 40))
    exif = picture.getexif()
    exif[0x010F] = "Spy Camera"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 15.0, 30.0)
    gps[3] = "E"
    gps[4] = (7.0, 9.0, 0.0)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    # A trailing payload: browsers ignore it, a PHP or HTML sniffer would not.
    return buffer.getvalue() + PHP_PAYLOAD


def html_polyglot() -> bytes:
    """An HTML page that also carries a PNG: the bytes do not start like an image."""
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "blue").save(buffer, "PNG")
    return b"<html><script>alert(document.cookie)</script>" + buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(*, width: int = 12_000, height: int = 12_000) -> bytes:
    """A tiny file whose header claims 144 megapixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


def assert_clean(data: bytes) -> None:
    """Re-encoded: no EXIF (so no GPS), no trailing payload, still a readable picture."""
    assert PHP_PAYLOAD not in data and b"Spy Camera" not in data
    picture = Image.open(io.BytesIO(data))
    picture.load()
    assert not picture.getexif()
