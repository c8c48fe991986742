"""The shape of a parsed file, checked before the schema sees it.

A hostile file can be valid JSON and still break the checks that follow: nesting deeper than
Python's recursion limit (jsonschema recurses), strings with lone surrogates (valid JSON
escapes such as "\\ud800", but no database or UTF-8 writer can store them, and the Rust
schema checker cannot read them), and objects that give one key twice (json.loads keeps the
last silently). Each becomes a problem named by its place in the file.
"""

import json

from .schema import ExchangeError

# An exchange file needs six levels (file > programmes > record > translations > language >
# keywords); the margin leaves room for declared extensions.
MAX_DEPTH = 16


class ParsedObject(dict):
    """A JSON object as read from a file, remembering the keys the file gave more than once."""

    duplicates = ()


def _object(pairs):
    parsed = ParsedObject(pairs)
    if len(parsed) != len(pairs):
        seen, duplicates = set(), []
        for key, _value in pairs:
            if key in seen and key not in duplicates:
                duplicates.append(key)
            seen.add(key)
        parsed.duplicates = duplicates
    return parsed


def parse(text):
    """The file's JSON; ExchangeError when it is not JSON or nested too deep to read."""
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise ExchangeError([f"file: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"]) from exc
    except RecursionError as exc:
        raise ExchangeError([f"file: nested deeper than {MAX_DEPTH} levels"]) from exc


def _key(where, key):
    """The path to `key`, printable even when the key holds a lone surrogate."""
    key = str(key).encode("utf-8", "backslashreplace").decode("utf-8")
    return f"{where}.{key}" if where else key


def _surrogate(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def structure_problems(data):
    """(problems, too_deep): lone surrogates, duplicate keys and nesting beyond MAX_DEPTH.

    Walks without recursion, so any depth is safe; does not descend below MAX_DEPTH.
    """
    problems, too_deep = [], False
    stack = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, str):
            if _surrogate(value):
                problems.append(f"{where or 'file'}: contains a lone surrogate (not valid Unicode text)")
            continue
        if not isinstance(value, (dict, list)):
            continue
        if depth >= MAX_DEPTH:
            problems.append(f"{where or 'file'}: nested deeper than {MAX_DEPTH} levels")
            too_deep = True
            continue
        if isinstance(value, list):
            stack.extend((item, f"{where or 'file'}[{i}]", depth + 1) for i, item in reversed(list(enumerate(value))))
            continue
        for key in getattr(value, "duplicates", ()):
            problems.append(f"{_key(where, key)}: the key is given more than once (JSON keys must be unique)")
        for key, item in reversed(list(value.items())):
            if isinstance(key, str) and _surrogate(key):
                problems.append(f"{_key(where, key)}: key contains a lone surrogate (not valid Unicode text)")
            stack.append((item, _key(where, key), depth + 1))
    return problems, too_deep


def readable(data):
    """A copy of `data` (no deeper than MAX_DEPTH) whose strings the schema checkers can read."""
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if _surrogate(data) else data
    if isinstance(data, dict):
        return {readable(key): readable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [readable(item) for item in data]
    return data
