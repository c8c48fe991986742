"""The importer's bulk path: many new pages end up exactly as Wagtail's own publish leaves them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from programmes.exchange import import_data
from programmes.models import ProgrammeIndexPage, ProgrammePage
from search.service import SearchQuery, get_search_service
from tests.factories import create, exchange, record

pytestmark = pytest.mark.django_db

EN = {"title": "Language café", "summary": "Practise German."}


def many(n, prefix="programm"):
    return [record(slug=f"{prefix}-{i}", title=f"Programm Nummer {i}") for i in range(n)]


def test_new_pages_are_live_published_and_well_formed_in_the_tree(site_tree, client):
    import_data(exchange(
        record(slug="erstes", related=["zweites"], translations={"en": EN}),
        record(slug="zweites", title="Zweites Programm", translations={"en": {**EN, "title": "Second"}}),
        record(slug="drittes", title="Drittes Programm"),
    ))
    assert not any(Page.find_problems())  # treebeard: paths, depths and child counts agree
    catalogue = ProgrammeIndexPage.objects.get(locale__language_code="de")
    assert catalogue.numchild == 3
    for page in ProgrammePage.objects.all():
        assert page.live and not page.has_unpublished_changes and page.first_published_at
        assert page.live_revision_id == page.latest_revision_id
        assert page.revisions.count() == 1
        assert page.live_revision.as_object().title == page.title
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision=page.live_revision).exists()
        assert client.get(page.url).status_code == 200
    first = ProgrammePage.objects.get(slug="erstes", locale__language_code="de")
    assert [link.target.slug for link in first.live_revision.as_object().related_programmes.all()] == ["zweites"]


def test_translations_link_to_translations_created_by_the_same_import(site_tree):
    import_data(exchange(
        record(slug="erstes", related=["zweites"], translations={"en": EN}),
        record(slug="zweites", title="Zweites Programm", translations={"en": {**EN, "title": "Second"}}),
    ))
    english = ProgrammePage.objects.get(slug="erstes", locale__language_code="en")
    [link] = english.related_programmes.all()
    assert link.target.locale.language_code == "en" and link.target.title == "Second"
    assert english.url.startswith("/en/")


def test_new_translations_link_to_translations_already_on_the_site(site_tree):
    import_data(exchange(record(slug="zweites", title="Zweites Programm", translations={"en": {**EN, "title": "Second"}})))
    import_data(exchange(record(slug="erstes", related=["zweites"], translations={"en": EN})))
    english = ProgrammePage.objects.get(slug="erstes", locale__language_code="en")
    [link] = english.related_programmes.all()
    assert link.target.locale.language_code == "en" and link.target.title == "Second"


def test_pages_are_appended_after_existing_children_and_editors_can_add_more(site_tree):
    create(slug="vorhanden", title="Schon da")
    import_data(exchange(*many(3)))
    catalogue = ProgrammeIndexPage.objects.get(locale__language_code="de")
    assert [p.slug for p in catalogue.get_children()] == ["vorhanden", "programm-0", "programm-1", "programm-2"]
    catalogue.add_child(instance=ProgrammePage(
        title="Von Hand", slug="von-hand", summary="s", start_year=2020, organisation="Stadt",
    ))
    assert not any(Page.find_problems())
    assert catalogue.get_children().count() == 5


def test_new_pages_are_findable_and_listed_in_the_reference_index(site_tree):
    import_data(exchange(record(slug="erstes", related=["zweites"]), record(slug="zweites", title="Zweites Programm")))
    results = get_search_service().search(SearchQuery(text="Zweites Programm"))
    assert "zweites" in [hit.slug for hit in results.hits]
    target = ProgrammePage.objects.get(slug="zweites", locale__language_code="de")
    source = ProgrammePage.objects.get(slug="erstes", locale__language_code="de")
    assert str(source.pk) in [ref.object_id for ref in ReferenceIndex.get_references_to(target)]


def test_queries_do_not_grow_with_the_number_of_new_programmes(site_tree):
    def queries(records):
        with CaptureQueriesContext(connection) as captured:
            import_data(exchange(*records))
        return len(captured)

    few, more = queries(many(5, "a")), queries(many(40, "b"))
    assert more <= few + 10, (few, more)


def _index_snapshot():
    from search.models import FacetValue, IndexedProgramme, Posting

    fields = ("lang", "languages_available", "slug", "title", "summary", "body", "url", "themes", "status",
              "start_year", "end_year", "published_at")
    docs = {row["page_id"]: row for row in IndexedProgramme.objects.values("page_id", *fields)}
    doc_page = dict(IndexedProgramme.objects.values_list("pk", "page_id"))
    postings = {(doc_page[d], t, round(w, 6)) for d, t, w in Posting.objects.values_list("doc_id", "term", "weight")}
    facets = {(doc_page[d], f, v) for d, f, v in FacetValue.objects.values_list("doc_id", "facet", "value")}
    return docs, postings, facets


def test_what_an_import_indexes_is_what_a_rebuild_indexes(site_tree):
    """New pages are indexed from memory (not read back): every term, facet and field must be the
    same as when the index is built from the database."""
    import_data(exchange(
        record(slug="erstes", related=["zweites"], themes=["language", "education"], districts=["mitte", "west"],
               translations={"en": {**EN, "keywords": ["conversation"]}}),
        record(slug="zweites", title="Zweites Programm", keywords=["Elterncafé"], target_groups=[],
               outcomes=[{"indicator": "Kurse mit Kinderbetreuung", "value": 12, "unit": "Kurse", "year": 2022,
                          "source": None, "note": None}],
               translations={"en": {**EN, "title": "Second"}, "tr": {"title": "İkinci", "summary": "Özet."}}),
        record(slug="drittes", title="Drittes Programm", status="completed", end_year=2019),
    ))
    imported = _index_snapshot()
    assert len(imported[0]) == 6 and imported[1] and imported[2]
    get_search_service().rebuild()
    assert _index_snapshot() == imported
