"""From what a person typed to weighted index terms.

Each query word becomes a group of terms with factors: its stem (1.0), the terms of a
vocabulary concept it names (0.7; several words naming one concept become one group), the
parts of a compound (0.55 each), spelling variants within one or two edits (0.5 / 0.35)
and, for the last word, completions (0.4). A document's score sums the matching weights;
documents matching more groups rank first. Question words ("where", "welche Hilfe",
"nerede") are "soft" groups: they score but are not required (search/concepts.py).
"""

import math
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from rapidfuzz.distance import Levenshtein

from .analysis import (
    analyse,
    base_lexicon,
    edit_distance_allowed,
    fold,
    is_stop,
    lower,
    split_compound,
    stem,
    tokenize,
)
from .concepts import concepts, found_via, is_question_word, label_key
from .models import IndexState, Vocabulary

EXACT, CONCEPT, PART, FUZZY1, FUZZY2, PREFIX = 1.0, 0.7, 0.55, 0.5, 0.35, 0.4


@dataclass
class TermGroup:
    """One query word: alternative terms (the best one counts) and compound parts (they add up)."""

    word: str
    terms: dict = field(default_factory=dict)  # alternative term -> factor
    parts: dict = field(default_factory=dict)  # compound part -> factor
    soft: bool = False                         # a question word: scores, never required
    # Words of a several-word concept term ("lernen" of "Schwimmen lernen"): they score, but
    # a document matches the group through them only if it has all words of the term (`phrases`).
    weak: set = field(default_factory=set)
    phrases: list = field(default_factory=list)
    # The words typed, when several name one concept: a document with all of them matches the
    # query directly and scores as a direct match of their mean weight, above a concept term.
    typed: list = field(default_factory=list)

    @property
    def matching_terms(self):
        return [t for t in self.all_terms if t not in self.weak]

    def add(self, term, factor):
        if term and factor > self.terms.get(term, 0):
            self.terms[term] = factor

    def add_part(self, term, factor):
        if term and term not in self.terms and factor > self.parts.get(term, 0):
            self.parts[term] = factor

    @property
    def all_terms(self):
        return {**self.parts, **self.terms}


@dataclass
class QueryPlan:
    groups: list
    suggestion: str | None = None
    found_via: list = field(default_factory=list)  # concepts that widened the query (concepts.found_via)
    widened: bool = False   # a word named concepts through part of their terms (the last resort)

    @property
    def all_terms(self):
        merged = {}
        for group in self.groups:
            for term, factor in group.all_terms.items():
                merged[term] = max(factor, merged.get(term, 0))
        return merged


class VocabularyCache:
    """Indexed terms in memory for typo tolerance, suggestions and compound splitting."""

    def __init__(self):
        self.version = None
        self.loaded_at = 0.0
        self.df = {}
        self.surface = {}
        self.by_length = {}
        self.lexicon = frozenset()

    def refresh(self):
        version = IndexState.objects.values_list("stamp", flat=True).first() or ""
        max_age = getattr(settings, "SEARCH_VOCABULARY_MAX_AGE", 10)
        if version == self.version or (self.version is not None and time.monotonic() - self.loaded_at < max_age):
            return self
        df, surface, by_length = {}, {}, {}
        for term, count, word in Vocabulary.objects.filter(df__gt=0).values_list("term", "df", "surface").iterator(chunk_size=5000):
            df[term] = count
            surface[term] = word
            by_length.setdefault(len(term), []).append(term)
        self.df, self.surface, self.by_length = df, surface, by_length
        self.lexicon = base_lexicon() | {t for t, n in df.items() if n >= 2 and len(t) >= 4}
        self.version, self.loaded_at = version, time.monotonic()
        return self

    def near(self, term, max_distance):
        """Indexed terms within `max_distance` edits, closest and most frequent first."""
        found = []
        for length in range(len(term) - max_distance, len(term) + max_distance + 1):
            for candidate in self.by_length.get(length, ()):
                distance = Levenshtein.distance(term, candidate, score_cutoff=max_distance)
                if distance <= max_distance and candidate != term:
                    found.append((distance, -self.df[candidate], candidate))
        found.sort()
        return [(c, d) for d, _n, c in found[:5]]

    def completions(self, prefix, limit=5):
        found = [
            (-self.df[t], t) for length, terms in self.by_length.items() if length > len(prefix)
            for t in terms if t.startswith(prefix)
        ]
        found.sort()
        return [t for _n, t in found[:limit]]


vocabulary = VocabularyCache()


def plan_query(text, lang, partial=False):
    """Analyse `text` for searching `lang` documents (and German ones standing in for them);
    `partial`: the last resort, see ConceptTable.match."""
    vocab = vocabulary.refresh()
    table = concepts.refresh()
    langs = [lang] if lang == "de" else [lang, "de"]
    capitalised = {w.lower() for w in re.findall(r"\w+", text) if w[:1].isupper()}
    words = [w for w in tokenize(lower(text, lang)) if not is_stop(w)]
    matches = table.match(words, partial=partial)
    span_of = {i: m for m in matches for i in m.positions}
    groups, corrected, changed = [], [], False
    claimed = set()     # terms of earlier query words
    for position, word in enumerate(words):
        match = span_of.get(position)
        if match is not None and position > match.positions[0]:
            corrected.append(word)       # joined into the group of the match's first word
            continue
        covered = [words[i] for i in match.positions] if match else [word]
        group = TermGroup(" ".join(covered), soft=all(is_question_word(w) for w in covered))
        known = False
        for code in langs:
            for covered_word in covered:
                term = stem(covered_word, code)
                if not term:
                    continue
                group.add(term, EXACT if len(covered) == 1 else CONCEPT)
                known = known or term in vocab.df
                if code == "de":
                    for part in split_compound(term, vocab.lexicon):
                        group.add_part(part, PART)
            typed = tuple(t for t in (stem(w, code) for w in covered) if t)
            if len(typed) > 1 and typed not in group.typed:
                group.typed.append(typed)
        if match is not None and not group.soft:  # "help", "Hilfe" alone would widen to every kind of help
            for code, phrase in match.expansions(lang):
                terms = label_key(phrase, code)
                if len(terms) == 1 and terms[0] in claimed and terms[0] not in group.terms:
                    continue    # one word of a document answers one query word, not two concepts
                for t in terms:
                    group.add(t, CONCEPT if len(terms) == 1 else CONCEPT / 2)
                    if len(terms) > 1 and group.terms.get(t) == CONCEPT / 2:
                        group.weak.add(t)
                    elif len(terms) == 1:
                        group.weak.discard(t)   # also a term on its own
                if len(terms) > 1 and terms not in group.phrases:
                    group.phrases.append(terms)
                known = known or any(t in vocab.df for t in terms)
        if not group.terms:
            continue
        main = next(iter(group.terms))
        replacement = word
        if not known:
            allowed = edit_distance_allowed(main)
            near = vocab.near(main, allowed) if allowed else []
            for candidate, distance in near:
                group.add(candidate, FUZZY1 if distance == 1 else FUZZY2)
            if near:
                replacement = vocab.surface.get(near[0][0], word)
                if word in capitalised:
                    replacement = replacement[:1].upper() + replacement[1:]
                changed = changed or fold(replacement) != fold(word)
            if position == len(words) - 1 and len(main) >= 4:
                for completion in vocab.completions(main):
                    group.add(completion, PREFIX)
        corrected.append(replacement)
        groups.append(group)
        claimed.update(t for t in group.terms if t not in group.weak)
    matches = [m for m in matches if not all(is_question_word(w) for w in m.words)]
    via = found_via(matches, lang, lambda code, t: any(term in vocab.df for term in label_key(t, code)))
    return QueryPlan(groups=groups, suggestion=" ".join(corrected) if changed else None, found_via=via,
                     widened=any(m.partial for m in matches))


def idf(df, total):
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def index_terms(doc_fields, lang, weights):
    """{term: weight} of one document: fields weighted, tf saturated, compound parts added."""
    raw = {}
    surfaces = {}
    for name, text in doc_fields.items():
        factor = weights[name]
        for token in analyse(text, lang, None):
            raw[token.term] = raw.get(token.term, 0.0) + factor
            surfaces.setdefault(token.term, token.surface)
            for part in token.parts:
                raw[part] = raw.get(part, 0.0) + factor * 0.5
                surfaces.setdefault(part, part)
    length = sum(raw.values()) or 1.0
    k1, b, avg = 1.2, 0.5, 150.0
    norm = k1 * (1 - b + b * length / avg)
    return {term: (w * (k1 + 1)) / (w + norm) for term, w in raw.items()}, surfaces
