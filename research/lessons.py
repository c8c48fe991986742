"""The lessons fields (kb-lessons/2) in one order, with their labels, for the page, the comparison and the PDF."""

from django.utils.translation import gettext_lazy as _

# The programme the whole section describes: its page links to the overview.
CONCEPT_SLUG = "buendnis-fuer-integration-2001"

FIELDS = [
    ("lessons_purpose", _("Purpose")),
    ("lessons_approach", _("Approach")),
    ("lessons_worked", _("What worked")),
    ("lessons_challenges", _("Difficulties")),
    ("lessons_transferability", _("Transferability to other cities")),
    ("lessons_costs", _("Costs and staffing")),
]


def lesson_rows(page):
    """[(label, text)] for every lessons field; empty text means "not documented"."""
    return [(label, getattr(page, name) or "") for name, label in FIELDS]


def lesson_table(programmes):
    """[(label, [text per programme])] for the side-by-side comparison."""
    return [(label, [getattr(p, name) or "" for p in programmes]) for name, label in FIELDS]
