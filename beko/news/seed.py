"""German starting texts of the audience pages and "Über uns" (staff edit them later)."""

from typing import Any

AUDIENCE_PAGES: list[dict[str, Any]] = [
    {
        "audience": "volunteers",
        "slug": "fuer-ehrenamtliche",
        "title": "Für Ehrenamtliche",
        "intro": "Sie begleiten geflüchtete Menschen auf dem Weg in Arbeit und Ausbildung? Wir "
        "beraten Sie – unabhängig vom Aufenthaltsstatus der Person, die Sie unterstützen.",
        "body": "<h2>Wobei wir helfen</h2><ul><li>Welche Arbeit, Ausbildung oder welcher Kurs ist "
        "mit Duldung, Gestattung oder Anerkennung möglich?</li><li>Welche Stelle ist zuständig, "
        "und wer zahlt Leistungen?</li><li>Welche Angebote gibt es im Stadtbezirk – in welcher "
        "Sprache?</li></ul><p>Rufen Sie unsere Hotline an oder schreiben Sie uns über das "
        "Kontaktformular.</p>",
        "position": 1,
    },
    {
        "audience": "employers",
        "slug": "fuer-unternehmen",
        "title": "Für Unternehmen",
        "intro": "Sie möchten geflüchtete Menschen beschäftigen oder ausbilden? Wir sagen Ihnen, "
        "was erlaubt ist, welche Erlaubnis nötig ist und wen Sie anrufen.",
        "body": "<h2>Unsere Unterstützung</h2><ul><li>Beschäftigungserlaubnis: Ausländerbehörde "
        "und Zustimmung der Bundesagentur für Arbeit</li><li>Ausbildungsduldung und "
        "Beschäftigungsduldung</li><li>Förderung und Begleitung im Betrieb</li></ul>"
        "<p>Diese Informationen sind eine Orientierung und keine Rechtsberatung.</p>",
        "position": 2,
    },
    {
        "audience": "counselling",
        "slug": "fuer-beratungsstellen",
        "title": "Für Beratungsstellen",
        "intro": "Sie beraten geflüchtete Menschen – in der Migrationsberatung, im "
        "Jugendmigrationsdienst, zur Anerkennung oder im Jobcoaching? Wir klären "
        "rechtskreisübergreifende Fragen mit Ihnen und machen Ihre Angebote sichtbar.",
        "body": "<h2>Zusammenarbeit</h2><ul><li>Fragen zu Aufenthalt, Arbeit und Leistungen "
        "über Rechtskreise hinweg klären</li><li>Wer ist wofür zuständig? Verweise an "
        "Ausländerbehörde, Agentur für Arbeit und Jobcenter</li><li>Ihre Angebote im "
        "Verzeichnis eintragen und aktuell halten</li></ul>",
        "position": 3,
    },
    {
        "audience": "associations",
        "slug": "fuer-vereine",
        "title": "Für Vereine und Initiativen",
        "intro": "Sie engagieren sich als Verein oder Initiative mit geflüchteten Menschen? "
        "Machen Sie Ihre Angebote sichtbar, vernetzen Sie sich und kommen Sie zu unseren "
        "Netzwerktreffen.",
        "body": "<h2>Zusammenarbeit</h2><ul><li>Angebote im Verzeichnis eintragen und aktuell "
        "halten</li><li>Beim Markt der Möglichkeiten und den Stadtgesprächen dabei "
        "sein</li><li>Schwierige Fragen aus der Begleitung an unsere Hotline geben</li></ul>",
        "position": 4,
    },
    {
        "audience": "about",
        "slug": "ueber-uns",
        "title": "Über uns",
        "intro": "Die Beratungs- und Koordinierungsstelle (BeKo) ist ein Team von drei "
        "Kolleginnen und Kollegen des Jobcenters Wuppertal im Haus der Integration. Wir beraten "
        "alle, die geflüchtete Menschen begleiten, beschäftigen oder beraten – unabhängig vom "
        "Aufenthaltsstatus.",
        "body": "<h2>Was wir tun</h2><ul><li><strong>Überblick über Angebote:</strong> Wir "
        "sammeln, wer in Wuppertal was für Geflüchtete anbietet – in welchem Stadtbezirk, in "
        "welcher Sprache, für wen – und machen es im Angebotsverzeichnis auffindbar.</li>"
        "<li><strong>Beratung über Rechtskreise hinweg:</strong> Ehrenamtliche, Unternehmen, "
        "Vereine und Beratungsstellen fragen uns, was mit Duldung, Aufenthaltsgestattung oder "
        "Anerkennung möglich ist: Arbeit, Ausbildung, Sprachkurs, Leistungen.</li>"
        "<li><strong>Hotline und Anfragen:</strong> Wir beantworten Fragen am Telefon und über "
        "das Kontaktformular. Was oft gefragt wird, erscheint unter „Häufige Fragen“.</li>"
        "<li><strong>Netzwerk:</strong> Wir laden zu den Stadtgesprächen, zu Meet &amp; Eat und "
        "zum Arbeitgeberfrühstück ein.</li></ul>"
        "<h2>Im Haus der Integration</h2><p>Im Haus der Integration arbeiten das Jobcenter, das "
        "Team für Geflüchtete der Agentur für Arbeit, das Ressort Zuwanderung und Integration "
        "der Stadt mit der Ausländerbehörde und die Jugendhilfe unter einem Dach. So sind die "
        "Wege zwischen den Stellen kurz.</p>"
        "<h2>Was wir nicht tun</h2><p>Wir entscheiden nicht über Anträge und geben keine "
        "Rechtsberatung. Unsere Auskünfte sind eine Orientierung; verbindlich entscheidet die "
        "zuständige Stelle. Wir sagen Ihnen, welche das ist.</p>",
        "position": 5,
    },
]
