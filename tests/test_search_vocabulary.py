"""The multilingual vocabulary (issue 21): newcomers search in their language and in plain words.

Programmes here exist only in German. The queries use word forms that are NOT terms of the
test vocabulary (tests/data/vocabulary_test.ttl): plurals, cases, the definite article,
other phrasing -- analysis must bring them to a term.
"""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from rdflib import Graph
from rdflib.compare import isomorphic

from search.engines.elasticsearch import build_search_body, concept_matches, parse_search_response
from search.models import VOCABULARY_NAMESPACE, Concept, ConceptLabel
from search.service import SearchQuery, get_search_service
from search.skos import VocabularyError, export_vocabulary, import_vocabulary
from search.vocabulary_seed import fold_synonyms
from tests.conftest import rolled_back_state
from tests.factories import concept, create

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "data" / "vocabulary_test.ttl"


@pytest.fixture(scope="module")
def test_vocabulary(django_db_setup, django_db_blocker):
    """The test vocabulary instead of the seeded one, set up once for this module (about 4 s)."""
    with rolled_back_state(django_db_blocker):
        Concept.objects.all().delete()
        import_vocabulary(FIXTURE.read_bytes())
        yield


@pytest.fixture
def vocabulary(test_vocabulary, db):
    pass


@pytest.fixture
def german_only(site_tree, vocabulary):
    create(slug="deutschkurs-eltern", title="Deutschkurs für Eltern mit Kinderbetreuung",
           summary="Deutsch lernen am Vormittag, während die Kinder betreut werden.",
           description="Kleine Gruppen, Niveau A1 bis B1.", keywords=[], themes=["language"], languages=["de"])
    create(slug="vorbereitungsklassen", title="Vorbereitungsklassen an Grundschulen",
           summary="Kinder ohne Deutschkenntnisse lernen in einer Vorbereitungsklasse, bevor sie in die Regelklasse wechseln.",
           description="Für Kinder von 6 bis 16 Jahren.", keywords=[], themes=["education"], languages=["de"])
    create(slug="anerkennungsberatung", title="Beratung zur Berufsanerkennung",
           summary="Wir prüfen mit Ihnen, wie Ihr Abschluss aus dem Ausland anerkannt wird.",
           description="Termine nach Vereinbarung.", keywords=["Anerkennung"], themes=["work"], languages=["de"])
    create(slug="wohnungssuche", title="Unterstützung bei der Wohnungssuche",
           summary="Hilfe bei der Suche nach einer Wohnung und beim Mietvertrag.",
           description="Offene Sprechstunde montags.", keywords=[], themes=["welcome"], languages=["de"])


def slugs(client, lang, q):
    html = client.get(f"/{lang}/suche/", {"q": q}).content.decode()
    return html


def labels_of_fixture():
    return {label.text.casefold() for label in ConceptLabel.objects.all()}


@pytest.mark.parametrize(("lang", "q", "slug"), [
    ("ar", "دورات اللغة الألمانية", "deutschkurs-eltern"),          # plural + article; term: "دورة لغة ألمانية"
    ("ar", "الصفوف التحضيرية", "vorbereitungsklassen"),                # plural + article; term: "صف تحضيري"
    ("uk", "курсів німецької мови", "deutschkurs-eltern"),             # genitive plural; term: "курс німецької мови"
    ("uk", "пошук квартири", "wohnungssuche"),                         # genitive; term: "квартира"
    ("tr", "Almanca kursları", "deutschkurs-eltern"),                  # plural; term: "Almanca kursu"
    ("tr", "DİPLOMA DENKLİĞİ", "anerkennungsberatung"),               # capitals, Turkish İ, case ending; term: "denklik"
    ("en", "German courses", "deutschkurs-eltern"),                    # plural; term: "German course"
    ("en", "preparatory classes for my children", "vorbereitungsklassen"),
])
def test_everyday_phrases_in_other_languages_find_german_only_programmes(client, german_only, lang, q, slug):
    assert q.casefold() not in labels_of_fixture()
    html = slugs(client, lang, q)
    assert f'/{lang}/programme/{slug}/"' in html, (lang, q)  # in the visitor's language (issue 20)
    assert 'class="found-via"' in html


def test_api_says_which_concept_matched(client, german_only):
    body = client.get("/api/v1/search/", {"q": "курсів німецької мови", "lang": "uk"}).json()
    assert body["results"][0]["slug"] == "deutschkurs-eltern"
    assert body["found_via"] == [{"concept": VOCABULARY_NAMESPACE + "german-course", "label": "Deutschkurs",
                                  "matched": "курсів німецької мови"}]
    # A German word that is the concept's own German term: nothing was "found via" anything.
    assert client.get("/api/v1/search/", {"q": "Deutschkurs"}).json()["found_via"] == []


def test_results_page_names_the_concept_in_the_visitors_language(client, german_only):
    html = client.get("/de/suche/", {"q": "Almanca kursları"}).content.decode()
    assert "Gefunden über:" in html and '<span lang="de" dir="ltr">Deutschkurs</span>' in html
    html = client.get("/ar/suche/", {"q": "دورات اللغة الألمانية"}).content.decode()
    assert '<span lang="de" dir="ltr">Deutschkurs</span> (<span lang="ar">دورة لغة ألمانية</span>)' in html


def test_a_direct_match_ranks_above_a_concept_match(site_tree, vocabulary):
    create(slug="sprachkurs", title="Sprachkurs am Abend", summary="Deutsch für Berufstätige.", keywords=[])
    create(slug="deutschkurs", title="Deutschkurs am Abend", summary="Deutsch für Berufstätige.", keywords=[])
    hits = get_search_service().search(SearchQuery(text="Sprachkurs")).hits
    assert [h.slug for h in hits] == ["sprachkurs", "deutschkurs"]  # Deutschkurs through the concept
    assert hits[0].score > hits[1].score


def test_question_phrasing_does_not_dilute_the_query(site_tree, vocabulary):
    create(slug="vorbereitungsklassen", title="Vorbereitungsklassen an Grundschulen",
           summary="Kinder ohne Deutschkenntnisse lernen in einer Vorbereitungsklasse.", keywords=[])
    create(slug="hilfe-finden", title="Hilfe finden in Stuttgart", summary="Wo gibt es Hilfe? Wir helfen beim Finden.",
           keywords=[])
    service = get_search_service()
    for lang, q in (("de", "welche Hilfe gibt es für eine Vorbereitungsklasse in Stuttgart"),
                    ("en", "where can I find help with a preparatory class"),
                    ("tr", "hazırlık sınıfı nerede bulabilirim"),
                    ("ar", "أين يمكنني أن أجد صف تحضيري"),
                    ("uk", "де можна знайти підготовчий клас")):
        hits = [h.slug for h in service.search(SearchQuery(text=q, lang=lang)).hits]
        assert hits[:1] == ["vorbereitungsklassen"], (lang, q, hits)


def test_a_long_question_still_requires_its_content_words(site_tree, vocabulary):
    create(slug="schwimmkurs-frauen", title="Schwimmkurs für Frauen", summary="Schwimmen lernen im Hallenbad.",
           keywords=[])
    create(slug="hallenbad", title="Hallenbad Mitte", summary="Öffnungszeiten des Hallenbads.", keywords=[])
    q = "gibt es irgendwo einen Schwimmkurs nur für Frauen im Hallenbad"
    hits = [h.slug for h in get_search_service().search(SearchQuery(text=q)).hits]
    assert hits == ["schwimmkurs-frauen"]  # "Hallenbad" alone is one of three content words


def test_a_long_question_that_matches_too_few_words_falls_back_to_any_word(site_tree, vocabulary):
    create(slug="schwimmkurs-frauen", title="Schwimmkurs für Frauen", summary="Schwimmen lernen im Hallenbad.",
           keywords=[])
    create(slug="fahrradkurs", title="Fahrradkurs", summary="Radfahren lernen im Park.", keywords=[])
    q = "Schwimmkurs abends Vaihingen Zumba Ballett"  # no programme has most of these words
    hits = [h.slug for h in get_search_service().search(SearchQuery(text=q)).hits]
    assert hits[0] == "schwimmkurs-frauen"  # the one that names a word of the query first


def test_staff_edit_in_the_admin_applies_on_the_next_search(admin_client, site_tree, vocabulary):
    create(slug="sprachcafe-test")
    service = get_search_service()
    assert service.search(SearchQuery(text="балачки", lang="uk")).total == 0
    item = Concept.objects.get(uri=VOCABULARY_NAMESPACE + "german-course")
    labels = list(item.labels.all())
    url = f"/admin/snippets/kbsearch/concept/edit/{item.pk}/"
    assert admin_client.get(url).status_code == 200
    data = {"uri": item.uri, "definition": item.definition, "broader": [b.pk for b in item.broader.all()],
            "labels-TOTAL_FORMS": len(labels) + 1, "labels-INITIAL_FORMS": len(labels),
            "labels-MIN_NUM_FORMS": 0, "labels-MAX_NUM_FORMS": 1000}
    for n, label in enumerate([*labels, ConceptLabel(lang="uk", kind="alt", text="Балачки німецькою")]):
        data.update({f"labels-{n}-id": label.pk or "", f"labels-{n}-lang": label.lang, f"labels-{n}-kind": label.kind,
                     f"labels-{n}-text": label.text, f"labels-{n}-ORDER": n + 1})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    results = service.search(SearchQuery(text="балачки німецькою", lang="uk"))
    assert [h.slug for h in results.hits] == ["sprachcafe-test"]  # no re-index in between
    assert results.found_via[0]["label"] == "Deutschkurs"


def test_admin_lists_the_vocabulary_and_downloads_it_as_skos(admin_client, vocabulary):
    html = admin_client.get("/admin/snippets/kbsearch/concept/").content.decode()
    assert "Deutschkurs" in html and "/admin/vocabulary/skos/" in html
    response = admin_client.get("/admin/vocabulary/skos/")
    assert response["Content-Type"].startswith("text/turtle")
    assert isomorphic(Graph().parse(data=response.content, format="turtle"), Graph().parse(data=export_vocabulary(),
                                                                                            format="turtle"))


# --- SKOS exchange ----------------------------------------------------------------------------

def test_skos_round_trip_into_an_empty_site_gives_the_same_concepts(vocabulary, tmp_path):
    first = tmp_path / "first.ttl"
    call_command("vocabulary", "export", str(first))
    Concept.objects.all().delete()
    call_command("vocabulary", "import", str(first))
    second = export_vocabulary()
    assert second == first.read_text(encoding="utf-8")
    assert isomorphic(Graph().parse(data=second, format="turtle"), Graph().parse(first, format="turtle"))
    assert isomorphic(Graph().parse(first, format="turtle"), Graph().parse(FIXTURE, format="turtle"))
    course = Concept.objects.get(uri=VOCABULARY_NAMESPACE + "integration-course")
    assert [b.uri for b in course.broader.all()] == [VOCABULARY_NAMESPACE + "german-course"]
    assert course.pref_label("ar") == "دورة الاندماج"


MALFORMED = {
    "syntax": ('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
               '<https://x.example/a> a skos:Concept ;\n  skos:prefLabel "Kurs"@de\n'
               '<https://x.example/b> a skos:Concept .\n', "line"),
    "no language tag": ('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                        '<https://x.example/a> a skos:Concept ; skos:prefLabel "Kurs"@de .\n'
                        '<https://x.example/b> a skos:Concept ; skos:prefLabel "Schule" .\n',
                        'Concept https://x.example/b: skos:prefLabel "Schule" has no language tag'),
    "two preferred terms": ('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                            '<https://x.example/a> a skos:Concept ; skos:prefLabel "Kurs"@de, "Lehrgang"@de .\n',
                            "Concept https://x.example/a: more than one skos:prefLabel in language 'de'"),
    "unknown broader": ('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                        '<https://x.example/a> a skos:Concept ; skos:prefLabel "Kurs"@de ;\n'
                        '  skos:broader <https://x.example/nowhere> .\n',
                        "skos:broader https://x.example/nowhere is not a concept in the file"),
    "no concepts": ('<https://x.example/a> <https://x.example/p> "x" .\n', "no skos:Concept"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_file_is_rejected_whole_with_the_problem_named(vocabulary, tmp_path, case):
    text, named = MALFORMED[case]
    # a good concept first: it must not be stored either
    text = text.replace("<https://x.example/a> a skos:Concept", f"<{VOCABULARY_NAMESPACE}german-course> a skos:Concept")
    text = text.replace("<https://x.example/a>", f"<{VOCABULARY_NAMESPACE}german-course>")
    named = named.replace("https://x.example/a", f"{VOCABULARY_NAMESPACE}german-course")
    before = export_vocabulary()
    with pytest.raises(VocabularyError) as error:
        import_vocabulary(text.encode())
    assert named in str(error.value)
    path = tmp_path / "bad.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("vocabulary", "import", str(path))
    assert export_vocabulary() == before


def test_syntax_errors_name_the_line(vocabulary):
    with pytest.raises(VocabularyError, match=r"line 4"):
        import_vocabulary(MALFORMED["syntax"][0].encode())


# --- the synonym list folded into the vocabulary (migration 0009) -----------------------------

class OldSynonym:
    def __init__(self, terms, lang="de", note=""):
        self.terms, self.lang, self.note = terms, lang, note


def test_synonym_groups_join_the_concept_they_name_and_keep_staff_words(vocabulary):
    before = Concept.objects.count()
    fold_synonyms([OldSynonym("Kita, KiTa, Krippe"), OldSynonym("Plauderstunde, Sprachcafé"),
                   OldSynonym("VHS, Volkshochschule", lang="*")], Concept, ConceptLabel)
    kita = Concept.objects.get(uri=VOCABULARY_NAMESPACE + "kindergarten")
    assert "Krippe" in [label.text for label in kita.labels.filter(lang="de", kind="alt")]
    assert Concept.objects.count() == before + 2
    cafe = Concept.objects.get(uri=VOCABULARY_NAMESPACE + "plauderstunde")
    assert cafe.pref_label("de") == "Plauderstunde"
    vhs = Concept.objects.get(uri=VOCABULARY_NAMESPACE + "vhs")
    assert {label.lang for label in vhs.labels.all()} == {"de", "en", "tr"}


# --- Elasticsearch: the same behaviour in the generated query -----------------------------------

def test_elasticsearch_query_carries_the_concept_terms(vocabulary):
    query = SearchQuery(text="курсів німецької мови", lang="uk")
    matches = concept_matches(query.text, query.lang)
    body = build_search_body(query, matches)
    scored = body["query"]["bool"]["must"][0]["bool"]["should"]
    concept_clause = next(c["dis_max"] for c in scored if "dis_max" in c)
    assert concept_clause["_name"] == f"concept:{VOCABULARY_NAMESPACE}german-course"
    phrases = [q["multi_match"]["query"] for q in concept_clause["queries"]]
    assert {"Deutschkurs", "Sprachkurs", "Deutsch lernen", "курс німецької мови"} <= set(phrases)
    assert all(q["multi_match"]["type"] == "phrase" and "title^5" in q["multi_match"]["fields"]
               for q in concept_clause["queries"])
    direct = {c["multi_match"]["_name"]: c["multi_match"]["boost"] for c in scored if "multi_match" in c}
    assert concept_clause["boost"] < direct["stemmed"]  # below a direct match
    response = {"hits": {"total": {"value": 1}, "hits": [{
        "_score": 1.0, "matched_queries": [f"concept:{VOCABULARY_NAMESPACE}german-course"],
        "_source": {"slug": "deutschkurs-eltern", "title": "Deutschkurs", "summary": "", "lang": "de"}}]}}
    results = parse_search_response(response, SearchQuery(text=query.text, lang="uk", facets=False), {}, matches)
    assert [item["label"] for item in results.found_via] == ["Deutschkurs"]


def test_elasticsearch_question_words_are_not_required(vocabulary):
    body = build_search_body(SearchQuery(text="where can I find a swimming course", lang="en"))
    outer = body["query"]["bool"]["must"][0]["bool"]
    required = {c["multi_match"]["query"] for c in outer["must"][0]["bool"]["should"] if "multi_match" in c}
    assert required == {"swimming course"}
    assert outer["should"][0]["multi_match"]["query"] == "find"


def test_elasticsearch_mapping_has_arabic_and_ukrainian_fields():
    from search.es_mapping import analysis_settings, index_body

    settings = analysis_settings("kb")
    assert settings["analyzer"]["kb_ar"]["char_filter"] == ["kb_fold_chars"]
    assert "arabic_normalization" in settings["analyzer"]["kb_ar"]["filter"]
    rules = settings["char_filter"]["kb_fold_chars"]["mappings"]
    assert "ة => ه" in rules and "أ => ا" in rules and "ى => ي" in rules
    fields = index_body("kb")["mappings"]["properties"]["title"]["fields"]
    assert fields["ar"]["search_analyzer"] == "kb_ar_search" and fields["uk"]["analyzer"] == "kb_uk"


def test_concept_factory_builds_labels(db):
    item = concept("test-concept", de=["Probe", "Test"], en=["trial"])
    assert item.pref_label("de") == "Probe" and item.pref_label("en") == "trial"


# --- several-word terms as people type them (issue 21, fourth session) ---------------------------

def hits_for(q, lang):
    return [h.slug for h in get_search_service().search(SearchQuery(text=q, lang=lang)).hits]


@pytest.fixture
def elder_care(site_tree, vocabulary):
    concept("culturally-sensitive-elderly-care", de=["kultursensible Altenhilfe", "kultursensible Pflege", "Altenhilfe"],
            en=["culturally sensitive elderly care"], ar=["مساعدة في رعاية المسنين"])
    create(slug="kultursensible-pflege", title="Kultursensible Pflege zu Hause",
           summary="Kultursensible Pflege für ältere Zugewanderte.", description="Besuche nach Absprache.",
           keywords=[], languages=["de"])
    create(slug="pflegeheim", title="Pflegeheim am Park", summary="Wohnen im Alter.",
           description="Auch Altenhilfe im Stadtteil.", keywords=[], languages=["de"])


def test_a_term_matches_its_words_in_any_order_with_generic_words_between(elder_care):
    hits = hits_for("elderly care sensitive to culture", "en")
    assert hits[:1] == ["kultursensible-pflege"]
    body = get_search_service().search(SearchQuery(text="help with care for the elderly, culturally sensitive", lang="en"))
    assert [h.slug for h in body.hits][:1] == ["kultursensible-pflege"]
    assert [v["label"] for v in body.found_via] == ["kultursensible Altenhilfe"]
    # ... but the words must stand together: a content word between them is another thought
    named = concept_matches("elderly parents abroad need care, culture shock, sensitive", "en")
    assert not [m for m in named if m.words == ("elderly", "care", "culture", "sensitive")]


def test_a_terms_generic_words_may_be_left_out_when_two_words_remain(elder_care):
    # the term says "help with caring for the elderly"; the query only "caring for the elderly"
    body = get_search_service().search(SearchQuery(text="رعاية المسنين", lang="ar"))
    assert [h.slug for h in body.hits][:1] == ["kultursensible-pflege"]
    assert body.found_via and body.found_via[0]["label"] == "kultursensible Altenhilfe"


def test_a_document_with_all_words_of_a_term_scores_as_a_concept_hit_not_as_its_weakest_word(elder_care):
    # "Kultursensible Pflege" in the title against "Altenhilfe" in a description: both are terms
    # of the concept; the first used to score as one of its words at half the concept's weight.
    assert hits_for("culturally sensitive elderly care", "en")[:2] == ["kultursensible-pflege", "pflegeheim"]


def test_the_words_typed_together_outrank_a_concept_term(site_tree, vocabulary):
    concept("refugee-housing", de=["Flüchtlingsunterkunft", "Gemeinschaftsunterkunft", "Unterkunft für Geflüchtete"],
            en=["refugee accommodation"])
    for n, topic in enumerate(["Sprachcafé", "Fahrradwerkstatt", "Elterncafé", "Lesepaten"]):
        create(slug=f"other-{n}", title=topic, summary="Offen für alle.", keywords=[], languages=["de"])
    create(slug="gemeinschaftsunterkunft", title="Gemeinschaftsunterkunft Nord", summary="Ein Haus.",
           keywords=["Gemeinschaftsunterkunft"], languages=["de"])
    create(slug="unterkunft", title="Unterkunft für Geflüchtete", summary="Sozialarbeit vor Ort, jeden Tag.",
           description="Beratung zu Schule, Arbeit und Wohnen.", keywords=[], languages=["de"])
    # Both match the concept; the first has the very words typed and ranks first (it scored
    # as its best word at the concept's weight, below a concept term in title and keywords).
    assert hits_for("Unterkunft Geflüchtete", "de")[:2] == ["unterkunft", "gemeinschaftsunterkunft"]


def test_one_document_word_does_not_answer_two_query_words(site_tree, vocabulary):
    concept("tutoring", de=["Nachhilfe"], en=["private tutoring"])
    concept("homework-help", de=["Hausaufgabenhilfe", "Nachhilfe"], en=["homework help", "school homework"])
    create(slug="fruehstueck", title="Nachbarschaftsfrühstück", summary="Frühstück im Stadtteil.",
           description="Nebenbei vermitteln wir auch Nachhilfe.", keywords=[], languages=["de"])
    create(slug="hausaufgabenhilfe", title="Hausaufgabenhilfe Cannstatt", summary="Nach der Schule.",
           keywords=[], languages=["de"])
    # "Nachhilfe" answers "private tutoring"; it does not answer "school homework" a second time.
    assert hits_for("private tutoring and school homework", "en")[:1] == ["hausaufgabenhilfe"]


def test_elasticsearch_names_the_concept_of_a_reordered_term_and_scores_a_shared_term_once(vocabulary):
    from search.engines.elasticsearch import concept_clauses

    concept("culturally-sensitive-elderly-care", de=["kultursensible Altenhilfe"], en=["culturally sensitive elderly care"])
    matches = concept_matches("elderly care sensitive to culture", "en")
    assert [e.uri for m in matches for e in m.concepts] == [VOCABULARY_NAMESPACE + "culturally-sensitive-elderly-care"]

    concept("tutoring", de=["Nachhilfe"], en=["private tutoring"])
    concept("homework-help", de=["Hausaufgabenhilfe", "Nachhilfe"], en=["homework help", "school homework"])
    clauses = concept_clauses(concept_matches("private tutoring and school homework", "en"), "en")
    phrases = [q["multi_match"]["query"] for c in clauses for q in c["dis_max"]["queries"]]
    assert phrases.count("Nachhilfe") == 1 and "Hausaufgabenhilfe" in phrases


# --- fifth session: a phrase with a synonym, and a page with the word and its synonyms ---------

@pytest.fixture
def job_search(site_tree, vocabulary):
    """The test vocabulary's "work" (Arbeit, Job, Beschäftigung; work, job, employment) with a
    narrower job-search concept whose only English term is "looking for work"."""
    concept("job-search", broader=[Concept.objects.get(uri=VOCABULARY_NAMESPACE + "work")],
            de=["Arbeitssuche", "Jobbörse", "Arbeit finden"], en=["job search", "looking for work"])
    create(slug="ausbildungsmesse", title="Ausbildungsmesse der Stadt",
           summary="Arbeit, Beschäftigung und Job: Betriebe stellen Berufe vor. Arbeit bei der Stadt.",
           keywords=["Arbeit"], languages=["de"])
    create(slug="jobboerse", title="Jobbörse für Zugewanderte", summary="Beratung zur Arbeitssuche.",
           keywords=[], languages=["de"])


def test_a_phrase_with_a_synonym_of_its_word_names_the_narrower_concept(job_search):
    # "looking for a job" is no term; "looking for work" is, and "job" is a term of "work",
    # the concept above job search: the query names job search, not work in general.
    named = concept_matches("looking for a job", "en")
    assert [e.slug for m in named for e in m.concepts] == ["job-search"]
    body = get_search_service().search(SearchQuery(text="looking for a job", lang="en"))
    assert [h.slug for h in body.hits][:1] == ["jobboerse"]
    assert [v["label"] for v in body.found_via] == ["Arbeitssuche"]
    assert [e.slug for m in concept_matches("Beschäftigung finden", "de") for e in m.concepts] == ["job-search"]
    # Elasticsearch reads the same table: its query carries the job-search terms.
    es_body = build_search_body(SearchQuery(text="looking for a job", lang="en"), named)
    assert VOCABULARY_NAMESPACE + "job-search" in str(es_body["query"])


def test_a_synonym_is_only_taken_from_the_concept_above(site_tree, vocabulary):
    # "Kindergeld" is not under "school": "school" and "Kinder" share no broader concept, so
    # "help for school" does not become child benefit.
    concept("child-benefit", broader=[Concept.objects.get(uri=VOCABULARY_NAMESPACE + "money")],
            de=["Kindergeld"], en=["child benefit", "help for children"])
    concept("children", de=["Kinder"], en=["children", "school"])
    assert not [m for m in concept_matches("help for school", "en")
                if any(e.slug == "child-benefit" for e in m.concepts)]


def test_a_page_with_the_word_typed_and_its_synonyms_ranks_above_one_with_the_word_alone(site_tree, vocabulary):
    concept("interpreting", de=["Dolmetschen", "Sprachmittlung"], en=["interpreting"])
    create(slug="beratung", title="Dolmetschen im Amt", summary="Beratung bei Terminen.",
           keywords=[], languages=["de"])
    create(slug="sprachmittlung", title="Dolmetschen im Amt", summary="Sprachmittlung bei Terminen.",
           keywords=[], languages=["de"])
    for n in range(2):
        create(slug=f"sprachmittlung-{n}", title="Sprachmittlung für Familien", summary="Offen für alle.",
               keywords=[], languages=["de"])
    # Same word in the same place; the second also says "Sprachmittlung". Without a share for
    # the synonyms both scored as "Dolmetschen" alone, and the older page won the tie.
    hits = get_search_service().search(SearchQuery(text="Dolmetschen")).hits
    assert [h.slug for h in hits][:2] == ["sprachmittlung", "beratung"]
    assert hits[0].score > hits[1].score
    # Pages with the synonym only still come, after those with the word typed.
    assert {h.slug for h in hits[2:]} == {"sprachmittlung-0", "sprachmittlung-1"}
    # Elasticsearch adds the concept's clause to the direct one (bool should), so there too a
    # page with the word and its synonym scores above a page with the word alone.
    should = build_search_body(SearchQuery(text="Dolmetschen"), concept_matches("Dolmetschen", "de"))
    names = [c.get(kind, {}).get("_name") for c in should["query"]["bool"]["must"][0]["bool"]["should"]
             for kind in ("multi_match", "dis_max")]
    assert "stemmed" in names and VOCABULARY_NAMESPACE + "interpreting" in str(should["query"])


def test_a_query_that_finds_nothing_tries_the_concepts_its_words_are_part_of(site_tree, vocabulary):
    create(slug="alphabetisierung", title="Alphabetisierungskurs für Frauen", summary="Lesen und Schreiben von Anfang an.",
           keywords=[], languages=["de"])
    create(slug="sprachcafe", title="Sprachcafé", summary="Offen für alle.", keywords=[], languages=["de"])
    # "I want to improve my literacy": no term of the vocabulary; "грамотності" is part of the
    # Ukrainian term "курс грамотності" (literacy course). Without the last resort: nothing.
    body = get_search_service().search(SearchQuery(text="хочу покращити свою грамотність", lang="uk"))
    assert [h.slug for h in body.hits] == ["alphabetisierung"]
    assert [v["label"] for v in body.found_via] == ["Alphabetisierungskurs"]
    # A word in the terms of more than three concepts says too little to stand for any of them.
    for n in range(4):
        concept(f"extra-{n}", de=[f"Zusatz {n}"], uk=[f"курс номер{n}"])
    assert not [m for m in concept_matches("покращити курс", "uk", partial=True) if m.partial]
    assert [e.slug for m in concept_matches("покращити грамотність", "uk", partial=True)
            for e in m.concepts] == ["literacy-course"]
    # Only as the last resort: a query that finds something is not widened.
    assert not concept_matches("покращити грамотність", "uk")


def test_filler_verbs_of_a_question_are_not_required(site_tree, vocabulary):
    create(slug="hausaufgaben", title="Hausaufgabenhilfe", summary="Hilfe bei den Hausaufgaben für Kinder am Nachmittag.",
           keywords=[], languages=["de"])
    create(slug="theater", title="Theater-AG", summary="Kinder machen Theater nach der Schule.",
           keywords=[], languages=["de"])
    for n, topic in enumerate(["Sprachcafé", "Fahrradwerkstatt", "Elterncafé", "Lesepaten"]):
        create(slug=f"other-{n}", title=topic, summary="Hier machen alle mit.", keywords=[], languages=["de"])
    # "machen" says nothing about what is asked for: the theatre group, which has it (and
    # "Schule"), no longer outranks the homework help for matching one more word.
    assert hits_for("wo kann mein Kind nach der Schule Hausaufgaben machen", "de")[:1] == ["hausaufgaben"]
