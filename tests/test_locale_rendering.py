"""Labels, language names, numbers, dates and contact details go through the visitor's locale.

Renders pages in Arabic, Ukrainian and Turkish and fails when a German taxonomy label, a
German or English language name or a German-formatted number appears outside an element
that declares its own language, and checks right-to-left isolation of contact details.
Dates and times for people are written in the language's own format (Django's DATE_FORMAT,
TIME_FORMAT); a template or a rendering module that fixes a format by hand fails here.
"""

import datetime
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language_info

from programmes.models import District, ProgrammePage, TargetGroup, Theme
from tests.factories import create

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class OwnLanguageText(HTMLParser):
    """Collects the text a reader sees in the page's own language (outside other lang= elements)."""

    def __init__(self):
        super().__init__()
        self.stack, self.page_lang, self.text = [], None, []

    def handle_starttag(self, tag, attrs):
        lang = dict(attrs).get("lang")
        if tag == "html":
            self.page_lang = lang
        if tag in VOID:
            return
        inherited = self.stack[-1] if self.stack else self.page_lang
        hidden = tag in ("script", "style") or inherited == "-"  # machine-read data, not shown
        self.stack.append("-" if hidden else lang or inherited)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if tag_lang := (self.stack[-1] if self.stack else self.page_lang):
            if tag_lang == self.page_lang and tag_lang is not None:
                self.text.append(data)


def own_language_text(html):
    parser = OwnLanguageText()
    parser.feed(html)
    return " ".join(parser.text)


@pytest.fixture
def programme_with_contact(site_tree):
    return create(slug="welcome-center-stuttgart", title="Welcome Center Stuttgart",
                  themes=["language"], target_groups=["newcomers"])


def german_labels(code):
    """German labels that differ in `code` (district names are the same in every language)."""
    items = [item for model in (Theme, TargetGroup, District) for item in model.objects.all()]
    return {item.label("de") for item in items if item.label(code) != item.label("de")} - {""}


@pytest.mark.parametrize("code", ["ar", "uk", "tr"])
def test_no_german_taxonomy_label_outside_german_content(client, programme_with_contact, code):
    labels = german_labels(code)
    assert "Sprachförderung" in labels  # the check below looks for something real
    for path in (f"/{code}/", f"/{code}/programme/", f"/{code}/programme/welcome-center-stuttgart/"):
        text = own_language_text(client.get(path).content.decode())
        leaked = sorted(label for label in labels if label in text)
        assert leaked == [], (path, leaked)


@pytest.mark.parametrize(("code", "expected", "foreign"), [
    ("uk", "арабська", "Arabisch"), ("tr", "Arapça", "Arabic"), ("ar", "العربية", "Arabic")])
def test_languages_spoken_are_named_in_the_visitors_language(client, programme_with_contact, code, expected, foreign):
    text = own_language_text(client.get(f"/{code}/programme/welcome-center-stuttgart/").content.decode())
    assert expected.lower() in text.lower() and foreign not in text


def test_lists_of_language_names_use_the_languages_own_separator(client, programme_with_contact):
    arabic = client.get("/ar/programme/welcome-center-stuttgart/").content.decode()
    english = client.get("/en/programme/welcome-center-stuttgart/").content.decode()
    assert re.search(r"\w، \w", arabic) and not re.search(r"[\u0600-\u06ff], [\u0600-\u06ff]", arabic)
    assert re.search(r"[A-Z]\w+, [A-Z]\w+", english)


def test_numbers_follow_the_locale(client, programme_with_contact):
    programme_with_contact.outcomes.update(value=37.5)
    english = client.get("/en/programme/welcome-center-stuttgart/").content.decode()
    german = client.get("/de/programme/welcome-center-stuttgart/").content.decode()
    assert "37.50" in english and "37,50" not in english
    assert "37,50" in german


def test_phone_postcode_and_email_are_isolated_in_right_to_left_pages(client, programme_with_contact):
    html = client.get("/ar/programme/welcome-center-stuttgart/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<bdi dir="ltr">0711 555-0101</bdi>' in html
    assert '<bdi class="postcode-city" dir="ltr">70173 Stuttgart</bdi>' in html  # postcode before city
    assert '<bdi dir="ltr">sprachcafe@example.org</bdi>' in html


def test_fees_follow_the_locale(client, programme_with_contact):
    ProgrammePage.objects.filter(slug="welcome-center-stuttgart").update(cost="fee", cost_amount=Decimal("12.50"))
    assert "12.50 €" in client.get("/en/programme/welcome-center-stuttgart/").content.decode()
    assert "12,50 €" in client.get("/de/programme/welcome-center-stuttgart/").content.decode()


@pytest.mark.parametrize("code", ["de", "en", "tr", "ar", "uk"])
def test_dates_are_written_in_the_languages_one_format(client, programme_with_contact, code):
    reviewed = datetime.date(2026, 11, 1)
    ProgrammePage.objects.filter(slug="welcome-center-stuttgart").update(last_reviewed=reviewed)
    html = client.get(f"/{code}/programme/welcome-center-stuttgart/").content.decode()
    with translation.override(code):
        expected = date_format(reviewed, "DATE_FORMAT")
        footer = translation.gettext("Last reviewed on %(date)s") % {"date": expected}
    assert footer in html
    others = {date_format(reviewed, "SHORT_DATE_FORMAT"), "11/01/2026", "01.11.2026"}  # ISO: machines only
    if code != "de":
        with translation.override("de"):
            others.add(date_format(reviewed, "DATE_FORMAT"))  # "1. November 2026"
    assert [other for other in others - {expected} if other in html] == []  # nowhere, content included


@pytest.mark.parametrize("code", ["tr", "ar", "uk"])
def test_the_feed_is_titled_in_the_language_asked_for_and_keeps_machine_dates(client, programme_with_contact, code):
    feed = ET.fromstring(client.get("/opendata/programme.atom", {"lang": code}).content)
    atom = "{http://www.w3.org/2005/Atom}"
    english = "Integration in Stuttgart – new and updated programmes"
    with translation.override(code):
        assert feed.find(f"{atom}title").text == translation.gettext(english) != english
    for stamp in [feed.find(f"{atom}updated").text] + [e.text for e in feed.iter(f"{atom}published")]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", stamp), stamp  # RFC 3339


# --- formats fixed by hand: what a reader sees must take the active language's format ---

BASE = Path(settings.BASE_DIR)
STAFF_ONLY = ("/admin/", "/panels/", "editorial/")  # the German-language staff screens
DATE_FILTER = re.compile(r"\|(?:date|time):\s*[\"']([^\"']*)[\"']")
RAW_NUMBER = re.compile(r"\|floatformat:\s*[\"'][^\"']*u[\"']")  # "u": unlocalised, for SVG coordinates
# Python that writes text for people: template tags, the PDFs, the charts, the brochure
FOR_PEOPLE = ["*/templatetags/*.py", "research/pdf.py", "research/charts.py", "review/brochure.py"]
HAND_FORMAT = re.compile(r"strftime\(|\{[^{}]*:%[A-Za-z]")


def public_templates():
    found = [p for pattern in ("*/templates/**/*.html", "*/templates/**/*.txt") for p in BASE.glob(pattern)]
    return [p for p in found if ".venv" not in p.parts and not any(s in p.as_posix() for s in STAFF_ONLY)]


def in_attribute(text, position, names=None):
    """Whether `position` is inside a tag's attribute value (of one of `names`, if given)."""
    tag = text[text.rfind("<", 0, position):position]
    if text.rfind(">", 0, position) > text.rfind("<", 0, position) or not tag:
        return False
    attribute = re.search(r'([\w:-]+)="[^"]*$', tag)
    return bool(attribute) and (names is None or attribute.group(1) in names)


def hand_formats(text):
    """Date formats written out by hand outside a machine-read datetime="" attribute, and
    unlocalised numbers outside attributes (where a reader would see them)."""
    dates = [m.group(0) for m in DATE_FILTER.finditer(text)
             if not re.fullmatch(r"[A-Z_]+_FORMAT", m.group(1)) and not in_attribute(text, m.start(), {"datetime"})]
    numbers = [m.group(0) for m in RAW_NUMBER.finditer(text) if not in_attribute(text, m.start())]
    return dates + numbers


def test_the_format_check_sees_a_date_or_number_fixed_by_hand():
    assert hand_formats('<p>{{ d|date:"j. F Y" }}</p><td>{{ v|floatformat:"2u" }}</td>') == [
        '|date:"j. F Y"', '|floatformat:"2u"']
    assert hand_formats('<time datetime="{{ d|date:\'Y-m-d\' }}">{{ d|date:"DATE_FORMAT" }}</time>'
                        '<rect x="{{ x|floatformat:\'1u\' }}"/>') == []


def test_no_public_template_fixes_a_date_or_number_format_by_hand():
    templates = public_templates()
    assert len(templates) > 30
    found = {str(p.relative_to(BASE)): hand_formats(p.read_text(encoding="utf-8")) for p in templates}
    assert {name: items for name, items in found.items() if items} == {}


def test_no_module_writing_for_people_fixes_a_date_or_time_format_by_hand():
    modules = [p for pattern in FOR_PEOPLE for p in BASE.glob(pattern) if ".venv" not in p.parts]
    assert len(modules) > 5
    found = {str(p.relative_to(BASE)): HAND_FORMAT.findall(p.read_text(encoding="utf-8")) for p in modules}
    assert {name: items for name, items in found.items() if items} == {}


def test_a_card_in_another_language_names_that_language(client, site_tree):
    """Shown in English for want of Arabic (the fallback order), it says so, not "in German"."""
    create(slug="english-too", title="Nur deutsch und englisch",
           translations={"en": {"title": "Only German and English", "summary": "Only in two languages."}})
    html = client.get("/ar/programme/").content.decode()
    with translation.override("ar"):
        english = translation.gettext("in %(language)s") % {"language": get_language_info("en")["name_translated"]}
        german = translation.gettext("in %(language)s") % {"language": get_language_info("de")["name_translated"]}
    assert "Only German and English" in html and english in html and german not in html


@pytest.mark.parametrize("code", ["de", "en", "tr", "ar", "uk"])
def test_a_missing_page_answers_in_the_visitors_language(client, site_tree, code):
    response = client.get(f"/{code}/programme/gibt-es-nicht/")
    html = response.content.decode()
    with translation.override(code):
        heading = translation.gettext("Page not found")
    assert response.status_code == 404 and f'<html lang="{code}"' in html and f"<h1>{heading}</h1>" in html
    assert f'href="/{code}/programme/"' in html
    if code != "en":
        assert "Not Found" not in html and "Page not found" not in html
