"""Programme model rules and the taxonomy data migration."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from programmes.fields import StringListFormField
from programmes.models import District, ProgrammePage, TargetGroup, Theme
from programmes.richtext import html_to_text, sanitise, text_to_html

pytestmark = pytest.mark.django_db


def test_taxonomies_are_prefilled_with_the_contract_slugs(db):
    assert Theme.objects.count() == 11 and TargetGroup.objects.count() == 13 and District.objects.count() == 24
    assert Theme.objects.get(slug="intercultural-opening").label("en") == "Intercultural opening of the administration"
    assert District.objects.get(slug="bad-cannstatt").label("de") == "Bad Cannstatt"
    assert TargetGroup.objects.get(slug="refugees").label("de") == "Geflüchtete"
    assert list(Theme.objects.values_list("slug", flat=True))[:2] == ["language", "education"]


def test_locales_exist_on_a_fresh_site(db):
    from wagtail.models import Locale

    assert {"de", "en"} <= set(Locale.objects.values_list("language_code", flat=True))
    assert Locale.get_default().language_code == "de"


def test_end_year_before_start_year_is_a_clear_error(programme):
    programme.end_year = 2010
    with pytest.raises(ValidationError) as info:
        programme.full_clean()
    assert "end_year" in info.value.message_dict
    assert "2010" in info.value.message_dict["end_year"][0]


def test_completed_programme_needs_an_end_year(programme):
    programme.status = "completed"
    with pytest.raises(ValidationError) as info:
        programme.full_clean()
    assert "end_year" in info.value.message_dict


def test_years_outside_range_are_rejected(programme):
    programme.start_year = 1850
    with pytest.raises(ValidationError) as info:
        programme.full_clean()
    assert "start_year" in info.value.message_dict


def test_description_is_sanitised_on_save(programme):
    programme.description = '<p onclick="x()">Hallo <script>alert(1)</script><a href="javascript:alert(1)">Link</a></p>'
    programme.save()
    programme.refresh_from_db()
    assert "script" not in programme.description and "onclick" not in programme.description
    assert "javascript:" not in programme.description and "Hallo" in programme.description


def test_rich_text_conversion_keeps_paragraphs():
    text = "Erster Absatz mit <spitzen Klammern> & Zeichen.\n\nZweiter Absatz\nmit Zeilenumbruch."
    html = text_to_html(text)
    assert html.count("<p>") == 2 and "&lt;spitzen Klammern&gt;" in html
    assert html_to_text(html) == text
    assert sanitise(html) == html


def test_language_list_field_validates_iso_codes():
    field = StringListFormField(codes=True)
    assert field.clean("de, TR\nar") == ["de", "tr", "ar"]
    with pytest.raises(ValidationError, match="xx"):
        field.clean("de, xx")


def test_period_and_status_display(programme):
    from django.utils import translation

    with translation.override("de"):
        assert str(programme.period) == "seit 2015"
    with translation.override("en"):
        assert str(programme.period) == "since 2015"
    programme.end_year = 2020
    assert programme.period == "2015–2020"
    with translation.override("de"):
        assert programme.get_status_display() == "laufend"


def test_outcome_display_value_follows_the_locale(programme):
    outcome = programme.outcomes.first()
    outcome.value = 12345.5
    with translation.override("de"):
        assert outcome.display_value == "12.345,50"
    with translation.override("en"):
        assert outcome.display_value == "12,345.50"
    outcome.value = 1500
    with translation.override("de"):
        assert outcome.display_value == "1.500"


def test_translations_share_facts_published_on_the_source(programme, site_tree):
    from tests.factories import create

    page = create(translations={"en": {"title": "Language café", "summary": "Practise German."}})
    page.start_year = 2016
    page.save_revision().publish()
    english = ProgrammePage.objects.get(translation_key=page.translation_key, locale__language_code="en")
    assert english.start_year == 2016 and english.title == "Language café"
