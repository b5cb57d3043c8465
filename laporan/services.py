"""State changes of reports: create, edit the narrative, submit, return, sign, revise.

Each operation is one transaction, checked with sakip.permissions. Signing
renders the PDF once, PAdES-signs it and stores the signed bytes with their
SHA-256; nothing ever regenerates it.

Decision on quarters: a report resting on quarterly data (triwulan, semester,
LKIP) may be signed only when every quarter it covers is `disetujui` (locked
by kinerja). While a signed report covers a quarter, laporan.locks refuses any
change to that quarter's data or status; a correction starts with
`buat_perubahan`, which marks the signed revision `digantikan` (it stays
verifiable) and opens a new draft revision.

Gates: whether a report may be submitted or signed is laporan.gates (its
quarters approved, every narrative section filled), the same rule the report
page and the SOP steps read. Every status change is recorded in ReportRiwayat
with who, the title acted under and the reason (a return needs one).
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.services import KinerjaError, perencanaan
from laporan import alur, batas, events, gates, pdf, penanda, penyusunan, reviu, signing
from laporan.documents import section_keys
from laporan.models import NaskahDiajukan, PenyusunanNaskah, Report, ReportRiwayat, SignedDocument, new_kode
from sakip import tanda_tangan
from sakip.errors import Penolakan
from sakip.formatting import format_tanggal
from sakip.models import Unit
from sakip.permissions import acting_title, check_user_can
from sakip.validators import pesan_karakter_kontrol

MAX_NARASI = 20000
PERIODE_MAX = {Report.Kind.TRIWULAN: 4, Report.Kind.SEMESTER: 2, Report.Kind.MONITORING_SOP: 4, Report.Kind.SKM: 4}


class LaporanError(Penolakan, ValidationError):
    """A refused operation on a report (see sakip.errors); still a ValidationError for forms and views."""

    def __init__(self, message: str | dict):
        errors = message if isinstance(message, dict) else {}
        text = "; ".join(errors.values()) if errors else message
        ValidationError.__init__(self, errors or text)
        Penolakan.__init__(self, text, errors)


def _lock(report_id: int) -> Report:
    return Report.objects.select_for_update().select_related("kecamatan").get(pk=report_id)


def _pindah(report: Report, nama: str, *, user, alasan: str = "", dicatat: str = "", fields=()) -> None:
    """Move a locked report along the transition `nama` of its lifecycle table (laporan/alur.py), inside the
    caller's transaction: the status changed with `fields`, the history row under the actor's role with the
    reason (`dicatat` when the history words it otherwise), the change announced (notifikasi reads the
    transition's row to tell the next party)."""
    t = alur.TRANSISI[nama]
    if not alur.berlaku(report, nama):
        raise LaporanError(
            f"Laporan berstatus {report.get_status_display().lower()}; tindakan ini hanya untuk laporan "
            f"berstatus {Report.Status(t.dari).label.lower()}."
        )
    if t.alasan_wajib and not (alasan or dicatat).strip():
        raise LaporanError({"alasan": "Alasan wajib diisi."})
    report.status = t.ke
    report.save(update_fields=["status", "diubah_pada", *fields])
    ReportRiwayat.objects.create(
        report=report,
        dari=t.dari,
        ke=t.ke,
        oleh=user,
        sebutan=acting_title(user, report, alur.peran_pelaku(report, nama)),
        alasan=dicatat or alasan,
    )
    events.laporan_berubah.send(
        sender=Report, report=report, dari=t.dari, ke=t.ke, oleh=user, alasan=alasan, transisi=nama
    )


@transaction.atomic
def buat_laporan(*, user, kecamatan: Unit, kind: str, tahun: int, periode: int = 0) -> Report:
    check_user_can(user, "laporan.edit", kecamatan)
    # The LHE is made in Evaluasi (evaluasi/lhe.py); a position's PK by its holder (`pk_jabatan_ajukan`).
    if kind not in Report.Kind.values or kind in (Report.Kind.LHE, Report.Kind.PK_JABATAN):
        raise LaporanError({"kind": "Jenis laporan tidak dikenal."})
    maximum = PERIODE_MAX.get(kind)
    if maximum and not 1 <= periode <= maximum:
        raise LaporanError({"periode": f"Periode harus 1 sampai {maximum}."})
    if not maximum:
        periode = 0
    if not 2000 <= tahun <= 2100:
        raise LaporanError({"tahun": "Tahun tidak valid."})
    if (
        Report.objects.filter(kecamatan=kecamatan, kind=kind, tahun=tahun, periode=periode)
        .exclude(status=Report.Status.DIGANTIKAN)
        .exists()
    ):
        raise LaporanError("Laporan untuk periode ini sudah ada; buka laporan tersebut.")
    return Report.objects.create(kecamatan=kecamatan, kind=kind, tahun=tahun, periode=periode, dibuat_oleh=user)


def alasan_tidak_dapat_dihapus(user, report: Report) -> str:
    """Why `user` may not delete this report ("" = they may): only a first draft that was never submitted, by the
    person who made it (a stray draft, e.g. a period opened by mistake), and nothing else refers to it."""
    if report.status != Report.Status.DRAFT or report.revisi != 0:
        return "Hanya draf awal yang belum pernah diajukan yang dapat dihapus."
    if report.dibuat_oleh_id != getattr(user, "pk", None):
        return "Hanya penyusun draf ini yang dapat menghapusnya."
    if report.riwayat.exists():
        return "Laporan ini pernah diajukan; riwayatnya disimpan, sehingga tidak dapat dihapus."
    if Report.objects.filter(pk=report.pk, evaluasi_akip__isnull=False).exists():
        return "Laporan ini dirujuk oleh evaluasi AKIP dan tidak dapat dihapus."
    return ""


@transaction.atomic
def hapus_draf(*, user, report_id: int) -> str:
    """Delete a stray draft (see `alasan_tidak_dapat_dihapus`); returns its title for the message."""
    report = _lock(report_id)
    check_user_can(user, "laporan.edit", report)
    if message := alasan_tidak_dapat_dihapus(user, report):
        raise LaporanError(message)
    judul = report.judul
    report._change_reason = "Draf dihapus oleh penyusunnya"
    report.delete()
    return judul


@transaction.atomic
def simpan_narasi(*, user, report_id: int, narasi: dict[str, str], versi: int) -> Report:
    report = _lock(report_id)
    check_user_can(user, "laporan.edit", report)
    if report.status != Report.Status.DRAFT:
        raise LaporanError("Laporan yang telah diajukan atau ditandatangani tidak dapat diubah.")
    if report.versi != versi:
        raise LaporanError("Laporan telah diubah oleh pengguna lain. Muat ulang halaman lalu ulangi perubahan.")
    allowed = {key for key, _ in section_keys(report, _sasaran_urutan(report))}
    errors = {}
    cleaned = dict(report.narasi or {})
    for key, text in narasi.items():
        if key not in allowed:
            continue
        if len(text) > MAX_NARASI:
            errors[key] = f"Teks terlalu panjang (maksimal {MAX_NARASI} karakter)."
        elif message := pesan_karakter_kontrol(text, "Teks narasi"):
            errors[key] = message
        cleaned[key] = text.strip()
    if errors:
        raise LaporanError(errors)
    report.narasi = cleaned
    report.versi += 1
    report.save(update_fields=["narasi", "versi", "diubah_pada"])
    return report


_sasaran_urutan = gates.sasaran_urutan


@transaction.atomic
def ajukan(*, user, report_id: int) -> Report:
    """Submit to the Camat: only when laporan.gates finds nothing missing (the refusal lists it)."""
    report = _lock(report_id)
    check_user_can(user, "laporan.submit", report)
    reasons = gates.alasan_tidak_dapat_diajukan(report)
    if reasons:
        raise LaporanError("Laporan belum dapat diajukan. " + " ".join(reasons))
    report.diajukan_pada = timezone.now()
    report.diajukan_oleh = user
    _pindah(report, "ajukan", user=user, fields=["diajukan_pada", "diajukan_oleh"])
    penyusunan.antrekan(report, user=user)
    return report


@transaction.atomic
def pk_jabatan_ajukan(*, user, pk) -> Report:
    """The holder of a position submits the document of its established PK to the superior (laporan/pk_jabatan.py).

    The document's revision follows the PK's: the first submission makes revision 0 of the position's report;
    after a PK Perubahan is established, the signed document of the earlier PK gives way to a new revision
    (the earlier one `digantikan`, still verifiable). Then the ordinary submission (`ajukan`, its gate
    asking the PK established)."""
    if pk.jabatan_id is None:
        raise LaporanError("Perjanjian Kinerja Camat diajukan dari halaman Laporan.")
    probe = Report(kind=Report.Kind.PK_JABATAN, kecamatan=pk.kecamatan, jabatan=pk.jabatan, tahun=pk.tahun)
    check_user_can(user, "laporan.submit", probe)
    current = (
        Report.objects.select_for_update()
        .filter(jabatan=pk.jabatan, tahun=pk.tahun)
        .exclude(status=Report.Status.DIGANTIKAN)
        .first()
    )
    if current is not None and current.status == Report.Status.DITANDATANGANI:
        if current.revisi >= pk.revisi:
            raise LaporanError("Dokumen Perjanjian Kinerja ini telah ditandatangani atasan.")
        _pindah(current, "perubahan_pk_jabatan", user=user, alasan=pk.alasan_perubahan or "PK Perubahan ditetapkan")
        current = None
    if current is None:
        current = Report.objects.create(
            kind=Report.Kind.PK_JABATAN,
            kecamatan=pk.kecamatan,
            jabatan=pk.jabatan,
            tahun=pk.tahun,
            revisi=pk.revisi,
            alasan_perubahan=pk.alasan_perubahan,
            dibuat_oleh=user,
        )
    return ajukan(user=user, report_id=current.pk)


@transaction.atomic
def susun_ulang(*, user, report_id: int) -> PenyusunanNaskah:
    """Queue the rendering again after it failed (the submitter's "Susun ulang naskah")."""
    report = _lock(report_id)
    check_user_can(user, "laporan.submit", report)
    terakhir = PenyusunanNaskah.objects.filter(report=report).first()
    if report.status != Report.Status.DIAJUKAN or terakhir is None or terakhir.status != terakhir.Status.GAGAL:
        raise LaporanError("Naskah hanya dapat disusun ulang bila penyusunannya gagal.")
    return penyusunan.antrekan(report, user=user)


def alasan_pengembalian(alasan: str) -> str:
    """A return's reason, cleaned, or the refusal naming the field (the Camat's return and the Inspektorat's)."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise LaporanError({"alasan": "Alasan pengembalian wajib diisi."})
    if len(alasan) > MAX_NARASI:
        raise LaporanError({"alasan": f"Alasan terlalu panjang (maksimal {MAX_NARASI} karakter)."})
    if message := pesan_karakter_kontrol(alasan, "Alasan pengembalian"):
        raise LaporanError({"alasan": message})
    return alasan


def ke_draf(report: Report, *, user, nama: str, alasan: str, dicatat: str = "") -> None:
    """A submitted report back to draft, inside the caller's transaction: recorded with the reason (`dicatat`
    when the history words it otherwise), the submitted file discarded, a review of it no longer valid (the
    next submission is reviewed again), announced. The one way a report is returned: by the Camat
    (`kembalikan`) or by the Inspektorat's review (laporan.reviu)."""
    report.diajukan_oleh = None
    NaskahDiajukan.objects.filter(report=report).delete()
    reviu.batalkan(report)
    _pindah(report, nama, user=user, alasan=alasan, dicatat=dicatat, fields=["diajukan_oleh"])


@transaction.atomic
def kembalikan(*, user, report_id: int, alasan: str) -> Report:
    """The Camat sends a submitted report back to draft for changes, saying why (recorded, shown on Beranda)."""
    report = _lock(report_id)
    check_user_can(user, "laporan.sign", report)
    if report.status != Report.Status.DIAJUKAN:
        raise LaporanError("Hanya laporan yang diajukan yang dapat dikembalikan.")
    ke_draf(report, user=user, nama="kembalikan", alasan=alasan_pengembalian(alasan))
    return report


def quarters_not_approved(report: Report) -> list[int]:
    return gates.triwulan_belum_disetujui(report)


def tandatangani(*, user, report_id: int, password: str, alasan_terlambat: str = "") -> SignedDocument:
    """Sign a submitted report with the kabupaten's signer backend (laporan/penanda.py), then `_tandatangani` in
    one transaction.

    `password` is the signer's secret: the account password for the local seal (checked once by
    sakip.tanda_tangan, throttled, before the transaction opens), or the BSrE certificate's passphrase, which
    only the kabupaten's signing service checks and which goes nowhere else (no log, row or history)."""
    report = Report.objects.select_related("kecamatan__kabupaten").only("kecamatan").get(pk=report_id)
    check_user_can(user, "laporan.sign", report)
    backend = penanda.untuk(report.kecamatan)
    if backend.bersertifikat:
        try:
            penanda.periksa_batas(user)
        except penanda.PenandaDitolak as error:
            raise LaporanError(error.errors) from None
        try:
            return _tandatangani(
                user=user,
                report_id=report_id,
                backend=backend,
                passphrase=password,
                alasan_terlambat=alasan_terlambat,
            )
        except LaporanError as error:
            penanda.catat_penolakan(user, getattr(error, "error_dict", None))
            raise
    try:
        tanda_tangan.periksa_kata_sandi(user, password, dokumen=f"laporan {report_id}")
    except tanda_tangan.KataSandiDitolak as error:
        raise LaporanError(error.errors) from None
    return _tandatangani(user=user, report_id=report_id, backend=backend, alasan_terlambat=alasan_terlambat)


def _alasan_terlambat(report: Report, hari, alasan: str) -> str:
    """A signature past the document's deadline (laporan/batas.py) needs the signer's reason, recorded with the
    signature and shown on the verification page; "" when on time."""
    tenggat = batas.terlambat(report, hari)
    if tenggat is None:
        return ""
    alasan = (alasan or "").strip()
    if not alasan:
        raise LaporanError(
            {
                "alasan_terlambat": f"{report.judul} ditandatangani setelah batasnya ({format_tanggal(tenggat)}); "
                "tuliskan alasan keterlambatan, yang dicatat dan ditampilkan pada halaman verifikasi."
            }
        )
    if len(alasan) > MAX_NARASI:
        raise LaporanError({"alasan_terlambat": f"Alasan terlalu panjang (maksimal {MAX_NARASI} karakter)."})
    if message := pesan_karakter_kontrol(alasan, "Alasan keterlambatan"):
        raise LaporanError({"alasan_terlambat": message})
    return alasan


@transaction.atomic
def _tandatangani(
    *, user, report_id: int, backend=None, passphrase: str = "", alasan_terlambat: str = ""
) -> SignedDocument:
    """The signature itself. The backend is called before anything is written, so a refusal of the signing
    service (wrong passphrase, certificate expired, service down) leaves the report submitted, unchanged."""
    report = _lock(report_id)
    check_user_can(user, "laporan.sign", report)
    reasons = gates.alasan_tidak_dapat_ditandatangani(report, user)
    if reasons:
        raise LaporanError("Laporan belum dapat ditandatangani. " + " ".join(reasons))
    alasan_terlambat = _alasan_terlambat(report, timezone.localdate(), alasan_terlambat)
    backend = backend or penanda.untuk(report.kecamatan)
    try:
        backend.tersedia()
    except penanda.PenandaDitolak as error:
        raise LaporanError(error.errors or error.message) from None
    sebutan = acting_title(user, report, report.peran_penanda_tangan)
    jabatan = penyusunan.jabatan_penanda_tangan(report, sebutan)
    now = timezone.now()
    sign = {
        "reason": f"Pengesahan {report.judul}",
        "name": f"{jabatan} — {user.nama}",
        "location": f"{report.kecamatan}",
    }
    naskah = NaskahDiajukan.objects.filter(report=report).first()
    if naskah is not None and (naskah.penandatangan_id, naskah.jabatan) == (user.pk, jabatan):
        if pdf.naskah_digest(report, naskah.ttd) != naskah.html_sha256:
            raise LaporanError(
                "Data laporan berubah setelah diajukan, sehingga naskah yang Anda baca tidak lagi sesuai. "
                "Kembalikan laporan agar diajukan ulang dengan data terbaru."
            )
        # What the Camat read is what is signed: the submitted bytes, the date stamped, no re-render.
        kode = naskah.kode_verifikasi
        permintaan = penanda.Permintaan(
            pdf=bytes(naskah.pdf),
            stamps=tuple(signing.Kotak(*box) for box in naskah.kotak_tanggal),
            stamp_text=format_tanggal(timezone.localdate(now)),
            **sign,
        )
    else:
        # Someone else signs (a Plt./Plh.) or nobody was printed: the document names the actual signer.
        kode = new_kode()
        content = pdf.render_pdf(report, ttd=_ttd(report, user, jabatan, now, kode))
        done = reviu.terakhir(report)
        if done is not None and done.status == done.Status.SELESAI:
            content = reviu.gabung(content, bytes(done.pernyataan_pdf))  # the statement stays inside
        permintaan = penanda.Permintaan(pdf=content, **sign)
    try:
        hasil = backend.tandatangani(permintaan, nik=user.nik or "", passphrase=passphrase)
    except penanda.PenandaDitolak as error:
        raise LaporanError(error.errors or error.message) from None
    signed = hasil.pdf
    NaskahDiajukan.objects.filter(report=report).delete()
    sertifikat = hasil.sertifikat
    document = SignedDocument.objects.create(
        report=report,
        pdf=signed,
        sha256=hashlib.sha256(signed).hexdigest(),
        ukuran=len(signed),
        penandatangan=user,
        nama_penandatangan=user.nama,
        nip_penandatangan=user.nip_cetak,
        jabatan_penandatangan=jabatan,
        sebutan=sebutan,
        ditandatangani_pada=now,
        alasan_terlambat=alasan_terlambat,
        kode_verifikasi=kode,
        penanda=hasil.penanda,
        sertifikat_nama=sertifikat.nama[:300] if sertifikat else "",
        sertifikat_subjek=sertifikat.subjek[:500] if sertifikat else "",
        sertifikat_penerbit=sertifikat.penerbit[:500] if sertifikat else "",
        sertifikat_serial=sertifikat.serial[:100] if sertifikat else "",
    )
    terlambat = f"Ditandatangani terlambat: {alasan_terlambat}" if alasan_terlambat else ""
    _pindah(report, "tandatangani", user=user, dicatat=terlambat)
    if report.kind == Report.Kind.PK:
        _establish_pk(report, user, timezone.localdate(now))
    if report.kind == Report.Kind.RENSTRA:
        _establish_renstra(report, user)
    return document


def _ttd(report: Report, user, jabatan: str, now, kode: str) -> dict:
    from django.urls import reverse

    url = signing.verification_url(reverse("laporan:verifikasi", args=[kode]))
    return {
        "tempat": report.kecamatan.nama,
        "tanggal": now,
        "jabatan": jabatan,
        "nama": user.nama,
        "pangkat": user.pangkat_golongan,
        "nip": user.nip_cetak,
        "qr": signing.qr_svg_data_uri(url),
        "url": url,
        "draft": False,
    }


def _establish_pk(report: Report, user, tanggal) -> None:
    """Signing the PK document establishes the PK (kinerja's rule); one transaction with the signature, whose
    password was checked once."""
    pk = perencanaan.current_pk(report.kecamatan, report.tahun)
    if pk is None or pk.status != pk.Status.DRAFT:
        return
    try:
        perencanaan.pk_tetapkan_dalam_penandatanganan(user=user, pk=pk, tanggal=tanggal)
    except KinerjaError as error:
        raise LaporanError(error.message) from None


def _establish_renstra(report: Report, user) -> None:
    """Signing the Renstra document establishes a draft Renstra (renstra's rule); one transaction."""
    from laporan import renstra_doc
    from renstra.services import RenstraError, renstra_tetapkan_dalam_penandatanganan

    renstra = renstra_doc.renstra_of(report)
    if renstra is None or renstra.status != renstra.Status.DRAFT:
        return
    try:
        renstra_tetapkan_dalam_penandatanganan(user=user, renstra=renstra)
    except RenstraError as error:
        raise LaporanError(error.message) from None


@transaction.atomic
def buat_perubahan(*, user, report_id: int, alasan: str) -> Report:
    """Start a correction: the signed revision becomes `digantikan`; a new draft revision copies its narrative."""
    report = _lock(report_id)
    check_user_can(user, "laporan.edit", report)
    if report.status != Report.Status.DITANDATANGANI:
        raise LaporanError("Perubahan hanya dapat dibuat dari laporan yang telah ditandatangani.")
    if not alasan.strip():
        raise LaporanError({"alasan": "Alasan perubahan wajib diisi."})
    _pindah(report, "perubahan", user=user, alasan=alasan.strip())
    return Report.objects.create(
        kecamatan=report.kecamatan,
        kind=report.kind,
        jabatan=report.jabatan,
        tahun=report.tahun,
        periode=report.periode,
        revisi=report.revisi + 1,
        narasi=dict(report.narasi or {}),
        alasan_perubahan=alasan.strip(),
        dibuat_oleh=user,
    )


MAX_HALAMAN_PINDAIAN = 30


def _halaman_pdf(content: bytes) -> int:
    """Pages of an uploaded PDF, or a refusal when pypdf cannot read it (it is appended to the LKIP later)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise LaporanError({"pindaian": "Berkas PDF terkunci kata sandi; unggah pindaian tanpa kata sandi."})
        return len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise LaporanError({"pindaian": f"Berkas PDF tidak dapat dibaca ({type(error).__name__})."}) from None


@transaction.atomic
def catat_tanda_tangan_pihak_kedua(
    *, user, report_id: int, pindaian: bytes, nama: str, jabatan: str, tanggal
) -> Report:
    """Record the Bupati's signature on a signed PK: the scan of the paper both parties signed.

    Only for a PK the Camat has signed, once (a correction is a PK Perubahan); the date is the day the
    pihak kedua signed, not in the future and not before the PK's year began less one year.
    """
    from laporan.models import TandaTanganPihakKedua

    report = _lock(report_id)
    check_user_can(user, "laporan.edit", report)
    if report.kind != Report.Kind.PK:
        raise LaporanError("Tanda tangan pihak kedua hanya dicatat untuk Perjanjian Kinerja.")
    if report.status != Report.Status.DITANDATANGANI:
        raise LaporanError("Perjanjian Kinerja harus ditandatangani Camat (pihak pertama) lebih dahulu.")
    if TandaTanganPihakKedua.objects.filter(report=report).exists():
        raise LaporanError(
            "Tanda tangan pihak kedua untuk Perjanjian Kinerja ini sudah dicatat; perbaikan melalui PK Perubahan."
        )
    errors = {}
    nama, jabatan = (nama or "").strip(), (jabatan or "").strip()
    for field, label, value in (("nama", "Nama pihak kedua", nama), ("jabatan", "Jabatan pihak kedua", jabatan)):
        if not value:
            errors[field] = f"{label} wajib diisi."
        elif message := pesan_karakter_kontrol(value, label):
            errors[field] = message
    today = timezone.localdate()
    if tanggal is None:
        errors["tanggal"] = "Tanggal ditandatangani pihak kedua wajib diisi."
    elif tanggal > today:
        errors["tanggal"] = "Tanggal ditandatangani pihak kedua tidak boleh setelah hari ini."
    elif tanggal.year < report.tahun - 1:
        errors["tanggal"] = f"Tanggal ditandatangani pihak kedua terlalu awal untuk PK tahun {report.tahun}."
    if errors:
        raise LaporanError(errors)
    halaman = _halaman_pdf(pindaian)
    if not 1 <= halaman <= MAX_HALAMAN_PINDAIAN:
        raise LaporanError({"pindaian": f"Pindaian harus 1–{MAX_HALAMAN_PINDAIAN} halaman; berkas ini {halaman}."})
    TandaTanganPihakKedua.objects.create(
        report=report,
        pindaian=pindaian,
        sha256=hashlib.sha256(pindaian).hexdigest(),
        ukuran=len(pindaian),
        halaman=halaman,
        nama=nama,
        jabatan=jabatan,
        tanggal=tanggal,
        dicatat_oleh=user,
    )
    return report
