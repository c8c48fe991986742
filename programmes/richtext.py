"""Rich text for programme descriptions: sanitised on save, plain text in the exchange.

Wagtail's editor limits what staff can enter, but imports and API writes bypass the
editor, so the stored HTML is cleaned with nh3 (ammonia) whatever its origin.
"""

from html import escape
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "b", "i", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise(html):
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def text_to_html(text):
    """Plain text with blank-line separated paragraphs -> escaped <p> paragraphs."""
    if not text:
        return ""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br>".join(escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
        if p.strip()
    )


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "h2", "h3", "h4", "li", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self.current = []

    def _flush(self):
        text = "".join(self.current).strip("\n")
        if text.strip():
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.current.append("\n")
        elif tag in self.BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)


def html_to_text(html):
    """Rich text -> plain text, paragraphs separated by a blank line (the exchange form)."""
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.paragraphs)
