"""The 2021 review: staff run it in the admin, visitors take part, the brochure and feeds are right."""

import datetime
import io
import re
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from review.models import (
    BrochureBuild,
    Recommendation,
    ReviewEventPage,
    SurveyPage,
    SurveySubmission,
)
from review.survey_results import choice_labels
from tests.factories import create

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def form_payload(data):
    """nested_form_data, with multiple choices (themes, programmes) as lists as a browser sends them."""
    payload = {}
    for key, value in nested_form_data({"comments": inline_formset([]), **data}).items():
        match = re.fullmatch(r"(.*(?:themes|programmes))-\d+", key)
        if match:
            payload.setdefault(match.group(1), []).append(value)
        else:
            payload[key] = value
    return payload


def add_page(client, model, parent, data):
    url = reverse("wagtailadmin_pages:add", args=("review", model, parent.pk))
    payload = form_payload(data)
    payload["action-publish"] = "publish"
    response = client.post(url, payload)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    parent.refresh_from_db()
    return parent.get_children().order_by("-path").first().specific


def event_data(title, slug, start, programme, theme, recommendation=None):
    return {
        "title": title, "slug": slug, "kind": "session", "format": "digital",
        "start": start.strftime("%Y-%m-%d %H:%M"), "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "online_link": "https://meet.example.org/review", "place": "", "topic": f"Topic of {title}",
        "moderation": "Abteilung Integrationspolitik", "guests": "Gast A\nGast B",
        "themes": [theme.pk], "programmes": [programme.pk], "registration": "", "registration_url": "",
        "findings_summary": rich_text(""),
        "findings": inline_formset([{"text": f"Finding of {title}"}]),
        "recommendations": inline_formset([recommendation] if recommendation else []),
    }


def survey_data(closes_at, published=False):
    return {
        "title": "Befragung", "slug": "befragung", "intro": rich_text("<p>Fünf Minuten.</p>"),
        "consent_text": "Ich bin einverstanden.", "thank_you_text": rich_text(""),
        "closes_at": closes_at.strftime("%Y-%m-%d %H:%M"), "results_intro": rich_text(""),
        **({"results_published": "on"} if published else {}),
        "form_fields": inline_formset([
            {"label": "Wie willkommen fühlen Sie sich?", "field_type": "radio", "required": "on",
             "choices": "Sehr\nEher\nKaum", "default_value": "", "help_text": ""},
            {"label": "Deutschkurse", "field_type": "scale", "required": "on", "choices": "schlecht, gut",
             "default_value": "", "help_text": ""},
            {"label": "Was soll besser werden?", "field_type": "multiline", "choices": "",
             "default_value": "", "help_text": ""},
        ]),
    }


@pytest.fixture
def programmes(site_tree):
    return [
        create(slug="welcome-center-stuttgart", title="Welcome Center Stuttgart", summary="Erste Anlaufstelle.",
               themes=["welcome"]),
        create(slug="mama-lernt-deutsch", title="Mama lernt Deutsch", summary="Deutschkurse für Mütter.",
               themes=["language"]),
    ]


@pytest.fixture
def home(site_tree):
    return site_tree["de"][0]


def visitor_answers(client, survey, **extra):
    data = {"wie_willkommen_fuhlen_sie_sich": "Sehr", "deutschkurse": "4",
            "was_soll_besser_werden": "Mehr Kurse am Abend, bitte – Geheimtext", "consent": "on", **extra}
    return client.post(survey.url, data)


def test_staff_run_the_review_and_generate_the_brochure(admin_client, client, home, programmes, settings):
    from programmes.models import Theme

    welcome, mama = programmes
    theme = Theme.objects.get(slug="welcome")
    review = add_page(admin_client, "reviewpage", home, {
        "title": "20 Jahre Bündnis für Integration – Fortschreibung des Integrationskonzepts",
        "slug": "fortschreibung-2021", "intro": "Anhörung, Themenrunden, Befragung.", "body": rich_text(""),
    })
    hearing = add_page(admin_client, "revieweventpage", review, {
        **event_data("Anhörung", "anhoerung", datetime.datetime(2021, 5, 7, 14), welcome, theme), "kind": "hearing",
    })
    assert hearing.kind == "hearing"
    for n, (day, month) in enumerate([(20, 5), (17, 6), (8, 7)]):
        add_page(admin_client, "revieweventpage", review, event_data(
            f"Themenrunde {n + 1}", f"runde-{n + 1}", datetime.datetime(2021, month, day, 17), welcome, theme,
            recommendation={
                "text": f"Empfehlung {n + 1}: eine mehrsprachige Übersicht", "addressed_to": "administration",
                "status": "not_adopted" if n == 2 else "adopted",
                "status_reason": "Keine Räume" if n == 2 else "", "themes": [theme.pk],
                "programmes": [mama.pk if n == 0 else welcome.pk],
            },
        ))
    assert ReviewEventPage.objects.child_of(review).live().count() == 4
    assert Recommendation.objects.count() == 3, Recommendation.objects.count()
    assert Recommendation.objects.filter(programmes=mama).count() == 1
    # the programme page shows the recommendation that concerns it
    page = client.get(mama.url)
    assert "Empfehlung 1: eine mehrsprachige Übersicht" in page.content.decode()
    assert "Empfehlung 2" not in page.content.decode()

    survey = add_page(admin_client, "surveypage", review, survey_data(timezone.now() + datetime.timedelta(days=30)))
    assert visitor_answers(client, survey).status_code == 200
    assert SurveySubmission.objects.get().form_data["deutschkurse"] == "4"
    assert "consent" not in SurveySubmission.objects.get().form_data

    # close it and publish the results, in the admin
    edit = reverse("wagtailadmin_pages:edit", args=(survey.pk,))
    fields = list(survey.form_fields.all())
    data = survey_data(timezone.now() - datetime.timedelta(minutes=1), published=True)
    data["form_fields"] = inline_formset([
        {"id": f.pk, "label": f.label, "field_type": f.field_type, "required": "on" if f.required else "",
         "choices": f.choices, "default_value": "", "help_text": ""} for f in fields
    ], initial=len(fields))
    payload = form_payload(data)
    payload["action-publish"] = "publish"
    assert admin_client.post(edit, payload).status_code == 302
    survey.refresh_from_db()
    assert survey.is_closed and survey.results_published
    closed = client.get(survey.url)
    assert closed.context["closed"] is True and "Befragung wurde am" in closed.content.decode()
    assert "<form class=\"survey-form\"" not in closed.content.decode()
    results = client.get(survey.url + "results/").content.decode()
    assert "Wie willkommen fühlen Sie sich?" in results and "Geheimtext" not in results
    assert "Was soll besser werden?" not in results
    # the admin sees the free text and can export CSV
    admin_results = admin_client.get(reverse("review_survey_results", args=(survey.pk,))).content.decode()
    assert "Geheimtext" in admin_results
    export = admin_client.get(reverse("wagtailforms:list_submissions", args=(survey.pk,)) + "?export=csv")
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Geheimtext" in body and "Deutschkurse" in body

    brochure = add_page(admin_client, "brochurepage", review, {
        "title": "20 Jahre Stuttgarter Bündnis für Integration", "slug": "broschuere",
        "subtitle": "Das fortgeschriebene Konzept", "foreword": rich_text("<p>Vorwort der Stadt.</p>"),
        "foreword_by": "Landeshauptstadt Stuttgart",
    })
    response = admin_client.post(reverse("review_brochure_generate"), {"language": "de"})
    assert response.status_code == 302
    build = BrochureBuild.objects.get(language="de")
    assert build.state == "done" and build.progress == 100, build.error
    listing = admin_client.get(reverse("review_brochure")).content.decode()
    assert reverse("review_brochure_download", args=(build.pk,)) in listing and "100 %" in listing
    assert admin_client.get(reverse("review_dashboard")).status_code == 200
    pdf = admin_client.get(reverse("review_brochure_download", args=(build.pk,)))
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    outline = [item.title for item in flatten(reader.outline)]
    assert "Vorwort der Stadt." in text
    assert any(word in text for word in ("Inhalt", "Contents"))
    for programme in (welcome, mama):
        assert programme.title in outline  # each programme has its own section in the outline
    assert text.count("Outcomes") + text.count("Ergebnisse") >= 2
    assert text.count("Sources") + text.count("Quellen") >= 2
    assert "Empfehlung 3: eine mehrsprachige Übersicht" in text and "Keine Räume" in text
    # the public brochure page links the PDF of its language
    html = client.get(brochure.url).content.decode()
    assert "Vorwort der Stadt." in html and "pdf/" in html
    assert client.get(brochure.url + "pdf/")["Content-Type"] == "application/pdf"


def flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


@pytest.fixture
def review(home, programmes):
    from review.demo import ensure_review_pages

    return ensure_review_pages()


def test_ics_feeds_hold_the_times_in_europe_berlin(client, review):
    hearing = ReviewEventPage.objects.get(slug="anhoerung", locale=Locale.get_default())
    calendar = icalendar.Calendar.from_ical(client.get(hearing.url + "ical/").content)
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Berlin"
    assert (start.replace(tzinfo=None), start.utcoffset()) == (datetime.datetime(2021, 5, 7, 14, 0), datetime.timedelta(hours=2))
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    series = icalendar.Calendar.from_ical(client.get(review.url + "ical/").content)
    starts = [e.decoded("dtstart").astimezone(BERLIN) for e in series.walk("VEVENT")]
    assert len(starts) == 4 and starts[0].date() == datetime.date(2021, 5, 7)
    assert all(datetime.date(2021, 5, 1) <= s.date() <= datetime.date(2021, 7, 31) for s in starts)


@pytest.fixture
def open_survey(review):
    survey = SurveyPage.objects.get(locale=Locale.get_default())
    SurveyPage.objects.filter(translation_key=survey.translation_key).update(
        closes_at=timezone.now() + datetime.timedelta(days=7))
    survey.refresh_from_db()
    return survey


def test_honeypot_and_missing_consent_are_rejected_and_nothing_is_stored(client, open_survey):
    before = SurveySubmission.objects.count()
    fields = {f.clean_name: f for f in open_survey.get_form_fields()}
    data = {name: choice_labels(f)[0] for name, f in fields.items() if f.field_type in ("radio", "scale")}
    spam = client.post(open_survey.url, {**data, "consent": "on", "homepage": "http://spam.example"})
    assert spam.status_code == 400
    no_consent = client.post(open_survey.url, data)
    assert no_consent.status_code == 400
    assert SurveySubmission.objects.count() == before
    assert client.post(open_survey.url, {**data, "consent": "on"}).status_code == 200
    assert SurveySubmission.objects.count() == before + 1


def test_survey_posts_are_rate_limited(client, open_survey, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "survey": (2, 600)}
    codes = [client.post(open_survey.url, {}).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


def test_demo_survey_is_closed_after_its_date_in_every_language(client, review):
    for survey in SurveyPage.objects.all():
        response = client.get(survey.url)
        assert response.context["closed"] is True
        assert "survey-form" not in response.content.decode()


def test_published_results_never_show_free_text_and_mark_sample_answers(client, review):
    survey = SurveyPage.objects.get(locale=Locale.get_default())
    SurveySubmission.objects.create(page=survey, form_data={"was_sollte_die_stadt_aus_ihrer_sicht_besser_machen": "Vertraulich"})
    for path in (survey.url + "results/", "/api/v1/review/survey-results", "/opendata/review/survey-results.csv"):
        body = client.get(path).content.decode()
        assert "Vertraulich" not in body and "besser machen" not in body
    results = client.get(survey.url + "results/").content.decode()
    assert "Beispiel" in results or "sample" in results.lower()
    survey.results_published = False
    survey.save_revision().publish()
    assert client.get(survey.url + "results/").status_code == 404


def test_open_data_lists_events_and_recommendations(client, review):
    events = client.get("/api/v1/review/events").json()
    assert [e["start"][:10] for e in events][0] == "2021-05-07" and len(events) == 4
    recs = client.get("/api/v1/review/recommendations?lang=de").json()
    assert recs and all(r["sample"] for r in recs) and {r["status"] for r in recs} >= {"adopted", "not_adopted"}
    assert client.get("/api/v1/review/events?lang=xx").status_code == 400
    csv_text = client.get("/opendata/review/recommendations.csv").content.decode()
    assert csv_text.startswith("id,text,event") and "not_adopted" in csv_text
    schema = client.get("/api/schema/").json()
    assert "/api/v1/review/events" in schema["paths"]


def test_untranslated_review_pages_mark_their_german_text_on_arabic_pages(client, review):
    """The demo's Arabic review pages are untranslated copies: on the Arabic home (teaser), the
    review page and an event page the German text carries lang="de" dir="ltr" (so "20 Jahre"
    does not read "Jahre … 20" right to left) and the page says which language it is in."""
    home = client.get("/ar/").content.decode()
    assert re.search(r'<h2 id="review-teaser-heading" lang="de" dir="ltr"><a href="/ar/', home)
    page = client.get("/ar/fortschreibung-2021/").content.decode()
    assert '<header lang="de" dir="ltr">' in page and 'role="note"' in page
    assert re.search(r'<h3 lang="de" dir="ltr"><a href="/ar/fortschreibung-2021/anhoerung/">', page)
    event = client.get("/ar/fortschreibung-2021/anhoerung/").content.decode()
    assert re.search(r'<h1 lang="de" dir="ltr">Anhörung', event)
    english = client.get("/en/fortschreibung-2021/").content.decode()  # translated: nothing marked
    assert '<header lang=' not in english
