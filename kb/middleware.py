"""Site-wide middleware."""

from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect for the JSON API.

    A 404 from /api/... must stay a 404: the language-prefixed path it would redirect to
    always "exists" because Wagtail serves every path under /de/.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(("/api/", "/admin/", "/documents/", "/static/", "/media/")):
            return response
        return super().process_response(request, response)
