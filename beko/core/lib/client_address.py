"""The one place that decides a request's client address.

Login lockout (django-axes, `AXES_CLIENT_IP_CALLABLE`), every rate limit (django-ratelimit,
`RATELIMIT_IP_META_KEY`, i.e. `key="ip"`) and the security log lines all call `client_ip`, so
they always agree on who a client is.

Behind `BEKO_TRUSTED_PROXY_COUNT` reverse proxies, `REMOTE_ADDR` is the nearest proxy. Each
proxy appends the address it saw to `X-Forwarded-For` (nginx: `$proxy_add_x_forwarded_for`), so
the client is the N-th entry from the right. Everything further left was sent by the client
itself and can say anything: it is never used. Without trusted proxies (development, tests, a
direct connection) the header is ignored altogether.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder address, never something we bind to


def _normalise(value: str) -> str | None:
    """A bare IP address from an X-Forwarded-For entry or REMOTE_ADDR, else None.

    Accepts `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` and `[2001:db8::1]:443`; anything else
    (`unknown`, garbage from a misconfigured proxy) is refused, so it can neither crash a rate
    limit nor become a shared bucket.
    """
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address as the outermost trusted proxy saw it."""
    remote = _normalise(str(request.META.get("REMOTE_ADDR") or "")) or UNKNOWN
    count = settings.BEKO_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    forwarded = [part for part in (p.strip() for p in header.split(",")) if part]
    if len(forwarded) < count:
        # Fewer entries than proxies: the request did not pass all of them (a local health
        # check, a misconfiguration). The connection's own address is the only fact we have.
        return remote
    return _normalise(forwarded[-count]) or remote
