"""Staff editing as an editor tries it (#22): contacts, languages, outcome values, labels, German admin."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from programmes.models import ContactPoint, ProgrammePage
from programmes.teams import TEAMS
from tests.factories import create
from tests.test_admin import edit_form

pytestmark = pytest.mark.django_db
GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}


@pytest.fixture
def editor(client, django_user_model, site_tree):
    """A team member (no publish right) editing her team's programme, in a German browser."""
    user = django_user_model.objects.create_user("erika", "erika@example.org", "secret-pass-123")
    user.groups.set([Group.objects.get(name=TEAMS[0])])
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="de")
    page = create(slug="team-test", title="Programm des Teams")
    ProgrammePage.objects.filter(translation_key=page.translation_key).update(team=Group.objects.get(name=TEAMS[0]))
    client.force_login(user)
    return client, ProgrammePage.objects.get(pk=page.pk)


def test_outcome_values_show_as_written(editor):
    client, page = editor
    html = client.get(f"/admin/pages/{page.pk}/edit/", **GERMAN).content.decode()
    assert page.outcomes.get().value == 320.0
    field = re.search(r'<input[^>]*name="outcomes-0-value"[^>]*>', html).group(0)
    assert 'value="320"' in field


def test_languages_are_picked_from_a_list_of_names(editor):
    client, page = editor
    html = client.get(f"/admin/pages/{page.pk}/edit/", **GERMAN).content.decode()
    select = re.search(r'<select[^>]*name="languages"[^>]*multiple[^>]*>.*?</select>', html, re.S).group(0)
    assert re.search(r'<option value="de" selected>Deutsch \(de\)</option>', select)
    assert '<option value="tr">Türkisch (tr)</option>' in select
    data = edit_form(page, languages=["ar", "uk"])
    del data["action-publish"]
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, **GERMAN)
    assert response.status_code == 302, response.context["form"].errors
    assert ProgrammePage.objects.get(pk=page.pk).get_latest_revision_as_object().languages == ["ar", "uk"]


def test_the_same_contact_twice_is_refused_with_a_message(editor):
    client, page = editor
    contact = ContactPoint.objects.get()
    data = edit_form(page, contact_links={"TOTAL_FORMS": "2", "INITIAL_FORMS": "1", "MIN_NUM_FORMS": "0",
                                          "MAX_NUM_FORMS": "1000"})
    link = page.contact_links.get()
    data.update({"contact_links-0-id": link.pk, "contact_links-0-contact": contact.pk, "contact_links-0-ORDER": "1",
                 "contact_links-0-DELETE": "", "contact_links-1-id": "", "contact_links-1-contact": contact.pk,
                 "contact_links-1-ORDER": "2", "contact_links-1-DELETE": ""})
    del data["action-publish"]
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, **GERMAN)
    assert response.status_code == 200
    assert "Dieser Kontakt steht bereits bei diesem Programm." in response.content.decode()
    assert page.get_latest_revision_as_object().contact_links.count() == 1


def test_contact_chooser_offers_to_create_a_contact(editor):
    client, _page = editor
    chooser = client.get("/admin/snippets/choose/programmes/contactpoint/", **GERMAN)
    assert chooser.status_code == 200
    assert "Neuen Kontakt anlegen" in chooser.json()["html"]
    response = client.post("/admin/snippets/choose/programmes/contactpoint/create/", {
        "organisation": "Stadtteilhaus Ost", "name": "", "role": "Beratung", "email": "ost@example.org",
        "phone": "", "street": "", "postcode": "", "city": "", "opening_hours": "", "website": "",
        "languages": ["de", "tr"],
    }, **GERMAN)
    assert response.status_code == 200 and response.json()["step"] == "chosen", response.content[:500]
    assert ContactPoint.objects.get(organisation="Stadtteilhaus Ost").languages == ["de", "tr"]


def test_related_programmes_are_labelled_as_such(editor):
    client, page = editor
    html = client.get(f"/admin/pages/{page.pk}/edit/", **GERMAN).content.decode()
    assert "Ähnliche Programme" in html  # the panel
    assert re.search(r'<label[^>]*for="id_related_programmes-__prefix__-target"[^>]*>\s*Ähnliches Programm', html) or \
        "Ähnliches Programm" in html  # each row's chooser, not "Target"


def test_workflow_has_a_german_name(editor):
    client, page = editor
    assert set(Workflow.objects.values_list("name", flat=True)) == {"Redaktionsprüfung"}
    html = client.get(f"/admin/pages/{page.pk}/edit/", **GERMAN).content.decode()
    assert "Moderators approval" not in html
    assert "Redaktionsprüfung" in html


def test_admin_stays_german_for_staff_who_chose_german_in_an_english_browser(editor):
    client, page = editor
    html = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="de"' in html
    assert "Speichern" in html or "Entwurf speichern" in html


def test_admin_uses_the_server_language_not_the_browser_when_no_language_was_chosen(editor):
    client, page = editor
    UserProfile.objects.filter(user__username="erika").update(preferred_language="")
    html = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="de"' in html and "Ähnliche Programme" in html


def test_staff_who_chose_english_still_get_english(editor):
    client, page = editor
    UserProfile.objects.filter(user__username="erika").update(preferred_language="en")
    html = client.get(f"/admin/pages/{page.pk}/edit/", **GERMAN).content.decode()
    assert '<html lang="en"' in html and "Related programmes" in html
