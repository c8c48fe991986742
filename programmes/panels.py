"""Admin panel showing, on a programme's edit page, how its translations stand."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.models import Locale


class TranslationStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "programmes/panels/translation_status.html"

        def get_context_data(self, parent_context=None):
            # Here, not at module top: translation.py and translated_facts.py import the page
            # models, which use this panel.
            from .translated_facts import label_items, source_of, untranslated  # see above
            from .translation import translation_statuses  # see above

            context = super().get_context_data(parent_context)
            page = self.instance
            context["is_source"] = page.pk and page.locale_id == Locale.get_default().pk
            context["statuses"] = sorted(translation_statuses(page).items()) if context["is_source"] else []
            context["page_id"] = page.pk
            # How many fact texts (outcomes, roles, hours, notes) still wait for a translation.
            if context["is_source"]:
                items = label_items(page)
                context["facts"] = {
                    code: len(untranslated(page, code, status_page[1], items)) for code, status_page in context["statuses"]
                }
            elif page.pk:
                code = page.locale.language_code
                context["lang"] = code
                context["facts_missing"] = len(untranslated(source_of(page), code, page))
            context["labels"] = {"missing": _("missing"), "up-to-date": _("up to date"), "outdated": _("outdated")}
            return context
