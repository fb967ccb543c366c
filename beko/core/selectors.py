from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.signals import setting_changed
from django.db.models import Model, QuerySet
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from beko.accounts import permissions

from .lib.content_i18n import (
    SOURCE_LANGUAGE,
    ContentRow,
    TranslationState,
    content_rows,
    is_fallback,
    target_languages,
    translatable_models,
)
from .lib.fallback_marks import unmarked
from .models import Page, TranslationReview

# Footer links change only when staff edit a page; services clear the cache then. Without a
# shared cache (no REDIS_URL) other worker processes may show an old title for this long.
FOOTER_CACHE_SECONDS = 300


def pages_public() -> QuerySet[Page]:
    return Page.objects.all()


def footer_pages() -> list[Page]:
    return list(Page.objects.filter(placement=Page.Placement.FOOTER))


def _footer_cache_key(language: str) -> str:
    return f"core:footer-links:{language}"


def footer_links(*, language: str) -> list[dict[str, str]]:
    """Footer pages as plain dicts (`title`, `url`, `lang`), cached per language.

    `lang` is "de" when the title is the German fallback, so the template can mark it.
    """
    key = _footer_cache_key(language)
    links = django_cache.get(key)
    if links is None:
        # Cached for every later page: computed without marks, the German title is marked
        # through `lang` instead.
        with translation.override(language), unmarked():
            links = [
                {
                    "title": page.title,
                    "url": page.get_absolute_url(),
                    "lang": SOURCE_LANGUAGE if is_fallback(page, "title", language) else "",
                }
                for page in footer_pages()
            ]
        django_cache.set(key, links, FOOTER_CACHE_SECONDS)
    return links


def footer_links_invalidate() -> None:
    django_cache.delete_many([_footer_cache_key(code) for code, _name in settings.LANGUAGES])


@cache
def _main_nav(language: str, script_prefix: str) -> tuple[dict[str, Any], ...]:
    items = []
    with translation.override(language):
        for label, url_name in settings.BEKO_MAIN_NAV:
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue  # the app providing it is not built or installed yet
            # The label stays lazy: it is translated (and, where the catalogue lacks it,
            # marked as German) when a page renders it.
            items.append({"label": label, "url": url, "url_name": url_name})
    return tuple(items)


def main_nav(*, language: str) -> tuple[dict[str, Any], ...]:
    """Main navigation (settings.BEKO_MAIN_NAV) resolved once per language."""
    return _main_nav(language, get_script_prefix())


def language_links(*, path: str, current: str) -> list[dict[str, Any]]:
    """The current address in every language.

    URL patterns are the same German paths in every language; only the prefix differs
    (none for German, /en/, /ar/ …). So switching is string work, no URL resolving, and it
    also works for addresses that do not resolve (the 404 page).
    """
    script_prefix = get_script_prefix().rstrip("/")
    rest = path[len(script_prefix) :] if path.startswith(script_prefix) else path
    if current != settings.LANGUAGE_CODE:
        own = f"/{current}"
        if rest == own or rest.startswith(own + "/") or rest.startswith(own + "?"):
            rest = rest[len(own) :] or "/"
            if rest.startswith("?"):
                rest = "/" + rest
    links = []
    for code, name in settings.LANGUAGES:
        url = script_prefix + ("" if code == settings.LANGUAGE_CODE else f"/{code}") + rest
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "rtl": code in settings.LANGUAGES_BIDI,
            }
        )
    return links


def _check(name: str) -> Callable[[Any], bool]:
    check = getattr(permissions, name, None)
    if not callable(check):
        raise ValueError(
            f"staff_menu: unknown permission check {name!r} in beko.accounts.permissions"
        )
    return check


def staff_menu(*, user: Any = None) -> list[dict[str, str]]:
    """Back-office entries declared by every installed app (`AppConfig.staff_menu`).

    An entry is `(label, url_name)` – staff and admins only – or
    `(label, url_name, "<check>")` with the name of a function in beko.accounts.permissions
    (e.g. "can_use_backoffice" for entries partner editors may open too). Without `user`
    every entry is returned.
    """
    entries = []
    for config in apps.get_app_configs():
        for entry in getattr(config, "staff_menu", []):
            label, url_name, *rest = entry
            check = _check(rest[0] if rest else "is_staff_member")
            if user is not None and not check(user):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            entries.append({"label": str(label), "url": url, "app": config.label})
    return entries


@cache
def home_section_providers() -> tuple[Callable[[HttpRequest], dict[str, Any] | None], ...]:
    """Every installed app's `selectors.home_section`, looked up once per process."""
    providers = []
    for config in apps.get_app_configs():
        if not config.name.startswith("beko.") or config.label == "core":
            continue
        if find_spec(f"{config.name}.selectors") is None:
            continue
        provider = getattr(import_module(f"{config.name}.selectors"), "home_section", None)
        if provider is not None:
            providers.append(provider)
    return tuple(providers)


def home_sections(*, request: HttpRequest) -> list[dict[str, Any]]:
    """Blocks that domain apps contribute to the home page.

    An app opts in with a function `home_section(request) -> dict | list[dict] | None` in
    its `selectors.py`; a dict has `template` and `context` (and optionally `order`). Core
    stays ignorant of the apps; the providers are looked up once per process.
    """
    sections: list[dict[str, Any]] = []
    for provider in home_section_providers():
        found = provider(request) or []
        sections.extend([found] if isinstance(found, dict) else found)
    sections.sort(key=lambda s: s.get("order", 100))
    return sections


@cache
def app_hooks(name: str) -> tuple[Callable[..., Any], ...]:
    """The functions called `name` in the `selectors.py` of every installed BeKo app.

    The extension point through which core and accounts show what domain apps know
    (the staff home's to-do counts, the partner home's sections) without importing them.
    Looked up once per process.
    """
    hooks = []
    for config in apps.get_app_configs():
        if not config.name.startswith("beko.") or find_spec(f"{config.name}.selectors") is None:
            continue
        hook = getattr(import_module(f"{config.name}.selectors"), name, None)
        if callable(hook):
            hooks.append(hook)
    return tuple(hooks)


@dataclass(frozen=True)
class StaffTodo:
    """One line of the staff home's "what needs doing": a count and where to deal with it."""

    label: str
    count: int
    url: str
    # Lower is more urgent: people waiting for an answer come before housekeeping.
    urgency: int


def staff_todo_list(*, user: Any, now: datetime | None = None) -> list[StaffTodo]:
    """Every app's `staff_todos(*, user, now)`: open work first, most urgent on top.

    Each app answers with a fixed number of queries, so the staff home costs the same
    however much is waiting.
    """
    now = now or timezone.now()
    todos = [todo for hook in app_hooks("staff_todos") for todo in hook(user=user, now=now)]
    return sorted(todos, key=lambda todo: (todo.count == 0, todo.urgency, todo.label))


def partner_home_sections(*, user: Any, organisation: Any) -> list[dict[str, Any]]:
    """Every app's `partner_home_section(*, user, organisation)`: a dict with `template`,
    `context` and `order`, or None when the app has nothing for partners."""
    sections = [
        found
        for hook in app_hooks("partner_home_section")
        if (found := hook(user=user, organisation=organisation))
    ]
    return sorted(sections, key=lambda section: section.get("order", 100))


@receiver(setting_changed)
def _reset_frame_caches(*, setting: str, **kwargs: Any) -> None:
    # Tests that override the URL map, the languages or the navigation get fresh values.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "BEKO_MAIN_NAV", "INSTALLED_APPS"}:
        _main_nav.cache_clear()
        home_section_providers.cache_clear()
        app_hooks.cache_clear()


def staff_todos(*, user: Any, now: datetime) -> list[StaffTodo]:
    """Core's share of the staff home's to-do list: content whose translation is missing or older than the German text (any language)."""
    waiting = 0
    for model in translatable_models():
        for row in content_rows(model):
            if any(state != TranslationState.CURRENT for state in row.states.values()):
                waiting += 1
    return [
        StaffTodo(
            label=gettext("Inhalte mit fehlender oder veralteter Übersetzung"),
            count=waiting,
            url=reverse("core:staff_translations"),
            urgency=90,
        )
    ]


# --- translation overview (staff) -----------------------------------------------------------


@dataclass(frozen=True)
class ContentTypeCounts:
    app_label: str
    model_name: str
    label: str  # verbose_name_plural
    counts: dict[str, dict[str, int]]  # language -> state -> number of objects
    total: int


def translation_counts() -> list[ContentTypeCounts]:
    """Content type × language: how many objects are missing, outdated or current.

    One query per translatable model (see content_i18n.content_rows), whatever the number
    of objects.
    """
    languages = target_languages()
    table = []
    for model in translatable_models():
        counts = {language: dict.fromkeys(TranslationState, 0) for language in languages}
        total = 0
        for row in content_rows(model, languages):
            total += 1
            for language, state in row.states.items():
                counts[language][state] += 1
        table.append(
            ContentTypeCounts(
                app_label=model._meta.app_label,
                model_name=model._meta.model_name or "",
                label=str(model._meta.verbose_name_plural),
                counts={lang: {str(k): v for k, v in c.items()} for lang, c in counts.items()},
                total=total,
            )
        )
    return table


def translation_model(*, app_label: str, model_name: str) -> type[Model] | None:
    """The translatable model of that name, or None (unknown or not translated)."""
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None
    return model if model in translatable_models() else None


def translation_rows(
    *, model: type[Model], language: str, state: str | None = None
) -> list[ContentRow]:
    """The objects of `model` in `language`, optionally only those in one state."""
    return [
        row
        for row in content_rows(model, [language])
        if state is None or row.states[language] == state
    ]


def ui_catalogue_counts() -> dict[str, dict[str, int]]:
    """Interface texts per language: how many of BeKo's messages the catalogue translates.

    Counted from the compiled catalogues of our apps (English must be complete, so its
    messages are the whole set); cached until a catalogue file changes.
    """
    files = sorted(Path(settings.BASE_DIR, "beko").glob("**/locale/*/LC_MESSAGES/django.mo"))
    return _ui_catalogue_counts(tuple((str(path), path.stat().st_mtime_ns) for path in files))


@cache
def _ui_catalogue_counts(files: tuple[tuple[str, int], ...]) -> dict[str, dict[str, int]]:
    import gettext

    keys: dict[str, set[Any]] = {}
    for path, _mtime in files:
        language = Path(path).parts[-3]
        with open(path, "rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        keys.setdefault(language, set()).update(
            key if isinstance(key, str) else key[0] for key in catalog if key
        )
    everything = keys.get("en", set())
    counts = {}
    for language in target_languages():
        translated = len(keys.get(language, set()) & everything)
        counts[language] = {
            "translated": translated,
            "total": len(everything),
            "missing": len(everything) - translated,
        }
    return counts


def translation_review_subjects() -> list[tuple[str, str]]:
    """What a native speaker can review per language: the interface texts and every data file
    with texts per language (settings.BEKO_TRANSLATION_REVIEW_FILES)."""
    from django.utils.translation import gettext

    subjects = [("ui", gettext("Oberfläche (alle Texte der Website)"))]
    base = Path(settings.BASE_DIR)
    for pattern in settings.BEKO_TRANSLATION_REVIEW_FILES:
        for path in sorted(base.glob(pattern)):
            relative = path.relative_to(base).as_posix()
            subjects.append((relative, relative))
    return subjects


def translation_reviews_latest() -> dict[tuple[str, str], TranslationReview]:
    """(language, subject) -> the latest review recorded for it."""
    latest: dict[tuple[str, str], TranslationReview] = {}
    for review in TranslationReview.objects.select_related("recorded_by"):
        latest.setdefault((review.language, review.subject), review)  # newest first
    return latest
