"""Shared contacts: one record for many programmes, edited once, matched on import."""

import datetime

import pytest
from django.utils import timezone

from editorial.freshness import overdue_programmes
from programmes.exchange import ExchangeError, export_data, import_data
from programmes.models import ContactPoint, ProgrammePage
from tests.factories import BASE, create, exchange, record

pytestmark = pytest.mark.django_db
OFFICE = {**BASE["contacts"][0]}


def test_programmes_naming_the_same_contact_share_one_record(site_tree):
    import_data(exchange(record(slug="eins-test"), record(slug="zwei-test", title="Zweites Programm")))
    contact = ContactPoint.objects.get()
    assert [link.programme.slug for link in contact.programme_links.order_by("programme__slug")
            if link.programme.locale.language_code == "de"] == ["eins-test", "zwei-test"]


def test_editing_the_record_once_updates_every_page_and_the_export(admin_client, client, site_tree):
    import_data(exchange(record(slug="eins-test"), record(slug="zwei-test", title="Zweites Programm")))
    contact = ContactPoint.objects.get()
    response = admin_client.post(f"/admin/snippets/programmes/contactpoint/edit/{contact.pk}/", {
        "name": "", "role": "Koordination", "organisation": contact.organisation, "email": contact.email,
        "phone": "0711 555-9999", "street": "Marktplatz 1", "postcode": "70173", "city": "Stuttgart",
        "opening_hours": "", "appointment_only": "on", "step_free_access": "true", "website": "",
        "languages": ["de", "en", "ar"],
    })
    assert response.status_code == 302, response.context["form"].errors
    for slug in ("eins-test", "zwei-test"):
        html = client.get(f"/de/programme/{slug}/").content.decode()
        assert "0711 555-9999" in html and "Nur nach Terminvereinbarung" in html and "Stufenloser Zugang" in html
    phones = [r["contacts"][0]["phone"] for r in export_data()["programmes"]]
    assert phones == ["0711 555-9999", "0711 555-9999"]


def test_admin_shows_where_a_contact_is_used(admin_client, site_tree):
    import_data(exchange(record(slug="eins-test", title="Erstes Programm"),
                         record(slug="zwei-test", title="Zweites Programm")))
    contact = ContactPoint.objects.get()
    listing = admin_client.get("/admin/snippets/programmes/contactpoint/").content.decode()
    assert contact.organisation in listing
    usage = admin_client.get(f"/admin/snippets/programmes/contactpoint/usage/{contact.pk}/").content.decode()
    assert "Erstes Programm" in usage and "Zweites Programm" in usage


def test_import_matches_existing_record_by_organisation_and_email(site_tree):
    create(slug="eins-test")
    first = ContactPoint.objects.get()
    changed = {**OFFICE, "email": OFFICE["email"].upper(), "phone": "0711 555-0202"}
    create(slug="zwei-test", contacts=[changed])
    assert ContactPoint.objects.get().pk == first.pk  # same record, not a copy
    assert ContactPoint.objects.get().phone == "0711 555-0202"
    [contact] = ProgrammePage.objects.get(slug="eins-test", locale__language_code="de").contacts
    assert contact.phone == "0711 555-0202"


def test_one_mailbox_with_different_desks_stays_two_records(site_tree):
    desk = {**OFFICE, "role": "Sekretariat", "phone": "0711 555-0102"}
    create(slug="eins-test", contacts=[OFFICE, desk])
    assert ContactPoint.objects.count() == 2
    page = ProgrammePage.objects.get(slug="eins-test", locale__language_code="de")
    assert [c.role for c in page.contacts] == ["Koordination", "Sekretariat"]


def _variants_file():
    """The same office stated fully on one programme and partly, with other hours, on another."""
    partial = {**OFFICE, "opening_hours": "Mo 9–12 Uhr", "website": "https://www.example.org/buero", "languages": ["de"]}
    return exchange(record(slug="eins-test"), record(slug="zwei-test", contacts=[partial])), partial


def _contacts_by_slug(data):
    return {r["slug"]: r["contacts"] for r in data["programmes"]}


def test_same_contact_with_different_details_imports_without_loss(site_tree):
    data, partial = _variants_file()
    result = import_data(data)
    assert result.created == ["eins-test", "zwei-test"]
    assert _contacts_by_slug(export_data()) == {"eins-test": [OFFICE], "zwei-test": [partial]}
    page = ProgrammePage.objects.get(slug="zwei-test", locale__language_code="de")
    assert [c.opening_hours for c in page.contacts] == ["Mo 9–12 Uhr"]


def test_contact_variants_reimport_unchanged_and_survive_an_empty_site(site_tree):
    data, _ = _variants_file()
    import_data(data)
    exported = export_data()
    again = import_data(exported)
    assert again.unchanged == ["eins-test", "zwei-test"] and not again.created and not again.updated
    assert ContactPoint.objects.count() == 2 and export_data() == exported
    ProgrammePage.objects.all().delete()
    ContactPoint.objects.all().delete()
    import_data(exported)
    assert export_data() == exported


def test_changing_one_variant_updates_only_its_record(site_tree):
    data, partial = _variants_file()
    import_data(data)
    moved = {**partial, "opening_hours": "Mi 14–16 Uhr"}
    import_data(exchange(record(slug="eins-test"), record(slug="zwei-test", contacts=[moved])))
    assert _contacts_by_slug(export_data()) == {"eins-test": [OFFICE], "zwei-test": [moved]}
    assert ContactPoint.objects.count() == 2


def test_a_bad_contact_still_refuses_the_whole_file(site_tree):
    data, partial = _variants_file()
    data["programmes"][1]["contacts"][0]["email"] = "kein-postfach"
    data["programmes"][0]["contacts"][0]["email"] = "@example.org"
    with pytest.raises(ExchangeError) as error:
        import_data(data)
    assert error.value.problems == [
        "programmes[0].contacts[0].email: '@example.org' is not a valid e-mail address",
        "programmes[1].contacts[0].email: 'kein-postfach' is not a valid e-mail address",
    ]
    assert not ContactPoint.objects.exists() and not ProgrammePage.objects.filter(slug="eins-test").exists()


def test_round_trip_stays_lossless_and_idempotent(site_tree):
    data = exchange(record(slug="eins-test", translations={"en": {
        "title": "Language café", "summary": "Practise German.", "description": None, "keywords": []}}),
        record(slug="zwei-test", contacts=[OFFICE, {**OFFICE, "role": "Sekretariat"}]))
    import_data(data)
    exported = export_data()
    result = import_data(exported)
    assert result.unchanged == ["eins-test", "zwei-test"] and export_data() == exported
    en = ProgrammePage.objects.get(slug="eins-test", locale__language_code="en")
    de = ProgrammePage.objects.get(slug="eins-test", locale__language_code="de")
    assert list(en.contacts) == list(de.contacts)  # the translation points to the same record


def test_contacts_unchanged_for_years_are_flagged(site_tree):
    page = create(slug="eins-test")
    ProgrammePage.objects.filter(translation_key=page.translation_key).update(
        last_reviewed=timezone.localdate() - datetime.timedelta(days=800)
    )
    ContactPoint.objects.update(updated_at=timezone.now() - datetime.timedelta(days=365 * 4))
    [row] = overdue_programmes()
    assert [c.email for c in row.stale_contacts] == [OFFICE["email"]]
    ContactPoint.objects.update(updated_at=timezone.now())
    [row] = overdue_programmes()
    assert row.stale_contacts == []


def test_only_publishers_edit_shared_contacts(client, django_user_model, site_tree):
    from django.contrib.auth.models import Group

    from programmes.teams import PUBLISHERS, TEAMS

    create(slug="eins-test")
    contact = ContactPoint.objects.get()
    url = f"/admin/snippets/programmes/contactpoint/edit/{contact.pk}/"
    for name, group, allowed in [("anna", TEAMS[0], False), ("ines", PUBLISHERS, True)]:
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "secret-pass-123")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        assert (client.get(url).status_code == 200) is allowed
        chooser = client.get("/admin/snippets/choose/programmes/contactpoint/")
        assert chooser.status_code == 200 and contact.organisation in chooser.content.decode()


def test_backup_keeps_team_interval_and_contact_accessibility(site_tree, tmp_path):
    from django.contrib.auth.models import Group

    from programmes.backup import backup, restore
    from programmes.teams import TEAMS

    page = create(slug="eins-test", translations={"en": {
        "title": "Language café", "summary": "Practise German.", "description": None, "keywords": []}})
    ProgrammePage.objects.filter(translation_key=page.translation_key).update(
        team=Group.objects.get(name=TEAMS[2]), review_interval_months=6,
    )
    ContactPoint.objects.update(appointment_only=True, step_free_access=False)
    backup(tmp_path / "b")
    ProgrammePage.objects.filter(translation_key=page.translation_key).update(team=None, review_interval_months=12)
    ContactPoint.objects.update(appointment_only=False, step_free_access=None)
    restore(tmp_path / "b")
    page = ProgrammePage.objects.get(slug="eins-test", locale__language_code="de")
    assert (page.team.name, page.review_interval_months) == (TEAMS[2], 6)
    assert ProgrammePage.objects.get(slug="eins-test", locale__language_code="en").team.name == TEAMS[2]
    contact = ContactPoint.objects.get()
    assert (contact.appointment_only, contact.step_free_access) == (True, False)
