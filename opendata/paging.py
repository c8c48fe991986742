"""HSDS paging: `page`/`per_page` in, HSDS 3.0's `Page` object out, through the API's one
paginator (kb/paging.py); only the names of the Input and the envelope are HSDS's own."""

from ninja import Field

from kb.api_errors import MAX_PAGE_SIZE
from kb.paging import PAGE_SIZE_HELP, Listing, PageNumber

from . import hsds


class HsdsPaging(PageNumber):
    per_page: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=PAGE_SIZE_HELP)

    @property
    def size(self):
        return self.per_page


def hsds_pages(items, show=None):
    """`items` paged into HSDS's `Page`; `show` turns the page's items (only those) into JSON."""

    def answer(window, total, number, size):
        contents = [show(item) for item in window] if show else window
        return hsds.page_wrapper(contents, total, number, size)

    return Listing(items, answer)
