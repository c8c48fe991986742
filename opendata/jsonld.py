"""schema.org GovernmentService JSON-LD for a programme page (search engines, aggregators)."""

import json

from django.utils.safestring import mark_safe

from programmes.languages import language_name

# As django.utils.html.json_script: no "</script>" or "<!--" can close or confuse the block.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def contact_channel(contact):
    channel = {"@type": "ServiceChannel", "name": contact.organisation}
    if contact.phone or contact.email:
        point = {"@type": "ContactPoint", "name": contact.name or contact.role or contact.organisation}
        if contact.phone:
            point["telephone"] = contact.phone
        if contact.email:
            point["email"] = contact.email
        if contact.opening_hours:
            point["description"] = contact.opening_hours
        if contact.languages:
            point["availableLanguage"] = [language_name(code, "en") for code in contact.languages]
        channel["servicePhone"] = point
    if contact.street or contact.city:
        channel["serviceLocation"] = {
            "@type": "Place", "name": contact.organisation,
            "address": {"@type": "PostalAddress", "streetAddress": contact.street or None,
                        "postalCode": contact.postcode or None, "addressLocality": contact.city or None,
                        "addressCountry": "DE"},
        }
    if contact.website:
        channel["serviceUrl"] = contact.website
    return channel


def government_service(page, request, *, themes, target_groups, districts, contacts):
    lang = page.locale.language_code
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "description": page.summary,
        "url": request.build_absolute_uri(page.url),
        "inLanguage": lang,
        "provider": {"@type": "Organization", "name": page.organisation},
        "serviceType": [t.label(lang) for t in themes],
        "areaServed": [{"@type": "Place", "name": d.label(lang)} for d in districts]
        or {"@type": "City", "name": "Stuttgart"},
        "audience": [{"@type": "Audience", "audienceType": t.label(lang)} for t in target_groups],
        "availableLanguage": [language_name(code, "en") for code in page.languages],
        "availableChannel": [contact_channel(c) for c in contacts],
    }
    if page.website:
        data["sameAs"] = page.website
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def script_tag(data):
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
