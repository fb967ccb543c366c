from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # One message for every failure, so the form never tells whether an account exists.
    error_messages = {
        "invalid_login": _(
            "Anmeldung fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse bzw. Benutzername und "
            "Passwort."
        ),
        "inactive": _(
            "Anmeldung fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse bzw. Benutzername und "
            "Passwort."
        ),
    }

    username = forms.CharField(
        label=_("E-Mail-Adresse oder Benutzername"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
