"""Every API list pages through one django-ninja paginator (kb/paging.py), in each API's own envelope."""

import pytest

from kb.api import api
from kb.api_errors import MAX_PAGE, MAX_PAGE_SIZE
from kb.paging import PageNumber
from search.service import get_search_service
from tests.factories import create

pytestmark = pytest.mark.django_db

# path: (size parameter, items key, total key, page number key, item id)
LISTS = {
    "/api/v1/search/": ("page_size", "results", "total", "page", "slug"),
    "/api/v1/programmes/": ("page_size", "results", "total", "page", "slug"),
    "/api/hsds/services": ("per_page", "contents", "total_items", "page_number", "id"),
}
PAGED = {**{path: size for path, (size, *_rest) in LISTS.items()},
         "/api/hsds/organizations": "per_page", "/api/hsds/taxonomies": "per_page",
         "/api/hsds/taxonomy_terms": "per_page"}


@pytest.fixture
def five(site_tree):
    for n in range(1, 6):
        create(slug=f"kurs-{n}", title=f"Kurs {n}", summary=f"Sprachkurs Nummer {n}.", organisation=f"Verein {n}")


def test_openapi_declares_the_paginators_parameters_last_on_every_list(client):
    document = client.get("/api/schema/").json()
    for path, size in PAGED.items():
        params = {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}
        assert list(params)[-2:] == ["page", size], path
        assert params["page"]["description"] == "Page number; a page past the end is empty"
        assert params["page"]["schema"]["maximum"] == MAX_PAGE and params["page"]["schema"]["minimum"] == 1
        assert params[size]["description"] == "Items per page"
        assert params[size]["schema"]["maximum"] == MAX_PAGE_SIZE and params[size]["schema"]["minimum"] == 1
    search = {p["name"]: p for p in document["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert search["page_size"]["schema"]["default"] == 10  # the contract's default; lists default to 20


def test_every_list_operation_is_wrapped_by_the_paginator():
    inputs = {}
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for name, schema, _source in getattr(operation.view_func, "_ninja_contribute_args", ()):
                    if name == "ninja_pagination":
                        inputs["/api/" + (prefix + path).strip("/").replace("//", "/")] = schema
    assert set(inputs) >= {path.rstrip("/") for path in PAGED}
    assert all(issubclass(schema, PageNumber) for schema in inputs.values())


@pytest.mark.parametrize("path", LISTS)
def test_pages_cover_the_list_once_and_a_page_past_the_end_is_empty(client, five, path):
    size, items, total, number, key = LISTS[path]
    whole = [item[key] for item in client.get(path, {size: 50}).json()[items]]
    assert len(whole) == 5
    pages = [client.get(path, {size: 2, "page": n}) for n in (1, 2, 3, 4)]
    assert all(page.status_code == 200 for page in pages)
    pages = [page.json() for page in pages]
    assert [len(page[items]) for page in pages] == [2, 2, 1, 0]  # the last page is partial, the next empty
    assert [item[key] for page in pages for item in page[items]] == whole
    assert [page[total] for page in pages] == [5] * 4
    assert pages[3][number] == 4


@pytest.mark.parametrize("path", LISTS)
def test_the_last_allowed_page_is_empty_and_the_next_a_400_naming_page(client, five, path):
    size, items, total, number, _key = LISTS[path]
    last = client.get(path, {"page": MAX_PAGE})
    assert last.status_code == 200
    assert last.json()[items] == [] and last.json()[total] == 5 and last.json()[number] == MAX_PAGE
    beyond = client.get(path, {"page": MAX_PAGE + 1})
    assert beyond.status_code == 400 and set(beyond.json()) == {"error", "field"} and beyond.json()["field"] == "page"


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", [0, MAX_PAGE_SIZE + 1, "zehn"])
def test_a_bad_page_size_is_a_400_naming_it(client, site_tree, path, value):
    size = LISTS[path][0]
    response = client.get(path, {size: value})
    assert response.status_code == 400
    assert set(response.json()) == {"error", "field"} and response.json()["field"] == size


def test_v1_lists_echo_the_page_and_size_asked_for(client, five):
    for path in ("/api/v1/search/", "/api/v1/programmes/"):
        body = client.get(path, {"page": 2, "page_size": 3}).json()
        assert (body["page"], body["page_size"], len(body["results"])) == (2, 3, 2)


def test_the_search_engine_is_asked_for_one_page_not_for_every_result(client, five, monkeypatch):
    service = get_search_service()
    engine_search = type(service).search
    asked = []

    def recording(self, query):
        asked.append((query.page, query.page_size))
        return engine_search(self, query)

    monkeypatch.setattr(type(service), "search", recording)
    assert len(client.get("/api/v1/search/", {"page": 3, "page_size": 2}).json()["results"]) == 1
    assert asked == [(3, 2)]
