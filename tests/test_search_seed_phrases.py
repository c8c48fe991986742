"""The seeded vocabulary (search/data/vocabulary.ttl, loaded by migration 0009) at work:
everyday phrases in Arabic, Ukrainian, Turkish and English find programmes that exist only
in German (issue 21).

No word of these queries is itself a word of any seeded term (checked below): plurals, cases,
possessives, suffixes and other phrasing must be brought to a term by each language's
analysis, as a newcomer's own words would be.
"""

import re

import pytest

from search.models import ConceptLabel
from tests.factories import create

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_only(site_tree):
    assert ConceptLabel.objects.count() > 1000, "the seed vocabulary is loaded by the migrations"
    for slug, title, summary in [
        ("wohnungssuche", "Unterstützung bei der Wohnungssuche", "Hilfe bei der Suche nach einer Wohnung und beim Mietvertrag."),
        ("hausaufgabenhilfe", "Hausaufgabenhilfe im Stadtteil", "Ehrenamtliche helfen nach dem Unterricht bei den Hausaufgaben."),
        ("anerkennungsberatung", "Beratung zur Anerkennung ausländischer Berufsabschlüsse", "Termine nach Vereinbarung."),
        ("schulberatung", "Schulberatung für neu zugewanderte Familien", "Wir begleiten Sie bei der Anmeldung an einer Schule."),
        ("kita-beratung", "Beratung zum Kindergartenplatz", "Wir helfen Eltern, einen Platz im Kindergarten zu finden."),
    ]:
        create(slug=slug, title=title, summary=summary, description="Offene Sprechstunde montags.",
               keywords=[], themes=["welcome"], languages=["de"])


def seeded_words():
    return {w for text in ConceptLabel.objects.values_list("text", flat=True) for w in re.findall(r"\w+", text.casefold())}


@pytest.mark.parametrize(("lang", "q", "slug"), [
    ("ar", "بالمدارس", "schulberatung"),                  # "in the schools": preposition + article + plural
    ("uk", "домашніх завдань", "hausaufgabenhilfe"),      # genitive plural of "homework"
    ("uk", "житлом", "wohnungssuche"),                    # instrumental of "housing"
    ("uk", "дитсадках", "kita-beratung"),                 # locative plural of "kindergarten"
    ("tr", "evimiz yok", "wohnungssuche"),                # "we have no home"
    ("tr", "denkliğimi", "anerkennungsberatung"),         # "my recognition" (accusative)
    ("tr", "kreşler", "kita-beratung"),                   # plural of "day nursery"
    ("en", "apartments", "wohnungssuche"),
])
def test_everyday_phrases_with_unseeded_word_forms_find_german_only_programmes(client, german_only, lang, q, slug):
    words = set(re.findall(r"\w+", q.casefold()))
    assert not words & seeded_words(), "the query must not use the seed's own words"
    body = client.get("/api/v1/search/", {"q": q, "lang": lang}).json()
    assert slug in [hit["slug"] for hit in body["results"][:3]], (lang, q, body["results"][:3])
    assert body["found_via"], "the results say which concept matched"
    html = client.get(f"/{lang}/suche/", {"q": q}).content.decode()
    assert f'/{lang}/programme/{slug}/"' in html  # German-only, reached in the visitor's language


def test_terms_added_to_the_seed_later_reach_a_site_created_before_them(site_tree):
    # Migration 0009 loads the seed once; 0011 brings a site created earlier the terms added
    # since, without touching what staff wrote and without doubling what a fresh site has.
    import importlib

    from django.apps import apps

    from search.models import VOCABULARY_NAMESPACE, Concept

    later = importlib.import_module("search.migrations.0011_seed_additions_2026_12")
    job_search = Concept.objects.get(uri=VOCABULARY_NAMESPACE + "job-search")
    ConceptLabel.objects.filter(concept=job_search, text="أبحث عن عمل").delete()   # as before the term existed
    ConceptLabel.objects.create(concept=job_search, lang="de", kind="alt", text="Stellenbörse der Stadt")  # staff's
    later.forwards(apps, None)
    later.forwards(apps, None)
    terms = list(ConceptLabel.objects.filter(concept=job_search).values_list("text", flat=True))
    assert terms.count("أبحث عن عمل") == 1 and "Stellenbörse der Stadt" in terms
    # ... and the search reads it at once: "I am looking for work" names job search
    from search.engines.elasticsearch import concept_matches
    assert [e.slug for m in concept_matches("أبحث عن عمل", "ar") for e in m.concepts] == ["job-search"]
