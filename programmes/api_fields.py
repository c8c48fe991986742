"""Serializers for the programme fields that Wagtail's API v2 exposes (api_fields on the models)."""

from rest_framework import serializers


def slugs():
    """Taxonomies by slug, as in the exchange format and our own API, not by database id."""
    return serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
