"""The one rule for what the public may see of the programmes (issue 19, item 1).

A programme page is public when it is live, not private (no view restriction on it or on an
ancestor: Wagtail's privacy setting, e.g. a password), in a language the site publishes
(settings.WAGTAIL_CONTENT_LANGUAGES), and the German source page of its programme is public too: restricting
or unpublishing the source hides its translations with it. Every reader of programmes for
visitors (pages, PDFs, APIs, downloads, feed, search index, research pages) starts from
`ProgrammePage.objects.public()`, so no output can forget a part of the rule.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from wagtail.models import Locale, PageManager
from wagtail.query import PageQuerySet


def public_language_codes():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


class ProgrammePageQuerySet(PageQuerySet):
    def public(self):
        """Programme pages a visitor may see (the rule above).

        Overrides Wagtail's `public()` (privacy only) so that Wagtail's own readers of
        programme pages, such as the v2 API with `type=programmes.ProgrammePage`, apply it too.
        """
        shown = self.live().exclude(self.private_q()).filter(locale__language_code__in=public_language_codes())
        # A correlated EXISTS, not `translation_key IN (every German source)`: SQLite drove that
        # from the whole list, so checking 300 new pages at 10,000 programmes took 9 s (the
        # importer's indexing) and EXISTS 0.01 s; whole-catalogue counts got faster too.
        source = (
            self.model._base_manager.filter(locale=Locale.get_default(), live=True, translation_key=OuterRef("translation_key"))
            .exclude(self.private_q())
        )
        return shown.filter(Exists(source))

    def with_public_related(self):
        """Prefetch `related_programmes` keeping only links to public programmes (issue 19, item 7):
        a download or API answer never names a programme the reader cannot get."""
        link_model = self.model._meta.get_field("related_programmes").related_model
        links = link_model.objects.filter(
            target__in=self.model._default_manager.public().values("pk")
        ).select_related("target")
        return self.prefetch_related(Prefetch("related_programmes", queryset=links))


ProgrammePageManager = PageManager.from_queryset(ProgrammePageQuerySet)
