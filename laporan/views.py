"""Report pages: list, preview and edit, submit, sign, download; the public verification page."""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from laporan import alur, batas, documents, gates, pdf, penanda, penyusunan, reviu, selectors, services, xlsx
from laporan.forms import (
    BuatLaporanForm,
    KembalikanForm,
    NarasiForm,
    PerubahanForm,
    PihakKeduaForm,
    TandaTanganForm,
    VerifikasiUnggahForm,
)
from laporan.models import Report, Reviu, SignedDocument
from sakip import params, permissions, publik, unduhan, uploads
from sakip.roles import KABUPATEN_ROLES

VERIFY_LIMIT = 30  # requests per IP per window on the public page
VERIFY_WINDOW = 600  # seconds


def _errors(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for msgs in error.message_dict.values() for m in msgs]
    return error.messages


def _editable_kecamatan(user):
    return [k for k in permissions.visible_kecamatan(user) if permissions.user_can(user, "laporan.edit", k)]


def _usulan_laporan(request, kecamatan: list) -> dict:
    """The create form's proposal: what a link named (an SOP step's "Buka pekerjaan": kind, year, period), else
    the latest approved quarter of the kecamatan not yet reported, else this year and the quarter at hand."""
    from workflow.calendar import periode_berjalan

    tahun, triwulan = periode_berjalan(timezone.localdate())
    if kecamatan and (siap := selectors.triwulan_siap_dilaporkan(kecamatan[0])):
        tahun, triwulan = siap
    initial = {"kind": Report.Kind.TRIWULAN, "tahun": tahun, "periode": triwulan}
    kind = request.GET.get("kind")
    if kind in Report.Kind.values:
        initial["kind"] = kind
        initial["periode"] = None
    for key in ("tahun", "periode"):
        value = params.id_or_none(request.GET.get(key), minimum=0, maximum=params.YEAR_MAX)
        if value is not None:
            initial[key] = value
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    reports = selectors.visible_reports(request.user).order_by(
        "-tahun", "kecamatan__nama", "kind", "-periode", "-revisi"
    )
    kecamatan = _editable_kecamatan(request.user)
    form = None
    if kecamatan:
        choices = [(k.pk, str(k)) for k in kecamatan] if len(kecamatan) > 1 else None
        form = BuatLaporanForm(
            request.POST or None, kecamatan_choices=choices, initial=_usulan_laporan(request, kecamatan)
        )
        if request.method == "POST" and form.is_valid():
            unit = kecamatan[0]
            if choices:
                unit = next(k for k in kecamatan if str(k.pk) == form.cleaned_data["kecamatan"])
            try:
                report = services.buat_laporan(
                    user=request.user,
                    kecamatan=unit,
                    kind=form.cleaned_data["kind"],
                    tahun=form.cleaned_data["tahun"],
                    periode=form.cleaned_data["periode"] or 0,
                )
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
            else:
                messages.success(request, f"{report.judul} dibuat sebagai draf.")
                return redirect("laporan:detail", report.pk)
    elif request.method == "POST":
        raise PermissionDenied("Anda tidak berwenang menyusun laporan.")
    is_kabupaten = bool(permissions.all_roles(request.user) & KABUPATEN_ROLES) or request.user.is_superuser
    return render(
        request,
        "laporan/index.html",
        {"reports": reports, "form": form, "is_kabupaten": is_kabupaten, "kinds": Report.Kind.choices},
    )


def _detail_context(request, report, **forms):
    data = documents.build(report)
    ctx = pdf.context(report, data=data)
    if report.status in selectors.PUBLISHED and hasattr(report, "dokumen"):
        doc = report.dokumen
        ctx["ttd"] = {
            "tempat": report.kecamatan.nama,
            "tanggal": doc.ditandatangani_pada,
            "jabatan": doc.jabatan_penandatangan,
            "nama": doc.nama_penandatangan,
            "nip": doc.nip_penandatangan,
        }
    user = request.user
    can_edit = report.status == Report.Status.DRAFT and permissions.user_can(user, "laporan.edit", report)
    narasi_form = forms.get("narasi_form")
    if can_edit and narasi_form is None:
        narasi_form = NarasiForm(initial={**(report.narasi or {}), "versi": report.versi}, sections=data["sections"])
    can_submit = alur.boleh(user, report, "ajukan")
    can_delete = can_edit and not services.alasan_tidak_dapat_dihapus(user, report)
    can_sign = alur.boleh(user, report, "tandatangani")
    can_retry = report.status == Report.Status.DIAJUKAN and permissions.user_can(user, "laporan.submit", report)
    riwayat = list(report.riwayat.select_related("oleh"))
    return {
        "report": report,
        # Who the report goes to: the Camat, or for a position's PK its superior (laporan/pk_jabatan.py).
        "penanda": "atasan" if report.kind == Report.Kind.PK_JABATAN else "Camat",
        "body": pdf.render_body(report, ctx),
        "can_edit": can_edit,
        "can_submit": can_submit,
        "can_delete": can_delete,
        # The gates, read by the page to say why before anyone presses the button (laporan.gates).
        "submit_blocked": gates.alasan_tidak_dapat_diajukan(report) if can_submit else [],
        "quarters_blocked": bool(gates.triwulan_belum_disetujui(report)) if can_submit else False,
        "can_sign": can_sign,
        # The Inspektorat's review of an LKIP (laporan/reviu.py): its status and the way to it.
        "reviu_wajib": reviu.wajib(report),
        "reviu_terakhir": reviu.terakhir(report) if report.kind == Report.Kind.LKIP else None,
        "can_review": report.status == Report.Status.DIAJUKAN and permissions.user_can(user, "laporan.reviu", report),
        "naskah": selectors.naskah_diajukan(report) if report.status == Report.Status.DIAJUKAN else None,
        # The worker's rendering of the submitted file (laporan/penyusunan.py), followed by static/js/penyusunan.js.
        "penyusunan": penyusunan.keadaan(report),
        "can_retry": can_retry,
        "sign_blocked": gates.alasan_tidak_dapat_ditandatangani(report, user) if can_sign else [],
        "kembalikan_form": forms.get("kembalikan_form") or KembalikanForm(),
        "riwayat": riwayat,
        "pengembalian": riwayat[-1] if riwayat and riwayat[-1].pengembalian and report.dapat_diubah else None,
        # A position's PK is revised by its PK Perubahan, submitted again by the holder (laporan/alur.py).
        "can_revise": alur.boleh(user, report, "perubahan"),
        "can_download": selectors.can_download(user, report),
        "narasi_form": narasi_form if can_edit else None,
        "sign_form": forms.get("sign_form") or _sign_form(report),
        "perubahan_form": forms.get("perubahan_form") or PerubahanForm(),
        **_pihak_kedua_context(report, user, forms.get("pihak_kedua_form")),
        "revisions": Report.objects.filter(
            kecamatan_id=report.kecamatan_id,
            kind=report.kind,
            tahun=report.tahun,
            periode=report.periode,
            jabatan_id=report.jabatan_id,
        )
        .select_related("dokumen")
        .order_by("-revisi"),
    }


@login_required
@require_safe
def detail(request, pk: int):
    report = selectors.get_report_or_404(request.user, pk)
    return render(request, "laporan/detail.html", _detail_context(request, report))


@login_required
@require_POST
def narasi(request, pk: int):
    report = selectors.get_report_or_404(request.user, pk)
    permissions.check_user_can(request.user, "laporan.edit", report)
    sections = documents.section_keys(report, gates.sasaran_urutan(report))
    form = NarasiForm(request.POST, sections=sections)
    if form.is_valid():
        try:
            services.simpan_narasi(
                user=request.user,
                report_id=report.pk,
                narasi={key: form.cleaned_data[key] for key, _ in sections},
                versi=form.cleaned_data["versi"],
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, "Narasi laporan disimpan.")
            return redirect("laporan:detail", report.pk)
    return render(request, "laporan/detail.html", _detail_context(request, report, narasi_form=form), status=400)


def _simple_action(request, pk, action, done_message):
    report = selectors.get_report_or_404(request.user, pk)
    try:
        action(user=request.user, report_id=report.pk)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, done_message)
    return redirect("laporan:detail", report.pk)


@login_required
@require_POST
def hapus(request, pk: int):
    """Delete a stray first draft. Who may and which draft is the service's rule alone (laporan/services.py
    `hapus_draf`, `alasan_tidak_dapat_dihapus`): a person who does not edit reports is refused (403), any other
    refusal, e.g. another editor than the draft's author, is shown as its message on the report's page."""
    report = selectors.get_report_or_404(request.user, pk)
    try:
        judul = services.hapus_draf(user=request.user, report_id=report.pk)
    except services.LaporanError as error:
        messages.error(request, error.message)
        return redirect("laporan:detail", report.pk)
    messages.success(request, f"Draf {judul} dihapus.")
    return redirect("laporan:index")


@login_required
@require_POST
def ajukan(request, pk: int):
    """Submit; when the narrative form was posted with it (the "Ajukan" button of that form), what was typed is
    saved first, so nothing typed is lost whether or not the submission is then refused."""
    report = selectors.get_report_or_404(request.user, pk)
    if "versi" in request.POST and report.dapat_diubah and permissions.user_can(request.user, "laporan.edit", report):
        sections = documents.section_keys(report, gates.sasaran_urutan(report))
        form = NarasiForm(request.POST, sections=sections)
        saved = False
        if form.is_valid():
            try:
                services.simpan_narasi(
                    user=request.user,
                    report_id=report.pk,
                    narasi={key: form.cleaned_data[key] for key, _ in sections},
                    versi=form.cleaned_data["versi"],
                )
                saved = True
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
        if not saved:
            messages.error(request, "Narasi belum tersimpan dan laporan belum diajukan: periksa isian narasi.")
            return render(
                request, "laporan/detail.html", _detail_context(request, report, narasi_form=form), status=400
            )
        messages.success(request, "Narasi laporan disimpan.")
    return _simple_action(request, pk, services.ajukan, "Laporan diajukan kepada Camat untuk ditandatangani.")


@login_required
@require_safe
def naskah_status(request, pk: int):
    """Where the rendering of the submitted file stands, for the report page to follow without reloading
    (static/js/penyusunan.js): status, its label, seconds since it was asked for or started."""
    report = selectors.get_report_or_404(request.user, pk)
    keadaan = penyusunan.keadaan(report)
    if keadaan is None:
        return JsonResponse({"status": "tidak_ada"})
    now = timezone.now()
    return JsonResponse(
        {
            "status": keadaan.status,
            "label": keadaan.get_status_display(),
            "menunggu_detik": int((now - keadaan.diminta_pada).total_seconds()),
            "berjalan_detik": int((now - keadaan.mulai_pada).total_seconds()) if keadaan.mulai_pada else None,
        },
        headers={"Cache-Control": "no-store"},
    )


@login_required
@require_POST
def susun_ulang(request, pk: int):
    return _simple_action(request, pk, services.susun_ulang, "Naskah diantrekan untuk disusun ulang.")


def _pihak_kedua_context(report, user, form) -> dict:
    """A signed PK is complete only with the pihak kedua's signature: its record, or the form to record it."""
    if report.kind != Report.Kind.PK or report.status != Report.Status.DITANDATANGANI:
        return {}
    recorded = selectors.tanda_tangan_pihak_kedua(report)
    can_record = recorded is None and permissions.user_can(user, "laporan.edit", report)
    if can_record and form is None:
        pk = selectors.pk_of_report(report)
        form = PihakKeduaForm(
            initial={"nama": pk.pihak_kedua_nama if pk else "", "jabatan": pk.pihak_kedua_jabatan if pk else ""}
        )
    return {
        "pk_pihak_kedua": recorded,
        "pk_menunggu_pihak_kedua": recorded is None,
        "pihak_kedua_form": form if can_record else None,
    }


@login_required
@require_POST
def pihak_kedua(request, pk: int):
    report = selectors.get_report_or_404(request.user, pk)
    permissions.check_user_can(request.user, "laporan.edit", report)
    form = PihakKeduaForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            content, extension = uploads.check(form.cleaned_data["pindaian"])
            if extension != "pdf":
                raise uploads.UploadRefused("Pindaian harus berupa berkas PDF.")
            services.catat_tanda_tangan_pihak_kedua(
                user=request.user,
                report_id=report.pk,
                pindaian=content,
                nama=form.cleaned_data["nama"],
                jabatan=form.cleaned_data["jabatan"],
                tanggal=form.cleaned_data["tanggal"],
            )
        except uploads.UploadRefused as refused:
            form.add_error("pindaian", refused.message)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errs in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                for message in _errors(error):
                    form.add_error(None, message)
        else:
            messages.success(request, "Tanda tangan pihak kedua tercatat; Perjanjian Kinerja lengkap.")
            return redirect("laporan:detail", report.pk)
    return render(request, "laporan/detail.html", _detail_context(request, report, pihak_kedua_form=form), status=400)


@login_required
@require_safe
def pihak_kedua_pdf(request, pk: int):
    report = _download_report(request, pk)
    recorded = selectors.tanda_tangan_pihak_kedua(report)
    if recorded is None:
        raise Http404("Pindaian tanda tangan pihak kedua belum dicatat.")
    response = HttpResponse(bytes(recorded.pindaian), content_type="application/pdf")
    unduhan.as_attachment(
        response, unduhan.download_name("pk", report.tahun, report.kecamatan.nama, "pihak-kedua", ext="pdf")
    )
    return response


@login_required
@require_POST
def kembalikan(request, pk: int):
    report = selectors.get_report_or_404(request.user, pk)
    permissions.check_user_can(request.user, "laporan.sign", report)
    form = KembalikanForm(request.POST)
    if form.is_valid():
        try:
            services.kembalikan(user=request.user, report_id=report.pk, alasan=form.cleaned_data["alasan"])
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, "Laporan dikembalikan menjadi draf; alasan Anda tercatat pada riwayat.")
            return redirect("laporan:detail", report.pk)
    report.refresh_from_db()
    return render(request, "laporan/detail.html", _detail_context(request, report, kembalikan_form=form), status=400)


@login_required
@require_POST
def tandatangani(request, pk: int):
    report = selectors.get_report_or_404(request.user, pk)
    permissions.check_user_can(request.user, "laporan.sign", report)
    form = _sign_form(report, request.POST)
    if form.is_valid():
        try:
            services.tandatangani(
                user=request.user,
                report_id=report.pk,
                password=form.cleaned_data["password"],
                alasan_terlambat=form.cleaned_data.get("alasan_terlambat", ""),
            )
        except ValidationError as error:
            fields = getattr(error, "error_dict", {})
            if "password" in fields:
                form.add_error("password", fields["password"])
            elif "alasan_terlambat" in fields and "alasan_terlambat" in form.fields:
                form.add_error("alasan_terlambat", fields["alasan_terlambat"])
            else:
                for message in _errors(error):
                    form.add_error(None, message)
        else:
            messages.success(request, "Laporan telah ditandatangani. PDF final tersimpan dan dapat diverifikasi.")
            return redirect("laporan:detail", report.pk)
    report.refresh_from_db()
    return render(request, "laporan/detail.html", _detail_context(request, report, sign_form=form), status=400)


def _sign_form(report: Report, data=None) -> TandaTanganForm:
    """The signing form: the secret the kabupaten's signer asks for, and a reason when the signature is late."""
    return TandaTanganForm(
        data,
        bsre=penanda.bersertifikat(report.kecamatan),
        terlambat=batas.terlambat(report, timezone.localdate()),
    )


@login_required
@require_POST
def perubahan(request, pk: int):
    report = selectors.get_report_or_404(request.user, pk)
    permissions.check_user_can(request.user, "laporan.edit", report)
    form = PerubahanForm(request.POST)
    if form.is_valid():
        try:
            baru = services.buat_perubahan(user=request.user, report_id=report.pk, alasan=form.cleaned_data["alasan"])
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"{baru.judul} dibuat sebagai draf.")
            return redirect("laporan:detail", baru.pk)
    return render(request, "laporan/detail.html", _detail_context(request, report, perubahan_form=form), status=400)


def _filename(report: Report, ext: str) -> str:
    return unduhan.download_name(report.judul, report.kecamatan.nama, ext=ext)


def _download_report(request, pk):
    report = selectors.get_report_or_404(request.user, pk)
    if not selectors.can_download(request.user, report):
        raise PermissionDenied("Anda tidak berwenang mengunduh laporan ini.")
    return report


@login_required
@require_safe
def unduh_pdf(request, pk: int):
    report = _download_report(request, pk)
    try:
        content = bytes(report.dokumen.pdf)
    except SignedDocument.DoesNotExist:
        belum_siap = gates.naskah_belum_siap(report) if report.status == Report.Status.DIAJUKAN else []
        if belum_siap:  # nothing half-made is handed out, and nothing is rendered inside the request
            messages.info(request, belum_siap[0])
            return redirect("laporan:detail", report.pk)
        naskah = selectors.naskah_diajukan(report)
        # A submitted report: the file rendered at submission, the one the Camat signs. A draft's PDF is a
        # preview marked DRAF, cached per content.
        content = bytes(naskah.pdf) if naskah is not None else pdf.render_preview(report)
    response = HttpResponse(content, content_type="application/pdf")
    unduhan.as_attachment(response, _filename(report, "pdf"))
    return response


@login_required
@require_safe
def unduh_xlsx(request, pk: int):
    report = _download_report(request, pk)
    content = xlsx.build_workbook(report, documents.build(report))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    unduhan.as_attachment(response, _filename(report, "xlsx"))
    return response


@login_required
@require_safe
def unduh_zip(request):
    """Every kecamatan's signed report of one period, for kabupaten ADMIN and EVALUATOR."""
    if not (permissions.all_roles(request.user) & KABUPATEN_ROLES):
        raise PermissionDenied("Unduhan gabungan hanya untuk Administrator dan Evaluator kabupaten.")
    tahun = params.year_or_none(request.GET.get("tahun"))
    periode = params.id_or_none(request.GET.get("periode") or "0", minimum=0, maximum=12)
    if tahun is None or periode is None:
        raise Http404("Periode tidak valid.")
    kind = request.GET.get("kind", "")
    if kind not in Report.Kind.values:
        raise Http404("Jenis laporan tidak dikenal.")
    docs = list(selectors.signed_documents_for_period(request.user, tahun=tahun, kind=kind, periode=periode))
    if not docs:
        label = f"{Report.Kind(kind).label} tahun {tahun}" + (f" periode {periode}" if periode else "")
        messages.warning(request, f"Belum ada {label} yang ditandatangani; tidak ada yang dapat diunduh.")
        return redirect("laporan:index")
    # Nothing is rendered here: each signed PDF is stored as signed. Stored, not deflated: a PDF's streams are
    # compressed already, so deflating again costs seconds for a kabupaten and saves almost nothing.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for doc in docs:
            archive.writestr(_filename(doc.report, "pdf"), bytes(doc.pdf))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    unduhan.as_attachment(response, unduhan.download_name("laporan", kind, tahun, periode, ext="zip"))
    return response


def _rate_limited(request) -> bool:
    return publik.rate_limited(request, prefix="laporan-verifikasi", limit=VERIFY_LIMIT, window=VERIFY_WINDOW)


@require_http_methods(["GET", "POST"])
def verifikasi(request, kode: str):
    """Public: no login. Shows what was signed and checks an uploaded PDF byte for byte.

    The size is checked from Content-Length before request.POST/FILES are touched, so an oversized anonymous
    upload is never spooled (RequestSizeLimitMiddleware does the same before CSRF reads the body)."""
    if _rate_limited(request):
        return render(request, "laporan/verifikasi_batas.html", status=429)
    try:
        uploads.check_request_size(request, limit=uploads.anonymous_request_bytes())
    except uploads.UploadRefused as refused:
        return uploads.refused_response(request, refused)
    doc = SignedDocument.objects.select_related("report__kecamatan__kabupaten").filter(kode_verifikasi=kode).first()
    if doc is None:
        # The code printed on a Pernyataan Telah Direviu (laporan/reviu.py): who reviewed which file, when.
        done = Reviu.objects.filter(kode_verifikasi=kode, status__in=[Reviu.Status.SELESAI, Reviu.Status.BATAL])
        reviewed = done.select_related("report__kecamatan__kabupaten").first()
        if reviewed is None:
            raise Http404("Kode verifikasi tidak dikenal.")
        return render(request, "laporan/verifikasi_reviu.html", {"reviu": reviewed, "report": reviewed.report})
    hasil = None
    form = VerifikasiUnggahForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        if berkas.size > settings.MAX_UPLOAD_MB * uploads.MB:
            form.add_error("berkas", f"Berkas melebihi batas {settings.MAX_UPLOAD_MB} MB untuk diperiksa.")
        else:
            digest = hashlib.sha256()
            for chunk in berkas.chunks():
                digest.update(chunk)
            hasil = "asli" if digest.hexdigest() == doc.sha256 else "tidak_cocok"
    return render(request, "laporan/verifikasi.html", {"doc": doc, "report": doc.report, "form": form, "hasil": hasil})
