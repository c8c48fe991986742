"""The embedded engine caps the postings it scores per common word; the best matches still come first."""

import pytest

import search.engines.embedded as embedded
from programmes.exchange import import_data
from search.service import SearchQuery, get_search_service
from tests.factories import exchange, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_with_one_title_match(site_tree):
    others = [
        record(slug=f"beratung-{i}", title=f"Beratung Nummer {i}", summary="Hilfe im Alltag, auch beim Sprachkurs.")
        for i in range(6)
    ]
    best = record(slug="sprachkurs-eltern", title="Sprachkurs für Eltern", summary="Sprachkurs am Vormittag.",
                  keywords=["Sprachkurs"])
    import_data(exchange(*others, best))


def test_capped_common_word_still_ranks_the_strongest_match_first(many_with_one_title_match, monkeypatch):
    uncapped = get_search_service().search(SearchQuery(text="Sprachkurs"))
    monkeypatch.setattr(embedded, "MAX_POSTINGS_PER_TERM", 2)
    monkeypatch.setattr(embedded, "POSTINGS_BUDGET", 2)
    capped = get_search_service().search(SearchQuery(text="Sprachkurs"))
    assert uncapped.total == 7
    assert capped.hits[0].slug == uncapped.hits[0].slug == "sprachkurs-eltern"
    assert capped.total == 2  # only the word's two best-weighted documents were scored
    assert sum(f["count"] for f in capped.facets["status"]) == 2


def test_rare_words_are_never_capped(many_with_one_title_match, monkeypatch):
    monkeypatch.setattr(embedded, "MAX_POSTINGS_PER_TERM", 2)
    monkeypatch.setattr(embedded, "POSTINGS_BUDGET", 2)
    results = get_search_service().search(SearchQuery(text="Vormittag"))
    assert [hit.slug for hit in results.hits] == ["sprachkurs-eltern"]


def test_capped_common_word_with_a_filter_finds_the_filtered_matches(site_tree, monkeypatch):
    """The cap picks the best postings among the documents the filters allow, not before them."""
    strong = [record(slug=f"stark-{i}", title=f"Sprachkurs {i}", keywords=["Sprachkurs"], districts=["mitte"])
              for i in range(4)]
    weak = record(slug="schwach-botnang", title="Treffpunkt", summary="Auch ein Sprachkurs.", districts=["botnang"])
    import_data(exchange(*strong, weak))
    monkeypatch.setattr(embedded, "MAX_POSTINGS_PER_TERM", 2)
    monkeypatch.setattr(embedded, "POSTINGS_BUDGET", 2)
    unfiltered = get_search_service().search(SearchQuery(text="Sprachkurs"))
    assert "schwach-botnang" not in [hit.slug for hit in unfiltered.hits]  # the cap is in force
    filtered = get_search_service().search(SearchQuery(text="Sprachkurs", filters={"districts": ["botnang"]}))
    assert [hit.slug for hit in filtered.hits] == ["schwach-botnang"] and filtered.total == 1
