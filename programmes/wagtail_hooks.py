"""Admin: taxonomies as snippets that staff can relabel (slugs stay fixed by the contract)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, TargetGroup, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["label_de", "label_en", "slug"]
    search_fields = ["label_de", "label_en", "slug"]


class TargetGroupViewSet(ThemeViewSet):
    model = TargetGroup
    icon = "group"


class DistrictViewSet(ThemeViewSet):
    model = District
    icon = "site"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomien"
    menu_icon = "list-ul"
    menu_order = 300
    items = (ThemeViewSet, TargetGroupViewSet, DistrictViewSet)


register_snippet(TaxonomyGroup)
