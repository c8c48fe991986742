"""The "Stuttgart model" section: an overview page with the timeline, dashboard and comparison below it.

    HomePage -> ModelOverviewPage -> TimelinePage | OutcomesDashboardPage | ComparePage

Each is an ordinary Wagtail page, so staff edit the texts and the milestones in the
admin and every language gets its own translation; the figures come from the catalogue.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from programmes.catalogue import SLUG
from programmes.models import Theme

from .blocks import OverviewStreamBlock
from .dashboard import dashboard
from .data import CompareError, compare_selection, programmes_for, timeline
from .lessons import lesson_table
from .pdf import comparison_pdf, pdf_response


class ModelOverviewPage(Page):
    """„Das Stuttgarter Modell“: the 2001 concept, its pillars, the alliance, and live figures."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(OverviewStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["programmes.HomePage"]
    subpage_types = ["research.TimelinePage", "research.OutcomesDashboardPage", "research.ComparePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("model overview page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().specific()
        return context


class ResearchSubpage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["research.ModelOverviewPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def theme(self, request):
        value = request.GET.get("theme", "")
        return value if SLUG.fullmatch(value) else ""


class TimelinePage(ResearchSubpage):
    """Programmes by start and end year, with the milestones staff maintain here."""

    content_panels = ResearchSubpage.content_panels + [InlinePanel("milestones", label=_("Milestones"))]

    class Meta:
        verbose_name = _("timeline page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        theme = self.theme(request)
        years = timeline(programmes_for(self.locale, theme), self.milestones.all())
        context.update(years=years, theme=theme, themes=Theme.objects.all())
        return context


class Milestone(Orderable):
    """A dated event of the Stuttgart model, with where it is documented."""

    page = ParentalKey(TimelinePage, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    sample = models.BooleanField(
        _("sample or unverified"), default=False,
        help_text=_("Shows a notice that this entry is illustrative or not yet verified."),
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("title")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("sample")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")


class OutcomesDashboardPage(ResearchSubpage):
    """Outcome indicators over time, per programme and per theme, as SVG charts with tables."""

    class Meta:
        verbose_name = _("outcomes dashboard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        theme = self.theme(request)
        context.update(dashboard(self.locale, theme), theme=theme, themes=Theme.objects.all())
        return context


class ComparePage(RoutablePageMixin, ResearchSubpage):
    """2–4 programmes side by side, chosen with `?p=slug&p=slug`; also as PDF."""

    class Meta:
        verbose_name = _("comparison page")

    def selection(self, request):
        slugs = request.GET.getlist("p")
        if not slugs:
            return [], None
        try:
            return compare_selection(self.locale, slugs), None
        except CompareError as error:
            return [], error.args[0]

    @path("")
    def compare(self, request, error=None):
        programmes, found_error = self.selection(request)
        error = error or found_error
        context = self.get_context(request)
        context.update(
            programmes=programmes, error=error,
            choices=programmes_for(self.locale).order_by("title").only("title", "slug", "locale"),
            selected=request.GET.getlist("p"),
            has_sample=any(p.contains_sample_data for p in programmes),
            lesson_table=lesson_table(programmes),
        )
        return TemplateResponse(request, self.get_template(request), context, status=400 if error else 200)

    @path("pdf/")
    def compare_pdf(self, request):
        programmes, error = self.selection(request)
        if error or not programmes:
            return self.compare(request, error=error or "few")
        return pdf_response(comparison_pdf(self, programmes, request), f"{self.slug}.pdf")
