"""Check the external links and e-mail addresses of published programmes.

Websites and links in the description are requested (HEAD, then GET where HEAD is not
allowed) with a timeout of settings.LINK_CHECK_TIMEOUT seconds; e-mail addresses are
checked for syntax and for a domain that resolves. Each run replaces the previous results.
"""

import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from programmes.models import ProgrammePage

from .models import LinkCheck

USER_AGENT = "kb-link-check/1 (Integration in Stuttgart; staff link report)"


@dataclass
class Outcome:
    ok: bool
    status: int | None = None
    error: str = ""


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith(("http://", "https://", "mailto:")):
            self.hrefs.append(href)


def links_of(page):
    """[(field, target)] for one programme: website, description links, contacts' website and e-mail."""
    found = [("website", page.website)] if page.website else []
    parser = _Links()
    parser.feed(page.description or "")
    for href in parser.hrefs:
        found.append(("description", href.removeprefix("mailto:") if href.startswith("mailto:") else href))
    for n, contact in enumerate((link.contact for link in page.contact_links.all()), start=1):
        if contact.website:
            found.append((f"contact {n} website", contact.website))
        if contact.email:
            found.append((f"contact {n} e-mail", contact.email))
    return found


def resolves(domain):
    try:
        socket.getaddrinfo(domain, None)
    except (OSError, UnicodeError):
        return False
    return True


def check_email(address):
    try:
        validate_email(address)
    except ValidationError:
        return Outcome(False, error="not a valid e-mail address")
    domain = address.rsplit("@", 1)[1]
    return Outcome(True) if resolves(domain) else Outcome(False, error=f"domain {domain} does not resolve")


def check_url(url, timeout):
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Outcome(True, response.status)
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD; ask once more with GET
            return Outcome(False, exc.code, f"HTTP {exc.code} {exc.reason}"[:500])
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError | socket.timeout):
                return Outcome(False, error=f"no answer within {timeout:g} s")
            return Outcome(False, error=str(reason)[:500])
    return Outcome(False, error="no answer")


def check(target, timeout):
    if target.startswith(("http://", "https://")):
        return check_url(target, timeout)
    return check_email(target)


def check_links(timeout=None, workers=4):
    """Check every link of every live German programme; store and return the results."""
    timeout = timeout if timeout is not None else settings.LINK_CHECK_TIMEOUT
    pages = ProgrammePage.objects.live().filter(locale=Locale.get_default()).prefetch_related("contact_links__contact")
    found = [(page, where, target) for page in pages for where, target in links_of(page)]
    targets = sorted({target for _, _, target in found})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = dict(zip(targets, pool.map(lambda t: check(t, timeout), targets), strict=True))
    now = timezone.now()
    rows = [
        LinkCheck(page=page, where=where, target=target[:1000], ok=outcomes[target].ok,
                  status=outcomes[target].status, error=outcomes[target].error, checked_at=now)
        for page, where, target in found
    ]
    with transaction.atomic():
        LinkCheck.objects.all().delete()
        LinkCheck.objects.bulk_create(rows)
    return rows
