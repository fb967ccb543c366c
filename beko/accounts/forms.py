from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
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


class SecondFactorForm(forms.Form):
    """Six digits from the authenticator app, or one recovery code."""

    token = forms.CharField(
        label=_("Code"),
        min_length=6,
        max_length=16,
        help_text=_(
            "Der sechsstellige Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
    )


class TotpConfirmForm(forms.Form):
    token = forms.RegexField(
        label=_("Code aus der App"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Bitte geben Sie die sechs Ziffern aus der App ein.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class RateLimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form; the view adds rate limits. It never reveals whether an account exists."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
