"""JSON schema checking with problems worded as the contract asks: `programmes[i].field: reason`."""

import functools
import json
import re
from pathlib import Path

import jsonschema_rs
from django.utils.text import Truncator
from jsonschema import Draft202012Validator

FORMAT = "kb-programmes/1"
SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "schemas" / "programme-exchange.schema.json").read_text()
)


class ExchangeError(Exception):
    """The file cannot be imported; `problems` names each one as `programmes[i].field: reason`."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


def _path(parts):
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"


def schema_problem(error):
    """The problem lines for one jsonschema error."""
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


def nul_problems(value, where):
    """NUL characters cannot be stored (PostgreSQL rejects them) and are never meaningful text."""
    if isinstance(value, str):
        return [f"{where}: contains a NUL character"] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in nul_problems(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in nul_problems(v, f"{where}[{i}]")]
    return []


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


def schema_keys(definition):
    """The property names of one `$defs` object of the exchange schema (programme, outcome, ...)."""
    return list(SCHEMA["$defs"][definition]["properties"])
