"""Programmes for tests, written as exchange records and created the way an editor does.

`create()` adds the page under the catalogue and publishes a revision through Wagtail
(`add_child` + `save_revision().publish()`; translations via `copy_for_translation`), so the
publish handlers run as they do in the admin. Tests of the importer call `import_data` with
`exchange(record(...))` instead.
"""

import copy

from wagtail.models import Locale

from programmes import record as programme_record
from programmes.exchange import TAXONOMIES, catalogue_for
from programmes.models import ProgrammePage, RelatedProgramme
from programmes.models.contacts import contact_for
from programmes.translation import copy_shared

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
    """Create (or update) one programme as an editor does; returns the German page.

    Translations named in `translations` are created (or updated) and published after the
    source; the shared facts are copied as the publish sync copies them.
    """
    data = record(**overrides)
    default = Locale.get_default()
    page = ProgrammePage.objects.filter(slug=data["slug"], locale=default).first()
    taxonomies = {key: model.objects.in_bulk(field_name="slug") for key, model in TAXONOMIES}
    new = page is None
    if new:
        page = ProgrammePage(slug=data["slug"], locale=default)
    programme_record.apply(page, data, taxonomies, contact_for)
    page.related_programmes = [
        RelatedProgramme(target=ProgrammePage.objects.get(slug=slug, locale=default), sort_order=n)
        for n, slug in enumerate(data.get("related") or [])
    ]
    if new:
        catalogue_for(default).add_child(instance=page)
    page.save_revision().publish()
    for code, fields in (data.get("translations") or {}).items():
        locale = Locale.objects.get(language_code=code)
        translation = page.get_translation_or_none(locale) or page.copy_for_translation(locale)
        translation = ProgrammePage.objects.get(pk=translation.pk)
        programme_record.apply_translation(translation, fields)
        copy_shared(page, translation)
        translation.save_revision().publish()
    return ProgrammePage.objects.get(pk=page.pk)


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
