from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "beko.inquiries"
    label = "inquiries"
    verbose_name = _("Anfragen und FAQ")
