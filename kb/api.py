"""The API router: every JSON endpoint under /api/, with its OpenAPI schema and docs.

/api/schema/ is the OpenAPI 3.1 document generated from the operations' declarations;
/api/docs/ is Swagger UI served from the installed django-ninja package (no CDN).
/api/v2/ is Wagtail's own API (pages, images, documents) for front ends that want Wagtail's
shape; programme fields are exposed there through `api_fields` on the models.
"""

import unicodedata

from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from kb.api_errors import ApiError, validation_error
from opendata.api import router as hsds_router
from opendata.licence import with_licence_link
from programmes.api import router as programmes_router
from programmes.models import ProgrammePage
from review.api import router as review_router
from search.api import router as search_router


class Renderer(JSONRenderer):
    """Umlauts and Cyrillic as themselves, as the JsonResponses before did."""

    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    """Every successful answer carries the data licence as a Link header (issue 24), set here
    once rather than per operation, so the HSDS lists and any new operation carry it too."""

    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        return with_licence_link(response) if 200 <= response.status_code < 300 else response


api = OpenDataAPI(
    renderer=Renderer(),
    title="Integration in Stuttgart – knowledge base API",
    version="1.0",
    description="Programmes of Stuttgart's Bündnis für Integration: search, programmes and "
    "taxonomies (v1), Open Referral HSDS 3.0 (hsds). Contract: shared/contracts/search-api.md; "
    "all endpoints: docs/api.md. Wagtail's own page/image/document API is at /api/v2/.",
    urls_namespace="api",
    docs_url="/docs/",
    openapi_url="/schema/",
)
api.add_router("/v1/", search_router)
api.add_router("/v1/", programmes_router)
api.add_router("/hsds/", hsds_router)
api.add_router("/v1/review/", review_router)


@api.exception_handler(ValidationError)
def bad_request(request, exc):
    """Parameter errors as the contract wants them: 400 with the offending field named."""
    field, message = validation_error(exc.errors)
    return api.create_response(request, {"error": message, "field": field}, status=400)


@api.exception_handler(ApiError)
def api_error(request, exc):
    """What a handler found wrong (a year range backwards, an unknown id), in the same shape."""
    return api.create_response(request, {"error": exc.message, "field": exc.field}, status=exc.status)


MAX_OFFSET = 1_000_000  # far beyond the catalogue; a larger one overflowed the database's integer (500)


class CheckedParameters:
    """Wagtail's v2 endpoints, with a 400 naming the parameter where its own checks let a 500 through
    (issue 19, item 4): an offset beyond the database's integers, a search of control characters or
    of no word at all (a lone quote, plus or space broke the search backend's query parser)."""

    def check_query_parameters(self, queryset):
        # Wagtail's v2 API is Django REST framework, not ninja: its own hook reads request.GET,
        # so these checks do too (the errors keep Wagtail's {"message"} shape there).
        super().check_query_parameters(queryset)
        offset = self.request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        search = self.request.GET.get("search")
        if search is not None:
            if any(unicodedata.category(c) in ("Cc", "Cs") for c in search):
                raise BadRequestError("search must not contain control characters")
            if not any(c.isalnum() for c in search):
                raise BadRequestError("search must contain a letter or a digit")


class CheckedImagesAPIViewSet(CheckedParameters, ImagesAPIViewSet):
    pass


class CheckedDocumentsAPIViewSet(CheckedParameters, DocumentsAPIViewSet):
    pass


class PublicPagesAPIViewSet(CheckedParameters, PagesAPIViewSet):
    """Wagtail's pages endpoint, with programme pages held to the site's public rule
    (programmes/models/public.py): e.g. the translation of a password-protected programme."""

    def get_base_queryset(self):
        hidden = ProgrammePage.objects.exclude(pk__in=ProgrammePage.objects.public().values("pk")).values("pk")
        return super().get_base_queryset().exclude(pk__in=hidden)


wagtailapi_router = WagtailAPIRouter("wagtailapi")
wagtailapi_router.register_endpoint("pages", PublicPagesAPIViewSet)
wagtailapi_router.register_endpoint("images", CheckedImagesAPIViewSet)
wagtailapi_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
