"""Fictional demo FAQ entries (orientation texts, not legal advice)."""

from __future__ import annotations

from typing import TextIO

from .choices import Audience, Topic
from .models import FaqEntry
from .services import faq_entry_create

ENTRIES = [
    (
        "Darf eine Person mit Duldung eine Ausbildung beginnen?",
        "<p>Oft ja: Für eine betriebliche Ausbildung braucht sie eine Beschäftigungserlaubnis der Ausländerbehörde (§ 4a AufenthG, § 60a AufenthG). Unter Umständen kommt eine Ausbildungsduldung in Betracht (§ 60c AufenthG).</p><p>Das ist eine Orientierung, keine Rechtsberatung – bitte klären Sie den Einzelfall mit der Ausländerbehörde.</p>",
        Topic.TRAINING,
        [Audience.VOLUNTEERS, Audience.EMPLOYERS],
    ),
    (
        "Welche Erlaubnis brauchen Unternehmen, um Geflüchtete einzustellen?",
        "<p>Das hängt vom Aufenthaltsstatus ab. Mit Anerkennung (Aufenthaltserlaubnis nach § 25 AufenthG) ist jede Beschäftigung erlaubt. Bei Gestattung oder Duldung braucht es eine Erlaubnis der Ausländerbehörde.</p>",
        Topic.WORK,
        [Audience.EMPLOYERS],
    ),
    (
        "Wo finde ich Deutschkurse mit Kinderbetreuung?",
        "<p>Im Angebotsverzeichnis können Sie nach Sprachkursen mit Kinderbetreuung und nach Stadtbezirk filtern.</p>",
        Topic.LANGUAGE,
        [Audience.VOLUNTEERS, Audience.ASSOCIATIONS],
    ),
    (
        "Wie lange dauert die Zustimmung der Bundesagentur für Arbeit?",
        "<p>Die Ausländerbehörde fragt die Bundesagentur für Arbeit. Meldet diese sich nicht innerhalb von zwei Wochen, gilt die Zustimmung als erteilt (§ 36 Abs. 2 BeschV). Legen Sie die „Erklärung zum Beschäftigungsverhältnis“ ausgefüllt bei, das erspart Rückfragen.</p><p>Das ist eine Orientierung, keine Rechtsberatung.</p>",
        Topic.WORK,
        [Audience.EMPLOYERS],
    ),
    (
        "Was müssen Arbeitgeber der Ausländerbehörde melden?",
        "<p>Arbeitgeber prüfen vor Beginn, ob die Beschäftigung erlaubt ist, bewahren eine Kopie des Aufenthaltsdokuments auf und teilen der Ausländerbehörde innerhalb von vier Wochen mit, wenn eine Beschäftigung vorzeitig endet (§ 4a Abs. 5 AufenthG). Bei einer Ausbildungsduldung ist ein Abbruch der Ausbildung unverzüglich zu melden (§ 60c AufenthG).</p><p>Das ist eine Orientierung, keine Rechtsberatung.</p>",
        Topic.WORK,
        [Audience.EMPLOYERS, Audience.COUNSELLING],
    ),
    (
        "Welches Amt zahlt Leistungen: Jobcenter oder Sozialamt?",
        "<p>In der Regel: Mit Anerkennung oder einer humanitären Aufenthaltserlaubnis ist das Jobcenter zuständig (Bürgergeld, SGB II), mit Aufenthaltsgestattung oder Duldung das Sozialamt (Asylbewerberleistungsgesetz). Für Menschen mit vorübergehendem Schutz (§ 24 AufenthG) haben sich die Regeln mehrfach geändert.</p><p>Prüfen Sie den Einzelfall mit dem Wegweiser „Wege in Arbeit“ oder fragen Sie uns.</p>",
        Topic.BENEFITS,
        [Audience.COUNSELLING, Audience.VOLUNTEERS],
    ),
    (
        "Wie können wir eine Frage für Ratsuchende an die BeKo geben?",
        "<p>Über die Hotline oder das Kontaktformular. Mit dem Einverständnis der Person können Sie stellvertretend fragen – bitte ohne Namen, Geburtsdaten oder Aktenzeichen; für die Antwort genügen Aufenthaltsstatus und Lage.</p>",
        Topic.OTHER,
        [Audience.COUNSELLING, Audience.ASSOCIATIONS],
    ),
    (
        "Wie tragen wir unser Angebot in das Verzeichnis ein?",
        "<p>Schreiben Sie uns über das Kontaktformular; wir richten Ihrer Organisation einen Zugang ein. Danach pflegen Sie Ihre Angebote selbst, das BeKo-Team gibt Änderungen frei. Etwa alle sechs Monate bitten wir Sie, die Angaben zu bestätigen – sonst werden sie als veraltet markiert.</p>",
        Topic.OTHER,
        [Audience.ASSOCIATIONS, Audience.COUNSELLING],
    ),
    (
        "Wie kann unser Verein bei den Stadtgesprächen mitmachen?",
        "<p>Die Termine stehen unter „Veranstaltungen“. Für die Stadtgespräche und den Markt der Möglichkeiten melden Sie sich dort an; einen Stand auf dem Markt sprechen Sie bitte vorher mit uns ab.</p>",
        Topic.EVENTS,
        [Audience.ASSOCIATIONS],
    ),
    (
        "Was tun, wenn ein Bescheid nicht verständlich ist?",
        "<p>Fristen im Blick behalten: Meist beträgt die Frist für einen Widerspruch einen Monat; sie steht in der Rechtsbehelfsbelehrung am Ende des Bescheids. Eine Migrationsberatung im Verzeichnis hilft beim Lesen – in vielen Sprachen.</p><p>Das ist eine Orientierung, keine Rechtsberatung.</p>",
        Topic.BENEFITS,
        [Audience.VOLUNTEERS],
    ),
]


def load(*, stdout: TextIO) -> None:
    created = 0
    for question, answer, topic, audiences in ENTRIES:
        if FaqEntry.objects.filter(question_de=question).exists():
            continue
        faq_entry_create(
            question=question,
            answer=answer,
            topic=topic,
            audiences=list(audiences),
            publish=True,
            by=None,
        )
        created += 1
    stdout.write(f"faq: {created} demo entries\n")
