"""Snippets: the best window is found in one pass and huge fields are not scanned whole."""

from hypothesis import given
from hypothesis import strategies as st

from search import highlight as hl


def _brute_force_window(hits, width):
    best_start, best_count = 0, -1
    for i in hits:
        start = max(0, i - 4)
        count = sum(1 for h in hits if start <= h < start + width)
        if count > best_count:
            best_start, best_count = start, count
    return best_start


@given(st.sets(st.integers(0, 400), min_size=1, max_size=60), st.integers(1, 40))
def test_window_is_the_one_with_most_hits(hits, width):
    hits = sorted(hits)
    assert hl._best_window(hits, width) == _brute_force_window(hits, width)


def test_huge_field_is_scanned_only_up_to_the_limit(monkeypatch):
    """A 10 MB description once kept a search busy for minutes: only SCAN_CHARS are read."""
    calls = []
    real = hl._matches

    def counting(word, lang, terms, lexicon):
        calls.append(word)
        return real(word, lang, terms, lexicon)

    monkeypatch.setattr(hl, "_matches", counting)
    text = "lorem ipsum dolor " * 600_000  # about 10 MB
    snippet = hl.highlight([text], "de", {hl.stem("lorem", "de")}, frozenset())
    assert "<mark>lorem</mark>" in snippet
    assert snippet.endswith(" …")
    assert len(calls) <= hl.SCAN_CHARS // 2


def test_match_beyond_the_scanned_part_falls_through_to_the_next_field():
    body = "x " * hl.SCAN_CHARS + "Sprachkurs"
    snippet = hl.highlight([body, "Ein Sprachkurs für Eltern"], "de", {hl.stem("sprachkurs", "de")}, frozenset())
    assert "<mark>Sprachkurs</mark> für Eltern" in snippet
