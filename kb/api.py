"""The API router: every JSON endpoint under /api/, with its OpenAPI schema and docs.

/api/schema/ is the OpenAPI 3.1 document generated from the operations' declarations;
/api/docs/ is Swagger UI served from the installed django-ninja package (no CDN).
/api/v2/ is Wagtail's own API (pages, images, documents) for front ends that want Wagtail's
shape; programme fields are exposed there through `api_fields` on the models.
"""

from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from kb.api_errors import ApiError, validation_error
from opendata.api import router as hsds_router
from programmes.api import router as programmes_router
from review.api import router as review_router
from search.api import router as search_router


class Renderer(JSONRenderer):
    """Umlauts and Cyrillic as themselves, as the JsonResponses before did."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
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


wagtailapi_router = WagtailAPIRouter("wagtailapi")
wagtailapi_router.register_endpoint("pages", PagesAPIViewSet)
wagtailapi_router.register_endpoint("images", ImagesAPIViewSet)
wagtailapi_router.register_endpoint("documents", DocumentsAPIViewSet)
