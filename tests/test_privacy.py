"""A password-protected (private) programme is absent from every public output (issue 19, items 1 and 7).

One programme is public, one is private (a Wagtail view restriction with a password), and the
public one names the private one as related. Every output a visitor or a machine can read is
fetched and must not contain the private programme's title, slug or organisation.
"""

import io
import json

import pytest
from pypdf import PdfReader
from wagtail.models import Locale, PageViewRestriction

from programmes.models import ProgrammePage
from research.demo import ensure_research_pages
from search.service import SearchQuery, get_search_service
from tests.conftest import rolled_back_state
from tests.factories import create

pytestmark = pytest.mark.django_db

SECRET = ("Zebrafink", "zebrafink", "Geheimverein")  # in the private programme's title, slug, organisation


@pytest.fixture(scope="module")
def research_pages(django_db_setup, django_db_blocker):
    with rolled_back_state(django_db_blocker):
        ensure_research_pages()
        yield


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim-123",
    )


@pytest.fixture
def programmes(research_pages, site_tree):
    ensure_research_pages()
    secret = create(
        slug="zebrafink-beratung", title="Zebrafink Beratung", organisation="Geheimverein Zebrafink e.V.",
        summary="Beratung im Zebrafink-Haus.", start_year=2012, themes=["language"],
        translations={"en": {"title": "Zebrafink counselling", "summary": "Counselling at Zebrafink house."}},
    )
    shown = create(
        slug="offenes-sprachcafe", title="Offenes Sprachcafé", start_year=2010, themes=["language"],
        related=["zebrafink-beratung"],
        translations={"en": {"title": "Open language café", "summary": "Talk German over coffee."}},
    )
    return shown, secret


def text(response):
    """The body as text, whether sent at once or streamed (the downloads are streamed)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# (url, kind): every public output that lists or shows programmes.
OUTPUTS = [
    ("/de/", "html"),
    ("/de/programme/?status=active&status=completed&status=planned", "html"),
    ("/en/programme/?status=active&status=completed&status=planned", "html"),
    ("/de/programme/offenes-sprachcafe/", "html"),  # related programmes, JSON-LD
    ("/en/programme/offenes-sprachcafe/", "html"),
    ("/de/suche/?q=Beratung", "html"),  # queries never name the secret: pages echo them
    ("/en/suche/?q=counselling", "html"),
    ("/de/stuttgarter-modell/", "html"),
    ("/de/stuttgarter-modell/zeitleiste/", "html"),
    ("/de/stuttgarter-modell/ergebnisse/", "html"),
    ("/de/stuttgarter-modell/vergleich/?p=offenes-sprachcafe&p=zebrafink-beratung", "html"),
    ("/de/stuttgarter-modell/vergleich/pdf/?p=offenes-sprachcafe&p=zebrafink-beratung", "pdf"),
    ("/de/stuttgarter-modell/zeitleiste/?theme=language", "html"),
    ("/de/stuttgarter-modell/ergebnisse/?theme=language", "html"),
    ("/en/stuttgarter-modell/", "html"),
    ("/en/stuttgarter-modell/zeitleiste/", "html"),
    ("/en/stuttgarter-modell/ergebnisse/", "html"),
    ("/en/stuttgarter-modell/vergleich/?p=offenes-sprachcafe&p=zebrafink-beratung", "html"),
    ("/en/stuttgarter-modell/vergleich/pdf/?p=offenes-sprachcafe&p=zebrafink-beratung", "pdf"),
    ("/de/programme/zebrafink-beratung/cite.bib", "text"),  # the citation files (research/urls.py)
    ("/de/programme/zebrafink-beratung/cite.ris", "text"),
    ("/en/programme/zebrafink-beratung/cite.bib", "text"),
    ("/en/programme/zebrafink-beratung/cite.ris", "text"),
    ("/de/programme/offenes-sprachcafe/cite.ris", "text"),
    ("/de/programme/offenes-sprachcafe/pdf/", "pdf"),
    ("/de/programme/zebrafink-beratung/pdf/", "pdf"),
    ("/en/programme/zebrafink-beratung/pdf/", "pdf"),
    ("/en/programme/zebrafink-beratung/", "html"),  # its English translation
    ("/api/v1/programmes/?page_size=50", "json"),
    ("/api/v1/programmes/offenes-sprachcafe/", "json"),
    ("/api/v1/programmes/zebrafink-beratung/", "json"),
    ("/api/v1/programmes/zebrafink-beratung/?lang=en", "json"),
    ("/api/v1/search/?q=Beratung", "json"),
    ("/api/v1/search/?q=counselling&lang=en", "json"),
    ("/api/v1/search/autocomplete/?q=Zeb", "json"),
    ("/api/v1/search/autocomplete/?q=Zeb&lang=en", "json"),
    ("/api/hsds/services?per_page=50", "json"),
    ("/api/hsds/services?search=Beratung", "json"),
    ("/api/hsds/services/{key}", "json"),
    ("/api/hsds/organizations?per_page=50", "json"),
    ("/api/v2/pages/?type=programmes.ProgrammePage&fields=*&limit=20", "json"),
    ("/api/v2/pages/?search=Beratung", "json"),
    ("/opendata/programme.csv", "text"),
    ("/opendata/ergebnisse.csv", "text"),
    ("/opendata/programme.json", "text"),
    ("/opendata/programme.atom", "text"),
    ("/opendata/programme.atom?lang=en", "text"),
]


def test_a_private_programme_is_absent_from_every_public_output(client, programmes):
    shown, secret = programmes
    restrict(secret)
    # The private page itself asks for the password (Wagtail's own check, here as a control).
    assert "password" in client.get("/de/programme/zebrafink-beratung/").content.decode().lower()
    for url, kind in OUTPUTS:
        response = client.get(url.format(key=secret.translation_key))
        assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
        body = pdf_text(response.content) if kind == "pdf" and response.status_code == 200 else text(response)
        for word in SECRET:
            if word not in url:  # a page may echo its own URL (language links)
                assert word not in body, (url, word)
    # A control: the same outputs do name the public programme.
    assert "offenes-sprachcafe" in text(client.get("/opendata/programme.json"))
    assert "Offenes Sprachcafé" in client.get("/de/stuttgarter-modell/zeitleiste/").content.decode()


def test_the_same_outputs_name_the_programme_before_it_is_restricted(client, programmes):
    """The sweep above would pass if the outputs were empty: before the restriction they name it."""
    _shown, secret = programmes
    named = [url for url, kind in OUTPUTS if kind != "pdf"
             and "Zebrafink" in text(client.get(url.format(key=secret.translation_key)))]
    for url in ["/de/programme/offenes-sprachcafe/", "/api/v1/programmes/?page_size=50",
                "/api/v1/search/?q=Beratung", "/api/v1/search/autocomplete/?q=Zeb", "/api/hsds/services?per_page=50",
                "/opendata/programme.csv", "/opendata/programme.json", "/opendata/programme.atom",
                "/de/stuttgarter-modell/zeitleiste/", "/en/programme/zebrafink-beratung/",
                "/de/programme/zebrafink-beratung/cite.bib", "/en/programme/zebrafink-beratung/cite.ris",
                "/en/stuttgarter-modell/zeitleiste/"]:
        assert url in named, url


def test_restriction_on_an_ancestor_hides_the_programme_and_removing_it_brings_it_back(client, programmes):
    _shown, secret = programmes
    restriction = restrict(secret.get_parent())  # the whole German catalogue
    assert get_search_service().search(SearchQuery(text="Zebrafink", lang="de")).hits == []
    assert "zebrafink" not in text(client.get("/opendata/programme.json"))
    restriction.delete()
    hits = get_search_service().search(SearchQuery(text="Zebrafink", lang="de")).hits
    assert [h.slug for h in hits] == ["zebrafink-beratung"]
    assert "zebrafink-beratung" in text(client.get("/opendata/programme.json"))


def test_adding_a_restriction_drops_the_programme_and_its_translations_from_the_index(programmes):
    _shown, secret = programmes
    assert [h.slug for h in get_search_service().search(SearchQuery(text="Zebrafink", lang="en")).hits]
    restrict(secret)
    for lang in ("de", "en"):
        assert get_search_service().search(SearchQuery(text="Zebrafink", lang=lang)).hits == []
    assert get_search_service().autocomplete("Zebra", lang="de") == []


def test_public_rule(programmes, settings):
    shown, secret = programmes
    english = secret.get_translation(Locale.objects.get(language_code="en"))
    assert set(ProgrammePage.objects.public().filter(pk__in=[secret.pk, english.pk])) == {secret, english}
    restrict(secret)
    assert not ProgrammePage.objects.public().filter(pk__in=[secret.pk, english.pk]).exists()  # the source hides its translation
    assert ProgrammePage.objects.public().filter(pk=shown.pk).exists()
    settings.WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]  # a locale the site no longer publishes
    assert not ProgrammePage.objects.public().filter(locale__language_code="en").exists()


def test_unpublished_programme_is_not_named_as_related(client, programmes):
    """Item 7: the published exchange file stays importable: `related` names only public programmes."""
    shown, secret = programmes
    secret.unpublish()
    data = json.loads(text(client.get("/opendata/programme.json")))
    record = next(r for r in data["programmes"] if r["slug"] == "offenes-sprachcafe")
    assert record["related"] == []
    assert client.get("/api/v1/programmes/offenes-sprachcafe/").json()["related"] == []
    assert "zebrafink" not in client.get("/de/programme/offenes-sprachcafe/").content.decode().lower()


def test_unpublishing_the_german_page_hides_its_english_translation(client, programmes):
    """Issue 19, item 9: the English page stayed in `lang=en` search while its API detail was a 404."""
    _shown, secret = programmes
    assert client.get("/en/programme/zebrafink-beratung/").status_code == 200
    secret.unpublish()
    hits = get_search_service().search(SearchQuery(text="Zebrafink counselling", lang="en")).hits
    assert "zebrafink-beratung" not in [h.slug for h in hits]
    assert client.get("/en/programme/zebrafink-beratung/").status_code == 404
    assert client.get("/api/v1/programmes/zebrafink-beratung/?lang=en").status_code == 404


@pytest.fixture
def review_events(programmes):
    """The review with two more events: a public one naming both programmes in its findings'
    programmes and a recommendation, and a private one (password) about the public programme."""
    import datetime

    from django.utils import timezone

    from review.demo import ensure_review_pages
    from review.models import Recommendation, ReviewEventPage

    shown, secret = programmes
    review = ensure_review_pages()
    start = timezone.make_aware(datetime.datetime(2021, 6, 1, 17))

    def event(slug, title, recommendation):
        page = ReviewEventPage(
            title=title, slug=slug, kind="session", format="in_person", place="Rathaus Stuttgart", start=start,
            end=start + datetime.timedelta(hours=2), topic="Sprachcafés in den Stadtteilen",
        )
        page.programmes = [shown, secret]
        rec = Recommendation(text=recommendation, addressed_to="Gemeinderat", status="adopted", sample=True)
        rec.programmes = [shown, secret]
        page.recommendations = [rec]
        review.add_child(instance=page)
        page.save_revision().publish()
        return page

    event("sprachcafe-runde", "Themenrunde Sprachcafés", "Sprachcafés in jedem Stadtteil anbieten.")
    hidden = event("kolibri-runde", "Kolibri Werkstatt", "Kolibri-Empfehlung für das Sprachcafé.")
    restrict(hidden)
    return review


REVIEW_OUTPUTS = [
    ("/api/v1/review/events", "json"),
    ("/api/v1/review/recommendations?lang=de", "json"),
    ("/opendata/review/events.csv", "text"),
    ("/opendata/review/recommendations.csv", "text"),
    ("/api/v1/review/events?lang=en", "json"),
    ("/api/v1/review/recommendations?lang=en", "json"),
    ("/api/v1/review/survey-results", "json"),
    ("/opendata/review/events.csv?lang=en", "text"),
    ("/opendata/review/recommendations.csv?lang=en", "text"),
    ("/opendata/review/survey-results.csv", "text"),
    ("/en/programme/offenes-sprachcafe/", "html"),
    ("/de/programme/offenes-sprachcafe/", "html"),  # the recommendations concerning it
    ("{review}", "html"),
    ("{review}ical/", "text"),
    ("{review}sprachcafe-runde/", "html"),
    ("{review}sprachcafe-runde/ical/", "text"),
    ("{brochure}", "html"),
    ("{brochure}pdf/", "pdf"),
]


def test_the_review_names_neither_a_private_programme_nor_a_private_event(client, programmes, review_events):
    """Issue 19: the review's pages, calendar, brochure, open data and the recommendations on a
    programme page use the public rule too, for the programmes they name and for their events."""
    from review.models import BrochurePage
    from review.tasks import request_brochure

    _shown, secret = programmes
    restrict(secret)
    brochure = BrochurePage.objects.child_of(review_events).first()
    request_brochure("de")  # the PDF edition is generated by a task (immediate backend in tests)
    hidden = ("Kolibri", "kolibri")
    for url, kind in REVIEW_OUTPUTS:
        url = url.format(review=review_events.url, brochure=brochure.url if brochure else "/nope/")
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = pdf_text(response.content) if kind == "pdf" else text(response)
        for word in SECRET + hidden:
            assert word not in body, (url, word)
    # A control: the public event and its recommendation are there, naming the public programme.
    recs = client.get("/api/v1/review/recommendations?lang=de").json()
    mine = [r for r in recs if r["text"].startswith("Sprachcafés in jedem Stadtteil")]
    assert mine and mine[0]["programmes"] == ["offenes-sprachcafe"]
    assert "Sprachcafés in jedem Stadtteil" in client.get("/de/programme/offenes-sprachcafe/").content.decode()


def group_restrict(page):
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Redaktion intern")[0])
    return restriction


def hide_english(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]  # English is no longer published


# The other ways a programme is private: (how, words that must then be absent). A private locale
# hides only the translations in it: the German pages are still public and named.
PRIVACY = {
    "group restriction": (lambda secret, settings: group_restrict(secret), SECRET),
    "unpublished": (lambda secret, settings: secret.unpublish(), SECRET),
    "private locale": (lambda secret, settings: hide_english(settings), ("counselling", "Open language café")),
}
RESEARCH_AND_REVIEW = [
    (url, kind) for url, kind in OUTPUTS if "stuttgarter-modell" in url or "cite." in url
] + REVIEW_OUTPUTS


@pytest.mark.parametrize("how", PRIVACY)
def test_research_and_review_follow_every_part_of_the_public_rule(client, programmes, review_events, settings, how):
    """Issue 19: the research pages, citation files and the review's outputs start from the public
    rule, so a group restriction, unpublishing or an unpublished language hide a programme there too."""
    from review.models import BrochurePage
    from review.tasks import request_brochure

    _shown, secret = programmes
    make_private, words = PRIVACY[how]
    brochure = BrochurePage.objects.child_of(review_events).first()
    urls = [(url.format(review=review_events.url, brochure=brochure.url if brochure else "/nope/"), kind)
            for url, kind in RESEARCH_AND_REVIEW]
    if how != "private locale":  # a language is published by a deploy (settings), the rest by editors:
        for url, _kind in urls:  # what visitors fetched before the editor's change is not served after it
            client.get(url)
    make_private(secret, settings)
    request_brochure("de")
    for url, kind in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)  # 400: "no such programme"
        body = pdf_text(response.content) if kind == "pdf" and response.status_code == 200 else text(response)
        for word in words:
            if word.lower() not in url.lower():
                assert word not in body, (how, url, word)
