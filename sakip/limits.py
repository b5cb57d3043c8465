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
