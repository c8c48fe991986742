"""Checking an exchange file before anything is written: every problem, named by place."""

import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from .. import record as programme_record
from ..languages import ISO_639_1
from ..models import ContactPoint, Outcome, ProgrammePage
from .extensions import split_extensions
from .schema import CORE_CHECK, SCHEMA, ExchangeError, nul_problems, schema_problem
from .structure import parse, readable, structure_problems

MAX_OUTCOME_VALUE = 1e15


def _bounded_by_schema(definition):
    """Keys of a `$defs` object whose length the schema itself limits."""
    bounded = set()
    for key, spec in SCHEMA["$defs"][definition]["properties"].items():
        target = SCHEMA["$defs"][spec["$ref"].rsplit("/", 1)[-1]] if "$ref" in spec else spec
        if "maxLength" in target or "enum" in target:
            bounded.add(key)
    return bounded


def _max_lengths(model, definition, keys):
    """Column sizes of the record's keys that the schema does not state; SQLite ignores them,
    PostgreSQL enforces them."""
    wanted = set(keys) - _bounded_by_schema(definition)
    return {f.name: f.max_length for f in model._meta.fields if f.name in wanted and getattr(f, "max_length", None)}


MAX_LENGTHS = {
    "programme": _max_lengths(ProgrammePage, "programme", programme_record.SCALARS),
    "outcomes": _max_lengths(Outcome, "outcome", programme_record.OUTCOME),
    "contacts": _max_lengths(ContactPoint, "contact", programme_record.CONTACT),
}


# Text the database would store at any length. Caps keep one record from slowing search,
# highlighting and downloads for everyone (#19); docs/security.md ("Import limits") states them.
TEXT_CAPS = {
    "programme": {"description": 50_000},
    "translation": {"description": 50_000},
    "outcomes": {"note": 2_000},
    "contacts": {"opening_hours": 2_000},
}
LIST_CAPS = programme_record.LIST_CAPS
ITEM_CAP = programme_record.ITEM_CAP


def _too_many(item, where):
    """Lists longer than LIST_CAPS and list items longer than ITEM_CAP."""
    problems = []
    for key, limit in LIST_CAPS.items():
        values = _list(item, key)
        if len(values) > limit:
            problems.append(f"{where}.{key}: more than {limit} items")
        if key in ("partners", "keywords"):
            problems += [
                f"{where}.{key}[{j}]: longer than {ITEM_CAP} characters"
                for j, value in enumerate(values) if isinstance(value, str) and len(value) > ITEM_CAP
            ]
    return problems


def _unknown_languages(item, where):
    return [
        f"{where}.languages[{j}]: unknown language code {code!r} (ISO 639-1, such as de, en, tr)"
        for j, code in enumerate(_list(item, "languages")) if isinstance(code, str) and code not in ISO_639_1
    ]


def _translation_caps(record, where):
    translations = record.get("translations")
    problems = []
    for code, fields in (translations.items() if isinstance(translations, dict) else ()):
        if isinstance(fields, dict):
            here = f"{where}.translations.{code}"
            problems += _too_long(fields, TEXT_CAPS["translation"], here)
            keywords = _list(fields, "keywords")
            if len(keywords) > LIST_CAPS["keywords"]:
                problems.append(f"{here}.keywords: more than {LIST_CAPS['keywords']} items")
            problems += [
                f"{here}.keywords[{j}]: longer than {ITEM_CAP} characters"
                for j, value in enumerate(keywords) if isinstance(value, str) and len(value) > ITEM_CAP
            ]
    return problems


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


def _invalid(validator, value):
    """True when `value` is a string that `validator` rejects (other types are the schema's job)."""
    if not isinstance(value, str):
        return False
    try:
        validator(value)
    except ValidationError:
        return True
    return False


@dataclass
class Findings:
    """What the checks found: `problems` refuse the file; `warnings` name what a schema-valid
    file holds that the knowledge base imports differently (docs/exchange-extensions.md,
    "What an import accepts"); `data` is the file as it will be imported."""

    problems: list
    warned: dict = field(default_factory=dict)  # record index -> its warnings
    data: object = None

    @property
    def warnings(self):
        return [warning for found in self.warned.values() for warning in found]  # in record order


def validate(data, existing_slugs=None, locales=None):
    """Every problem in `data`, as `programmes[i].field: reason`; empty when importable."""
    return check(data, existing_slugs, locales).problems


def _web_address(value, url, where, warnings):
    """An invalid web address as it is imported, with its warning: `https://` added to a bare
    `www.example.org`; None (left out) for anything else, such as `ftp:` or `javascript:`."""
    if "://" not in value and ":" not in value.split("/", 1)[0] and not _invalid(url, "https://" + value):
        warnings.append(f"{where}: {value!r} imported as {'https://' + value!r}")
        return "https://" + value
    warnings.append(f"{where}: {value!r} is not an http(s) address; left out")
    return None


def _tolerated(record, where, url, known_slugs, locales):
    """A schema-valid record's parts imported differently, with a warning for each.

    The contract names what is an error; beyond it, a real catalogue is imported: a finished
    programme whose end year nobody recorded, a link to a programme the file does not hold,
    a translation into a language this site does not offer, a web address without `https://`.
    """
    warnings, changes = [], {}
    if record.get("status") == "completed" and record.get("end_year") is None:
        warnings.append(f"{where}.end_year: completed without an end year; shown as 'end year not recorded'")
    related = _list(record, "related")
    kept = [slug for slug in related if not isinstance(slug, str) or (slug in known_slugs and slug != record.get("slug"))]
    for slug in related:
        if slug not in kept:
            reason = "is the programme itself" if slug == record.get("slug") else "is neither in the file nor on the site"
            warnings.append(f"{where}.related: {slug!r} {reason}; the link is left out")
    if kept != related:
        changes["related"] = kept
    translations = record.get("translations") if isinstance(record.get("translations"), dict) else {}
    if locales is not None:
        left_out = [code for code in translations if code not in locales or code == locales[0]]
        for code in left_out:
            reason = "is the source language" if code == locales[0] else "is not a language of this site"
            warnings.append(f"{where}.translations.{code}: {code!r} {reason}; this translation is left out")
        if left_out:
            changes["translations"] = {k: v for k, v in translations.items() if k not in left_out}
    website = record.get("website")
    if isinstance(website, str) and _invalid(url, website):
        changes["website"] = _web_address(website, url, f"{where}.website", warnings)
    contacts = _list(record, "contacts")
    fixed_contacts = []
    for j, contact in enumerate(contacts):
        value = contact.get("website") if isinstance(contact, dict) else None
        if isinstance(value, str) and _invalid(url, value):
            contact = {**contact, "website": _web_address(value, url, f"{where}.contacts[{j}].website", warnings)}
        fixed_contacts.append(contact)
    if fixed_contacts != contacts:
        changes["contacts"] = fixed_contacts
    return warnings, changes


def check(data, existing_slugs=None, locales=None):
    """Findings for `data`: problems (nothing is imported), warnings and the data to import."""
    structural, too_deep = structure_problems(data)
    if too_deep:
        return Findings(structural)  # the checks below recurse; nothing more can be said safely
    original = data
    if structural:
        data = readable(data)
    data, problems = split_extensions(data)
    problems = structural + problems
    for error in CORE_CHECK.errors(data):
        problems.extend(schema_problem(error))
    if not isinstance(data, dict) or not isinstance(data.get("programmes"), list):
        return Findings(problems)
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
    warned, changes = {}, {}
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        where = f"programmes[{i}]"
        warned[i], changes[i] = _tolerated(record, where, url, known_slugs, locales)
        record = {**record, **changes[i]}
        problems.extend(nul_problems(record, where))
        problems.extend(_too_long(record, {**MAX_LENGTHS["programme"], **TEXT_CAPS["programme"]}, where))
        problems.extend(_too_many(record, where))
        problems.extend(_translation_caps(record, where))
        problems.extend(_unknown_languages(record, where))
        for key in ("outcomes", "contacts"):
            for j, item in enumerate(_list(record, key)):
                problems.extend(_too_long(item, {**MAX_LENGTHS[key], **TEXT_CAPS[key]}, f"{where}.{key}[{j}]"))
        for j, contact in enumerate(_list(record, "contacts")):
            if isinstance(contact, dict):
                problems.extend(_unknown_languages(contact, f"{where}.contacts[{j}]"))
        start, end = record.get("start_year"), record.get("end_year")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            problems.append(f"{where}.end_year: {end} is before start_year {start}")
        for key in ("title", "summary", "organisation"):
            if isinstance(record.get(key), str) and not record[key].strip():
                problems.append(f"{where}.{key}: must not be blank")
        for j, outcome in enumerate(_list(record, "outcomes")):
            value = outcome.get("value") if isinstance(outcome, dict) else None
            if _out_of_range(value):
                problems.append(f"{where}.outcomes[{j}].value: {value!r:.40} is not a finite number up to ±1e15")
        for j, contact in enumerate(_list(record, "contacts")):
            if not isinstance(contact, dict):
                continue
            if _invalid(validate_email, contact.get("email")):
                problems.append(f"{where}.contacts[{j}].email: {contact['email']!r} is not a valid e-mail address")
    if problems:
        return Findings(problems, warned)
    programmes = [{**record, **changes[i]} for i, record in enumerate(original["programmes"])]
    return Findings([], warned, {**original, "programmes": programmes})


def load_file(path):
    """Read an exchange file; ExchangeError for unreadable or non-JSON input."""
    try:
        text = Path(path).read_text(encoding="utf-8") if str(path) != "-" else sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ExchangeError([f"file: cannot read {path}: {exc}"]) from exc
    return parse(text)
