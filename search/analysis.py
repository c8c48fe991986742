"""Text analysis shared by the index side and the query side of the search engine.

Documents are turned into terms when they are indexed and queries are turned
into terms when they are run; both sides must go through *exactly* the same
functions, otherwise "Sprachkurse" in a page and "Sprachkurs" in a query never
meet.  This module is that shared pipeline.  It is plain Python (no Django, no
database, no settings) so it can be unit-tested and reused anywhere.

Pipeline for one word::

    surface  = lowercased word as it appears in the text       ("sprachförderungen")
    folded   = fold(surface): umlauts, ß, accents flattened    ("sprachforderungen")
    term     = stem(surface, lang): Snowball + normalisation   ("sprachforder")
    parts    = split_compound(folded, lexicon, surface=True)   (("sprach", "forder"))

German is the primary language, English the second; other languages get the
Snowball stemmer PyStemmer has for them (if any) and the same folding.
"""
from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import simplemma
import Stemmer

__all__ = [
    "ALL_QUESTION_WORDS", "ALL_STOP_WORDS", "QUESTION_WORDS", "RAW_STOP_WORDS", "is_stop", "DIGRAPH_PATTERN", "FOLD_CHARS", "FOLD_DELETE", "STOP_WORDS", "Token", "analyse", "base_lexicon", "clear_caches", "edit_distance_allowed",
    "fold", "lower", "split_compound", "stem", "tokenize",
]

LEXICON_PATH = Path(__file__).with_name("data") / "lexicon_de.txt"

MIN_COMPOUND_LEN = 8   # shorter words are never split ("Verein", "Familie")
MIN_PART_LEN = 3       # "Amt", "Kur(s)", "Elt(ern)"; 3-letter parts must be in the curated base lexicon
MAX_PARTS = 3
MAX_WORD_LEN = 60      # longer "words" are hashes, base64, URLs without separators: not indexed
LINKING_ELEMENTS = ("", "s", "es", "n", "en", "e")   # Fugenelemente, tried in this order

# Derivational suffixes that are not words on their own: never accept them as a
# compound part, or "Beratung" becomes "berat" + "ung" and "Gesellschaft" "gesell" + "schaft".
_NOT_PARTS = frozenset({
    "ung", "ungen", "heit", "keit", "schaft", "lich", "isch", "chen", "lein", "ling", "nis",
    "tum", "haft", "bar", "sam", "ier", "ist", "tion", "ion", "ismus", "end", "ende", "enden",
    "ent", "ant", "enz", "anz", "erin", "innen", "ell", "ig", "ige", "iger", "tat",
})

# --------------------------------------------------------------------------- stop words

_DE_STOP = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei beim bin bis bist bzw ca da dabei dadurch daher damit danach dann daran darauf
darin darum darüber das dass daß dein deine deinem deinen deiner dem den denen denn der deren
derer des dessen dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine
einem einen einer eines einige einigen er es etc etwa euch euer eure eurem euren eurer für gegen
gibt hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer
im in ins ist ja je jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kannst
kein keine keinem keinen keiner können könnt man manche manchem manchen mancher manches mehr
mein meine meinem meinen meiner mich mir mit möchte möchten muss musste müssen nach nein nicht
nichts noch nun nur ob oder ohne per pro schon sehr sein seine seinem seinen seiner seit sich sie
sind so solche solchem solchen solcher soll sollen sollte sondern sonst sowie über um und uns
unser unsere unserem unseren unter usw viel vom von vor wann warum was weil welche welchem
welchen welcher welches wenn wer werde werden wie wieder will wir wird wirst wo wollen wollte
während würde würden wurde wurden zu zum zur zwar zwischen
"""
_EN_STOP = """
a about above after again against all am an and any are as at be because been before being below
between both but by can could d did do does doing don down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
ll m me more most my myself no nor not now of off on once only or other our ours ourselves out
over own re s same she should so some such t than that the their theirs them themselves then
there these they this those through to too under until up us ve very was we were what when where
which while who whom why will with would you your yours yourself yourselves
"""

_TR_STOP = """
acaba ama ancak bana bazı belki ben beni benim bir biraz biri birkaç biz bize bizim bu buna bunu
bunun çok çünkü da daha de defa diye en gibi hem hep her hiç için ile ise kadar ki kim kime kimin
mı mi mu mü nasıl ne neden nerde nerede nereye niçin niye o ona onu onun onlar sen seni senin siz
size sizin şey şu ve veya ya yani
"""
_AR_STOP = """
في من إلى الى على عن مع هذا هذه ذلك تلك هو هي هم هن أنا انا نحن أنت انت أنتم انتم ما ماذا متى أين
اين كيف هل لماذا أي اي التي الذي الذين و أو او ثم لكن إن ان أن كان كانت يكون لا لم لن قد كل بعض
عند لدي لدى لي له لها لنا لكم ب ل ك يا
"""
_UK_STOP = """
а але б би бо в від до для де же з за і й її їх коли куди ми мені мене на нам нас не ні о об по
при про та так також те ти то тут у що щоб це цей ця ці чи чому як який яка які якщо я вона вони
воно він ви вас вам є з із зі
"""


def _stop_set(words: str) -> frozenset[str]:
    """Raw and folded spellings, so "fuer" is dropped like "für"."""
    raw = set(words.split())
    return frozenset(raw | {fold(w) for w in raw})


# --------------------------------------------------------------------------- folding

# The German folding is defined here once, as data: `fold` applies it, and the Elasticsearch
# analysers are generated from the same two definitions (search/es_mapping.py `kb_fold_*`),
# so both engines meet "Foerderung", "Förderung" and "Forderung" at the same term
# (tests/test_search_analysis.py checks the two agree on a word list).
#
# Characters NFD does not decompose (and umlauts, spelled out for the generated analyser);
# mapped after lowercasing, before accent stripping.
FOLD_CHARS = {
    "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
    "ı": "i", "þ": "th",
    # Arabic letter folding: alef forms, ta marbuta, alef maqsura, hamza seats, Persian
    # kaf/yeh -- newcomers type them inconsistently (and keyboards differ).
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك",
}
# Deleted outright: Arabic harakat (fathatan .. sukun and the rest of the block), superscript
# alef and tatweel, the stretching character ("مـدرسة").
FOLD_DELETE = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u0640"
# ae/oe/ue typed for ä/ö/ü -- but not after a vowel (Frauen, neue, Steuer) or q (Quelle).
# Written so that Python's `re` and Java's regex (Elasticsearch pattern_replace) read it alike.
DIGRAPH_PATTERN = r"(?<![aeiouyq])([aou])e"
DIGRAPH_REPLACEMENT = "$1"   # Java syntax; Python's is \1

_SPECIAL = str.maketrans({**FOLD_CHARS, **dict.fromkeys(FOLD_DELETE, "")})
# Accents (Latin/Greek), Arabic tashkeel/tatweel, and lone surrogates (not encodable, would break the DB).
_COMBINING = re.compile(r"[\u0300-\u036f\u064b-\u065f\u0670\u0640\ud800-\udfff]")
_DIGRAPH = re.compile(DIGRAPH_PATTERN)


@functools.lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    return fold(word)


def fold(text: str) -> str:
    """Lowercase and flatten umlauts, ß, ae/oe/ue digraphs and accents.

    Users type "Foerderung", "Forderung" or "Förderung" for the same thing, so all
    three become "forderung".  The folding is lossy (Förderung == Forderung,
    Michael -> "michal") but it is applied identically to documents and queries,
    so it only ever merges, never separates.  Non-Latin scripts keep their letters.
    """
    if not text:
        return ""
    text = str(text).casefold().translate(_SPECIAL)          # casefold: ß -> ss
    text = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))
    return _DIGRAPH.sub(r"\1", text)


# --------------------------------------------------------------------------- tokenising

# Format/control characters: soft hyphens and zero-width joiners are deleted
# (they sit inside words: "Sprach\xadkurs"), other control characters become spaces.
_INVISIBLE = re.compile("[\u00ad\u200c-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b\u2028\u2029]")
# \w misses combining marks, which Indic, Arabic and Hebrew words are full of.
_MARKS = (r"\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
          r"\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
          r"\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a")
_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ]s\b")                          # children's, geht's
_GENDER_MARK = re.compile(r"(?<=[a-zäöüß])[*:_/·](?=in(?:nen)?\b)", re.IGNORECASE)  # Lehrer*innen
_BINNEN_I = re.compile(r"(?<=[a-zäöüß])I(?=n(?:nen)?\b)")             # LehrerInnen


def tokenize(text: str) -> list[str]:
    """Split text into lowercased words, in order, stop words included.

    Words are runs of Unicode letters/digits; hyphens, slashes, apostrophes and
    punctuation separate them, so "Kita-Leitung" gives "kita", "leitung".  Gender
    forms ("Lehrer*innen", "LehrerInnen") are joined into one word first so the
    suffix does not become a stray token.  Never raises.
    """
    if not text:
        return []
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", str(text))))
    text = _BINNEN_I.sub("i", _GENDER_MARK.sub("", text)).lower()
    return _WORD.findall(_POSSESSIVE.sub("", text))


# --------------------------------------------------------------------------- stemming

_SNOWBALL = {
    "de": "german", "en": "english", "tr": "turkish", "ar": "arabic", "ru": "russian",
    "fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese", "nl": "dutch",
    "pl": "polish", "el": "greek", "fa": "persian", "ro": "romanian", "hu": "hungarian",
    "sv": "swedish", "da": "danish", "no": "norwegian", "nb": "norwegian", "nn": "norwegian",
    "fi": "finnish", "cs": "czech", "sr": "serbian", "lt": "lithuanian", "et": "estonian",
    "ga": "irish", "hi": "hindi", "ne": "nepali", "ta": "tamil", "id": "indonesian",
    "hy": "armenian", "eu": "basque", "ca": "catalan", "yi": "yiddish", "eo": "esperanto",
}  # no Ukrainian, Kurdish, Pashto, Tigrinya stemmer exists: those are folded only
_HAS_DIGIT = re.compile(r"\d").search
_local = threading.local()   # PyStemmer objects must not be shared between threads


@functools.lru_cache(maxsize=256)
def _lang_code(lang: str | None) -> str:
    return re.split(r"[-_]", str(lang or "").strip().lower(), maxsplit=1)[0]


def _snowball(word: str, code: str) -> str:
    algorithm = _SNOWBALL.get(code)
    if algorithm is None or algorithm not in _available_algorithms():
        return word
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if algorithm not in stemmers:
        stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmers[algorithm].stemWord(word)


@functools.cache
def _available_algorithms() -> frozenset[str]:
    return frozenset(Stemmer.algorithms())


def _normalise_de(s: str) -> str:
    """Finish what Snowball German leaves inconsistent between singular and plural.

    Snowball strips one suffix, so "Kurs" -> "kur" but "Kurse" -> "kurs"; it keeps
    "-s" after vowels/p/y ("Kitas", "Autos", "Workshops", "Handys"), "-n" after
    "-ar" ("Nachbarn") and knows no Latin plurals ("Zentrum"/"Zentren",
    "Thema"/"Themen").  Feminine forms are merged with the masculine one
    ("Ärztin", "Migrant*innen" -> "arzt", "migrant"): a searcher for "Arzt"
    wants the "Ärztinnen" page too.  Every word runs through the same rules in
    the same order, so two forms that meet at any step stay together.
    Snowball also drops "-ung"/"-heit"/"-keit" only from long words ("Kitaleitung"
    -> "kitaleit", "Leitung" -> "leitung"); dropping them always makes a compound's
    tail equal the stem of the word on its own.
    """
    if len(s) >= 7 and s.endswith("ung"):                     # Leitung -> leit, as in Kitaleitung
        s = s[:-3]
    elif len(s) >= 8 and s.endswith(("heit", "keit")):        # Freiheit -> frei, as in Religionsfreiheit
        s = s[:-4]
    if s.endswith("inn") and len(s) >= 7:                      # Migrantinnen
        s = s[:-3]
    elif s.endswith("in") and len(s) >= 6 and s[-3] not in "aeiouy":   # Ärztin, Kollegin
        s = s[:-2]
    if len(s) >= 5 and s.endswith("um") and not s.endswith("aum"):   # Zentrum, Museum, Datum
        s = s[:-2]
    elif (
        s.endswith("ss")                                       # Busse/Bus, Prozesse/Prozess
        or (len(s) >= 6 and s.endswith("arn"))                 # Nachbarn/Nachbar
        or (len(s) >= 4 and s[-1] == "s" and s[-2] in "bdfghklmnprtaoiy")  # Kurs(e), Kitas, Tipps
    ):
        s = s[:-1]
    if len(s) >= 4 and s[-1] == "a":                           # Thema/Themen, Firma/Firmen
        s = s[:-1]
    return s


@functools.lru_cache(maxsize=200_000)
def _stem_cached(word: str, code: str) -> str:
    if code == "de":
        folded = fold(word)
        if _HAS_DIGIT(folded):              # "b1", "2024", "90er": no suffix rules
            return folded
        return _normalise_de(_snowball(folded, code)) or folded
    lowered = unicodedata.normalize("NFC", word.lower())
    if _HAS_DIGIT(lowered):
        return fold(lowered)
    if code in _LEMMATISED:
        return _lemma_term(lowered, code)
    # Other stemmers expect real spelling (Russian й, Greek accents), so stem, then fold.
    return fold(_snowball(lowered, code))


# Turkish, Arabic and Ukrainian words are lemmatised with simplemma (offline word lists, no
# download): Snowball has no Ukrainian stemmer, and its Arabic and Turkish ones conflate too
# little ("لغة"/"اللغة", "Almanca" -> "alma").  Unknown words come back unchanged.
_LEMMATISED = ("tr", "ar", "uk")
_AR_DELETE = dict.fromkeys(map(ord, FOLD_DELETE))
_AR_ARTICLE = ("وال", "بال", "فال", "كال", "لل", "ال")


def _lemma_term(lowered: str, code: str) -> str:
    if code == "ar":
        # Harakat and tatweel off first (the word list has none); letters are folded after the
        # lemma, since the word list spells hamza seats ("لاجئ").
        lowered = _ar_proclitic(lowered.translate(_AR_DELETE))
    try:
        lemma = simplemma.lemmatize(lowered, lang=code)
    except Exception:  # noqa: BLE001 - a lemmatiser failure must not stop indexing
        lemma = lowered
    term = fold(lemma)
    if code == "ar":
        # Light stemming on top: the article and a final ta marbuta / feminine -iya are
        # what the word list misses most ("المدرسة" -> "مدرس", like "مدرسة").
        for article in _AR_ARTICLE:
            if term.startswith(article) and len(term) - len(article) >= 3:
                term = term[len(article):]
                break
        if len(term) >= 4 and term.endswith("ه"):
            term = term[:-1]
    return term


def _ar_proclitic(word: str) -> str:
    """An unknown Arabic word without its prefixed conjunction or preposition (و ف ب ك ل) when
    the rest is a known word: "وسكن" -> "سكن"; "لل" is ل + the article ("للاجئين" -> "اللاجئين")."""
    if len(word) < 4 or simplemma.is_known(word, lang="ar"):
        return word
    candidates = ["ال" + word[2:]] if word.startswith("لل") else []
    candidates += [word[1:]] if word[0] in "وفبكل" else []
    return next((c for c in candidates if simplemma.is_known(c, lang="ar")), word)


def lower(text: str, lang: str | None) -> str:
    """Lowercase by the language's casing rules: Turkish "I" is "ı" and "İ" is "i"
    (str.lower() gives "i" and "i̇"), so "IŞIK" and "ışık" meet before lemmatising."""
    if _lang_code(lang) == "tr":
        text = str(text).replace("I", "ı").replace("İ", "i")
    return str(text).lower()


def stem(word: str, lang: str) -> str:
    """The index term for one word: folded, stemmed and normalised.

    "Sprachkurse", "Sprachkurs", "Sprachkursen" -> "sprachkur"; "Mütter"/"Mutter"
    -> "mutt"; English "courses"/"course" -> "cours".  Languages without a
    stemmer are only folded.  Never raises: on any stemmer error the folded word
    is returned.
    """
    try:
        return _stem_cached(str(word or ""), _lang_code(lang))
    except Exception:  # noqa: BLE001 - a search index must not crash on odd input
        return fold(str(word or ""))


def _stem_de(word: str) -> str:
    return stem(word, "de")


# --------------------------------------------------------------------------- lexicon

@functools.cache
def _load_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(all stems, protected stems).  '#' starts a comment; '!word' is known but never split."""
    words, protected = set(), set()
    for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        bang = line.startswith("!")
        for token in tokenize(line.lstrip("!")):
            term = _stem_de(token)
            if len(term) >= MIN_PART_LEN:
                words.add(term)
                if bang:
                    protected.add(term)
    return frozenset(words), frozenset(protected)


def base_lexicon() -> frozenset[str]:
    """Folded German stems from search/data/lexicon_de.txt (read once, on first use)."""
    return _load_lexicon()[0]


# --------------------------------------------------------------------------- decompounding

def _as_part(piece: str, contains: Callable[[str], bool], surface: bool) -> str | None:
    """The stem under which `piece` is a known word, or None.

    Surface pieces ("kursen") are known by their stem ("kur"); pieces cut out of an
    already stemmed term ("forder") are known as they are -- re-stemming them
    would over-strip ("forder" -> "ford").
    """
    if len(piece) < MIN_PART_LEN or piece in _NOT_PARTS:
        return None
    stemmed = _stem_de(piece)
    for candidate in ((stemmed, piece) if surface else (piece, stemmed)):
        if (len(candidate) >= MIN_PART_LEN and candidate not in _NOT_PARTS and contains(candidate)
                and (len(candidate) > MIN_PART_LEN or candidate in base_lexicon())):
            return candidate
    return None


def _segment(word: str, contains, surface: bool, max_parts: int) -> list[tuple[str, str]] | None:
    """Best split of `word` as known head + optional linking element + known tail.

    Returns [(piece, part), ...] or None.  The tail may itself be split while
    max_parts allows.  Among all valid splits the longest head part wins; on a
    tie (the head "elterngelds" stems to the same "elterngeld" as the head
    "elterngeld") the split with fewer parts, then the longer tail, wins -- so
    "Elterngeldstelle" ends in "stelle", not "telle".
    """
    best, best_key = None, None
    for i in range(len(word) - MIN_PART_LEN, MIN_PART_LEN - 1, -1):
        head = _as_part(word[:i], contains, surface)
        if head is None or (best_key and len(head) < best_key[0]):
            continue
        rest = word[i:]
        for link in LINKING_ELEMENTS:
            tail_piece = rest[len(link):]
            if not rest.startswith(link) or len(tail_piece) < MIN_PART_LEN:
                continue
            tail = _as_part(tail_piece, contains, surface)
            if tail is not None:
                segments = [(word[:i], head), (tail_piece, tail)]
            elif max_parts > 2 and len(tail_piece) >= 2 * MIN_PART_LEN:
                sub = _segment(tail_piece, contains, surface, max_parts - 1)
                if not sub:
                    continue
                segments = [(word[:i], head), *sub]
            else:
                continue
            key = (len(head), -len(segments), len(tail_piece))
            if best_key is None or key > best_key:
                best, best_key = segments, key
    return best


def _split(word: str, contains, surface: bool) -> tuple[str, ...]:
    if len(word) < MIN_COMPOUND_LEN or len(word) > MAX_WORD_LEN or not word.isalpha():
        return ()
    base, protected = _load_lexicon()
    stemmed = _stem_de(word)
    if stemmed in protected or word in protected:
        return ()
    if stemmed in base or word in base:
        # A curated word is split by curated parts only: junk in the index
        # vocabulary ("bera", "tung") must not break up "Beratung".
        contains = base.__contains__
    segments = _segment(word, contains, surface, MAX_PARTS)
    if not segments:
        return ()
    # A part may itself be a known compound ("sprachkur" from the index vocabulary):
    # split it too while there is room, so parts do not depend on what is indexed.
    changed = True
    while changed and len(segments) < MAX_PARTS:
        changed = False
        for k, (piece, _part) in enumerate(segments):
            if len(piece) >= MIN_COMPOUND_LEN:
                sub = _segment(piece, contains, surface, MAX_PARTS - len(segments) + 1)
                if sub:
                    segments[k:k + 1] = sub
                    changed = True
                    break
    return tuple(part for _piece, part in segments)


@functools.lru_cache(maxsize=100_000)
def _split_cached(word: str, lexicon: frozenset[str], surface: bool) -> tuple[str, ...]:
    return _split(word, lexicon.__contains__, surface)


def split_compound(term: str, lexicon: Collection[str], *, surface: bool = False) -> tuple[str, ...]:
    """Split a folded German word into the stems of its known parts, or return ().

    `lexicon` is a set of folded stems (normally base_lexicon() | index vocabulary).
    `term` is a stem by default ("sprachforder" -> ("sprach", "forder")); pass
    surface=True for a folded unstemmed word, which splits more faithfully
    because Snowball stems a word's tail differently inside a compound
    ("kitaleitung" -> "kitaleit", but "leitung" -> "leitung").
    Results are memoised per (term, lexicon) when the lexicon is a frozenset.
    Never raises.
    """
    try:
        word = fold(term)
        if isinstance(lexicon, frozenset):
            return _split_cached(word, lexicon, surface)
        return _split(word, lexicon.__contains__, surface)
    except Exception:  # noqa: BLE001
        return ()


# --------------------------------------------------------------------------- analysis

@dataclass(frozen=True)
class Token:
    surface: str                 # lowercased original word, as in text
    term: str                    # stem(surface, lang)
    parts: tuple[str, ...]       # stems of compound parts (empty if not a compound / not German)
    position: int                # index of the word in tokenize(text), stop words counted


@functools.lru_cache(maxsize=8)
def _with_base(lexicon: frozenset[str]) -> frozenset[str]:
    return base_lexicon() | lexicon


def analyse(text: str, lang: str, lexicon: Collection[str] | None = None, *,
            decompound: bool = True) -> list[Token]:
    """Tokens of `text` without stop words, each with its term and compound parts.

    For German, parts are looked up in base_lexicon() plus `lexicon` (pass the
    index vocabulary as a frozenset: it is merged and memoised once, a mutable
    set is copied on every call).  Positions keep counting over stop words and
    over-long words so phrase distances stay true.  Never raises.
    """
    code = _lang_code(lang)
    stops = STOP_WORDS.get(code, frozenset())
    lex = None
    if code == "de" and decompound:
        extra = lexicon if isinstance(lexicon, frozenset) else frozenset(lexicon or ())
        lex = _with_base(extra)
    tokens, seen = [], {}   # seen: surface -> (term, parts), or None for a skipped word
    for position, surface in enumerate(tokenize(lower(text, code) if code == "tr" else text)):
        if surface not in seen:
            seen[surface] = _analyse_word(surface, code, stops, lex)
        if seen[surface] is not None:
            tokens.append(Token(surface, *seen[surface], position))
    return tokens


@functools.lru_cache(maxsize=50_000)  # bounded; documents repeat most of their words
def _analyse_word(surface: str, code: str, stops: frozenset[str],
                  lexicon: frozenset[str] | None) -> tuple[str, tuple[str, ...]] | None:
    if len(surface) > MAX_WORD_LEN:
        return None
    folded = _fold_word(surface)
    if folded in stops:
        return None
    term = stem(surface, code)
    if not term:
        return None
    parts = _split_cached(folded, lexicon, True) if lexicon is not None else ()
    return term, parts


def edit_distance_allowed(term: str) -> int:
    """Typo tolerance for fuzzy matching: none for short terms, where one edit
    already turns a word into another ("rat"/"rad", "amt"/"akt"), 1 for 5-7
    letters, 2 from 8 letters on (German compounds are long)."""
    n = len(term or "")
    return 0 if n <= 4 else 1 if n <= 7 else 2


def clear_caches() -> None:
    """Drop memoised stems and splits, e.g. after the index vocabulary changed
    (the split cache holds references to old lexicon frozensets)."""
    for cached in (_split_cached, _with_base, _stem_cached, _fold_word):
        cached.cache_clear()


STOP_WORDS: dict[str, frozenset[str]] = {
    "de": _stop_set(_DE_STOP), "en": _stop_set(_EN_STOP), "tr": _stop_set(_TR_STOP),
    "ar": _stop_set(_AR_STOP), "uk": _stop_set(_UK_STOP),
}

# Question phrasing and generic request words: in a query they may score, but they are not
# what a question is about ("welche Hilfe gibt es für ...", "where can I find ...", "... nerede",
# "أين يمكنني ...", "де можна ..."), so the words a result must contain are counted without
# them (search/expansion.py). Filler verbs ("Hausaufgaben machen", "ödev yapmak") are such
# words too: a page about homework help need not say "machen". Folded surface forms; queries
# only, never the index.
_QUESTION = {
    "de": """hilfe hilfen helfen hilft unterstutzung unterstutzen finden finde suche suchen sucht
        brauche brauchen braucht bekommen bekomme kriege gibt geben moglich moglichkeit moglichkeiten
        angebot angebote programm programme information informationen infos frage fragen bitte
        mochte mochten will wollen konnen kann konnte darf durfen muss gerade jetzt neu heute
        stuttgart deutschland hier irgendwo irgendwie etwas jemand leute menschen gut beste
        machen mache macht tun""",
    "en": """help helps helping find finding looking look search searching need needs needed get getting
        want wanted can could may might please information info offer offers offered programme
        programmes program programs service services option options possible where which anyone
        someone something somewhere stuttgart germany here now new best good people""",
    "tr": """yardım yardımı yardim yardimi bul bulmak bulabilirim bulurum arıyorum ariyorum lazım lazim
        gerek gerekiyor istiyorum isterim var yok olur mu mı mi nerede nereden hangi nasıl nasil
        bilgi hizmet program programı stuttgart almanya burada şimdi simdi yeni iyi
        yapmak yapabilir yapabilirim yapabileceği""",
    "ar": """مساعدة مساعده ساعدني أريد اريد أبحث ابحث يمكن يمكنني ممكن أجد اجد إيجاد ايجاد الحصول أحصل
        احصل أحتاج احتاج بحاجة معلومات خدمة خدمات برنامج برامج شتوتغارت ألمانيا المانيا هنا الآن الان
        جديد أفضل افضل يوجد هناك""",
    "uk": """допомога допомогу допомоги допомогти знайти шукаю шукати потрібно потрібен потрібна треба
        хочу можна можу отримати інформація інформацію послуга послуги програма програми штутгарт
        штутгарті німеччина німеччині тут зараз новий найкращий є де робити зробити""",
}
QUESTION_WORDS: dict[str, frozenset[str]] = {code: _stop_set(words) for code, words in _QUESTION.items()}
ALL_QUESTION_WORDS: frozenset[str] = frozenset().union(*QUESTION_WORDS.values())
ALL_STOP_WORDS: frozenset[str] = frozenset().union(*STOP_WORDS.values())
# As written (not folded): folding makes words of one language stop words of another
# (Turkish "iş", work, folds to English "is").
RAW_STOP_WORDS: frozenset[str] = frozenset(
    word for words in (_DE_STOP, _EN_STOP, _TR_STOP, _AR_STOP, _UK_STOP) for word in words.split()
)


def is_stop(word: str) -> bool:
    """A query word to drop: a stop word of any of the five languages as written, or a German
    one in any spelling ("fuer"). Query side only; documents drop their own language's."""
    return word in RAW_STOP_WORDS or fold(word) in STOP_WORDS["de"]
