"""The search API contract (../shared/contracts/search-api.md) on the embedded engine."""

import pytest

from programmes.exchange import import_data
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_tree):
    import_data(exchange(
        record(
            slug="mama-lernt-deutsch", title="Mama lernt Deutsch – Sprachkurse für Mütter",
            summary="Sprachkurse für Mütter an Grundschulen, mit Kinderbetreuung während des Unterrichts.",
            description="Die Kurse finden vormittags statt.\n\nDie Kinder werden betreut.",
            themes=["language", "education"], target_groups=["women", "parents"], districts=["ost"],
            keywords=["Mütterkurs"], start_year=2003,
            translations={"en": {"title": "Mum learns German", "summary": "German courses for mothers with childcare.",
                                 "description": "Courses in the morning.", "keywords": ["mothers"]}},
        ),
        record(
            slug="sprachfoerderung-kita", title="Sprachförderung in Kitas",
            summary="Alltagsintegrierte Sprachförderung für Kinder in Kindertagesstätten.",
            description="Erzieherinnen fördern die Sprache im Alltag.",
            themes=["language", "education"], target_groups=["children"], districts=["citywide"],
            keywords=["Kita", "Sprachentwicklung"], start_year=2002,
        ),
        record(
            slug="elternbegleiter", title="Interkulturelle Elternbegleiter",
            summary="Ehrenamtliche begleiten Eltern bei Gesprächen mit der Schule.",
            description="Die Begleitung der Eltern hilft beim Übergang in die weiterführende Schule.",
            themes=["education", "participation"], target_groups=["parents", "volunteers"], districts=["west"],
            keywords=[], start_year=2010,
        ),
        record(
            slug="beratung-gefluechtete", title="Sozialberatung für Geflüchtete",
            summary="Beratung in Unterkünften zu Asylverfahren, Wohnung und Arbeit.",
            description="Sozialarbeiterinnen beraten in den Unterkünften.",
            themes=["refugees"], target_groups=["refugees"], districts=["nord"], status="completed",
            start_year=2015, end_year=2020, keywords=[],
        ),
        record(
            slug="volkshochschule-integrationskurse", title="Integrationskurse an der Volkshochschule",
            summary="Deutschkurse mit Orientierungskurs für Zugewanderte.",
            description="Die Kurse enden mit dem Deutsch-Test für Zuwanderer.",
            themes=["language"], target_groups=["newcomers"], districts=["mitte"], start_year=2005, keywords=[],
        ),
    ))


def search(client, **params):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(body):
    return [r["slug"] for r in body["results"]]


def test_response_shape(client, catalogue):
    body = search(client, q="Sprachkurs")
    assert set(body) == {"query", "lang", "engine", "total", "page", "page_size", "results", "facets", "suggestion",
                         "found_via", "license"}
    assert body["engine"] == "embedded" and body["lang"] == "de" and body["page"] == 1
    hit = body["results"][0]
    assert set(hit) == {"slug", "title", "url", "summary", "highlight", "themes", "status", "start_year",
                        "end_year", "score", "lang"}  # lang: additive (issue 20)
    assert hit["url"].startswith("/de/programme/")
    assert set(body["facets"]) == {"themes", "target_groups", "districts", "status", "languages", "facts"}  # facts: additive (issue 22)


@pytest.mark.parametrize("q, expected", [
    ("Sprachkurse", "mama-lernt-deutsch"),            # inflection
    ("Sprachkurs für Mutter", "mama-lernt-deutsch"),   # inflection + umlaut plural
    ("Foerderung", "sprachfoerderung-kita"),           # transliteration + compound part
    ("Forderung Kita", "sprachfoerderung-kita"),       # umlaut typed as plain vowel
    ("Elternbegleitung", "elternbegleiter"),           # compound query vs separate words
    ("Fluechtlinge", "beratung-gefluechtete"),         # synonym list + transliteration
    ("VHS Deutschkurs", "volkshochschule-integrationskurse"),  # abbreviation
    ("Kindertagesstätte", "sprachfoerderung-kita"),    # abbreviation, other direction
    ("Sprachfördrung", "sprachfoerderung-kita"),       # typo
    ("Integrationskurs", "volkshochschule-integrationskurse"),
])
def test_german_queries_find_the_right_programme_first(client, catalogue, q, expected):
    assert slugs(search(client, q=q))[0] == expected


def test_title_outranks_body_mentions(client, catalogue):
    assert slugs(search(client, q="Kita"))[0] == "sprachfoerderung-kita"


def test_empty_query_lists_newest_first_with_facets(client, catalogue):
    body = search(client, q="")
    assert body["total"] == 5 and body["facets"]["themes"]


def test_filters_or_within_and_across(client, catalogue):
    body = search(client, theme=["refugees", "participation"])
    assert sorted(slugs(body)) == ["beratung-gefluechtete", "elternbegleiter"]
    body = search(client, theme="education", target_group="parents")
    assert sorted(slugs(body)) == ["elternbegleiter", "mama-lernt-deutsch"]
    assert search(client, theme="language", status="completed")["total"] == 0


def test_facet_counts_apply_the_other_filters(client, catalogue):
    body = search(client, theme="language")
    themes = {f["value"]: f["count"] for f in body["facets"]["themes"]}
    # the theme facet ignores the theme filter itself, so the user can widen the choice
    assert themes["refugees"] == 1 and themes["language"] == 3
    groups = {f["value"]: f["count"] for f in body["facets"]["target_groups"]}
    assert "refugees" not in groups and groups["children"] == 1
    labels = {f["value"]: f["label"] for f in body["facets"]["themes"]}
    assert labels["language"] == "Sprachförderung"


@pytest.mark.parametrize("q", ["", "Sprachkurse Schule", "Deutsch"])
@pytest.mark.parametrize("filters", [
    {}, {"theme": ["language"]}, {"theme": ["education", "refugees"], "target_group": ["parents"]},
    {"theme": ["language"], "district": ["ost", "mitte"], "status": ["active"]},
])
def test_each_facet_count_is_what_choosing_that_value_would_find(client, catalogue, q, filters):
    """A facet count promises a result size: picking that value (in place of the facet's own
    filter, the other filters kept) must find exactly that many, with and without text."""
    body = search(client, q=q, **filters)
    for name, facet in (("theme", "themes"), ("target_group", "target_groups"), ("district", "districts"),
                        ("status", "status")):
        for entry in body["facets"][facet]:
            narrowed = search(client, q=q, **{**filters, name: [entry["value"]]})
            assert narrowed["total"] == entry["count"], (facet, entry)
    assert body["total"] == len(search(client, q=q, page_size=50, **filters)["results"])


def test_empty_english_search_pages_through_translations_and_german_stand_ins(client, catalogue):
    everything = search(client, q="", lang="en", page_size=50)
    assert everything["total"] == 5 and sorted(slugs(everything)) == sorted(slugs(search(client, q="")))
    urls = {r["slug"]: r["url"] for r in everything["results"]}
    assert urls["mama-lernt-deutsch"] == "/en/programme/mama-lernt-deutsch/"
    assert urls["elternbegleiter"] == "/en/programme/elternbegleiter/"  # German, served under /en/
    paged = [slug for page in (1, 2, 3) for slug in slugs(search(client, q="", lang="en", page_size=2, page=page))]
    assert paged == slugs(everything)


def test_english_search_uses_translation_and_falls_back_to_german(client, catalogue):
    body = search(client, q="mothers", lang="en")
    assert slugs(body)[0] == "mama-lernt-deutsch"
    assert body["results"][0]["title"] == "Mum learns German"
    assert body["results"][0]["url"].startswith("/en/")
    # untranslated programmes are searched and returned in German, linked under the visitor's prefix
    body = search(client, q="Kita", lang="en")
    assert slugs(body)[0] == "sprachfoerderung-kita" and body["results"][0]["lang"] == "de"
    assert body["results"][0]["url"] == "/en/programme/sprachfoerderung-kita/"
    assert search(client, lang="en")["total"] == 5


@pytest.mark.parametrize("lang", ["ar", "uk", "tr"])
def test_search_api_returns_german_stand_ins_as_the_contract_says_linked_under_the_visitors_prefix(client, catalogue, lang):
    """The contract: a programme without the requested translation is returned in German (`lang`
    says so), even where an English version exists; the link keeps the visitor's prefix, where
    the page shows the best version in the fallback order (the search page does the same)."""
    first = search(client, q="Mütter", lang=lang)["results"][0]
    assert (first["slug"], first["title"], first["lang"]) == (
        "mama-lernt-deutsch", "Mama lernt Deutsch – Sprachkurse für Mütter", "de")
    assert first["url"] == f"/{lang}/programme/mama-lernt-deutsch/"
    listed = {r["slug"]: r["lang"] for r in search(client, q="", lang=lang, page_size=50)["results"]}
    assert set(listed.values()) == {"de"} and len(listed) == 5


def test_highlight_marks_matches_and_escapes_everything_else(client, site_tree):
    import_data(exchange(record(summary='Kurse <b>fett</b> & "Zitat" – Sprachkurs für <script>alert(1)</script>')))
    hit = search(client, q="Sprachkurs")["results"][0]
    assert "<mark>Sprachkurs</mark>" in hit["highlight"]
    without_marks = hit["highlight"].replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and "&lt;script&gt;" in without_marks


def test_suggestion_for_misspelt_words(client, catalogue):
    body = search(client, q="Integrationskurz")
    assert body["suggestion"] and "integrationskurs" in body["suggestion"].lower()
    assert search(client, q="Integrationskurse")["suggestion"] is None


def test_paging(client, catalogue):
    first = search(client, page_size=2, page=1)
    second = search(client, page_size=2, page=2)
    assert len(first["results"]) == 2 and first["total"] == 5
    assert not set(slugs(first)) & set(slugs(second))
    assert search(client, page=99)["results"] == []


@pytest.mark.parametrize("params, field", [
    ({"q": "x" * 501}, "q"),
    ({"page_size": "0"}, "page_size"),
    ({"page_size": "51"}, "page_size"),
    ({"page_size": "zehn"}, "page_size"),
    ({"page": "eins"}, "page"),
    ({"page": "-1"}, "page"),
    ({"lang": "xx"}, "lang"),
])
def test_bad_input_is_a_400_naming_the_field(client, catalogue, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert response.json()["field"] == field and response.json()["error"]


@pytest.mark.parametrize("q", [
    '"Sprachkurs', "Sprachkurs*", "(Kita", "-Kita", "title:Kita", "Kita NEAR Sprache", "Kita AND OR NOT",
    "'; DROP TABLE programmes_programmepage; --", "\x00\x07Kita\x1b", "Kita 🙂👩‍👧", "%_%", "\\", "ÄÖÜß" * 100,
])
def test_hostile_queries_are_searched_as_text(client, catalogue, q):
    body = search(client, q=q)
    assert isinstance(body["results"], list)
    if "Kita" in q:
        assert "sprachfoerderung-kita" in slugs(body)


def test_unknown_filter_values_give_no_results(client, catalogue):
    assert search(client, theme="cooking")["total"] == 0


def test_programme_detail(client, catalogue):
    body = client.get("/api/v1/programmes/mama-lernt-deutsch/").json()
    assert body["slug"] == "mama-lernt-deutsch" and body["url"] == "/de/programme/mama-lernt-deutsch/"
    assert body["translations"]["en"]["title"] == "Mum learns German"
    english = client.get("/api/v1/programmes/mama-lernt-deutsch/", {"lang": "en"}).json()
    assert english["title"] == "Mum learns German" and english["url"].startswith("/en/")
    missing = client.get("/api/v1/programmes/gibt-es-nicht/")
    assert missing.status_code == 404 and missing.json()["field"] == "slug"


def test_autocomplete_completes_titles(client, catalogue):
    body = client.get("/api/v1/search/autocomplete/", {"q": "Sprachf"}).json()
    assert body["suggestions"] == ["Sprachförderung in Kitas"]


def test_search_engine_down_falls_back_to_embedded_not_500(client, catalogue, settings, monkeypatch):
    """Elasticsearch unreachable: the embedded engine answers (tests/test_search_fallback.py has more)."""
    from search import service
    from search.engines.embedded import EmbeddedEngine

    settings.SEARCH_ENGINE = "search.engines.fallback.from_settings"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens here: connection refused
    service._services.clear()
    try:
        body = search(client, q="Kita")
        assert body["engine"] == "embedded" and slugs(body)[0] == "sprachfoerderung-kita"
        page = client.get("/de/suche/", {"q": "Kita"})
        assert page.status_code == 200 and "Sprachförderung in Kitas" in page.content.decode()

        # Only when the embedded engine fails as well: 503, still not 500.
        def broken(self, query):
            raise RuntimeError("embedded index unreadable")

        monkeypatch.setattr(EmbeddedEngine, "search", broken)
        assert client.get("/api/v1/search/", {"q": "Kita"}).status_code == 200  # answered before: from the cache
        response = client.get("/api/v1/search/", {"q": "Kita Eltern"})
        assert response.status_code == 503 and response["Retry-After"] == "60"
        assert "unavailable" in response.json()["error"] and response.json()["field"] is None and "Link" not in response
        page = client.get("/de/suche/", {"q": "Kita Eltern"})
        assert page.status_code == 503 and "vorübergehend" in page.content.decode()
    finally:
        service._services.clear()


def test_running_programmes_rank_above_finished_ones_of_equal_relevance(client, site_tree):
    from tests.factories import create

    create(slug="a-vorbei", title="Nachbarschaftscafé", summary="Treffpunkt im Stadtteil.",
           status="completed", start_year=2010, end_year=2015, keywords=[], outcomes=[], contacts=[])
    create(slug="b-laeuft", title="Nachbarschaftscafé", summary="Treffpunkt im Stadtteil.",
           keywords=[], outcomes=[], contacts=[])
    slugs = [hit["slug"] for hit in client.get("/api/v1/search/", {"q": "Nachbarschaftscafé"}).json()["results"]]
    assert slugs[:2] == ["b-laeuft", "a-vorbei"]
