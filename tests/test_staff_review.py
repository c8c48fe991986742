"""Freshness: overdue programmes by team, "still correct", weekly reminders."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from editorial.freshness import add_months, overdue_programmes
from programmes.models import ProgrammePage
from programmes.teams import PUBLISHERS, TEAMS
from tests.factories import create

pytestmark = pytest.mark.django_db


def set_review(page, reviewed, months=12, team=None):
    ProgrammePage.objects.filter(translation_key=page.translation_key).update(
        last_reviewed=reviewed, review_interval_months=months,
        team=Group.objects.get(name=team) if team else None,
    )


@pytest.fixture
def reviewed(site_tree):
    today = timezone.localdate()
    old = create(slug="alt-test", title="Alt geprüft")
    fresh = create(slug="frisch-test", title="Frisch geprüft")
    short = create(slug="kurz-test", title="Kurzes Intervall")
    set_review(old, today - datetime.timedelta(days=400), team=TEAMS[0])
    set_review(fresh, today - datetime.timedelta(days=30), team=TEAMS[0])
    set_review(short, today - datetime.timedelta(days=100), months=3, team=TEAMS[1])
    return old, fresh, short


def test_add_months_keeps_month_ends_valid():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 12) == datetime.date(2027, 11, 15)


def test_overdue_uses_each_pages_interval(reviewed):
    old, fresh, short = reviewed
    assert {row.page.slug for row in overdue_programmes()} == {"alt-test", "kurz-test"}


def test_old_outcomes_are_flagged(site_tree):
    page = create(slug="zahlen-test", outcomes=[
        {"indicator": "Teilnehmende", "value": 10, "unit": None, "year": 2012, "source": None, "note": None},
        {"indicator": "Kurse", "value": 3, "unit": None, "year": timezone.localdate().year, "source": None,
         "note": None},
    ])
    set_review(page, timezone.localdate() - datetime.timedelta(days=800))
    [row] = overdue_programmes()
    assert [o.indicator for o in row.stale_outcomes] == ["Teilnehmende"]


def test_report_lists_overdue_programmes_by_team(admin_client, reviewed):
    html = admin_client.get("/admin/review/").content.decode()
    assert "Alt geprüft" in html and "Kurzes Intervall" in html and "Frisch geprüft" not in html
    assert html.index(TEAMS[0]) < html.index("Alt geprüft")
    dashboard = admin_client.get("/admin/").content.decode()
    assert "overdue-panel-heading" in dashboard and f"{TEAMS[1]}: 1" in dashboard


def test_still_correct_confirms_without_content_change(admin_client, reviewed):
    old, _, _ = reviewed
    revisions = old.revisions.count()
    response = admin_client.post(f"/admin/review/{old.pk}/still-correct/")
    assert response.status_code == 302
    page = ProgrammePage.objects.get(pk=old.pk)
    assert page.last_reviewed == timezone.localdate()
    assert page.revisions.count() == revisions and not page.has_unpublished_changes
    assert "alt-test" not in {row.page.slug for row in overdue_programmes()}
    assert PageLogEntry.objects.filter(page=page, action="editorial.confirm_review").exists()
    # the public page says when it was last checked
    html = admin_client.get("/en/programme/alt-test/", follow=True).content.decode()
    assert timezone.localdate().strftime("%Y") in html and "Last reviewed on" in html
    # a later edit does not bring back the old date
    page.summary = "Geändert."
    page.save_revision().publish()
    assert ProgrammePage.objects.get(pk=old.pk).last_reviewed == timezone.localdate()


def test_still_correct_needs_edit_rights(client, django_user_model, reviewed):
    _, _, short = reviewed  # belongs to the second team
    user = django_user_model.objects.create_user("anna", "anna@example.org", "secret-pass-123")
    user.groups.add(Group.objects.get(name=TEAMS[0]))
    client.force_login(user)
    response = client.post(f"/admin/review/{short.pk}/still-correct/")
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied"
    assert ProgrammePage.objects.get(pk=short.pk).last_reviewed != timezone.localdate()
    assert client.get(f"/admin/review/{short.pk}/still-correct/").status_code == 405


def test_reminders_go_to_each_team_with_its_overdue_pages(django_user_model, reviewed, site_tree):
    unassigned = create(slug="ohne-team-test", title="Ohne Team")
    set_review(unassigned, timezone.localdate() - datetime.timedelta(days=500))
    for name, group in [("anna", TEAMS[0]), ("sami", TEAMS[1]), ("ines", PUBLISHERS)]:
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "secret-pass-123")
        user.groups.add(Group.objects.get(name=group))
    mail.outbox.clear()
    call_command("send_review_reminders")
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {("anna@example.org",), ("sami@example.org",), ("ines@example.org",)}
    anna = by_recipient[("anna@example.org",)].body
    assert "Alt geprüft" in anna and "Frisch geprüft" not in anna and "Kurzes Intervall" not in anna
    assert "/admin/pages/" in anna
    assert "Ohne Team" in by_recipient[("ines@example.org",)].body

    mail.outbox.clear()
    call_command("send_review_reminders", "--dry-run")
    assert mail.outbox == []
