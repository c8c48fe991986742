"""How to cite a programme page: author, title, year, permalink, last reviewed and accessed dates.

The permalink is built from the configured base URL (WAGTAILADMIN_BASE_URL, set from the
environment), not from the request or the Site record's host, so a citation copied from a
server behind a proxy or from a development machine still names the public address.
"""

import datetime
import re

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

AUTHOR = "Landeshauptstadt Stuttgart"
CONTAINER = "Integration in Stuttgart – Wissensdatenbank"


def format_date(value):
    """The one date format used for citations in the current language."""
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def permalink(page):
    """The page's address under the configured public base URL."""
    parts = page.get_url_parts()
    if parts is None:  # not routable (no site)
        return ""
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or parts[1] or "").rstrip("/")
    return base + parts[2]


def author_of(page):
    """The city once: the organisation alone when it names the city, else the city and the organisation."""
    organisation = (page.organisation or "").strip()
    if not organisation or AUTHOR in organisation:
        return organisation or AUTHOR
    return f"{AUTHOR}; {organisation}"


def citation(page, request=None):
    """The parts of a citation and one formatted line (author-year style)."""
    reviewed = page.last_reviewed or (page.last_published_at.date() if page.last_published_at else None)
    published = page.first_published_at.date() if page.first_published_at else None
    year = (published or datetime.date.today()).year
    url = permalink(page)
    author = author_of(page)
    accessed = datetime.date.today()
    text = _("%(author)s (%(year)s): %(title)s. In: Integration in Stuttgart – knowledge base. %(url)s") % {
        "author": author, "year": year, "title": page.title, "url": url,
    }
    if reviewed:
        text += " " + _("(last reviewed %(date)s)") % {"date": format_date(reviewed)}
    text += " " + _("(accessed %(date)s)") % {"date": format_date(accessed)}
    return {
        "author": author, "title": page.title, "year": year, "url": url, "published": published,
        "reviewed": reviewed, "accessed": accessed, "text": text,
    }


def _key(page, year):
    return re.sub(r"[^A-Za-z0-9]+", "", page.slug.title())[:40] + str(year)


def _bib(value):
    """A BibTeX field value in braces; braces and backslashes in the text are escaped."""
    return "{" + re.sub(r"([{}\\])", r"\\\1", str(value)) + "}"


def bibtex(page):
    """One @misc entry; the corporate author is double-braced so it stays one name."""
    cite = citation(page)
    fields = [
        ("author", "{" + _bib(cite["author"]) + "}"), ("title", _bib(cite["title"])),
        ("year", _bib(cite["year"])), ("howpublished", _bib(CONTAINER)),
        ("url", _bib(cite["url"])), ("urldate", _bib(cite["accessed"].isoformat())),
        ("language", _bib(page.locale.language_code)),
    ]
    if cite["reviewed"]:
        fields.append(("note", _bib(f"Last reviewed {cite['reviewed'].isoformat()}")))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{_key(page, cite['year'])},\n{body}\n}}\n"


def _ris_line(tag, value):
    return f"{tag}  - {' '.join(str(value).split())}"


def ris(page):
    """One RIS record of type ELEC (web page)."""
    cite = citation(page)
    lines = [
        _ris_line("TY", "ELEC"), _ris_line("AU", cite["author"]), _ris_line("TI", cite["title"]),
        _ris_line("PY", cite["year"]), _ris_line("UR", cite["url"]), _ris_line("PB", AUTHOR),
        _ris_line("T2", CONTAINER), _ris_line("LA", page.locale.language_code),
        _ris_line("Y2", cite["accessed"].strftime("%Y/%m/%d")),
    ]
    if cite["reviewed"]:
        lines.append(_ris_line("N1", f"Last reviewed {cite['reviewed'].isoformat()}"))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"
