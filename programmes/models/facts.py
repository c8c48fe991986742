"""Service facts of a programme (issue 22): where it takes place and when.

Venues and times are Orderables of the page, shared by every translation (copied on
publish, programmes/translation.py); the page's own fact fields live on ProgrammePage.
Coordinates are optional but, where given, must lie in Stuttgart: a typo in a latitude
would otherwise send visitors to another country.
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..record import STUTTGART_LAT, STUTTGART_LON


def check_in_stuttgart(latitude, longitude):
    """Errors by field name for coordinates outside Stuttgart or given only half."""
    errors = {}
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        errors[missing] = _("Please enter both latitude and longitude, or neither.")
        return errors
    if latitude is not None and not STUTTGART_LAT[0] <= latitude <= STUTTGART_LAT[1]:
        errors["latitude"] = _("Latitude %(value)s is outside Stuttgart (between %(low)s and %(high)s).") % {
            "value": latitude, "low": STUTTGART_LAT[0], "high": STUTTGART_LAT[1],
        }
    if longitude is not None and not STUTTGART_LON[0] <= longitude <= STUTTGART_LON[1]:
        errors["longitude"] = _("Longitude %(value)s is outside Stuttgart (between %(low)s and %(high)s).") % {
            "value": longitude, "low": STUTTGART_LON[0], "high": STUTTGART_LON[1],
        }
    return errors


class ProgrammeVenue(Orderable):
    """Where a programme takes place: an address, online, or at the participant's home."""

    class Kind(models.TextChoices):
        PLACE = "place", _("at an address")
        ONLINE = "online", _("online")
        HOME = "home", _("at your home")

    programme = ParentalKey("programmes.ProgrammePage", on_delete=models.CASCADE, related_name="venues")
    kind = models.CharField(_("kind of place"), max_length=10, choices=Kind.choices, default=Kind.PLACE)
    name = models.CharField(_("name of the place"), max_length=255, blank=True)
    street = models.CharField(_("street"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    transit_stop = models.CharField(
        _("nearest public-transport stop"), max_length=255, blank=True,
        help_text=_("For example: Charlottenplatz (U-Bahn)."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("transit_stop"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def clean(self):
        super().clean()
        errors = check_in_stuttgart(self.latitude, self.longitude)
        if self.kind == self.Kind.PLACE and not (self.name or self.street or self.city):
            errors["street"] = _("Please enter a name or an address for the place.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_address(self):
        return self.kind == self.Kind.PLACE

    @property
    def map_url(self):
        """OpenStreetMap at the coordinates, else its search for the address (no geocoding here)."""
        if not self.is_address:
            return ""
        if self.latitude is not None and self.longitude is not None:
            return (f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                    f"#map=18/{self.latitude}/{self.longitude}")
        query = ", ".join(filter(None, [self.street, " ".join(filter(None, [self.postcode, self.city]))]))
        if not query:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


class ProgrammeHours(Orderable):
    """One regular time slot: a weekday with start and end, and an optional note."""

    programme = ParentalKey("programmes.ProgrammePage", on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=sorted(WEEKDAYS.items()), validators=[MinValueValidator(0), MaxValueValidator(6)],
    )
    opens = models.TimeField(_("from"))
    closes = models.TimeField(_("to"))
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("For example: during school terms only."))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("time")
        verbose_name_plural = _("opening hours and course times")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The end time must be after the start time.")})

    @property
    def day_name(self):
        return WEEKDAYS[self.weekday]
