"""Contact people and offices: one record each, shared by every programme that names it.

Editing a record changes every programme page that shows it; the admin lists where a
record is used (Wagtail's reference index). The exchange format still embeds contacts per
programme; the importer finds the existing record by organisation, e-mail, name and role, and
keeps a separate record for each variant of the same contact that a file states
(`contacts_for`).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from ..fields import StringListField
from ..languages import language_name
from ..record import CONTACT, contact_values

# Fields the exchange format carries (programmes/record.py, contracts/programme-exchange.md "contact").
EXCHANGE_FIELDS = list(CONTACT)


class ContactPoint(index.Indexed, models.Model):
    """A contact person or an office: address, opening hours, languages, accessibility."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    appointment_only = models.BooleanField(
        _("by appointment only"), default=False,
        help_text=_("Visits only after making an appointment."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    languages = StringListField(_("languages spoken"), codes=True)
    step_free_access = models.BooleanField(
        _("step-free access"), null=True, blank=True,
        help_text=_("Can the office be reached without steps (wheelchair, pram)? Leave empty if unknown."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("opening_hours"),
                FieldPanel("appointment_only"),
                FieldPanel("step_free_access"),
            ],
            heading=_("Visiting"),
        ),
        FieldPanel("website"),
        FieldPanel("languages"),
    ]
    search_fields = [
        index.SearchField("name"), index.SearchField("organisation"), index.SearchField("email"),
        index.AutocompleteField("organisation"), index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organisation", "name"]
        indexes = [models.Index(fields=["organisation", "email"])]

    def __str__(self):
        parts = [self.name or self.role, self.organisation, self.email]
        return " · ".join(part for part in parts if part)

    def language_names(self):
        lang = (get_language() or "de")[:2]
        return [language_name(code, lang) for code in self.languages]

    @property
    def phone_uri(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        if digits.startswith("0") and not digits.startswith("00"):
            digits = "+49" + digits[1:]
        return digits

    def exchange_values(self):
        return {key: getattr(self, key) for key in EXCHANGE_FIELDS}


exchange_values = contact_values  # a contact of the exchange format as field values


def identity(data):
    """Who a contact is: organisation and e-mail, plus name and role, which tell apart the
    people and desks that share one office mailbox. The other details may change."""
    return (
        (data.get("organisation") or "").strip(), (data.get("email") or "").strip().lower(),
        (data.get("name") or "").strip(), (data.get("role") or "").strip(),
    )


def variant(data):
    """One contact exactly as a programme states it: its identity and every exchanged detail.

    Real catalogues list one person with a full record on one programme and a partial one on
    another; each such variant is kept as its own record, so the export gives back what every
    programme had."""
    values = exchange_values(data) if isinstance(data, dict) else data.exchange_values()
    details = tuple((key, tuple(value) if isinstance(value, list) else value) for key, value in values.items())
    return identity(values), details


def contacts_for(datas, chunk=500):
    """The records for every contact of an import, keyed by `variant`, in a few queries.

    Each variant takes, in this order: an existing record with exactly its details; else an
    existing record of the same person (identity) that no other variant of this import took,
    updated to the file's details (a changed phone number updates the shared record);
    else a new record. Re-importing a file therefore finds every record it created.
    New records are bulk-inserted; Wagtail's admin search index learns of them in one batch.
    """
    wanted = {}
    for data in datas:
        wanted.setdefault(variant(data), exchange_values(data))
    by_identity = {}
    organisations = sorted({key[0][0] for key in wanted})
    for start in range(0, len(organisations), chunk):
        for contact in ContactPoint.objects.filter(organisation__in=organisations[start:start + chunk]).order_by("pk"):
            by_identity.setdefault(identity(contact.exchange_values()), []).append(contact)
    found, taken = {}, set()
    for key in wanted:
        exact = next((c for c in by_identity.get(key[0], []) if c.pk not in taken and variant(c) == key), None)
        if exact is not None:
            found[key] = exact
            taken.add(exact.pk)
    changed, fields = [], set()
    for key, values in wanted.items():
        if key in found:
            continue
        contact = next((c for c in by_identity.get(key[0], []) if c.pk not in taken), None)
        if contact is None:
            continue
        taken.add(contact.pk)
        different = [name for name, value in values.items() if getattr(contact, name) != value]
        for name in different:
            setattr(contact, name, values[name])
        contact.updated_at = timezone.now()
        changed.append(contact)
        fields.update(different)
        found[key] = contact
    if changed:
        ContactPoint.objects.bulk_update(changed, sorted(fields | {"updated_at"}), batch_size=chunk)
    new_keys = [key for key in wanted if key not in found]
    new = [ContactPoint(**wanted[key]) for key in new_keys]
    if new:
        ContactPoint.objects.bulk_create(new, batch_size=chunk)
        found.update(zip(new_keys, new, strict=True))
    if new or changed:
        get_search_backend().add_bulk(ContactPoint, new + changed)
    return found


def contact_for(data):
    """The record for one contact of the exchange format (see `contacts_for`)."""
    return contacts_for([data])[variant(data)]
