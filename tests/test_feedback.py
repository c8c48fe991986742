"""'Was this page helpful?': stored without personal data, rate-limited, inbox and CSV export."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings

from feedback.models import Feedback
from programmes.teams import PUBLISHERS, TEAMS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def answer(client, programme, **overrides):
    data = {"helpful": "no", "comment": "Die Öffnungszeiten fehlen.", "kind": "page", "page": programme.pk,
            "next": f"/de/programme/{programme.slug}/", **overrides}
    return client.post("/de/feedback/", data)


def test_programme_page_offers_the_form_without_javascript(client, programme):
    html = client.get(f"/de/programme/{programme.slug}/").content.decode()
    assert 'action="/de/feedback/"' in html and 'method="post"' in html
    assert 'name="helpful" value="yes"' in html and 'name="helpful" value="no"' in html
    assert 'for="id_comment"' in html and "<script" not in html.split('id="feedback"')[1].split("</section>")[0]


def test_answer_is_stored_and_visitor_sees_thanks(client, programme):
    response = answer(client, programme, HTTP_USER_AGENT="Secret/1.0")
    assert response.status_code == 302
    assert response.url == f"/de/programme/{programme.slug}/?feedback=thanks#feedback"
    item = Feedback.objects.get()
    assert (item.page_id, item.helpful, item.comment, item.kind, item.status) == (
        programme.pk, False, "Die Öffnungszeiten fehlen.", "page", "new"
    )
    stored = " ".join(str(getattr(item, f.attname)) for f in Feedback._meta.fields)
    assert "127.0.0.1" not in stored and "Secret" not in stored  # nothing beyond what was typed
    thanks = client.get(response.url).content.decode()
    assert 'role="status"' in thanks and 'name="helpful"' not in thanks


def test_search_results_page_feedback_keeps_the_query(client, programme):
    html = client.get("/de/suche/?q=Sprachcaf%C3%A9").content.decode()
    assert 'name="kind" value="search"' in html and 'value="Sprachcafé"' in html
    response = client.post("/de/feedback/", {"helpful": "yes", "kind": "search", "query": "Sprachcafé",
                                             "next": "/de/suche/?q=Sprachcaf%C3%A9"})
    assert response.url == "/de/suche/?q=Sprachcaf%C3%A9&feedback=thanks#feedback"
    assert Feedback.objects.get().query == "Sprachcafé"


@pytest.mark.parametrize("data, field", [
    ({"helpful": "maybe", "kind": "page"}, "helpful"),
    ({"kind": "page"}, "helpful"),
    ({"helpful": "yes", "kind": "page", "comment": "x" * 1001}, "comment"),
    ({"helpful": "yes", "kind": "spam"}, "kind"),
])
def test_bad_input_is_refused_and_names_the_field(client, data, field):
    response = client.post("/de/feedback/", data)
    assert response.status_code == 400 and field in response.content.decode()
    assert not Feedback.objects.exists()


def test_foreign_redirect_targets_are_ignored(client, programme):
    response = answer(client, programme, next="https://evil.example/")
    assert response.url.startswith(f"/de/programme/{programme.slug}/")


@override_settings(RATE_LIMITS={"feedback": (3, 600)})
def test_feedback_is_rate_limited_per_client(client, programme):
    codes = [answer(client, programme).status_code for _ in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert Feedback.objects.count() == 3
    other = client.post("/de/feedback/", {"helpful": "yes", "kind": "page"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_inbox_marks_read_and_exports_csv(admin_client, client, programme):
    answer(client, programme)
    answer(client, programme, helpful="yes", comment="Sehr klar, danke; \"super\"")
    html = admin_client.get("/admin/feedback/").content.decode()
    assert "Die Öffnungszeiten fehlen." in html
    item = Feedback.objects.get(helpful=False)
    response = admin_client.post(f"/admin/feedback/edit/{item.pk}/", {"status": "read"})
    assert response.status_code == 302 and Feedback.objects.get(pk=item.pk).status == "read"
    admin_client.post(f"/admin/feedback/edit/{item.pk}/", {"status": "archived"})
    unread = admin_client.get("/admin/feedback/?status=new").content.decode()
    assert "Sehr klar" in unread and "Die Öffnungszeiten fehlen." not in unread

    export = admin_client.get("/admin/feedback/?export=csv")
    assert export.status_code == 200 and "csv" in export["Content-Type"]
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3
    assert any('Sehr klar, danke; "super"' in row for row in rows[1:])


def test_inbox_is_for_publishers_not_for_team_members(client, django_user_model):
    for name, group, allowed in [("ines", PUBLISHERS, True), ("anna", TEAMS[0], False)]:
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "secret-pass-123")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        response = client.get("/admin/feedback/")
        assert (response.status_code == 200) is allowed
