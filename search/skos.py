"""The vocabulary as SKOS (the W3C thesaurus standard), read and written with rdflib.

So a city can exchange its vocabulary with others: `manage.py vocabulary import FILE` /
`export FILE` and the admin's download use these functions. A file is checked completely
before anything is stored; the first problem found is reported with the line (syntax) or
the concept (content) it is in, and nothing is written.

Model classes are parameters so the data migration can run the same code on its
historical models.
"""

from dataclasses import dataclass, field

from django.db import transaction
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .models import VOCABULARY_LANGUAGES, VOCABULARY_NAMESPACE, Concept, ConceptLabel

KBV = Namespace(VOCABULARY_NAMESPACE)
MAX_TEXT = 255


class VocabularyError(ValueError):
    """The file cannot be imported; the message names the problem and where it is."""


@dataclass
class ConceptData:
    uri: str
    labels: list = field(default_factory=list)   # (lang, kind, text), kind "pref" or "alt"
    broader: list = field(default_factory=list)  # uris
    definition: str = ""


def parse(data, fmt="turtle"):
    """The concepts of a SKOS file (bytes or str), checked; raises VocabularyError."""
    graph = Graph()
    try:
        graph.parse(data=data, format=fmt)
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds; each is a bad file
        message = " ".join(str(exc).split())
        raise VocabularyError(f"The file is not valid {fmt.title()}: {message[:500]}") from exc
    subjects = sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str)
    if not subjects:
        raise VocabularyError("The file contains no skos:Concept.")
    known = {str(s) for s in subjects}
    concepts = {}
    for subject in subjects:
        uri = str(subject)
        if not isinstance(subject, URIRef):
            raise VocabularyError(f"A concept has no web address (blank node): {uri}")
        if len(uri) > MAX_TEXT:
            raise VocabularyError(f"Concept {uri[:80]}…: the address is longer than {MAX_TEXT} characters.")
        item = ConceptData(uri=uri)
        for kind, predicate in (("pref", SKOS.prefLabel), ("alt", SKOS.altLabel)):
            for value in graph.objects(subject, predicate):
                item.labels.append(_label(uri, kind, predicate, value))
        prefs = [lang for lang, kind, _text in item.labels if kind == "pref"]
        if not prefs:
            raise VocabularyError(f"Concept {uri}: no skos:prefLabel in {', '.join(VOCABULARY_LANGUAGES)}.")
        for lang in set(prefs):
            if prefs.count(lang) > 1:
                raise VocabularyError(f"Concept {uri}: more than one skos:prefLabel in language '{lang}'.")
        item.labels = sorted(set(item.labels), key=lambda label: (VOCABULARY_LANGUAGES.index(label[0]), label[1] != "pref", label[2]))
        broader = {str(o) for o in graph.objects(subject, SKOS.broader)}
        broader |= {str(s) for s in graph.subjects(SKOS.narrower, subject)}
        for target in sorted(broader):
            if target == uri:
                raise VocabularyError(f"Concept {uri}: it is its own skos:broader concept.")
            if target not in known and not Concept.objects.filter(uri=target).exists():
                raise VocabularyError(f"Concept {uri}: skos:broader {target} is not a concept in the file.")
        item.broader = sorted(broader)
        definitions = [str(o) for o in graph.objects(subject, SKOS.definition)]
        english = [str(o) for o in graph.objects(subject, SKOS.definition) if getattr(o, "language", None) == "en"]
        item.definition = ((english or definitions or [""])[0]).strip()[:500]
        concepts[uri] = item
    return list(concepts.values())


def _label(uri, kind, predicate, value):
    name = f"skos:{'prefLabel' if kind == 'pref' else 'altLabel'}"
    if not isinstance(value, Literal):
        raise VocabularyError(f"Concept {uri}: {name} {value} is not text.")
    text = " ".join(str(value).split())
    lang = (value.language or "").lower()
    if not lang:
        raise VocabularyError(f'Concept {uri}: {name} "{text}" has no language tag (e.g. @de).')
    lang = lang.split("-")[0]
    if lang not in VOCABULARY_LANGUAGES:
        raise VocabularyError(
            f'Concept {uri}: {name} "{text}" is in language \'{lang}\'; '
            f"the site's languages are {', '.join(VOCABULARY_LANGUAGES)}."
        )
    if not text:
        raise VocabularyError(f"Concept {uri}: an empty {name} in language '{lang}'.")
    if len(text) > MAX_TEXT:
        raise VocabularyError(f'Concept {uri}: {name} "{text[:60]}…" is longer than {MAX_TEXT} characters.')
    return lang, kind, text


def store(concepts, *, replace=False, concept_model=Concept, label_model=ConceptLabel):
    """Write parsed concepts in one transaction: concepts with the same address are replaced
    (their terms and broader links), others are kept unless `replace`. Returns (created, updated)."""
    created = updated = 0
    with transaction.atomic():
        if replace:
            concept_model.objects.exclude(uri__in=[c.uri for c in concepts]).delete()
        existing = {c.uri: c for c in concept_model.objects.filter(uri__in=[c.uri for c in concepts])}
        rows = {}
        for item in concepts:
            row = existing.get(item.uri)
            if row is None:
                row = concept_model.objects.create(uri=item.uri, definition=item.definition)
                created += 1
            else:
                row.definition = item.definition
                row.save()
                label_model.objects.filter(concept=row).delete()
                updated += 1
            rows[item.uri] = row
        label_model.objects.bulk_create([
            label_model(concept=rows[item.uri], lang=lang, kind=kind, text=text, sort_order=n)
            for item in concepts for n, (lang, kind, text) in enumerate(item.labels)
        ])
        by_uri = {c.uri: c for c in concept_model.objects.filter(uri__in={u for i in concepts for u in i.broader})}
        for item in concepts:
            rows[item.uri].broader.set([by_uri[u] for u in item.broader])
    return created, updated


def import_vocabulary(data, *, replace=False, fmt="turtle"):
    """Parse and store; nothing is stored if the file has any problem."""
    return store(parse(data, fmt), replace=replace)


def to_graph(queryset=None):
    """The vocabulary as an rdflib Graph: one concept scheme, every concept with its terms."""
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    graph.bind("kbv", KBV)
    scheme = URIRef(VOCABULARY_NAMESPACE)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal("Wortschatz Integration in Stuttgart", lang="de")))
    graph.add((scheme, SKOS.prefLabel, Literal("Integration vocabulary (Stuttgart)", lang="en")))
    graph.add((scheme, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    queryset = (queryset if queryset is not None else Concept.objects.all()).prefetch_related("labels", "broader")
    for concept in queryset:
        node = URIRef(concept.uri)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        for label in concept.labels.all():
            predicate = SKOS.prefLabel if label.kind == ConceptLabel.PREF else SKOS.altLabel
            graph.add((node, predicate, Literal(label.text, lang=label.lang)))
        broader = list(concept.broader.all())
        for parent in broader:
            graph.add((node, SKOS.broader, URIRef(parent.uri)))
        if not broader:
            graph.add((node, SKOS.topConceptOf, scheme))
        if concept.definition:
            graph.add((node, SKOS.definition, Literal(concept.definition, lang="en")))
    return graph


def export_vocabulary(fmt="turtle"):
    """The whole vocabulary as SKOS text (Turtle by default)."""
    return to_graph().serialize(format=fmt)
