"""Template helpers of the reports: the safe narrative formatter and cell values."""

import re
from decimal import Decimal

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from sakip.formatting import format_angka

register = template.Library()

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


@register.filter
def narasi(text) -> str:
    """Plain text to paragraphs and lists: blank line = new paragraph, "- " bullets, "1. " numbered.

    Everything is escaped; no markup typed by a user reaches the page or the PDF.
    """
    if not text:
        return ""
    html: list[str] = []
    paragraph: list[str] = []
    list_tag = None

    def close_paragraph():
        if paragraph:
            html.append("<p>" + "<br>".join(escape(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def close_list():
        nonlocal list_tag
        if list_tag:
            html.append(f"</{list_tag}>")
            list_tag = None

    for line in str(text).replace("\r\n", "\n").split("\n"):
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet or numbered:
            close_paragraph()
            wanted = "ul" if bullet else "ol"
            if list_tag != wanted:
                close_list()
                html.append(f"<{wanted}>")
                list_tag = wanted
            html.append(f"<li>{escape((bullet or numbered).group(1))}</li>")
        elif not line.strip():
            close_paragraph()
            close_list()
        else:
            close_list()
            paragraph.append(line.strip())
    close_paragraph()
    close_list()
    return mark_safe("".join(html))  # noqa: S308 - every piece above is escaped


@register.filter
def nilai(value) -> str:
    """A table cell: numbers Indonesian-formatted, level labels as they are, empty as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, int | float | Decimal):
        return format_angka(value)
    return str(value)


@register.filter
def rupiah(value) -> str:
    return format_angka(value, 2) if value is not None else "—"


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


# Academic and religious titles left out of a paraf ("Drs. H. Ahmad Yani, M.Si" -> "AY").
_GELAR = {"drs", "dra", "dr", "ir", "h", "hj", "prof", "s", "st", "se", "sh", "sos", "ap", "ssos", "ssi", "skom"}


@register.filter
def paraf(nama: str) -> str:
    """The initials a signer's paraf stands for, from the name without titles."""
    name = (nama or "").split(",")[0]
    words = [w for w in name.replace(".", ". ").split() if w.strip(".").lower() not in _GELAR and w[0].isalpha()]
    return "".join(w[0].upper() for w in words[:3])
