"""The Stuttgart model section: timeline, outcomes dashboard, comparison, citation, PDFs, lessons."""

import io
import json
import re
from collections import Counter

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from programmes.demo import DEMO_FILE
from programmes.models import HomePage, ProgrammePage
from research.charts import HEIGHT, MARGIN_BOTTOM, MARGIN_TOP, bar_chart, nice_max
from research.data import outcome_series, programmes_for, running_per_year, status_by_theme
from research.demo import MILESTONES, ensure_research_pages
from research.models import ComparePage, ModelOverviewPage, OutcomesDashboardPage, TimelinePage
from search.service import SearchQuery, get_search_service
from tests.factories import create

pytestmark = pytest.mark.django_db

BASE = "/de/stuttgarter-modell/"


@pytest.fixture
def research(site_tree):
    return ensure_research_pages()


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
    assert "Welcome Center Stuttgart eröffnet" in year(2014) and "Beta Beratung" in year(2014)
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
    assert len(svgs) == 2  # programmes running per year, and Alpha's indicator
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert "style=" not in svg  # the CSP forbids inline styles
    indicator = svgs[1]
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
    assert "http://localhost/de/programme/a-kurs/" in cite or "/programme/a-kurs/" in cite
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

def test_demo_timeline_and_dashboard_match_the_demo_file(client, site_tree):
    from programmes.demo import load_demo
    from research.demo import ensure_research_pages

    load_demo()
    ensure_research_pages()
    records = json.loads(DEMO_FILE.read_text())["programmes"]
    starts = Counter(r["start_year"] for r in records)
    html = client.get(BASE + "zeitleiste/").content.decode()
    for year in (2001, 2014):
        section = html[html.index(f'id="y{year}"'):html.index(f'id="y{year + 1}"')]
        started = section[section.index('class="started"'):]
        started = started[:started.index("</ul>")]
        assert started.count("<li>") == starts[year], year
    assert len(MILESTONES) == html.count('<ul class="milestones">') + 1  # two milestones share 2001

    programmes = programmes_for(ProgrammePage.objects.first().locale)
    running = dict(running_per_year(programmes))
    expected_2014 = sum(
        1 for r in records
        if r["status"] != "planned" and r["start_year"] <= 2014 and (r["end_year"] is None or r["end_year"] >= 2014)
    )
    assert running[2014] == expected_2014
    multi_year = Counter(
        (r["slug"], o["indicator"]) for r in records for o in r["outcomes"] if o["value"] is not None
    )
    assert sorted((s.programme.slug, s.indicator) for s in outcome_series(programmes, min_points=2)) == sorted(
        key for key, n in multi_year.items() if n > 1
    )
    per_theme = Counter(t for r in records for t in r["themes"])
    assert {t.slug: sum(c.values()) for t, c in status_by_theme(programmes)} == dict(per_theme)
    dashboard = client.get(BASE + "ergebnisse/").content.decode()
    assert dashboard.count('role="img"') == 2 + len([n for n in multi_year.values() if n > 1])


def test_staff_can_add_the_overview_and_edit_milestones_in_the_admin(admin_client, site_tree):
    home = site_tree["de"][0]
    assert ModelOverviewPage.can_create_at(home)
    assert admin_client.get(f"/admin/pages/add/research/modeloverviewpage/{home.pk}/").status_code == 200
    timeline = ensure_research_pages().get_children().type(TimelinePage).first()
    html = admin_client.get(f"/admin/pages/{timeline.pk}/edit/").content.decode()
    assert re.search(r'name="milestones-TOTAL_FORMS"[^>]*value="7"|value="7"[^>]*name="milestones-TOTAL_FORMS"', html)


def test_arabic_programme_pdf_has_joined_right_to_left_labels(client, three):
    """Unshaped, Arabic comes out letter by letter in reversed (visual) order and reads as nonsense."""
    response = client.get("/ar/programme/a-kurs/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    _, text = pdf_text(response.content)
    assert "Alpha Sprachkurs" in text
    with translation.override("ar"):
        label = gettext("Contact")
    assert label != "Contact" and label in text  # read in logical order, so it was shaped
