"""Admin: the multilingual vocabulary, editable by staff without a deploy, and its SKOS download."""

from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import Concept
from .skos import export_vocabulary


def download_vocabulary(request):
    """The whole vocabulary as SKOS Turtle, for exchange with other cities."""
    response = HttpResponse(export_vocabulary(), content_type="text/turtle; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vocabulary.ttl"'
    return response


class ConceptIndexView(IndexView):
    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            HeaderButton(_("Download as SKOS (Turtle)"), url=reverse("search_vocabulary_download"), icon_name="download"),
        ]


class ConceptViewSet(SnippetViewSet):
    model = Concept
    icon = "search"
    menu_label = _("Vocabulary")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = ConceptIndexView
    list_display = ["__str__", "uri", "updated_at"]
    search_fields = ["uri", "definition", "labels__text"]


register_snippet(ConceptViewSet)


@hooks.register("register_admin_urls")
def register_vocabulary_download():
    return [path("vocabulary/skos/", download_vocabulary, name="search_vocabulary_download")]
