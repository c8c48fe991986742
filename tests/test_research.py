"""The Stuttgart model section: timeline, outcomes dashboard, comparison, citation, PDFs, lessons."""

import io
import json
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from programmes.demo import DEMO_FILE
from programmes.models import HomePage, ProgrammePage
from research.charts import HEIGHT, MARGIN_BOTTOM, MARGIN_TOP, bar_chart, nice_max
from research.data import outcome_series, programmes_for, running_per_year, status_by_theme
from research.lessons import FIELDS
from research.models import ComparePage, ModelOverviewPage, OutcomesDashboardPage, TimelinePage
from search.service import SearchQuery, get_search_service
from tests.factories import create

pytestmark = pytest.mark.django_db

BASE = "/de/stuttgarter-modell/"


@pytest.fixture
def three(research):
    """Three programmes with known years, themes and outcomes."""
    a = create(slug="a-kurs", title="Alpha Sprachkurs", start_year=2003, end_year=2010, status="completed",
               themes=["language"], partners=["Volkshochschule Stuttgart"], funding="Land Baden-Württemberg",
               outcomes=[
                   {"indicator": "Teilnehmende", "value": 100, "unit": "Personen", "year": 2005,
                    "source": "Jahresbericht 2005", "note": None},
                   {"indicator": "Teilnehmende", "value": 250, "unit": "Personen", "year": 2008,
                    "source": "Jahresbericht 2008", "note": "Beispieldaten"},
               ])
    b = create(slug="b-beratung", title="Beta Beratung", start_year=2014, themes=["welcome"], outcomes=[])
    c = create(slug="c-plan", title="Gamma Planung", start_year=2030, status="planned", themes=["welcome"],
               outcomes=[], contacts=[])
    return a, b, c


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader.metadata.title, "\n".join(page.extract_text() for page in reader.pages)


# --- the section in the page tree -------------------------------------------------------------

def test_pages_are_registered_for_staff(research):
    home = HomePage.objects.get(locale__language_code="de")
    assert ModelOverviewPage.can_create_at(home) is False  # one per home page, and the demo made it
    assert "research.ModelOverviewPage" in HomePage.subpage_types
    assert {m.__name__ for m in ModelOverviewPage.allowed_subpage_models()} == {
        "TimelinePage", "OutcomesDashboardPage", "ComparePage",
    }
    for model in (TimelinePage, OutcomesDashboardPage, ComparePage):
        assert model.objects.filter(locale__language_code="ar").live().exists()


def test_overview_live_blocks_count_the_catalogue(client, three):
    html = client.get(BASE).content.decode()
    assert "<h1>Das Stuttgarter Modell</h1>" in html and "Gemeinderat" in html
    assert re.search(r'href="/de/programme/\?status=active">1<', html)
    assert re.search(r'href="/de/programme/\?status=completed">1<', html)
    assert re.search(r'href="/de/programme/\?status=planned">1<', html)
    assert "?theme=welcome" in html and "Gamma Planung" in html  # newest block
    for slug in ("zeitleiste", "ergebnisse", "vergleich"):
        assert f'href="{BASE}{slug}/"' in html


# --- timeline --------------------------------------------------------------------------------

def test_timeline_lists_programmes_by_start_and_end_year_with_milestones(client, three):
    html = client.get("/en" + BASE[3:] + "zeitleiste/").content.decode()
    year = lambda y: html[html.index(f'id="y{y}"'):html.index(f'id="y{y + 1}"')]  # noqa: E731
    assert "Alpha Sprachkurs" in year(2003) and ">Started<" in year(2003)
    assert "Alpha Sprachkurs" in year(2010) and ">Ended<" in year(2010)
    assert "Welcome Center Stuttgart opens" in year(2014) and "Beta Beratung" in year(2014)
    assert "1 programme running" in year(2008)  # Alpha only; Beta starts 2014
    assert "UNESCO" in year(2004) and "sample" in year(2004)  # unverified milestone is marked
    assert 'id="y2030"' in html and "(planned)" in html[html.index('id="y2030"'):]


def test_timeline_filters_by_theme_without_javascript(client, three):
    html = client.get(BASE + "zeitleiste/?theme=welcome").content.decode()
    assert "Beta Beratung" in html and "Alpha Sprachkurs" not in html
    assert '<select id="theme-filter" name="theme">' in html and '<option value="welcome" selected>' in html
    assert "<script" not in html


# --- dashboard -------------------------------------------------------------------------------

def test_series_and_running_counts(three):
    programmes = programmes_for(three[0].locale)
    running = dict(running_per_year(programmes))
    assert running[2002] == 0 and running[2003] == 1 and running[2010] == 1 and running[2011] == 0
    assert running[2014] == 1  # Beta; Gamma is only planned
    series = outcome_series(programmes)
    assert [(s.programme.slug, s.indicator, [(o.year, o.value) for o in s.points]) for s in series] == [
        ("a-kurs", "Teilnehmende", [(2005, 100.0), (2008, 250.0)]),
    ]
    assert series[0].has_sample and series[0].sources == ["Jahresbericht 2005", "Jahresbericht 2008"]
    counts = {theme.slug: c for theme, c in status_by_theme(programmes)}
    assert counts["welcome"] == {"active": 1, "planned": 1} and counts["language"] == {"completed": 1}


def test_dashboard_draws_accessible_svg_with_table_source_and_sample_marks(client, three):
    html = client.get("/en" + BASE[3:] + "ergebnisse/?theme=language").content.decode()
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 2  # Alpha's indicator first, then programmes running per year
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert "style=" not in svg  # the CSP forbids inline styles
    indicator = svgs[0]
    assert "Teilnehmende (Personen)" in indicator and indicator.count("<rect x=") == 2
    assert "url(#" in indicator and ">*<" in indicator  # the sample bar is hatched and starred
    figure = html[html.index(indicator):]
    table = figure[figure.index("<table>"):figure.index("</table>")]
    assert re.search(r"<th scope=\"row\">2005</th><td class=\"num\">100</td><td>Jahresbericht 2005</td>", table)
    assert re.search(r"2008</th><td class=\"num\">250 <span class=\"badge\">sample</span></td><td>Jahresbericht 2008", table)
    assert "2 figures from 2005 to 2008" in figure  # text description
    assert "Source: Jahresbericht 2005 (2005); Jahresbericht 2008 (2008)" in figure  # source and year per figure
    assert "<script" not in html


def test_bar_chart_scales_to_a_round_maximum_and_describes_itself():
    with translation.override("en"):  # the description is written in the active language
        chart = bar_chart("Test", [(2020, 40, "Quelle", False), (2021, 80, "", True)], unit="Personen")
    assert nice_max(80) == 100 and nice_max(0) == 1 and nice_max(1200) == 2000
    plot = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    assert [b.height for b in chart.bars] == [round(plot * 0.4, 1), round(plot * 0.8, 1)]
    assert chart.has_sample and chart.rows[1] == ("2021", "80", "", True)
    assert "highest 80 Personen in 2021" in chart.description


# --- comparison ------------------------------------------------------------------------------

def test_compare_two_programmes_side_by_side(client, three):
    response = client.get(BASE + "vergleich/?p=a-kurs&p=b-beratung")
    html = response.content.decode()
    assert response.status_code == 200
    table = html[html.index('<table class="compare">'):html.index("</table>")]
    assert table.index("Alpha Sprachkurs") < table.index("Beta Beratung")  # in the order chosen
    assert "Volkshochschule Stuttgart" in table and "Land Baden-Württemberg" in table
    assert "2003–2010" in table and "Teilnehmende: 100 Personen (2005, Jahresbericht 2005)" in table
    assert "sprachcafe@example.org" in table
    assert 'href="/de/stuttgarter-modell/vergleich/pdf/?p=a-kurs&amp;p=b-beratung"' in html


@pytest.mark.parametrize("query, message", [
    ("?p=a-kurs", "Please choose at least two programmes"),
    ("?p=a-kurs&p=a-kurs", "Please choose at least two programmes"),
    ("?p=a-kurs&p=b-beratung&p=c-plan&p=x1&p=x2", "Please choose at most four programmes"),
    ("?p=a-kurs&p=gibt-es-nicht", "Unknown programme(s): gibt-es-nicht"),
    ("?p=a-kurs&p=<script>", "Unknown programme(s): &lt;script&gt;"),
])
def test_compare_explains_a_bad_selection(client, three, query, message):
    response = client.get("/en" + BASE[3:] + "vergleich/" + query)
    assert response.status_code == 400
    assert message in response.content.decode() and 'role="alert"' in response.content.decode()


def test_compare_is_reached_from_the_catalogue_with_checkboxes(client, three):
    html = client.get("/de/programme/?status=active&status=completed").content.decode()
    form = html[html.index('<form class="compare-form"'):]
    assert 'action="/de/stuttgarter-modell/vergleich/"' in form and 'method="get"' in form
    assert '<input type="checkbox" id="cmp-a-kurs" name="p" value="a-kurs">' in form
    assert client.get(BASE + "vergleich/").status_code == 200  # the picker alone


# --- citation and PDFs -----------------------------------------------------------------------

def test_programme_page_has_citation_with_permalink_and_review_date(client, three):
    page = three[0]
    page.last_reviewed = "2026-10-01"
    page.save_revision().publish()
    html = client.get("/en/programme/a-kurs/").content.decode()
    cite = html[html.index('id="cite-heading"'):]
    assert "Landeshauptstadt Stuttgart; Forum der Kulturen Stuttgart e.V. (2026): Alpha Sprachkurs" in cite
    assert "/en/programme/a-kurs/" in cite
    assert '<time datetime="2026-10-01">' in cite
    assert 'href="/en/programme/a-kurs/pdf/"' in html


def test_programme_pdf_is_a_valid_pdf_with_title_and_umlauts(client, three):
    response = client.get("/de/programme/a-kurs/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")
    title, text = pdf_text(response.content)
    assert title == "Alpha Sprachkurs"
    assert "Alpha Sprachkurs" in text and "Land Baden-Württemberg" in text and "Jahresbericht 2008" in text
    assert client.get("/de/programme/gibt-es-nicht/pdf/").status_code == 404


def test_comparison_pdf_contains_both_titles(client, three):
    response = client.get(BASE + "vergleich/pdf/?p=a-kurs&p=b-beratung")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    title, text = pdf_text(response.content)
    assert title == "Programme vergleichen"
    assert "Alpha Sprachkurs" in text and "Beta Beratung" in text
    assert client.get(BASE + "vergleich/pdf/?p=a-kurs").status_code == 400


# --- lessons and transfer --------------------------------------------------------------------

def test_lessons_are_shown_searchable_and_filterable(client, three):
    page = three[1]
    page.lessons_worked = "Zentrale Lage am Charlottenplatz"
    page.evaluation_reports = ["Evaluationsbericht Willkommenskultur 2019"]
    page.save_revision().publish()
    html = client.get("/de/programme/b-beratung/").content.decode()
    assert 'id="lessons-heading"' in html and "Zentrale Lage am Charlottenplatz" in html
    hits = get_search_service().search(SearchQuery(text="Charlottenplatz", lang="de")).hits
    assert [h.slug for h in hits] == ["b-beratung"]
    listed = client.get("/de/programme/?evaluation=1").content.decode()
    assert "Beta Beratung" in listed and "Alpha Sprachkurs" not in listed
    assert 'id="f-evaluation" name="evaluation" value="1" checked' in listed


def test_elasticsearch_mapping_has_every_weighted_field_including_lessons():
    from search.documents import FIELD_WEIGHTS
    from search.es_mapping import index_body

    props = index_body("kb-test")["mappings"]["properties"]
    assert "lessons" in FIELD_WEIGHTS
    for name in FIELD_WEIGHTS:
        assert props[name]["analyzer"] == "kb_de", name


# --- the demo content ------------------------------------------------------------------------

def test_arabic_programme_pdf_has_joined_right_to_left_labels(client, three):
    """Unshaped, Arabic comes out letter by letter in reversed (visual) order and reads as nonsense."""
    response = client.get("/ar/programme/a-kurs/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    _, text = pdf_text(response.content)
    assert "Alpha Sprachkurs" in text
    with translation.override("ar"):
        label = gettext("Contact")
    assert label != "Contact" and label in text  # read in logical order, so it was shaped


# --- issue 24: findable, in every language, outcomes, lessons, citation, licence, PDF ------------

LANGS = ("de", "en", "tr", "ar", "uk")
GERMAN_LABELS = ["Das Stuttgarter Modell", "Programme vergleichen", "Zeitleiste 2001", "Neu im Katalog",
                 "Programme im Katalog", "Programme nach Themen", "Übertragbarkeit", "Ergebnisse</h1>"]


@pytest.mark.parametrize("lang", LANGS)
def test_model_overview_is_one_tap_from_every_home_page_nav_and_footer(client, research, lang):
    html = client.get(f"/{lang}/").content.decode()
    link = f'href="/{lang}/stuttgarter-modell/"'
    nav = html[html.index('aria-label="' if False else "<nav"):html.index("</nav>")]
    footer = html[html.index('<footer'):]
    main = html[html.index('<main'):html.index('</main>')]
    assert link in nav and link in footer and link in main
    with translation.override(lang):
        label = gettext("Stuttgart model")
    assert label in nav
    if lang != "en":
        assert label != "Stuttgart model"


def test_concept_programme_links_to_the_model_overview(client, research):
    create(slug="buendnis-fuer-integration-2001", title="Stuttgarter Bündnis für Integration")
    html = client.get("/en/programme/buendnis-fuer-integration-2001/").content.decode()
    main = html[html.index("<main"):]
    assert 'class="notice model-link"><a href="/en/stuttgarter-modell/"' in main


@pytest.mark.parametrize("slug", ["", "zeitleiste/", "ergebnisse/", "vergleich/?p=a-kurs&p=b-beratung"])
def test_english_section_reads_english(client, three, slug):
    html = client.get(f"/en/stuttgarter-modell/{slug}").content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    for german in GERMAN_LABELS:
        assert german not in main, german
    assert "not yet available in your language" not in main
    assert {"": "The Stuttgart model", "zeitleiste/": "Timeline from 2001 to today", "ergebnisse/": "Outcomes",
            "vergleich/?p=a-kurs&p=b-beratung": "Compare programmes"}[slug] in main


@pytest.mark.parametrize("lang", ["tr", "ar", "uk"])
def test_other_languages_fall_back_to_english_with_the_notice(client, research, lang):
    html = client.get(f"/{lang}/stuttgarter-modell/ergebnisse/").content.decode()
    with translation.override(lang):
        notice = gettext("This page is not yet available in your language. It is shown in %(language)s.")
        heading = gettext("Outcome indicators over time")
    assert notice.split("%")[0].strip() in html
    assert '<h1 lang="en" dir="ltr">Outcomes</h1>' in html
    assert heading in html and heading != "Outcome indicators over time"


def test_dashboard_leads_with_indicator_series_by_theme_then_the_counts(client, three):
    create(slug="d-beratung", title="Delta Beratung", themes=["welcome"], outcomes=[
        {"indicator": "Beratene Personen", "value": v, "unit": "Personen", "year": y,
         "source": f"Jahresbericht {y}", "note": None}
        for y, v in [(2020, 1200), (2021, 1350), (2022, 1500), (2023, 1475)]
    ])
    html = client.get("/en/stuttgarter-modell/ergebnisse/").content.decode()
    indicators = html.index('id="indicators-heading"')
    assert indicators < html.index('id="overview-heading"')  # running counts below the outcomes
    from programmes.models import Theme

    theme_heading = html.index(f">{Theme.objects.get(slug='welcome').label('en')}<", indicators)
    assert theme_heading < html.index("Delta Beratung", indicators)
    assert "1,500" in html  # numbers in the English format
    assert "Source: Jahresbericht 2020 (2020); Jahresbericht 2021 (2021)" in html
    de = client.get(BASE + "ergebnisse/").content.decode()
    assert "1.500" in de


def test_indicator_charts_are_readable_on_a_phone():
    chart = bar_chart("Teilnehmende", [(y, 100 * y, "Quelle", False) for y in range(2018, 2024)])
    phone_content_width = 390 - 2 * 16
    scale = phone_content_width / chart.width
    assert not chart.wide and 13 * scale >= 12  # labels are drawn at font-size 13
    wide = bar_chart("Laufend", [(y, 1, "", False) for y in range(2001, 2027)])
    assert wide.wide  # drawn at its own size, scrolled sideways, never shrunk


def test_demo_file_has_four_year_series_for_five_programmes_each_sourced_and_honestly_marked():
    records = json.loads(DEMO_FILE.read_text())["programmes"]
    years = {}
    for r in records:
        for o in r["outcomes"]:
            if o["value"] is not None:
                years.setdefault((r["slug"], o["indicator"]), []).append(o)
    long = {key: points for key, points in years.items() if len({o["year"] for o in points}) >= 4}
    assert len({slug for slug, _ in long}) >= 5
    for points in long.values():
        for o in points:
            assert o["source"]
            if "(Beispiel)" in o["source"]:  # no published report behind it: marked as sample data
                assert (o["note"] or "").startswith("Beispieldaten")


def test_lessons_show_not_documented_on_page_and_in_comparison(client, three):
    html = client.get("/en/programme/b-beratung/").content.decode()
    lessons = html[html.index('id="lessons-heading"'):]
    lessons = lessons[:lessons.index("</section>")]
    assert lessons.count("not documented") == len(FIELDS) + 1  # every lessons field and the reports
    page = three[1]
    page.lessons_transferability = "Braucht eine zentrale Anlaufstelle."
    page.save_revision().publish()
    compare = client.get("/en/stuttgarter-modell/vergleich/?p=a-kurs&p=b-beratung").content.decode()
    row = compare[compare.index("Transferability to other cities"):]
    row = row[:row.index("</tr>")]
    assert "not documented" in row and "Braucht eine zentrale Anlaufstelle." in row and "–" not in row


def test_newest_is_by_first_publication_not_title(research):
    import datetime

    from research.data import newest

    old = create(slug="aaa-alt", title="AAA alt")
    new = create(slug="zzz-neu", title="ZZZ neu")
    ProgrammePage.objects.filter(pk=old.pk).update(first_published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    ProgrammePage.objects.filter(pk=new.pk).update(first_published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    listed = [p.slug for p in newest(programmes_for(old.locale), 2)]
    assert listed == ["zzz-neu", "aaa-alt"]


def test_citation_uses_configured_base_url_author_once_and_first_publication_year(client, research, settings):
    import datetime

    import bibtexparser
    import rispy

    settings.WAGTAILADMIN_BASE_URL = "https://wissen.stuttgart.example"
    page = create(slug="city-own", title="Städtisches Programm",
                  organisation="Landeshauptstadt Stuttgart, Abteilung Integrationspolitik")
    ProgrammePage.objects.filter(translation_key=page.translation_key).update(
        first_published_at=datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC))
    html = client.get("/en/programme/city-own/").content.decode()
    cite = html[html.index('id="cite-heading"'):]
    assert "Landeshauptstadt Stuttgart, Abteilung Integrationspolitik (2019): Städtisches Programm" in cite
    assert "Landeshauptstadt Stuttgart; Landeshauptstadt" not in cite
    assert "https://wissen.stuttgart.example/de/programme/city-own/" in cite and "localhost" not in cite
    bib = client.get("/en/programme/city-own/cite.bib")
    assert bib["Content-Disposition"].endswith('.bib"')
    library = bibtexparser.parse_string(bib.content.decode())
    assert not library.failed_blocks, bib.content.decode()
    entry = library.entries[0]
    assert entry["year"] == "2019" and entry["url"] == "https://wissen.stuttgart.example/de/programme/city-own/"
    assert entry["title"] == "Städtisches Programm"
    ris = rispy.loads(client.get("/en/programme/city-own/cite.ris").content.decode())[0]
    assert ris["type_of_reference"] == "ELEC" and ris["year"] == "2019"
    assert ris["authors"] == ["Landeshauptstadt Stuttgart, Abteilung Integrationspolitik"]
    assert ris["urls"] == ["https://wissen.stuttgart.example/de/programme/city-own/"]


def test_citation_dates_use_one_format_per_language(client, three):
    page = three[0]
    page.last_reviewed = "2026-10-01"
    page.save_revision().publish()
    en = client.get("/en/programme/a-kurs/").content.decode()
    de = client.get("/de/programme/a-kurs/").content.decode()
    en_cite, de_cite = en[en.index('id="cite-heading"'):], de[de.index('id="cite-heading"'):]
    assert "last reviewed Oct. 1, 2026" in en_cite and ">Oct. 1, 2026</time>" in en_cite
    assert "1. Oktober 2026" in de_cite and ">1. Oktober 2026</time>" in de_cite


# --- open data licence and DCAT-AP.de catalogue -----------------------------------------------

def test_licence_is_stated_on_the_page_in_headers_feed_and_api(client, three, settings, no_page_cache):
    from opendata.licence import LICENCES

    dl = LICENCES["dl-de-by-2.0"]
    page = client.get("/de/offene-daten/").content.decode()
    assert dl["name"] in page and f'href="{dl["url"]}"' in page and 'rel="license"' in page
    for url in ("/opendata/programme.csv", "/opendata/ergebnisse.csv", "/opendata/programme.json",
                "/opendata/programme.atom"):
        assert dl["url"] in client.get(url)["Link"], url
    feed = client.get("/opendata/programme.atom").content.decode()
    assert f'<link href="{dl["url"]}" rel="license"' in feed and "<rights>Datenlizenz Deutschland" in feed
    assert client.get("/api/hsds/").json()["license"]["url"] == dl["url"]
    settings.OPENDATA_LICENCE = "cc-by-4.0"
    assert "CC BY 4.0" in client.get("/de/offene-daten/").content.decode()
    assert "creativecommons.org/licenses/by/4.0" in client.get("/opendata/programme.csv")["Link"]


def test_unknown_licence_setting_names_the_problem(settings):
    from opendata.licence import licence

    settings.OPENDATA_LICENCE = "cc-by-sa"
    with pytest.raises(ValueError, match="OPENDATA_LICENCE: unknown licence 'cc-by-sa'"):
        licence()


def test_dcat_catalogue_meets_dcat_ap_de_required_properties(client, three):
    from rdflib import Graph, Namespace
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

    dcatde = Namespace("http://dcat-ap.de/def/dcatde/")
    turtle = client.get("/opendata/catalog.ttl")
    assert turtle["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=turtle.content.decode(), format="turtle")
    jsonld = Graph().parse(data=client.get("/opendata/catalog.jsonld").content.decode(), format="json-ld")
    assert len(jsonld) == len(g)
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    catalog = catalogs[0]
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset):
        assert g.value(catalog, prop) is not None, prop
    datasets = list(g.objects(catalog, DCAT.dataset))
    assert len(datasets) == 3  # programmes, outcomes, the 2021 review
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in g
        for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, dcatde.contributorID, DCAT.distribution):
            assert g.value(dataset, prop) is not None, (dataset, prop)
        assert g.value(g.value(dataset, DCTERMS.publisher), FOAF.name) is not None
    distributions = list(g.subjects(RDF.type, DCAT.Distribution))
    access = {str(g.value(d, DCAT.accessURL)) for d in distributions}
    for path in ("/opendata/programme.csv", "/opendata/ergebnisse.csv", "/opendata/programme.json",
                 "/opendata/programme.atom"):
        assert any(url.endswith(path) for url in access), path
    for d in distributions:
        assert str(g.value(d, DCTERMS.license)) == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        assert g.value(d, DCTERMS["format"]) is not None and g.value(d, dcatde.licenseAttributionByText)
        assert any(d in g.objects(ds, DCAT.distribution) for ds in datasets)


# --- PDF ---------------------------------------------------------------------------------------

def test_programme_pdf_has_address_hours_page_numbers_sources_and_no_justification(client, three):
    response = client.get("/en/programme/a-kurs/pdf/")
    _title, text = pdf_text(response.content)
    assert "Marktplatz 1, 70173 Stuttgart" in text and "Di 17–19 Uhr" in text
    assert "Page 1 of" in text
    assert "[1] Jahresbericht 2005" in text and "[2] Jahresbericht 2008" in text
    assert "not documented" in text
    reader = PdfReader(io.BytesIO(response.content))
    for page in reader.pages:
        stream = page.get_contents().get_data()
        assert b" Tw" not in stream  # word spacing is how justified text is stretched
