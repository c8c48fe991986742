"""Teams edit only their own programmes; publishing needs a moderator's approval."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Workflow, WorkflowState

from programmes.models import ProgrammePage
from programmes.teams import MODERATORS, PUBLISHERS, TEAMS, ensure_teams
from tests.factories import create
from tests.test_admin import edit_form

pytestmark = pytest.mark.django_db
WELCOME, LANGUAGE = TEAMS[0], TEAMS[1]


@pytest.fixture
def make_user(django_user_model):
    def make(username, *groups):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "secret-pass-123")
        user.groups.set([Group.objects.get(name=name) for name in groups])
        return user
    return make


@pytest.fixture
def team_programmes(site_tree):
    welcome = create(slug="welcome-test", title="Welcome Center Test")
    language = create(slug="sprache-test", title="Sprachkurs Test")
    ProgrammePage.objects.filter(translation_key=welcome.translation_key).update(
        team=Group.objects.get(name=WELCOME)
    )
    ProgrammePage.objects.filter(translation_key=language.translation_key).update(
        team=Group.objects.get(name=LANGUAGE)
    )
    return ProgrammePage.objects.get(pk=welcome.pk), ProgrammePage.objects.get(pk=language.pk)


def login(client, user):
    client.force_login(user)
    return client


def test_fresh_site_has_teams_publishers_and_a_moderation_workflow():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(TEAMS) | {PUBLISHERS, MODERATORS} <= names
    assert ensure_teams() and Group.objects.filter(name__in=TEAMS).count() == len(TEAMS)  # idempotent
    workflow = Workflow.objects.get(active=True)
    assert Page.objects.get(depth=1).get_workflow() == workflow
    assert [t.specific.groups.get().name for t in workflow.tasks] == [MODERATORS]


def test_team_member_edits_own_programme_but_not_another_teams(client, make_user, team_programmes):
    welcome, language = team_programmes
    login(client, make_user("anna", WELCOME))
    assert client.get(f"/admin/pages/{welcome.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{language.pk}/edit/").status_code in (302, 403)
    response = client.post(f"/admin/pages/{language.pk}/edit/", edit_form(language, summary="Übernommen."))
    assert response.status_code in (302, 403)
    language.refresh_from_db()
    assert language.summary != "Übernommen." and not language.has_unpublished_changes
    # nor publish, unpublish or delete it
    assert client.post(f"/admin/pages/{language.pk}/unpublish/").status_code in (302, 403)
    assert client.post(f"/admin/pages/{language.pk}/delete/").status_code in (302, 403)
    assert ProgrammePage.objects.get(pk=language.pk).live


def test_team_member_cannot_edit_home_or_catalogue_but_can_add_programmes(client, make_user, site_tree):
    user = make_user("anna", WELCOME)
    home, catalogue = site_tree["de"]
    assert not home.permissions_for_user(user).can_edit()
    assert not catalogue.permissions_for_user(user).can_edit()
    assert catalogue.permissions_for_user(user).can_add_subpage()


def test_team_member_cannot_publish_without_approval(client, make_user, team_programmes):
    welcome, _ = team_programmes
    login(client, make_user("anna", WELCOME))
    assert not welcome.permissions_for_user(make_user("ben", WELCOME)).can_publish()
    response = client.post(f"/admin/pages/{welcome.pk}/edit/", edit_form(welcome, summary="Neu, aber ungeprüft."))
    assert response.status_code == 302  # saved as a draft, not published
    welcome.refresh_from_db()
    assert welcome.has_unpublished_changes
    assert welcome.summary != "Neu, aber ungeprüft."  # "publish" is not an action a team member has
    assert client.get(f"/de/programme/{welcome.slug}/").content.decode().count("Neu, aber ungeprüft.") == 0


def test_workflow_submit_review_publish_with_email(client, make_user, team_programmes):
    welcome, _ = team_programmes
    moderator = make_user("mona", MODERATORS)
    author = make_user("anna", WELCOME)
    login(client, author)
    data = edit_form(welcome, summary="Neue Beratungszeiten ab Januar.")
    del data["action-publish"]
    data["action-submit"] = "action-submit"
    mail.outbox.clear()
    response = client.post(f"/admin/pages/{welcome.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    state = WorkflowState.objects.get(object_id=str(welcome.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert ProgrammePage.objects.get(pk=welcome.pk).summary != "Neue Beratungszeiten ab Januar."
    assert any(moderator.email in m.to for m in mail.outbox), "moderators are told by e-mail"

    login(client, moderator)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/{welcome.pk}/edit/", {**data, "action-submit": "", "action-workflow-action": "true",
                                               "workflow-action-name": "approve"}
    )
    if ProgrammePage.objects.get(pk=welcome.pk).summary != "Neue Beratungszeiten ab Januar.":
        response = client.post(
            f"/admin/pages/workflow/action/{welcome.pk}/approve/{task_state.pk}/", {"comment": "passt"}
        )
    assert response.status_code in (200, 302)
    page = ProgrammePage.objects.get(pk=welcome.pk)
    assert page.live and page.summary == "Neue Beratungszeiten ab Januar."
    assert any(author.email in m.to for m in mail.outbox), "the author hears about the approval"
    # revisions and their comparison are available to the team
    login(client, author)
    revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
    assert len(revisions) >= 2
    compare = client.get(f"/admin/pages/{page.pk}/revisions/compare/{revisions[0]}...{revisions[-1]}/")
    assert compare.status_code == 200 and "Neue Beratungszeiten ab Januar." in compare.content.decode()


def test_publisher_publishes_any_teams_programme(client, make_user, team_programmes):
    _, language = team_programmes
    login(client, make_user("ines", PUBLISHERS))
    response = client.post(f"/admin/pages/{language.pk}/edit/", edit_form(language, summary="Direkt veröffentlicht."))
    assert response.status_code == 302
    assert ProgrammePage.objects.get(pk=language.pk).summary == "Direkt veröffentlicht."


def test_programme_created_by_team_member_belongs_to_the_team(client, make_user, site_tree):
    from programmes.wagtail_hooks import assign_team_of_creator

    user = make_user("anna", WELCOME)
    page = create(slug="neu-test")

    class Request:
        pass

    request = Request()
    request.user = user
    assign_team_of_creator(request, page)
    assert ProgrammePage.objects.get(pk=page.pk).team.name == WELCOME
    assert page.permissions_for_user(user).can_edit()


def test_scheduled_publishing_and_expiry_run_by_publish_scheduled(team_programmes):
    welcome, _ = team_programmes
    page = ProgrammePage.objects.get(pk=welcome.pk)
    page.summary = "Später live."
    page.go_live_at = timezone.now() + timezone.timedelta(days=1)
    revision = page.save_revision()
    revision.publish()
    assert ProgrammePage.objects.get(pk=welcome.pk).summary != "Später live."  # only scheduled
    call_command("publish_scheduled")
    assert ProgrammePage.objects.get(pk=welcome.pk).summary != "Später live."  # not due yet

    # a day later (moved back instead of waiting): the command publishes it
    past = timezone.now() - timezone.timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    assert ProgrammePage.objects.get(pk=welcome.pk).summary == "Später live."

    ProgrammePage.objects.filter(pk=welcome.pk).update(expire_at=past)
    call_command("publish_scheduled")
    page = ProgrammePage.objects.get(pk=welcome.pk)
    assert not page.live and page.expired


def test_team_member_cannot_hand_a_programme_to_another_team(client, make_user, team_programmes):
    welcome, _ = team_programmes
    login(client, make_user("anna", WELCOME))
    other = Group.objects.get(name=LANGUAGE)
    response = client.post(f"/admin/pages/{welcome.pk}/edit/", edit_form(welcome, team=other.pk))
    assert response.status_code == 200 and "team" in response.context["form"].errors
    html = client.get(f"/admin/pages/{welcome.pk}/edit/").content.decode()
    assert WELCOME in html and LANGUAGE not in html.split('name="team"')[1].split("</select>")[0]
