"""How to cite a programme page: author, title, year, permalink, last reviewed and accessed dates."""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

AUTHOR = "Landeshauptstadt Stuttgart"


def citation(page, request=None):
    """The parts of a citation and one formatted line (author-year style)."""
    reviewed = page.last_reviewed or (page.last_published_at.date() if page.last_published_at else None)
    year = (reviewed or datetime.date.today()).year
    url = page.get_full_url(request) or ""
    author = AUTHOR if page.organisation == AUTHOR else f"{AUTHOR}; {page.organisation}"
    accessed = datetime.date.today()
    text = _("%(author)s (%(year)s): %(title)s. In: Integration in Stuttgart – knowledge base. %(url)s") % {
        "author": author, "year": year, "title": page.title, "url": url,
    }
    if reviewed:
        text += " " + _("(last reviewed %(date)s)") % {"date": formats.date_format(reviewed, "SHORT_DATE_FORMAT")}
    text += " " + _("(accessed %(date)s)") % {"date": formats.date_format(accessed, "SHORT_DATE_FORMAT")}
    return {
        "author": author, "title": page.title, "year": year, "url": url,
        "reviewed": reviewed, "accessed": accessed, "text": text,
    }
