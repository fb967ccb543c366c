from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "beko.accounts"
    label = "accounts"
    verbose_name = _("Konten und Rollen")

    def ready(self) -> None:
        # Connects the login signal receiver (forget an account's own failed attempts).
        from . import lockout  # noqa: F401
