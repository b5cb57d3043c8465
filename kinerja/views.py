"""Views of the quarterly data: index, entry page, quarter status and transitions, evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja import alur_triwulan, gates, pengukuran, selectors
from kinerja.models import BuktiDukung, Indikator, Triwulan
from kinerja.services import KinerjaError
from kinerja.services import realisasi as realisasi_services
from kinerja.services import triwulan as triwulan_services
from kinerja.services import usulan as usulan_services
from sakip import params, permissions, uploads
from sakip.errors import Penolakan
from sakip.formatting import format_tanggal
from sakip.models import Unit

ENTRY_ROLES_SEE_ALL = permissions.ALL_INDICATORS_ROLES


def _kecamatan(user, kecamatan_id: int) -> Unit:
    kecamatan = permissions.visible_kecamatan(user).filter(pk=kecamatan_id).first()
    if kecamatan is None:
        raise Http404("Kecamatan tidak ditemukan.")
    return kecamatan


def _quarter(user, kecamatan_id: int, tahun: int, triwulan: int) -> Triwulan:
    kecamatan = _kecamatan(user, kecamatan_id)
    if triwulan not in (1, 2, 3, 4) or not 2000 <= tahun <= 2100:
        raise Http404("Periode tidak dikenal.")
    # Reading never writes: a quarter never opened is an unsaved draft until its first change.
    return triwulan_services.triwulan_baca(kecamatan=kecamatan, tahun=tahun, triwulan=triwulan)


@login_required
@require_safe
def index(request):
    visible = list(permissions.visible_kecamatan(request.user).order_by("nama"))
    if not visible:
        raise PermissionDenied("Anda tidak memiliki kecamatan.")
    chosen = visible[0]
    if request.GET.get("kecamatan"):
        chosen = next((k for k in visible if str(k.pk) == request.GET["kecamatan"]), None)
        if chosen is None:
            raise Http404("Kecamatan tidak ditemukan.")
    year = timezone.localdate().year
    existing = {(q.tahun, q.triwulan): q for q in selectors.quarters_of(request.user, chosen)}
    years = sorted({year, year - 1} | {t for t, _ in existing}, reverse=True)
    grid = [
        {"tahun": y, "quarters": [{"triwulan": t, "obj": existing.get((y, t))} for t in (1, 2, 3, 4)]} for y in years
    ]
    enters = permissions.user_can(request.user, "kinerja.enter_realisasi", chosen)
    decides = any(
        permissions.user_can(request.user, action, chosen)
        for action in ("kinerja.submit_quarter", "kinerja.verify_quarter", "kinerja.approve_quarter")
    )
    purposes = (
        ["melihat datanya"] + (["mengisi realisasi"] if enters else []) + (["memproses persetujuan"] if decides else [])
    )
    caption = (
        "Status data triwulan. Pilih triwulan untuk "
        + ", ".join(purposes[:-1])
        + (f" atau {purposes[-1]}." if len(purposes) > 1 else f"{purposes[0]}.")
    )
    return render(
        request,
        "kinerja/index.html",
        {
            "kecamatan": chosen,
            "kecamatan_list": visible if len(visible) > 1 else [],
            "grid": grid,
            "caption": caption,
        },
    )


def _entries_from_post(post, rows) -> list[realisasi_services.Entri]:
    entries = []
    for row in rows:
        if not row.editable:
            continue
        pk = row.indikator.pk
        if f"nilai-{pk}" not in post:
            continue
        try:
            versi = int(post.get(f"versi-{pk}", "0"))
        except ValueError:
            versi = -1
        entries.append(
            realisasi_services.Entri(
                indikator_id=pk,
                nilai=post.get(f"nilai-{pk}", ""),
                catatan=post.get(f"catatan-{pk}", ""),
                hambatan=post.get(f"hambatan-{pk}", ""),
                upaya=post.get(f"upaya-{pk}", ""),
                versi=versi,
                konfirmasi=post.get(f"konfirmasi-{pk}") == "1",
                tidak_ada_kegiatan=post.get(f"tak-{pk}") == "1",
                alasan_tidak_ada_kegiatan=post.get(f"alasan_tak-{pk}", ""),
            )
        )
    return entries


@login_required
@require_http_methods(["GET", "POST"])
def entry(request, kecamatan_id: int, tahun: int, triwulan: int):
    quarter = _quarter(request.user, kecamatan_id, tahun, triwulan)
    only_mine = not permissions.user_enters_all_indicators(request.user, quarter.kecamatan) and permissions.user_can(
        request.user, "kinerja.enter_realisasi", quarter
    )
    rows = selectors.entry_rows(request.user, quarter, only_mine=only_mine)
    errors, typed = {}, {}
    if request.method == "POST":
        if not permissions.user_can(request.user, "kinerja.enter_realisasi", quarter):
            raise PermissionDenied("Anda tidak berwenang mengisi realisasi.")
        entries = _entries_from_post(request.POST, rows)
        try:
            changed = realisasi_services.realisasi_simpan(user=request.user, quarter=quarter, entries=entries)
        except KinerjaError as error:
            messages.error(request, error.message)
            errors = error.errors
            typed = {e.indikator_id: e for e in entries}
        else:
            messages.success(request, f"Realisasi tersimpan ({changed} indikator berubah).")
            return redirect(request.path)
    return _entry_page(request, quarter, rows, errors=errors, typed=typed)


def _entry_page(request, quarter: Triwulan, rows, *, errors=None, typed=None, typed_usulan=None, status=200):
    errors, typed, typed_usulan = errors or {}, typed or {}, typed_usulan or {}
    for row in rows:
        row.errors = selectors.Galat(errors.get(row.indikator.pk, {}))
        row.typed = typed.get(row.indikator.pk)
        row.typed_usulan = selectors.Galat(typed_usulan.get(row.indikator.pk, {}))
    return render(
        request,
        "kinerja/entry.html",
        {
            "quarter": quarter,
            "rows": rows,
            "any_editable": any(r.editable for r in rows),
            "late": timezone.localdate() > quarter.batas_akhir,
        },
        status=status,
    )


def _usulan(request, kecamatan_id: int, tahun: int, triwulan: int, indikator_id: int, *, ganti: bool):
    """Decide the app's proposal of a computed indicator (entry page) by who may enter the indicator: back to the
    entry page on success, the page with what was typed (400) on a refusal."""
    quarter = _quarter(request.user, kecamatan_id, tahun, triwulan)
    indikator = permissions.get_visible_or_404(
        request.user,
        Indikator.objects.select_related("penanggung_jawab", "sasaran__perjanjian"),
        pk=indikator_id,
        kecamatan_id=quarter.kecamatan_id,
        tahun=tahun,
    )
    unit_id = indikator.penanggung_jawab.unit_id if indikator.penanggung_jawab_id else None
    if not permissions.user_can_enter_realisasi(request.user, indikator, unit_id):
        raise PermissionDenied(f'Anda tidak berwenang mengisi indikator "{indikator.uraian}".')
    pk = indikator.pk
    typed = {
        "pengganti": request.POST.get(f"pengganti-{pk}", ""),
        "alasan_ganti": request.POST.get(f"alasan_ganti-{pk}", ""),
    }
    try:
        usulan_services.usulan_putuskan(
            user=request.user,
            quarter=quarter,
            indikator=indikator,
            dilihat=request.POST.get(f"dilihat-{pk}", ""),
            ganti=ganti,
            nilai_pengganti=typed["pengganti"],
            alasan=typed["alasan_ganti"],
        )
    except KinerjaError as error:
        messages.error(request, error.message)
        quarter = _quarter(request.user, kecamatan_id, tahun, triwulan)
        only_mine = not permissions.user_enters_all_indicators(request.user, quarter.kecamatan)
        rows = selectors.entry_rows(request.user, quarter, only_mine=only_mine)
        return _entry_page(
            request,
            quarter,
            rows,
            errors={pk: error.errors},
            typed_usulan={pk: {**typed, "ganti": ganti}},
            status=400,
        )
    done = "diganti dengan nilai Anda; alasan tercatat" if ganti else "dikonfirmasi"
    messages.success(request, f'Usulan aplikasi untuk "{indikator.uraian}" {done}. Bukti perhitungan terlampir.')
    return redirect("kinerja:entry", kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan)


@login_required
@require_POST
def usulan_konfirmasi(request, kecamatan_id: int, tahun: int, triwulan: int, indikator_id: int):
    """ "Konfirmasi": the app's proposal of a computed indicator becomes its realisation."""
    return _usulan(request, kecamatan_id, tahun, triwulan, indikator_id, ganti=False)


@login_required
@require_POST
def usulan_ganti(request, kecamatan_id: int, tahun: int, triwulan: int, indikator_id: int):
    """ "Ganti dengan alasan": a value of one's own instead of the app's proposal, with the reason."""
    return _usulan(request, kecamatan_id, tahun, triwulan, indikator_id, ganti=True)


# What an action does, seen in its button: moving the data on (green), sending it back (red outline),
# unlocking it (amber outline), so "Verifikasi" and "Kembalikan" never look alike.
def _tombol(t) -> str:
    if t.maju:
        return "btn-success"
    return "btn-outline-warning" if t.dari == Triwulan.Status.DISETUJUI else "btn-outline-danger"


def _triwulan_page(request, quarter: Triwulan, *, typed: dict | None = None, status: int = 200):
    """The quarter page: status, figures, history and the actions with what each gate says now."""
    user = request.user
    typed = typed or {}
    rows = selectors.entry_rows(user, quarter, only_mine=False, berjenjang_sendiri=False)  # the Camat's PK
    ukuran = pengukuran.ukur_kecamatan(quarter.kecamatan, quarter.tahun)
    actions = []

    nama = gates.label(quarter)
    # The buttons: the transitions of the table (kinerja/alur_triwulan.py) from this status that the person may do.
    for t in alur_triwulan.dari(quarter.status):
        if not permissions.user_can(user, t.izin, quarter):
            continue
        early = t.alasan == alur_triwulan.WAJIB_BILA_DINI and gates.persetujuan_dini(quarter)
        if t.alasan == alur_triwulan.WAJIB_BILA_DINI:
            akhir = format_tanggal(gates.akhir_triwulan(quarter.tahun, quarter.triwulan))
            reason_label = (
                f"Alasan menyetujui sebelum triwulan berakhir ({akhir}) — wajib"
                if early
                else "Catatan persetujuan (opsional)"
            )
        else:
            reason_label = f"Alasan ({t.label.lower()})"
        actions.append(
            {
                "name": t.nama,
                "label": t.label,
                "tombol": _tombol(t),
                "consequence": t.akibat.format(nama=nama),
                "needs_reason": t.alasan == alur_triwulan.WAJIB or early,
                "optional_reason": t.alasan in (alur_triwulan.OPSIONAL, alur_triwulan.WAJIB_BILA_DINI) and not early,
                "reason_label": reason_label,
                "blocked": triwulan_services.hambatan(user, quarter, t, ukuran=ukuran),
                "typed": typed.get(t.nama, ""),
            }
        )
    return render(
        request,
        "kinerja/triwulan.html",
        {
            "quarter": quarter,
            "riwayat": quarter.riwayat.select_related("oleh") if quarter.pk else [],
            "actions": actions,
            "rows": rows,
            "belum_dilaporkan": gates.indikator_belum_dilaporkan(quarter, ukuran),
            "jumlah_indikator": len(ukuran.indikator),
        },
        status=status,
    )


@login_required
@require_safe
def triwulan_detail(request, kecamatan_id: int, tahun: int, triwulan: int):
    quarter = _quarter(request.user, kecamatan_id, tahun, triwulan)
    return _triwulan_page(request, quarter)


@login_required
@require_POST
def triwulan_transition(request, kecamatan_id: int, tahun: int, triwulan: int, action: str):
    quarter = _quarter(request.user, kecamatan_id, tahun, triwulan)
    if action not in alur_triwulan.TRANSISI:
        raise Http404("Tindakan tidak dikenal.")
    alasan = request.POST.get("alasan", "")
    try:
        quarter = triwulan_services.triwulan_lakukan(user=request.user, quarter=quarter, nama=action, alasan=alasan)
    except Penolakan as error:  # the quarter's own refusals and the separation of duties alike
        messages.error(request, error.message)
        # The typed reason stays on the page (no lost words).
        quarter = _quarter(request.user, kecamatan_id, tahun, triwulan)
        return _triwulan_page(request, quarter, typed={action: alasan})
    messages.success(request, f"Status {quarter} sekarang: {quarter.get_status_display()}.")
    return redirect("kinerja:triwulan", kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan)


@login_required
@require_http_methods(["GET", "POST"])
def bukti(request, kecamatan_id: int, tahun: int, triwulan: int, indikator_id: int):
    quarter = _quarter(request.user, kecamatan_id, tahun, triwulan)
    indikator = permissions.get_visible_or_404(
        request.user,
        Indikator.objects.select_related("penanggung_jawab", "sasaran"),
        pk=indikator_id,
        kecamatan_id=quarter.kecamatan_id,
        tahun=tahun,
    )
    if request.method == "POST":
        try:
            if request.POST.get("hapus"):
                item = (
                    BuktiDukung.objects.select_related("realisasi__indikator__penanggung_jawab")
                    # Only files of this page's own quarter: an id of another quarter's file is not found.
                    .filter(
                        realisasi__indikator=indikator,
                        realisasi__triwulan=quarter.triwulan,
                        pk=params.int_param(request.POST["hapus"], field="hapus"),
                    )
                    .first()
                )
                if item is None:
                    raise Http404("Bukti tidak ditemukan.")
                realisasi_services.bukti_hapus(user=request.user, bukti=item, quarter=quarter)
                messages.success(request, "Bukti dukung dihapus.")
            else:
                upload = request.FILES.get("berkas")
                if upload is None:
                    raise KinerjaError("Pilih berkas bukti dukung yang akan diunggah.")
                realisasi_services.bukti_unggah(user=request.user, quarter=quarter, indikator=indikator, berkas=upload)
                messages.success(request, f'Bukti dukung "{upload.name}" tersimpan.')
        except KinerjaError as error:
            messages.error(request, error.message)
        return redirect(request.path)
    unit_id = indikator.penanggung_jawab.unit_id if indikator.penanggung_jawab_id else None
    items = BuktiDukung.objects.filter(realisasi__indikator=indikator, realisasi__triwulan=triwulan).select_related(
        "diunggah_oleh"
    )
    return render(
        request,
        "kinerja/bukti.html",
        {
            "quarter": quarter,
            "indikator": indikator,
            "items": items,
            "editable": quarter.status == Triwulan.Status.DRAFT
            and permissions.user_can_enter_realisasi(request.user, indikator, unit_id),
            "entry_url": reverse("kinerja:entry", args=[kecamatan_id, tahun, triwulan]),
        },
    )


@login_required
@require_safe
def bukti_unduh(request, pk: int):
    item = permissions.get_visible_or_404(request.user, BuktiDukung.objects.all(), pk=pk)
    return uploads.attachment_response(item.berkas, filename=item.nama_asli, content_type=item.jenis_isi)
