"""Extensions of the exchange format (docs/exchange-extensions.md).

A strict kb-programmes/1 file never carries them: the header must declare e.g.
`"extensions": ["kb-lessons/2"]` before records may hold a `lessons` object, and
export_data(strict=True) leaves them out.

- kb-lessons/1: lessons and transfer (purpose … transferability, evaluation reports).
- kb-lessons/2: the same plus `costs_staffing`; a kb-lessons/1 file still imports and
  leaves the fields it does not know (costs) as the knowledge base holds them.
- kb-licence/1: a top-level `license` object naming the data licence of the file.
"""

from .. import record as programme_record
from .schema import SchemaCheck, nul_problems, schema_problem

LESSONS_V1 = "kb-lessons/1"
LESSONS_EXTENSION = "kb-lessons/2"  # the version export writes
LICENCE_EXTENSION = "kb-licence/1"
# lessons version -> exchange key -> ProgrammePage field
LESSONS_VERSIONS = {LESSONS_V1: programme_record.LESSONS, LESSONS_EXTENSION: programme_record.LESSONS_2}
KNOWN_EXTENSIONS = (LESSONS_V1, LESSONS_EXTENSION, LICENCE_EXTENSION)
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


LESSONS_CHECKS = {name: _lessons_check(fields) for name, fields in LESSONS_VERSIONS.items()}
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


def core_record(record):
    """`record` without extension keys, as the core format sees it."""
    return {key: value for key, value in record.items() if key != "lessons"}


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
    if LICENCE_EXTENSION in declared_extensions(data) and "license" in data:
        core.pop("license")
        problems += [p for error in LICENCE_CHECK.errors({"license": data["license"]}) for p in schema_problem(error)]
    version = lessons_version(data)
    records = data.get("programmes")
    if version is None or not isinstance(records, list):
        return core, problems
    core["programmes"] = [core_record(r) if isinstance(r, dict) else r for r in records]
    wrapper = {"programmes": [{"lessons": r["lessons"]} if isinstance(r, dict) and "lessons" in r else {} for r in records]}
    for error in LESSONS_CHECKS[version].errors(wrapper):
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
    """What the page's lessons become: the record's for the fields its declared version knows
    (a record without `lessons` then has none of them), the page's own for every other field."""
    version = lessons_version(data)
    current = lessons_of(page)
    if version is None:
        return current
    lessons = record.get("lessons") or {}
    return {
        **current,
        **{name: (lessons.get(key) or "") for key, name in LESSONS_VERSIONS[version].items()},
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


def declare(data, name):
    data.setdefault("extensions", [])
    if name not in data["extensions"]:
        data["extensions"].append(name)
    return data


def add_licence(data, terms):
    """Declare kb-licence/1 and name the data licence (opendata.licence.licence()) in the file."""
    data["license"] = {key: terms[key] for key in LICENCE_KEYS if terms.get(key)}
    return declare(data, LICENCE_EXTENSION)
