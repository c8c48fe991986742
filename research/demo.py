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

LESSONS = {
    "buendnis-fuer-integration-2001": {
        "lessons_purpose": "Chancengleichheit und gutes Zusammenleben in einer Stadt, in der fast die Hälfte "
                           "der Menschen eine Migrationsgeschichte hat.",
        "lessons_approach": "Integration als Querschnittsaufgabe aller Ämter, getragen von einer "
                            "Verantwortungsgemeinschaft aus Verwaltung, Politik, Wohlfahrtsverbänden, Schulen, "
                            "Wirtschaft, Migrantenvereinen und Ehrenamtlichen; eine eigene Stabsstelle koordiniert.",
        "lessons_transferability": "Das Konzept wurde 2004 vom Europarat aufgegriffen und floss in das europäische "
                                   "Städtenetzwerk CLIP ein (siehe dort).",
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
    """Untranslated copies (German text) so the section exists under every language prefix."""
    if page.get_translation_or_none(locale) is None:
        copy = page.copy_for_translation(locale)
        copy.save_revision().publish()
    for child in page.get_children().specific():
        _translate_tree(child, locale)


def add_demo_lessons():
    changed = []
    with bulk_changes():
        for slug, fields in LESSONS.items():
            page = ProgrammePage.objects.filter(slug=slug, locale=Locale.get_default()).first()
            if page is not None and set_shared_fields(page, fields):
                changed.append(page.translation_key)
    if changed:
        update_indexes(ProgrammePage.objects.filter(translation_key__in=changed))
