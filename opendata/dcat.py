"""A DCAT-AP.de catalogue of the open data, so German portals (GovData) can harvest it.

/opendata/catalog.ttl and /opendata/catalog.jsonld describe the same graph, built with
rdflib: one dcat:Catalog, a dcat:Dataset for the programmes and one for the outcomes, and
a dcat:Distribution for every download and interface, each with the configured licence.
URIs are built from the configured public base URL (WAGTAILADMIN_BASE_URL).
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from . import exports
from .licence import licence

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
DATA_THEME = URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI")
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
# Regionalschlüssel of Stuttgart (Landeshauptstadt, Stadtkreis) for dcatde:politicalGeocodingURI.
GEOCODING = URIRef("http://dcat-ap.de/def/politicalGeocoding/regionalKey/081110000000")
PUBLISHER = "Landeshauptstadt Stuttgart"

# (dataset key, title, description, keywords)
DATASETS = [
    ("programmes", "Integrationsprogramme in Stuttgart seit 2001",
     "Alle veröffentlichten Programme des Stuttgarter Bündnisses für Integration: Ziele, Zielgruppen, "
     "Themen, Zeitraum, Träger, Partner, Finanzierung, Ergebnisse und Übersetzungen.",
     ["Integration", "Migration", "Stuttgart", "Bündnis für Integration", "Programme"]),
    ("outcomes", "Ergebnisse der Stuttgarter Integrationsprogramme",
     "Kennzahlen der Programme mit Jahr, Einheit und Quelle; Beispielzahlen sind als solche gekennzeichnet.",
     ["Integration", "Kennzahlen", "Stuttgart", "Wirkung"]),
    ("review", "Überprüfung 2021 des Stuttgarter Bündnisses für Integration",
     "Anhörung und Themenforen, Empfehlungen mit ihrem Umsetzungsstand und veröffentlichte Ergebnisse der "
     "Bürgerbefragung zur Fortschreibung des Integrationskonzepts.",
     ["Integration", "Bürgerbeteiligung", "Stuttgart", "Integrationskonzept"]),
]
# (dataset key, title, URL name or path, media type, EU file type, download?)
DISTRIBUTIONS = [
    ("programmes", "Programme (CSV)", "opendata-programmes-csv", "text/csv", "CSV", True),
    ("programmes", "Programme mit Übersetzungen, Ergebnissen und Kontakten (JSON, Austauschformat)",
     "opendata-exchange-json", "application/json", "JSON", True),
    ("programmes", "Neue und geänderte Programme (Atom-Feed)", "opendata-feed", "application/atom+xml", "ATOM", False),
    ("programmes", "Programm-Schnittstelle (JSON-API)", "/api/v1/programmes/", "application/json", "JSON", False),
    ("programmes", "Open Referral HSDS 3.0", "/api/hsds/", "application/json", "JSON", False),
    ("outcomes", "Ergebnisse (CSV)", "opendata-outcomes-csv", "text/csv", "CSV", True),
    ("review", "Anhörung und Themenforen (CSV)", "opendata-review-events-csv", "text/csv", "CSV", True),
    ("review", "Empfehlungen und ihr Stand (CSV)", "opendata-review-recommendations-csv", "text/csv", "CSV", True),
    ("review", "Ergebnisse der Bürgerbefragung (CSV)", "opendata-review-survey-csv", "text/csv", "CSV", True),
]


def base_url():
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def _url(name_or_path):
    return base_url() + (name_or_path if name_or_path.startswith("/") else reverse(name_or_path))


def catalogue_graph():
    """The catalogue as an rdflib Graph."""
    terms = licence()
    licence_uri = URIRef(terms["uri"])
    modified = exports.newest_change()
    base = base_url()
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dct", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("dcatde", DCATDE)

    publisher = URIRef(base + "/#publisher")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(PUBLISHER)))

    catalog = URIRef(base + reverse("opendata-catalog-ttl"))
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("Integration in Stuttgart – Wissensdatenbank", lang="de")))
    g.add((catalog, DCTERMS.title, Literal("Integration in Stuttgart – knowledge base", lang="en")))
    g.add((catalog, DCTERMS.description, Literal(
        "Offene Daten zu den Integrationsprogrammen der Landeshauptstadt Stuttgart seit 2001.", lang="de")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, URIRef(base + reverse("opendata"))))
    g.add((catalog, DCTERMS.language, URIRef(LANGUAGE + "DEU")))
    g.add((catalog, DCTERMS.license, licence_uri))
    if modified:
        g.add((catalog, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))

    datasets = {}
    for key, title, description, keywords in DATASETS:
        dataset = URIRef(f"{base}/opendata/#{key}")
        datasets[key] = dataset
        g.add((catalog, DCAT.dataset, dataset))
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.title, Literal(title, lang="de")))
        g.add((dataset, DCTERMS.description, Literal(description, lang="de")))
        g.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
        g.add((dataset, DCTERMS.publisher, publisher))
        g.add((dataset, DCATDE.contributorID, URIRef(settings.OPENDATA_CONTRIBUTOR_ID)))
        g.add((dataset, DCATDE.politicalGeocodingURI, GEOCODING))
        g.add((dataset, DCAT.theme, DATA_THEME))
        g.add((dataset, DCTERMS.accessRights,
               URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")))
        for word in keywords:
            g.add((dataset, DCAT.keyword, Literal(word, lang="de")))
        if modified:
            g.add((dataset, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))

    for key, title, target, media_type, file_type, download in DISTRIBUTIONS:
        url = URIRef(_url(target))
        distribution = URIRef(f"{url}#distribution")
        g.add((datasets[key], DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(title, lang="de")))
        g.add((distribution, DCAT.accessURL, url))
        if download:
            g.add((distribution, DCAT.downloadURL, url))
        g.add((distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + media_type)))
        g.add((distribution, DCTERMS["format"], URIRef(FILE_TYPE + file_type)))
        g.add((distribution, DCTERMS.license, licence_uri))
        g.add((distribution, DCATDE.licenseAttributionByText, Literal(terms["attribution"])))
        if modified:
            g.add((distribution, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))
    return g


JSONLD_CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "dcatde": str(DCATDE)}


def catalog_ttl(request):
    return HttpResponse(catalogue_graph().serialize(format="turtle"), content_type="text/turtle; charset=utf-8")


def catalog_jsonld(request):
    content = catalogue_graph().serialize(format="json-ld", context=JSONLD_CONTEXT, indent=2)
    return HttpResponse(content, content_type="application/ld+json")


