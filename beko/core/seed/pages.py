"""German template texts for the footer pages. They say clearly that they are templates:
the operating authority must replace them with its own legal texts."""

TEMPLATE_NOTE = (
    "<p><strong>Hinweis: Dies ist ein Mustertext.</strong> Die betreibende Stelle muss ihn "
    "durch ihre eigenen, rechtlich geprüften Angaben ersetzen (Bearbeiten im internen "
    "Bereich unter „Seiten bearbeiten“).</p>"
)

FOOTER_PAGES = [
    {
        "slug": "impressum",
        "title": "Impressum",
        "intro": "Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Medienstaatsvertrag.",
        "body": TEMPLATE_NOTE
        + "<h2>Anbieterin</h2><p>[Name der Behörde oder Einrichtung]<br>[Straße und Hausnummer]"
        "<br>[PLZ] Wuppertal</p><p>Vertreten durch: [Name der Leitung]</p>"
        "<h2>Kontakt</h2><p>Telefon: [Nummer]<br>E-Mail: [Adresse]</p>"
        "<h2>Verantwortlich für den Inhalt</h2><p>[Name, Anschrift]</p>"
        "<h2>Aufsichtsbehörde</h2><p>[Zuständige Aufsichtsbehörde]</p>",
    },
    {
        "slug": "datenschutz",
        "title": "Datenschutzerklärung",
        "intro": "Wie wir mit Ihren Daten umgehen – nach Art. 13 DSGVO.",
        "body": TEMPLATE_NOTE
        + "<h2>Verantwortliche Stelle</h2><p>[Name und Anschrift der verantwortlichen Stelle]</p>"
        "<h2>Datenschutzbeauftragte Person</h2><p>[Kontakt]</p>"
        "<h2>Besuch der Website</h2><p>Beim Aufruf der Seiten verarbeitet der Server technisch "
        "notwendige Daten (IP-Adresse, Zeitpunkt, aufgerufene Adresse) zur Auslieferung und "
        "Absicherung der Website (Art. 6 Abs. 1 lit. e DSGVO). Die Website lädt keine Inhalte "
        "von Dritten, verwendet keine Analyse- oder Tracking-Dienste und keine externe "
        "Übersetzung.</p><h2>Cookies</h2><p>Wir setzen nur technisch notwendige Cookies: ein "
        "Sicherheits-Cookie (CSRF) beim Absenden von Formularen und ein Sitzungs-Cookie nach "
        "der Anmeldung.</p><h2>Anfragen und Anmeldungen</h2><p>[Zweck, Rechtsgrundlage, "
        "Speicherdauer, Empfänger]</p><h2>Ihre Rechte</h2><p>Auskunft (Art. 15), Berichtigung "
        "(Art. 16), Löschung (Art. 17), Einschränkung (Art. 18), Widerspruch (Art. 21), "
        "Beschwerde bei der Aufsichtsbehörde (Art. 77 DSGVO).</p>",
    },
    {
        "slug": "barrierefreiheit",
        "title": "Erklärung zur Barrierefreiheit",
        "intro": "Nach § 12b Behindertengleichstellungsgesetz NRW und der BITV NRW.",
        "body": TEMPLATE_NOTE
        + "<h2>Stand der Vereinbarkeit</h2><p>Diese Website soll die Anforderungen der BITV 2.0 "
        "(WCAG 2.1, Stufe AA) erfüllen. [Ergebnis der Prüfung und Datum eintragen.]</p>"
        "<h2>Nicht barrierefreie Inhalte</h2><p>[Liste bekannter Einschränkungen]</p>"
        "<h2>Feedback und Kontakt</h2><p>Barrieren melden Sie bitte an: [E-Mail, Telefon]</p>"
        "<h2>Durchsetzungsverfahren</h2><p>[Ombudsstelle bzw. Durchsetzungsstelle des Landes "
        "NRW mit Kontakt]</p>",
    },
    {
        "slug": "leichte-sprache",
        "title": "Leichte Sprache",
        "intro": "Informationen zu dieser Website in Leichter Sprache.",
        "body": TEMPLATE_NOTE
        + "<h2>Was ist die BeKo?</h2><p>Die BeKo ist ein Büro in Wuppertal.</p><p>Die BeKo hilft "
        "Menschen, die Geflüchtete unterstützen.</p><p>Zum Beispiel:</p><ul><li>Ehrenamtliche."
        "</li><li>Firmen.</li><li>Vereine.</li></ul><h2>Was finden Sie auf dieser Website?</h2>"
        "<ul><li>Angebote in Ihrer Nähe.</li><li>Wege in Arbeit: Wer darf arbeiten?</li><li>"
        "Termine.</li><li>Kontakt zur BeKo.</li></ul>",
    },
    {
        "slug": "gebaerdensprache",
        "title": "Gebärdensprache",
        "intro": "Informationen in Deutscher Gebärdensprache (DGS).",
        "body": TEMPLATE_NOTE
        + "<p>[Hier stehen Videos in Deutscher Gebärdensprache. Die Videos werden auf diesem "
        "Server gespeichert und ohne Dienste Dritter abgespielt.]</p><p>Inhalt der Videos: "
        "Was ist die BeKo? Was finde ich auf dieser Website? Wie erreiche ich die BeKo?</p>",
    },
]
