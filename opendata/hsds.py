"""Programmes as Open Referral HSDS 3.0 objects (docs/api.md, "HSDS mapping").

Each programme is one HSDS `program` and one `service` under it; its organisation an
`organization`; contacts become `contact` (+ `phone`), their addresses `location` +
`address` (via `service_at_location`), opening hours `schedule`; offered languages
`language`; themes, target groups and districts three taxonomies linked as `attribute`s.
Outcomes have no place in HSDS and travel in our profile's `outcomes` field.

HSDS wants UUIDs. They are derived, not stored: the service id is the programme's
Wagtail translation key, everything else a UUID5 of a stable name, so ids stay the same
across imports and servers.
"""

import uuid

from django.utils import translation
from django.utils.text import Truncator

from programmes import record
from programmes.languages import language_name
from programmes.models import District, TargetGroup, Theme
from programmes.richtext import html_to_text

VERSION = "3.0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:stuttgart-integration-kb:hsds")
STATE = "Baden-Württemberg"
COUNTRY = "DE"
# Our status -> HSDS service status (a completed programme no longer runs: defunct).
STATUS = {"planned": "inactive", "active": "active", "completed": "defunct"}
TAXONOMIES = {
    "theme": (Theme, "themes", "Themen", "Themenfelder des Bündnisses für Integration"),
    "target_group": (TargetGroup, "target_groups", "Zielgruppen", "Für wen ein Programm gedacht ist"),
    "district": (District, "districts", "Stadtbezirke", "Stuttgarter Stadtbezirke, in denen ein Programm stattfindet"),
}


def make_id(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def organization_id(name):
    return make_id("organization", name)


def program_id(page):
    return make_id("program", page.translation_key)


def taxonomy_id(kind):
    return make_id("taxonomy", kind)


def term_id(kind, slug):
    return make_id("term", kind, slug)


def all_term_ids():
    """{term id: (kind, slug)} for every taxonomy term (a few dozen rows)."""
    return {
        term_id(kind, item.slug): (kind, item.slug)
        for kind, (model, *_rest) in TAXONOMIES.items() for item in model.objects.all()
    }


def taxonomy_json(kind):
    _model, _field, name, description = TAXONOMIES[kind]
    return {"id": taxonomy_id(kind), "name": name, "description": description, "version": "1"}


def term_json(kind, item):
    return {
        "id": term_id(kind, item.slug), "code": item.slug, "name": item.label_de,
        "description": item.label_de if not item.label_en else f"{item.label_de} ({item.label_en})",
        "taxonomy": TAXONOMIES[kind][2], "taxonomy_id": taxonomy_id(kind), "language": "de",
    }


def organization_json(name, programmes=None):
    data = {
        "id": organization_id(name), "name": name,
        "description": "Träger von Programmen des Bündnisses für Integration der Landeshauptstadt Stuttgart.",
    }
    if programmes is not None:
        data["programs"] = [program_json(p) for p in programmes]
    return data


def program_json(page):
    return {
        "id": program_id(page), "organization_id": organization_id(page.organisation),
        "name": page.title, "description": page.summary,
    }


def _text(value):
    return value or None


def _drop_none(data):
    return {key: value for key, value in data.items() if value is not None}


def language_json(code, owner_key, owner_id):
    return {"id": make_id("language", owner_id, code), owner_key: owner_id, "name": language_name(code, "de"),
            "code": code}


def contact_parts(service_id, n, contact):
    """(contact, service_at_location or None, schedule or None) for one of our contacts."""
    contact_id = make_id("contact", service_id, n)
    phones = []
    if contact.phone:
        phone_id = make_id("phone", contact_id)
        phones.append({
            "id": phone_id, "contact_id": contact_id, "number": contact.phone, "type": "voice",
            "languages": [language_json(code, "phone_id", phone_id) for code in contact.languages],
        })
    data = _drop_none({
        "id": contact_id, "service_id": service_id, "name": _text(contact.name), "title": _text(contact.role),
        "department": contact.organisation, "email": _text(contact.email), "phones": phones,
    })
    location = schedule = None
    if contact.street and contact.city and contact.postcode:
        location_id = make_id("location", contact_id)
        location = {
            "id": make_id("service_at_location", service_id, location_id), "service_id": service_id,
            "location_id": location_id,
            "location": _drop_none({
                "id": location_id, "location_type": "physical", "name": contact.organisation,
                "url": _text(contact.website),
                "addresses": [{
                    "id": make_id("address", location_id), "location_id": location_id,
                    "address_1": contact.street, "city": contact.city, "state_province": STATE,
                    "postal_code": contact.postcode, "country": COUNTRY, "address_type": "physical",
                }],
                "languages": [language_json(code, "location_id", location_id) for code in contact.languages],
            }),
        }
    if contact.opening_hours:
        schedule = {"id": make_id("schedule", contact_id), "service_id": service_id,
                    "description": contact.opening_hours}
        if location:
            schedule = {"id": schedule["id"], "location_id": location["location_id"],
                        "description": contact.opening_hours}
            location["location"]["schedules"] = [schedule]
            schedule = None
    return data, location, schedule


def service_summary(page, url):
    """The one-to-one fields of a service, as /services lists them."""
    service_id = str(page.translation_key)
    return _drop_none({
        "id": service_id,
        "organization_id": organization_id(page.organisation),
        "program_id": program_id(page),
        "name": page.title,
        "description": page.summary,
        "url": url,
        "status": STATUS[page.status],
        "last_modified": page.last_published_at.isoformat() if page.last_published_at else None,
    })


def service_json(page, url):
    """A fully nested service (GET /services/{id}) with our profile's `outcomes`."""
    data = service_summary(page, url)
    service_id = data["id"]
    description = html_to_text(page.description)
    if description:
        data["description"] = f"{page.summary}\n\n{description}"
    target_groups = list(page.target_groups.all())
    if target_groups:
        data["eligibility_description"] = Truncator(", ".join(t.label_de for t in target_groups)).chars(500)
    contacts = page.contacts
    emails = [c.email for c in contacts if c.email]
    if emails:
        data["email"] = emails[0]
    data["organization"] = organization_json(page.organisation)
    data["program"] = program_json(page)
    data["languages"] = [language_json(code, "service_id", service_id) for code in page.languages]
    data["contacts"], data["service_at_locations"], data["schedules"] = [], [], []
    for n, contact in enumerate(contacts):
        contact_data, location, schedule = contact_parts(service_id, n, contact)
        data["contacts"].append(contact_data)
        if location:
            data["service_at_locations"].append(location)
        if schedule:
            data["schedules"].append(schedule)
    data["attributes"] = [
        {
            "id": make_id("attribute", service_id, kind, item.slug), "link_id": service_id,
            "taxonomy_term_id": term_id(kind, item.slug), "link_type": kind, "link_entity": "service",
            "taxonomy_term": term_json(kind, item),
        }
        for kind, (_model, field, *_rest) in TAXONOMIES.items() for item in getattr(page, field).all()
    ]
    data["outcomes"] = record.read(page, "outcomes")  # our profile: the record's outcomes
    with translation.override("de"):  # the feed's texts are German, as its names and descriptions
        add_facts(data, page)
    return data


ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _yes_no(label, value):
    return f"{label}: {translation.gettext('yes') if value else translation.gettext('no')}"


def add_facts(data, page):
    """The service facts (issue 22) as HSDS cost options, application process, required
    documents, weekly schedules and locations (address, coordinates, transport, accessibility).
    Only what is known is written."""
    _ = translation.gettext
    service_id = data["id"]
    labels = {"free": _("Free of charge"), "fee": _("There is a fee"), "varies": _("Cost varies")}
    if page.cost:
        option = _drop_none({
            "id": make_id("cost_option", service_id), "service_id": service_id, "option": labels[page.cost],
            "currency": "EUR" if page.cost != "varies" else None,
            "amount": 0 if page.cost == "free" else (float(page.cost_amount) if page.cost_amount is not None else None),
            "amount_description": _text(page.cost_note),
        })
        data["cost_options"] = [option]
        data["fees_description"] = "\n".join(filter(None, [str(labels[page.cost]), page.cost_note]))
    if page.registration:
        label = _("No registration needed") if page.registration == "none" else _("Registration required")
        data["application_process"] = "\n".join(filter(None, [label, page.registration_note]))
    if page.documents_to_bring:
        data["required_documents"] = [
            {"id": make_id("required_document", service_id, n), "service_id": service_id, "document": item}
            for n, item in enumerate(page.documents_to_bring)
        ]
    for slot in page.hours.all():
        data["schedules"].append(_drop_none({
            "id": make_id("schedule", service_id, slot.sort_order, slot.weekday), "service_id": service_id,
            "freq": "WEEKLY", "wkst": "MO", "byday": ICAL_DAYS[slot.weekday],
            "opens_at": slot.opens.strftime("%H:%M"), "closes_at": slot.closes.strftime("%H:%M"),
            "description": f"{slot.day_name} {slot.opens:%H:%M}–{slot.closes:%H:%M}", "notes": _text(slot.note),
        }))
    access = [
        _yes_no(label, value) for label, value in (
            (_("Step-free access"), page.step_free), (_("Hearing loop"), page.hearing_loop),
            (_("Childcare during the offer"), page.childcare),
        ) if value is not None
    ]
    for n, venue in enumerate(page.venues.all()):
        location = venue_location(service_id, n, venue, access)
        if location is not None:
            data["service_at_locations"].append({
                "id": make_id("service_at_location", service_id, location["id"]), "service_id": service_id,
                "location_id": location["id"], "location": location,
            })


def venue_location(service_id, n, venue, access):
    """An HSDS location for a venue: physical with its address, or virtual when online."""
    location_id = make_id("location", service_id, "venue", n)
    if venue.kind == "online":
        return {"id": location_id, "location_type": "virtual", "name": str(translation.gettext("Online"))}
    if venue.kind != "place":
        return None  # "at your home" has no location of the service's own
    location = _drop_none({
        "id": location_id, "location_type": "physical", "name": _text(venue.name) or _text(venue.street),
        "latitude": venue.latitude, "longitude": venue.longitude, "transportation": _text(venue.transit_stop),
    })
    if venue.street and venue.postcode and venue.city:
        location["addresses"] = [{
            "id": make_id("address", location_id), "location_id": location_id, "address_1": venue.street,
            "city": venue.city, "state_province": STATE, "postal_code": venue.postcode, "country": COUNTRY,
            "address_type": "physical",
        }]
    if access:
        location["accessibility"] = [{
            "id": make_id("accessibility", location_id), "location_id": location_id, "description": "; ".join(access),
        }]
    return location


def page_wrapper(contents, total, page, per_page):
    """HSDS 3.0's `Page` object around one page of results."""
    total_pages = -(-total // per_page)
    return {
        "total_items": total, "total_pages": total_pages, "page_number": page, "size": len(contents),
        "first_page": page == 1, "last_page": page >= total_pages, "empty": not contents,
        "contents": contents,
    }
