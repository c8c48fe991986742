"""Parameters are validated by the API's schemas: every router answers a bad one with 400
{"error", "field"} naming it, the search page applies the same limits, and paging still counts right."""

import pytest

from kb.api_errors import MAX_PAGE_SIZE
from tests.factories import create

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_tree):
    create(slug="alpha", title="Alpha", organisation="Verein A")
    create(slug="beta", title="Beta", organisation="Verein B", themes=["health"])
    create(slug="gamma", title="Gamma", organisation="Verein C", status="completed", end_year=2020)


@pytest.mark.parametrize("path, params, field", [
    ("/api/v1/search/", {"q": "x" * 501}, "q"),
    ("/api/v1/search/", {"page_size": MAX_PAGE_SIZE + 1}, "page_size"),
    ("/api/v1/search/autocomplete/", {"lang": "xx"}, "lang"),
    ("/api/v1/programmes/", {"year_from": "neunzehn"}, "year_from"),
    ("/api/v1/programmes/", {"modified_after": "2024-02-30"}, "modified_after"),
    ("/api/v1/programmes/alpha/", {"lang": "fr"}, "lang"),
    ("/api/v1/taxonomies/", {"lang": "xx"}, "lang"),
    ("/api/hsds/services", {"organization_id": "verein-a"}, "organization_id"),
    ("/api/hsds/organizations", {"search": "y" * 201}, "search"),
    ("/api/hsds/taxonomies", {"page": 0}, "page"),
    ("/api/hsds/taxonomy_terms", {"taxonomy_id": "themes"}, "taxonomy_id"),
    ("/api/hsds/taxonomy_terms", {"per_page": MAX_PAGE_SIZE + 1}, "per_page"),
])
def test_each_router_names_the_bad_parameter(client, catalogue, path, params, field):
    response = client.get(path, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"error", "field"}
    assert body["field"] == field and field in body["error"]


def test_the_search_page_and_the_api_share_the_page_size_limit(client, catalogue):
    for size, status in ((MAX_PAGE_SIZE, 200), (MAX_PAGE_SIZE + 1, 400)):
        assert client.get("/api/v1/search/", {"page_size": size}).status_code == status
        assert client.get("/de/suche/", {"page_size": size}).status_code == status


def test_an_unknown_id_is_404_in_the_same_shape(client, catalogue):
    body = client.get("/api/hsds/organizations/nicht-da").json()
    assert body == {"error": "no organization with id 'nicht-da'", "field": "id"}


def test_hsds_pages_count_and_cover_everything_once(client, catalogue):
    names = []
    for number in (1, 2):
        page = client.get("/api/hsds/organizations", {"per_page": 2, "page": number}).json()
        assert (page["total_items"], page["total_pages"], page["page_number"]) == (3, 2, number)
        assert (page["first_page"], page["last_page"]) == (number == 1, number == 2)
        assert page["size"] == len(page["contents"])
        names += [org["name"] for org in page["contents"]]
    assert sorted(names) == ["Verein A", "Verein B", "Verein C"]
    beyond = client.get("/api/hsds/organizations", {"per_page": 2, "page": 3}).json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["total_items"] == 3


def test_hsds_filters_apply_before_paging(client, catalogue):
    page = client.get("/api/hsds/services", {"search": "Beta", "per_page": 1}).json()
    assert page["total_items"] == 1 and [s["name"] for s in page["contents"]] == ["Beta"]


def test_programme_list_pages_and_keeps_last_modified(client, catalogue):
    first = client.get("/api/v1/programmes/", {"page_size": 2})
    second = client.get("/api/v1/programmes/", {"page_size": 2, "page": 2}).json()
    body = first.json()
    assert (body["total"], body["page"], body["page_size"]) == (3, 1, 2)
    assert [p["slug"] for p in body["results"] + second["results"]] == ["alpha", "beta", "gamma"]
    assert first["Last-Modified"]
    # Python's full ISO form with the offset, as before the response schema was enforced.
    assert body["results"][0]["last_modified"].endswith("+00:00")
