"""Length limits of model fields, checked before saving so that an overlong value is a message, not a 500.

SQLite ignores VARCHAR lengths; PostgreSQL refuses them with an error. Forms check max_length by
themselves; services and importers that take raw text ask here.
"""


def too_long(model, field: str, value) -> str | None:
    """An Indonesian message when `value` is longer than the field allows, else None."""
    limit = model._meta.get_field(field).max_length
    if limit and value is not None and len(str(value)) > limit:
        return f"paling banyak {limit} karakter (terisi {len(str(value))})."
    return None


HISTORY_REASON_LIMIT = 100  # django-simple-history's history_change_reason is a VARCHAR(100)


def alasan_riwayat(text: str) -> str:
    """A typed reason as the history's change reason: whole when it fits, else cut with "…" (the full text is
    kept on the row itself, e.g. Triwulan.catatan_pengembalian and TriwulanRiwayat.alasan)."""
    text = " ".join((text or "").split())
    if len(text) <= HISTORY_REASON_LIMIT:
        return text
    return text[: HISTORY_REASON_LIMIT - 1] + "…"
