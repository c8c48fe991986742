"""The programme API (/api/v1/programmes/, /api/v1/taxonomies/) and the headless conventions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.exchange import import_data
from programmes.models import ProgrammePage
from programmes.record import to_record
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_tree):
    import_data(exchange(
        record(slug="mama-lernt-deutsch", title="Mama lernt Deutsch", themes=["language", "education"],
               target_groups=["women", "parents"], districts=["ost"], languages=["de", "tr"], start_year=2003,
               translations={"en": {"title": "Mum learns German", "summary": "German courses for mothers.",
                                    "description": None, "keywords": []}}),
        record(slug="sprachfoerderung-kita", title="Sprachförderung in Kitas", themes=["language"],
               target_groups=["children"], districts=["citywide"], languages=["de"], start_year=2002),
        record(slug="elternbegleiter", title="Interkulturelle Elternbegleiter", themes=["education"],
               target_groups=["parents"], districts=["west"], languages=["de", "ar"], start_year=2010),
        record(slug="beratung-gefluechtete", title="Sozialberatung für Geflüchtete", themes=["refugees"],
               target_groups=["refugees"], districts=["nord"], status="completed", start_year=2015,
               end_year=2020, languages=["ar", "fa"]),
    ))


def get(client, url="/api/v1/programmes/", expect=200, **params):
    response = client.get(url, params)
    assert response.status_code == expect, response.content
    return response.json()


def slugs(body):
    return [item["slug"] for item in body["results"]]


def test_list_shape_and_translations(client, catalogue):
    body = get(client)
    assert body["total"] == 4 and body["page"] == 1 and body["page_size"] == 20 and body["lang"] == "de"
    assert slugs(body) == ["elternbegleiter", "mama-lernt-deutsch", "beratung-gefluechtete",
                           "sprachfoerderung-kita"]  # by title
    mama = body["results"][1]
    assert mama["translations"] == ["en"] and mama["lang"] == "de"
    assert mama["title"] == "Mama lernt Deutsch" and mama["url"].startswith("/de/programme/")
    assert mama["themes"] == ["language", "education"] and mama["last_modified"]
    assert body["results"][0]["translations"] == []


def test_language_by_parameter_or_accept_language(client, catalogue):
    english = get(client, lang="en")["results"]
    mama = next(i for i in english if i["slug"] == "mama-lernt-deutsch")
    assert (mama["title"], mama["lang"]) == ("Mum learns German", "en") and mama["url"].startswith("/en/")
    kita = next(i for i in english if i["slug"] == "sprachfoerderung-kita")
    assert (kita["title"], kita["lang"]) == ("Sprachförderung in Kitas", "de")  # German stands in
    by_header = client.get("/api/v1/programmes/mama-lernt-deutsch/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert by_header.json()["title"] == "Mum learns German"
    assert "Accept-Language" in by_header["Vary"]
    unknown = client.get("/api/v1/programmes/mama-lernt-deutsch/", HTTP_ACCEPT_LANGUAGE="xx, *")
    assert unknown.json()["title"] == "Mama lernt Deutsch"


@pytest.mark.parametrize("params, expected", [
    ({"theme": "language"}, {"mama-lernt-deutsch", "sprachfoerderung-kita"}),
    ({"theme": ["language", "refugees"]}, {"mama-lernt-deutsch", "sprachfoerderung-kita", "beratung-gefluechtete"}),
    ({"theme": "language", "target_group": "parents"}, {"mama-lernt-deutsch"}),   # AND across filters
    ({"theme": "education", "district": "west"}, {"elternbegleiter"}),
    ({"status": "completed"}, {"beratung-gefluechtete"}),
    ({"language": "ar"}, {"elternbegleiter", "beratung-gefluechtete"}),
    ({"language": "ar", "status": "active"}, {"elternbegleiter"}),
    ({"year_to": 2004}, {"mama-lernt-deutsch", "sprachfoerderung-kita"}),
    ({"year_from": 2021, "theme": "refugees"}, set()),
    ({"year_from": 2016, "year_to": 2016}, {"mama-lernt-deutsch", "sprachfoerderung-kita",
                                            "elternbegleiter", "beratung-gefluechtete"}),
    ({"theme": "no-such-theme"}, set()),
    # a programme with both themes is listed (and counted) once
    ({"theme": ["language", "education"]}, {"mama-lernt-deutsch", "sprachfoerderung-kita", "elternbegleiter"}),
])
def test_filters(client, catalogue, params, expected):
    body = get(client, **params)
    assert sorted(slugs(body)) == sorted(expected) and body["total"] == len(expected)


def test_modified_after(client, catalogue):
    from datetime import timedelta

    from django.utils import timezone

    old = timezone.now() - timedelta(days=30)
    ProgrammePage.objects.exclude(slug="elternbegleiter").update(last_published_at=old)
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    assert slugs(get(client, modified_after=since)) == ["elternbegleiter"]
    assert get(client, modified_after=(old - timedelta(days=1)).isoformat())["total"] == 4
    # a translation published recently counts as a change of its programme
    ProgrammePage.objects.get(slug="mama-lernt-deutsch", locale__language_code="en").save_revision().publish()
    assert set(slugs(get(client, modified_after=since))) == {"elternbegleiter", "mama-lernt-deutsch"}


def test_paging_edges(client, catalogue):
    first = get(client, page_size=3)
    second = get(client, page_size=3, page=2)
    assert len(first["results"]) == 3 and len(second["results"]) == 1
    assert not set(slugs(first)) & set(slugs(second))
    beyond = get(client, page_size=3, page=3)
    assert beyond["results"] == [] and beyond["total"] == 4
    assert len(get(client, page_size=50)["results"]) == 4


@pytest.mark.parametrize("params, field", [
    ({"page_size": 51}, "page_size"), ({"page_size": 0}, "page_size"), ({"page": "zwei"}, "page"),
    ({"page": 0}, "page"), ({"lang": "xx"}, "lang"), ({"modified_after": "gestern"}, "modified_after"),
    ({"modified_after": "2024-13-45"}, "modified_after"), ({"year_from": "2000er"}, "year_from"),
    ({"year_to": 1800}, "year_to"), ({"year_from": 2010, "year_to": 2005}, "year_to"),
])
def test_bad_parameters_are_400_json(client, catalogue, params, field):
    body = get(client, expect=400, **params)
    assert body["field"] == field and field in body["error"]


def test_detail_and_unknown_slug(client, catalogue):
    body = get(client, "/api/v1/programmes/mama-lernt-deutsch/")
    assert body["slug"] == "mama-lernt-deutsch" and set(body["translations"]) == {"en"}
    for slug in ("gibt-es-nicht", "Mama", "a--b"):
        missing = get(client, f"/api/v1/programmes/{slug}/", expect=404)
        assert missing["field"] == "slug"


def test_taxonomies_with_labels_per_language(client, catalogue):
    german = get(client, "/api/v1/taxonomies/")
    english = get(client, "/api/v1/taxonomies/", lang="en")
    language_de = next(t for t in german["themes"] if t["slug"] == "language")
    language_en = next(t for t in english["themes"] if t["slug"] == "language")
    assert language_de["label"] == language_de["labels"]["de"] and language_en["label"] == language_en["labels"]["en"]
    assert language_de["label"] != language_en["label"]
    assert {"ost", "west", "citywide"} <= {d["slug"] for d in german["districts"]}
    assert [s["slug"] for s in german["status"]] == ["planned", "active", "completed"]


def test_query_count_does_not_grow_with_page_size(client, site_tree, no_page_cache):
    import_data(exchange(*[
        record(slug=f"programm-{n}", title=f"Programm {n}", themes=["language", "education"],
               translations={"en": {"title": f"Programme {n}", "summary": "x", "description": None, "keywords": []}})
        for n in range(12)
    ]))

    def queries(page_size):
        with CaptureQueriesContext(connection) as captured:
            assert len(get(client, page_size=page_size, lang="en")["results"]) == page_size
        return len(captured)

    assert queries(2) == queries(12)


def test_conditional_get_and_cache_headers(client, catalogue):
    response = client.get("/api/v1/programmes/")
    assert response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    again = client.get("/api/v1/programmes/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get("/api/v1/programmes/mama-lernt-deutsch/")
    unchanged = client.get("/api/v1/programmes/mama-lernt-deutsch/",
                           HTTP_IF_MODIFIED_SINCE=since["Last-Modified"])
    assert unchanged.status_code == 304
    other = client.get("/api/v1/programmes/", {"theme": "language"}, HTTP_IF_NONE_MATCH=response["ETag"])
    assert other.status_code == 200


def test_staff_responses_are_private(admin_client, catalogue):
    response = admin_client.get("/api/v1/programmes/")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_cors_only_for_configured_origins(client, catalogue, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    allowed = client.get("/api/v1/programmes/", HTTP_ORIGIN="https://app.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.org"
    other = client.get("/api/v1/programmes/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/de/", HTTP_ORIGIN="https://app.example.org")
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.parametrize("url", ["/api/v1/nope/", "/api/hsds/nothing", "/opendata/x.csv", "/api/v3/"])
def test_unknown_endpoints_are_404_json(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert "error" in response.json()


def test_detail_schema_keeps_every_field_of_the_record(client, catalogue, no_page_cache):
    """The detail is checked by its response schema now; a record key missing there would vanish."""
    page = ProgrammePage.objects.get(slug="mama-lernt-deutsch", locale__language_code="de")
    response = client.get("/api/v1/programmes/mama-lernt-deutsch/?lang=en")
    assert response.status_code == 200 and response["Last-Modified"]
    body = response.json()
    assert set(body) == set(to_record(page)) | {"facts", "url", "license"}
    assert body["title"] == "Mum learns German" and set(body["translations"]["en"]) == {"title", "summary", "description", "keywords"}
