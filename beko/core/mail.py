"""Development e-mail: every message lands as a file that staff can read at /intern/e-mails/."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage as ParsedMessage
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone
from django.utils.crypto import get_random_string

MAIL_FILE_NAME = r"[0-9]{8}-[0-9]{6}-[a-z0-9]{8}\.eml"


def mail_dir() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


class DevelopmentEmailBackend(BaseEmailBackend):
    """Writes each message to its own .eml file in EMAIL_FILE_PATH and prints the path.

    Django's file backend appends a whole connection to one log file; one file per message is
    what the staff mail page and a developer's `xdg-open` want.
    """

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = mail_dir()
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            name = f"{stamp}-{get_random_string(8, 'abcdefghijklmnopqrstuvwxyz0123456789')}.eml"
            path = folder / name
            path.write_bytes(message.message().as_bytes())
            print(f"E-Mail an {', '.join(message.to)}: {path}", file=sys.stderr)
            sent += 1
        return sent


@dataclass(frozen=True)
class StoredMail:
    name: str
    subject: str
    to: str
    sent_at: datetime
    text: str


def _text_of(parsed: ParsedMessage) -> str:
    part = parsed.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def stored_mail(path: Path) -> StoredMail:
    parsed: Any = message_from_bytes(path.read_bytes(), policy=policy.default)
    return StoredMail(
        name=path.name,
        subject=str(parsed.get("Subject", "")),
        to=str(parsed.get("To", "")),
        sent_at=datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone()),
        text=_text_of(parsed),
    )


def stored_mails(*, limit: int = 200) -> list[StoredMail]:
    folder = mail_dir()
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.eml"), key=lambda p: p.name, reverse=True)[:limit]
    return [stored_mail(path) for path in paths]
