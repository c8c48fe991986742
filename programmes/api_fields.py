"""Serializers for the programme fields that Wagtail's API v2 exposes (api_fields on the models)."""

from rest_framework import serializers


def slugs():
    """Taxonomies by slug, as in the exchange format and our own API, not by database id."""
    return serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")


class ContactsField(serializers.Field):
    """Shared contact records as the exchange format embeds them (plus access facts)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, contacts):
        return [
            {**contact.exchange_values(), "appointment_only": contact.appointment_only,
             "step_free_access": contact.step_free_access}
            for contact in contacts
        ]
