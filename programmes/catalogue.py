"""The catalogue's filters (programmes/models/filters.py), under the name other apps import."""

from .models.filters import SLUG, CatalogueFilter, with_evaluation, with_taxonomy  # noqa: F401
