"""Extensions of the exchange format (docs/exchange-extensions.md).

A strict kb-programmes/1 file never carries them: the header must declare e.g.
`"extensions": ["kb-lessons/2"]` before records may hold a `lessons` object, and
export_data(strict=True) leaves them out.

- kb-lessons/1: lessons and transfer (purpose … transferability, evaluation reports).
- kb-lessons/2: the same plus `costs_staffing`; a kb-lessons/1 file still imports and
  leaves the fields it does not know (costs) as the knowledge base holds them.
- kb-facts/1: service facts (cost, registration, venues, access, hours, what to bring).
- kb-licence/1: a top-level `license` object naming the data licence of the file.
- kb-translated-facts/1: the facts' texts in other languages (translated_facts.py).
"""

from .. import record as programme_record
from .. import translated_facts
from . import translated_facts as translated
from .schema import SchemaCheck, nul_problems, schema_problem

LESSONS_V1 = "kb-lessons/1"
LESSONS_EXTENSION = "kb-lessons/2"  # the version export writes
FACTS_EXTENSION = "kb-facts/1"
LICENCE_EXTENSION = "kb-licence/1"
TRANSLATED_FACTS_EXTENSION = translated.EXTENSION
# lessons version -> exchange key -> ProgrammePage field
LESSONS_VERSIONS = {LESSONS_V1: programme_record.LESSONS, LESSONS_EXTENSION: programme_record.LESSONS_2}
KNOWN_EXTENSIONS = (LESSONS_V1, LESSONS_EXTENSION, FACTS_EXTENSION, LICENCE_EXTENSION, TRANSLATED_FACTS_EXTENSION)
LESSONS_TEXT = programme_record.LESSONS_2  # every lessons text field, newest version
REPORTS = programme_record.LESSONS_REPORTS
LICENCE_KEYS = ("id", "name", "url", "attribution")


def _lessons_check(fields):
    return SchemaCheck({
        "type": "object",
        "properties": {"programmes": {"type": "array", "items": {"type": "object", "properties": {"lessons": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                **{key: {"type": ["string", "null"], "maxLength": 10000} for key in fields},
                REPORTS: {
                    "type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 1000},
                    "uniqueItems": True,
                },
            },
        }}}}},
    })


_TEXT = {"type": ["string", "null"], "maxLength": 500}
_MAYBE = {"type": ["boolean", "null"]}
_TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
FACTS_SCHEMA = {
    "type": "object",
    "properties": {"programmes": {"type": "array", "items": {"type": "object", "properties": {"facts": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "cost": {"enum": ["free", "fee", "varies", None]},
            "cost_amount": {"type": ["number", "null"], "minimum": 0, "maximum": 100000},
            "cost_note": _TEXT,
            "registration": {"enum": ["none", "required", None]},
            "registration_note": _TEXT,
            "step_free": _MAYBE, "hearing_loop": _MAYBE, "childcare": _MAYBE,
            "documents_to_bring": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 255}},
            "venues": {"type": "array", "maxItems": 50, "items": {
                "type": "object", "additionalProperties": False, "required": ["kind"],
                "properties": {
                    "kind": {"enum": ["place", "online", "home"]},
                    **{key: {"type": ["string", "null"], "maxLength": 255} for key in ("name", "street", "city", "transit_stop")},
                    "postcode": {"type": ["string", "null"], "maxLength": 10},
                    "latitude": {"type": ["number", "null"], "minimum": programme_record.STUTTGART_LAT[0],
                                 "maximum": programme_record.STUTTGART_LAT[1]},
                    "longitude": {"type": ["number", "null"], "minimum": programme_record.STUTTGART_LON[0],
                                  "maximum": programme_record.STUTTGART_LON[1]},
                },
            }},
            "hours": {"type": "array", "maxItems": 50, "items": {
                "type": "object", "additionalProperties": False, "required": ["weekday", "opens", "closes"],
                "properties": {
                    "weekday": {"enum": programme_record.WEEKDAYS}, "opens": _TIME, "closes": _TIME,
                    "note": {"type": ["string", "null"], "maxLength": 255},
                },
            }},
        },
    }}}}},
}
# extension -> (record key, check)
RECORD_CHECKS = {
    **{name: ("lessons", _lessons_check(fields)) for name, fields in LESSONS_VERSIONS.items()},
    FACTS_EXTENSION: ("facts", SchemaCheck(FACTS_SCHEMA)),
    TRANSLATED_FACTS_EXTENSION: (translated.KEY, translated.CHECK),
}
LICENCE_CHECK = SchemaCheck({
    "type": "object",
    "properties": {"license": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "url"],
        "properties": {key: {"type": "string", "minLength": 1, "maxLength": 1000} for key in LICENCE_KEYS},
    }},
})


def declared_extensions(data):
    value = data.get("extensions") if isinstance(data, dict) else None
    return [name for name in value if isinstance(name, str)] if isinstance(value, list) else []


def lessons_version(data):
    """The declared kb-lessons version, or None (a plain core file, or a bad declaration)."""
    declared = [name for name in declared_extensions(data) if name in LESSONS_VERSIONS]
    return declared[0] if len(declared) == 1 else None


RECORD_KEYS = {key for key, _check in RECORD_CHECKS.values()}  # what extensions add to a record


def core_record(record):
    """`record` without extension keys, as the core format sees it."""
    return {key: value for key, value in record.items() if key not in RECORD_KEYS}


def _declaration_problems(extensions):
    if not isinstance(extensions, list) or not all(isinstance(name, str) for name in extensions):
        return ["extensions: must be a list of extension names"]
    problems = [
        f"extensions[{i}]: unknown extension {name!r} (known: {', '.join(KNOWN_EXTENSIONS)})"
        for i, name in enumerate(extensions) if name not in KNOWN_EXTENSIONS
    ]
    versions = [name for name in extensions if name in LESSONS_VERSIONS]
    if len(versions) > 1:
        problems.append(f"extensions: declare one version of kb-lessons, not {', '.join(versions)}")
    return problems


def split_extensions(data):
    """(the core file, problems of its extensions): the core is what the kb-programmes/1 schema checks."""
    if not isinstance(data, dict) or "extensions" not in data:
        return data, []
    problems = _declaration_problems(data["extensions"])
    core = {key: value for key, value in data.items() if key != "extensions"}
    declared = declared_extensions(data)
    if LICENCE_EXTENSION in declared and "license" in data:
        core.pop("license")
        problems += [p for error in LICENCE_CHECK.errors({"license": data["license"]}) for p in schema_problem(error)]
    version = lessons_version(data)
    active = [name for name in RECORD_CHECKS if name in declared and (name not in LESSONS_VERSIONS or name == version)]
    records = data.get("programmes")
    if not active or not isinstance(records, list):
        return core, problems
    # Keys of an extension not declared stay in the core record, which names them as unknown.
    keys = {RECORD_CHECKS[name][0] for name in active}
    core["programmes"] = [
        {k: v for k, v in r.items() if k not in keys} if isinstance(r, dict) else r for r in records
    ]
    for name in active:
        key, check = RECORD_CHECKS[name]
        wrapper = {"programmes": [{key: r[key]} if isinstance(r, dict) and key in r else {} for r in records]}
        errors = check.errors(wrapper)
        for error in errors:
            problems.extend(schema_problem(error))
        if name == TRANSLATED_FACTS_EXTENSION and not errors:  # places and languages, once the shape is right
            problems.extend(translated.problems(records))
        for i, record in enumerate(records):
            if isinstance(record, dict) and isinstance(record.get(key), dict):
                problems.extend(nul_problems(record[key], f"programmes[{i}].{key}"))
    return core, problems


FACTS = "_facts"  # in the values below: the page's service facts, as a record object


def lessons_of(page):
    """The page's lessons as model field values, and its service facts (the importer compares
    and applies both through these three functions)."""
    return {
        **{name: getattr(page, name) for name in LESSONS_TEXT.values()},
        REPORTS: list(getattr(page, REPORTS)),
        FACTS: programme_record.facts_of(page),
    }


def lessons_for_import(page, record, data):
    """What the page's lessons and facts become: for the lessons, the record's for the fields its
    declared version knows (a record without `lessons` then has none of them); the facts are the
    record's when kb-facts/1 is declared; the page's own for everything else."""
    version = lessons_version(data)
    values = lessons_of(page)
    if version is not None:
        lessons = record.get("lessons") or {}
        values.update({
            **{name: (lessons.get(key) or "") for key, name in LESSONS_VERSIONS[version].items()},
            REPORTS: list(lessons.get(REPORTS) or []),
        })
    if FACTS_EXTENSION in declared_extensions(data):
        values[FACTS] = programme_record.normalise_facts(record.get("facts") or {})
    if TRANSLATED_FACTS_EXTENSION in declared_extensions(data):
        change = translated.for_import(page, record)
        if change is not None:  # an extra key: the page then counts as changed
            values[translated.TRANSLATED] = change
    return values


def apply_lessons(page, lessons):
    for name, value in lessons.items():
        if name == FACTS:
            programme_record.apply_facts(page, value)
        elif name == translated.TRANSLATED:
            translated.apply(page, value)
        else:
            setattr(page, name, value)


def lessons_record(page):
    """The `lessons` object of an exported record, or None when the page has none."""
    lessons = lessons_of(page)
    lessons.pop(FACTS)
    if not any(lessons.values()):
        return None
    return {
        **{key: programme_record.none_if_blank(lessons[name]) for key, name in LESSONS_TEXT.items()},
        REPORTS: lessons[REPORTS],
    }


def facts_record(page):
    """The `facts` object of an exported record (German notes), or None when nothing is known."""
    facts = programme_record.facts_of(page)
    return facts if programme_record.has_facts(facts) else None


def record_extensions(page, translations=None, found=None):
    """(extension, record key, object) for each extension the page has something for.

    `translations` (the page's translation pages) and `found` (translated_facts.lookup of its
    texts) save queries when many pages are exported; None reads them."""
    for name, key, value in ((LESSONS_EXTENSION, "lessons", lessons_record(page)),
                             (FACTS_EXTENSION, "facts", facts_record(page)),
                             (TRANSLATED_FACTS_EXTENSION, translated.KEY,
                              translated_facts.record_value(page, translations, found))):
        if value is not None:
            yield name, key, value


def declare(data, name):
    data.setdefault("extensions", [])
    if name not in data["extensions"]:
        data["extensions"].append(name)
    return data


def add_licence(data, terms):
    """Declare kb-licence/1 and name the data licence (opendata.licence.licence()) in the file."""
    data["license"] = {key: terms[key] for key in LICENCE_KEYS if terms.get(key)}
    return declare(data, LICENCE_EXTENSION)
