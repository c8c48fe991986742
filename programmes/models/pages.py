"""The page tree: home -> catalogue (ProgrammeIndexPage) -> programme pages.

A ProgrammePage in German is the source; English (and other) pages are Wagtail
translations of it. Translations carry their own title, summary, description and
keywords; everything else is shared and synced from the source on publish
(programmes/translation.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from kb.changes import in_bulk

from ..admin_forms import PlainNumberInput, warn_repeated_contacts
from ..api_fields import ContactsField, slugs
from ..fallback import fallback_page, visible_programmes
from ..fields import StringListField
from ..languages import language_name
from ..panels import TranslationStatusPanel
from ..record import CONTACT, LESSONS_2, OUTCOME, PROGRAMME, TAXONOMY
from ..richtext import sanitise
from ..teams import TeamPermissionTester, limit_team_choices
from .contacts import ContactPoint
from .filters import CatalogueFilter
from .public import ProgrammePageManager
from .taxonomies import District, TargetGroup, Theme

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]
LESSONS_FIELDS = list(LESSONS_2.values())
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class TeamPermissionsMixin:
    """Page permissions narrowed to the user's team (programmes/teams.py)."""

    def permissions_for_user(self, user):
        return TeamPermissionTester(user, self)


class HomePage(TeamPermissionsMixin, Page):
    """Entry page: what the Bündnis is, ways in by theme and target group, a search box."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("about the alliance"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["programmes.ProgrammeIndexPage", "research.ModelOverviewPage", "review.ReviewPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def save(self, *args, **kwargs):
        self.body = sanitise(self.body)
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = ProgrammeIndexPage.objects.child_of(self).live().first()
        programmes = visible_programmes(ProgrammePage.objects.public(), self.locale)
        # Counted as the catalogue lists by default (running programmes), so a link's number is
        # the number of programmes it leads to.
        current = programmes.filter(status=ProgrammePage.Status.ACTIVE)
        themes = Theme.objects.annotate(
            count=Count("programmes", filter=Q(programmes__in=current.values("pk")), distinct=True)
        )
        context.update(
            catalogue=catalogue,
            themes=[(t, t.count) for t in themes],
            target_groups=TargetGroup.objects.all(),
            newest=programmes.select_related("locale").order_by("-first_published_at")[:6],
            programme_count=current.count(),
        )
        return context


class ProgrammeIndexPage(TeamPermissionsMixin, Page):
    """The catalogue: every programme, filterable by theme, target group, district, status, period."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["programmes.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count_per_parent = 1
    page_size = 20

    class Meta:
        verbose_name = _("programme catalogue")

    def route(self, request, path_components):
        """Serve an untranslated programme in its best fallback language, with a notice."""
        try:
            return super().route(request, path_components)
        except Http404:
            page = fallback_page(ProgrammePage.objects.public(), self.locale, path_components[0]) if len(path_components) == 1 else None
            if page is None:
                raise
            return RouteResult(page, kwargs={"requested_locale": self.locale})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programmes = visible_programmes(ProgrammePage.objects.public(), self.locale)
        catalogue_filter = CatalogueFilter(request.GET, ProgrammePage, default_statuses=[ProgrammePage.Status.ACTIVE])
        if catalogue_filter.status_by_default:  # how many the "also show finished" link adds
            everything = CatalogueFilter(request.GET, ProgrammePage).apply(programmes)
            context["hidden_by_status"] = everything.exclude(status__in=catalogue_filter.statuses).count()
        programmes = catalogue_filter.apply(programmes).order_by("title")
        page = Paginator(programmes, self.page_size).get_page(request.GET.get("page"))
        context.update(
            filter=catalogue_filter,
            programmes=ProgrammePage.prefetch_for_listing(page.object_list),
            page_obj=page,
            querystring=catalogue_filter.querystring(),
        )
        return context


class ProgrammePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_team_choices(self)

    def clean(self):
        cleaned = super().clean()
        warn_repeated_contacts(self.formsets.get("contact_links"))
        return cleaned


class ProgrammePage(TeamPermissionsMixin, Page):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")

    objects = ProgrammePageManager()  # .public(): what visitors may see (models/public.py)

    class Cost(models.TextChoices):
        FREE = "free", _("free of charge")
        FEE = "fee", _("fee")
        VARIES = "varies", _("varies")

    class Registration(models.TextChoices):
        NONE = "none", _("no registration needed")
        REQUIRED = "required", _("registration required")

    summary = models.TextField(_("summary"), max_length=400, help_text=_("One or two sentences."))
    plain_summary = models.TextField(
        _("in plain language"), blank=True, max_length=600,
        help_text=_("Optional: what this is, for whom, and how to take part, in short sentences and everyday words."),
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    themes = ParentalManyToManyField(Theme, related_name="programmes", verbose_name=_("themes"))
    target_groups = ParentalManyToManyField(
        TargetGroup, blank=True, related_name="programmes", verbose_name=_("target groups")
    )
    districts = ParentalManyToManyField(
        District, blank=True, related_name="programmes", verbose_name=_("districts")
    )
    languages = StringListField(
        _("languages offered"),
        codes=True,
        help_text=_("ISO 639-1 codes, one per line or comma-separated, e.g. de, tr, ar."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS,
        help_text=_("Leave empty while the programme is running."),
    )
    organisation = models.CharField(_("organisation"), max_length=255)
    partners = StringListField(_("partners"), help_text=_("One partner organisation per line."))
    funding = models.CharField(_("funding"), max_length=500, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    keywords = StringListField(
        _("keywords"), help_text=_("Extra search terms, one per line (synonyms, abbreviations).")
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("lead image"),
    )
    lead_image_alt = models.CharField(
        _("alternative text"), max_length=255, blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How often the team checks that this page is still correct."),
    )
    team = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"name__startswith": "Team: "}, verbose_name=_("team"),
        help_text=_("The office that keeps this programme current; its members may edit it."),
    )
    contains_sample_data = models.BooleanField(
        _("contains sample data"), default=False,
        help_text=_("Shows a notice that figures and contact details are illustrative."),
    )
    demo_translation = models.BooleanField(
        _("demo translation"), default=False,
        help_text=_("This language version was written for the demo and not yet checked by the city; "
                    "the page says so. Untick once a native speaker has reviewed it."),
    )
    # Lessons and transfer (issue 7): optional, for other municipalities; shared with translations.
    lessons_purpose = models.TextField(_("purpose"), blank=True, help_text=_("Why the programme was started."))
    lessons_approach = models.TextField(_("approach"), blank=True, help_text=_("How it works in practice."))
    lessons_worked = models.TextField(_("what worked"), blank=True)
    lessons_challenges = models.TextField(_("challenges"), blank=True)
    lessons_transferability = models.TextField(
        _("transferability"), blank=True, help_text=_("What another city needs to adopt it.")
    )
    lessons_costs = models.TextField(
        _("costs and staffing"), blank=True,
        help_text=_("Budget, staff and funding sources as publicly documented; mark figures that are estimates."),
    )
    evaluation_reports = StringListField(
        _("evaluation reports"),
        help_text=_("One report per line: author, title, year and, if public, a link."),
    )
    # Service facts (issue 22): each optional; empty means "not known" and is not shown.
    # Kinds and yes/no facts are shared with translations; the notes are per language.
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, blank=True)
    cost_amount = models.DecimalField(
        _("fee in euro"), max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)],
    )
    cost_note = models.TextField(
        _("note on cost"), blank=True, max_length=500,
        help_text=_("Reductions, what the fee covers, or on what it depends."),
    )
    registration = models.CharField(_("registration"), max_length=10, choices=Registration.choices, blank=True)
    registration_note = models.TextField(
        _("how and where to register"), blank=True, max_length=500,
    )
    step_free = models.BooleanField(_("step-free access"), null=True, blank=True)
    hearing_loop = models.BooleanField(_("hearing loop"), null=True, blank=True)
    childcare = models.BooleanField(_("childcare during the offer"), null=True, blank=True)
    documents_to_bring = StringListField(_("what to bring"), help_text=_("One document or item per line."))
    # Translation freshness (programmes/translation.py): when the German text last changed,
    # and when a translation's text was last published.
    source_text_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    translated_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("plain_summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("target_groups"), FieldPanel("districts"), FieldPanel("languages")],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldPanel("organisation"),
                FieldPanel("partners"),
                FieldPanel("funding"),
                FieldPanel("website"),
                FieldPanel("keywords"),
            ],
            heading=_("Facts"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_amount")]),
                FieldPanel("cost_note"),
                FieldPanel("registration"),
                FieldPanel("registration_note"),
                FieldRowPanel([FieldPanel("step_free"), FieldPanel("hearing_loop"), FieldPanel("childcare")]),
                FieldPanel("documents_to_bring"),
            ],
            heading=_("Before you go"),
            help_text=_("Leave a fact empty when it is not known; it is then not shown."),
        ),
        InlinePanel("venues", label=_("Venues")),
        InlinePanel("hours", label=_("Opening hours and course times")),
        InlinePanel(
            "contact_links", label=_("Contacts"),
            help_text=_("Contacts are shared records: editing one updates every programme that uses it."),
        ),
        InlinePanel("outcomes", label=_("Outcomes")),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Image")),
        InlinePanel("attachments", label=_("Documents")),
        InlinePanel("related_programmes", label=_("Related programmes")),
        MultiFieldPanel(
            [
                FieldPanel("team"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_interval_months")]),
                FieldPanel("contains_sample_data"),
                FieldPanel("demo_translation"),
            ],
            heading=_("Review"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in LESSONS_FIELDS] + [FieldPanel("evaluation_reports")],
            heading=_("Lessons and transfer"), classname="collapsed",
        ),
        TranslationStatusPanel(heading=_("Translations")),
    ]

    # Wagtail's own search index serves the admin's page search only (docs/search.md).
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("organisation"),
        index.FilterField("status"),
    ]
    # Wagtail's API v2 (/api/v2/pages/?type=programmes.ProgrammePage&fields=*).
    # The record's facts (programmes/record.py) after title, plus what only a page has.
    api_fields = [
        APIField("summary"), APIField("plain_summary"),
        *(
            APIField(key, serializer=slugs()) if kind is TAXONOMY else APIField(key)
            for key, kind in PROGRAMME.items()
            if key not in ("slug", "title", "summary") and (kind.scalar or kind is TAXONOMY)
        ),
        APIField("lead_image"), APIField("lead_image_alt"),
        APIField("lead_image_thumbnail", serializer=ImageRenditionField("fill-640x360", source="lead_image")),
        APIField("contacts", serializer=ContactsField()), APIField("outcomes"), APIField("last_reviewed"), APIField("contains_sample_data"),
    ]

    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types = []
    base_form_class = ProgrammePageForm

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def _end_year_unrecorded(self):
        """Stored as completed with no end year (imported from a catalogue that did not record it):
        an editor can still correct other fields without inventing the year."""
        return bool(self.pk) and type(self).objects.filter(
            pk=self.pk, status=self.Status.COMPLETED, end_year__isnull=True).exists()

    def clean(self):
        super().clean()
        errors = {}
        if self.end_year and self.start_year and self.end_year < self.start_year:
            errors["end_year"] = _("The end year (%(end)s) is before the start year (%(start)s).") % {
                "end": self.end_year, "start": self.start_year,
            }
        if self.status == self.Status.COMPLETED and not self.end_year and not self._end_year_unrecorded():
            errors["end_year"] = _("A completed programme needs an end year.")
        if self.lead_image_id and not self.lead_image_alt.strip():
            errors["lead_image_alt"] = _("Please describe the image (alternative text).")
        if self.cost_amount is not None and self.cost != self.Cost.FEE:
            errors["cost_amount"] = _("An amount only applies when the cost is a fee.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if in_bulk():  # the importer validated the whole file before writing anything
            kwargs.setdefault("clean", False)
        self.description = sanitise(self.description)
        super().save(*args, **kwargs)

    @property
    def contacts(self):
        """The shared contact records this programme names, in display order.

        A list built from `contact_links`, so a `prefetch_related("contact_links__contact")`
        serves every programme of a listing without further queries."""
        return [link.contact for link in self.contact_links.all()]

    @property
    def period(self):
        if self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.status == self.Status.COMPLETED:  # imported from a catalogue that did not record it
            return _("from %(year)s, end year not recorded") % {"year": self.start_year}
        return _("since %(year)s") % {"year": self.start_year}

    def language_names(self):
        lang = (get_language() or "de")[:2]
        return [language_name(code, lang) for code in self.languages]

    @property
    def has_lessons(self):
        return bool(self.evaluation_reports) or any(getattr(self, name).strip() for name in LESSONS_FIELDS)

    @classmethod
    def prefetch_for_listing(cls, queryset):
        """Taxonomies for a list of programmes in a fixed number of queries."""
        if isinstance(queryset, list):
            ids = [p.pk for p in queryset]
            queryset = cls.objects.filter(pk__in=ids).order_by("title")
        return queryset.prefetch_related("themes", "target_groups", "districts").select_related("locale")

    def public_related(self):
        """The related programmes a visitor may see, in the editor's order."""
        ids = [link.target_id for link in self.related_programmes.all()]
        shown = ProgrammePage.objects.public().in_bulk(ids)
        return [shown[pk] for pk in ids if pk in shown]

    def serve(self, request, *args, requested_locale=None, **kwargs):
        # Wagtail has already asked for the password of a page restricted itself (or via an
        # ancestor); a page public by Wagtail's rule may still not be by ours, e.g. the English
        # translation of a password-protected German programme (models/public.py).
        if not self.get_view_restrictions().exists() and not ProgrammePage.objects.public().filter(pk=self.pk).exists():
            raise Http404
        if requested_locale is not None:  # shown in place of a missing translation
            translation.activate(requested_locale.language_code)
            request.LANGUAGE_CODE = requested_locale.language_code
        return super().serve(request, *args, requested_locale=requested_locale, **kwargs)

    def get_context(self, request, *args, requested_locale=None, **kwargs):
        # Here, not at module top: translated_facts reads these models.
        from ..translated_facts import localise

        context = super().get_context(request, *args, **kwargs)
        context.update(
            requested_locale=requested_locale,
            themes=list(self.themes.all()),
            target_groups=list(self.target_groups.all()),
            districts=list(self.districts.all()),
            outcomes=list(self.outcomes.all()),
            contacts=[link.contact for link in self.contact_links.select_related("contact")],
            attachments=list(self.attachments.select_related("document")),
            related=self.public_related(),
            translations=list(self.get_translations().live().public().select_related("locale")),
        )
        context.update(self.service_facts_context())
        # Indicators, roles and notes in the visitor's language, else German (marked lang="de").
        context["notes"] = localise(self, items={
            "outcomes": context["outcomes"], "contacts": context["contacts"], "hours": context["hours"],
        })
        context["service_facts"] = context["service_facts"] or bool(context["notes"]["documents_to_bring"])
        return context

    def service_facts_context(self):
        """What the "before you go" block shows: known facts only (None means not known)."""
        venues, hours = list(self.venues.all()), list(self.hours.all())
        access = [
            (label, value) for label, value in (
                (_("Step-free access"), self.step_free), (_("Hearing loop"), self.hearing_loop),
                (_("Childcare during the offer"), self.childcare),
            ) if value is not None
        ]
        known = bool(self.cost or self.registration or venues or hours or access or self.documents_to_bring)
        return {"service_facts": known, "venues": venues, "hours": hours, "access_facts": access}


class Outcome(Orderable):
    """A result of a programme: a figure with unit and year, or a qualitative note."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="outcomes")
    indicator = models.CharField(_("indicator"), max_length=255)
    value = models.FloatField(_("value"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("source"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("value", widget=PlainNumberInput), FieldPanel("unit"), FieldPanel("year")]),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    api_fields = [APIField(name) for name in OUTCOME]

    class Meta(Orderable.Meta):
        verbose_name = _("outcome")

    @property
    def display_value(self):
        if self.value is None:
            return ""
        # Through the active locale: "12.345,5" in German, "12,345.5" in English.
        places = 0 if float(self.value).is_integer() else 2
        with translation.override(get_language() or settings.LANGUAGE_CODE):
            return number_format(self.value, places, use_l10n=True, force_grouping=True)

    @property
    def is_sample(self):
        return (self.note or "").lower().startswith(("beispieldaten", "sample data"))


class ProgrammeContact(Orderable):
    """A programme names a shared contact record (ContactPoint), in display order."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="contact_links")
    contact = models.ForeignKey(
        ContactPoint, on_delete=models.PROTECT, related_name="programme_links", verbose_name=_("contact"),
    )

    panels = [FieldPanel("contact")]

    api_fields = [APIField(name) for name in CONTACT]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")


class ProgrammeAttachment(Orderable):
    """A report, flyer or evaluation attached to a programme."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        FLYER = "flyer", _("flyer")
        EVALUATION = "evaluation", _("evaluation")
        OTHER = "other", _("other")

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT)

    panels = [FieldPanel("document"), FieldPanel("kind")]


class RelatedProgramme(Orderable):
    """Another programme shown as "related" on this one (the editor sees it labelled so)."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="related_programmes")
    target = models.ForeignKey(
        ProgrammePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("related programme"),
    )

    panels = [PageChooserPanel("target", "programmes.ProgrammePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related programme")
        verbose_name_plural = _("related programmes")
