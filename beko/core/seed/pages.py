"""German starting texts of the footer pages.

Impressum, Datenschutzerklärung and the accessibility statement are built from the
structured legal details (core.models.LegalDetails, templates core/legal/); their body here
is empty and holds only what staff add. Leichte Sprache and Gebärdensprache are ordinary
editable pages; the sign-language videos are SignLanguageVideo records."""

# The seeded texts until 2026-11 began with this; migration 0007 recognises them by it.
OLD_TEMPLATE_MARKER = "Hinweis: Dies ist ein Mustertext."

LEGAL_SLUGS = ("impressum", "datenschutz", "barrierefreiheit")
SIGN_LANGUAGE_SLUG = "gebaerdensprache"

EASY_LANGUAGE_BODY = (
    "<h2>Was ist die BeKo?</h2><p>Die BeKo ist ein Büro in Wuppertal.</p><p>Die BeKo hilft "
    "Menschen, die Geflüchtete unterstützen.</p><p>Zum Beispiel:</p><ul><li>Ehrenamtliche."
    "</li><li>Firmen.</li><li>Vereine.</li></ul><h2>Was finden Sie auf dieser Website?</h2>"
    "<ul><li>Angebote in Ihrer Nähe.</li><li>Wege in Arbeit: Wer darf arbeiten?</li><li>"
    "Termine.</li><li>Kontakt zur BeKo.</li></ul><h2>Wie erreichen Sie die BeKo?</h2>"
    "<p>Sie können anrufen.</p><p>Sie können eine Nachricht schreiben.</p><p>Die "
    "Telefon-Nummer und das Formular finden Sie auf der Seite „Kontakt“.</p>"
)

SIGN_LANGUAGE_BODY = (
    "<p>Hier erklären wir in Deutscher Gebärdensprache: Was ist die BeKo? Was finde ich auf "
    "dieser Website? Wie erreiche ich die BeKo?</p><p>Die Videos liegen auf unserem eigenen "
    "Server. Sie haben Untertitel. Es werden keine Daten an andere Dienste gesendet.</p>"
)

FOOTER_PAGES = [
    {
        "slug": "impressum",
        "title": "Impressum",
        "intro": "Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Medienstaatsvertrag.",
        "body": "",
    },
    {
        "slug": "datenschutz",
        "title": "Datenschutzerklärung",
        "intro": "Wie wir mit Ihren Daten umgehen – nach Art. 13 DSGVO.",
        "body": "",
    },
    {
        "slug": "barrierefreiheit",
        "title": "Erklärung zur Barrierefreiheit",
        "intro": "Nach § 12b Behindertengleichstellungsgesetz (BGG) und der "
        "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0).",
        "body": "",
    },
    {
        "slug": "leichte-sprache",
        "title": "Leichte Sprache",
        "intro": "Informationen zu dieser Website in Leichter Sprache.",
        "body": EASY_LANGUAGE_BODY,
    },
    {
        "slug": "gebaerdensprache",
        "title": "Gebärdensprache",
        "intro": "Informationen in Deutscher Gebärdensprache (DGS).",
        "body": SIGN_LANGUAGE_BODY,
    },
]
