"""Audit log: publishing, unpublishing, imports (who, what, from which file), permission changes."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.log_actions import LogContext
from wagtail.models import GroupPagePermission, ModelLogEntry, Page, PageLogEntry

from programmes.exchange import importer
from programmes.management.commands import import_programmes
from programmes.models import ProgrammePage
from programmes.teams import TEAMS
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("ines", "ines@example.org", "secret-pass-123")


def test_publish_and_unpublish_are_logged_with_the_user(staff, programme):
    programme.summary = "Neu."
    programme.save_revision(user=staff).publish(user=staff)
    programme.unpublish(user=staff)
    actions = list(PageLogEntry.objects.filter(page=programme, user=staff).values_list("action", flat=True))
    assert "wagtail.publish" in actions and "wagtail.unpublish" in actions


def test_import_logs_who_imported_what_from_which_file(staff, site_tree, tmp_path):
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(exchange(record(slug="import-a"), record(slug="import-b"))), encoding="utf-8")
    call_command("import_programmes", str(path), "--user", "ines")
    entries = PageLogEntry.objects.filter(action="programmes.import").select_related("page")
    assert {(e.page.slug, e.user_id, e.data["change"], e.data["file"]) for e in entries} == {
        ("import-a", staff.pk, "created", str(path)), ("import-b", staff.pk, "created", str(path)),
    }
    assert PageLogEntry.objects.filter(action="wagtail.publish", user=staff, page__slug="import-a").exists()
    # a second import of the same file changes nothing and logs nothing new
    call_command("import_programmes", str(path), "--user", "ines")
    assert PageLogEntry.objects.filter(action="programmes.import").count() == 2


def test_import_audit_commits_with_the_import_in_one_insert(staff, site_tree, tmp_path, monkeypatch):
    """Issue 19, item 8: a process killed right after the import's commit still leaves the audit."""
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(exchange(*(record(slug=f"kill-{n}") for n in range(3)))), encoding="utf-8")
    real_import = importer.import_data

    def import_then_die(*args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            real_import(*args, **kwargs)
        inserts = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "wagtailcore_pagelogentry"')
                   and "programmes.import" in q["sql"]]
        assert len(inserts) == 1  # in bulk, not one row at a time
        raise KeyboardInterrupt  # the process is killed once the import has committed

    monkeypatch.setattr(import_programmes, "import_data", import_then_die)
    with pytest.raises(KeyboardInterrupt):
        call_command("import_programmes", str(path), "--user", "ines")
    entries = PageLogEntry.objects.filter(action="programmes.import")
    assert sorted(e.page.slug for e in entries) == ["kill-0", "kill-1", "kill-2"]
    assert {e.user_id for e in entries} == {staff.pk}


def test_import_by_unknown_user_is_refused(site_tree, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "programme.json"
    path.write_text(json.dumps(exchange(record(slug="import-c"))), encoding="utf-8")
    with pytest.raises(CommandError, match="no user named"):
        call_command("import_programmes", str(path), "--user", "nobody")
    assert not ProgrammePage.objects.filter(slug="import-c").exists()


def test_permission_changes_are_logged(staff, django_user_model):
    team = Group.objects.get(name=TEAMS[0])
    member = django_user_model.objects.create_user("anna", "anna@example.org", "secret-pass-123")
    root = Page.objects.get(depth=1)
    publish = Permission.objects.get(codename="publish_page")
    with LogContext(user=staff):
        member.groups.add(team)
        GroupPagePermission.objects.create(group=team, page=root, permission=publish)
        GroupPagePermission.objects.filter(group=team, permission=publish).delete()
        team.permissions.add(Permission.objects.get(codename="view_feedback"))
    entries = ModelLogEntry.objects.filter(user=staff).order_by("pk")
    summary = [(e.action, e.data.get("change"), e.label) for e in entries]
    assert ("editorial.membership", "granted", "anna") in summary
    assert ("editorial.page_permission", "granted", team.name) in summary
    assert ("editorial.page_permission", "revoked", team.name) in summary
    assert ("editorial.group_permissions", "granted", team.name) in summary


def test_membership_change_in_the_admin_is_attributed_and_shown(client, staff, django_user_model):
    member = django_user_model.objects.create_user("anna", "anna@example.org", "secret-pass-123",
                                                   first_name="Anna", last_name="Alt")
    team = Group.objects.get(name=TEAMS[1])
    client.force_login(staff)
    response = client.post(f"/admin/users/edit/{member.pk}/", {
        "username": "anna", "email": "anna@example.org", "first_name": "Anna", "last_name": "Alt",
        "password1": "", "password2": "", "is_active": "on", "groups": [team.pk],
    })
    assert response.status_code == 302, response.context["form"].errors
    entry = ModelLogEntry.objects.get(action="editorial.membership")
    assert entry.user == staff and entry.data == {"change": "granted", "groups": [team.name]}
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Gruppenmitgliedschaft geändert" in history
