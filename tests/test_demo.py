"""The demo loader: a full, truthful demo site, loaded through the importer, idempotent."""

import json
import re
from collections import Counter

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from programmes import demo_translations
from programmes.demo import DEMO_FILE
from programmes.exchange import export_data, load_file, validate
from programmes.models import ProgrammePage, Theme
from research.data import outcome_series, programmes_for, running_per_year, status_by_theme
from research.demo import LESSONS, MILESTONES
from search.evaluation import evaluate, mean_ndcg
from tests.conftest import rolled_back_state

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one worker loads the demo once


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One load of the whole demo (about a minute) for every test of this module."""
    with rolled_back_state(django_db_blocker):
        call_command("load_demo", "--create-admin", verbosity=0)
        yield


def test_demo_file_is_a_valid_exchange_file():
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    assert validate(data, locales=["de", "en", "tr"]) == []
    records = data["programmes"]
    assert len(records) >= 40
    years = [r["start_year"] for r in records]
    assert min(years) == 2001 and max(years) >= 2024
    # invented figures are labelled as sample data
    for r in records:
        for outcome in r.get("outcomes", []):
            if outcome["value"] is not None and "(Beispiel)" in (outcome["source"] or ""):
                assert outcome["note"].startswith("Beispieldaten")
        for contact in r.get("contacts", []):
            assert contact["name"] is None
            assert contact["email"] is None or contact["email"].endswith("@example.org")


def test_demo_site(demo, client, django_user_model):
    """One load of the whole demo (about a minute), then everything a visitor and staff rely on."""
    programmes = ProgrammePage.objects.live().filter(locale__language_code="de")
    assert programmes.count() >= 40
    for theme in Theme.objects.all():
        assert programmes.filter(themes=theme).exists(), theme.slug
    titles = " ".join(programmes.values_list("title", flat=True))
    for known in ("Welcome Center", "Bündnis für Integration"):
        assert known in titles

    # labelled and illustrated
    page = programmes.first()
    assert page.contains_sample_data and page.lead_image and page.lead_image_alt
    html = client.get(page.url).content.decode()
    assert "Beispieldaten" in html and f'alt="{page.lead_image_alt}"' in html

    # every programme in every language, with a plain-language summary, translations marked
    for code in ("en", "tr", "ar", "uk"):
        assert ProgrammePage.objects.live().filter(locale__language_code=code).count() == programmes.count()
    assert not programmes.filter(plain_summary="").exists()
    assert not ProgrammePage.objects.exclude(locale__language_code="de").filter(demo_translation=False).exists()
    assert not programmes.filter(demo_translation=True).exists()
    arabic = client.get("/ar/programme/welcome-center-stuttgart/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic and "مركز الترحيب" in arabic
    assert "كُتبت هذه الترجمة للعرض التجريبي" in arabic  # the demo-translation notice, in Arabic
    assert "This translation was written for the demo" not in client.get(page.url).content.decode()
    # contact roles and outcome indicators in Arabic too (demo fact translations)
    assert '<p class="contact-role">الاستشارة الأولى للقادمين الجدد</p>' in arabic
    assert "طالبو الاستشارة منذ الافتتاح (إجمالًا)" in arabic and "Ratsuchende seit" not in arabic.split("<script")[0]
    # and the contacts' opening hours (demo fact translations)
    assert "من الاثنين إلى الجمعة من 9:00 إلى 13:00، والخميس من 14:00 إلى 18:00" in arabic
    assert "Termine nach Vereinbarung" not in arabic.split("<script")[0]

    # searchable, in German and in the languages the demo was written in
    body = client.get("/api/v1/search/", {"q": "Welcome Center"}).json()
    assert body["total"] >= 1 and "welcome" in body["results"][0]["slug"]
    for lang, words in (("uk", "курси німецької для мам"), ("tr", "anneler için Almanca"), ("ar", "مركز الترحيب")):
        found = client.get("/api/v1/search/", {"q": words, "lang": lang}).json()
        assert any(f"/{lang}/programme/" in hit["url"] for hit in found["results"]), (lang, found)
    assert django_user_model.objects.filter(username="admin", is_superuser=True).exists()
    assert client.get("/de/").status_code == 200 and client.get("/en/").status_code == 200

    # idempotent: a second run changes nothing
    counts = (Page.objects.count(), Revision.objects.count(), get_image_model().objects.count())
    call_command("load_demo", "--create-admin", verbosity=0)
    assert (Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()) == counts


def test_demo_timeline_and_dashboard_match_the_demo_file(demo, client):
    records = json.loads(DEMO_FILE.read_text())["programmes"]
    starts = Counter(r["start_year"] for r in records)
    html = client.get("/de/stuttgarter-modell/" + "zeitleiste/").content.decode()
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
    dashboard = client.get("/de/stuttgarter-modell/" + "ergebnisse/").content.decode()
    assert dashboard.count('role="img"') == 2 + len([n for n in multi_year.values() if n > 1])


def test_demo_lessons_fill_the_core_programmes(demo):
    assert len(LESSONS) >= 5
    for slug, fields in LESSONS.items():
        page = ProgrammePage.objects.get(slug=slug, locale__language_code="de")
        assert page.lessons_worked and page.lessons_approach, slug
        for name, value in fields.items():
            assert getattr(page, name) == value
    exported = export_data()
    record = next(r for r in exported["programmes"] if r["slug"] == "mama-lernt-deutsch")
    assert "kb-lessons/2" in exported.get("extensions", []) and "5.500" in record["lessons"]["what_worked"]


# --- held-out relevance (issue 21): queries written for the demo programmes, not the practice set ---
# The floors are below today's figures (docs/search.md), so a change that overfits the practice
# queries and loses generality fails here.

def report(rows):
    return "\n".join(f"{r['id']} {r['q']!r} {r['ndcg']:.2f} {r['top3']}" for r in rows if r["ndcg"] < 0.5)


@pytest.mark.parametrize("name,floor", [
    ("heldout-crosslingual.json", 0.90),  # 0.921 measured (docs/search.md, fifth session)
    ("heldout-de-en.json", 0.92),  # 0.944 measured; the issue's target for the graders' held-out set
    ("heldout-de-en-2.json", 0.88),  # 0.915 measured (0.882 on its first run, docs/search.md)
])
def test_held_out_queries_find_the_programmes_they_mean(demo, name, floor):
    rows = evaluate(name)
    print(f"{name}: nDCG@10 {mean_ndcg(rows):.3f}\n{report(rows)}")
    assert mean_ndcg(rows) >= floor, report(rows)
    assert [r["q"] for r in rows if r["zero"]] == []


# --- issue 20: the demo's own translations are found in their language ---

WORD = re.compile(r"[^\W\d_]{3,}")


def translated_titles(lang):
    """{slug: (German title, title in `lang`)} for every demo programme written in `lang`."""
    data = demo_translations.with_translations(load_file(DEMO_FILE), demo_translations.load_files())
    return {r["slug"]: (r["title"], r["translations"][lang]["title"])
            for r in data["programmes"] if r["translations"].get(lang, {}).get("title")}


def words_of(title, german_title):
    """Up to four words of the translated title that are not in the German one (names stay out)."""
    german = {w.casefold() for w in WORD.findall(german_title)}
    return " ".join([w for w in WORD.findall(title) if w.casefold() not in german][:4])


@pytest.mark.parametrize("lang", ["ar", "uk", "tr"])
def test_search_in_arabic_ukrainian_and_turkish_finds_the_demo_programmes_written_in_them(demo, client, lang):
    titles = translated_titles(lang)
    assert len(titles) == ProgrammePage.objects.live().filter(locale__language_code="de").count()
    missed = {}
    for slug, (german_title, title) in titles.items():
        query = words_of(title, german_title)
        assert query, (slug, title)  # a query in the language, not the German name
        api = client.get("/api/v1/search/", {"q": query, "lang": lang}).json()["results"]
        found_api = any(hit["url"].endswith(f"/{lang}/programme/{slug}/") and hit["title"] == title for hit in api)
        html = client.get(f"/{lang}/suche/", {"q": query}).content.decode()
        link = f'<h3 lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><a href="/{lang}/programme/{slug}/">'
        if not (found_api and link in html):
            missed[slug] = (query, found_api, link in html, [hit["url"] for hit in api[:3]])
    assert missed == {}, missed
