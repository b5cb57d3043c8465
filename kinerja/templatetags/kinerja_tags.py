"""How every page and document prints one capaian: a tag, not an {% include %} per table cell.

An include costs a template lookup and a context push for each cell; the dashboard prints fifteen
capaian per indicator, which made the include the page's largest cost (make bench).
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from sakip.formatting import format_angka

register = template.Library()


def _capaian_html(c, angka=None) -> str:
    # Plain str building with the standard library's escape: Django's lazy-aware format_html per cell
    # was a measurable share of the dashboard (make bench); the output is the same markup.
    html = f'<span class="capaian">{escape(str(c.teks))}</span>'
    if c.predikat:
        html += f'<br><span class="small predikat">{escape(str(c.predikat))}</span>'
    if angka is not None and not angka.final:
        html += (
            f'<br><span class="badge badge-status-{escape(str(angka.status))}" title="Data belum disetujui">'
            f"{escape(str(angka.status_label))}</span>"
        )
    return html


@register.simple_tag
def capaian(c, angka=None):
    """The value (or why it has none), its predikat, and a badge when its data is not yet final."""
    return mark_safe(_capaian_html(c, angka))


def _angka(value) -> str:
    return escape(format_angka(value)) or "—"


@register.simple_tag
def sel_kuartal(item):
    """The twelve cells of an indicator's quarters on the dashboard: target, realisasi and capaian of
    TW I–IV (the same figures and markup as three cells per quarter, in one tag for speed)."""
    return mark_safe(
        "".join(
            f'<td class="num">{_angka(q.target)}</td><td class="num">{_angka(q.realisasi)}</td>'
            f'<td class="num" data-figure="capaian-tw{q.sampai}">{_capaian_html(q.capaian, q)}</td>'
            for q in item.kuartal
        )
    )


@register.simple_tag
def sel_isian(row, tw):
    """The four figure cells of an entry page row: target of the quarter, capaian of the quarter, capaian
    s.d. the quarter and progress toward the annual target (one tag: 40 rows × 4 cells of template lookups
    were a large share of the page, make bench)."""
    label = escape(str(tw))
    cells = (
        ("Target", "", _angka(row.angka_tw.target)),
        ("Capaian", ' data-figure="capaian-tw"', _capaian_html(row.angka_tw.capaian)),
        ("Capaian s.d.", ' data-figure="capaian-sd"', _capaian_html(row.angka_sd.capaian)),
    )
    html = "".join(
        f'<td class="num sel-ringkas" data-label="{name} {label}"{attr}>{text}</td>' for name, attr, text in cells
    )
    return mark_safe(
        html
        + '<td class="num sel-ringkas" data-label="Progres tahunan" data-figure="progres">'
        + _capaian_html(row.progres.capaian)
        + "</td>"
    )


@register.simple_tag
def pk_url(name, kecamatan_id, tahun, jabatan, *args):
    """The URL of a PK page of the Camat's PK (`jabatan` empty) or of a position's cascading PK (PK berjenjang):
    `{% pk_url 'sasaran_ubah' kecamatan.pk tahun jabatan sasaran.pk %}`."""
    from django.urls import reverse

    if jabatan:
        return reverse(f"kinerja:{name}_jabatan", args=[kecamatan_id, tahun, getattr(jabatan, "pk", jabatan), *args])
    return reverse(f"kinerja:{name}", args=[kecamatan_id, tahun, *args])
