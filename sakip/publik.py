"""What the public pages (no login) share: the client's address, a per-address rate limit through the shared
cache and the QR code of a link. Used by laporan's verification page, layanan's satisfaction survey and loket's
status page; `client_ip` is django-axes' too (AXES_CLIENT_IP_CALLABLE), so a lockout and a rate limit see the
same address."""

import ipaddress
from functools import lru_cache

import segno
from django.conf import settings

from sakip import counters

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address: Address | None, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str | None:
    """The address of whoever sent the request, or None when there is none to be had.

    REMOTE_ADDR, unless it is one of settings.TRUSTED_PROXIES: then the right-most address of
    X-Forwarded-For that is not itself a trusted proxy (each proxy appends the address it received from, so
    what lies left of that was written by the client and proves nothing). A forwarded header from anyone else
    is ignored; a malformed one leaves the proxy's own address. None (not a made-up word) when REMOTE_ADDR is
    absent or not an address — django-axes stores this in an inet column on PostgreSQL."""
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _trusted(remote, networks):
        return str(remote)
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for part in reversed(forwarded):
        address = _address(part)
        if address is None:
            break
        if not _trusted(address, networks):
            return str(address)
    return str(remote)


def rate_limited(request, *, prefix: str, limit: int, window: int) -> bool:
    """Count this request for its address under `prefix`; True once more than `limit` came in `window` s.

    The count lives in the shared cache (database or Redis), so every worker process sees the same one, and
    is taken atomically (`sakip.counters`): parallel requests cannot slip under the limit together."""
    return counters.count(f"{prefix}:{client_ip(request) or 'unknown'}", window=window) > limit


def qr_svg_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (embedded in a page or a PDF's HTML)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)
