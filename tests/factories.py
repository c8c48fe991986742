"""Programmes for tests, built as exchange records and created through the real importer."""

import copy

from programmes.exchange import import_data

BASE = {
    "slug": "sprachcafe-test",
    "title": "Sprachcafé für Neuzugewanderte",
    "summary": "Deutsch sprechen üben in entspannter Runde, jeden Dienstag im Stadtteilzentrum.",
    "description": "Im Sprachcafé treffen sich Menschen, die Deutsch lernen.\n\nEhrenamtliche moderieren die Gespräche.",
    "themes": ["language"],
    "target_groups": ["newcomers"],
    "districts": ["mitte"],
    "languages": ["de", "en"],
    "status": "active",
    "start_year": 2015,
    "end_year": None,
    "organisation": "Forum der Kulturen Stuttgart e.V.",
    "partners": ["Stadtbibliothek Stuttgart"],
    "funding": "Landeshauptstadt Stuttgart",
    "website": "https://www.example.org/sprachcafe",
    "keywords": ["Konversation", "Deutsch üben"],
    "outcomes": [
        {"indicator": "Teilnehmende pro Jahr", "value": 320, "unit": "Personen", "year": 2023,
         "source": "Jahresbericht 2023", "note": "Beispieldaten"},
    ],
    "contacts": [
        {"name": None, "role": "Koordination", "organisation": "Forum der Kulturen Stuttgart e.V.",
         "email": "sprachcafe@example.org", "phone": "0711 555-0101", "street": "Marktplatz 1",
         "postcode": "70173", "city": "Stuttgart", "opening_hours": "Di 17–19 Uhr",
         "website": None, "languages": ["de", "en", "ar"]},
    ],
    "related": [],
    "translations": {},
}


def record(**overrides):
    data = copy.deepcopy(BASE)
    data.update(overrides)
    return data


def exchange(*records):
    return {"format": "kb-programmes/1", "programmes": list(records)}


def create(**overrides):
    """Create (or update) one programme through the importer; returns the German page."""
    from programmes.models import ProgrammePage

    data = record(**overrides)
    import_data(exchange(data))
    return ProgrammePage.objects.get(slug=data["slug"], locale__language_code="de")


def concept(slug, broader=(), **terms):
    """A vocabulary concept: concept("kita", de=["Kita", "Kindertagesstätte"], en=["daycare"]);
    the first term of each language is the preferred one."""
    from search.models import VOCABULARY_NAMESPACE, Concept, ConceptLabel

    item, _created = Concept.objects.get_or_create(uri=VOCABULARY_NAMESPACE + slug)
    ConceptLabel.objects.filter(concept=item).delete()
    for lang, texts in terms.items():
        for n, text in enumerate(texts):
            ConceptLabel.objects.create(concept=item, lang=lang, kind="pref" if n == 0 else "alt", text=text)
    item.broader.set(broader)
    item.save()
    return item
