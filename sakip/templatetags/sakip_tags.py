"""Template filters every app uses (loaded as builtins, see settings.TEMPLATES)."""

from django import template

from sakip import formatting, nip, pdf, permissions

register = template.Library()


@register.filter
def angka(value, decimals=None):
    """{{ value|angka }} -> '1.234,5'; {{ value|angka:2 }} -> '1.234,50'."""
    return formatting.format_angka(value, None if decimals in (None, "") else int(decimals))


@register.filter
def tanggal(value):
    return formatting.format_tanggal(value)


@register.filter
def waktu(value):
    return formatting.format_waktu(value)


@register.filter(is_safe=True)
def css_string(value):
    """{{ value|css_string }} -> a quoted CSS string (running titles of PDFs); see sakip/pdf.py."""
    return pdf.css_string(value)


@register.filter
def nip_cetak(value):
    return nip.format_nip(value)


@register.simple_tag(takes_context=True)
def can(context, action, obj):
    """{% can "sop.edit" sop as may_edit %} — asks the permission module, nothing else."""
    return permissions.user_can(context["request"].user, action, obj)
