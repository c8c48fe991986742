"""The vocabulary a fresh site starts with: search/data/vocabulary.ttl, plus the former
synonym list (loaded by migration 0009; the browser tests' fixture calls `load_seed` too).

Model classes are parameters so a migration can pass its historical models.
"""

import re
from pathlib import Path

from .analysis import fold
from .models import VOCABULARY_LANGUAGES, VOCABULARY_NAMESPACE
from .skos import parse, store

SEED_PATH = Path(__file__).with_name("data") / "vocabulary.ttl"


def load_seed(concept_model, label_model, path=SEED_PATH):
    """Store the seed file's concepts (if the file is there); concepts staff already have are kept."""
    if not path.exists():
        return 0
    concepts = parse(path.read_bytes())
    existing = set(concept_model.objects.values_list("uri", flat=True))
    new = [c for c in concepts if c.uri not in existing]
    known = existing | {c.uri for c in new}
    for item in new:
        item.broader = [uri for uri in item.broader if uri in known]
    store(new, concept_model=concept_model, label_model=label_model)
    return len(new)


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80] or "concept"


def fold_synonyms(synonyms, concept_model, label_model):
    """Move synonym groups (objects with `terms`, `lang`, `note`) into concepts."""
    for synonym in synonyms:
        words = [w.strip() for w in synonym.terms.split(",") if w.strip()]
        if not words:
            continue
        langs = ["de", "en", "tr"] if synonym.lang == "*" else [synonym.lang]
        langs = [lang for lang in langs if lang in VOCABULARY_LANGUAGES]
        if not langs:
            continue
        folded = {fold(w) for w in words}
        target = None
        for label in label_model.objects.filter(lang__in=langs).select_related("concept"):
            if fold(label.text) in folded:
                target = label.concept
                break
        if target is None:
            uri = f"{VOCABULARY_NAMESPACE}{_slug(words[0])}"
            n = 1
            while concept_model.objects.filter(uri=uri).exists():
                n += 1
                uri = f"{VOCABULARY_NAMESPACE}{_slug(words[0])}-{n}"
            target = concept_model.objects.create(uri=uri, definition=(synonym.note or "")[:500])
        for lang in langs:
            have = {fold(t) for t in label_model.objects.filter(concept=target, lang=lang).values_list("text", flat=True)}
            has_pref = label_model.objects.filter(concept=target, lang=lang, kind="pref").exists()
            for word in words:
                if fold(word) in have:
                    continue
                kind = "alt" if has_pref else "pref"
                label_model.objects.create(concept=target, lang=lang, kind=kind, text=word[:255])
                has_pref = True
                have.add(fold(word))
        target.save()  # updated_at: the search's vocabulary table reloads
