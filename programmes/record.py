"""The programme's public record: its fields, nested parts and their conversion both ways.

One definition for everything that shows a programme outside its page: the exchange
format (contracts/programme-exchange.md), the programme API, the CSV and HSDS downloads,
the search documents, translations and backups. A new fact is added here once; the
exchange schema's keys and the CSV columns are tested to agree with it
(tests/test_record.py).

Each field has a `Kind` that says how a value travels: `out` turns the model's value into
the record's (blank text becomes null, rich text becomes plain paragraphs), `into` the
record's into the model's. Taxonomies and the nested parts (outcomes, contacts, related,
translations) are read and written by the functions below.

This module imports no models (it reaches the inline models through the page's own
relations), so that `programmes.models` can take its field lists from here.
"""

from dataclasses import dataclass, field
from datetime import time

from .richtext import html_to_text, text_to_html


def none_if_blank(value):
    return value if value not in ("", None) else None


def number(value):
    """A stored float as the record shows it: 320.0 -> 320, 2.5 stays 2.5."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _same(value):
    return value


def _text(value):
    return value or ""


def _list(value):
    return list(value or [])


@dataclass(frozen=True)
class Kind:
    """How one value travels between model and record."""

    name: str
    out: object = _same  # model value -> record value
    into: object = _same  # record value -> model value
    nested: dict = field(default=None, hash=False, compare=False)  # key -> Kind, for lists of objects

    @property
    def scalar(self):
        """A value of the page itself (not a relation)."""
        return self.name in ("value", "optional", "list", "rich", "number")


VALUE = Kind("value")
OPTIONAL = Kind("optional", out=none_if_blank, into=_text)  # text that may be blank: null in the record
LIST = Kind("list", out=list, into=_list)
RICH = Kind("rich", out=lambda html: none_if_blank(html_to_text(html)), into=lambda text: text_to_html(text or ""))
NUMBER = Kind("number", out=number)

OUTCOME = {
    "indicator": VALUE, "value": NUMBER, "unit": OPTIONAL, "year": VALUE, "source": OPTIONAL, "note": OPTIONAL,
}
CONTACT = {
    "name": OPTIONAL, "role": OPTIONAL, "organisation": VALUE, "email": OPTIONAL, "phone": OPTIONAL,
    "street": OPTIONAL, "postcode": OPTIONAL, "city": OPTIONAL, "opening_hours": OPTIONAL, "website": OPTIONAL,
    "languages": LIST,
}
# What a translation owns; everything else is shared with the German source.
TRANSLATION = {"title": VALUE, "summary": VALUE, "description": RICH, "keywords": LIST}

TAXONOMY = Kind("taxonomy")
OUTCOMES = Kind("outcomes", nested=OUTCOME)
CONTACTS = Kind("contacts", nested=CONTACT)
RELATED = Kind("related")
TRANSLATIONS = Kind("translations", nested=TRANSLATION)

# The record, in the order the exchange format writes its keys.
PROGRAMME = {
    "slug": VALUE,
    "title": VALUE,
    "summary": VALUE,
    "description": RICH,
    "themes": TAXONOMY,
    "target_groups": TAXONOMY,
    "districts": TAXONOMY,
    "languages": LIST,
    "status": VALUE,
    "start_year": VALUE,
    "end_year": VALUE,
    "organisation": VALUE,
    "partners": LIST,
    "funding": OPTIONAL,
    "website": OPTIONAL,
    "keywords": LIST,
    "outcomes": OUTCOMES,
    "contacts": CONTACTS,
    "related": RELATED,
    "translations": TRANSLATIONS,
}
TAXONOMIES = [key for key, kind in PROGRAMME.items() if kind is TAXONOMY]
# The page's own fields that the record carries, and those every translation shares with its source.
SCALARS = [key for key, kind in PROGRAMME.items() if kind.scalar]
SHARED = [key for key in SCALARS if key not in TRANSLATION and key != "slug"]
# One row per programme (the CSV download, the API's list): the facts, without the editors'
# search terms and the nested parts.
TABLE = [key for key, kind in PROGRAMME.items() if (kind.scalar or kind is TAXONOMY) and key != "keywords"]

# The most items a record's lists may hold, and the longest partner or keyword: the importer
# refuses more (#19; docs/security.md "Import limits").
LIST_CAPS = {"partners": 100, "keywords": 100, "outcomes": 100, "contacts": 50, "related": 100}
ITEM_CAP = 300

# Extension kb-lessons/1 (docs/exchange-extensions.md): exchange key -> page field.
LESSONS = {
    "purpose": "lessons_purpose",
    "approach": "lessons_approach",
    "what_worked": "lessons_worked",
    "challenges": "lessons_challenges",
    "transferability": "lessons_transferability",
}
LESSONS_REPORTS = "evaluation_reports"  # a list, under the same name in the record and on the page
# Extension kb-lessons/2 adds what researchers ask for next (issue 24): costs, staffing and funding.
LESSONS_2 = {**LESSONS, "costs_staffing": "lessons_costs"}

# Service facts (issue 22), extension kb-facts/1 (docs/exchange-extensions.md): shared kinds and
# yes/no facts, per-language notes, and the venues and times every translation shares.
STUTTGART_LAT = (48.68, 48.87)  # Stuttgart's city area with a small margin (WGS 84)
STUTTGART_LON = (9.03, 9.32)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _amount_out(value):
    return None if value is None else number(float(value))


def _time_out(value):
    return value.strftime("%H:%M") if value else None


def _time_into(value):
    return time.fromisoformat(value) if isinstance(value, str) else value


MAYBE = Kind("maybe", into=lambda value: value)  # yes / no / null (not known)
CHOICE = Kind("choice", out=none_if_blank, into=_text)
AMOUNT = Kind("amount", out=_amount_out)
WEEKDAY = Kind("weekday", out=lambda n: WEEKDAYS[n], into=lambda name: WEEKDAYS.index(name))
TIME = Kind("time", out=_time_out, into=_time_into)
VENUE = {
    "kind": VALUE, "name": OPTIONAL, "street": OPTIONAL, "postcode": OPTIONAL, "city": OPTIONAL,
    "latitude": VALUE, "longitude": VALUE, "transit_stop": OPTIONAL,
}
HOURS = {"weekday": WEEKDAY, "opens": TIME, "closes": TIME, "note": OPTIONAL}
FACTS_SHARED = {
    "cost": CHOICE, "cost_amount": AMOUNT, "registration": CHOICE,
    "step_free": MAYBE, "hearing_loop": MAYBE, "childcare": MAYBE,
}
FACTS_TRANSLATED = {"cost_note": OPTIONAL, "registration_note": OPTIONAL, "documents_to_bring": LIST}
FACTS_CHILDREN = {"venues": VENUE, "hours": HOURS}  # relation on the page -> fields
# The yes/no facets (catalogue, search): name in the query string -> what it means.
FACETS = ["free", "no_registration", "step_free", "childcare", "online"]

# What a page holds beyond the public record: its editors' and reviewers' facts, shared by
# every translation (backups carry them in extras.json), and what each language has of its own.
EDITORIAL = ["lead_image", "last_reviewed", "contains_sample_data", "team", "review_interval_months"]
PER_LANGUAGE = ["plain_summary", "lead_image_alt"]


# --- page -> record -----------------------------------------------------------------------------

def part(obj, spec):
    """An outcome, contact or translation as a record object."""
    return {key: kind.out(getattr(obj, key)) for key, kind in spec.items()}


def read(page, key):
    """One key of the record, read from `page` (nested parts and translations excluded)."""
    kind = PROGRAMME[key]
    if kind is TAXONOMY:
        return [item.slug for item in getattr(page, key).all()]
    if kind is OUTCOMES:
        return [part(outcome, OUTCOME) for outcome in page.outcomes.all()]
    if kind is CONTACTS:
        return [part(link.contact, CONTACT) for link in page.contact_links.all()]
    if kind is RELATED:
        return [link.target.slug for link in page.related_programmes.all()]
    return kind.out(getattr(page, key))


def to_record(page, translations=None):
    """One programme as a record: the German source page plus its translations.

    `translations` are the translated pages (with `locale` loaded); None reads them.
    """
    record = {key: read(page, key) for key in PROGRAMME if key != "translations"}
    if translations is None:
        translations = page.get_translations().select_related("locale")
    record["translations"] = {t.locale.language_code: part(t, TRANSLATION) for t in translations}
    return record


def row(page, keys=TABLE):
    """The record's keys in `keys` for one page, as one table row."""
    return {key: read(page, key) for key in keys}


# --- record -> page -----------------------------------------------------------------------------

def _child_model(page, relation):
    return page._meta.get_field(relation).related_model


def apply(page, record, taxonomies, contact_for):
    """Set `page`'s fields and relations (in memory) from a valid record.

    `taxonomies` is {key: {slug: item}}; `contact_for(item)` the shared ContactPoint of a
    record's contact (models/contacts.py). Related programmes and translations need other
    pages and are left to the importer.
    """
    for key in SCALARS:
        setattr(page, key, PROGRAMME[key].into(record.get(key)))
    page.draft_title = page.title
    for key in TAXONOMIES:
        setattr(page, key, [taxonomies[key][slug] for slug in record.get(key) or []])
    outcome_model = _child_model(page, "outcomes")
    page.outcomes = [
        outcome_model(**{key: kind.into(item.get(key)) for key, kind in OUTCOME.items()}, sort_order=n)
        for n, item in enumerate(record.get("outcomes") or [])
    ]
    link_model = _child_model(page, "contact_links")
    page.contact_links = [
        link_model(contact=contact_for(item), sort_order=n) for n, item in enumerate(record.get("contacts") or [])
    ]


def apply_translation(page, fields):
    """Set a translation's own fields from a record's `translations[code]`."""
    for key, kind in TRANSLATION.items():
        setattr(page, key, kind.into(fields.get(key)))
    page.draft_title = page.title


def contact_values(item):
    """A record's contact as ContactPoint field values ('' for null, a list of languages)."""
    return {key: kind.into(item.get(key)) for key, kind in CONTACT.items()}


def facts_of(page):
    """The page's service facts as a record object (its own language's notes)."""
    facts = {key: kind.out(getattr(page, key)) for key, kind in {**FACTS_SHARED, **FACTS_TRANSLATED}.items()}
    for relation, spec in FACTS_CHILDREN.items():
        facts[relation] = [part(child, spec) for child in getattr(page, relation).all()]
    return facts


def normalise_facts(facts):
    """A valid facts object as the page it describes would export it (missing keys: not known)."""
    result = {key: kind.out(kind.into(facts.get(key))) for key, kind in {**FACTS_SHARED, **FACTS_TRANSLATED}.items()}
    for relation, spec in FACTS_CHILDREN.items():
        result[relation] = [
            {key: kind.out(kind.into(item.get(key))) for key, kind in spec.items()} for item in facts.get(relation) or []
        ]
    return result


def has_facts(facts):
    """Whether a facts object says anything at all (an empty one is left out of exports)."""
    return any(value not in (None, [], "") for value in facts.values())


def apply_facts(page, facts):
    """Set `page`'s service facts (in memory) from a valid facts object; missing keys: not known."""
    for key, kind in {**FACTS_SHARED, **FACTS_TRANSLATED}.items():
        setattr(page, key, kind.into(facts.get(key)))
    for relation, spec in FACTS_CHILDREN.items():
        model = _child_model(page, relation)
        setattr(page, relation, [
            model(**{key: kind.into(item.get(key)) for key, kind in spec.items()}, sort_order=n)
            for n, item in enumerate(facts.get(relation) or [])
        ])


def facets_of(page):
    """Which yes/no facets the page has: only what is known to be true counts."""
    return {
        "free": page.cost == "free",
        "no_registration": page.registration == "none",
        "step_free": page.step_free is True,
        "childcare": page.childcare is True,
        "online": any(venue.kind == "online" for venue in page.venues.all()),
    }


# --- comparing ----------------------------------------------------------------------------------

def _normal_part(item, spec):
    return {key: kind.out(kind.into(item.get(key))) for key, kind in spec.items()}


def normalise(record):
    """`record` as the page it describes would export it: blank and missing values as the page
    stores them, rich text through its HTML form, taxonomies as sets (sorted). Two records
    that normalise equal describe the same page."""
    result = {}
    for key, kind in PROGRAMME.items():
        given = record.get(key)
        if kind.scalar:
            result[key] = kind.out(kind.into(given))
        elif kind is TAXONOMY:
            result[key] = sorted(given or [])
        elif kind is RELATED:
            result[key] = list(given or [])
        elif kind is TRANSLATIONS:
            result[key] = {code: _normal_part(t, TRANSLATION) for code, t in (given or {}).items()}
        else:
            result[key] = [_normal_part(item, kind.nested) for item in given or []]
    return result
