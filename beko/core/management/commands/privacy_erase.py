from __future__ import annotations

import json
from typing import Any

from django.core.management import BaseCommand, CommandError

from beko.core.privacy import Subject, subject_erase


class Command(BaseCommand):
    help = (
        "Art. 17 GDPR: erase or anonymise everything stored about one person (by e-mail "
        "address and/or phone number) in every app. Needs --yes; prints counts per app."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--yes", action="store_true", help="Really erase.")

    def handle(self, *args: Any, email: str, phone: str, yes: bool, **options: Any) -> None:
        subject = Subject(email=email, phone=phone)
        if not subject:
            raise CommandError("Give --email or --phone (at least 6 digits).")
        if not yes:
            raise CommandError("Erasure cannot be undone: add --yes.")
        self.stdout.write(json.dumps(subject_erase(subject=subject, by=None), sort_keys=True))
