"""The Elasticsearch engine, tested without a cluster: mapping and query bodies as data,
the alias-swap rebuild against a fake client that records its calls, and response parsing.

`TestAgainstCluster` at the end runs only when ELASTICSEARCH_URL is set
(`ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/python -m pytest -m elasticsearch`).
"""

import fnmatch
import json
import os
import re
import unicodedata
import uuid

import pytest
from django.conf import settings
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ConnectionError as ESConnectionError
from elasticsearch import NotFoundError

from search.analysis import DIGRAPH_PATTERN, fold
from search.engines.elasticsearch import (
    BOOST_EXACT,
    BOOST_FUZZY,
    MINIMUM_SHOULD_MATCH,
    ElasticsearchEngine,
    IndexingError,
    build_autocomplete_body,
    build_search_body,
    concept_matches,
    language_scope,
    parse_autocomplete_response,
    parse_search_response,
    parse_suggestion,
    query_text,
    safe_highlight,
    split_question,
)
from search.es_mapping import (
    completion_inputs,
    decompound_word_list,
    index_body,
    synonym_rules,
)
from search.service import FACETS, SearchQuery

INDEX = "kb-test"


# --- helpers --------------------------------------------------------------------------------

def body_for(text="", **kwargs):
    return build_search_body(SearchQuery(text=text, **kwargs))


def clauses(body):
    """name → multi_match of the scored text clauses."""
    scored = body["query"]["bool"]["must"][0]["bool"]
    if "must" in scored:  # question words: the scored part is wrapped, they only add to it
        scored = scored["must"][0]["bool"]
    return {c["multi_match"]["_name"]: c["multi_match"] for c in scored["should"] if "multi_match" in c}


def walk(node, path=()):
    """(path, key, value) for every key in a nested dict/list structure."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for item in node:
            yield from walk(item, path)


def not_found():
    meta = ApiResponseMeta(status=404, http_version="1.1", headers=HttpHeaders(), duration=0.0,
                           node=NodeConfig("http", "localhost", 9200))
    return NotFoundError("not found", meta, {"error": "not found"})


def analysis():
    return index_body(INDEX)["settings"]["analysis"]


def mapping():
    return index_body(INDEX)["mappings"]


# --- the mapping, as data ---------------------------------------------------------------------

def test_german_index_analyser_normalises_decompounds_stems_and_folds():
    settings = analysis()
    chain = settings["analyzer"]["kb_de"]["filter"]
    assert settings["analyzer"]["kb_de"]["char_filter"] == ["kb_fold_chars"]
    assert chain[:3] == ["lowercase", "asciifolding", "kb_fold_digraph"]
    decompound = settings["filter"]["kb_decompound_de"]
    assert decompound["type"] in ("dictionary_decompounder", "hyphenation_decompounder")
    assert decompound["only_longest_match"] is True and decompound["min_word_size"] >= 6
    assert {"sprach", "sprache", "kurs", "eltern", "forderung"} <= set(decompound["word_list"])
    assert settings["filter"]["kb_stem_de"] == {"type": "stemmer", "language": "light_german"}
    # Parts are cut from normalised words and then stemmed like whole words.
    assert chain.index("kb_fold_digraph") < chain.index("kb_decompound_de") < chain.index("kb_stem_de")


def test_english_analyser_has_possessive_and_english_stemmer():
    settings = analysis()
    chain = settings["analyzer"]["kb_en"]["filter"]
    assert settings["filter"][chain[0]] == {"type": "stemmer", "language": "possessive_english"}
    assert {"type": "stemmer", "language": "english"} in [settings["filter"][f] for f in chain if f in settings["filter"]]
    assert "asciifolding" in chain


def test_synonyms_are_an_updateable_graph_filter_in_search_analysers_only():
    settings = analysis()
    synonym_filters = {name for name, f in settings["filter"].items() if f["type"] == "synonym_graph"}
    assert synonym_filters == {f"kb_synonyms_{lang}" for lang in ("de", "en", "tr", "ar", "uk")}
    for name in synonym_filters:
        spec = settings["filter"][name]
        assert spec["updateable"] is True
        assert spec["synonyms_set"] == f"{INDEX}-synonyms-{name.rsplit('_', 1)[1]}"
    search_analysers = {p.get("search_analyzer") for _path, _k, p in walk(mapping()) if isinstance(p, dict)} - {None}
    for analyser, spec in settings["analyzer"].items():
        uses_synonyms = bool(set(spec["filter"]) & synonym_filters)
        assert uses_synonyms == (analyser in search_analysers), analyser
    # Synonym rules are stemmed like the query: the stemmer comes before the synonym filter.
    chain = settings["analyzer"]["kb_de_search"]["filter"]
    assert chain.index("kb_stem_de") < chain.index("kb_synonyms_de")
    assert "kb_decompound_de" not in chain  # no stacked tokens into the synonym graph


def test_text_fields_are_analysed_per_language_with_an_exact_variant():
    props = mapping()["properties"]
    for name in ("title", "summary", "description", "keywords", "taxonomy", "organisation", "outcomes"):
        field = props[name]
        assert field["type"] == "text" and field["analyzer"] == "kb_de" and field["search_analyzer"] == "kb_de_search"
        assert field["fields"]["en"]["analyzer"] == "kb_en" and field["fields"]["en"]["search_analyzer"] == "kb_en_search"
        assert field["fields"]["exact"]["analyzer"] == "kb_exact"


def test_facet_and_scope_fields_are_keywords_and_results_fields_are_stored():
    props = mapping()["properties"]
    for name in (*FACETS, "slug", "lang", "languages_available", "translation_key"):
        assert props[name]["type"] == "keyword", name
    assert props["url"] == {"type": "keyword", "index": False}
    assert props["start_year"]["type"] == props["end_year"]["type"] == props["page_id"]["type"] == "integer"
    assert props["published_at"]["type"] == "date"
    assert mapping()["dynamic"] == "strict"


def test_completion_field_for_titles_scoped_by_language():
    field = mapping()["properties"]["title_suggest"]
    assert field["type"] == "completion" and field["analyzer"] == "kb_completion"
    assert field["contexts"] == [{"name": "scope", "type": "category", "path": "visible_in"}]
    assert completion_inputs("Sprachcafé für Neuzugewanderte") == [
        {"input": ["Sprachcafé für Neuzugewanderte"], "weight": 10},
        {"input": ["für Neuzugewanderte", "Neuzugewanderte"], "weight": 5},
    ]
    assert completion_inputs("") == []


def test_spelling_field_collects_the_main_texts_with_shingles():
    props = mapping()["properties"]
    assert props["spell"]["fields"]["shingle"]["analyzer"] == "kb_spell_shingle"
    assert props["title"]["copy_to"] == ["spell"] or props["title"]["copy_to"] == "spell"
    assert analysis()["filter"]["kb_shingle"]["type"] == "shingle"


def _es_fold(text, settings):
    """What the generated analyser chain does to one word, read from the settings themselves:
    the mapping char filter, lowercase, asciifolding (accents stripped, as NFD does for these
    words) and the pattern_replace filter with its Java "$1" replacement."""
    for rule in settings["char_filter"]["kb_fold_chars"]["mappings"]:
        source, target = rule.split(" => ")
        text = text.replace(source, target)
    text = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    digraph = settings["filter"]["kb_fold_digraph"]
    return re.sub(digraph["pattern"], digraph["replacement"].replace("$", "\\"), text)


FOLDING_WORDS = (
    "Müller Mueller Förderung Foerderung Forderung Straße STRASSE Größe GRÖSSE Frauen neue Quelle Steuer "
    "Bauer Feuer Äußerung Übergangswohnheim Ueberweisung Österreich Oel Zoë Café Crème Søren Łódź "
    "Æther Œuvre Þór Đorđe Kıbrıs Israel Michael Poet Goethe aktuell Situation Qualität Duell "
    "Schüler SCHÜLER Tür Muenchen Tuer Äpfel Aepfel Gebäude Gebaeude Jugendamt Jobcenter Sprachförderung"
).split()


def test_elasticsearch_folding_is_generated_from_the_python_definition_and_agrees():
    # One German folding (issue 18): the analysers carry search.analysis' table and pattern...
    settings = analysis()
    rules = settings["char_filter"]["kb_fold_chars"]["mappings"]
    assert "ä => a" in rules and "Ä => a" in rules and "ß => ss" in rules and "ẞ => ss" in rules
    assert not any(rule.startswith("I ") for rule in rules)  # "ı" folds to "i"; plain "I" is lowercase's job
    assert settings["filter"]["kb_fold_digraph"]["pattern"] == DIGRAPH_PATTERN
    for analyser in ("kb_de", "kb_de_search", "kb_exact", "kb_completion"):
        assert settings["analyzer"][analyser]["char_filter"] == ["kb_fold_chars"]
        assert settings["analyzer"][analyser]["filter"][:3] == ["lowercase", "asciifolding", "kb_fold_digraph"]
    # ...and applied the way Elasticsearch applies them, they fold a word list as fold() does.
    for word in FOLDING_WORDS:
        assert _es_fold(word, settings) == fold(word), word
    assert fold("Mueller") == fold("Müller") == "muller" and fold("Steuer") == "steuer"
    assert fold("Quelle") == "quelle" and fold("Straße") == "strasse" and fold("neue") == "neue"


def test_word_list_is_the_project_lexicon(tmp_path):
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text("# comment\nSprache\n!Stuttgart  # never split\nAmt\nFörderung\n", encoding="utf-8")
    assert decompound_word_list(lexicon) == ["forderung", "sprach", "sprache", "stuttgart"]  # "amt": too short


def test_index_body_is_json_and_loads_with_refresh_off():
    body = index_body(INDEX, replicas=0, building=True)
    json.dumps(body)
    assert body["settings"]["index"] == {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1"}


# --- query bodies, as data ----------------------------------------------------------------------

def test_exact_clauses_outrank_the_fuzzy_one():
    found = clauses(body_for("Sprachkurs Eltern"))
    assert set(found) == {"exact", "stemmed", "compound_parts", "fuzzy"}
    assert found["fuzzy"]["fuzziness"] == "AUTO"
    assert all("fuzziness" not in c for name, c in found.items() if name != "fuzzy")
    assert found["exact"]["boost"] == BOOST_EXACT
    assert found["fuzzy"]["boost"] == BOOST_FUZZY < min(c["boost"] for n, c in found.items() if n != "fuzzy")
    assert found["exact"]["boost"] == max(c["boost"] for c in found.values())
    assert found["compound_parts"]["analyzer"] == "kb_de"  # query-side decompounding
    assert found["stemmed"]["auto_generate_synonyms_phrase_query"] is False


def test_fields_carry_the_shared_weights():
    found = clauses(body_for("Sprachkurs"))
    assert found["stemmed"]["fields"][:3] == ["title^5", "keywords^4", "summary^2"]
    assert "outcomes^0.5" in found["stemmed"]["fields"]
    assert found["exact"]["fields"][0] == "title.exact^5"


def test_multi_word_queries_need_most_words():
    for clause in clauses(body_for("Sprachkurs für Mütter in Bad Cannstatt")).values():
        assert clause["minimum_should_match"] == MINIMUM_SHOULD_MATCH
    assert body_for("Sprachkurs")["query"]["bool"]["must"][0]["bool"]["minimum_should_match"] == 1


def test_stop_words_do_not_count_towards_minimum_should_match():
    assert query_text("Kurse für Mütter in  Bad Cannstatt") == "Kurse Mütter Bad Cannstatt"
    assert query_text("Fuer die Kinder") == "Kinder"
    assert query_text("und oder") == "und oder"  # nothing else left: search what was typed


@pytest.mark.parametrize("hostile", [
    '"foo NEAR (bar', "foo:bar* -baz", "title:(x OR y)^9", "{\"query\": 1}", "a]b[c \\ / ~2", "🙂 Ω",
])
def test_user_text_only_ever_goes_into_match_queries(hostile):
    body = body_for(hostile, lang="en", filters={"themes": ["language"]})
    keys = {key for _path, key, _value in walk(body)}
    assert not keys & {"query_string", "simple_query_string", "script", "regexp", "wildcard", "intervals"}
    expected, question = split_question(hostile)  # "1", "2": numbers only add to the score
    for path, key, value in walk(body):
        if isinstance(value, str) and value in (expected, question, hostile, query_text(hostile)):
            assert (key == "query" and path[-1] == "multi_match") or (key == "text" and "suggest" in path), path
    assert all(c["query"] == expected for c in clauses(body).values())


def test_filters_are_or_within_a_facet_and_and_across_facets():
    body = body_for("Kurs", filters={"themes": ["language", "education"], "districts": ["mitte"], "bogus": ["x"]})
    assert body["post_filter"] == {"bool": {"filter": [
        {"terms": {"themes": ["language", "education"]}},
        {"terms": {"districts": ["mitte"]}},
    ]}}
    assert "post_filter" not in body_for("Kurs")
    assert "post_filter" not in body_for("Kurs", filters={"themes": []})


def test_each_facet_counts_with_all_other_filters_but_not_its_own():
    body = body_for("Kurs", filters={"themes": ["language"], "districts": ["mitte"], "status": ["active"]})
    assert set(body["aggs"]) == {f"facet_{facet}" for facet in FACETS}
    for facet in FACETS:
        agg = body["aggs"][f"facet_{facet}"]
        applied = {next(iter(t["terms"])) for t in agg["filter"]["bool"]["filter"]}
        assert applied == {"themes", "districts", "status"} - {facet}
        assert agg["aggs"]["values"]["terms"]["field"] == facet
    assert "aggs" not in body_for("Kurs", facets=False)


def test_language_scope_lets_german_stand_in_for_missing_translations():
    scope = language_scope("en")
    assert scope == {"bool": {"should": [
        {"term": {"lang": "en"}},
        {"bool": {"filter": [{"term": {"lang": "de"}}], "must_not": [{"term": {"languages_available": "en"}}]}},
    ], "minimum_should_match": 1}}
    for text in ("", "Kurs"):
        assert body_for(text, lang="en")["query"]["bool"]["filter"] == [scope]
    # A locale searches its own sub-fields as well as the German ones.
    assert "title.en^5" in clauses(body_for("course", lang="en"))["stemmed"]["fields"]
    assert not any(".en" in f for f in clauses(body_for("Kurs", lang="de"))["stemmed"]["fields"])


def test_empty_query_lists_everything_newest_first():
    body = body_for("", lang="de")
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}
    assert "highlight" not in body and "suggest" not in body and "aggs" in body


def test_highlight_marks_with_mark_and_escapes_html():
    highlight = body_for("Kurs", lang="en")["highlight"]
    assert highlight["pre_tags"] == ["<mark>"] and highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert set(highlight["fields"]) == {"summary", "summary.en", "description", "description.en"}
    assert "highlight" not in body_for("Kurs", highlight=False)


def test_paging_uses_from_and_size():
    body = body_for("Kurs", page=3, page_size=20)
    assert (body["from"], body["size"]) == (40, 20)
    assert body["track_total_hits"] is True
    beyond = body_for("Kurs", page=2000, page_size=50)  # past Elasticsearch's result window
    assert (beyond["from"], beyond["size"]) == (0, 0)


def test_spelling_suggestion_uses_a_phrase_suggester_on_the_text():
    suggest = body_for("Sprahkurs")["suggest"]["spelling"]
    assert suggest["text"] == "Sprahkurs"
    assert suggest["phrase"]["field"] == "spell.shingle"
    assert suggest["phrase"]["direct_generator"][0]["field"] == "spell"


def test_autocomplete_body_is_scoped_by_language():
    body = build_autocomplete_body("Spra", "en", 8)
    completion = body["suggest"]["titles"]["completion"]
    assert body["suggest"]["titles"]["prefix"] == "Spra"
    assert completion["contexts"] == {"scope": ["en"]} and completion["size"] == 8


# --- parsing responses --------------------------------------------------------------------------

def es_response(**overrides):
    response = {
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "hits": [
                {"_id": "7", "_score": 12.5, "_source": {
                    "slug": "sprachcafe", "title": "Sprachcafé", "url": "/de/sprachcafe/",
                    "summary": "Deutsch <sprechen> üben & Sprachkurse für Eltern.", "description": "",
                    "themes": ["language"], "status": "active", "start_year": 2015, "lang": "de",
                }, "highlight": {"summary": [
                    "Deutsch &lt;sprechen&gt; üben &amp; <mark>Sprachkurse</mark> für Eltern."]}},
                {"_id": "8", "_score": None, "_source": {
                    "slug": "kita", "title": "Kita", "url": "/de/kita/", "summary": "Plätze <b>frei</b>",
                    "themes": [], "status": "planned", "start_year": 2020, "end_year": 2024, "lang": "de",
                }},
            ],
        },
        "aggregations": {
            "facet_themes": {"doc_count": 2, "values": {"buckets": [
                {"key": "language", "doc_count": 2}, {"key": "education", "doc_count": 1}]}},
            "facet_status": {"doc_count": 2, "values": {"buckets": [{"key": "active", "doc_count": 1}]}},
            "facet_languages": {"doc_count": 2, "values": {"buckets": [{"key": "tr", "doc_count": 1}]}},
        },
        "suggest": {"spelling": [{"text": "sprahkurs", "offset": 0, "length": 9, "options": []}]},
    }
    response.update(overrides)
    return response


LABELS = {"themes": {"language": "Sprachförderung"}, "status": {"active": "aktiv"}, "languages": lambda c: c.upper()}


def test_response_becomes_search_results_with_labelled_facets():
    query = SearchQuery(text="Sprachkurs", lang="de")
    results = parse_search_response(es_response(), query, LABELS)
    assert results.engine == "elasticsearch" and results.total == 2 and results.query is query
    first, second = results.hits
    assert (first.slug, first.url, first.score, first.end_year, first.themes) == (
        "sprachcafe", "/de/sprachcafe/", 12.5, None, ["language"])
    assert second.score == 0.0 and second.end_year == 2024
    assert results.facets["themes"] == [
        {"value": "language", "label": "Sprachförderung", "count": 2},
        {"value": "education", "label": "education", "count": 1},
    ]
    assert results.facets["languages"] == [{"value": "tr", "label": "TR", "count": 1}]
    assert results.facets["districts"] == [] and set(results.facets) == set(FACETS)
    assert results.suggestion is None
    assert parse_search_response(es_response(), SearchQuery(text="x", facets=False), LABELS).facets == {}


def test_highlight_keeps_only_mark_as_markup():
    results = parse_search_response(es_response(), SearchQuery(text="Sprachkurs"), LABELS)
    assert results.hits[0].highlight == "Deutsch &lt;sprechen&gt; üben &amp; <mark>Sprachkurse</mark> für Eltern."
    # No fragment: the summary, escaped.
    assert results.hits[1].highlight == "Plätze &lt;b&gt;frei&lt;/b&gt;"


def test_safe_highlight_escapes_anything_but_balanced_mark_tags():
    assert safe_highlight("<b>x</b> <mark>y</mark>") == "&lt;b&gt;x&lt;/b&gt; <mark>y</mark>"
    assert safe_highlight("&lt;mark&gt;fake&lt;/mark&gt; <mark>real") == "&lt;mark&gt;fake&lt;/mark&gt; <mark>real</mark>"
    assert safe_highlight("a </mark> b &#x27;q&#x27; &quot;") == "a  b 'q' \""
    assert safe_highlight("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_highlight_marks_cut_text_with_an_ellipsis():
    source = {"slug": "x", "summary": "Erster Satz. Zweiter Satz mit Sprachkurs. Dritter Satz.", "lang": "de"}
    response = es_response(hits={"total": {"value": 1}, "hits": [
        {"_score": 1.0, "_source": source, "highlight": {"summary": ["Zweiter Satz mit <mark>Sprachkurs</mark>."]}}]})
    hit = parse_search_response(response, SearchQuery(text="Sprachkurs"), LABELS).hits[0]
    assert hit.highlight == "… Zweiter Satz mit <mark>Sprachkurs</mark>. …"


def test_suggestion_is_the_corrected_query_in_the_users_capitalisation():
    def suggested(text, option):
        return parse_suggestion({"suggest": {"spelling": [{"options": [{"text": option, "score": 0.2}]}]}}, text)

    assert suggested("Sprahkurs Eltern", "sprachkurs eltern") == "Sprachkurs Eltern"
    assert suggested("kinder betreung", "kinder betreuung") == "kinder betreuung"
    assert suggested("Sprachkurs", "sprachkurs") is None
    assert parse_suggestion({"suggest": {"spelling": [{"options": []}]}}, "x") is None
    assert parse_suggestion({}, "x") is None
    results = parse_search_response(
        es_response(suggest={"spelling": [{"options": [{"text": "sprachkurs", "score": 0.1}]}]}),
        SearchQuery(text="Sprahkurs"), LABELS)
    assert results.suggestion == "Sprachkurs"


def test_autocomplete_response_gives_distinct_titles():
    response = {"suggest": {"titles": [{"text": "spr", "options": [
        {"text": "Sprachcafé", "_source": {"title": "Sprachcafé für alle"}},
        {"text": "Sprachcafé", "_source": {"title": "Sprachcafé für alle"}},
        {"text": "Sprachkurs", "_source": {"title": "Sprachkurs"}},
    ]}]}}
    assert parse_autocomplete_response(response, 8) == ["Sprachcafé für alle", "Sprachkurs"]
    assert parse_autocomplete_response(response, 1) == ["Sprachcafé für alle"]


# --- synonym rules ------------------------------------------------------------------------------

class Row:
    def __init__(self, pk, terms, lang="de"):
        self.pk, self.terms, self.lang = pk, terms, lang

    def words(self):
        return [w.strip() for w in self.terms.split(",") if w.strip()]


def test_synonym_rules_per_language_without_stop_words_or_rule_syntax():
    rows = [
        Row(1, "Jobcenter, Agentur für Arbeit"),
        Row(2, "refugees, asylum seekers", "en"),
        Row(3, "Kita, Kita", "de"),  # one distinct word: no rule
        Row(4, "VHS, Volkshochschule", "*"),
        Row(5, "a => b, c\\dd", "de"),
    ]
    assert synonym_rules(rows, "de") == [
        {"id": "synonym-1", "synonyms": "Jobcenter, Agentur Arbeit"},
        {"id": "synonym-4", "synonyms": "VHS, Volkshochschule"},
        {"id": "synonym-5", "synonyms": "b, c dd"},
    ]
    assert [r["id"] for r in synonym_rules(rows, "en")] == ["synonym-2", "synonym-4"]


# --- the engine against a fake client -----------------------------------------------------------

class FakeIndices:
    def __init__(self, client):
        self.client = client

    def _record(self, name, **kwargs):
        self.client.calls.append((f"indices.{name}", kwargs))

    def create(self, index, settings, mappings):
        self._record("create", index=index, settings=settings, mappings=mappings)
        self.client.indices_state[index] = set()

    def exists(self, index):
        return index in self.client.indices_state or self.exists_alias(name=index)

    def exists_alias(self, name, index=None):
        return any(name in aliases for aliases in self.client.indices_state.values())

    def get_alias(self, index="*", name=None):
        found = {i: {"aliases": {a: {} for a in aliases}} for i, aliases in self.client.indices_state.items()
                 if fnmatch.fnmatch(i, index)}
        return found

    def update_aliases(self, actions):
        self._record("update_aliases", actions=actions)
        for action in actions:
            (op, spec), = action.items()
            if op == "add":
                self.client.indices_state[spec["index"]].add(spec["alias"])
            elif op == "remove":
                self.client.indices_state[spec["index"]].discard(spec["alias"])
            elif op == "remove_index":
                del self.client.indices_state[spec["index"]]

    def delete(self, index, ignore_unavailable=False):
        self._record("delete", index=index)
        for name in index.split(","):
            self.client.indices_state.pop(name, None)

    def put_settings(self, index, settings):
        self._record("put_settings", index=index, settings=settings)

    def refresh(self, index):
        self._record("refresh", index=index)


class FakeSynonyms:
    def __init__(self, client):
        self.client = client
        self.sets = {}

    def get_synonym(self, id, size=10):
        if id not in self.sets:
            raise not_found()
        return {"count": len(self.sets[id]), "synonyms_set": self.sets[id]}

    def put_synonym(self, id, synonyms_set):
        self.client.calls.append(("synonyms.put_synonym", {"id": id, "synonyms_set": synonyms_set}))
        self.sets[id] = synonyms_set


class FakeClient:
    """Records every call; keeps just enough state (indices, aliases, synonym sets) to be honest."""

    def __init__(self, response=None, fail_bulk=False):
        self.calls = []
        self.indices_state = {}
        self.indices = FakeIndices(self)
        self.synonyms = FakeSynonyms(self)
        self.response = response or es_response()
        self.fail_bulk = fail_bulk
        self.missing_index = False

    def search(self, index, body):
        self.calls.append(("search", {"index": index, "body": body}))
        if self.missing_index:
            raise not_found()
        return self.response

    def bulk(self, client, actions, **kwargs):
        actions = list(actions)
        self.calls.append(("bulk", {"actions": actions, **kwargs}))
        if self.fail_bulk:
            raise ESConnectionError("connection refused")
        for action in actions:
            op = action.get("_op_type", "index")
            status = 404 if op == "delete" and action["_id"] == 404 else 200
            yield status < 300, {op: {"_id": action["_id"], "status": status}}

    def names(self):
        return [name for name, _kwargs in self.calls]

    def last(self, name):
        return [kwargs for call, kwargs in self.calls if call == name][-1]


@pytest.fixture
def fake():
    return FakeClient()


@pytest.fixture
def engine(fake):
    engine = ElasticsearchEngine("http://es.invalid:9200", INDEX, client=fake, bulk=fake.bulk)
    engine.synonym_check_interval = 0
    return engine


def test_client_is_created_lazily_with_timeout_and_retries():
    engine = ElasticsearchEngine("http://es.invalid:9200", INDEX)
    assert engine._client is None
    client = engine.client
    assert engine.client is client
    node = client.transport.node_pool.get().config
    assert (node.host, node.port) == ("es.invalid", 9200)
    assert node.request_timeout == engine.request_timeout and client._max_retries == engine.max_retries


@pytest.mark.django_db
class TestRebuild:
    def test_rebuild_creates_new_index_bulk_loads_then_swaps_alias_atomically(self, engine, fake, site_tree):
        from tests.factories import create

        create(slug="sprachcafe", translations={"en": {
            "title": "Language café", "summary": "Practise German.", "description": None, "keywords": []}})
        create(slug="schwimmkurs", title="Schwimmkurs für Frauen", languages=["de", "tr"])
        progress = []

        assert engine.rebuild(progress=lambda done, total: progress.append((done, total))) == 3

        names = fake.names()
        assert names.index("synonyms.put_synonym") < names.index("indices.create") < names.index("bulk")
        created = fake.last("indices.create")
        assert re.fullmatch(rf"{INDEX}-\d{{20}}", created["index"])
        assert created["settings"]["index"]["refresh_interval"] == "-1"
        assert created["settings"]["analysis"]["filter"]["kb_decompound_de"]["type"] == "dictionary_decompounder"
        bulk = fake.last("bulk")
        assert bulk["raise_on_error"] is True
        assert {a["_index"] for a in bulk["actions"]} == {created["index"]}
        docs = {(a["_source"]["slug"], a["_source"]["lang"]): a for a in bulk["actions"]}
        assert set(docs) == {("sprachcafe", "de"), ("sprachcafe", "en"), ("schwimmkurs", "de")}
        de, en = docs[("sprachcafe", "de")]["_source"], docs[("sprachcafe", "en")]["_source"]
        stand_in = [code for code, _name in settings.LANGUAGES if code != "en"]  # German stands in for these
        assert de["languages_available"] == ["de", "en"] and de["visible_in"] == stand_in
        assert en["visible_in"] == ["en"] and en["title"] == "Language café"
        assert docs[("schwimmkurs", "de")]["_source"]["languages"] == ["de", "tr"]
        assert docs[("sprachcafe", "de")]["_id"] == de["page_id"]
        assert fake.last("indices.put_settings")["settings"] == {"index": {"refresh_interval": None}}
        assert names.index("indices.refresh") < names.index("indices.update_aliases")
        assert fake.last("indices.update_aliases")["actions"] == [{"add": {"index": created["index"], "alias": INDEX}}]
        assert "indices.delete" not in names  # nothing old to delete yet
        assert progress[-1] == (3, 3)

        fake.calls.clear()
        engine.rebuild()
        second = fake.last("indices.create")["index"]
        assert second > created["index"]
        assert fake.names().count("indices.update_aliases") == 1
        assert fake.last("indices.update_aliases")["actions"] == [
            {"remove": {"index": created["index"], "alias": INDEX}},
            {"add": {"index": second, "alias": INDEX}},
        ]
        assert fake.names().index("indices.update_aliases") < fake.names().index("indices.delete")
        assert fake.last("indices.delete")["index"] == created["index"]
        assert fake.indices_state == {second: {INDEX}}

    def test_failed_load_deletes_the_new_index_and_leaves_the_alias(self, engine, fake, programme):
        engine.rebuild()
        live = dict(fake.indices_state)
        fake.fail_bulk = True
        with pytest.raises(ESConnectionError):
            engine.rebuild()
        failed = fake.last("indices.create")["index"]
        assert fake.last("indices.delete")["index"] == failed
        assert fake.indices_state == live

    def test_stray_index_under_the_alias_name_is_replaced_in_the_same_call(self, engine, fake, programme):
        fake.indices_state[INDEX] = set()  # written to before any rebuild
        engine.rebuild()
        actions = fake.last("indices.update_aliases")["actions"]
        assert actions[0] == {"remove_index": {"index": INDEX}} and list(actions[1]) == ["add"]
        assert INDEX not in fake.indices_state

    def test_older_leftover_indices_are_deleted_newer_ones_kept(self, engine, fake, programme):
        fake.indices_state[f"{INDEX}-20000101000000000000"] = set()   # a crashed rebuild
        fake.indices_state[f"{INDEX}-99990101000000000000"] = set()   # a rebuild running elsewhere
        fake.indices_state[f"{INDEX}-other-20000101000000000000"] = set()  # not ours
        engine.rebuild()
        assert f"{INDEX}-20000101000000000000" not in fake.indices_state
        assert f"{INDEX}-99990101000000000000" in fake.indices_state
        assert f"{INDEX}-other-20000101000000000000" in fake.indices_state

    def test_index_pages_writes_through_the_alias(self, engine, fake, programme):
        engine.rebuild()
        fake.calls.clear()
        programme.unpublish()
        from tests.factories import create

        other = create(slug="zweites-programm")
        engine.index_pages([programme, other])
        bulk = fake.last("bulk")
        assert bulk["require_alias"] is True and bulk["raise_on_error"] is False
        ops = {(a.get("_op_type", "index"), a["_id"], a["_index"]) for a in bulk["actions"]}
        assert ops == {("index", other.pk, INDEX), ("delete", programme.pk, INDEX)}
        assert "indices.create" not in fake.names()

    def test_page_writes_log_failures_instead_of_breaking_publishing(self, engine, fake, programme, caplog):
        engine.rebuild()
        fake.fail_bulk = True
        engine.index_pages([programme])  # logged, not raised
        assert "could not index pages" in caplog.text
        fake.fail_bulk = False

        def rejected(client, actions, **kwargs):
            for action in actions:
                yield False, {"index": {"_id": action["_id"], "status": 400, "error": {"type": "mapper_parsing"}}}

        engine.bulk = rejected
        engine.raise_write_errors = True
        with pytest.raises(IndexingError):
            engine.index_pages([programme])

    def test_first_write_without_an_index_builds_one(self, engine, fake, programme):
        engine.index_pages([programme])
        assert "indices.create" in fake.names() and fake.indices_state

    def test_remove_pages_ignores_pages_already_gone(self, engine, fake, programme):
        engine.remove_pages([1])  # no index: nothing to do
        assert "bulk" not in fake.names()
        engine.rebuild()
        engine.remove_pages([programme.pk, 404])
        bulk = fake.last("bulk")
        assert [(a["_op_type"], a["_id"]) for a in bulk["actions"]] == [("delete", programme.pk), ("delete", 404)]

    def test_synonym_sets_follow_the_admin_vocabulary(self, engine, fake, site_tree):
        from search.models import Concept
        from tests.factories import concept

        Concept.objects.all().delete()
        kita = concept("kita", de=["Kita", "Kindertagesstätte"], en=["daycare"])
        vhs = concept("vhs", de=["VHS", "Volkshochschule"], en=["adult education centre", "VHS"])
        assert engine.sync_synonyms() == [f"{INDEX}-synonyms-{lang}" for lang in ("de", "en", "tr", "ar", "uk")]
        assert [r["synonyms"] for r in fake.synonyms.sets[f"{INDEX}-synonyms-de"]] == [
            "Kita, Kindertagesstätte", "VHS, Volkshochschule"]
        assert [r["synonyms"] for r in fake.synonyms.sets[f"{INDEX}-synonyms-en"]] == ["adult education centre, VHS"]
        assert kita.pk and vhs.pk
        assert engine.sync_synonyms() == []  # unchanged: nothing put, no analyser reload

        engine.search(SearchQuery(text="Kita"))  # first search in this process notes the table's state
        fake.calls.clear()
        concept("childcare", de=["Kinderbetreuung", "Betreuung"])
        engine.search(SearchQuery(text="Kita"))  # an edit is pushed before the next search
        assert [c["id"] for n, c in fake.calls if n == "synonyms.put_synonym"] == [f"{INDEX}-synonyms-de"]
        assert fake.names()[-1] == "search"


@pytest.mark.django_db
class TestSearch:
    def test_search_sends_the_built_body_to_the_alias_and_labels_facets(self, engine, fake, site_tree):
        query = SearchQuery(text="Sprachkurs", lang="de", filters={"themes": ["language"]})
        results = engine.search(query)
        call = fake.last("search")
        assert call["index"] == INDEX and call["body"] == build_search_body(query, concept_matches("Sprachkurs", "de"))
        assert results.facets["themes"][0] == {"value": "language", "label": "Sprachförderung", "count": 2}
        assert results.facets["languages"][0]["label"] == "Türkisch"

    def test_a_long_query_that_finds_nothing_is_asked_again_with_any_word_enough(self, engine, fake, site_tree):
        fake.response = es_response(hits={"total": {"value": 0, "relation": "eq"}, "hits": []})
        engine.search(SearchQuery(text="Schwimmkurs Frauen Bad Cannstatt abends"))
        first, second = [c["body"] for n, c in fake.calls if n == "search"]

        def required(body):
            return {c["multi_match"]["minimum_should_match"] for c in json_walk(body) if "multi_match" in c
                    and "minimum_should_match" in c["multi_match"]}
        assert required(first) == {"1<-1 3<60%"} and required(second) == {1}

    def test_a_query_with_hits_or_of_few_words_is_sent_once(self, engine, fake, site_tree):
        engine.search(SearchQuery(text="Schwimmkurs Frauen Bad Cannstatt abends"))
        fake.response = es_response(hits={"total": {"value": 0, "relation": "eq"}, "hits": []})
        engine.search(SearchQuery(text="Schwimmkurs Frauen"))  # two words: one is enough already
        assert fake.names().count("search") == 2

    def test_missing_index_gives_empty_results(self, engine, fake, site_tree):
        fake.missing_index = True
        results = engine.search(SearchQuery(text="Kurs"))
        assert results.total == 0 and results.hits == [] and set(results.facets) == set(FACETS)
        assert engine.autocomplete("Kurs") == []

    def test_autocomplete_needs_two_characters(self, engine, fake):
        assert engine.autocomplete("S") == []
        fake.response = {"suggest": {"titles": [{"options": [{"_source": {"title": "Sprachcafé"}}]}]}}
        assert engine.autocomplete("  Spr  ", lang="en") == ["Sprachcafé"]
        assert fake.last("search")["body"] == build_autocomplete_body("Spr", "en", 8)


# --- against a real cluster (only when ELASTICSEARCH_URL is set) ---------------------------------

@pytest.mark.elasticsearch
@pytest.mark.django_db
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL (a real cluster)")
class TestAgainstCluster:
    @pytest.fixture
    def embedded_signals(self, settings):
        settings.SEARCH_ENGINE = "search.engines.embedded.EmbeddedEngine"  # page signals must not write to the site's own index

    @pytest.fixture
    def live(self, embedded_signals, site_tree):
        from tests.factories import concept, create

        concept("language-course", de=["Sprachkurs", "Integrationskurs"])
        create(slug="muetter-sprachkurse", title="Sprachkurse für Mütter",
               summary="Deutsch lernen am Vormittag, mit Kinderbetreuung.",
               description="Kleine Gruppen, erfahrene Lehrkräfte.", keywords=["Alltagsdeutsch"],
               themes=["language"], target_groups=["parents"], districts=["bad-cannstatt"])
        create(slug="schwimmen-frauen", title="Schwimmkurs für Frauen", summary="Schwimmen lernen im Hallenbad.",
               description="Mit Trainerinnen, nur für Frauen.", themes=["culture-sport"],
               target_groups=["women"], districts=["mitte"], keywords=[])
        create(slug="migrationsberatung", title="Migrationsberatung für Erwachsene",
               summary="Beratung zu Aufenthalt, Arbeit und Familie.",
               description="Offene Sprechstunde.", themes=["work", "language"],
               target_groups=["newcomers"], districts=["mitte"], keywords=[])
        name = f"kb-test-{uuid.uuid4().hex[:8]}"
        engine = ElasticsearchEngine(os.environ["ELASTICSEARCH_URL"], name, replicas=0)
        yield engine
        client = engine.client
        leftovers = list(client.indices.get_alias(index=f"{name}-*"))  # wildcard deletes are refused
        if leftovers:
            client.indices.delete(index=",".join(leftovers))
        for lang in ("de", "en", "tr", "ar", "uk"):
            try:
                client.synonyms.delete_synonym(id=f"{name}-synonyms-{lang}")
            except NotFoundError:
                pass

    def slugs(self, engine, text, **kwargs):
        return [hit.slug for hit in engine.search(SearchQuery(text=text, **kwargs)).hits]

    def test_german_search_facets_and_alias_swap(self, live):
        engine = live
        assert engine.rebuild() == 3
        first = set(engine.client.indices.get_alias(name=engine.index_name))
        assert len(first) == 1

        # Inflection (Sprachkurs → Sprachkurse), compound parts (Kurs in Schwimmkurs), synonyms, typos.
        assert self.slugs(engine, "Sprachkurs")[0] == "muetter-sprachkurse"
        assert {"muetter-sprachkurse", "schwimmen-frauen"} <= set(self.slugs(engine, "Kurs"))
        assert "muetter-sprachkurse" in self.slugs(engine, "Integrationskurs")
        assert "muetter-sprachkurse" in self.slugs(engine, "Mutter Sprachkurs")
        assert "schwimmen-frauen" in self.slugs(engine, "Schwimkurs")
        for hostile in ('"foo AND (bar', "title:(x OR y)^9", "*:*", "Sprachkurs -Mütter"):
            assert engine.search(SearchQuery(text=hostile)).total >= 0  # searched as text, no error
        assert self.slugs(engine, "qqqxxyz zzzqqq") == []

        results = engine.search(SearchQuery(text="", filters={"districts": ["mitte"]}))
        assert results.total == 2 and results.hits[0].highlight
        districts = {f["value"]: f["count"] for f in results.facets["districts"]}
        assert districts == {"mitte": 2, "bad-cannstatt": 1}  # own filter not applied
        themes = {f["value"]: f["count"] for f in results.facets["themes"]}
        assert themes == {"language": 1, "culture-sport": 1, "work": 1}  # district filter applied
        assert results.facets["themes"][0]["label"]

        marked = engine.search(SearchQuery(text="Schwimmen")).hits[0].highlight
        assert "<mark>" in marked and "<" not in marked.replace("<mark>", "").replace("</mark>", "")

        assert "Schwimmkurs für Frauen" in engine.autocomplete("Schwimm")
        assert "Sprachkurse für Mütter" in engine.autocomplete("Sprachk", lang="en")  # German stands in

        from tests.factories import concept

        concept("swimming-course", de=["Schwimmkurs", "Wassergewöhnung"])
        engine.sync_synonyms()  # the set changes; Elasticsearch reloads the search analysers
        assert "schwimmen-frauen" in self.slugs(engine, "Wassergewöhnung")

        engine.rebuild()
        second = set(engine.client.indices.get_alias(name=engine.index_name))
        assert len(second) == 1 and second != first
        assert not engine.client.indices.exists(index=first.pop())


def test_running_programmes_come_first_among_equally_relevant_hits():
    body = body_for("Sprachkurs")
    assert body["sort"][:2] == [{"_score": {"order": "desc"}}, {"status": {"order": "asc"}}]  # "active" first


def json_walk(node):
    """Every dict inside a request body, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from json_walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from json_walk(value)


@pytest.mark.django_db
def test_a_query_that_finds_nothing_is_asked_once_more_with_the_concepts_its_words_are_part_of(engine, fake, site_tree):
    from tests.factories import concept

    concept("literacy-course", de=["Alphabetisierungskurs"], uk=["курс грамотності"])
    fake.response = es_response(hits={"total": {"value": 0, "relation": "eq"}, "hits": []})
    engine.search(SearchQuery(text="покращити грамотність", lang="uk"))
    bodies = [c["body"] for n, c in fake.calls if n == "search"]
    assert len(bodies) == 2
    assert "concept:" not in str(bodies[0]) and "Alphabetisierungskurs" in str(bodies[1])
    # A word that is part of no term: nothing to widen to, no further request.
    fake.calls.clear()
    engine.search(SearchQuery(text="покращити щось", lang="uk"))
    assert fake.names().count("search") == 1
