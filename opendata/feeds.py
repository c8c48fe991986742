"""Atom feed of new and updated programmes (newest publication first)."""

import re

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy

from programmes.api import live_translations, request_lang, source_pages
from programmes.params import LangParams

from .licence import licence

# XML 1.0 forbids these; one stored title with \x01 must not break the feed for everyone.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """Text that XML 1.0 can carry: characters it cannot hold are dropped."""
    return NOT_XML.sub("", value or "")


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose summaries are declared plain text: programme summaries are never HTML.

    Django writes `<summary type="html">`, which would let a feed reader render markup that
    an import carried in as text.
    """

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary:
            handler.addQuickElement("summary", summary, {"type": "text"})


FEED_SIZE = 50
TITLE = gettext_lazy("Integration in Stuttgart – new and updated programmes")
SUBTITLE = gettext_lazy("Programmes of the City of Stuttgart's Alliance for Integration")


def in_language(text, lang):
    """The feed's own words in the language it was asked for (?lang=), not the request's."""
    with translation.override(lang):
        return str(text)


class LicensedAtomFeed(PlainTextAtomFeed):
    """Atom with the data licence as <link rel="license"> (RFC 4946) next to <rights>."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("link", "", {"rel": "license", "href": licence()["url"]})


class ProgrammeFeed(Feed):
    feed_type = LicensedAtomFeed

    def feed_copyright(self):
        terms = licence()
        return f"{terms['name']} ({terms['url']}); {terms['attribution']}"

    def get_object(self, request, *args, **kwargs):
        self.request = request
        # A syndication view, not a ninja operation: the API's LangParams schema read by hand;
        # ApiError for an unknown lang (handled by the view).
        return request_lang(request, LangParams.read(request.GET).lang)

    def title(self, lang):
        return in_language(TITLE, lang)

    def subtitle(self, lang):
        return in_language(SUBTITLE, lang)

    def link(self, lang):
        return f"/{lang}/programme/"

    def feed_url(self, lang):
        return self.request.get_full_path()

    def items(self, lang):
        pages = list(source_pages().order_by("-last_published_at", "pk").prefetch_related("themes")[:FEED_SIZE])
        translations = live_translations(pages) if lang != "de" else {}
        return [(page, translations.get(page.translation_key, {}).get(lang, page)) for page in pages]

    def item_title(self, item):
        return xml_text(item[1].title)

    def item_description(self, item):
        return xml_text(item[1].summary)

    def item_link(self, item):
        return item[1].get_url(self.request)

    def item_guid(self, item):
        return f"urn:uuid:{item[0].translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item[0].first_published_at

    def item_updateddate(self, item):
        return max(filter(None, [item[0].last_published_at, item[1].last_published_at]))

    def item_categories(self, item):
        return [t.slug for t in item[0].themes.all()]

    def item_author_name(self, item):
        return xml_text(item[0].organisation)
