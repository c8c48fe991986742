"""Query-time use of the multilingual vocabulary (search.models.Concept), for both engines.

A query names a concept when some of its words, analysed the way that language is analysed
(search/analysis.py: German stemming, English Snowball, Turkish casing + lemmas, Arabic
letter folding + lemmas, Ukrainian lemmas), equal the analysed words of one of the concept's
terms. "курсів німецької" meets the Ukrainian term "курси німецької", "دورات اللغة" the
Arabic "دورة لغة". The query then also searches the concept's German terms (the language most
programmes exist in) and those of the page language, weighted below a direct match.

The table is read from the database when staff change it (two small aggregates per search),
never at import time, so an edit in the admin applies on the next search without re-indexing.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .analysis import ALL_QUESTION_WORDS, fold, is_stop, lower, stem, tokenize
from .models import VOCABULARY_LANGUAGES, Concept, ConceptLabel

MAX_LABEL_WORDS = 6
PARTIAL_CONCEPTS = 3   # a word in the terms of more concepts says too little on its own
_NUMBER = re.compile(r"^\d+$")


def label_key(text, lang, content_only=False):
    """The analysed words of a term, stop words left out (as queries leave them out);
    `content_only`: generic request words ("help", "Hilfe") left out too."""
    return tuple(
        stem(word, lang) for word in tokenize(lower(text, lang))
        if not is_stop(word) and not (content_only and is_question_word(word))
    )


def is_question_word(word):
    """Question phrasing and generic request words ("where", "Hilfe", "nerede", "أين", "де"),
    and bare numbers ("12"): they may score but are not what a question is about."""
    return fold(word) in ALL_QUESTION_WORDS or bool(_NUMBER.match(word))


@dataclass
class ConceptEntry:
    uri: str
    prefs: dict                                   # lang -> preferred term
    terms: dict = field(default_factory=dict)     # lang -> [term, ...] (pref first)

    @property
    def slug(self):
        return self.uri.rstrip("/").rsplit("/", 1)[-1]

    def label(self, lang="de"):
        return self.prefs.get(lang) or self.prefs.get("de") or self.slug


@dataclass
class ConceptMatch:
    """Query words [start, end) name `concepts` (through a term in `lang`)."""

    start: int
    end: int
    concepts: list
    lang: str
    words: tuple
    positions: tuple = ()      # the query words it covers (several-word terms: in any order)
    partial: bool = False      # one word of a several-word term only (the last resort, `match`)

    def __post_init__(self):
        self.positions = self.positions or tuple(range(self.start, self.end))

    def expansions(self, page_lang):
        """(lang, term) pairs the match adds: German terms, then the page language's."""
        langs = ["de"] if page_lang == "de" else ["de", page_lang]
        return [(code, term) for entry in self.concepts for code in langs for term in entry.terms.get(code, [])]


class ConceptTable:
    """Every concept term, analysed per language, keyed for matching query words."""

    def __init__(self):
        self._stamp = None
        self.keys = {}      # lang -> {analysed words: [ConceptEntry]}
        self.unordered = {}  # lang -> {sorted words needed: [(words needed, key), ...]}, several words
        self.by_word = {}   # lang -> {content word of a several-word term: [ConceptEntry]}
        self.entries = {}

    def _current_stamp(self):
        """Concepts and their latest change: one aggregate over a few hundred rows. A term's
        change touches its concept's `updated_at` (signal below), so terms need no query."""
        stamp = Concept.objects.aggregate(n=Count("id"), t=Max("updated_at"))
        return stamp["n"], stamp["t"]

    def refresh(self):
        """Reload if staff changed the vocabulary (two small queries); call once per search."""
        stamp = self._current_stamp()
        if stamp == self._stamp:
            return self
        entries, keys = {}, {lang: {} for lang in VOCABULARY_LANGUAGES}
        content_of = {lang: {} for lang in VOCABULARY_LANGUAGES}  # key -> its words less generic ones
        unordered = {lang: {} for lang in VOCABULARY_LANGUAGES}
        rows = ConceptLabel.objects.select_related("concept").order_by("concept_id", "kind", "sort_order", "id")
        for label in rows.only("lang", "kind", "text", "concept__uri").iterator(chunk_size=2000):
            entry = entries.get(label.concept_id)
            if entry is None:
                entry = entries[label.concept_id] = ConceptEntry(uri=label.concept.uri, prefs={})
            if label.kind == ConceptLabel.PREF:
                entry.prefs.setdefault(label.lang, label.text)
                entry.terms.setdefault(label.lang, []).insert(0, label.text)
            else:
                entry.terms.setdefault(label.lang, []).append(label.text)
            key = label_key(label.text, label.lang)
            if key and len(key) <= MAX_LABEL_WORDS and label.lang in keys:
                found = keys[label.lang].setdefault(key, [])
                if entry not in found:
                    found.append(entry)
                content = content_of[label.lang][key] = label_key(label.text, label.lang, content_only=True)
                for needed in dict.fromkeys((key, content)):
                    if len(needed) > 1:
                        loose = unordered.setdefault(label.lang, {}).setdefault(tuple(sorted(needed)), [])
                        if (needed, key) not in loose:
                            loose.append((needed, key))
        by_word = {lang: {} for lang in keys}
        for lang, lang_keys in keys.items():
            for key, found in lang_keys.items():
                for word in content_of[lang][key] if len(key) > 1 else ():
                    named = by_word[lang].setdefault(word, [])
                    named.extend(entry for entry in found if entry not in named)
        broader = {}
        for narrower_uri, broader_uri in Concept.broader.through.objects.values_list("from_concept__uri", "to_concept__uri"):
            broader.setdefault(narrower_uri, set()).add(broader_uri)
        for lang in keys:
            _add_synonym_variants(keys[lang], content_of[lang], unordered.setdefault(lang, {}), broader)
        self.entries, self.keys, self.unordered, self.by_word = entries, keys, unordered, by_word
        self._stamp = stamp
        return self

    def match(self, words, langs=VOCABULARY_LANGUAGES, partial=False):
        """Non-overlapping sets of `words` (lowercased query words, stop words removed) that
        name a concept in any of `langs`, most words first, then left to right.

        `partial`, the last resort for a query that found nothing: a content word no term
        covers also names the concepts with a several-word term containing it, when those are
        few (PARTIAL_CONCEPTS): "бізнес" of "заснувати власний бізнес" names self-employment
        through "відкрити бізнес".

        A several-word term matches its words in any order and with generic request words
        between them ("elderly care sensitive to culture" names "culturally sensitive elderly
        care", "help for homework" "homework help"): people do not type a term's word order,
        but the words must still stand together, so a long question does not assemble a term
        from words of different clauses."""
        stems = {lang: [stem(word, lang) for word in words] for lang in langs if self.keys.get(lang)}
        generic = [is_question_word(word) for word in words]
        candidates = []
        for lang, stemmed in stems.items():
            for start in range(len(words)):
                seen = set()
                for end in range(start + 1, min(len(words), start + MAX_LABEL_WORDS * 2) + 1):
                    window = stemmed[start:end]
                    for needed, key in self._keys_within(lang, window, generic[start:end]):
                        positions = _positions(needed, window, generic[start:end])
                        if positions is None or positions[0] != 0 or key in seen:
                            continue
                        seen.add(key)
                        where = tuple(start + p for p in positions)
                        contiguous = where == tuple(range(where[0], where[-1] + 1))
                        candidates.append((-len(needed), not contiguous, start, lang, where, key))
        candidates.sort(key=lambda c: c[:3])
        used, found = set(), []
        for _n, _loose, _start, lang, where, key in candidates:
            if used.intersection(where):
                continue
            used.update(where)
            found.append(ConceptMatch(where[0], where[-1] + 1, list(self.keys[lang][key]), lang,
                                      tuple(words[i] for i in where), where))
        if partial:
            found += self._partial(words, stems, generic, used)
        found.sort(key=lambda m: m.start)
        return found

    def _partial(self, words, stems, generic, used):
        for i, word in enumerate(words):
            if i in used or generic[i]:
                continue
            named, lang = [], None
            for code, stemmed in stems.items():
                for entry in self.by_word.get(code, {}).get(stemmed[i], ()):
                    if entry not in named:
                        named.append(entry)
                        lang = lang or code
            if 0 < len(named) <= PARTIAL_CONCEPTS:
                yield ConceptMatch(i, i + 1, named, lang, (word,), (i,), partial=True)

    def _keys_within(self, lang, window, generic):
        """(words needed, term) of the terms the window names: the contiguous window itself,
        and, for windows of several words, terms with its words in any order. A term's generic
        words may be left out when two or more other words remain ("واجبات مدرسية" names
        "مساعدة في الواجبات المدرسية", homework help)."""
        exact = tuple(window)
        if exact in self.keys[lang]:
            yield exact, exact
        if len(window) < 2:
            return
        every = tuple(sorted(window))
        content = tuple(sorted(w for w, g in zip(window, generic, strict=True) if not g))
        for words in dict.fromkeys((every, content)):
            for needed, key in self.unordered[lang].get(words, ()):
                if key != exact:
                    yield needed, key


def _add_synonym_variants(keys, content_of, unordered, broader):
    """A term made of request words and one content word also names its concept with that
    word exchanged for another term of the broader concept that word names: "looking for
    work" (job search, broader: work) is also "looking for a job", "Arbeit suchen" also
    "Stelle suchen". Only through the broader concept: "çocuk yardımı" (child benefit, under
    money) does not become "help for my daughter". A variant never replaces a term that exists."""
    one_word = {}   # concept uri -> its one-word terms
    for key, found in keys.items():
        if len(key) == 1:
            for entry in found:
                one_word.setdefault(entry.uri, set()).add(key[0])
    variants = {}
    for key, found in keys.items():
        content = content_of.get(key, ())
        if len(key) < 2 or len(content) != 1:
            continue
        i = key.index(content[0])
        for entry in found:
            for uri in broader.get(entry.uri, ()):
                words = one_word.get(uri, set())
                if key[i] not in words:
                    continue
                for other in words - {key[i]}:
                    variant = key[:i] + (other,) + key[i + 1:]
                    if variant not in keys and entry not in variants.setdefault(variant, []):
                        variants[variant].append(entry)
    for variant, found in variants.items():
        keys[variant] = found
        unordered.setdefault(tuple(sorted(variant)), []).append((variant, variant))


def _positions(key, window, generic):
    """Where in `window` each word of `key` stands (each place used once), or None. Every
    non-generic word of the window must belong to the term."""
    free = list(range(len(window)))
    where = []
    for word in key:
        spot = next((i for i in free if window[i] == word), None)
        if spot is None:
            return None
        free.remove(spot)
        where.append(spot)
    if any(not generic[i] for i in free):
        return None
    return sorted(where)


concepts = ConceptTable()


def found_via(matches, page_lang, is_known=None):
    """What the results page and the API show: each matched concept once, unless the words
    typed were its German preferred term itself (then nothing was "found via" anything).
    `is_known(lang, term)` may drop concepts whose terms are nowhere in the index."""
    shown, seen = [], set()
    for match in matches:
        typed = " ".join(match.words)
        for entry in match.concepts:
            if entry.uri in seen:
                continue
            if label_key(entry.label("de"), "de") == label_key(typed, "de"):
                continue
            if is_known is not None and not any(is_known(code, t) for code, t in match.expansions(page_lang)
                                                if t in entry.terms.get(code, [])):
                continue
            seen.add(entry.uri)
            shown.append({
                "concept": entry.uri,
                "label": entry.label("de"),
                "label_local": entry.label(page_lang),
                "matched": typed,
            })
    return shown


@receiver(post_save, sender=ConceptLabel)
@receiver(post_delete, sender=ConceptLabel)
def _touch_concept(sender, instance, **kwargs):
    """A term changed outside its concept's form (code, shell): mark the concept changed so
    every process's table reloads on its next search."""
    Concept.objects.filter(pk=instance.concept_id).update(updated_at=timezone.now())
