"""Import and export of programmes in the exchange format (kb-programmes/1).

The contract is ../shared/contracts/programme-exchange.md. Import validates the whole
file first and writes nothing unless every record is valid; then it upserts by slug
inside one transaction, publishes a new revision only where something changed, and
indexes what it wrote.
"""

import functools
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema_rs
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from jsonschema import Draft202012Validator
from wagtail.log_actions import log
from wagtail.models import Locale, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from .bulk import create_published, index_references
from .models import (
    ContactPoint,
    District,
    Outcome,
    ProgrammeContact,
    ProgrammeIndexPage,
    ProgrammePage,
    RelatedProgramme,
    TargetGroup,
    Theme,
)
from .models.contacts import contacts_for, exchange_values, identity
from .richtext import html_to_text, text_to_html
from .translation import copy_shared, translations_of

FORMAT = "kb-programmes/1"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "programme-exchange.schema.json").read_text())
CONTACT_TEXT_FIELDS = ["name", "role", "phone", "street", "postcode", "city", "opening_hours"]
TAXONOMIES = [("themes", Theme), ("target_groups", TargetGroup), ("districts", District)]
CHUNK = 500  # pages per query when importing many (SQLite allows 999 parameters per query)


class ExchangeError(Exception):
    """The file cannot be imported; `problems` names each one as `programmes[i].field: reason`."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    translations: int = 0


# --- validation -----------------------------------------------------------------------------

def _path(parts):
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"


def _schema_problem(error):
    where = list(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        extra = [key for key in extra if not any(
            re.fullmatch(p, key) for p in error.schema.get("patternProperties", {})
        )]
        return [f"{_path(where + [key])}: unknown key" for key in extra] or [
            f"{_path(where)}: {error.message}"
        ]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [f"{_path(where + [missing])}: required"]
    if kind == "enum":
        return [f"{_path(where)}: unknown value {error.instance!r} (allowed: {', '.join(map(str, error.validator_value))})"]
    if kind in ("minimum", "maximum") and where and where[-1] in ("start_year", "end_year", "year"):
        return [f"{_path(where)}: year {error.instance} is outside 1990..2100"]
    if kind == "anyOf" and where and where[-1] == "end_year":
        return [f"{_path(where)}: must be a year between 1990 and 2100 or null"]
    if kind == "pattern" and where and where[-1] == "slug":
        return [f"{_path(where)}: {error.instance!r} is not a valid slug (lowercase letters, digits, hyphens)"]
    if kind == "uniqueItems":
        return [f"{_path(where)}: contains duplicates"]
    if kind == "minItems":
        return [f"{_path(where)}: needs at least {error.validator_value} item(s)"]
    if kind == "maxLength":
        return [f"{_path(where)}: longer than {error.validator_value} characters"]
    if kind == "const":
        return [f"{_path(where)}: must be {error.validator_value!r}"]
    return [f"{_path(where)}: {Truncator(error.message).chars(160)}"]


MAX_OUTCOME_VALUE = 1e15


def _max_lengths(model, names):
    return {f.name: f.max_length for f in model._meta.fields if f.name in names and getattr(f, "max_length", None)}


# Column sizes the schema does not state; SQLite ignores them, PostgreSQL enforces them.
MAX_LENGTHS = {
    "programme": _max_lengths(ProgrammePage, {"organisation", "funding", "website"}),
    "outcomes": _max_lengths(Outcome, {"indicator", "unit", "source"}),
    "contacts": _max_lengths(ContactPoint, {
        "name", "role", "organisation", "email", "phone", "street", "postcode", "city", "website",
    }),
}


def _too_long(item, limits, where):
    if not isinstance(item, dict):
        return []
    return [
        f"{where}.{key}: longer than {limit} characters"
        for key, limit in limits.items()
        if isinstance(item.get(key), str) and len(item[key]) > limit
    ]


def _list(record, key):
    """`record[key]` when it is a list; anything else was already reported by the schema."""
    value = record.get(key)
    return value if isinstance(value, list) else []


def _out_of_range(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return not math.isfinite(float(value)) or abs(value) > MAX_OUTCOME_VALUE
    except OverflowError:
        return True


def _nul_problems(value, where):
    """NUL characters cannot be stored (PostgreSQL rejects them) and are never meaningful text."""
    if isinstance(value, str):
        return [f"{where}: contains a NUL character"] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nul_problems(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nul_problems(v, f"{where}[{i}]")]
    return []


def _invalid(validator, value):
    """True when `value` is a string that `validator` rejects (other types are the schema's job)."""
    if not isinstance(value, str):
        return False
    try:
        validator(value)
    except ValidationError:
        return True
    return False


def _contact_conflicts(record, where, seen):
    """One contact record serves every programme that names it: its details must agree in a file."""
    problems = []
    for j, contact in enumerate(_list(record, "contacts")):
        if not isinstance(contact, dict) or not isinstance(contact.get("organisation"), str):
            continue
        try:
            key, values = identity(contact), exchange_values(contact)
        except (AttributeError, TypeError):
            continue  # wrong types were reported by the schema
        first = seen.setdefault(key, (f"{where}.contacts[{j}]", values))
        if first[1] != values:
            differing = ", ".join(k for k in values if values[k] != first[1][k])
            problems.append(
                f"{where}.contacts[{j}]: same contact (organisation, e-mail, name, role) as {first[0]} "
                f"but different {differing}"
            )
    return problems


class SchemaCheck:
    """A JSON schema, checked fast and reported in full.

    jsonschema-rs answers "valid?" in milliseconds (a 10,000-programme file: 28 ms against
    jsonschema's 6 s); only an invalid file goes through jsonschema, whose errors (and their
    wording) the problem list is built from. Neither asserts formats, as in Draft 2020-12.
    """

    def __init__(self, schema):
        self.schema = schema

    @functools.cached_property
    def fast(self):
        return jsonschema_rs.Draft202012Validator(self.schema, validate_formats=False)

    @functools.cached_property
    def full(self):
        return Draft202012Validator(self.schema)

    def errors(self, instance):
        if self.fast.is_valid(instance):
            return []
        return sorted(self.full.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))


CORE_CHECK = SchemaCheck(SCHEMA)


def validate(data, existing_slugs=None, locales=None):
    """Every problem in `data`, as `programmes[i].field: reason`; empty when importable."""
    data, problems = split_extensions(data)
    for error in CORE_CHECK.errors(data):
        problems.extend(_schema_problem(error))
    if not isinstance(data, dict) or not isinstance(data.get("programmes"), list):
        return problems
    records = data["programmes"]
    file_slugs = {}
    for i, record in enumerate(records):
        if isinstance(record, dict) and isinstance(record.get("slug"), str):
            if record["slug"] in file_slugs:
                problems.append(
                    f"programmes[{i}].slug: duplicate slug {record['slug']!r} (also programmes[{file_slugs[record['slug']]}])"
                )
            else:
                file_slugs[record["slug"]] = i
    known_slugs = set(file_slugs) | set(existing_slugs or ())
    url = URLValidator(schemes=["http", "https"])
    seen_contacts = {}
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        where = f"programmes[{i}]"
        problems.extend(_nul_problems(record, where))
        problems.extend(_too_long(record, MAX_LENGTHS["programme"], where))
        for key in ("outcomes", "contacts"):
            for j, item in enumerate(_list(record, key)):
                problems.extend(_too_long(item, MAX_LENGTHS[key], f"{where}.{key}[{j}]"))
        start, end = record.get("start_year"), record.get("end_year")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            problems.append(f"{where}.end_year: {end} is before start_year {start}")
        for key in ("title", "summary", "organisation"):
            if isinstance(record.get(key), str) and not record[key].strip():
                problems.append(f"{where}.{key}: must not be blank")
        if _invalid(url, record.get("website")):
            problems.append(f"{where}.website: {record['website']!r} is not a valid http(s) URL")
        for j, outcome in enumerate(_list(record, "outcomes")):
            value = outcome.get("value") if isinstance(outcome, dict) else None
            if _out_of_range(value):
                problems.append(f"{where}.outcomes[{j}].value: {value!r:.40} is not a finite number up to ±1e15")
        for j, contact in enumerate(_list(record, "contacts")):
            if not isinstance(contact, dict):
                continue
            if _invalid(validate_email, contact.get("email")):
                problems.append(f"{where}.contacts[{j}].email: {contact['email']!r} is not a valid e-mail address")
            if _invalid(url, contact.get("website")):
                problems.append(f"{where}.contacts[{j}].website: {contact['website']!r} is not a valid http(s) URL")
        problems.extend(_contact_conflicts(record, where, seen_contacts))
        for slug in _list(record, "related"):
            if isinstance(slug, str) and slug not in known_slugs:
                problems.append(f"{where}.related: unknown programme {slug!r}")
            if slug == record.get("slug"):
                problems.append(f"{where}.related: a programme cannot be related to itself")
        for code in (record.get("translations") if isinstance(record.get("translations"), dict) else {}):
            if locales is not None and code not in locales:
                problems.append(f"{where}.translations.{code}: the site has no locale {code!r}")
            elif locales is not None and code == locales[0]:
                problems.append(f"{where}.translations.{code}: {code!r} is the source language")
    return problems


def load_file(path):
    """Read an exchange file; ExchangeError for unreadable or non-JSON input."""
    try:
        text = Path(path).read_text(encoding="utf-8") if str(path) != "-" else sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ExchangeError([f"file: cannot read {path}: {exc}"]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError([f"file: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"]) from exc


# --- export -----------------------------------------------------------------------------------

def _none_if_blank(value):
    return value if value not in ("", None) else None


def _number(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def programme_record(page, translations=None):
    """One programme as an exchange record (the German source page plus its translations)."""
    record = {
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "description": _none_if_blank(html_to_text(page.description)),
        "themes": [t.slug for t in page.themes.all()],
        "target_groups": [t.slug for t in page.target_groups.all()],
        "districts": [d.slug for d in page.districts.all()],
        "languages": list(page.languages),
        "status": page.status,
        "start_year": page.start_year,
        "end_year": page.end_year,
        "organisation": page.organisation,
        "partners": list(page.partners),
        "funding": _none_if_blank(page.funding),
        "website": _none_if_blank(page.website),
        "keywords": list(page.keywords),
        "outcomes": [
            {
                "indicator": o.indicator, "value": _number(o.value), "unit": _none_if_blank(o.unit),
                "year": o.year, "source": _none_if_blank(o.source), "note": _none_if_blank(o.note),
            }
            for o in page.outcomes.all()
        ],
        "contacts": [
            {
                **{key: _none_if_blank(getattr(c, key)) for key in ["name", "role"]},
                "organisation": c.organisation,
                "email": _none_if_blank(c.email),
                **{key: _none_if_blank(getattr(c, key)) for key in CONTACT_TEXT_FIELDS[2:]},
                "website": _none_if_blank(c.website),
                "languages": list(c.languages),
            }
            for c in (link.contact for link in page.contact_links.all())
        ],
        "related": [link.target.slug for link in page.related_programmes.all()],
        "translations": {},
    }
    for translation in translations if translations is not None else page.get_translations().select_related("locale"):
        record["translations"][translation.locale.language_code] = {
            "title": translation.title,
            "summary": translation.summary,
            "description": _none_if_blank(html_to_text(translation.description)),
            "keywords": list(translation.keywords),
        }
    return record


def source_programmes():
    return (
        ProgrammePage.objects.filter(locale=Locale.get_default())
        .order_by("path")
        .prefetch_related(
            "themes", "target_groups", "districts", "outcomes", "contact_links__contact", "related_programmes__target",
        )
    )


def export_data(queryset=None, strict=False):
    """The exchange file; with lessons (extension kb-lessons/1) unless `strict` or there are none."""
    pages = list(queryset if queryset is not None else source_programmes())
    translations = {}
    for t in ProgrammePage.objects.filter(
        translation_key__in=[p.translation_key for p in pages]
    ).exclude(locale=Locale.get_default()).select_related("locale").order_by("locale__language_code"):
        translations.setdefault(t.translation_key, []).append(t)
    data = {
        "format": FORMAT,
        "programmes": [programme_record(p, translations.get(p.translation_key, [])) for p in pages],
    }
    return data if strict else add_lessons(data, pages)


# --- import -----------------------------------------------------------------------------------

def _apply_record(page, record, taxonomies, contacts):
    page.title = record["title"]
    page.draft_title = record["title"]
    page.summary = record["summary"]
    page.description = text_to_html(record.get("description") or "")
    page.languages = list(record.get("languages") or [])
    page.status = record["status"]
    page.start_year = record["start_year"]
    page.end_year = record.get("end_year")
    page.organisation = record["organisation"]
    page.partners = list(record.get("partners") or [])
    page.funding = record.get("funding") or ""
    page.website = record.get("website") or ""
    page.keywords = list(record.get("keywords") or [])
    for key, _model in TAXONOMIES:
        setattr(page, key, [taxonomies[key][slug] for slug in record.get(key) or []])
    page.outcomes = [
        Outcome(
            indicator=o["indicator"], value=o["value"], unit=o["unit"] or "", year=o["year"],
            source=o["source"] or "", note=o["note"] or "", sort_order=n,
        )
        for n, o in enumerate(record.get("outcomes") or [])
    ]
    page.contact_links = [  # shared records, matched by organisation + e-mail (models/contacts.py)
        ProgrammeContact(contact=contacts[identity(c)], sort_order=n)
        for n, c in enumerate(record.get("contacts") or [])
    ]


def _mark_published(page):
    now = timezone.now()
    page.live = True
    page.draft_title = page.title
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now


def publish_quietly(page, user=None, parent=None, saved=False):
    """Save `page` (adding it under `parent` when new) as a new, published revision.

    The bulk path of Wagtail's publish: the same page state (live, live and latest
    revision, publish dates, an audit log entry) in three writes instead of Wagtail's
    per-page publish action, whose signals the importer replaces by one sync and one
    index update at the end.
    """
    _mark_published(page)
    if parent is not None:
        parent.add_child(instance=page)
    elif not saved:
        page.save(clean=False)
    revision = page.save_revision(user=user, clean=False, log_action=False)
    ProgrammePage.objects.filter(pk=page.pk).update(live_revision=revision, has_unpublished_changes=False)
    page.live_revision, page.has_unpublished_changes = revision, False
    log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True)


def catalogue_for(locale):
    """The catalogue page of `locale`; created (with the site tree) when missing."""
    catalogue = ProgrammeIndexPage.objects.filter(locale=locale).first()
    if catalogue:
        return catalogue
    from .sitetree import ensure_site_tree

    return ensure_site_tree()[locale.language_code][1]


def import_data(data, user=None):
    """Validate and import `data`; raises ExchangeError with every problem, writing nothing."""
    from .signal_handlers import bulk_changes

    default = Locale.get_default()
    locales = [default.language_code] + list(
        Locale.objects.exclude(pk=default.pk).values_list("language_code", flat=True)
    )
    existing = dict(
        ProgrammePage.objects.filter(locale=default).values_list("slug", "pk")
    )
    problems = validate(data, existing_slugs=existing, locales=locales)
    if problems:
        raise ExchangeError(problems)

    result = ImportResult()
    taxonomies = {key: model.objects.in_bulk(field_name="slug") for key, model in TAXONOMIES}
    records = data["programmes"]
    with transaction.atomic(), bulk_changes(), disable_reference_index_auto_update():
        catalogue = catalogue_for(default)
        contacts = contacts_for(c for r in records for c in r.get("contacts") or [])
        pages = {}
        slugs = [r["slug"] for r in records]
        current = {
            p.slug: p
            for start in range(0, len(slugs), CHUNK)
            for p in source_programmes().filter(slug__in=slugs[start:start + CHUNK])
        }
        changed = set()
        for record in records:
            page = current.get(record["slug"])
            if page is not None:
                pages[record["slug"]] = page
                before = _comparable(programme_record(page))
                after = _comparable(core_record(record))
                lessons = lessons_for_import(page, record, data)
                if before == after and lessons == lessons_of(page):
                    result.unchanged.append(page.slug)
                    continue
                if any(before[key] != after[key] for key in ("title", "summary", "description", "keywords")):
                    page.source_text_changed_at = timezone.now()
                _apply_record(page, record, taxonomies, contacts)
                apply_lessons(page, lessons)
                result.updated.append(page.slug)
            else:
                page = ProgrammePage(
                    slug=record["slug"], title=record["title"], locale=default, source_text_changed_at=timezone.now()
                )
                _apply_record(page, record, taxonomies, contacts)
                apply_lessons(page, lessons_for_import(page, record, data))
                page._just_created = True  # inserted below, all new pages at once
                result.created.append(page.slug)
            pages[record["slug"]] = page
            changed.add(record["slug"])
        by_slug = dict(pages)
        missing = {s for r in records for s in r.get("related") or []} - set(by_slug)
        by_slug.update({p.slug: p for p in ProgrammePage.objects.filter(locale=default, slug__in=missing)})
        for record in records:
            if record["slug"] in changed:
                pages[record["slug"]].related_programmes = [
                    RelatedProgramme(target=by_slug[slug], sort_order=n)
                    for n, slug in enumerate(record.get("related") or [])
                ]
        new = [r for r in records if getattr(pages[r["slug"]], "_just_created", False)]
        created = create_published([(catalogue, [pages[r["slug"]] for r in new])], user)
        for record in records:
            page = pages[record["slug"]]
            if record["slug"] in changed and not getattr(page, "_just_created", False):
                publish_quietly(page, user)
                result.translations += _import_translations(page, record.get("translations") or {}, user)
        new_translations = _create_translations([(pages[r["slug"]], r.get("translations") or {}) for r in new], user)
        result.translations += len(new_translations)
        new_ids = {page.pk for page in created + new_translations}
        keys = [pages[s].translation_key for s in changed if pages[s].pk not in new_ids]
        update_indexes(
            list(new_ids) + [
                pk for start in range(0, len(keys), CHUNK) for pk in ProgrammePage.objects.filter(
                    translation_key__in=keys[start:start + CHUNK]
                ).values_list("pk", flat=True)
            ],
            new=created + new_translations,
        )
    return result


def _create_translations(translated, user):
    """The translations of newly created programmes, created together per language.

    Related programmes point at their translation in the same language where one exists,
    also when it is created by the same import.
    """
    by_code, new = {}, {}
    for source, translations in translated:
        for code, fields in translations.items():
            page = ProgrammePage(slug=source.slug, translation_key=source.translation_key, title=fields["title"])
            _apply_translation(page, fields)
            by_code.setdefault(code, []).append((source, page))
            new[source.translation_key, code] = page
    groups = []
    locales = Locale.objects.in_bulk(list(by_code), field_name="language_code")
    targets = translations_of(
        [link.target for source, fields in translated if fields for link in source.related_programmes.all()],
        locales.values(),
    )
    for code, pairs in by_code.items():
        locale = locales[code]
        for source, page in pairs:
            page.locale = locale
            copy_shared(source, page, targets)
            for link in page.related_programmes.all():
                link.target = new.get((link.target.translation_key, code), link.target)
        groups.append((catalogue_for(locale), [page for _source, page in pairs]))
    create_published(groups, user)
    return list(new.values())


def _apply_translation(page, fields):
    page.title = page.draft_title = fields["title"]
    page.summary = fields["summary"]
    page.description = text_to_html(fields.get("description") or "")
    page.keywords = list(fields.get("keywords") or [])
    page.translated_at = timezone.now()


def update_indexes(pages, new=()):
    """After a bulk change: Wagtail's reference and admin search indexes, and the public search index.

    `pages` is a queryset or a list of page ids, read in chunks so that memory stays
    bounded. `new` are the pages this change created, with their relations in memory:
    they are indexed as they are (not read back), their references inserted in bulk.
    """
    from search.service import get_search_service

    ids = list(pages.values_list("pk", flat=True)) if hasattr(pages, "values_list") else list(pages)
    in_memory = {page.pk: page for page in new}
    index_references(new)
    service, backend = get_search_service(), get_search_backend()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        created = [in_memory[pk] for pk in chunk if pk in in_memory]
        changed = list(ProgrammePage.objects.filter(pk__in=[pk for pk in chunk if pk not in in_memory]))
        for page in changed:
            ReferenceIndex.create_or_update_for_object(page)
        backend.add_bulk(ProgrammePage, created + changed)
        if created:
            service.index_pages(created, loaded=True)
        if changed:
            service.index_pages(changed)


def _comparable(record):
    record = dict(record)
    record.setdefault("translations", {})
    for key in ("target_groups", "districts", "languages", "partners", "keywords", "outcomes", "contacts", "related"):
        record.setdefault(key, [])
    for key in ("description", "funding", "website", "end_year"):
        record[key] = record.get(key) or None
    for key, _model in TAXONOMIES:  # a set: exported in the vocabulary's own order
        record[key] = sorted(record.get(key) or [])
    record["outcomes"] = [{**o, "value": _number(o["value"])} for o in record["outcomes"]]
    record["contacts"] = [
        {key: (c.get(key) or ([] if key == "languages" else None)) for key in (
            ["name", "role", "organisation", "email", "website", "languages"] + CONTACT_TEXT_FIELDS[2:]
        )}
        for c in record["contacts"]
    ]
    record["translations"] = {
        code: {
            "title": t["title"], "summary": t["summary"],
            "description": t.get("description") or None, "keywords": list(t.get("keywords") or []),
        }
        for code, t in record["translations"].items()
    }
    if record["description"]:
        record["description"] = html_to_text(text_to_html(record["description"]))
    for t in record["translations"].values():
        if t["description"]:
            t["description"] = html_to_text(text_to_html(t["description"]))
    return record


def _import_translations(source, translations, user):
    """Write the translations named in the file and re-sync the shared facts of all others."""
    existing = {
        page.locale.language_code: page
        for page in ProgrammePage.objects.filter(translation_key=source.translation_key)
        .exclude(pk=source.pk)
        .select_related("locale")
    }
    parents = {}
    for code in translations:
        if code not in existing:
            locale = Locale.objects.get(language_code=code)
            parents[code] = catalogue_for(locale)
            existing[code] = ProgrammePage(
                slug=source.slug, locale=locale, translation_key=source.translation_key, title=source.title,
            )
    for code, page in existing.items():
        fields = translations.get(code)
        if fields:
            _apply_translation(page, fields)
        copy_shared(source, page)
        publish_quietly(page, user, parent=parents.get(code))
    return len(translations)


# --- extension kb-lessons/1: lessons and transfer (docs/exchange-extensions.md) -------------------
#
# A strict kb-programmes/1 file never carries it: the header must declare
# `"extensions": ["kb-lessons/1"]` before records may hold a `lessons` object, and
# export_data(strict=True) leaves both out.

LESSONS_EXTENSION = "kb-lessons/1"
KNOWN_EXTENSIONS = (LESSONS_EXTENSION,)
LESSONS_TEXT = {  # exchange key -> ProgrammePage field
    "purpose": "lessons_purpose",
    "approach": "lessons_approach",
    "what_worked": "lessons_worked",
    "challenges": "lessons_challenges",
    "transferability": "lessons_transferability",
}
LESSONS_SCHEMA = {
    "type": "object",
    "properties": {"programmes": {"type": "array", "items": {"type": "object", "properties": {"lessons": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            **{key: {"type": ["string", "null"], "maxLength": 10000} for key in LESSONS_TEXT},
            "evaluation_reports": {
                "type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 1000}, "uniqueItems": True,
            },
        },
    }}}}},
}
LESSONS_CHECK = SchemaCheck(LESSONS_SCHEMA)


def declared_extensions(data):
    value = data.get("extensions") if isinstance(data, dict) else None
    return [name for name in value if isinstance(name, str)] if isinstance(value, list) else []


def core_record(record):
    """`record` without extension keys, as the core format sees it."""
    return {key: value for key, value in record.items() if key != "lessons"}


def split_extensions(data):
    """(the core file, problems of its extensions): the core is what the kb-programmes/1 schema checks."""
    if not isinstance(data, dict) or "extensions" not in data:
        return data, []
    problems = []
    extensions = data["extensions"]
    if not isinstance(extensions, list) or not all(isinstance(name, str) for name in extensions):
        problems.append("extensions: must be a list of extension names")
    else:
        problems += [
            f"extensions[{i}]: unknown extension {name!r} (known: {', '.join(KNOWN_EXTENSIONS)})"
            for i, name in enumerate(extensions) if name not in KNOWN_EXTENSIONS
        ]
    core = {key: value for key, value in data.items() if key != "extensions"}
    records = data.get("programmes")
    if LESSONS_EXTENSION not in declared_extensions(data) or not isinstance(records, list):
        return core, problems
    core["programmes"] = [core_record(r) if isinstance(r, dict) else r for r in records]
    wrapper = {"programmes": [{"lessons": r["lessons"]} if isinstance(r, dict) and "lessons" in r else {} for r in records]}
    for error in LESSONS_CHECK.errors(wrapper):
        problems.extend(_schema_problem(error))
    for i, record in enumerate(records):
        if isinstance(record, dict) and isinstance(record.get("lessons"), dict):
            problems.extend(_nul_problems(record["lessons"], f"programmes[{i}].lessons"))
    return core, problems


def lessons_of(page):
    """The page's lessons as model field values."""
    return {
        **{name: getattr(page, name) for name in LESSONS_TEXT.values()},
        "evaluation_reports": list(page.evaluation_reports),
    }


def lessons_for_import(page, record, data):
    """What the page's lessons become: the record's when the file declares the extension
    (a record without `lessons` then has none), else the page keeps its own."""
    if LESSONS_EXTENSION not in declared_extensions(data):
        return lessons_of(page)
    lessons = record.get("lessons") or {}
    return {
        **{name: (lessons.get(key) or "") for key, name in LESSONS_TEXT.items()},
        "evaluation_reports": list(lessons.get("evaluation_reports") or []),
    }


def apply_lessons(page, lessons):
    for name, value in lessons.items():
        setattr(page, name, value)


def lessons_record(page):
    """The `lessons` object of an exported record, or None when the page has none."""
    lessons = lessons_of(page)
    if not any(lessons.values()):
        return None
    return {
        **{key: _none_if_blank(lessons[name]) for key, name in LESSONS_TEXT.items()},
        "evaluation_reports": lessons["evaluation_reports"],
    }


def add_lessons(data, pages):
    """Declare the extension and add `lessons` to the records of pages that have any."""
    found = False
    for record, page in zip(data["programmes"], pages, strict=True):
        lessons = lessons_record(page)
        if lessons is not None:
            record["lessons"] = lessons
            found = True
    if found:
        data["extensions"] = [LESSONS_EXTENSION]
    return data
