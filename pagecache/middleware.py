"""Serve anonymous GETs of public pages, the API and open data from the cache.

A rendered catalogue at 100,000 programmes costs ~150 ms; from the cache it costs two
cache reads and one query for the content version (docs/benchmarks.md). The key is
Django's own (URL with host and query, language, the response's Vary headers) under a
prefix holding the content version, so publishing, unpublishing or editing anything a
visitor sees starts a fresh set of keys; the old entries simply expire.

Never cached: anything for a signed-in client (a session cookie), requests with an
Authorization header, the admin, non-GET methods, responses other than 200, responses
that set a cookie, vary on cookies, change the session or say private/no-store, streamed
responses and responses above PAGE_CACHE_MAX_BYTES.
"""

import zlib

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_cache_key, has_vary_header, learn_cache_key, patch_vary_headers

from kb.middleware import HeadlessCacheMiddleware

from .models import ContentVersion

SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/api/docs")
# Machine-read URLs pick their language from Accept-Language as well as from `lang`.
NEGOTIATED_PREFIXES = HeadlessCacheMiddleware.PREFIXES


def published_languages_stamp():
    """A short fingerprint of the languages the site serves and publishes: they are settings, not
    content, so a deploy that drops a language changes no content version, yet its pages and the
    programmes' translations in it must stop being served from the cache at once."""
    languages = (tuple(settings.LANGUAGES), tuple(settings.WAGTAIL_CONTENT_LANGUAGES))
    return zlib.crc32(repr(languages).encode())


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not self.cacheable_request(request):
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        prefix = f"kbpages.{ContentVersion.current()}.{published_languages_stamp()}"
        key = get_cache_key(request, prefix, "GET", cache=cache)
        if key is not None:
            response = cache.get(key)
            if response is not None:
                return response
        response = self.get_response(request)
        if request.method == "GET" and self.storable(request, response):
            if request.path_info.startswith(NEGOTIATED_PREFIXES):
                patch_vary_headers(response, ["Accept-Language"])
            cache.set(learn_cache_key(request, response, seconds, prefix, cache=cache), response, seconds)
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith(SKIPPED_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def storable(request, response):
        cache_control = response.get("Cache-Control", "")
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not has_vary_header(response, "Cookie")
            and "private" not in cache_control
            and "no-store" not in cache_control
            and not (session is not None and session.modified)
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        )
