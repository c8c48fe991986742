"""HSDS paging as a django-ninja paginator: `page`/`per_page` in, HSDS 3.0's `Page` object out.

Modelled on Wagtail's api/v3 pagination (a PaginationBase subclass), but keeping HSDS's
envelope instead of ninja's {"items", "count"}: `Output = None` leaves the operation's
declared `Page` response schema in place, which validates what paginate_queryset returns.
"""

from ninja import Field, Schema
from ninja.pagination import PaginationBase

from kb.api_errors import MAX_PAGE, MAX_PAGE_SIZE

from . import hsds


class Listing:
    """What an operation returns: all items (queryset or list) and how to show one of the page."""

    def __init__(self, items, show):
        self.items = items
        self.show = show


class HsdsPaging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class HsdsPagination(PaginationBase):
    Input = HsdsPaging
    Output = None  # the operation declares `Page`

    def paginate_queryset(self, queryset, pagination, request, **params):
        listing = queryset if isinstance(queryset, Listing) else Listing(queryset, lambda item: item)
        total = self._items_count(listing.items)
        start = (pagination.page - 1) * pagination.per_page
        window = listing.items[start:start + pagination.per_page]
        contents = [listing.show(item) for item in window]
        return hsds.page_wrapper(contents, total, pagination.page, pagination.per_page)
