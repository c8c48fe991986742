from django import template

from ..jsonld import government_service, script_tag

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_jsonld(context):
    """The page's GovernmentService JSON-LD, from what the page's context already loaded."""
    return script_tag(government_service(
        context["page"], context["request"], themes=context.get("themes", []),
        target_groups=context.get("target_groups", []), districts=context.get("districts", []),
        contacts=context.get("contacts", []), venues=context.get("venues", []), hours=context.get("hours", []),
    ))
