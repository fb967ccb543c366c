from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "beko.accounts"
    label = "accounts"
    verbose_name = _("Konten und Rollen")

    def ready(self) -> None:
        from beko.core import privacy

        # Connects the login signal receiver (forget an account's own failed attempts).
        from . import lockout  # noqa: F401
        from .privacy import accounts_retention, subject_accounts_erase, subject_accounts_export

        privacy.register(
            privacy.PersonalDataSource(
                name="accounts",
                export=subject_accounts_export,
                erase=subject_accounts_erase,
                retain=accounts_retention,
            )
        )
