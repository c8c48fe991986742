"""The one search interface. Views, the API and the importer call this; never an engine.

`get_search_service()` returns the engine named by settings.SEARCH_ENGINE, a dotted path
to a callable that builds it (search/engines/base.py is the contract every engine keeps):
Elasticsearch when ELASTICSEARCH_URL is set, the embedded engine otherwise. Both take a
`SearchQuery` and return a `SearchResults` of plain objects, which the API serialises as
the contract says. With Elasticsearch the service is a `FallbackSearchService`
(engines/fallback.py): it keeps the embedded index up to date as well and answers from it
while the cluster is down or slow.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from .engines.base import (  # noqa: F401  (re-exported: callers import these from the service)
    FACETS,
    FILTER_PARAMS,
    Hit,
    SearchQuery,
    SearchResults,
    SearchService,
    SearchUnavailable,
)

# The values settings.SEARCH_ENGINE takes (kb/settings/base.py).
EMBEDDED = "search.engines.embedded.EmbeddedEngine"
ELASTICSEARCH = "search.engines.fallback.from_settings"

_services = {}


def get_search_service():
    """The configured engine, built once per process."""
    path = settings.SEARCH_ENGINE
    if path not in _services:
        _services[path] = import_string(path)()
    return _services[path]
