"""StreamField blocks of the model overview: editable text, plus live blocks that read the catalogue.

Live blocks store only a heading; their figures are counted when the page is shown,
so the overview never goes stale.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from programmes.models import ProgrammePage, Theme

from .data import newest, programmes_for, status_by_theme

TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]


class PillarBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        label = _("pillar")


class SourcedTextBlock(blocks.StructBlock):
    """Text with where it comes from, and a flag for anything not from the public record."""

    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES)
    source = blocks.CharBlock(label=_("source"), required=False)
    sample = blocks.BooleanBlock(label=_("sample or uncertain content"), required=False)

    class Meta:
        label = _("section")
        template = "research/blocks/section.html"


class LiveBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))

    def programmes(self, context):
        page = context.get("page")
        return programmes_for(page.locale)


class ThemeCountsBlock(LiveBlock):
    """Programmes per theme, each linking to the filtered catalogue."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        rows = status_by_theme(self.programmes(parent_context or {}))
        context["rows"] = [(theme, sum(counts.values())) for theme, counts in rows]
        return context

    class Meta:
        label = _("Programmes per theme (live)")
        template = "research/blocks/theme_counts.html"


class StatusCountsBlock(LiveBlock):
    """Active, completed and planned programmes."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        programmes = self.programmes(parent_context or {})
        counts = dict.fromkeys(ProgrammePage.Status.values, 0)
        for status in programmes.values_list("status", flat=True):
            counts[status] += 1
        context["rows"] = [(value, label, counts[value]) for value, label in ProgrammePage.Status.choices]
        context["themes"] = Theme.objects.all()
        return context

    class Meta:
        label = _("Active and completed programmes (live)")
        template = "research/blocks/status_counts.html"


class NewestBlock(LiveBlock):
    count = blocks.IntegerBlock(label=_("how many"), min_value=1, max_value=12, default=5)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["programmes"] = newest(self.programmes(parent_context or {}), value["count"])
        return context

    class Meta:
        label = _("Newest programmes (live)")
        template = "research/blocks/newest.html"


class OverviewStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES, template="research/blocks/text.html")
    section = SourcedTextBlock()
    pillars = blocks.ListBlock(PillarBlock(), label=_("pillars"), template="research/blocks/pillars.html")
    theme_counts = ThemeCountsBlock()
    status_counts = StatusCountsBlock()
    newest = NewestBlock()
