"""Template tags the programme pages borrow from research: the citation, the PDF link, the compare link."""

from django import template
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from programmes.templatetags.language_tags import content_language

from ..citation import citation, format_date
from ..lessons import CONCEPT_SLUG, lesson_rows
from ..models import ComparePage, ModelOverviewPage

register = template.Library()


@register.inclusion_tag("research/includes/citation.html", takes_context=True)
def cite(context, page):
    return {"cite": citation(page, context.get("request")), "page": page}


@register.simple_tag
def programme_pdf_url(page):
    return reverse("programme_pdf", kwargs={"slug": page.slug})


@register.simple_tag
def compare_page_for(locale):
    """The comparison page of `locale` (or of German), or None when the site has none."""
    return (
        ComparePage.objects.live().filter(locale=locale).first()
        or ComparePage.objects.live().filter(locale__language_code="de").first()
    )


@register.simple_tag(takes_context=True)
def model_overview(context):
    """The "Stuttgart model" overview in the visitor's language (or German), for the navigation.

    Looked up once per request (the header and the footer both ask)."""
    request = context.get("request")
    cached = getattr(request, "_model_overview", False) if request is not None else False
    if cached is not False:
        return cached
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    live = ModelOverviewPage.objects.live()
    page = (live.filter(locale=locale).first() if locale else None) or live.filter(locale__language_code="de").first()
    if request is not None:
        request._model_overview = page
    return page


@register.filter
def lessons_rows(page):
    return lesson_rows(page)


@register.filter
def is_concept(page):
    return getattr(page, "slug", None) == CONCEPT_SLUG


@register.filter
def kbdate(value):
    """Dates in the section in one format per language (the locale's DATE_FORMAT)."""
    return format_date(value)


@register.simple_tag
def intro_language(page, shown_code):
    """The language of the page's intro: `shown_code` when the intro is still that translation's
    text, "" (the page's own language) when it was translated, e.g. the demo's tr/ar/uk intros."""
    if not shown_code:
        return ""
    other = page.get_translations().filter(locale__language_code=shown_code).specific().first()
    return shown_code if other is not None and other.intro == page.intro else ""


register.simple_tag(content_language)  # one home: programmes/templatetags/language_tags.py
