"""Staff edit programmes in the Wagtail admin: outcomes inline, shared contacts chosen, validation named."""

import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from programmes.models import ContactPoint, ProgrammePage, Theme
from research.demo import ensure_research_pages
from research.models import ModelOverviewPage, TimelinePage

pytestmark = pytest.mark.django_db


def edit_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "description": rich_text("<p>Neue Beschreibung mit <b>Betonung</b>.</p>"),
        "themes": [t.pk for t in page.themes.all()],
        "target_groups": [t.pk for t in page.target_groups.all()],
        "districts": [d.pk for d in page.districts.all()],
        "languages": ["de", "tr"],
        "status": page.status,
        "start_year": page.start_year,
        "end_year": "",
        "organisation": page.organisation,
        "partners": "Partner A\nPartner B",
        "funding": page.funding,
        "website": page.website,
        "keywords": "Sprachcafé\nKonversation",
        "lead_image": "",
        "lead_image_alt": "",
        "last_reviewed": "2026-11-20",
        "review_interval_months": page.review_interval_months,
        "team": page.team_id or "",
        "contact_links": inline_formset([
            {"id": link.pk, "contact": link.contact_id} for link in page.contact_links.all()
        ], initial=page.contact_links.count()),
        "outcomes": inline_formset([
            {"id": page.outcomes.first().pk, "indicator": "Beratungen", "value": "1500", "unit": "Gespräche", "year": "2024", "source": "Bericht",
             "note": ""},
            {"indicator": "Zufriedenheit", "value": "", "unit": "", "year": "2025", "source": "", "note": "sehr gut"},
        ], initial=1),
        "attachments": inline_formset([]),
        "related_programmes": inline_formset([]),
        "venues": inline_formset([]), "hours": inline_formset([]),  # service facts (issue 22), none given
        "seo_title": "", "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    multi = {key: data.pop(key) for key in ("themes", "target_groups", "districts", "languages")}
    return {**nested_form_data(data), **multi}


def test_admin_dashboard_and_programme_editor_load(admin_client, programme):
    assert admin_client.get("/admin/").status_code == 200
    response = admin_client.get(f"/admin/pages/{programme.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("summary", "themes", "start_year", "contact_links-TOTAL_FORMS", "outcomes-TOTAL_FORMS", "lead_image_alt"):
        assert field in html


def test_editor_publishes_outcomes_and_contacts(admin_client, programme, client):
    welcome = ContactPoint.objects.create(
        role="Beratung", organisation="Welcome Center Stuttgart", email="welcome@example.org",
        phone="0711 555-0000", opening_hours="Mo–Fr 9–13 Uhr", languages=["de", "en"],
    )
    link = programme.contact_links.get()
    contacts = inline_formset([{"id": link.pk, "contact": welcome.pk}], initial=1)
    response = admin_client.post(f"/admin/pages/{programme.pk}/edit/", edit_form(programme, contact_links=contacts))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ProgrammePage.objects.get(pk=programme.pk)
    assert [o.indicator for o in page.outcomes.all()] == ["Beratungen", "Zufriedenheit"]
    assert page.outcomes.first().value == 1500
    [contact] = page.contacts
    assert contact.email == "welcome@example.org" and contact.languages == ["de", "en"]
    assert page.languages == ["de", "tr"] and page.partners == ["Partner A", "Partner B"]
    html = client.get(page.url).content.decode()
    assert "1.500 Gespräche" in html and "welcome@example.org" in html and "<b>Betonung</b>" in html


def test_end_year_before_start_year_is_rejected_with_a_message(admin_client, programme):
    response = admin_client.post(f"/admin/pages/{programme.pk}/edit/", edit_form(programme, end_year="2001"))
    assert response.status_code == 200
    assert "before the start year" in response.content.decode() or "vor dem Startjahr" in response.content.decode()
    assert ProgrammePage.objects.get(pk=programme.pk).end_year is None


def test_unknown_language_code_is_rejected(admin_client, programme):
    response = admin_client.post(f"/admin/pages/{programme.pk}/edit/", edit_form(programme, languages=["de", "klingon"]))
    assert response.status_code == 200
    assert ProgrammePage.objects.get(pk=programme.pk).languages == ["de", "en"]


def test_taxonomies_are_snippets_staff_can_relabel(admin_client, site_tree):
    theme = Theme.objects.get(slug="health")
    url = f"/admin/snippets/programmes/theme/edit/{theme.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"slug": "health", "label_de": "Gesundheit und Pflege",
                                       "label_en": "Health and care", "sort_order": 8})
    assert response.status_code == 302
    assert Theme.objects.get(slug="health").label("de") == "Gesundheit und Pflege"


def test_admin_page_search_still_works(admin_client, programme):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    response = admin_client.get("/admin/pages/search/", {"q": "Sprachcafé"})
    assert response.status_code == 200 and "Sprachcafé für Neuzugewanderte" in response.content.decode()


def test_a_locked_programme_cannot_be_overwritten_by_another_editor(client, programme, django_user_model):
    from wagtail.models import Page

    alice = django_user_model.objects.create_superuser("alice", "alice@example.org", "pw-alice-123")
    bob = django_user_model.objects.create_superuser("bob", "bob@example.org", "pw-bob-123")
    client.force_login(alice)
    assert client.post(f"/admin/pages/{programme.pk}/lock/").status_code == 302
    assert Page.objects.get(pk=programme.pk).locked_by == alice
    client.force_login(bob)
    response = client.post(f"/admin/pages/{programme.pk}/edit/", edit_form(programme, title="Bobs Fassung"))
    assert ProgrammePage.objects.get(pk=programme.pk).title == "Sprachcafé für Neuzugewanderte"
    assert response.status_code in (200, 302, 403)
    assert not ProgrammePage.objects.get(pk=programme.pk).revisions.filter(content__title="Bobs Fassung").exists()


def test_stale_editor_is_told_instead_of_overwriting_a_newer_version(admin_client, programme):
    latest = programme.latest_revision
    programme.title = "Neuere Fassung"
    programme.save_revision().publish()
    data = edit_form(programme, title="Veraltete Fassung", loaded_revision_id=str(latest.pk),
                     loaded_revision_created_at=latest.created_at.isoformat())
    data.pop("action-publish")
    response = admin_client.post(f"/admin/pages/{programme.pk}/edit/", data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert ProgrammePage.objects.get(pk=programme.pk).get_latest_revision_as_object().title == "Neuere Fassung"


def test_staff_can_add_the_overview_and_edit_milestones_in_the_admin(admin_client, site_tree):
    home = site_tree["de"][0]
    assert ModelOverviewPage.can_create_at(home)
    assert admin_client.get(f"/admin/pages/add/research/modeloverviewpage/{home.pk}/").status_code == 200
    timeline = ensure_research_pages().get_children().type(TimelinePage).first()
    html = admin_client.get(f"/admin/pages/{timeline.pk}/edit/").content.decode()
    assert re.search(r'name="milestones-TOTAL_FORMS"[^>]*value="7"|value="7"[^>]*name="milestones-TOTAL_FORMS"', html)
