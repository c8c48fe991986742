"""The one error shape of the JSON APIs: `{"error": message, "field": name}` with its status.

Kept in a leaf module (Django and nothing of ours) so the programme, search and open-data
APIs share it without importing each other. Handlers raise ApiError; kb/api.py maps it, and
django-ninja's ValidationError, to this shape in one place.
"""

from django.http import JsonResponse

# Highest page number any list endpoint accepts: far past any real result set, and low enough
# that (page - 1) * page_size stays inside the 64-bit OFFSET SQLite and PostgreSQL accept.
MAX_PAGE = 100_000
# Largest page any list endpoint returns (search page_size, programmes page_size, HSDS per_page).
MAX_PAGE_SIZE = 50


class ApiError(ValueError):
    """A request the API cannot answer: 400 for a bad parameter, 404 for an unknown id."""

    def __init__(self, field, message, status=400):
        self.field = field
        self.message = message
        self.status = status
        super().__init__(message)


def error(status, message, field=None):
    """A JSON error response in the contract's shape (400 bad parameter, 404 unknown id).

    For what answers outside django-ninja, where no exception handler runs: the rate limit
    (kb/middleware.py), the 404 for unknown /api/ paths (kb/urls.py), the open-data download
    views and the review page's JSON. Ninja operations raise ApiError instead."""
    return JsonResponse({"error": message, "field": field}, status=status)


def validation_error(errors):
    """The first pydantic/ninja error as (field, message): the field is the parameter's name."""
    first = errors[0] if errors else {}
    loc = [part for part in first.get("loc", ()) if isinstance(part, str) and part not in ("query", "path")]
    field = loc[0] if loc else "?"
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    return field, message if message.startswith(field) else f"{field}: {message}"
