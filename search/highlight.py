"""Snippets with matched words marked: escaped text in which only <mark> is markup."""

import re
from html import escape

from .analysis import fold, split_compound, stem

WORD = re.compile(r"\w+", re.UNICODE)


def _matches(word, lang, terms, lexicon):
    term = stem(word.lower(), lang)
    if term in terms:
        return True
    return lang == "de" and any(part in terms for part in split_compound(term, lexicon))


# Only this much of a field is scanned for a snippet: a snippet shows one window near the
# first matches, and scanning a multi-megabyte description word by word (stemming each word)
# would keep a search request busy for seconds.
SCAN_CHARS = 20_000


def _best_window(hits, width):
    """Start of the window (4 words before some hit, `width` words long) holding the most hits.

    Same choice as counting the hits of every candidate window, in one pass: window starts
    only move forward, so both edges are pointers into the sorted hits.
    """
    best_start, best_count, lo, hi = 0, -1, 0, 0
    for anchor in hits:
        start = max(0, anchor - 4)
        while hits[lo] < start:
            lo += 1
        while hi < len(hits) and hits[hi] < start + width:
            hi += 1
        if hi - lo > best_count:
            best_start, best_count = start, hi - lo
    return best_start


def highlight(texts, lang, terms, lexicon, width=28):
    """The best window of about `width` words from the first text with a match, marked up.

    Linear in the scanned text: at most SCAN_CHARS of each field are read.
    """
    if not terms:
        return escape(texts[0][:240] if texts else "", quote=False)
    for full in texts:
        if not full:
            continue
        text = full[:SCAN_CHARS]
        words = list(WORD.finditer(text))
        hits = [i for i, m in enumerate(words) if len(m.group()) > 1 and _matches(m.group(), lang, terms, lexicon)]
        if not hits:
            continue
        best_start = _best_window(hits, width)
        end = min(len(words), best_start + width)
        lo = words[best_start].start() if best_start else 0
        hi = words[end - 1].end() if end < len(words) else len(text)
        out, cursor = [], lo
        hit_set = set(hits)
        for i in range(best_start, end):
            m = words[i]
            if i in hit_set:
                out.append(escape(text[cursor:m.start()], quote=False))
                out.append("<mark>" + escape(m.group(), quote=False) + "</mark>")
                cursor = m.end()
        out.append(escape(text[cursor:hi], quote=False))
        prefix = "… " if lo > 0 else ""
        suffix = " …" if hi < len(full) else ""
        return prefix + "".join(out).strip() + suffix
    return escape(texts[0][:240] if texts else "", quote=False)


__all__ = ["highlight", "fold"]
