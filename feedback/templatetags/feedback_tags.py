from django import template

from ..forms import FeedbackForm

register = template.Library()


@register.inclusion_tag("feedback/form.html", takes_context=True)
def feedback_form(context, kind, page=None, query=""):
    """The "Was this page helpful?" box; a thank-you after the visitor answered."""
    request = context["request"]
    form = FeedbackForm(initial={
        "kind": kind, "page": page.pk if page else None, "query": query,
        "next": request.get_full_path().replace("feedback=thanks", "").rstrip("?&"),
    })
    return {"form": form, "thanks": request.GET.get("feedback") == "thanks", "request": request}
