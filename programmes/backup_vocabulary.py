"""The search vocabulary (SKOS concepts and their terms: synonyms) in a backup: vocabulary.json.

Concepts are matched by their URI, as staff identify them; a restore makes each backed-up
concept's definition, terms and broader concepts exactly the backup's and leaves concepts
that are not in the backup alone (as programmes are upserted by slug).
"""

from search.models import VOCABULARY_LANGUAGES, Concept, ConceptLabel

VOCABULARY = "vocabulary.json"
FORMAT = "kb-backup-vocabulary/1"
KINDS = (ConceptLabel.PREF, ConceptLabel.ALT)


def _label_order(label):
    """By language, preferred term first: the same on every database (sort_order may be unset)."""
    return label.lang, label.kind != ConceptLabel.PREF, label.sort_order is None, label.sort_order or 0, label.pk


def _entry(concept):
    return {
        "uri": concept.uri,
        "definition": concept.definition,
        "broader": sorted(b.uri for b in concept.broader.all()),
        "labels": [[label.lang, label.kind, label.text] for label in sorted(concept.labels.all(), key=_label_order)],
    }


def dump():
    concepts = Concept.objects.order_by("uri").prefetch_related("labels", "broader")
    return {"format": FORMAT, "concepts": [_entry(c) for c in concepts]}


def _check(i, item):
    where = f"{VOCABULARY}: concepts[{i}]"
    if not isinstance(item, dict) or not isinstance(item.get("uri"), str) or not item["uri"]:
        raise ValueError(f"{where}: needs a uri")
    if not isinstance(item.get("definition", ""), str) or not isinstance(item.get("broader", []), list):
        raise ValueError(f"{where}: definition must be text and broader a list of URIs")
    for label in item.get("labels", []):
        if (not isinstance(label, list) or len(label) != 3 or label[0] not in VOCABULARY_LANGUAGES
                or label[1] not in KINDS or not isinstance(label[2], str) or not label[2].strip()):
            raise ValueError(f"{where}: a term must be [language, pref|alt, text], got {label!r}")


def load(data):
    """Restore the vocabulary; returns how many concepts changed. ValueError names a malformed entry."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("concepts"), list):
        raise ValueError(f"{VOCABULARY}: not a {FORMAT} file")
    items = data["concepts"]
    for i, item in enumerate(items):
        _check(i, item)
    known = {c.uri: c for c in Concept.objects.prefetch_related("labels", "broader")}
    missing = {b for item in items for b in item.get("broader", [])} - {item["uri"] for item in items} - set(known)
    if missing:
        raise ValueError(f"{VOCABULARY}: broader concept(s) {sorted(missing)} are not in the backup")
    changed = []
    for item in items:
        wanted = {"uri": item["uri"], "definition": item.get("definition", ""),
                  "broader": sorted(item.get("broader", [])), "labels": item.get("labels", [])}
        concept = known.get(item["uri"])
        if concept is not None and _entry(concept) == wanted:
            continue
        if concept is None:
            concept = known[item["uri"]] = Concept.objects.create(uri=item["uri"])
        concept.definition = wanted["definition"]
        concept.save()
        concept.labels.all().delete()
        ConceptLabel.objects.bulk_create([
            ConceptLabel(concept=concept, lang=lang, kind=kind, text=text, sort_order=n)
            for n, (lang, kind, text) in enumerate(wanted["labels"])
        ])
        changed.append((concept, wanted["broader"]))
    for concept, broader in changed:  # once every concept exists
        concept.broader.set([known[uri] for uri in broader])
    return len(changed)
