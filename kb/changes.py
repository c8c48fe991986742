"""Bulk changes: the importer, restore and demo loader pause the per-page handlers.

A leaf module (it imports no project code), so programmes/, search/ and pagecache/ can all
read the flag without importing one another. Like Wagtail's
`disable_reference_index_auto_update()`, the flag lives in an `asgiref.local.Local`: it is
per thread and per asyncio task, so one request's import never silences another's publish.
When the outermost block ends, `bulk_finished` is sent once; pagecache/ listens to it.
"""

from contextlib import contextmanager

from asgiref.local import Local
from django.dispatch import Signal

_state = Local()

# Sent when the outermost `bulk_changes()` block ends (also when it ends with an exception:
# part of the work may have been written and committed by then).
bulk_finished = Signal()


@contextmanager
def bulk_changes():
    """Pause the per-page handlers; when the outermost block ends, `bulk_finished` is sent once."""
    previous = in_bulk()
    _state.bulk = True
    try:
        yield
    finally:
        _state.bulk = previous
        if not previous:
            bulk_finished.send(sender=bulk_changes)


def in_bulk():
    return getattr(_state, "bulk", False)
