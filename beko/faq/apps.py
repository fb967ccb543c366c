from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "beko.faq"
    label = "faq"
    verbose_name = _("Häufige Fragen")
    staff_menu = [(_("Häufige Fragen (FAQ) pflegen"), "faq_staff:entry_list")]
