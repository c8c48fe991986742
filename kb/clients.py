"""Who is asking: the one rule for a request's client address (rate limits, login lockout).

Behind N trusted reverse proxies, each proxy appends the address it received the request
from to X-Forwarded-For, so the client is the N-th entry from the right; everything left of
it was written by the client and proves nothing. This is the rule django-ipware applies for
django-axes with a proxy count. With no trusted proxy (TRUSTED_PROXY_COUNT=0, the default)
the header is ignored and the socket's address counts.
"""

from django.conf import settings


def client_address(request):
    """The address of the client that sent `request`, as far as our own proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    entries = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < proxies:
        return remote  # did not come through all of our proxies: trust only the socket
    return entries[-proxies]
