"""The engine contract: what every search engine provides, and the plain objects it answers with.

Engines (embedded, Elasticsearch, the fallback wrapper) import this module and nothing from
search/service.py; the service picks an engine by the dotted path in settings.SEARCH_ENGINE
(`import_string`, as Wagtail's `get_search_backend` does), so neither imports the other.
"""

from dataclasses import dataclass, field

FACETS = ("themes", "target_groups", "districts", "status", "languages", "facts")
FILTER_PARAMS = {
    "theme": "themes",
    "target_group": "target_groups",
    "district": "districts",
    "status": "status",
    "language": "languages",
    "facet": "facts",  # service facts (programmes/record.py FACETS), as in the catalogue
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

    def forget_pages(self, page_ids):
        """These pages' rows are about to be deleted: drop now what refers to them in the site's own
        database (called inside the deleting transaction; the rest of the update runs after it)."""

    def rebuild(self, progress=None):
        """Index every live programme from scratch; `progress(done, total)` is called as it goes."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, prefix, lang="de", limit=8):
        """Titles completing `prefix`, for the search box."""
        raise NotImplementedError
