"""End to end in a real browser (Chromium): what a visitor and an editor actually do.

Runs against a live test server. Accessibility is checked with axe-core (WCAG 2.1 AA)
on the main page types in German, Arabic (right to left), Ukrainian and Turkish.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    axe_violations,
    describe,
    restore_reference_data,
)
from tests.factories import create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    from programmes.sitetree import ensure_site_tree

    restore_reference_data()
    ensure_site_tree()
    create(
        slug="mama-lernt-deutsch", title="Mama lernt Deutsch – Sprachkurse für Mütter",
        summary="Deutschkurse für Mütter an Grundschulen, mit Kinderbetreuung während des Unterrichts.",
        themes=["language"], districts=["ost"], target_groups=["women", "parents"],
        translations={"en": {"title": "Mum learns German", "summary": "German courses for mothers, with childcare."}},
    )
    create(
        slug="gesundheitslotsen", title="Interkulturelle Gesundheitslotsen",
        summary="Ehrenamtliche erklären das Gesundheitssystem in vielen Sprachen.",
        themes=["health"], districts=["west"],
    )
    create(slug="welcome-center-stuttgart", title="Welcome Center Stuttgart",
           summary="Erste Anlaufstelle für Neuzugewanderte.", themes=["welcome"], districts=["mitte"])
    from research.demo import ensure_research_pages

    ensure_research_pages()
    return live_server.url


def test_visitor_on_a_phone_searches_filters_and_reads_the_contact(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/de/")
    page.get_by_label("Was suchen Sie?").fill("deutschkurs mit kinderbetreuung")
    page.keyboard.press("Enter")
    expect(page.locator("h2.result-count")).to_contain_text("Ergebnis")
    first = page.locator("ol.cards li").first
    expect(first).to_contain_text("Mama lernt Deutsch")
    expect(first.locator("mark").first).to_be_visible()
    # on a phone the filters wait behind one "Filter" button above the results
    panel = page.locator("details.filter-panel")
    expect(panel).not_to_have_attribute("open", "")
    assert panel.bounding_box()["y"] < page.locator("ol.cards").bounding_box()["y"]
    # filter by theme, then by district: links that work without JavaScript
    panel.locator("summary").click()
    page.get_by_role("link", name=re.compile("^Sprachförderung")).first.click()
    expect(page).to_have_url(re.compile(r"theme=language"))
    page.locator("details.filter-panel summary").click()
    page.get_by_role("link", name=re.compile("^Ost")).first.click()
    expect(page).to_have_url(re.compile(r"district=ost"))
    expect(page.locator("ol.cards li")).to_have_count(1)
    # the active filters show as chips above the results; one tap removes one
    chips = page.locator(".filter-chips a")
    expect(chips).to_have_count(2)
    chips.filter(has_text="Ost").click()
    expect(page).not_to_have_url(re.compile(r"district=ost"))
    expect(page).to_have_url(re.compile(r"theme=language"))
    # switching language keeps the search and the filter
    page.get_by_role("navigation", name="Sprachen").get_by_role("link", name="العربية").click()
    expect(page).to_have_url(re.compile(r"/ar/suche/\?q=deutschkurs.*theme=language"))
    expect(page.locator(".filter-chips a")).to_have_count(1)
    page.goto(site + "/de/suche/?q=deutschkurs+mit+kinderbetreuung&theme=language&district=ost")
    page.get_by_role("link", name="Mama lernt Deutsch – Sprachkurse für Mütter").click()
    card = page.locator("section.contact-card")
    expect(card.get_by_role("heading", name="Kontakt")).to_be_visible()
    expect(card.get_by_role("link", name="0711 555-0101")).to_have_attribute("href", "tel:+497115550101")
    # nothing wider than the phone's screen
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_catalogue_filters_by_theme_and_district(page, site):
    page.goto(site + "/de/programme/")
    page.get_by_label("Gesundheit", exact=True).check()  # not "Compare: …Gesundheitslotsen"
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page.locator("ul.cards li")).to_have_count(1)
    expect(page.locator("ul.cards li")).to_contain_text("Gesundheitslotsen")


def test_visitor_switches_language(page, site):
    page.goto(site + "/de/programme/mama-lernt-deutsch/")
    page.get_by_role("navigation", name="Sprachen").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mum learns German")
    # a programme without Arabic version: German content, Arabic interface, right to left
    page.goto(site + "/ar/programme/gesundheitslotsen/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("article.programme")).to_have_attribute("lang", "de")
    expect(page.locator(".notice").first).to_be_visible()


def test_keyboard_only(page, site):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/de/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # from the main content, Tab reaches the search box; type and submit with Enter
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-q":
            break
    expect(page.locator("#home-q")).to_be_focused()
    page.keyboard.type("Gesundheitssystem")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/suche/\?q=Gesundheitssystem"))
    for _ in range(60):  # on a wide screen the open filter panel comes first, as it is shown
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == "Interkulturelle Gesundheitslotsen":
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/programme/gesundheitslotsen/"))
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline is not None


def test_editor_changes_an_outcome_and_finds_it_through_public_search(page, site, django_user_model):
    from programmes.models import ProgrammePage

    django_user_model.objects.create_superuser("redaktion", "redaktion@example.org", "sicheres-passwort-1")
    programme = ProgrammePage.objects.get(slug="gesundheitslotsen", locale__language_code="de")
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "redaktion")
    page.fill("#id_password", "sicheres-passwort-1")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"{site}/admin/pages/{programme.pk}/edit/")
    indicator = page.locator("input[name='outcomes-0-indicator']")
    indicator.fill("Begleitete Arztbesuche mit Dolmetschhilfe")
    page.locator("input[name='outcomes-0-value']").fill("740")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    page.goto(site + "/de/suche/?q=Dolmetschhilfe")
    expect(page.locator("ol.cards li").first).to_contain_text("Interkulturelle Gesundheitslotsen")
    page.locator("ol.cards li a").first.click()
    expect(page.locator("table.outcomes")).to_contain_text("Begleitete Arztbesuche mit Dolmetschhilfe")
    expect(page.locator("table.outcomes")).to_contain_text("740")


@pytest.mark.parametrize("lang", ["de", "ar", "uk", "tr"])
def test_no_wcag_aa_violations(page, site, lang):
    paths = [
        f"/{lang}/",
        f"/{lang}/programme/",
        f"/{lang}/suche/?q=Sprachkurs",
        f"/{lang}/suche/?q=Sprachkurs&theme=language&district=ost",  # filter panel and chips
        f"/{lang}/programme/?theme=language",
        f"/{lang}/suche/?q=Quantenphysik",
        f"/{lang}/programme/mama-lernt-deutsch/",
        f"/{lang}/offene-daten/",
        f"/{lang}/stuttgarter-modell/",
        f"/{lang}/stuttgarter-modell/zeitleiste/",
        f"/{lang}/stuttgarter-modell/ergebnisse/?theme=language",
        f"/{lang}/stuttgarter-modell/vergleich/?p=mama-lernt-deutsch&p=gesundheitslotsen",
        f"/{lang}/programme/mama-lernt-deutsch/?feedback=thanks",
        f"/{lang}/programme/gibt-es-nicht/",  # the 404 page
    ]
    problems = {}
    for width in (PHONE, DESKTOP):
        page.set_viewport_size(width)
        for path in paths:
            page.goto(site + path)
            violations = axe_violations(page)
            if violations:
                problems[f"{path} @{width['width']}"] = violations
    assert not problems, describe(problems)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_no_page_scrolls_sideways_on_a_small_phone(page, site, lang):
    """320 and 390 px: long titles, URLs, e-mail addresses and language names must wrap."""
    paths = [
        f"/{lang}/", f"/{lang}/programme/", f"/{lang}/suche/?q=Deutsch&theme=language",
        f"/{lang}/programme/mama-lernt-deutsch/", f"/{lang}/stuttgarter-modell/",
        f"/{lang}/stuttgarter-modell/zeitleiste/", f"/{lang}/offene-daten/",
    ]
    too_wide = {}
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            page.goto(site + path)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                too_wide[f"{path} @{width}"] = scroll
    assert not too_wide, too_wide
    ARTIFACTS.mkdir(exist_ok=True)  # for review by people: phone and desktop, German and Arabic
    for name, path in (("home", f"/{lang}/"), ("search", f"/{lang}/suche/?q=Deutsch&theme=language"),
                       ("programme", f"/{lang}/programme/mama-lernt-deutsch/")):
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.goto(site + path)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{lang}-{label}.png"), full_page=True)
