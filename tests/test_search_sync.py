"""The public index follows the page tree: publish, unpublish, delete, move, translate, import."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from programmes.models import ProgrammePage
from search.models import Concept, ConceptLabel, Posting, Vocabulary
from search.service import SearchQuery, get_search_service
from tests.factories import create

pytestmark = pytest.mark.django_db


def found(q, lang="de"):
    return [h.slug for h in get_search_service().search(SearchQuery(text=q, lang=lang)).hits]


def assert_vocabulary_consistent():
    """Each term's document frequency (which weighs it in ranking) is the number of its postings."""
    postings = dict(Posting.objects.values_list("term").annotate(n=Count("id")).values_list("term", "n"))
    assert dict(Vocabulary.objects.filter(df__gt=0).values_list("term", "df")) == postings


def test_imported_programmes_are_findable_at_once(programme):
    assert found("Sprachcafé") == ["sprachcafe-test"]
    assert_vocabulary_consistent()


def test_publishing_an_edit_updates_the_index(programme):
    programme.title = "Zauberwürfelturnier"
    programme.save_revision().publish()
    assert found("Zauberwürfelturnier") == ["sprachcafe-test"]
    programme.title = "Spielenachmittag"
    programme.save_revision().publish()
    assert found("Zauberwürfelturnier") == [] and found("Spielenachmittag") == ["sprachcafe-test"]
    assert_vocabulary_consistent()


def test_saving_a_draft_does_not_change_the_public_index(programme):
    programme.title = "Geheimer Entwurf"
    programme.save_revision()
    assert found("Entwurf") == [] and found("Sprachcafé") == ["sprachcafe-test"]


def test_unpublish_and_delete_remove_from_the_index(programme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        programme.unpublish()
    assert found("Sprachcafé") == []
    with django_capture_on_commit_callbacks(execute=True):
        programme.save_revision().publish()
    assert found("Sprachcafé") == ["sprachcafe-test"]
    with django_capture_on_commit_callbacks(execute=True):
        ProgrammePage.objects.get(pk=programme.pk).delete()
    assert found("Sprachcafé") == []
    assert_vocabulary_consistent()


def test_moving_updates_the_url_in_the_index(programme, site_tree):
    from programmes.models import ProgrammeIndexPage

    home = site_tree["de"][0]
    other = home.add_child(instance=ProgrammeIndexPage(title="Archiv", slug="archiv"))
    ProgrammePage.objects.get(pk=programme.pk).move(other, pos="last-child")
    hit = get_search_service().search(SearchQuery(text="Sprachcafé")).hits[0]
    assert hit.url == "/de/archiv/sprachcafe-test/"


def test_translating_adds_the_translation_to_english_search(site_tree, django_capture_on_commit_callbacks):
    create()
    assert found("Sprachcafé", lang="en") == ["sprachcafe-test"]  # German stands in
    with django_capture_on_commit_callbacks(execute=True):
        create(translations={"en": {"title": "Language café", "summary": "Practise speaking German."}})
    results = get_search_service().search(SearchQuery(text="language cafe", lang="en")).hits
    assert [(h.slug, h.lang) for h in results] == [("sprachcafe-test", "en")]
    # the German document no longer stands in for English once the translation exists
    assert get_search_service().search(SearchQuery(text="", lang="en")).total == 1


def test_rebuild_gives_the_same_index(programme, capsys):
    create(slug="zweites", title="Zweites Programm mit Hausaufgabenhilfe")
    before = sorted(Posting.objects.values_list("term", "weight"))
    call_command("search_index", "rebuild")
    assert "2/2" in capsys.readouterr().out
    assert sorted(Posting.objects.values_list("term", "weight")) == before
    assert found("Hausaufgabenhilfe") == ["zweites"]
    assert_vocabulary_consistent()


def test_staff_vocabulary_edits_apply_without_reindexing(programme):
    assert found("Plauderstunde") == []
    concept = Concept.objects.create(uri="https://example.org/vocabulary/chat-hour")
    ConceptLabel.objects.create(concept=concept, lang="de", kind="pref", text="Sprachcafé")
    ConceptLabel.objects.create(concept=concept, lang="de", kind="alt", text="Plauderstunde")
    assert found("Plauderstunde") == ["sprachcafe-test"]


def test_publishing_the_source_updates_its_translations_in_the_index(site_tree):
    page = create(translations={"en": {"title": "Language café", "summary": "Practise speaking German."}})
    page.status = "completed"
    page.end_year = 2024
    page.save_revision().publish()
    hits = get_search_service().search(SearchQuery(text="language cafe", lang="en")).hits
    assert [(h.slug, h.status, h.end_year) for h in hits] == [("sprachcafe-test", "completed", 2024)]
