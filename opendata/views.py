"""Open data downloads (/opendata/...) and the public page that lists them."""

import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import http_date

from search.forms import BadRequest

from . import exports
from .feeds import ProgrammeFeed


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    newest = exports.newest_change()
    if newest:
        response["Last-Modified"] = http_date(newest.timestamp())
    return response


def programmes_csv(request):
    return _download(exports.programmes_csv(request), "text/csv; charset=utf-8", "programme.csv")


def outcomes_csv(request):
    return _download(exports.outcomes_csv(), "text/csv; charset=utf-8", "ergebnisse.csv")


def exchange_json(request):
    content = json.dumps(exports.exchange_json(), ensure_ascii=False, indent=2)
    return _download(content, "application/json", "programme.json")


def atom_feed(request):
    try:
        return ProgrammeFeed()(request)
    except BadRequest as exc:
        return JsonResponse({"error": exc.message, "field": exc.field}, status=400)


def downloads(request):
    """German first: the page is served under every language prefix, like the search page."""
    return render(request, "opendata/downloads.html", {})
