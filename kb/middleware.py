"""Site-wide middleware."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from .api_errors import error
from .clients import client_address


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect for the JSON API; the admin in the
    server language.

    A 404 from /api/... must stay a 404: the language-prefixed path it would redirect to
    always "exists" because Wagtail serves every path under /de/.

    The admin does not follow the browser: Wagtail uses the language a user chose in their
    account and otherwise the active one, which would be the browser's. Staff who keep
    "Use server language: Deutsch" get German, as that choice says (#22).
    """

    def process_request(self, request):
        super().process_request(request)
        if request.path_info.startswith("/admin/"):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE

    def process_response(self, request, response):
        if request.path_info.startswith(("/api/", "/admin/", "/documents/", "/static/", "/media/")):
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy on the public site: no inline script or style.

    The admin (Wagtail's own pages) is left to Wagtail; the public templates load only
    same-origin files, so the policy can forbid everything else.
    """

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(("/admin/", "/django-admin/")):
            response.headers.setdefault("Content-Security-Policy", self.POLICY)
            response.headers.setdefault("Referrer-Policy", "same-origin")
            response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RateLimitMiddleware:
    """Per-client request limits for search and the API: 429 with Retry-After when exceeded.

    Fixed windows counted in the cache (Redis in production via REDIS_URL, so all
    workers share the counts). Limits come from settings.RATE_LIMITS:
    {bucket: (requests, seconds)}.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def bucket(path):
        parts = path.strip("/").split("/")
        if path.startswith("/api/v1/search/") or (len(parts) >= 2 and parts[1] == "suche"):
            return "search"
        if parts[-1] == "feedback":  # any feedback form or endpoint, wherever it is mounted
            return "feedback"
        if path.startswith("/api/"):
            return "api"
        return None

    @staticmethod
    def client(request):
        return client_address(request)

    def __call__(self, request):
        bucket = self.bucket(request.path_info)
        limit = getattr(settings, "RATE_LIMITS", {}).get(bucket) if bucket else None
        if limit:
            allowed, seconds = limit
            now = time.time()
            window = int(now // seconds)
            key = f"ratelimit:{bucket}:{self.client(request)}:{window}"
            cache.add(key, 0, timeout=seconds + 1)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                count = 1
            if count > allowed:
                response = self.too_many(request, int(seconds - now % seconds) + 1)
                response["Retry-After"] = str(int(seconds - now % seconds) + 1)
                return response
        return self.get_response(request)

    @staticmethod
    def too_many(request, retry_after):
        """JSON for the API; for people, a page in their language that keeps their search."""
        if request.path_info.startswith("/api/"):
            message = "Too many requests; please wait a moment and try again."
            return error(429, message)
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            html = render_to_string(
                "429.html", {"query": request.GET.get("q", "")[:500], "retry_after": retry_after},
                request=request,
            )
        return HttpResponse(html, status=429)


class HeadlessCacheMiddleware(ConditionalGetMiddleware):
    """Caching conventions for machine-read URLs (/api/, /opendata/): ETag, Last-Modified, 304.

    Django's ConditionalGetMiddleware, for these URLs only: a successful GET gets an ETag (from
    the body, unless the view set one), keeps the Last-Modified the view set, and a repeated
    conditional GET is answered 304 without a body. Added here: anonymous clients (no session
    cookie) may cache for API_CACHE_SECONDS; signed-in staff get private, revalidated responses.
    """

    PREFIXES = ("/api/", "/opendata/")

    def process_response(self, request, response):
        if (
            not request.path_info.startswith(self.PREFIXES)
            or request.method not in ("GET", "HEAD")  # HEAD: headers only, no ETag (as in Django)
            or response.status_code != 200
            or (response.streaming and not response.has_header("ETag"))  # a streamed body cannot be hashed
        ):
            return response
        patch_vary_headers(response, ["Accept-Language"])
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return super().process_response(request, response)
