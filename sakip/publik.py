"""What the public pages (no login) share: a per-address rate limit through the shared cache and the QR
code of a link. Used by laporan's verification page and layanan's satisfaction survey."""

import segno
from django.core.cache import cache


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request, *, prefix: str, limit: int, window: int) -> bool:
    """Count this request for its address under `prefix`; True once more than `limit` came in `window` s.

    The count lives in the shared cache (database or Redis), so every worker process sees the same one."""
    key = f"{prefix}:{client_ip(request)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def qr_svg_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (embedded in a page or a PDF's HTML)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)
