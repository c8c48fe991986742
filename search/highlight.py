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


def highlight(texts, lang, terms, lexicon, width=28):
    """The best window of about `width` words from the first text with a match, marked up."""
    if not terms:
        return escape(texts[0][:240] if texts else "", quote=False)
    for text in texts:
        if not text:
            continue
        words = list(WORD.finditer(text))
        hits = [i for i, m in enumerate(words) if len(m.group()) > 1 and _matches(m.group(), lang, terms, lexicon)]
        if not hits:
            continue
        best_start, best_count = 0, -1
        for i in hits:
            start = max(0, i - 4)
            count = sum(1 for h in hits if start <= h < start + width)
            if count > best_count:
                best_start, best_count = start, count
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
        suffix = " …" if hi < len(text) else ""
        return prefix + "".join(out).strip() + suffix
    return escape(texts[0][:240] if texts else "", quote=False)


__all__ = ["highlight", "fold"]
