"""In a real browser (Chromium): a researcher reaches the Stuttgart model from every home page in
one tap, the English section reads English, and chart labels stay readable on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import PHONE, restore_reference_data
from tests.factories import create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GERMAN_LABELS = ["Das Stuttgarter Modell", "Programme vergleichen", "Zeitleiste", "Neu im Katalog",
                 "Programme im Katalog", "Programme nach Themen", "Übertragbarkeit", "Thema", "Anzeigen",
                 "Datentabelle", "Quelle:"]


@pytest.fixture
def site(live_server):
    from programmes.sitetree import ensure_site_tree
    from research.demo import ensure_research_pages

    restore_reference_data()
    ensure_site_tree()
    create(slug="mama-lernt-deutsch", title="Mama lernt Deutsch", themes=["language"], outcomes=[
        {"indicator": "Teilnehmerinnen", "value": v, "unit": "Personen", "year": y,
         "source": "Jahresbericht (Beispiel)", "note": "Beispieldaten"}
        for y, v in [(2020, 300), (2021, 340), (2022, 410), (2023, 455)]
    ])
    create(slug="welcome-center-stuttgart", title="Welcome Center Stuttgart", themes=["welcome"])
    ensure_research_pages()
    return live_server.url


@pytest.mark.parametrize("lang", ["de", "en", "tr", "ar", "uk"])
def test_model_overview_is_one_tap_from_each_home_page(page, site, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/{lang}/")
    page.locator("header nav a[href$='/stuttgarter-modell/']").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/stuttgarter-modell/$"))
    expect(page.locator("h1")).to_be_visible()


def visible_text_outside_german(page):
    """The page's text without elements marked lang="de" (German content, such as indicator names)."""
    return page.evaluate("""() => {
        const main = document.querySelector('main').cloneNode(true);
        main.querySelectorAll('[lang="de"]').forEach(e => e.remove());
        return main.innerText;
    }""")


def test_english_section_reads_english_and_charts_are_readable_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/en/")
    page.locator("header nav").get_by_role("link", name="Stuttgart model").click()
    expect(page.locator("h1")).to_have_text("The Stuttgart model")
    for name in ("Timeline from 2001 to today", "Outcomes", "Compare programmes"):
        page.goto(site + "/en/stuttgarter-modell/")
        page.locator("main").get_by_role("link", name=re.compile("^" + name)).first.click()
        expect(page.locator("h1")).to_have_text(name)
        text = visible_text_outside_german(page)
        for german in GERMAN_LABELS:
            assert german not in text, (name, german)
    page.goto(site + "/en/stuttgarter-modell/ergebnisse/")
    # rendered label size: the font size times the SVG's scale on screen
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('figure.chart svg')].flatMap(
        svg => [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * svg.getScreenCTM().a)))""")
    assert smallest >= 12
