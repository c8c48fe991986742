"""Admin: the synonym list, editable by staff without a deploy."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Synonyme"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["terms", "lang", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymViewSet)
