"""Private file storage: uploads that must never be reachable under MEDIA_URL.

Inquiry attachments, CSV import files and images waiting for approval (event photos,
organisation logos) live under PRIVATE_MEDIA_ROOT. The web server does not serve that folder;
a view decides per request who may read a file and streams it with `private_file_response`.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = _PrivateStorage()


def get_private_storage() -> FileSystemStorage:
    """Referenced by model fields (not the storage itself), so migrations hold no local path."""
    return private_storage  # type: ignore[return-value]  # a lazy proxy of FileSystemStorage


def private_storage_reset() -> None:
    """Re-read PRIVATE_MEDIA_ROOT (tests move it at run time)."""
    private_storage._wrapped = empty  # type: ignore[assignment]  # LazyObject's "not set up" marker


def private_file_response(*, name: str, cache: str = "private, no-store") -> FileResponse:
    """Stream a private file inline; 404 when it is gone."""
    if not name or not private_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(private_storage.open(name, "rb"), content_type=content_type)
    response.headers["Cache-Control"] = cache
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def move_media_to_private(*, names: list[str]) -> None:
    """Move files uploaded before they became private (data migrations); idempotent."""
    import shutil
    from pathlib import Path

    for name in names:
        source = Path(settings.MEDIA_ROOT) / name
        target = Path(settings.PRIVATE_MEDIA_ROOT) / name
        if name and source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
