"""Demo pages of the "Stuttgart model" section, at the level of the public record.

Facts here are the ones the demo catalogue (programmes/demo/programmes.json) already
states with their sources; anything not verified there is marked as sample content.
Idempotent: pages that exist are left as staff may have edited them.
"""

from django.db import transaction
from wagtail.models import Locale

from kb.changes import bulk_changes
from programmes.demo import set_shared_fields
from programmes.exchange import update_indexes
from programmes.models import HomePage, ProgrammePage

from .models import ComparePage, Milestone, ModelOverviewPage, OutcomesDashboardPage, TimelinePage

CONCEPT_SOURCE = "Landeshauptstadt Stuttgart, Abteilung Integrationspolitik; Katalogeintrag „Stuttgarter Bündnis für Integration“"

OVERVIEW = {
    "title": "Das Stuttgarter Modell",
    "slug": "stuttgarter-modell",
    "intro": (
        "Was Stuttgart seit 2001 mit dem „Bündnis für Integration“ aufgebaut hat – das Konzept, "
        "die Partner und die Programme, mit Zeitleiste, Ergebnissen und Vergleich."
    ),
    "body": [
        ("section", {
            "heading": "Das Integrationskonzept von 2001",
            "text": (
                "<p>Mit dem „Stuttgarter Bündnis für Integration“ hat sich die Landeshauptstadt Stuttgart als "
                "eine der ersten deutschen Städte ein umfassendes kommunales Integrationskonzept gegeben. Der "
                "Gemeinderat stimmte der Konzeption im Herbst 2001 zu. Integration gilt darin als "
                "Querschnittsaufgabe aller Ämter; die Integrationsarbeit wurde Anfang 2001 in einer eigenen "
                "Stabsstelle gebündelt.</p><p>Das Konzept wurde mehrfach fortgeschrieben, unter anderem zum "
                "20-jährigen Bestehen 2021.</p>"
            ),
            "source": CONCEPT_SOURCE,
            "sample": False,
        }),
        ("pillars", [
            {"title": "Sprachförderung", "text": "Vom Kindergarten bis zum Deutschkurs für Erwachsene."},
            {"title": "Bildung und Ausbildung", "text": "Chancengleichheit in Schule, Ausbildung und Beruf."},
            {"title": "Interkulturelle Öffnung der Verwaltung", "text": "Ämter und freie Träger öffnen ihre Dienste für alle Stuttgarterinnen und Stuttgarter."},
            {"title": "Zusammenleben in den Stadtteilen", "text": "Nachbarschaft, Begegnung und Beteiligung vor Ort."},
            {"title": "Beteiligung", "text": "Migrantinnen und Migranten und ihre Organisationen als gleichberechtigte Partner."},
            {"title": "Geflüchtete und Willkommenskultur", "text": "Seit 2014 verstärkt: Aufnahme von Geflüchteten und erste Orientierung für Neuzugewanderte."},
        ]),
        ("section", {
            "heading": "Ein Bündnis aus Stadt, Zivilgesellschaft und Politik",
            "text": (
                "<p>Grundgedanke ist eine Verantwortungsgemeinschaft: Stadtverwaltung, Gemeinderat, "
                "Wohlfahrtsverbände, Schulen, Wirtschaft, Migrantenvereine und ehrenamtlich Engagierte "
                "arbeiten gemeinsam an Chancengleichheit und einem guten Zusammenleben.</p>"
            ),
            "source": CONCEPT_SOURCE,
            "sample": False,
        }),
        ("status_counts", {"heading": "Programme im Katalog"}),
        ("theme_counts", {"heading": "Programme nach Themen"}),
        ("newest", {"heading": "Neu im Katalog", "count": 5}),
    ],
}

SUBPAGES = [
    (TimelinePage, {
        "title": "Zeitleiste 2001 bis heute", "slug": "zeitleiste",
        "intro": "Wann welche Programme begonnen und geendet haben, und die wichtigsten Meilensteine des Bündnisses.",
    }),
    (OutcomesDashboardPage, {
        "title": "Ergebnisse", "slug": "ergebnisse",
        "intro": "Kennzahlen der Programme im Zeitverlauf, je Programm und je Thema – als Grafik und als Tabelle.",
    }),
    (ComparePage, {
        "title": "Programme vergleichen", "slug": "vergleich",
        "intro": "Zwei bis vier Programme nebeneinander: Ziele, Zielgruppen, Zeitraum, Partner, Finanzierung, Ergebnisse und Kontakte.",
    }),
]

MILESTONES = [
    (2001, "Neuordnung der Integrationspolitik",
     "Die Integrationsarbeit wird in einer eigenen Stabsstelle gebündelt, damals direkt beim Oberbürgermeister.",
     "Landeshauptstadt Stuttgart, Abteilung Integrationspolitik", False),
    (2001, "Gemeinderat beschließt „Ein Bündnis für Integration“",
     "Der Gemeinderat stimmt im Herbst 2001 dem Integrationskonzept der Stadt zu.", CONCEPT_SOURCE, False),
    (2004, "UNESCO-Preis „Cities for Peace“",
     "Auszeichnung Stuttgarts für seine Integrationspolitik – in diesem Demo-Bestand noch nicht mit einer Quelle belegt.",
     "", True),
    (2005, "Integrationspreis für Großstädte",
     "Auszeichnung des Stuttgarter Integrationskonzepts durch Bundesinnenministerium und Bertelsmann Stiftung.",
     "Bundesministerium des Innern / Bertelsmann Stiftung", False),
    (2006, "Europäisches Städtenetzwerk CLIP gegründet",
     "Stuttgart ist maßgeblich an Gründung und Arbeit des Netzwerks beteiligt.",
     "Landeshauptstadt Stuttgart, Informationsseite der Abteilung Integrationspolitik", False),
    (2014, "Welcome Center Stuttgart eröffnet",
     "Seit Oktober 2014 berät das Welcome Center im Alten Waisenhaus am Charlottenplatz alle, die neu nach Stuttgart kommen.",
     "Welcome Center Stuttgart", False),
    (2021, "20 Jahre Bündnis für Integration",
     "Zum Jubiläum veröffentlicht die Stadt eine Fortschreibung des Integrationskonzepts.",
     "Landeshauptstadt Stuttgart, Jubiläumsbroschüre „20 Jahre Stuttgarter Bündnis für Integration“", False),
]

# English demo translation of the section (marked as such in the overview's intro). Languages
# without their own text get a copy of the English one, shown with the "not yet available in
# your language" notice.
DEMO_TRANSLATION_NOTE = " (Demo translation.)"

CONCEPT_SOURCE_EN = ("City of Stuttgart, Department of Integration Policy; catalogue entry "
                     "“Stuttgart Alliance for Integration”")

OVERVIEW_EN = {
    "title": "The Stuttgart model",
    "intro": (
        "What Stuttgart has built since 2001 with its “Alliance for Integration” – the concept, the "
        "partners and the programmes, with a timeline, outcomes and a comparison." + DEMO_TRANSLATION_NOTE
    ),
    "body": [
        ("section", {
            "heading": "The integration concept of 2001",
            "text": (
                "<p>With the “Stuttgart Alliance for Integration”, Stuttgart was one of the first German cities "
                "to adopt a comprehensive municipal integration concept. The city council approved it in autumn "
                "2001. It treats integration as a cross-cutting task of every city department; integration work "
                "was brought together in a staff unit of its own at the beginning of 2001.</p><p>The concept has "
                "been updated several times, among others for its 20th anniversary in 2021.</p>"
            ),
            "source": CONCEPT_SOURCE_EN,
            "sample": False,
        }),
        ("pillars", [
            {"title": "Language support", "text": "From kindergarten to German courses for adults."},
            {"title": "Education and training", "text": "Equal opportunities at school, in vocational training and at work."},
            {"title": "Intercultural opening of the administration", "text": "City offices and independent providers open their services to everyone in Stuttgart."},
            {"title": "Living together in the neighbourhoods", "text": "Neighbourliness, meeting places and participation on the spot."},
            {"title": "Participation", "text": "Migrants and their organisations as equal partners."},
            {"title": "Refugees and a culture of welcome", "text": "Stepped up since 2014: receiving refugees and first orientation for newcomers."},
        ]),
        ("section", {
            "heading": "An alliance of city, civil society and politics",
            "text": (
                "<p>The core idea is a shared responsibility: the city administration, the city council, welfare "
                "associations, schools, business, migrant associations and volunteers work together for equal "
                "opportunities and good relations between people.</p>"
            ),
            "source": CONCEPT_SOURCE_EN,
            "sample": False,
        }),
        ("status_counts", {"heading": "Programmes in the catalogue"}),
        ("theme_counts", {"heading": "Programmes by theme"}),
        ("newest", {"heading": "Newly added", "count": 5}),
    ],
}

# Demo translations of the overview's intro (issue 24), each marked as such in its language; the
# rest of the section stays English there, with the notice and lang="en".
OVERVIEW_INTRO_DEMO = {
    "tr": "Stuttgart'ın 2001'den bu yana “Entegrasyon için İttifak” ile kurduğu yapı: kavram, ortaklar ve programlar; "
          "zaman çizelgesi, sonuçlar ve karşılaştırma ile. (Demo çevirisi.)",
    "ar": "ما بنته شتوتغارت منذ عام 2001 من خلال „التحالف من أجل الاندماج“: المفهوم والشركاء والبرامج، مع خط "
          "زمني ونتائج ومقارنة. (ترجمة تجريبية.)",
    "uk": "Що Штутгарт збудував з 2001 року завдяки «Альянсу за інтеграцію»: концепцію, партнерів і програми – "
          "з хронологією, результатами та порівнянням. (Демонстраційний переклад.)",
}

SUBPAGES_EN = {
    TimelinePage: {
        "title": "Timeline from 2001 to today",
        "intro": "When programmes started and ended, and the main milestones of the alliance.",
    },
    OutcomesDashboardPage: {
        "title": "Outcomes",
        "intro": "What the programmes achieved: their indicators over the years, grouped by theme – as charts and tables.",
    },
    ComparePage: {
        "title": "Compare programmes",
        "intro": "Two to four programmes side by side: aims, target groups, period, partners, funding, outcomes, "
                 "what worked, what transfers and contacts.",
    },
}

MILESTONES_EN = [
    ("Integration policy reorganised",
     "Integration work is brought together in a staff unit of its own, at the time directly under the Lord Mayor."),
    ("City council adopts “An Alliance for Integration”",
     "In autumn 2001 the city council approves the city's integration concept."),
    ("UNESCO “Cities for Peace” prize",
     "An award for Stuttgart's integration policy – not yet backed by a source in this demo."),
    ("Integration prize for large cities",
     "The Federal Ministry of the Interior and the Bertelsmann Stiftung honour Stuttgart's integration concept."),
    ("European city network CLIP founded",
     "Stuttgart plays a leading part in founding the network and in its work."),
    ("Welcome Center Stuttgart opens",
     "Since October 2014 the Welcome Center in the Altes Waisenhaus at Charlottenplatz advises everyone new to Stuttgart."),
    ("20 years of the Alliance for Integration",
     "For the anniversary the city publishes an update of its integration concept."),
]

# Lessons restate what the demo catalogue says about each programme (with its sources there);
# a field the record does not cover stays empty and is shown as "not documented". Costs and
# staffing restate the record's `funding` and the staffing its description names; no amounts are
# public in the record, so none are given.
LESSONS = {
    "buendnis-fuer-integration-2001": {
        "lessons_costs": "Getragen aus dem Haushalt der Landeshauptstadt Stuttgart; eine eigene Stabsstelle (heute "
                         "Abteilung Integrationspolitik) koordiniert. Beträge und Stellenzahl sind in diesem Katalog "
                         "nicht dokumentiert.",
        "lessons_purpose": "Chancengleichheit und gutes Zusammenleben in einer Stadt, in der fast die Hälfte "
                           "der Menschen eine Migrationsgeschichte hat.",
        "lessons_approach": "Integration als Querschnittsaufgabe aller Ämter, getragen von einer "
                            "Verantwortungsgemeinschaft aus Verwaltung, Politik, Wohlfahrtsverbänden, Schulen, "
                            "Wirtschaft, Migrantenvereinen und Ehrenamtlichen; eine eigene Stabsstelle koordiniert.",
        "lessons_worked": "Das Konzept trägt seit 2001 und wurde mehrfach fortgeschrieben (zuletzt zum 20-jährigen "
                          "Bestehen 2021); viele Programme dieses Katalogs bauen auf ihm auf. 2005 erhielt es den "
                          "Integrationspreis von Bundesinnenministerium und Bertelsmann Stiftung für Großstädte.",
        "lessons_transferability": "Das Konzept wurde 2004 vom Europarat aufgegriffen und floss in das europäische "
                                   "Städtenetzwerk CLIP ein (siehe dort). Voraussetzung laut Konzept: ein Beschluss "
                                   "des Gemeinderats und eine Stelle, die die Arbeit der Ämter und Partner bündelt.",
    },
    "mama-lernt-deutsch": {
        "lessons_costs": "Finanziert aus dem Haushalt der Landeshauptstadt Stuttgart und geringen "
                         "Teilnahmebeiträgen; unterrichtet wird von Lehrkräften der Kursträger. Beträge sind in diesem "
                         "Katalog nicht dokumentiert.",
        "lessons_purpose": "Müttern Deutsch beibringen, die (noch) keinen Integrationskurs besuchen können, und sie "
                           "mit der Schule und der Kita ihrer Kinder vertraut machen.",
        "lessons_approach": "Kurse von rund 100 Unterrichtsstunden mit zehn bis 15 Teilnehmerinnen an der Schule "
                            "oder Kita der Kinder, nach einem Curriculum der Abteilung Integrationspolitik "
                            "(Stundenplan, Elterngespräch, Zeugnis …); durchgeführt von Kursträgern wie der AWO.",
        "lessons_worked": "Der Lernort in der Einrichtung der Kinder senkt die Hemmschwelle. Nach Angaben der Stadt "
                          "(2022) gab es seit 2002 rund 470 Kurse mit rund 5.500 Teilnehmerinnen an 12 Standorten.",
        "lessons_transferability": "Braucht wenig: Räume in Schulen oder Kitas, ein alltagsnahes Curriculum, "
                                   "Kursträger und städtische Mittel; Kinderbetreuung erleichtert die Teilnahme.",
    },
    "rucksack-elternprogramm-kita": {
        "lessons_costs": "Je Elterngruppe ein interkulturelles Tandem; finanziert von der Landeshauptstadt Stuttgart, "
                         "in der Anfangsphase gefördert von der Freudenberg Stiftung. Beträge sind in diesem Katalog "
                         "nicht dokumentiert.",
        "lessons_purpose": "Sprachförderung der Kinder mit Elternbildung verbinden; Mehrsprachigkeit als Stärke sehen.",
        "lessons_approach": "Wöchentliche Elterngruppen von etwa zwei Stunden in der Kita, geleitet von einem "
                            "interkulturellen Tandem; Material zu den Kita-Themen, das Eltern zu Hause in ihrer "
                            "Sprache mit den Kindern nutzen.",
        "lessons_worked": "Start 2005 in fünf Kindergärten, 2010 bereits 23 Kitas; später kamen Grundschulen dazu.",
        "lessons_transferability": "Das Programm stammt aus Nordrhein-Westfalen und wurde in Stuttgart übernommen – "
                                   "ein Beispiel dafür, dass es übertragbar ist. Anschub durch eine Stiftung "
                                   "(Freudenberg Stiftung) half in der Anfangszeit.",
    },
    "stuttgarter-weg-unterbringung": {
        "lessons_costs": "Soziale Betreuung und Hausleitung durch freie Träger, dazu ehrenamtliche Freundeskreise; "
                         "finanziert von der Landeshauptstadt Stuttgart mit Erstattungen des Landes Baden-Württemberg. "
                         "Beträge sind in diesem Katalog nicht dokumentiert.",
        "lessons_purpose": "Geflüchtete menschenwürdig unterbringen, Massenunterkünfte vermeiden und Kontakte zur "
                           "Nachbarschaft erleichtern.",
        "lessons_approach": "Vier Säulen: dezentrale Unterkünfte in möglichst allen Stadtbezirken, höchstens 250 "
                            "Plätze je Unterkunft, soziale Betreuung und Hausleitung aus einer Hand durch freie "
                            "Träger, ehrenamtliche Freundeskreise an jedem Standort.",
        "lessons_worked": "Auch beim starken Anstieg der Zugangszahlen blieb die Verteilung erhalten: im Mai 2016 "
                          "lebten rund 8.670 Geflüchtete in 124 Unterkünften in 22 Stadtbezirken.",
        "lessons_challenges": "Ab 2014 mussten zahlreiche Systembauten errichtet werden; Ziel bleibt der Umzug in "
                              "eigene Wohnungen, wobei Sozialdienste und Ehrenamtliche bei der Wohnungssuche helfen.",
    },
    "welcome-center-stuttgart": {
        "lessons_costs": "Ein mehrsprachiges Beratungsteam; getragen von der Landeshauptstadt Stuttgart und der "
                         "Wirtschaftsförderung Region Stuttgart, in der Aufbauphase gefördert vom Land Baden-Württemberg "
                         "und dem Europäischen Sozialfonds. Beträge sind in diesem Katalog nicht dokumentiert.",
        "lessons_purpose": "Eine erste Anlaufstelle für alle, die neu nach Stuttgart kommen – unabhängig vom Status.",
        "lessons_approach": "Gemeinsame Einrichtung von Stadt und Wirtschaftsförderung Region Stuttgart; ein "
                            "mehrsprachiges Team berät und vermittelt gezielt an Behörden und Fachberatungen weiter, "
                            "auch Unternehmen, die internationale Fachkräfte einstellen.",
        "lessons_worked": "Im September 2017 wurde die 10.000. ratsuchende Person begrüßt; in den ersten fünf Jahren "
                          "wurden mehr als 7.400 internationale Fachkräfte aus 147 Ländern beraten.",
        "lessons_transferability": "Die Partnerschaft von Stadt und Wirtschaftsförderung verbindet Willkommenskultur "
                                   "und Fachkräftegewinnung; die Beratung ist kostenlos.",
    },
    "clip-europaeisches-staedtenetzwerk": {
        "lessons_purpose": "Erfahrungen kommunaler Integrationspolitik zwischen europäischen Städten austauschen.",
        "lessons_approach": "Netzwerk von rund 35 europäischen Städten mit dem Kongress der Gemeinden und Regionen des "
                            "Europarats und Eurofound; Fallstudien in den beteiligten Städten.",
        "lessons_worked": "Berichte und Handlungsempfehlungen zu Wohnen, Vielfalt in kommunaler Beschäftigung und "
                          "Dienstleistungen, interkulturellen Beziehungen und Unternehmertum von Migrantinnen und "
                          "Migranten.",
        "lessons_transferability": "Die Ergebnisse richten sich ausdrücklich an verschiedene Politikebenen und andere "
                                   "Städte; sie flossen in die europäische Debatte über kommunale Integration ein.",
    },
}


@transaction.atomic
def ensure_research_pages():
    """The overview with its three subpages under the German home page, and translations in every locale."""
    default = Locale.get_default()
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        return None
    overview = ModelOverviewPage.objects.child_of(home).first()
    if overview is None:
        overview = home.add_child(instance=ModelOverviewPage(locale=default, **OVERVIEW))
        overview.save_revision().publish()
    for model, fields in SUBPAGES:
        page = model.objects.child_of(overview).first()
        if page is None:
            page = model(locale=default, **fields)
            if model is TimelinePage:
                page.milestones = [
                    Milestone(year=y, title=t, text=x, source=s, sample=sample, sort_order=n)
                    for n, (y, t, x, s, sample) in enumerate(MILESTONES)
                ]
            overview.add_child(instance=page)
            page.save_revision().publish()
    for locale in Locale.objects.exclude(pk=default.pk):
        _translate_tree(overview, locale)
    add_demo_lessons()
    return overview


def _translate_tree(page, locale):
    """A translation of every page of the section in `locale`, with the English demo text.

    Copies whose title is still the German one (never translated by staff) get the English
    text; other languages show it with the "not yet available in your language" notice.
    """
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
    translation = translation.specific
    changed = False
    if translation.title == page.title or not translation.live:
        _apply_english(translation)
        changed = True
    demo_intro = OVERVIEW_INTRO_DEMO.get(locale.language_code)
    if isinstance(translation, ModelOverviewPage) and demo_intro and translation.intro == OVERVIEW_EN["intro"]:
        translation.intro = demo_intro  # only over the English demo text, never over staff's
        changed = True
    if changed:
        translation.save_revision().publish()
    for child in page.get_children().specific():
        _translate_tree(child, locale)


def _apply_english(page):
    if isinstance(page, ModelOverviewPage):
        fields = OVERVIEW_EN
    else:
        fields = SUBPAGES_EN[type(page)]
    for name, value in fields.items():
        setattr(page, name, value)
    existing = list(Milestone.objects.filter(page=page).order_by("sort_order")) if isinstance(page, TimelinePage) else []
    if len(existing) == len(MILESTONES_EN):  # the demo's milestones, not ones staff changed
        page.milestones = [
            Milestone(
                year=m.year, title=title, text=text, sort_order=m.sort_order, sample=m.sample,
                source=CONCEPT_SOURCE_EN if m.source == CONCEPT_SOURCE else m.source,
            )
            for m, (title, text) in zip(existing, MILESTONES_EN, strict=True)
        ]


def add_demo_lessons():
    changed = []
    with bulk_changes():
        for slug, fields in LESSONS.items():
            page = ProgrammePage.objects.filter(slug=slug, locale=Locale.get_default()).first()
            if page is not None and set_shared_fields(page, fields):
                changed.append(page.translation_key)
    if changed:
        update_indexes(ProgrammePage.objects.filter(translation_key__in=changed))
