"""The one search interface. Views, the API and the importer call this; never an engine.

`get_search_service()` returns the engine chosen by settings: Elasticsearch when
ELASTICSEARCH_URL is set, the embedded engine otherwise. Both take a `SearchQuery` and
return a `SearchResults` of plain objects, which the API serialises as the contract says.
With Elasticsearch the service is a `FallbackSearchService` (engines/fallback.py): it keeps
the embedded index up to date as well and answers from it while the cluster is down or slow.
"""

from dataclasses import dataclass, field

from django.conf import settings

FACETS = ("themes", "target_groups", "districts", "status", "languages")
FILTER_PARAMS = {
    "theme": "themes",
    "target_group": "target_groups",
    "district": "districts",
    "status": "status",
    "language": "languages",
}


@dataclass
class SearchQuery:
    text: str = ""
    lang: str = "de"
    filters: dict = field(default_factory=dict)  # facet name -> list of values (OR within, AND across)
    page: int = 1
    page_size: int = 10
    highlight: bool = True
    facets: bool = True


@dataclass
class Hit:
    slug: str
    title: str
    url: str
    summary: str
    highlight: str
    themes: list
    status: str
    start_year: int
    end_year: int | None
    score: float
    lang: str = "de"


@dataclass
class SearchResults:
    query: SearchQuery
    engine: str
    total: int
    hits: list
    facets: dict  # facet name -> list of {"value", "label", "count"}
    suggestion: str | None = None
    found_via: list = field(default_factory=list)  # vocabulary concepts that widened the query (search/concepts.py)


class SearchUnavailable(Exception):
    """The engine cannot answer now (e.g. the cluster is down); callers show a 503, not a 500.

    With Elasticsearch configured, callers only see it when the embedded fallback fails too.
    """


class SearchService:
    """What every engine provides."""

    name = ""

    def index_pages(self, pages, loaded=False):
        """(Re)index the given ProgrammePages; unpublished ones are removed.

        `loaded`: the pages are current and carry their relations in memory (the importer's
        new pages), so the engine builds their documents from them instead of reading them again.
        """
        raise NotImplementedError

    def remove_pages(self, page_ids):
        raise NotImplementedError

    def rebuild(self, progress=None):
        """Index every live programme from scratch; `progress(done, total)` is called as it goes."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, prefix, lang="de", limit=8):
        """Titles completing `prefix`, for the search box."""
        raise NotImplementedError


_services = {}


def get_search_service():
    engine = settings.SEARCH_ENGINE
    if engine not in _services:
        if engine == "elasticsearch":
            from .engines.elasticsearch import ElasticsearchEngine
            from .engines.embedded import EmbeddedEngine
            from .engines.fallback import FallbackSearchService

            primary = ElasticsearchEngine(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX)
            primary.search_timeout = settings.ELASTICSEARCH_TIMEOUT
            # A hanging cluster costs a page write one request_timeout, not one per retry.
            primary.retry_on_timeout = False
            _services[engine] = FallbackSearchService(
                primary, EmbeddedEngine(), retry_after=settings.ELASTICSEARCH_RETRY_AFTER
            )
        else:
            from .engines.embedded import EmbeddedEngine

            _services[engine] = EmbeddedEngine()
    return _services[engine]
