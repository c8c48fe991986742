"""schema.org GovernmentService JSON-LD for a programme page (search engines, aggregators)."""

import json

from django.utils.safestring import mark_safe

from programmes.languages import language_name
from programmes.translated_facts import local_text

# As django.utils.html.json_script: no "</script>" or "<!--" can close or confuse the block.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def contact_channel(contact):
    channel = {"@type": "ServiceChannel", "name": contact.organisation}
    if contact.phone or contact.email:
        point = {"@type": "ContactPoint", "name": contact.name or local_text(contact, "role") or contact.organisation}
        if contact.phone:
            point["telephone"] = contact.phone
        if contact.email:
            point["email"] = contact.email
        if contact.opening_hours:
            point["description"] = local_text(contact, "opening_hours")
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


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def venue_channel(venue):
    """A venue of the service (issue 22): a place with its address and, if known, coordinates."""
    if venue.kind == "online":
        return {"@type": "ServiceChannel", "name": "Online"}
    if venue.kind != "place":
        return None
    place = {"@type": "Place", "name": venue.name or venue.street or None, "address": {
        "@type": "PostalAddress", "streetAddress": venue.street or None, "postalCode": venue.postcode or None,
        "addressLocality": venue.city or None, "addressCountry": "DE",
    }}
    if venue.latitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": venue.latitude, "longitude": venue.longitude}
    return {"@type": "ServiceChannel", "name": venue.name or venue.street or venue.city, "serviceLocation": place}


def offers(page):
    """The cost as schema.org Offer: price 0 when free, the fee in euro when known."""
    if page.cost == "free":
        return {"@type": "Offer", "price": 0, "priceCurrency": "EUR"}
    if page.cost == "fee" and page.cost_amount is not None:
        offer = {"@type": "Offer", "price": float(page.cost_amount), "priceCurrency": "EUR"}
        if page.cost_note:
            offer["description"] = page.cost_note
        return offer
    return None


def government_service(page, request, *, themes, target_groups, districts, contacts, venues=(), hours=()):
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
    data["availableChannel"] += [c for c in (venue_channel(v) for v in venues) if c]
    offer = offers(page)
    if offer:
        data["offers"] = offer
    if hours:
        data["hoursAvailable"] = [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": f"https://schema.org/{DAYS[slot.weekday]}",
             "opens": slot.opens.strftime("%H:%M"), "closes": slot.closes.strftime("%H:%M")}
            for slot in hours
        ]
    if page.website:
        data["sameAs"] = page.website
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def script_tag(data):
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
