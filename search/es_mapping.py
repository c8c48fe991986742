"""The Elasticsearch index: analysers, the `ProgrammeDocument` mapping and the synonym sets.

Everything here is data (dicts and a DSL document class), so tests check it without a
cluster. The engine that uses it is `search/engines/elasticsearch.py`; docs/elasticsearch.md
explains the choices.

Text fields (title, summary, plain, description, keywords, taxonomy, organisation, outcomes, lessons) are
analysed several ways through multi-fields:

    <field>        German, the primary language and the stand-in for missing translations.
                   Index side `kb_de`:  standard, the German folding of search/analysis.py (generated:
                   kb_fold_chars, lowercase, asciifolding, kb_fold_digraph), stop,
                   dictionary_decompounder (word list = search/data/lexicon_de.txt, inline),
                   light_german stemmer.
                   Search side `kb_de_search`: the same without stop words (the engine drops
                   them from the query text) and without decompounding, plus the
                   admin-managed synonyms (synonym_graph on a synonyms set, updateable).
    <field>.en     English: possessive + `english` stemmer; search side adds synonyms.
    <field>.tr     Turkish: apostrophe, Turkish lowercase, `turkish` stemmer; + synonyms.
    <field>.exact  lowercase + folding only: exact word forms rank above stems and synonyms,
                   and the typo-tolerant (fuzzy) clause runs here, where no synonym graph is.

Synonyms: a synonyms set per language (`PUT _synonyms/<index>-synonyms-<lang>`, ES >= 8.10),
referenced by an `updateable` synonym_graph filter in the search analysers only. Updating a
set makes Elasticsearch reload the search analysers of every index using it, so staff edits
apply without re-indexing, closing the index or copying files to the nodes (which
`_reload_search_analyzers` with a `synonyms_path` file would need). Sets must exist before an
index that names them is created, so the engine writes them first on every rebuild.
"""

import re

from elasticsearch.dsl import Completion, Date, Document, Integer, Keyword, MetaField, Text

from .analysis import (
    DIGRAPH_PATTERN,
    DIGRAPH_REPLACEMENT,
    FOLD_CHARS,
    LEXICON_PATH,
    STOP_WORDS,
    fold,
)
from .documents import FIELD_WEIGHTS

# Languages with their own analysed sub-field (German is the main field).
SUBFIELD_LANGUAGES = ("en", "tr", "ar", "uk")
SYNONYM_LANGUAGES = ("de", *SUBFIELD_LANGUAGES)
TEXT_FIELDS = tuple(FIELD_WEIGHTS)  # title, keywords, summary, plain, taxonomy, organisation, description, outcomes, lessons
SPELL_SOURCES = ("title", "keywords", "summary", "taxonomy", "description")

DECOMPOUND_MIN_WORD = 8      # shorter words are never split ("Verein", "Familie")
DECOMPOUND_MIN_PART = 4      # 3-letter parts ("rat" in "Beratung") split too much by brute force
DECOMPOUND_MAX_PART = 25


def fold_char_mappings():
    """`analysis.FOLD_CHARS` as mapping char-filter rules. Char filters run before the
    lowercase filter, so capitals are mapped too ("Ä", "Ø"), except where the capital is
    plain ASCII ("ı" -> "I" must not turn every "I" into "i" twice over: lowercase does that)."""
    rules = []
    for char, replacement in FOLD_CHARS.items():
        forms = {char, *([char.upper()] if len(char.upper()) == 1 and not char.upper().isascii() else [])}
        if char == "ß":
            forms.add("ẞ")
        rules += [f"{form} => {replacement}" for form in sorted(forms)]
    return rules


def fold_filters():
    """The German folding as Elasticsearch filters, generated from `search.analysis`:
    (char filter, token filters). The token chain is lowercase, asciifolding (accents), the
    ae/oe/ue digraph rule -- the order `analysis.fold` applies them in."""
    char_filter = {"kb_fold_chars": {"type": "mapping", "mappings": fold_char_mappings()}}
    token_filter = {
        "kb_fold_digraph": {"type": "pattern_replace", "pattern": DIGRAPH_PATTERN, "replacement": DIGRAPH_REPLACEMENT},
    }
    return char_filter, token_filter


FOLD_CHAIN = ["lowercase", "asciifolding", "kb_fold_digraph"]


def stop_words():
    """Every stop word in every spelling the analysers may see, sorted (index settings are data)."""
    raw = set()
    for words in STOP_WORDS.values():
        raw |= set(words)
    return sorted(raw | {fold(w) for w in raw})


def decompound_word_list(path=LEXICON_PATH):
    """The German lexicon as the dictionary_decompounder sees words: folded
    (`analysis.fold`, as the analyser chain before it does), plus the form without final -e/-en that compounds use
    ("Sprache" → "sprach" for "Sprachkurs", "Schule" → "schul")."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lstrip("!")
        for token in re.findall(r"\w+", line.lower()):
            word = fold(token)
            forms = {word}
            for suffix in ("en", "e"):
                if word.endswith(suffix):
                    forms.add(word[: -len(suffix)])
            words |= {f for f in forms if DECOMPOUND_MIN_PART <= len(f) <= DECOMPOUND_MAX_PART and f.isalpha()}
    return sorted(words)


def synonym_set_id(index_name, lang):
    return f"{index_name}-synonyms-{lang}"


def analysis_settings(index_name):
    synonyms = {
        f"kb_synonyms_{lang}": {
            "type": "synonym_graph",
            "synonyms_set": synonym_set_id(index_name, lang),
            "updateable": True,  # search analysers only; reloaded when the set changes
            "lenient": True,     # a rule that cannot be analysed is skipped, not fatal
        }
        for lang in SYNONYM_LANGUAGES
    }
    fold_char_filter, fold_token_filter = fold_filters()
    return {
        "char_filter": fold_char_filter,
        "filter": {
            **fold_token_filter,
            "kb_stop": {"type": "stop", "stopwords": stop_words()},
            "kb_decompound_de": {
                "type": "dictionary_decompounder",
                "word_list": decompound_word_list(),
                "min_word_size": DECOMPOUND_MIN_WORD,
                "min_subword_size": DECOMPOUND_MIN_PART,
                "max_subword_size": DECOMPOUND_MAX_PART,
                "only_longest_match": True,
            },
            "kb_stem_de": {"type": "stemmer", "language": "light_german"},
            "kb_possessive_en": {"type": "stemmer", "language": "possessive_english"},
            "kb_stem_en": {"type": "stemmer", "language": "english"},
            "kb_lowercase_tr": {"type": "lowercase", "language": "turkish"},
            "kb_stem_tr": {"type": "stemmer", "language": "turkish"},
            "kb_stem_ar": {"type": "stemmer", "language": "arabic"},
            "kb_shingle": {"type": "shingle", "min_shingle_size": 2, "max_shingle_size": 3, "output_unigrams": True},
            **synonyms,
        },
        "analyzer": {
            "kb_de": _custom([*FOLD_CHAIN, "kb_stop", "kb_decompound_de", "kb_stem_de"], fold=True),
            # Synonyms after the stemmer: rules are stemmed like the query, so "Flüchtlingen"
            # triggers the group written as "Flüchtlinge". No decompounder before the synonym
            # filter (it cannot consume stacked tokens); the engine's compound clause
            # searches with `kb_de` instead.
            "kb_de_search": _custom([*FOLD_CHAIN, "kb_stem_de", "kb_synonyms_de"], fold=True),
            "kb_en": _custom(["kb_possessive_en", "lowercase", "kb_stop", "kb_stem_en", "asciifolding"]),
            "kb_en_search": _custom(["kb_possessive_en", "lowercase", "kb_stem_en", "kb_synonyms_en", "asciifolding"]),
            "kb_tr": _custom(["apostrophe", "kb_lowercase_tr", "kb_stem_tr", "asciifolding"]),
            "kb_tr_search": _custom(["apostrophe", "kb_lowercase_tr", "kb_stem_tr", "kb_synonyms_tr", "asciifolding"]),
            # Arabic: the letter folding of search/analysis.py (alef forms, ta marbuta, alef
            # maqsura, harakat, tatweel: kb_fold_chars), then Lucene's normalisation and stemmer.
            "kb_ar": _custom(["lowercase", "decimal_digit", "arabic_normalization", "kb_stop", "kb_stem_ar"], fold=True),
            "kb_ar_search": _custom(["lowercase", "decimal_digit", "arabic_normalization", "kb_stem_ar",
                                     "kb_synonyms_ar"], fold=True),
            # Ukrainian: Elasticsearch has no built-in Ukrainian stemmer (the analysis-ukrainian
            # plugin would add one); the vocabulary's inflected terms (search/concepts.py) carry it.
            "kb_uk": _custom(["lowercase", "kb_stop"], fold=True),
            "kb_uk_search": _custom(["lowercase", "kb_synonyms_uk"], fold=True),
            "kb_exact": _custom(FOLD_CHAIN, fold=True),
            "kb_spell": _custom(["lowercase"]),
            "kb_spell_shingle": _custom(["lowercase", "kb_shingle"]),
            "kb_completion": _custom(FOLD_CHAIN, fold=True),
        },
    }


def _custom(filters, fold=False):
    """A custom analyser; `fold`: with the German folding's char filter in front."""
    analyser = {"type": "custom", "tokenizer": "standard", "filter": filters}
    if fold:
        analyser["char_filter"] = ["kb_fold_chars"]
    return analyser


def _analysed_text(copy_to=None):
    fields = {lang: Text(analyzer=f"kb_{lang}", search_analyzer=f"kb_{lang}_search") for lang in SUBFIELD_LANGUAGES}
    fields["exact"] = Text(analyzer="kb_exact")
    kwargs = {"copy_to": copy_to} if copy_to else {}
    return Text(analyzer="kb_de", search_analyzer="kb_de_search", fields=fields, **kwargs)


class ProgrammeDocument(Document):
    """One programme page (the German source or a translation) in the index; id = page id."""

    page_id = Integer()
    translation_key = Keyword()
    slug = Keyword()
    lang = Keyword()
    languages_available = Keyword(multi=True)
    visible_in = Keyword(multi=True)  # locales whose searches show this page (completion context)
    url = Keyword(index=False)

    title = _analysed_text(copy_to="spell")
    keywords = _analysed_text(copy_to="spell")
    summary = _analysed_text(copy_to="spell")
    taxonomy = _analysed_text(copy_to="spell")
    organisation = _analysed_text()
    description = _analysed_text(copy_to="spell")
    outcomes = _analysed_text()
    plain = _analysed_text()
    lessons = _analysed_text()

    spell = Text(analyzer="kb_spell", fields={"shingle": Text(analyzer="kb_spell_shingle")})
    title_suggest = Completion(
        analyzer="kb_completion",
        contexts=[{"name": "scope", "type": "category", "path": "visible_in"}],
    )

    themes = Keyword(multi=True)
    target_groups = Keyword(multi=True)
    districts = Keyword(multi=True)
    status = Keyword()
    languages = Keyword(multi=True)
    facts = Keyword(multi=True)  # service facts known to hold: free, no_registration, step_free, ...

    start_year = Integer()
    end_year = Integer()
    published_at = Date()

    class Meta:
        dynamic = MetaField("strict")

    @classmethod
    def from_doc(cls, doc, site_languages=("de", "en", "tr")):
        """Build from the shared extraction (`search.documents.ProgrammeDoc`)."""
        if doc.lang == "de":
            visible_in = ["de", *[code for code in site_languages if code != "de" and code not in doc.languages_available]]
        else:
            visible_in = [doc.lang]
        return cls(
            meta={"id": doc.page_id},
            page_id=doc.page_id,
            translation_key=doc.translation_key,
            slug=doc.slug,
            lang=doc.lang,
            languages_available=list(doc.languages_available),
            visible_in=visible_in,
            url=doc.url,
            status=doc.status,
            start_year=doc.start_year,
            end_year=doc.end_year,
            published_at=doc.published_at,
            title_suggest=completion_inputs(doc.title),
            **{name: doc.fields.get(name, "") for name in TEXT_FIELDS},
            **{name: list(values) for name, values in doc.facets.items() if name != "status"},
        )


def completion_inputs(title, max_words=8):
    """The whole title, and the title from each later word on, so "Eltern" completes
    "Sprachkurs für Eltern" as the embedded engine's word-start match does."""
    title = re.sub(r"[\x00\x1e\x1f]", " ", title or "").strip()
    if not title:
        return []
    words = title.split()
    tails = [" ".join(words[i:]) for i in range(1, min(len(words), max_words))]
    inputs = [{"input": [title], "weight": 10}]
    if tails:
        inputs.append({"input": tails, "weight": 5})
    return inputs


def index_body(index_name, shards=1, replicas=None, building=False):
    """Settings and mappings for a new concrete index behind the alias `index_name`."""
    index_settings = {"number_of_shards": shards}
    if replicas is not None:
        index_settings["number_of_replicas"] = replicas
    if building:
        index_settings["refresh_interval"] = "-1"  # restored once the bulk load is done
    return {
        "settings": {"index": index_settings, "analysis": analysis_settings(index_name)},
        "mappings": ProgrammeDocument._doc_type.mapping.to_dict(),
    }


# --- synonym sets -------------------------------------------------------------------------

_RULE_NOISE = re.compile(r"=>|\\|[\x00-\x1f]")


def _clean_phrase(phrase):
    """A synonym phrase as a rule may hold it: no rule syntax, no stop words (the engine
    removes stop words from the query text too, so "Agentur für Arbeit" meets "Agentur Arbeit")."""
    phrase = _RULE_NOISE.sub(" ", phrase).lstrip("#")
    stops = STOP_WORDS_ALL
    kept = [w for w in phrase.split() if _bare(w) not in stops]
    return " ".join(kept)


def _bare(word):
    return re.sub(r"\W", "", word.lower())


STOP_WORDS_ALL = frozenset(stop_words())


class ConceptSynonyms:
    """One concept's terms in one language, shaped as `synonym_rules` reads a group."""

    def __init__(self, pk, lang, terms):
        self.pk, self.lang, self._terms = pk, lang, terms

    def words(self):
        return list(self._terms)


def concept_synonym_groups(entries):
    """Synonym groups for the analysers' sets: each concept's terms per language (several
    words only; cross-language expansion is done in the query, search/concepts.py)."""
    return [
        ConceptSynonyms(entry.slug, lang, terms)
        for entry in entries for lang, terms in sorted(entry.terms.items()) if len(terms) >= 2
    ]


def synonym_rules(synonyms, lang):
    """Solr-format rules for `lang` from Synonym rows (lang == `lang` or "*"), with stable ids."""
    rules = []
    for synonym in synonyms:
        if synonym.lang not in (lang, "*"):
            continue
        phrases, seen = [], set()
        for word in synonym.words():
            phrase = _clean_phrase(word)
            if phrase and phrase.casefold() not in seen:
                seen.add(phrase.casefold())
                phrases.append(phrase)
        if len(phrases) >= 2:
            rules.append({"id": f"synonym-{synonym.pk}", "synonyms": ", ".join(phrases)})
    return sorted(rules, key=lambda rule: rule["id"])
