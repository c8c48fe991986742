"""A newcomer's walk on a phone, in Arabic, Ukrainian and Turkish, never leaving that language.

Home → catalogue → a programme → search (typed in that language) → another programme, by
clicking links as a visitor does. On every page: the address keeps `/<lang>/`, `<html lang dir>`
are right, the switcher offers all languages with the current one marked, every link into the
site keeps the prefix, and no German or English interface string (any msgid or German msgstr of
the UI catalogue, any German or English taxonomy label) shows outside content that declares its
own `lang`, and axe-core finds no WCAG 2.1 AA violation. On the programme page the phone number
and the postcode read left to right.
"""

import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from programmes import demo_translations
from programmes.demo import DEMO_FILE
from programmes.exchange import import_data, load_file
from programmes.models import District, TargetGroup, Theme
from programmes.sitetree import ensure_site_tree
from research.demo import ensure_research_pages
from tests.browser import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    axe_violations,
    describe,
    restore_reference_data,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Demo programmes with their real translations; the walk goes from the first to the second.
WALK = ("welcome-center-stuttgart", "mama-lernt-deutsch", "integrationskurse-volkshochschule",
        "migrationsberatung-erwachsene")
# "German course for mothers", as a newcomer might type it
QUERIES = {"ar": "دورة ألمانية للأمهات", "uk": "курси німецької для мам", "tr": "anneler için Almanca kursu"}
LOCALE_DIR = Path(settings.BASE_DIR) / "kb" / "locale"
URL = re.compile(r"\S+://\S+")
SEPARATORS = re.compile(r"\s*[,;:·•|()–—/]\s*|\s+-\s+")

# Text the page shows in its own language (outside elements with another lang), with the labels
# only assistive technology reads; script, style and the switcher's own names excluded.
OWN_LANGUAGE_TEXT = """() => {
  const lang = document.documentElement.lang, out = [document.title];
  const own = (el) => { const o = el.closest('[lang]'); return !o || o.lang === lang; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script,style,template,noscript') || !own(el)) continue;
    const text = n.textContent.replace(/\\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  for (const el of document.body.querySelectorAll('[aria-label],[placeholder],[title],[alt],[data-label]')) {
    if (!own(el)) continue;
    for (const a of ['aria-label', 'placeholder', 'title', 'alt', 'data-label']) {
      const v = el.getAttribute(a); if (v && v.trim()) out.push(v.trim());
    }
  }
  return out;
}"""


# Words wider than the box they sit in, which the browser then breaks at any letter.
WORDS_TOO_WIDE = """(selector) => {
  const out = [], ctx = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll(selector)) {
    const cs = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    for (const word of el.textContent.trim().split(/\\s+/)) {
      if (ctx.measureText(word).width > room) out.push(word);
    }
  }
  return out;
}"""


@cache
def foreign_ui_strings(code):
    """German and English interface strings that read differently in `code`: exact texts and
    patterns for strings with placeholders (e.g. "Last reviewed on %(date)s")."""
    german = {e.msgid: e.msgstr for e in polib.pofile(LOCALE_DIR / "de/LC_MESSAGES/django.po") if e.msgstr}
    texts, patterns = set(), []
    catalogue = polib.pofile(LOCALE_DIR / f"{code}/LC_MESSAGES/django.po")
    own = {text for e in catalogue for text in (e.msgstr, *e.msgstr_plural.values())}  # "Telefon" is Turkish too
    for entry in catalogue:
        for foreign in {entry.msgid, entry.msgid_plural, german.get(entry.msgid, "")} - {""} - own:
            literal = re.sub(r"%\(\w+\)[sd]|%[sd]", "", foreign)
            if literal != foreign:
                if len(re.findall(r"[^\W\d_]", literal)) >= 6:
                    patterns.append(re.compile(re.sub(r"%\\\(\w+\\\)[sd]|%[sd]", ".+?", re.escape(foreign))))
            elif re.search(r"[^\W\d_]{2}", foreign):
                texts.add(foreign.strip())
    for model in (Theme, TargetGroup, District):
        for item in model.objects.all():
            texts |= {item.label("de"), item.label("en")} - {item.label(code), ""}
    return texts, patterns


def leaked_labels(page, code):
    texts, patterns = foreign_ui_strings(code)
    leaked = set()
    for text in page.evaluate(OWN_LANGUAGE_TEXT):
        text = URL.sub("", text)
        parts = {text, *SEPARATORS.split(text)}
        leaked |= {f"{p!r} in {text!r}" for p in parts if p.strip(" .?!*") in texts or p in texts}
        leaked |= {repr(text) for pattern in patterns if pattern.fullmatch(text)}
    return sorted(leaked)


def check_page(page, code):
    """What must hold on every page of the walk."""
    prefix = f"/{code}/"
    assert page.url.split("://", 1)[1].split("/", 1)[1].startswith(code + "/"), page.url
    html = page.locator("html")
    expect(html).to_have_attribute("lang", code)
    expect(html).to_have_attribute("dir", "rtl" if code in settings.LANGUAGES_BIDI else "ltr")
    switcher = page.locator("nav.languages a")
    expect(switcher).to_have_count(len(settings.LANGUAGES))
    offered = switcher.evaluate_all("els => els.map(a => [a.hreflang, a.getAttribute('aria-current'), a.pathname])")
    assert sorted(lang for lang, _current, _path in offered) == sorted(c for c, _name in settings.LANGUAGES)
    assert [lang for lang, current, _path in offered if current] == [code]
    assert all(path.startswith(f"/{lang}/") for lang, _current, path in offered), offered
    # every link into the public site keeps the prefix, except those that name another language
    links = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
        .filter(a => a.host === location.host && !a.hreflang && !a.closest('nav.languages'))
        .map(a => a.pathname)""")
    elsewhere = [path for path in links if not path.startswith(prefix)
                 and not path.startswith(("/admin/", "/api/", "/opendata/", "/static/", "/media/", "/documents/"))]
    assert elsewhere == [], (page.url, elsewhere)
    assert leaked_labels(page, code) == [], page.url
    # each language runs in its own direction, e.g. an Arabic title that starts with a Latin name
    # (the switcher's one-word names are left out: each sits alone in its list item)
    wrong = page.evaluate("""(rtl) => [...document.body.querySelectorAll(':not(nav.languages a)[lang]')]
        .filter(el => getComputedStyle(el).direction !== (rtl.includes(el.lang) ? 'rtl' : 'ltr'))
        .map(el => el.outerHTML.slice(0, 80))""", settings.LANGUAGES_BIDI)
    assert wrong == [], (page.url, wrong)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], page.url
    violations = axe_violations(page)  # WCAG 2.1 AA, here with the demo's own translations
    assert not violations, describe(violations)


def reading_order(page, container, first, second):
    """Whether `first` is drawn left of `second` inside `container` (both substrings of its text)."""
    return page.evaluate("""([el, a, b]) => {
        const node = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
        const box = (s) => { const r = document.createRange(), i = node.textContent.indexOf(s);
                             r.setStart(node, i); r.setEnd(node, i + s.length); return r.getBoundingClientRect(); };
        const A = box(a), B = box(b);
        return Math.abs(A.top - B.top) < 2 ? A.left < B.left : null;
    }""", [container.element_handle(), first, second])


@pytest.fixture
def site(live_server):
    restore_reference_data()
    ensure_site_tree()
    data = demo_data()
    import_data({**data, "programmes": [{**r, "related": [s for s in r["related"] if s in WALK]}
                                        for r in data["programmes"] if r["slug"] in WALK]}, bulk=False)
    ensure_research_pages()
    return live_server.url


def ui(code, text):
    with translation.override(code):
        return translation.gettext(text)


@cache
def demo_data():
    return demo_translations.with_translations(load_file(DEMO_FILE), demo_translations.load_files())


def title(code, slug):
    return next(r for r in demo_data()["programmes"] if r["slug"] == slug)["translations"][code]["title"]


@pytest.mark.parametrize("code", ["ar", "uk", "tr"])
def test_newcomer_walks_home_catalogue_programme_search_programme_in_own_language(page, site, code):
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/{code}/")
    check_page(page, code)

    page.get_by_role("navigation", name=ui(code, "Main navigation")).get_by_role(
        "link", name=ui(code, "Programmes"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{code}/programme/$"))
    check_page(page, code)

    page.get_by_role("link", name=title(code, WALK[0]), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{code}/programme/{WALK[0]}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title(code, WALK[0]))
    check_page(page, code)
    # phone number and postcode isolated left to right, also inside a right-to-left page
    card = page.locator("section.contact-card")
    phone = card.locator("bdi", has_text="0711 555-1234")
    postcode = card.locator("bdi.postcode-city").first
    for element in (phone, postcode):
        expect(element).to_have_attribute("dir", "ltr")
        assert element.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert reading_order(page, phone, "0711", "555-1234") is True
    assert reading_order(page, postcode, "70173", "Stuttgart") is True

    page.locator("#header-q").fill(QUERIES[code])
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{code}/suche/\?q="))
    check_page(page, code)
    hit = page.locator("ol.cards li h3 a").filter(has_text=title(code, WALK[1]))
    expect(hit).to_have_count(1)
    hit.click()
    expect(page).to_have_url(re.compile(rf"/{code}/programme/{WALK[1]}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title(code, WALK[1]))
    check_page(page, code)


@pytest.mark.parametrize("code", ["ar", "uk", "de"])
def test_walk_pages_fit_phone_and_desktop_without_breaking_words(page, site, code):
    """No sideways scrolling, no word cut at any letter; screenshots for people (test-artifacts/walk-*)."""
    ARTIFACTS.mkdir(exist_ok=True)
    paths = {"home": f"/{code}/", "catalogue": f"/{code}/programme/",
             "programme": f"/{code}/programme/{WALK[0]}/", "search": f"/{code}/suche/?q={QUERIES.get(code, 'Deutschkurs Mütter')}"}
    for name, path in paths.items():
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.goto(site + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], (path, label)
            assert page.evaluate(WORDS_TOO_WIDE, ".situations a, .cards h3, h1") == [], (path, label)
            page.screenshot(path=str(ARTIFACTS / f"walk-{name}-{code}-{label}.png"), full_page=True)


def test_the_label_check_sees_german_and_english_interface_strings(page, site):
    """The check above is not blind: German and English pages are full of what it looks for."""
    for code, expected in (("de", "Kontakt"), ("en", "Contact")):
        page.goto(f"{site}/{code}/programme/{WALK[0]}/")
        leaked = leaked_labels(page, "ar")
        assert any(f"{expected!r} in" in item for item in leaked), leaked
        assert any("Zuwanderung" in item or "Newcomers" in item or "Neu" in item for item in leaked), leaked
