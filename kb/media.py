"""Uploaded files (MEDIA_ROOT) served by the application when no front server does (SERVE_MEDIA).

Production under gunicorn had no /media/ route (lead images broken, issue 19 item 9): Django's
static view serves only under DEBUG. This one serves in any mode, never lists directories, and
marks every file so a browser cannot run it as a page of this site (a sandboxing CSP, nosniff).
Behind nginx/Caddy serving MEDIA_ROOT at /media/, set SERVE_MEDIA=0.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT, show_indexes=False)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def media_urls():
    """The /media/ route, if this process is to serve uploads."""
    if not settings.SERVE_MEDIA:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media")]
