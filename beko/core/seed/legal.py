"""Starting values of the structured legal details (see core.models.LegalDetails).

Everything here is true of this software and its operation in general: what data it
processes and why, how long it keeps them, whom to complain to. What only the office
knows (its name, address, representative, data-protection officer, the date of its
accessibility check) is left empty: those are the fields the staff home lists as open.
"""

from django.conf import settings

LEGAL_FORM = (
    "Gemeinsame Einrichtung nach § 44b SGB II (Jobcenter), getragen von der Bundesagentur "
    "für Arbeit und der Stadt Wuppertal"
)


def purposes() -> str:
    inquiry_days = settings.BEKO_INQUIRY_RETENTION_DAYS
    event_days = settings.EVENTS_RETENTION_DAYS
    return (
        "Aufruf der Website: Der Server verarbeitet technisch notwendige Daten (IP-Adresse, "
        "Zeitpunkt, aufgerufene Adresse), um die Seiten auszuliefern und vor Angriffen zu "
        "schützen. Rechtsgrundlage: Art. 6 Abs. 1 lit. e DSGVO. Die Website lädt keine Inhalte "
        "von Dritten und verwendet keine Analyse-, Tracking- oder Übersetzungsdienste.\n\n"
        "Anfragen über das Kontaktformular, per E-Mail oder Telefon: Wir beantworten Ihre "
        "Frage. Rechtsgrundlage: Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit § 14 SGB I "
        "(Beratung).\n\n"
        "Anmeldung zu Veranstaltungen: Wir verwalten die Plätze und informieren Sie über "
        "Änderungen. Rechtsgrundlage: Art. 6 Abs. 1 lit. e DSGVO.\n\n"
        "Konten für Partnerorganisationen: Pflege der eigenen Angebote. Rechtsgrundlage: "
        "Art. 6 Abs. 1 lit. e DSGVO.\n\n"
        "Cookies: nur technisch notwendige – ein Sicherheits-Cookie (CSRF) beim Absenden von "
        "Formularen und ein Sitzungs-Cookie nach der Anmeldung (§ 25 Abs. 2 TDDDG).\n\n"
        f"Speicherdauer: Anfragen werden {inquiry_days} Tage nach ihrem Abschluss anonymisiert; "
        f"Anmeldedaten zu Veranstaltungen werden {event_days} Tage nach der Veranstaltung "
        "gelöscht; Server-Protokolle höchstens 14 Tage aufbewahrt."
    )


RIGHTS = (
    "Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung "
    "(Art. 17), Einschränkung der Verarbeitung (Art. 18) und Widerspruch (Art. 21). Eine "
    "Einwilligung können Sie jederzeit für die Zukunft widerrufen (Art. 7 Abs. 3)."
)

# Jobcenters run as a gemeinsame Einrichtung are supervised by the federal commissioner
# (§ 50 Abs. 4 SGB II); an office run by the city alone changes this field.
COMPLAINT_AUTHORITY = (
    "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI), "
    "Graurheindorfer Straße 153, 53117 Bonn, www.bfdi.bund.de"
)

NON_ACCESSIBLE_PARTS = (
    "Dokumente (PDF), die Partnerorganisationen bereitstellen, sind nicht immer barrierefrei. "
    "Übersetzungen in einzelne Sprachen können unvollständig sein; dann zeigen wir den "
    "deutschen Text und kennzeichnen ihn."
)

# BITV 2.0 / § 16 BGG: the federal arbitration board is the enforcement procedure for
# federal public bodies, which a Jobcenter as gemeinsame Einrichtung is.
ENFORCEMENT = (
    "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie "
    "die Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG) anrufen: "
    "Schlichtungsstelle BGG bei dem Beauftragten der Bundesregierung für die Belange von "
    "Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin, Telefon 030 18 527-2805, "
    "E-Mail info@schlichtungsstelle-bgg.de, www.schlichtungsstelle-bgg.de. Das Verfahren "
    "ist kostenlos; Sie brauchen keinen Rechtsbeistand."
)


def defaults() -> dict[str, str]:
    return {
        "legal_form": LEGAL_FORM,
        "purposes": purposes(),
        "rights": RIGHTS,
        "complaint_authority": COMPLAINT_AUTHORITY,
        "conformity": "partial",
        "non_accessible_parts": NON_ACCESSIBLE_PARTS,
        "enforcement": ENFORCEMENT,
    }
