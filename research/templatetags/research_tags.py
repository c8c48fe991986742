"""Template tags the programme pages borrow from research: the citation, the PDF link, the compare link."""

from django import template
from django.urls import reverse

from ..citation import citation
from ..models import ComparePage

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
