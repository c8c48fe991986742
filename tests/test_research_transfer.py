"""Issue 24, the rest: costs and staffing (exchange kb-lessons/2), the licence on every download and
API answer, the research section in tr/ar/uk, and a DCAT catalogue that lists every download."""

import json
import re
from html import unescape

import pytest
from django.utils import translation
from django.utils.translation import gettext
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

from opendata.licence import LICENCES
from programmes.demo import DEMO_FILE
from programmes.exchange import LESSONS_V1, ExchangeError, export_data, import_data
from programmes.models import ProgrammePage
from research.demo import LESSONS as DEMO_LESSONS
from research.demo import OVERVIEW_EN, OVERVIEW_INTRO_DEMO, ensure_research_pages
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db

LESSONS_2 = {
    "purpose": "Deutsch üben.",
    "approach": "Gesprächsrunden.",
    "what_worked": "Feste Zeiten.",
    "challenges": None,
    "transferability": "Mit einer Bibliothek übertragbar.",
    "costs_staffing": "Zwei Ehrenamtliche je Runde (Beispieldaten).",
    "evaluation_reports": [],
}


def declared(*names, records):
    return {**exchange(*records), "extensions": list(names)}


def german(slug):
    return ProgrammePage.objects.get(slug=slug, locale__language_code="de")


def problems_for(data):
    with pytest.raises(ExchangeError) as info:
        import_data(data)
    return info.value.problems


# --- costs and staffing: kb-lessons/2, kb-lessons/1 still imports ----------------------------

def test_costs_travel_in_kb_lessons_2_and_a_kb_lessons_1_file_keeps_them(site_tree):
    import_data(declared("kb-lessons/2", records=[record(lessons=LESSONS_2)]))
    assert german("sprachcafe-test").lessons_costs == LESSONS_2["costs_staffing"]
    exported = export_data()
    assert exported["extensions"] == ["kb-lessons/2"]
    assert exported["programmes"][0]["lessons"]["costs_staffing"] == LESSONS_2["costs_staffing"]

    v1 = {key: value for key, value in LESSONS_2.items() if key != "costs_staffing"}
    result = import_data(declared(LESSONS_V1, records=[record(lessons={**v1, "purpose": "Neu."})]))
    page = german("sprachcafe-test")
    assert result.updated == ["sprachcafe-test"] and page.lessons_purpose == "Neu."
    assert page.lessons_costs == LESSONS_2["costs_staffing"]  # a field /1 does not know is kept


def test_costs_in_a_kb_lessons_1_file_and_two_versions_are_named_problems(site_tree):
    problems = problems_for(declared(LESSONS_V1, records=[record(lessons=LESSONS_2)]))
    assert "programmes[0].lessons.costs_staffing: unknown key" in problems
    problems = problems_for(declared("kb-lessons/1", "kb-lessons/2", records=[record(lessons=LESSONS_2)]))
    assert "extensions: declare one version of kb-lessons, not kb-lessons/1, kb-lessons/2" in problems
    assert not ProgrammePage.objects.filter(slug="sprachcafe-test").exists()


def test_costs_are_shown_on_the_page_and_in_the_comparison_or_not_documented(client, research):
    import_data(declared("kb-lessons/2", records=[
        record(slug="mit-kosten", lessons=LESSONS_2), record(slug="ohne-kosten", lessons={"purpose": "Etwas."}),
    ]))
    html = client.get("/en/programme/mit-kosten/").content.decode()
    lessons = html[html.index('id="lessons-heading"'):]
    assert "<dt>Costs and staffing</dt>" in lessons and LESSONS_2["costs_staffing"] in lessons
    html = client.get("/de/programme/ohne-kosten/").content.decode()
    lessons = html[html.index('id="lessons-heading"'):]
    assert re.search(r"<dt>Kosten und Personal</dt><dd><span class=\"not-documented\">nicht dokumentiert", lessons)
    compare = client.get("/de/stuttgarter-modell/vergleich/", {"p": ["mit-kosten", "ohne-kosten"]}).content.decode()
    row = compare[compare.index(">Kosten und Personal</th>"):].split("</tr>")[0]
    assert LESSONS_2["costs_staffing"] in row and "nicht dokumentiert" in row


def test_demo_costs_restate_the_record_and_invent_no_amounts():
    funding = {r["slug"]: r["funding"] for r in json.loads(DEMO_FILE.read_text())["programmes"]}
    costs = {slug: fields["lessons_costs"] for slug, fields in DEMO_LESSONS.items() if fields.get("lessons_costs")}
    assert len(costs) >= 5
    for slug, text in costs.items():
        assert not re.search(r"\d", text), slug  # no figure: the public record gives none
        assert "nicht dokumentiert" in text, slug
        first_funder = funding[slug].split(";")[0].replace("Haushalt der ", "").strip()
        assert first_funder in text, slug


# --- the licence on every download and API answer ----------------------------------------------

def test_json_download_names_the_licence_declared_and_importable(client, settings, no_page_cache):
    import_data(declared("kb-lessons/2", records=[record(lessons=LESSONS_2)]))
    settings.OPENDATA_LICENCE = "cc-by-4.0"
    body = json.loads(b"".join(client.get("/opendata/programme.json").streaming_content))
    assert body["license"]["url"] == LICENCES["cc-by-4.0"]["url"]
    assert body["license"]["name"] == LICENCES["cc-by-4.0"]["name"] and body["license"]["attribution"]
    assert set(body["extensions"]) == {"kb-lessons/2", "kb-licence/1"}
    assert body["programmes"][0]["lessons"]["costs_staffing"] == LESSONS_2["costs_staffing"]
    assert import_data(body).unchanged == ["sprachcafe-test"]  # the download is a valid exchange file
    undeclared = {**body, "extensions": ["kb-lessons/2"]}
    assert "license: unknown key" in problems_for(undeclared)


def test_every_v1_api_answer_names_the_configured_licence(client, programme, settings, no_page_cache):
    settings.OPENDATA_LICENCE = "cc-by-4.0"
    url = LICENCES["cc-by-4.0"]["url"]
    for path in ("/api/v1/programmes/", f"/api/v1/programmes/{programme.slug}/", "/api/v1/taxonomies/",
                 "/api/v1/search/?q=Sprach"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.json()["license"]["url"] == url, path
        assert f"<{url}>" in response["Link"] and 'rel="license"' in response["Link"], path
    assert url in client.get("/api/v1/search/autocomplete/?q=Spra")["Link"]


def test_dcat_lists_every_download_of_the_open_data_page_with_the_licence(client, site_tree, settings):
    settings.OPENDATA_LICENCE = "cc-by-4.0"
    page = client.get("/de/offene-daten/").content.decode()
    downloads = set(re.findall(r'<a href="(/opendata/[^"#]+\.(?:csv|json|atom))"', page))
    assert len(downloads) >= 4
    for path in downloads:
        assert LICENCES["cc-by-4.0"]["url"] in client.get(path)["Link"], path
    g = Graph().parse(data=client.get("/opendata/catalog.ttl").content.decode(), format="turtle")
    listed = {}
    for distribution in g.subjects(RDF.type, DCAT.Distribution):
        listed[str(g.value(distribution, DCAT.accessURL))] = distribution
    for path in downloads:
        matches = [d for url, d in listed.items() if url.endswith(path)]
        assert matches, f"{path} is not in the catalogue"
        assert str(g.value(matches[0], DCTERMS.license)) == LICENCES["cc-by-4.0"]["uri"], path
        if not path.endswith(".atom"):  # a feed is accessed, not downloaded
            assert g.value(matches[0], DCAT.downloadURL) is not None, path


# --- the section in tr / ar / uk ----------------------------------------------------------------

@pytest.mark.parametrize("lang,direction", [("tr", "ltr"), ("ar", "rtl"), ("uk", "ltr")])
def test_overview_has_the_visitors_interface_a_demo_intro_and_marked_english_content(client, research, lang,
                                                                                   direction):
    html = client.get(f"/{lang}/stuttgarter-modell/").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    with translation.override(lang):
        in_this_section = gettext("In this section")
        notice = gettext("This page is not yet available in your language. It is shown in %(language)s.")
    with translation.override("en"):
        assert in_this_section != gettext("In this section")  # really translated
    assert in_this_section in html and notice.split("%")[0].strip() in html
    assert re.search(r'<h1 lang="en" dir="ltr">The Stuttgart model</h1>', html)
    intro = re.search(r'<p class="lead"([^>]*)>([^<]*)</p>', html)
    assert unescape(intro.group(2)) == OVERVIEW_INTRO_DEMO[lang] and 'lang="en"' not in intro.group(1)
    body = re.search(r'<div class="prose research-body"([^>]*)>', html).group(1)
    assert 'lang="en"' in body and 'dir="ltr"' in body


def test_demo_intro_is_written_only_over_the_english_demo_text(research):
    overview = research.get_translation(research.get_translations().get(locale__language_code="tr").locale)
    overview.intro = "Von der Redaktion übersetzt."
    overview.save_revision().publish()
    ensure_research_pages()
    overview.refresh_from_db()
    assert overview.intro == "Von der Redaktion übersetzt."
    english = research.get_translations().get(locale__language_code="en").specific
    assert english.intro == OVERVIEW_EN["intro"]


@pytest.mark.parametrize("slug", ["zeitleiste", "ergebnisse", "vergleich"])
def test_subpages_in_arabic_have_an_arabic_interface_and_english_content_marked(client, research, slug):
    html = client.get(f"/ar/stuttgarter-modell/{slug}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    with translation.override("ar"):
        assert gettext("This page is not yet available in your language. It is shown in %(language)s.")[:20] in html
    assert re.search(r'<h1 lang="en" dir="ltr">', html)
