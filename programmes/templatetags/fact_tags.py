"""`{{ text|in_lang:enclosing }}`: a fact text (translated_facts.Text) wrapped in a span with its
own lang and dir when it is not in the language of the element around it (WCAG 3.1.2), e.g.
a German contact role, not yet translated, on an Arabic page."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html

from ..translated_facts import is_rtl

register = template.Library()


@register.filter
def in_lang(text, enclosing):
    lang = getattr(text, "lang", None)
    shown = linebreaksbr(text or "", autoescape=True)  # notes may run over several lines
    if not text or lang is None or lang == enclosing:
        return shown
    return format_html('<span lang="{}" dir="{}">{}</span>', lang, "rtl" if is_rtl(lang) else "ltr", shown)
