"""Checking an exchange file before anything is written: every problem, named by place."""

import json
import math
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from .. import record as programme_record
from ..models import ContactPoint, Outcome, ProgrammePage
from .extensions import split_extensions
from .schema import CORE_CHECK, SCHEMA, ExchangeError, nul_problems, schema_problem

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


def validate(data, existing_slugs=None, locales=None):
    """Every problem in `data`, as `programmes[i].field: reason`; empty when importable."""
    data, problems = split_extensions(data)
    for error in CORE_CHECK.errors(data):
        problems.extend(schema_problem(error))
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
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        where = f"programmes[{i}]"
        problems.extend(nul_problems(record, where))
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
