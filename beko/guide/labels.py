"""Plain-language labels for the guide's statuses, questions and verdicts (UI strings)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STATUS_LABELS: dict[str, Promise] = {
    "recognised": _("Anerkannt als Flüchtling oder asylberechtigt (§ 25 Abs. 1 oder 2 AufenthG)"),
    "subsidiary": _("Subsidiärer Schutz (§ 25 Abs. 2 AufenthG)"),
    "deportation_ban": _("Abschiebungsverbot (§ 25 Abs. 3 AufenthG)"),
    "temporary_protection": _("Vorübergehender Schutz, z. B. aus der Ukraine (§ 24 AufenthG)"),
    "gestattung": _("Aufenthaltsgestattung – das Asylverfahren läuft"),
    "duldung": _("Duldung (§ 60a AufenthG)"),
    "duldung_unclear_identity": _(
        "Duldung für Personen mit ungeklärter Identität (§ 60b AufenthG)"
    ),
    "ausbildungsduldung": _("Ausbildungsduldung (§ 60c AufenthG)"),
    "beschaeftigungsduldung": _("Beschäftigungsduldung (§ 60d AufenthG)"),
    "residence_25_5": _("Aufenthaltserlaubnis nach § 25 Abs. 5 AufenthG"),
    "residence_25a": _("Aufenthaltserlaubnis für gut integrierte junge Menschen (§ 25a AufenthG)"),
    "residence_25b": _("Aufenthaltserlaubnis bei nachhaltiger Integration (§ 25b AufenthG)"),
    "residence_16g": _("Aufenthaltserlaubnis zur Berufsausbildung (§ 16g AufenthG)"),
    "settlement": _("Niederlassungserlaubnis (unbefristet)"),
    "unknown": _("Weiß ich nicht"),
}

TOPIC_LABELS: dict[str, Promise] = {
    "employment": _("Arbeit bei einem Arbeitgeber"),
    "self_employment": _("Selbständig arbeiten"),
    "vocational_training": _("Ausbildung im Betrieb"),
    "benefits": _("Geld zum Leben: Welches Amt ist zuständig?"),
    "integration_course": _("Integrationskurs"),
    "job_language_course": _("Berufssprachkurs"),
}

VERDICT_LABELS: dict[str, Promise] = {
    "allowed": _("Erlaubt"),
    "permission_required": _("Nur mit Erlaubnis der Ausländerbehörde"),
    "not_allowed": _("Nicht erlaubt"),
    "unclear": _("Unklar – bitte bei der Ausländerbehörde oder einer Beratungsstelle fragen"),
    "sgb2": _("Jobcenter (Bürgergeld, SGB II)"),
    "asylblg": _("Sozialamt (Asylbewerberleistungsgesetz)"),
    "sgb12": _("Sozialamt (Sozialhilfe, SGB XII)"),
    "entitled": _("Anspruch"),
    "admissible": _("Zulassung möglich"),
    "not_eligible": _("Kein Zugang"),
}
# The headline of an answer that is open because a question was not answered (not because
# the law is unclear).
DEPENDS_LABEL = _("Hängt von fehlenden Angaben ab")

BA_CONSENT_LABELS: dict[str, Promise] = {
    "required": _("Die Bundesagentur für Arbeit muss zustimmen."),
    "not_required": _("Keine Zustimmung der Bundesagentur für Arbeit nötig."),
    "not_applicable": _("Eine Zustimmung der Bundesagentur für Arbeit spielt keine Rolle."),
    "unclear": _("Ob die Bundesagentur für Arbeit zustimmen muss, ist offen."),
}

# Verdicts of the BA-consent topic (staff pages; the public sees BA_CONSENT_LABELS).
BA_CONSENT_VERDICT_LABELS: dict[str, Promise] = {
    "required": _("Zustimmung der Bundesagentur für Arbeit nötig"),
    "not_required": _("Keine Zustimmung der Bundesagentur für Arbeit nötig"),
    "not_applicable": _("Zustimmung der Bundesagentur für Arbeit spielt keine Rolle"),
}

CONFIDENCE_LABELS: dict[str, Promise] = {
    "high": _("hoch"),
    "medium": _("mittel"),
    "low": _("niedrig"),
}

ROUTE_STATE_LABELS: dict[str, Promise] = {
    "possible": _("Kann passen – Bedingungen prüfen"),
    "later": _("Später möglich"),
    "not_possible": _("Passt nicht"),
}

EMPLOYER_SECTION_LABELS: dict[str, Promise] = {
    "start": _("Darf die Person bei Ihnen anfangen?"),
    "permits": _("Wer muss was erlauben?"),
    "documents": _("Was Sie dafür liefern"),
    "waiting": _("Wie lange dauert es?"),
    "duties": _("Ihre Pflichten als Arbeitgeber"),
    "contacts": _("Wen Sie anrufen können"),
}

# CSS modifier per verdict, so colour is never the only signal (the label is always shown).
VERDICT_TONES: dict[str, str] = {
    "allowed": "good",
    "entitled": "good",
    "sgb2": "neutral",
    "asylblg": "neutral",
    "sgb12": "neutral",
    "admissible": "neutral",
    "permission_required": "neutral",
    "not_allowed": "bad",
    "not_eligible": "bad",
    "unclear": "unclear",
}
