"""Walk a large queryset in chunks, each one query plus its prefetches.

A single prefetch over every programme builds one SQL expression per row: SQLite refuses
past about 1,000 terms ("Expression tree is too large") and 32,766 parameters, and the
whole catalogue would sit in memory. Keyset pagination (WHERE key > last key) keeps each
query small and needs no open cursor between chunks, so a streamed response can take
its time on either database.
"""

import json

from django.db.models import Q

CHUNK_SIZE = 500


def _after(keys, values):
    """Rows ordered after `values` by `keys` (lexicographically)."""
    condition = Q()
    for n, key in enumerate(keys):
        step = Q(**{f"{key}__gt": values[n]}, **dict(zip(keys[:n], values[:n], strict=True)))
        condition = step if n == 0 else condition | step
    return condition


def chunked(queryset, keys=("pk",), size=CHUNK_SIZE):
    """Lists of at most `size` objects of `queryset` in `keys` order; `keys` must identify a row."""
    keys = list(keys)
    queryset = queryset.order_by(*keys)
    last = None
    while True:
        chunk = list((queryset if last is None else queryset.filter(_after(keys, last)))[:size])
        if chunk:
            yield chunk
        if len(chunk) < size:
            return
        last = [getattr(chunk[-1], key) for key in keys]


def _nested(value, level):
    """`value` as indented JSON text that sits `level` levels deep in a document."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


def json_document(head, key, items, tail=dict, mapping=False):
    """Pieces of the text json.dumps({**head, key: items, **tail()}, ensure_ascii=False, indent=2)
    would give, written as `items` arrive (an iterable; of (name, value) pairs when `mapping`).

    `tail` is called after the last item, so it can report what the items turned out to need.
    """
    yield "{"
    for name, value in head.items():
        yield f"\n  {_nested(name, 1)}: {_nested(value, 1)},"
    yield f"\n  {_nested(key, 1)}: " + ("{" if mapping else "[")
    empty = True
    for item in items:
        text = f"{_nested(item[0], 2)}: {_nested(item[1], 2)}" if mapping else _nested(item, 2)
        yield ("\n    " if empty else ",\n    ") + text
        empty = False
    yield ("" if empty else "\n  ") + ("}" if mapping else "]")
    for name, value in tail().items():
        yield f",\n  {_nested(name, 1)}: {_nested(value, 1)}"
    yield "\n}"
