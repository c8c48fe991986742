"""Page-number paging for every list of the JSON API, as one django-ninja paginator.

Modelled on Wagtail's api/v3 pagination (a PaginationBase subclass), but each API keeps its own
envelope (the search contract's {"total", "page", "page_size", "results"}, HSDS's `Page`):
`Output = None` leaves the operation's declared response schema in place, and that schema
validates what the paginator returns. An operation returns a `Paged` source and the paginator
asks it for one page, so a search engine that pages itself is given page and size rather than
handing over every result to be sliced here.
"""

from abc import ABC, abstractmethod

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from .api_errors import MAX_PAGE, MAX_PAGE_SIZE

PAGE_SIZE_HELP = "Items per page"


class PageNumber(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number; a page past the end is empty")


class Paging(PageNumber):
    """`page` and `page_size`, as the search contract names them (the programme list's default size)."""

    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=PAGE_SIZE_HELP)

    @property
    def size(self):
        return self.page_size


class Paged(ABC):
    """What a paged operation returns: a source that answers one page at a time."""

    @abstractmethod
    def page(self, number, size):
        """The operation's whole answer (its envelope included) for page `number` of `size` items."""


class Listing(Paged):
    """Items in a queryset or list, counted and sliced here; `answer(window, total, number, size)`
    builds the envelope from the page's items only (so per-item work is done for one page)."""

    def __init__(self, items, answer):
        self.items = items
        self.answer = answer

    def page(self, number, size):
        total = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        start = (number - 1) * size
        return self.answer(list(self.items[start:start + size]), total, number, size)


class PagePagination(PaginationBase):
    """`@paginate(PagePagination, paging=SomePaging)`: `paging` is the Input schema (its names and
    default size); it must offer `page` and `size`."""

    Input = Paging
    Output = None  # the operation declares its envelope

    def __init__(self, paging=Paging, **kwargs):
        super().__init__(**kwargs)
        self.Input = paging

    def paginate_queryset(self, queryset, pagination, request, **params):
        if not isinstance(queryset, Paged):
            raise TypeError(f"a paged operation returns a Paged source, not {type(queryset).__name__}")
        return queryset.page(pagination.page, pagination.size)
