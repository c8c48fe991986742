"""Admin: taxonomies as snippets (slugs fixed by the contract), the translation status report."""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn, UpdatedAtColumn
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, fact_admin
from .audit import IMPORT_ACTION
from .models import ContactPoint, District, FactTranslation, ProgrammePage, TargetGroup, Theme
from .models.contacts import EXCHANGE_FIELDS
from .teams import user_teams


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


class ContactChooserViewSet(SnippetChooserViewSet):
    """The contact chooser, with a tab to create a contact without leaving the programme form."""

    form_fields = EXCHANGE_FIELDS
    create_action_label = _("Create a new contact")


class ContactPointViewSet(SnippetViewSet):
    """Shared contacts; the listing says how many programmes use each, "Usage" lists them."""

    model = ContactPoint
    chooser_viewset_class = ContactChooserViewSet
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 290
    add_to_admin_menu = True
    search_fields = ["name", "organisation", "email", "role"]
    list_filter = ["appointment_only", "step_free_access"]

    @property
    def list_display(self):
        return [
            TitleColumn("organisation", label=_("organisation"), url_name=self.get_url_name("edit")),
            "name", "role", "email",
            Column("programme_count", label=_("used by programmes")),
            UpdatedAtColumn(),
        ]

    def get_queryset(self, request):
        return ContactPoint.objects.annotate(programme_count=Count(
            "programme_links__programme", filter=Q(programme_links__programme__locale=Locale.get_default()),
            distinct=True,
        ))


register_snippet(ContactPointViewSet)


class FactTranslationViewSet(SnippetViewSet):
    """Every translation of a fact text, across programmes (one per German text and language);
    staff usually translate per programme with "Translate facts" (fact_admin.py)."""

    model = FactTranslation
    icon = "globe"
    list_display = ["source", "text", "language", "field"]
    list_filter = ["language", "field"]
    search_fields = ["source", "text"]
    search_backend_name = None  # a plain database search: the table is small and not indexed


register_snippet(FactTranslationViewSet)


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path("translations/", admin_views.translation_report, name="programmes_translation_report"),
        path("translations/upload/", admin_views.upload_po, name="programmes_translation_upload"),
        path("translations/<slug:slug>/<str:lang>.po", admin_views.download_po, name="programmes_translation_po"),
        path("translations/facts/<int:page_id>/<str:lang>/", fact_admin.translate_facts,
             name="programmes_translate_facts"),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        _("Translation status"), reverse("programmes_translation_report"), icon_name="globe", order=700
    )


@hooks.register("after_create_page")
def assign_team_of_creator(request, page):
    """A programme created by a team member belongs to that member's team."""
    teams = sorted(user_teams(request.user))
    if isinstance(page, ProgrammePage) and page.team_id is None and teams:
        ProgrammePage.objects.filter(translation_key=page.translation_key).update(team_id=teams[0])
        page.team_id = teams[0]


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    actions.register_action(IMPORT_ACTION, _("Import"), _("Imported from an exchange file"))
