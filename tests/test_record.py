"""One programme record: every output takes its fields from programmes/record.py, and an
import of an existing programme goes through Wagtail's publish like an editor's."""

import ast
from pathlib import Path

import pytest
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.signals import page_published

from opendata import exports
from programmes import record
from programmes.exchange import export_data, import_data
from programmes.exchange.schema import schema_keys
from programmes.models import ProgrammePage
from programmes.models.contacts import EXCHANGE_FIELDS
from programmes.translation import SHARED_FIELDS, TRANSLATED_FIELDS
from tests.factories import create, exchange
from tests.factories import record as exchange_record

ROOT = Path(__file__).resolve().parent.parent
EN = {"title": "Language café", "summary": "Practise German."}


# --- one definition -------------------------------------------------------------------------------

def test_the_exchange_schema_has_exactly_the_record_keys():
    assert schema_keys("programme") == list(record.PROGRAMME)
    assert schema_keys("outcome") == list(record.OUTCOME)
    assert schema_keys("contact") == list(record.CONTACT)
    assert schema_keys("translation") == list(record.TRANSLATION)


def test_csv_columns_contacts_and_translations_follow_the_record():
    assert exports.PROGRAMME_COLUMNS[:len(record.TABLE)] == record.TABLE
    assert set(record.TABLE) <= set(record.PROGRAMME)
    assert exports.OUTCOME_COLUMNS[2:-1] == list(record.OUTCOME)
    assert EXCHANGE_FIELDS == list(record.CONTACT)
    assert set(record.TRANSLATION) <= set(TRANSLATED_FIELDS)
    assert not set(SHARED_FIELDS) & set(TRANSLATED_FIELDS)
    assert set(record.SHARED) <= set(SHARED_FIELDS)


def _distinctive_keys():
    """Record keys that only a programme field list would name together (not 'title', 'year', ...)."""
    generic = {"slug", "title", "summary", "description", "value", "name", "year", "note", "languages",
               "translations", "email", "website", "role", "city", "status", "source", "unit"}
    return (set(record.PROGRAMME) | set(record.OUTCOME) | set(record.CONTACT)) - generic


def test_no_second_hand_written_programme_field_list():
    """A list, tuple, set or dict literal naming four or more of the record's fields outside
    programmes/record.py is a second field list: take it from the record instead."""
    keys = _distinctive_keys()
    found = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in (".venv", "node_modules", "tests", "bench") or "migrations" in relative.parts:
            continue
        if relative == Path("programmes/record.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                named = {i.value for i in items if isinstance(i, ast.Constant) and i.value in keys}
                if len(named) >= 4:
                    found.append(f"{relative}:{node.lineno} {sorted(named)}")
    assert not found, "field lists written outside programmes/record.py:\n" + "\n".join(found)


@pytest.mark.django_db
def test_record_round_trip_describes_the_page_it_came_from(site_tree):
    page = create(translations={"en": EN})
    exported = record.to_record(ProgrammePage.objects.get(pk=page.pk))
    assert list(exported) == list(record.PROGRAMME)
    assert record.normalise(exported) == record.normalise(exchange_record(translations={"en": EN}))


# --- Wagtail's route for updates ------------------------------------------------------------------

@pytest.mark.django_db
def test_importing_a_change_publishes_a_revision_through_wagtail(site_tree, django_user_model):
    editor = django_user_model.objects.create_superuser("ines", "ines@example.org", "secret-pass-123")
    create(translations={"en": EN})
    published = []

    def receiver(sender, instance, revision, **kwargs):
        published.append((instance.slug, instance.locale.language_code, revision.user))

    page_published.connect(receiver)
    try:
        result = import_data(exchange(exchange_record(summary="Neue Zusammenfassung.", translations={"en": EN})),
                             user=editor)
    finally:
        page_published.disconnect(receiver)
    assert result.updated == ["sprachcafe-test"]
    assert ("sprachcafe-test", "de", editor) in published
    assert ("sprachcafe-test", "en", editor) in published  # the translation's shared facts, re-published
    page = ProgrammePage.objects.get(slug="sprachcafe-test", locale__language_code="de")
    assert page.revisions.count() == 2  # the editor sees the import as the latest revision in the history
    assert page.live_revision == page.latest_revision and page.live_revision.user == editor
    assert page.live_revision.as_object().summary == "Neue Zusammenfassung."
    assert page.summary == "Neue Zusammenfassung." and not page.has_unpublished_changes
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision=page.live_revision,
                                       user=editor).exists()


@pytest.mark.django_db
def test_an_unchanged_import_publishes_nothing(site_tree):
    create()
    published = []
    page_published.connect(receiver := lambda **kwargs: published.append(kwargs["instance"].pk))
    try:
        import_data(exchange(exchange_record()))
    finally:
        page_published.disconnect(receiver)
    assert published == []


# --- the bulk path for new pages ------------------------------------------------------------------

@pytest.mark.django_db
def test_bulk_import_of_new_pages_leaves_a_clean_tree_and_wagtails_reference_index(site_tree):
    """bulk.py numbers tree paths and writes reference-index rows itself (no public API does many
    at once): the tree must pass treebeard's own check and the rows equal Wagtail's."""
    create(slug="vorhanden", title="Schon da", translations={"en": EN})
    import_data(exchange(*[
        exchange_record(slug=f"neu-{i}", title=f"Neu {i}", related=["vorhanden"] + ([f"neu-{i - 1}"] if i else []),
                        translations={"en": {**EN, "title": f"New {i}"}} if i % 2 else {})
        for i in range(12)
    ]))
    assert not any(Page.find_problems())
    assert ProgrammePage.objects.count() == 2 + 12 + 6

    def references():
        return sorted(ReferenceIndex.objects.values_list(
            "object_id", "to_content_type_id", "to_object_id", "model_path", "content_path", "content_path_hash",
        ))

    bulk = references()
    assert bulk
    for page in ProgrammePage.objects.all():
        ReferenceIndex.create_or_update_for_object(page)
    assert references() == bulk


@pytest.mark.django_db
def test_export_still_round_trips_with_updates_through_wagtail(site_tree):
    create(translations={"en": EN})
    first = export_data()
    import_data(exchange(exchange_record(title="Sprachcafé (neu)", translations={"en": EN})))
    import_data(first)
    assert export_data() == first


@pytest.mark.django_db
def test_one_by_one_import_creates_pages_as_an_editor_does(site_tree):
    """The demo loader's route: each new page added as a draft, then published through Wagtail."""
    published = []
    page_published.connect(receiver := lambda **kwargs: published.append(kwargs["instance"].slug))
    try:
        import_data(exchange(
            exchange_record(slug="erstes", related=["zweites"], translations={"en": EN}),
            exchange_record(slug="zweites", title="Zweites Programm"),
        ), bulk=False)
    finally:
        page_published.disconnect(receiver)
    assert sorted(published) == ["erstes", "erstes", "zweites"]
    assert not any(Page.find_problems())
    first = ProgrammePage.objects.get(slug="erstes", locale__language_code="de")
    assert first.live and first.live_revision == first.latest_revision and first.revisions.count() == 1
    assert [link.target.slug for link in first.related_programmes.all()] == ["zweites"]
    english = ProgrammePage.objects.get(slug="erstes", locale__language_code="en")
    assert english.live and english.title == EN["title"] and english.url.startswith("/en/")
