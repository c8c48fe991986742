"""Open data downloads (/opendata/...) and the public page that lists them."""

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import http_date

from kb.api_errors import ApiError, error

from . import exports
from .feeds import ProgrammeFeed
from .licence import licence, with_licence_link


def _download(pieces, content_type, filename):
    """Streamed as it is generated: the whole catalogue is never in memory at once."""
    response = StreamingHttpResponse((piece.encode("utf-8") for piece in pieces), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    with_licence_link(response)  # the licence (issue 24): CSV has no room for metadata; JSON also names it (kb-licence/1)
    response["ETag"] = exports.version_tag(filename)  # no body to hash: it is not written yet
    newest = exports.newest_change()
    if newest:
        response["Last-Modified"] = http_date(newest.timestamp())
    return response


def programmes_csv(request):
    return _download(exports.programmes_csv(request), "text/csv; charset=utf-8", "programme.csv")


def outcomes_csv(request):
    return _download(exports.outcomes_csv(), "text/csv; charset=utf-8", "ergebnisse.csv")


def exchange_json(request):
    return _download(exports.exchange_json(), "application/json", "programme.json")


def atom_feed(request):
    try:
        return with_licence_link(ProgrammeFeed()(request))
    except ApiError as exc:
        return error(400, exc.message, exc.field)


def downloads(request):
    """German first: the page is served under every language prefix, like the search page."""
    return render(request, "opendata/downloads.html", {"licence": licence()})
