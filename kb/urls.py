from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from feedback import views as feedback_views
from kb.api import api, wagtailapi_router
from kb.api_errors import error
from kb.media import media_urls
from opendata import views as opendata_views
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", wagtailapi_router.urls),
    path("api/", api.urls),
    path("opendata/", include("opendata.urls")),
    path("opendata/review/", include("review.urls")),
    # Anything else under the machine-read prefixes is a JSON 404, never an HTML page.
    re_path(r"^(api|opendata)/", lambda request, *args: error(404, f"no endpoint at {request.path}")),
]

urlpatterns += media_urls()  # uploads, in production too unless SERVE_MEDIA=0 (kb/media.py)

urlpatterns += i18n_patterns(
    path("suche/", search_views.search_page, name="search"),
    path("offene-daten/", opendata_views.downloads, name="opendata"),
    path("", include("research.urls")),
    path("feedback/", feedback_views.submit, name="feedback"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
