"""The licence of the open data, from one setting, for every output that states it.

OPENDATA_LICENCE (environment) picks one of LICENCES; the default is the German open-data
licence "Datenlizenz Deutschland – Namensnennung – Version 2.0". Outputs call `licence()`
so the page, the file headers, the feed, the API and the DCAT catalogue never disagree.
"""

from django.conf import settings

ATTRIBUTION = "Landeshauptstadt Stuttgart, Integration in Stuttgart – Wissensdatenbank"

LICENCES = {
    "dl-de-by-2.0": {
        "id": "dl-de-by-2.0",
        "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
        # The URI DCAT-AP.de (and so GovData) uses for the licence.
        "uri": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    },
    "cc-by-4.0": {
        "id": "cc-by-4.0",
        "name": "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "uri": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    },
}
DEFAULT = "dl-de-by-2.0"


def licence():
    """The configured licence: id, name, url, uri and the attribution to give."""
    key = getattr(settings, "OPENDATA_LICENCE", DEFAULT) or DEFAULT
    if key not in LICENCES:
        raise ValueError(f"OPENDATA_LICENCE: unknown licence {key!r} (known: {', '.join(LICENCES)})")
    return {**LICENCES[key], "attribution": ATTRIBUTION}


def licence_summary():
    """What an API response or a JSON download names: id, name, url and the attribution to give."""
    terms = licence()
    return {key: terms[key] for key in ("id", "name", "url", "attribution")}


def licensed(body):
    """`body` naming the data licence, as every v1 answer does (docs/api.md)."""
    return {**body, "license": licence_summary()}


def with_licence_link(response):
    """`response` with the licence as an RFC 8288 Link header (every download and v1 API answer)."""
    response["Link"] = link_header()
    return response


def link_header():
    """An RFC 8288 Link header naming the licence, for downloads that have no room for metadata (CSV)."""
    return f'<{licence()["url"]}>; rel="license"; title="{licence()["id"]}"'
