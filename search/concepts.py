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
_NUMBER = re.compile(r"^\d+$")


def label_key(text, lang):
    """The analysed words of a term, stop words left out (as queries leave them out)."""
    return tuple(
        stem(word, lang) for word in tokenize(lower(text, lang)) if not is_stop(word)
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

    def expansions(self, page_lang):
        """(lang, term) pairs the match adds: German terms, then the page language's."""
        langs = ["de"] if page_lang == "de" else ["de", page_lang]
        return [(code, term) for entry in self.concepts for code in langs for term in entry.terms.get(code, [])]


class ConceptTable:
    """Every concept term, analysed per language, keyed for matching query words."""

    def __init__(self):
        self._stamp = None
        self.keys = {}      # lang -> {analysed words: [ConceptEntry]}
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
        self.entries, self.keys, self._stamp = entries, keys, stamp
        return self

    def match(self, words, langs=VOCABULARY_LANGUAGES):
        """Longest non-overlapping spans of `words` (lowercased query words, stop words
        removed) that name a concept in any of `langs`, left to right."""
        stems = {lang: [stem(word, lang) for word in words] for lang in langs if self.keys.get(lang)}
        found, i = [], 0
        while i < len(words):
            best = None
            for n in range(min(MAX_LABEL_WORDS, len(words) - i), 0, -1):
                for lang, stemmed in stems.items():
                    entries = self.keys[lang].get(tuple(stemmed[i:i + n]))
                    if entries:
                        best = ConceptMatch(i, i + n, list(entries), lang, tuple(words[i:i + n]))
                        break
                if best:
                    break
            if best:
                found.append(best)
                i = best.end
            else:
                i += 1
        return found


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
