"""Sanity check for the seed vocabulary (run by hand: python search/data/check_vocabulary.py).

Checks what the search code relies on: the file parses, every concept has exactly one
prefLabel in each of de/en/tr/ar/uk, no two concepts share a prefLabel in one language, every
skos:broader target is a concept, no altLabel repeats its own concept's prefLabel; a label that
names two concepts in one language is reported as a warning (such a term expands to both).
"""

import sys
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SKOS

LANGUAGES = ("de", "en", "tr", "ar", "uk")
KBV = Namespace("https://kb-integration.example/vocabulary/")


def check(path):
    graph = Graph()
    graph.parse(path, format="turtle")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    errors = []
    labels_per_language = Counter()
    owners = defaultdict(set)
    for concept in sorted(concepts):
        prefs = defaultdict(list)
        for label in graph.objects(concept, SKOS.prefLabel):
            prefs[label.language].append(str(label))
        for language in LANGUAGES:
            if len(prefs[language]) != 1:
                errors.append(f"{concept}: {len(prefs[language])} prefLabel@{language}")
        for language in set(prefs) - set(LANGUAGES):
            errors.append(f"{concept}: prefLabel in unexpected language {language!r}")
        for label in graph.objects(concept, SKOS.altLabel):
            if label.language not in LANGUAGES:
                errors.append(f"{concept}: altLabel {label!r} in unexpected language")
            if str(label).casefold() in (p.casefold() for p in prefs[label.language]):
                errors.append(f"{concept}: altLabel {label!r} repeats the prefLabel")
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, predicate):
                labels_per_language[label.language] += 1
                owners[(label.language, str(label).casefold())].add(concept)
        for target in graph.objects(concept, SKOS.broader):
            if target not in concepts:
                errors.append(f"{concept}: broader {target} is not a concept")
    tops = set(graph.objects(KBV[""], SKOS.hasTopConcept)) | set(
        graph.subjects(SKOS.topConceptOf, KBV[""])
    )
    orphans = [c for c in concepts if c not in tops and not set(graph.objects(c, SKOS.broader))]
    errors += [f"{c}: neither a top concept nor below one" for c in orphans]
    pref_owners = defaultdict(set)
    for concept, label in graph.subject_objects(SKOS.prefLabel):
        pref_owners[(label.language, str(label).casefold())].add(concept)
    errors += [
        f"prefLabel {label!r}@{language} names several concepts: {sorted(owners_)}"
        for (language, label), owners_ in pref_owners.items()
        if len(owners_) > 1
    ]
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    print(f"{len(graph)} triples, {len(concepts)} concepts, {len(tops)} top concepts")
    print("labels per language:", dict(sorted(labels_per_language.items())))
    for (language, label), concepts_ in sorted(shared.items()):
        names = ", ".join(sorted(c.rsplit("/", 1)[-1] for c in concepts_))
        print(f"warning: {label!r}@{language} labels several concepts: {names}")
    print(f"{len(shared)} shared labels")
    for error in errors:
        print("ERROR", error)
    return not errors


if __name__ == "__main__":
    default = Path(__file__).with_name("vocabulary.ttl")
    sys.exit(0 if check(sys.argv[1] if len(sys.argv) > 1 else default) else 1)
