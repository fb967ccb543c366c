"""Demo data of the core and accounts apps: the demo logins.

Every app may ship a `demo.py` with `load(*, stdout) -> None`; `manage.py demo` runs them in
INSTALLED_APPS order. Demo data is fictional.
"""

from __future__ import annotations

from typing import Any, TextIO

from beko.accounts.models import Role, User

DEMO_PASSWORD = "beko-demo-2026"  # noqa: S105 - fictional demo login, printed by make run
DEMO_USERS: list[dict[str, Any]] = [
    {"username": "team", "email": "team@beko.example", "first_name": "Tessa", "last_name": "Team",
     "role": Role.STAFF},
    {"username": "admin", "email": "admin@beko.example", "first_name": "Ada", "last_name": "Admin",
     "role": Role.ADMIN, "is_staff": True, "is_superuser": True},
]  # fmt: skip


def load(*, stdout: TextIO) -> None:
    for data in DEMO_USERS:
        user, created = User.objects.get_or_create(username=data["username"], defaults=data)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
    stdout.write(f"core: {len(DEMO_USERS)} demo users\n")
