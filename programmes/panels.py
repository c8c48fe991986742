"""Admin panel showing, on a programme's edit page, how its translations stand."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.models import Locale


class TranslationStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "programmes/panels/translation_status.html"

        def get_context_data(self, parent_context=None):
            # Here, not at module top: translation.py imports the page models, which use this panel.
            from .translation import translation_statuses

            context = super().get_context_data(parent_context)
            page = self.instance
            context["is_source"] = page.pk and page.locale_id == Locale.get_default().pk
            context["statuses"] = sorted(translation_statuses(page).items()) if context["is_source"] else []
            context["labels"] = {"missing": _("missing"), "up-to-date": _("up to date"), "outdated": _("outdated")}
            return context
