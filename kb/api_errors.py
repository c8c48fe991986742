"""The one error shape of the JSON APIs: `{"error": message, "field": name}` with its status.

Kept in a leaf module (Django and nothing of ours) so the programme, search and open-data
APIs share it without importing each other.
"""

from django.http import JsonResponse

# Highest page number any list endpoint accepts: far past any real result set, and low enough
# that (page - 1) * page_size stays inside the 64-bit OFFSET SQLite and PostgreSQL accept.
MAX_PAGE = 100_000


def error(status, message, field=None):
    """A JSON error response in the contract's shape (400 bad parameter, 404 unknown id)."""
    return JsonResponse({"error": message, "field": field}, status=status)
