"""Extension kb-lessons/1: lessons and transfer (docs/exchange-extensions.md).

A strict kb-programmes/1 file never carries it: the header must declare
`"extensions": ["kb-lessons/1"]` before records may hold a `lessons` object, and
export_data(strict=True) leaves both out.
"""

from .. import record as programme_record
from .schema import SchemaCheck, nul_problems, schema_problem

LESSONS_EXTENSION = "kb-lessons/1"
KNOWN_EXTENSIONS = (LESSONS_EXTENSION,)
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
        problems.extend(schema_problem(error))
    for i, record in enumerate(records):
        if isinstance(record, dict) and isinstance(record.get("lessons"), dict):
            problems.extend(nul_problems(record["lessons"], f"programmes[{i}].lessons"))
    return core, problems


def lessons_of(page):
    """The page's lessons as model field values."""
    return {
        **{name: getattr(page, name) for name in LESSONS_TEXT.values()},
        REPORTS: list(getattr(page, REPORTS)),
    }


def lessons_for_import(page, record, data):
    """What the page's lessons become: the record's when the file declares the extension
    (a record without `lessons` then has none), else the page keeps its own."""
    if LESSONS_EXTENSION not in declared_extensions(data):
        return lessons_of(page)
    lessons = record.get("lessons") or {}
    return {
        **{name: (lessons.get(key) or "") for key, name in LESSONS_TEXT.items()},
        REPORTS: list(lessons.get(REPORTS) or []),
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
        **{key: programme_record.none_if_blank(lessons[name]) for key, name in LESSONS_TEXT.items()},
        REPORTS: lessons[REPORTS],
    }
