"""The UI translation catalogues (gettext `.po`/`.mo`): where they are, their headers, their checks.

Every app keeps `beko/<app>/locale/<lang>/LC_MESSAGES/django.po`; strings of the project files
directly under `beko/` live in `beko/locale/`. The tooling (`makemessages`, `messages_status`,
`messages_todo`, `messages_apply`) and the catalogue tests share the helpers here, so that what
the tools write is exactly what the tests accept.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

# The plural rule every catalogue of a language declares. ar and fa as in Django's own
# catalogues; uk and ru use the three-form Slavic rule (Django's catalogues add a fourth form
# for fractions, which our integer counts never reach). Django keeps catalogues with different
# plural rules apart, so ours and Django's coexist.
PLURAL_FORMS: dict[str, str] = {
    "de": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 && n%100<=99 ? 4 : 5;"
    ),
    "fa": "nplurals=2; plural=(n > 1);",
    "uk": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "tr": "nplurals=2; plural=(n > 1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}

# Gettext writes this header line anew on every extraction; dropping it keeps `make messages`
# free of changes when no string changed (and branches free of merge conflicts in the header).
_VOLATILE_HEADERS = ("POT-Creation-Date",)

# No wrapping: one line per string, the same whether gettext or polib wrote the file.
WRAP_WIDTH = 0


def source_language() -> str:
    """The language of the msgids (German): its catalogues simply repeat each msgid."""
    return str(settings.LANGUAGE_CODE)


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def nplurals(language: str) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", PLURAL_FORMS[language])
    if match is None:
        raise ValueError(f"PLURAL_FORMS[{language!r}] names no nplurals")
    return int(match.group(1))


def project_root() -> Path:
    return Path(settings.BASE_DIR)


def catalogue_paths(language: str) -> list[Path]:
    """Every `django.po` of one language, in a stable order."""
    root = project_root() / "beko"
    return sorted(root.glob(f"**/locale/{language}/LC_MESSAGES/django.po"))


def catalogue_owner(path: Path) -> str:
    """A short name for the code a catalogue belongs to: `core`, `core.search`, `project`."""
    relative = path.relative_to(project_root() / "beko")
    parts = relative.parts[: relative.parts.index("locale")]
    return ".".join(parts) or "project"


def catalogue_load(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=WRAP_WIDTH)


def catalogue_save(po: polib.POFile, path: Path) -> bool:
    """Write the catalogue if its text changed. Returns whether it did."""
    po.wrapwidth = WRAP_WIDTH
    text = po.__unicode__()
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if text == old:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def catalogue_compile(path: Path) -> None:
    """Compile one `.po` into its `.mo` exactly as `manage.py compilemessages` does."""
    subprocess.run(  # noqa: S603 - fixed program, our own file paths
        ["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(path)],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )


def header_normalise(po: polib.POFile, *, language: str) -> None:
    """A complete header: not fuzzy (msgfmt would drop it, and with it the plural rule),
    the right `Language` and `Plural-Forms`, no volatile extraction date."""
    po.metadata_is_fuzzy = False
    po.metadata["Language"] = language
    po.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    for key in _VOLATILE_HEADERS:
        po.metadata.pop(key, None)


def source_entries_fill(po: polib.POFile) -> None:
    """In the German catalogues every msgstr repeats its msgid, so German counts as complete
    and a changed msgid never leaves a stale or fuzzy German entry behind."""
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        entry_clear_fuzzy(entry)


def entry_clear_fuzzy(entry: polib.POEntry) -> None:
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = None
    entry.previous_msgid_plural = None
    entry.previous_msgctxt = None


def catalogue_normalise(path: Path, *, language: str) -> bool:
    """Bring a catalogue into the shape the project expects. Returns whether the file changed."""
    po = catalogue_load(path)
    header_normalise(po, language=language)
    if language == source_language():
        source_entries_fill(po)
    return catalogue_save(po, path)


def entry_is_live(entry: polib.POEntry) -> bool:
    return not entry.obsolete and entry.msgid != ""


def entry_is_untranslated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


def entry_is_fuzzy(entry: polib.POEntry) -> bool:
    return "fuzzy" in entry.flags


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    catalogues: int
    entries: int
    untranslated: int
    fuzzy: int


def language_status(language: str) -> LanguageStatus:
    """Counts over all catalogues of a language (an msgid used by two apps counts twice)."""
    entries = untranslated = fuzzy = 0
    paths = catalogue_paths(language)
    for path in paths:
        for entry in catalogue_load(path):
            if not entry_is_live(entry):
                continue
            entries += 1
            if entry_is_fuzzy(entry):
                fuzzy += 1
            elif entry_is_untranslated(entry):
                untranslated += 1
    return LanguageStatus(language, len(paths), entries, untranslated, fuzzy)


# --- placeholders -------------------------------------------------------------------------

_PERCENT = re.compile(
    r"%(?:\((?P<name>\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])"
)
_BRACES = re.compile(r"\{\w*\}")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


@dataclass(frozen=True)
class Placeholders:
    named: frozenset[str]
    positional: tuple[str, ...]
    braces: tuple[str, ...]
    tags: tuple[str, ...]


def _uses_percent_format(msgid: str, flags: list[str]) -> bool:
    return "python-format" in flags or bool(re.search(r"%\(\w+\)", msgid))


def placeholders_in(text: str, *, percent: bool) -> Placeholders:
    named: set[str] = set()
    positional: list[str] = []
    if percent:
        for match in _PERCENT.finditer(text):
            if match.group("conv") == "%":
                continue
            if match.group("name"):
                named.add(match.group("name"))
            else:
                positional.append(match.group(0))
    return Placeholders(
        named=frozenset(named),
        positional=tuple(positional),
        braces=tuple(sorted(_BRACES.findall(text))),
        tags=tuple(sorted(_TAG.findall(text))),
    )


def _format_problem(translation: str, names: frozenset[str], positional: int) -> str | None:
    """Format the translation the way Python will at run time; a stray % crashes a page."""
    try:
        if names:
            translation % dict.fromkeys(names, 1)
        elif positional:
            translation % tuple(1 for _ in range(positional))
        else:
            translation % ()
    except (ValueError, TypeError, KeyError) as error:
        return f"cannot be formatted ({error})"
    return None


def placeholder_problems(
    *,
    msgid: str,
    translation: str,
    flags: list[str] | tuple[str, ...] = (),
    msgid_plural: str = "",
    plural_form: bool = False,
) -> list[str]:
    """What is wrong with the placeholders of one translation (empty list: nothing).

    The translation must keep every placeholder of the msgid: `%(name)s`, `%s`, `{name}` and
    HTML tags. One exception: a form of a plural translation may leave out one named
    placeholder — the count, which a language may write as a word ("يومان" = two days).
    """
    flags = list(flags)
    percent = _uses_percent_format(msgid, flags)
    source = placeholders_in(msgid, percent=percent)
    if msgid_plural:
        plural = placeholders_in(msgid_plural, percent=percent)
        allowed_names = source.named | plural.named
    else:
        plural = source
        allowed_names = source.named
    found = placeholders_in(translation, percent=percent)
    problems: list[str] = []
    unknown = found.named - allowed_names
    if unknown:
        problems.append("unknown placeholder " + ", ".join(f"%({n})s" for n in sorted(unknown)))
    missing = (plural.named if plural_form else source.named) - found.named
    if missing and not (plural_form and len(missing) == 1):
        problems.append("missing placeholder " + ", ".join(f"%({n})s" for n in sorted(missing)))
    if found.positional != source.positional:
        problems.append(
            f"positional placeholders {list(found.positional)} instead of {list(source.positional)}"
        )
    expected_braces = plural.braces if plural_form else source.braces
    if Counter(found.braces) != Counter(expected_braces):
        problems.append(f"braces {list(found.braces)} instead of {list(expected_braces)}")
    expected_tags = plural.tags if plural_form else source.tags
    if Counter(found.tags) != Counter(expected_tags):
        problems.append(f"HTML tags {list(found.tags)} instead of {list(expected_tags)}")
    if percent:
        problem = _format_problem(translation, found.named, len(found.positional))
        if problem:
            problems.append(problem)
    return problems


def entry_placeholder_problems(entry: polib.POEntry) -> list[str]:
    """Placeholder problems of every translated form of a catalogue entry."""
    problems: list[str] = []
    if entry.msgid_plural:
        for index, text in sorted(entry.msgstr_plural.items()):
            if not text:
                continue
            for problem in placeholder_problems(
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                translation=text,
                flags=entry.flags,
                plural_form=True,
            ):
                problems.append(f"msgstr[{index}]: {problem}")
    elif entry.msgstr:
        problems.extend(
            placeholder_problems(msgid=entry.msgid, translation=entry.msgstr, flags=entry.flags)
        )
    return problems


def stale_compiled_entries(path: Path) -> list[str]:
    """msgids whose compiled `.mo` text differs from the `.po` (or all, if there is no `.mo`)."""
    po = catalogue_load(path)
    mo_path = path.with_suffix(".mo")
    if not mo_path.exists():
        return [entry.msgid for entry in po.translated_entries()] or ["<no .mo file>"]
    compiled: dict[tuple[str | None, str], polib.MOEntry] = {
        (entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo_path))
    }
    stale = []
    for entry in po.translated_entries():
        done = compiled.get((entry.msgctxt, entry.msgid))
        if done is None:
            stale.append(entry.msgid)
        elif entry.msgid_plural:
            if {int(k): v for k, v in done.msgstr_plural.items()} != {
                int(k): v for k, v in entry.msgstr_plural.items()
            }:
                stale.append(entry.msgid)
        elif done.msgstr != entry.msgstr:
            stale.append(entry.msgid)
    return stale
