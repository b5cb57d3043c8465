"""Pages of the AKIP evaluation. Thin: rules in evaluasi/services.py and evaluasi/nilai.py, reads in
evaluasi/selectors.py, the LHE in evaluasi/lhe.py, the kabupaten view in evaluasi/rekap.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from evaluasi import lhe, selectors, services
from evaluasi import rekap as rekap_module
from evaluasi.forms import (
    BukaForm,
    BuktiForm,
    KembalikanForm,
    RekomendasiForm,
    SuratLheForm,
    TandaTanganForm,
    TemuanForm,
    TindakLanjutForm,
)
from evaluasi.models import Evaluasi, Jawaban, TindakLanjut
from evaluasi.services import EvaluasiError
from laporan import penanda
from sakip import params, permissions, unduhan, uploads
from sakip.errors import tampilkan


def _openable_kecamatan(user):
    return [
        k
        for k in permissions.visible_kecamatan(user).order_by("nama")
        if permissions.user_can(user, "evaluasi.buka", k)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    """The evaluations the user may see; the evaluator (or administrator) opens a year for a kecamatan."""
    openable = _openable_kecamatan(request.user)
    form = None
    if openable:
        ids = [k.pk for k in openable]
        form = BukaForm(
            request.POST or None,
            kecamatan_qs=permissions.visible_kecamatan(request.user).filter(pk__in=ids).order_by("nama"),
            initial={"tahun": timezone.localdate().year},
        )
        if request.method == "POST" and form.is_valid():
            try:
                created = services.evaluasi_buka(
                    user=request.user, kecamatan=form.cleaned_data["kecamatan"], tahun=form.cleaned_data["tahun"]
                )
            except EvaluasiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"{created} dibuka untuk penilaian mandiri.")
                return redirect("evaluasi:mandiri", created.pk)
    elif request.method == "POST":
        raise PermissionDenied("Hanya evaluator kabupaten yang membuka evaluasi.")
    daftar = list(selectors.visible(request.user).order_by("-tahun", "kecamatan__nama"))
    return render(
        request,
        "evaluasi/index.html",
        {"daftar": daftar, "form": form, "kabupaten": selectors.is_kabupaten_reader(request.user)},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_safe
def kriteria(request):
    """The criteria set of a year, read-only (the administrator loads it with `manage.py muat_kriteria_lke`)."""
    sets = list(selectors.kriteria_sets(request.user))
    tahun = request.GET.get("tahun", "")
    chosen = next((s for s in sets if str(s.tahun) == tahun), sets[0] if sets else None)
    tree = selectors.struktur(chosen.pk) if chosen else []
    return render(request, "evaluasi/kriteria.html", {"sets": sets, "kset": chosen, "komponen": tree})


def _isian(post, rows, fields) -> dict[int, dict]:
    """The answers posted for the criteria on the page: {jawaban id: {field: value}} for rows present."""
    result = {}
    for row in rows:
        if f"jawaban_{row.pk}" not in post:
            continue
        result[row.pk] = {f: post.get(f"{f}_{row.pk}", "") for f in fields}
    return result


def _komponen_dipilih(request, lembar):
    kode = request.GET.get("komponen") or request.POST.get("komponen") or ""
    return next((k for k in lembar.komponen if k.kode == kode), lembar.komponen[0] if lembar.komponen else None)


def _isi(lembar, posted, versi: str, dapat_diisi) -> None:
    """What each answer field shows: what was posted when the page comes back refused, else the stored
    answer; and whether the row may be changed."""
    for kb in lembar.komponen:
        for sb in kb.sub_list:
            for c in sb.kriteria_list:
                j = c.jawaban
                prefix = "mandiri_" if versi == "mandiri" else "evaluator_"
                stored = {
                    "jawaban": getattr(j, versi),
                    "catatan": getattr(j, prefix + "catatan"),
                    "tautan": j.mandiri_tautan,
                }
                if posted is not None and f"jawaban_{j.pk}" in posted:
                    stored = {f: posted.get(f"{f}_{j.pk}", "") for f in stored}
                c.isi = stored
                c.dapat_diisi = dapat_diisi(j)


def _mandiri_page(request, evaluasi, *, status: int = 200) -> HttpResponse:
    """The self-assessment page: read on a GET, shown again with the typed input by an action that refused it."""
    can_fill = permissions.user_can(request.user, "evaluasi.isi_mandiri", evaluasi)
    lembar = selectors.lembar(evaluasi)
    editable_all = can_fill and evaluasi.status == Evaluasi.Status.MANDIRI
    returned_ok = can_fill and evaluasi.status == Evaluasi.Status.DINILAI
    posted = request.POST if status == 400 else None
    _isi(lembar, posted, "mandiri", lambda j: editable_all or (returned_ok and j.dikembalikan))
    return render(
        request,
        "evaluasi/mandiri.html",
        {
            "evaluasi": evaluasi,
            "lembar": lembar,
            "komponen": _komponen_dipilih(request, lembar),
            "can_fill": can_fill,
            "editable_all": editable_all,
            "can_fill_returned": returned_ok,
            "kabupaten": selectors.is_kabupaten_reader(request.user),
        },
        status=status,
    )


@login_required
@require_safe
def mandiri(request, pk: int):
    """The kecamatan's self-assessment, one component at a time: criteria, the app's proposal with its
    evidence, the answer, a note, a link and uploaded evidence. Each change has its own URL below."""
    return _mandiri_page(request, selectors.get_or_404(request.user, pk))


def _mandiri_action(request, pk: int, action) -> HttpResponse:
    """Run one change of the self-assessment by those who fill it; back to the component on success, the page
    with the typed input (400) on a refusal."""
    evaluasi = selectors.get_or_404(request.user, pk)
    permissions.check_user_can(request.user, "evaluasi.isi_mandiri", evaluasi)
    try:
        response = action(evaluasi)
    except (EvaluasiError, uploads.UploadRefused) as error:
        tampilkan(request, error)
        evaluasi.refresh_from_db()
        return _mandiri_page(request, evaluasi, status=400)
    return response or redirect(
        f"{reverse('evaluasi:mandiri', args=[evaluasi.pk])}?komponen={request.POST.get('komponen', '')}"
    )


def _jawaban_or_404(request, evaluasi) -> Jawaban:
    jawaban_id = params.int_param(request.POST.get("jawaban"), field="jawaban")
    jawaban = Jawaban.objects.filter(evaluasi=evaluasi, pk=jawaban_id).first()
    if jawaban is None:
        raise Http404("Kriteria tidak ditemukan.")
    return jawaban


@login_required
@require_POST
def mandiri_simpan(request, pk: int):
    def simpan(evaluasi):
        rows = Jawaban.objects.filter(evaluasi=evaluasi).only("pk")
        n = services.jawaban_mandiri_simpan(
            user=request.user, evaluasi=evaluasi, isian=_isian(request.POST, rows, ("jawaban", "catatan", "tautan"))
        )
        messages.success(request, f"Penilaian mandiri disimpan ({n} kriteria berubah).")

    return _mandiri_action(request, pk, simpan)


@login_required
@require_POST
def mandiri_unggah(request, pk: int):
    def unggah(evaluasi):
        jawaban = _jawaban_or_404(request, evaluasi)
        bukti_form = BuktiForm(request.POST, request.FILES)
        if not bukti_form.is_valid():
            raise EvaluasiError("Pilih berkas bukti yang akan diunggah.")
        services.bukti_unggah(user=request.user, jawaban=jawaban, berkas=bukti_form.cleaned_data["berkas"])
        messages.success(request, "Bukti diunggah.")

    return _mandiri_action(request, pk, unggah)


@login_required
@require_POST
def mandiri_ajukan(request, pk: int):
    def ajukan(evaluasi):
        services.mandiri_ajukan(user=request.user, evaluasi=evaluasi)
        messages.success(request, "Penilaian mandiri diajukan kepada evaluator.")
        return redirect("evaluasi:mandiri", evaluasi.pk)

    return _mandiri_action(request, pk, ajukan)


def _kabupaten_only(user, evaluasi):
    if not selectors.is_kabupaten_reader(user):
        raise PermissionDenied("Halaman penilaian evaluator hanya untuk evaluator dan administrator kabupaten.")


def _penilaian_page(request, evaluasi, *, status: int = 200) -> HttpResponse:
    """The scoring page: read on a GET, shown again with the typed scores by an action that refused them."""
    can_score = permissions.user_can(request.user, "evaluasi.nilai", evaluasi)
    lembar = selectors.lembar(evaluasi)
    scoring = can_score and evaluasi.status == Evaluasi.Status.DINILAI
    _isi(lembar, request.POST if status == 400 else None, "evaluator", lambda j: scoring)
    return render(
        request,
        "evaluasi/penilaian.html",
        {
            "evaluasi": evaluasi,
            "lembar": lembar,
            "komponen": _komponen_dipilih(request, lembar),
            "can_score": scoring,
        },
        status=status,
    )


@login_required
@require_safe
def penilaian(request, pk: int):
    """The evaluator's scoring: the kecamatan's answer and the evaluator's side by side, per component;
    one answer may be returned to the kecamatan with a reason (each act has its own URL below)."""
    evaluasi = selectors.get_or_404(request.user, pk)
    _kabupaten_only(request.user, evaluasi)
    return _penilaian_page(request, evaluasi)


def _penilaian_action(request, pk: int, action) -> HttpResponse:
    """Run one act of the evaluator's scoring; back to the component on success, the page with the typed
    scores (400) on a refusal."""
    evaluasi = selectors.get_or_404(request.user, pk)
    _kabupaten_only(request.user, evaluasi)
    permissions.check_user_can(request.user, "evaluasi.nilai", evaluasi)
    try:
        action(evaluasi)
    except EvaluasiError as error:
        tampilkan(request, error)
        evaluasi.refresh_from_db()
        return _penilaian_page(request, evaluasi, status=400)
    return redirect(f"{reverse('evaluasi:penilaian', args=[evaluasi.pk])}?komponen={request.POST.get('komponen', '')}")


@login_required
@require_POST
def penilaian_nilai(request, pk: int):
    def nilai(evaluasi):
        rows = Jawaban.objects.filter(evaluasi=evaluasi).only("pk")
        n = services.jawaban_evaluator_simpan(
            user=request.user, evaluasi=evaluasi, isian=_isian(request.POST, rows, ("jawaban", "catatan"))
        )
        messages.success(request, f"Penilaian disimpan ({n} kriteria berubah).")

    return _penilaian_action(request, pk, nilai)


@login_required
@require_POST
def penilaian_kembalikan(request, pk: int):
    def kembalikan(evaluasi):
        jawaban = _jawaban_or_404(request, evaluasi)
        form = KembalikanForm(request.POST)
        if not form.is_valid():
            raise EvaluasiError("Alasan pengembalian wajib diisi.")
        services.jawaban_kembalikan(user=request.user, jawaban=jawaban, alasan=form.cleaned_data["alasan"])
        messages.success(request, "Jawaban dikembalikan kepada kecamatan dengan alasan Anda.")

    return _penilaian_action(request, pk, kembalikan)


def _surat_initial(evaluasi) -> dict:
    return {
        "nomor": evaluasi.surat_nomor,
        "sifat": evaluasi.surat_sifat,
        "lampiran": evaluasi.surat_lampiran,
        "tembusan": evaluasi.surat_tembusan,
    }


def _hasil_page(request, evaluasi, *, status: int = 200, **forms) -> HttpResponse:
    """The result page: read on a GET, shown again by an action that refused its form (that form bound, with
    its errors and the typed input; the others fresh)."""
    can_score = permissions.user_can(request.user, "evaluasi.nilai", evaluasi)
    editable = can_score and evaluasi.status == Evaluasi.Status.DINILAI
    forms.setdefault("temuan_form", TemuanForm(initial={"temuan": evaluasi.temuan}))
    forms.setdefault("rekomendasi_form", RekomendasiForm(evaluasi=evaluasi))
    forms.setdefault("sign_form", TandaTanganForm(bsre=penanda.bersertifikat(evaluasi.kecamatan)))
    forms.setdefault("surat_form", SuratLheForm(initial=_surat_initial(evaluasi)))
    tree = selectors.struktur(evaluasi.kriteria_set_id)
    answers = selectors.jawaban_of(evaluasi)
    signed = evaluasi.status == Evaluasi.Status.DITANDATANGANI
    # The evaluator's figures are the kecamatan's to read once signed; before that they read their own.
    show_evaluator = signed or selectors.is_kabupaten_reader(request.user)
    naskah = getattr(evaluasi, "naskah", None) if not signed else None
    return render(
        request,
        "evaluasi/hasil.html",
        {
            "evaluasi": evaluasi,
            "hasil_mandiri": selectors.hasil(evaluasi, versi="mandiri", tree=tree, jawaban=answers),
            "hasil": selectors.hasil(evaluasi, versi="evaluator", tree=tree, jawaban=answers)
            if show_evaluator
            else None,
            "rekomendasi": selectors.rekomendasi_of(evaluasi),
            "editable": editable,
            **forms,
            "naskah": naskah,
            "belum_dapat_disusun": services.alasan_belum_dapat_disusun(evaluasi) if editable else [],
            "dokumen": evaluasi.laporan.dokumen if signed and evaluasi.laporan_id else None,
            "can_pdf": signed or selectors.is_kabupaten_reader(request.user),
        },
        status=status,
    )


@login_required
@require_safe
def hasil(request, pk: int):
    """The result (nilai per component, total, predikat), the findings and recommendations, the LHE; each
    change has its own URL below."""
    return _hasil_page(request, selectors.get_or_404(request.user, pk))


def _hasil_action(request, pk: int, action, *, form_name: str = "", make_form=None) -> HttpResponse:
    """Run one act of the evaluator on the result: `make_form(evaluasi)` binds the posted form (kept, with its
    errors, on the page shown again when refused), `action(evaluasi, form)` does the act."""
    evaluasi = selectors.get_or_404(request.user, pk)
    permissions.check_user_can(request.user, "evaluasi.nilai", evaluasi)
    form = make_form(evaluasi) if make_form else None
    try:
        action(evaluasi, form)
    except EvaluasiError as error:
        tampilkan(request, error)
        if form_name == "sign_form" and "password" in error.errors:
            form.add_error("password", error.errors["password"])
        evaluasi.refresh_from_db()
        forms = {form_name: form} if form_name else {}
        return _hasil_page(request, evaluasi, status=400, **forms)
    return redirect("evaluasi:hasil", evaluasi.pk)


@login_required
@require_POST
def hasil_temuan(request, pk: int):
    def temuan(evaluasi, form):
        if not form.is_valid():
            raise EvaluasiError("Periksa isian temuan.")
        services.temuan_simpan(user=request.user, evaluasi=evaluasi, temuan=form.cleaned_data["temuan"])
        messages.success(request, "Temuan disimpan.")

    return _hasil_action(request, pk, temuan, form_name="temuan_form", make_form=lambda e: TemuanForm(request.POST))


@login_required
@require_POST
def hasil_rekomendasi(request, pk: int):
    def rekomendasi(evaluasi, form):
        if not form.is_valid():
            raise EvaluasiError("Periksa isian rekomendasi.")
        services.rekomendasi_simpan(user=request.user, evaluasi=evaluasi, **form.cleaned_data)
        messages.success(request, "Rekomendasi disimpan.")

    return _hasil_action(
        request,
        pk,
        rekomendasi,
        form_name="rekomendasi_form",
        make_form=lambda e: RekomendasiForm(request.POST, evaluasi=e),
    )


@login_required
@require_POST
def hasil_rekomendasi_hapus(request, pk: int, rekomendasi_id: int):
    def hapus(evaluasi, form):
        item = TindakLanjut.objects.filter(evaluasi=evaluasi, pk=rekomendasi_id).first()
        if item is None:
            raise Http404("Rekomendasi tidak ditemukan.")
        services.rekomendasi_hapus(user=request.user, item=item)
        messages.success(request, "Rekomendasi dihapus.")

    return _hasil_action(request, pk, hapus)


@login_required
@require_POST
def hasil_surat(request, pk: int):
    def surat(evaluasi, form):
        if not form.is_valid():
            raise EvaluasiError("Periksa isian kepala surat LHE.")
        services.lhe_surat_simpan(user=request.user, evaluasi=evaluasi, **form.cleaned_data)
        messages.success(request, "Kepala surat LHE disimpan.")

    return _hasil_action(request, pk, surat, form_name="surat_form", make_form=lambda e: SuratLheForm(request.POST))


@login_required
@require_POST
def hasil_susun(request, pk: int):
    def susun(evaluasi, form):
        services.lhe_susun(user=request.user, evaluasi=evaluasi)
        messages.success(request, "Naskah LHE disusun. Baca PDF-nya sebelum menandatangani.")

    return _hasil_action(request, pk, susun)


@login_required
@require_POST
def hasil_tandatangani(request, pk: int):
    def tandatangani(evaluasi, form):
        if not form.is_valid():
            raise EvaluasiError(form.fields["password"].error_messages["required"])
        services.lhe_tandatangani(user=request.user, evaluasi=evaluasi, password=form.cleaned_data["password"])
        messages.success(request, "LHE ditandatangani. Rekomendasi kini menjadi tindak lanjut kecamatan.")

    return _hasil_action(
        request,
        pk,
        tandatangani,
        form_name="sign_form",
        make_form=lambda e: TandaTanganForm(request.POST, bsre=penanda.bersertifikat(e.kecamatan)),
    )


@login_required
@require_safe
def lhe_pdf(request, pk: int):
    """The signed LHE as signed; before signing (kabupaten only) the rendered naskah, else a DRAF preview."""
    evaluasi = selectors.get_or_404(request.user, pk)
    if evaluasi.status == Evaluasi.Status.DITANDATANGANI and evaluasi.laporan_id:
        content = bytes(evaluasi.laporan.dokumen.pdf)
    else:
        _kabupaten_only(request.user, evaluasi)
        naskah = getattr(evaluasi, "naskah", None)
        content = bytes(naskah.pdf) if naskah is not None else lhe.render_preview(evaluasi)
    response = HttpResponse(content, content_type="application/pdf")
    unduhan.as_attachment(
        response, unduhan.download_name("lhe-akip", evaluasi.kecamatan.nama, evaluasi.tahun, ext="pdf")
    )
    return response


@login_required
@require_safe
def bukti_unduh(request, pk: int):
    bukti = selectors.get_bukti_or_404(request.user, pk)
    return uploads.attachment_response(bukti.berkas, filename=bukti.nama_asli, content_type=bukti.jenis_isi)


@login_required
@require_http_methods(["GET", "POST"])
def tindak_lanjut(request, pk: int):
    item = permissions.get_visible_or_404(
        request.user,
        TindakLanjut.objects.select_related("evaluasi__kecamatan", "pemilik", "komponen", "diselesaikan_oleh"),
        pk=pk,
    )
    can_update = services.user_can_tindak_lanjut(request.user, item)
    form = TindakLanjutForm(initial={"catatan": item.catatan, "selesai": item.status == TindakLanjut.Status.SELESAI})
    status = 200
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied("Anda tidak berwenang memperbarui tindak lanjut ini.")
        form = TindakLanjutForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.tindak_lanjut_perbarui(
                    user=request.user,
                    item=item,
                    catatan=form.cleaned_data["catatan"],
                    selesai=form.cleaned_data["selesai"],
                    berkas=form.cleaned_data["berkas"],
                )
            except (EvaluasiError, uploads.UploadRefused) as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Tindak lanjut disimpan.")
                return redirect("evaluasi:tindak_lanjut", item.pk)
        status = 400
    return render(
        request, "evaluasi/tindak_lanjut.html", {"item": item, "form": form, "can_update": can_update}, status=status
    )


def _rekap_or_403(request):
    if not selectors.is_kabupaten_reader(request.user):
        raise PermissionDenied("Rekap evaluasi hanya untuk evaluator dan administrator kabupaten.")
    return rekap_module.rekap(request.user, tahun=request.GET.get("tahun"), urut=request.GET.get("urut", ""))


@login_required
@require_safe
def rekap(request):
    """Every kecamatan's nilai and predikat for a year, per component, with the change from the year before."""
    return render(request, "evaluasi/rekap.html", {"rekap": _rekap_or_403(request)})


@login_required
@require_safe
def rekap_xlsx(request):
    data = _rekap_or_403(request)
    response = HttpResponse(
        rekap_module.workbook(data), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    unduhan.as_attachment(response, unduhan.download_name("rekap-evaluasi-akip", data.tahun, ext="xlsx"))
    return response


@login_required
@require_safe
def rekap_pdf(request):
    data = _rekap_or_403(request)
    response = HttpResponse(rekap_module.pdf(data), content_type="application/pdf")
    unduhan.as_attachment(response, unduhan.download_name("rekap-evaluasi-akip", data.tahun, ext="pdf"))
    return response
