"""Life situations in the admin: a translatable snippet, under its own menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LifeSituation


class LifeSituationViewSet(SnippetViewSet):
    model = LifeSituation
    icon = "help"
    menu_label = _("Life situations")
    menu_order = 295
    add_to_admin_menu = True
    list_display = ["sentence", "icon", "sort_order"]
    list_filter = ["locale"]
    search_fields = ["sentence"]


register_snippet(LifeSituationViewSet)
