"""The citizen survey as a visitor on a phone, in Arabic (right to left), in a real browser."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import PHONE, axe_violations, describe, restore_reference_data
from tests.factories import create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def survey_site(live_server):
    from programmes.sitetree import ensure_site_tree
    from review.demo import ensure_review_pages
    from review.models import SurveyPage

    restore_reference_data()
    ensure_site_tree()
    create(slug="welcome-center-stuttgart", title="Welcome Center Stuttgart", summary="Erste Anlaufstelle.",
           themes=["welcome"])
    ensure_review_pages()
    SurveyPage.objects.update(closes_at=timezone.now() + datetime.timedelta(days=14))
    return live_server.url


def test_visitor_answers_the_survey_on_a_phone_in_arabic(page, survey_site):
    from review.models import SurveySubmission

    before = SurveySubmission.objects.filter(is_sample=False).count()
    page.set_viewport_size(PHONE)
    page.goto(survey_site + "/ar/fortschreibung-2021/befragung/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_contain_text("استطلاع")
    violations = axe_violations(page)
    assert not violations, describe({"survey /ar/": violations})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # sending without consent and answers: errors, nothing stored
    page.get_by_role("button", name="إرسال الإجابات").click()
    expect(page.locator("p.notice.error")).to_be_visible()
    assert SurveySubmission.objects.filter(is_sample=False).count() == before
    page.get_by_label("مرحب بي جدًا").check()
    page.get_by_role("group", name="كيف تقيّم عروض تعلّم اللغة الألمانية؟").get_by_label("4", exact=True).check()
    page.get_by_label("الصحة").check()
    page.get_by_label("برأيك، ما الذي يجب أن تحسّنه المدينة؟").fill("دورات مسائية أكثر")
    page.get_by_label("أوافق على حفظ إجاباتي المجهولة الهوية وتقييمها.").check()
    page.get_by_role("button", name="إرسال الإجابات").click()
    expect(page.get_by_role("status")).to_contain_text("شكرًا")
    saved = SurveySubmission.objects.filter(is_sample=False).get()
    assert saved.page.locale.language_code == "ar"
    assert saved.form_data["wie_bewerten_sie_die_angebote_zum_deutschlernen"] == "4"
    violations = axe_violations(page)
    assert not violations, describe({"thank-you /ar/": violations})
