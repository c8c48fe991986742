"""The curated synonym list, read from the database when it changes (never at import time)."""

from django.db.models import Count, Max

from .analysis import analyse
from .models import Synonym


class SynonymTable:
    """Maps a term to the term lists of its synonym groups, per language; reloaded on edit."""

    def __init__(self):
        self._stamp = None
        self._groups = {}

    def refresh(self):
        """Reload the groups if staff changed them (one small query); call once per search."""
        stamp = Synonym.objects.aggregate(n=Count("id"), t=Max("updated_at"))
        stamp = (stamp["n"], stamp["t"])
        if stamp == self._stamp:
            return
        groups = {}
        for synonym in Synonym.objects.all():
            langs = ["de", "en", "tr"] if synonym.lang == "*" else [synonym.lang]
            for lang in langs:
                phrases = [tuple(t.term for t in analyse(word, lang)) for word in synonym.words()]
                phrases = [p for p in phrases if p]
                for phrase in phrases:
                    if len(phrase) == 1:
                        entry = groups.setdefault((lang, phrase[0]), [])
                        entry.extend(p for p in phrases if p != phrase and p not in entry)
        self._groups = groups
        self._stamp = stamp

    def expand(self, term, lang):
        """Phrases (tuples of terms) that mean the same as `term` (as of the last refresh)."""
        return self._groups.get((lang, term), [])


synonyms = SynonymTable()
