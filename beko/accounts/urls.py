from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import LoginForm, RateLimitedPasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("", views.account_home, name="home"),
    path(
        "anmelden/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("zwei-faktor/", views.two_factor_manage, name="two_factor"),
    path("zwei-faktor/einrichten/", views.two_factor_setup, name="two_factor_setup"),
    path("zwei-faktor/qr.svg", views.two_factor_qr, name="two_factor_qr"),
    path("zwei-faktor/pruefen/", views.two_factor_verify, name="two_factor_verify"),
    path("zwei-faktor/codes/", views.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("zwei-faktor/codes/neu/", views.two_factor_new_codes, name="two_factor_new_codes"),
    path("zwei-faktor/ausschalten/", views.two_factor_disable, name="two_factor_disable"),
    path(
        "passwort-vergessen/",
        views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=RateLimitedPasswordResetForm,
            email_template_name="emails/password_reset.txt",
            subject_template_name="emails/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "passwort-aendern/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "passwort-aendern/fertig/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
]
