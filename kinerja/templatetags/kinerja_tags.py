"""How every page and document prints one capaian: a tag, not an {% include %} per table cell.

An include costs a template lookup and a context push for each cell; the dashboard prints fifteen
capaian per indicator, which made the include the page's largest cost (make bench).
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def capaian(c, angka=None):
    """The value (or why it has none), its predikat, and a badge when its data is not yet final."""
    html = format_html('<span class="capaian">{}</span>', c.teks)
    if c.predikat:
        html += format_html('<br><span class="small predikat">{}</span>', c.predikat)
    if angka is not None and not angka.final:
        html += format_html(
            '<br><span class="badge badge-status-{}" title="Data belum disetujui">{}</span>',
            angka.status,
            angka.status_label,
        )
    return html
