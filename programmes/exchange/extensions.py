"""Extensions kb-lessons/1 (lessons and transfer) and kb-facts/1 (service facts), docs/exchange-extensions.md.

A strict kb-programmes/1 file never carries it: the header must declare
`"extensions": ["kb-lessons/1"]` before records may hold a `lessons` object, and
export_data(strict=True) leaves both out.
"""

from .. import record as programme_record
from .schema import SchemaCheck, nul_problems, schema_problem

LESSONS_EXTENSION = "kb-lessons/1"
FACTS_EXTENSION = "kb-facts/1"
KNOWN_EXTENSIONS = (LESSONS_EXTENSION, FACTS_EXTENSION)
EXTENSION_KEYS = {LESSONS_EXTENSION: "lessons", FACTS_EXTENSION: "facts"}
LESSONS_TEXT = programme_record.LESSONS  # exchange key -> ProgrammePage field
REPORTS = programme_record.LESSONS_REPORTS
LESSONS_SCHEMA = {
    "type": "object",
    "properties": {"programmes": {"type": "array", "items": {"type": "object", "properties": {"lessons": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            **{key: {"type": ["string", "null"], "maxLength": 10000} for key in LESSONS_TEXT},
            REPORTS: {
                "type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 1000}, "uniqueItems": True,
            },
        },
    }}}}},
}
LESSONS_CHECK = SchemaCheck(LESSONS_SCHEMA)
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
CHECKS = {LESSONS_EXTENSION: LESSONS_CHECK, FACTS_EXTENSION: SchemaCheck(FACTS_SCHEMA)}


def declared_extensions(data):
    value = data.get("extensions") if isinstance(data, dict) else None
    return [name for name in value if isinstance(name, str)] if isinstance(value, list) else []


def core_record(record):
    """`record` without extension keys, as the core format sees it."""
    return {key: value for key, value in record.items() if key not in EXTENSION_KEYS.values()}


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
    declared = [name for name in KNOWN_EXTENSIONS if name in declared_extensions(data)]
    if not declared or not isinstance(records, list):
        return core, problems
    # Keys of an extension not declared stay in the core record, which names them as unknown.
    keys = {EXTENSION_KEYS[name] for name in declared}
    core["programmes"] = [
        {k: v for k, v in r.items() if k not in keys} if isinstance(r, dict) else r for r in records
    ]
    for name in declared:
        key = EXTENSION_KEYS[name]
        wrapper = {"programmes": [{key: r[key]} if isinstance(r, dict) and key in r else {} for r in records]}
        for error in CHECKS[name].errors(wrapper):
            problems.extend(schema_problem(error))
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
    """What the page's lessons and facts become: the record's when the file declares the
    extension (a record without `lessons` / `facts` then has none), else the page keeps its own."""
    declared = declared_extensions(data)
    values = lessons_of(page)
    if LESSONS_EXTENSION in declared:
        lessons = record.get("lessons") or {}
        values.update({
            **{name: (lessons.get(key) or "") for key, name in LESSONS_TEXT.items()},
            REPORTS: list(lessons.get(REPORTS) or []),
        })
    if FACTS_EXTENSION in declared:
        values[FACTS] = programme_record.normalise_facts(record.get("facts") or {})
    return values


def apply_lessons(page, lessons):
    for name, value in lessons.items():
        if name == FACTS:
            programme_record.apply_facts(page, value)
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


def add_facts(data, pages):
    """Declare kb-facts/1 and add `facts` to the records of pages that have any (German notes)."""
    found = False
    for record, page in zip(data["programmes"], pages, strict=True):
        facts = programme_record.facts_of(page)
        if programme_record.has_facts(facts):
            record["facts"] = facts
            found = True
    if found:
        data["extensions"] = [*data.get("extensions", []), FACTS_EXTENSION]
    return data
