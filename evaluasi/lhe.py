"""The Laporan Hasil Evaluasi (LHE) AKIP of a kecamatan: built from the evaluation, rendered once through the
project's PDF pipeline (sakip/pdf.py, the report stylesheet), signed with the project's signing
(laporan/penanda.py, the kabupaten's signer backend: the date stamped into the reserved box, then the local
PAdES seal or the evaluator's BSrE certificate) and stored as a laporan Report of kind
LHE with its SignedDocument, so the public verification page (laporan:verifikasi) knows it.

Contents (PermenPAN-RB 88/2021, the LHE of an evaluation, sent by the head of the APIP to the head of the
unit evaluated): an official letter of the Inspektorat — kop of the Pemerintah Kabupaten and the Inspektorat,
nomor, sifat, lampiran and perihal typed by the evaluator (Evaluasi.surat_*), the addressee "Yth. Camat …, di
<place>" —, then the basis, the nilai per component (weight, value, share of the weight), the total and the
predikat, the findings, the recommendations (each with its owner and due date), the signature of the
Inspektur (sakip/inspektur.py: the holder of the kabupaten's Inspektur position, or its Plt./Plh. under the
acting title) and the tembusan. An auditor composes (`render_naskah`, recorded as `disusun_oleh`); only the
Inspektur signs, never the composer (sakip.permissions.check_pemisahan_tugas).
"""

from __future__ import annotations

import hashlib

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from evaluasi import nilai, selectors
from evaluasi.models import Evaluasi, NaskahLHE
from laporan import penanda, signing
from laporan.models import Report, SignedDocument, new_kode
from sakip import inspektur, permissions
from sakip import pdf as pipeline
from sakip.formatting import format_tanggal

CSS_STATIC = "css/laporan_pdf.css"
KOTAK = "ttd-tanggal-"


def hasil_evaluasi(evaluasi: Evaluasi) -> nilai.Hasil:
    return selectors.hasil(evaluasi, versi="evaluator")


def jabatan(user, evaluasi: Evaluasi) -> str:
    """The title the Inspektur signs under: the acting title (Plt./Plh.) when acting, else the position's."""
    return inspektur.judul_untuk(user, evaluasi.kecamatan.kabupaten)


def judul(evaluasi: Evaluasi) -> str:
    return f"Laporan Hasil Evaluasi AKIP {evaluasi.kecamatan.nama} Tahun {evaluasi.tahun}"


def perihal(evaluasi: Evaluasi) -> str:
    kecamatan = evaluasi.kecamatan.nama
    nama = kecamatan if kecamatan.lower().startswith("kecamatan") else f"Kecamatan {kecamatan}"
    return f"Laporan Hasil Evaluasi atas Implementasi SAKIP {nama} Tahun {evaluasi.tahun}"


def _nama_kabupaten(evaluasi: Evaluasi) -> str:
    kabupaten = evaluasi.kecamatan.kabupaten
    if kabupaten is None:
        return ""
    return kabupaten.nama if kabupaten.nama.lower().startswith("kabupaten") else f"Kabupaten {kabupaten.nama}"


def surat(evaluasi: Evaluasi) -> dict:
    """The letter's head as typed by the evaluator (the number left dotted for the agenda when not yet typed)."""
    kecamatan = evaluasi.kecamatan
    nama = kecamatan.nama if kecamatan.nama.lower().startswith("kecamatan") else f"Kecamatan {kecamatan.nama}"
    return {
        "nomor": evaluasi.surat_nomor,
        "sifat": evaluasi.surat_sifat or "Biasa",
        "lampiran": evaluasi.surat_lampiran or "—",
        "perihal": perihal(evaluasi),
        "kepada": f"Camat {nama.removeprefix('Kecamatan ')}",
        "di": nama.removeprefix("Kecamatan ").strip(),
        "tembusan": [line.strip() for line in evaluasi.surat_tembusan.splitlines() if line.strip()],
        "pemerintah": _nama_kabupaten(evaluasi).upper(),
    }


def context(evaluasi: Evaluasi, ttd: dict) -> dict:
    tree = selectors.struktur(evaluasi.kriteria_set_id)
    answers = selectors.jawaban_of(evaluasi)
    return {
        "evaluasi": evaluasi,
        "kecamatan": evaluasi.kecamatan,
        "kabupaten": evaluasi.kecamatan.kabupaten,
        "hasil": selectors.hasil(evaluasi, versi="evaluator", tree=tree, jawaban=answers),
        "hasil_mandiri": selectors.hasil(evaluasi, versi="mandiri", tree=tree, jawaban=answers),
        "rekomendasi": selectors.rekomendasi_of(evaluasi),
        "ttd": ttd,
        "surat": surat(evaluasi),
        "lambang": evaluasi.kecamatan.kabupaten.lambang_data_uri if evaluasi.kecamatan.kabupaten_id else "",
    }


def html(evaluasi: Evaluasi, ttd: dict) -> str:
    full = {**ttd, "qr": signing.qr_svg_data_uri(ttd["url"]) if ttd.get("url") else ""}
    return render_to_string("evaluasi/lhe_pdf.html", context(evaluasi, full))


def _css(evaluasi: Evaluasi) -> list[str]:
    # A letter: its first page carries the kop, not the running title.
    return [
        f"@page {{ @top-center {{ content: {pipeline.css_string(judul(evaluasi))}; }} }}",
        "@page :first { @top-center { content: none; } }",
    ]


def _tempat(evaluasi: Evaluasi) -> str:
    kabupaten = evaluasi.kecamatan.kabupaten
    if kabupaten is None:
        return ""
    return kabupaten.ibukota or kabupaten.nama


def draft_ttd(evaluasi: Evaluasi) -> dict:
    """The signature block of the Inspektur who would sign today (a preview names nobody else)."""
    kabupaten = evaluasi.kecamatan.kabupaten
    signer = inspektur.penanda_tangan(kabupaten)
    position = inspektur.jabatan(kabupaten)
    user, title, acting = signer if signer is not None else (None, "", False)
    if not title:
        title = inspektur.judul(position, kabupaten) if position is not None else "INSPEKTUR"
    return {
        "tempat": _tempat(evaluasi),
        "jabatan": title,
        "acting": acting,
        "nama": user.nama if user is not None else "",
        "pangkat": user.pangkat_golongan if user is not None else "",
        "nip": user.nip_cetak if user is not None else "",
        "url": "",
        "draft": True,
        "kotak_tanggal": False,
    }


def penanda_tangan(evaluasi: Evaluasi):
    """The Inspektur (or Plt./Plh.) who signs today, or None."""
    signer = inspektur.penanda_tangan(evaluasi.kecamatan.kabupaten)
    return signer[0] if signer is not None else None


def render_preview(evaluasi: Evaluasi) -> bytes:
    """An unsigned PDF marked DRAF (reading only: nothing is stored)."""
    return pipeline.render_pdf(html(evaluasi, draft_ttd(evaluasi)), static_css=[CSS_STATIC], css=_css(evaluasi))


def render_naskah(evaluasi: Evaluasi, penyusun) -> NaskahLHE:
    """Render the letter once, in the name of the Inspektur who signs today; `penyusun` (the evaluator who
    composed it) is recorded and may not sign it."""
    from evaluasi.services import EvaluasiError

    signer = penanda_tangan(evaluasi)
    if signer is None:
        raise EvaluasiError(
            inspektur.alasan_bukan_inspektur(None, evaluasi.kecamatan.kabupaten)
            or "Jabatan Inspektur belum dijabat siapa pun (atau Plt./Plh.); LHE belum dapat disusun."
        )
    kode = new_kode()
    url = signing.verification_url(reverse("laporan:verifikasi", args=[kode]))
    ttd = {**draft_ttd(evaluasi), "url": url, "draft": False, "kotak_tanggal": True}
    page = html(evaluasi, ttd)
    content, boxes = pipeline.render_pdf_with_boxes(page, prefix=KOTAK, static_css=[CSS_STATIC], css=_css(evaluasi))
    return NaskahLHE.objects.create(
        evaluasi=evaluasi,
        pdf=content,
        sha256=hashlib.sha256(content).hexdigest(),
        html_sha256=hashlib.sha256(page.encode()).hexdigest(),
        penandatangan=signer,
        disusun_oleh=penyusun,
        ttd=ttd,
        kotak_tanggal=[list(box) for box in boxes],
        kode_verifikasi=kode,
    )


def tandatangani(evaluasi: Evaluasi, naskah: NaskahLHE, user, *, backend=None, passphrase: str = "") -> SignedDocument:
    """Stamp the date into the rendered naskah and have the kabupaten's signer backend (laporan/penanda.py: the
    local seal, or BSrE with the evaluator's NIK and passphrase) sign those bytes; store them as the LHE report.
    The backend is called before anything is written: its refusal leaves the evaluation as it was."""
    from evaluasi.services import EvaluasiError

    if alasan := inspektur.alasan_bukan_inspektur(user, evaluasi.kecamatan.kabupaten):
        raise EvaluasiError(alasan)
    try:
        permissions.check_pemisahan_tugas(user, naskah.disusun_oleh_id, "menandatangani")
    except permissions.PemisahanTugas as error:
        raise EvaluasiError(error.message) from None
    if naskah.penandatangan_id != user.pk or naskah.ttd.get("jabatan") != jabatan(user, evaluasi):
        raise EvaluasiError("Naskah LHE disusun atas nama penanda tangan lain; susun ulang naskah atas nama Anda.")
    if hashlib.sha256(html(evaluasi, naskah.ttd).encode()).hexdigest() != naskah.html_sha256:
        raise EvaluasiError("Isi LHE berubah setelah naskah disusun; susun ulang naskah lalu baca kembali.")
    backend = backend or penanda.untuk(evaluasi.kecamatan)
    now = timezone.now()
    signer_title = naskah.ttd["jabatan"]
    permintaan = penanda.Permintaan(
        pdf=bytes(naskah.pdf),
        stamps=tuple(signing.Kotak(*box) for box in naskah.kotak_tanggal),
        stamp_text=format_tanggal(timezone.localdate(now)),
        reason=f"Pengesahan {judul(evaluasi)}",
        name=f"{signer_title} — {user.nama}",
        location=naskah.ttd.get("tempat", ""),
    )
    try:
        backend.tersedia()
        hasil = backend.tandatangani(permintaan, nik=user.nik or "", passphrase=passphrase)
    except penanda.PenandaDitolak as error:
        raise EvaluasiError(error.message, error.errors) from None
    signed = hasil.pdf
    sertifikat = hasil.sertifikat
    report = Report.objects.create(
        kind=Report.Kind.LHE,
        kecamatan=evaluasi.kecamatan,
        tahun=evaluasi.tahun,
        periode=0,
        status=Report.Status.DITANDATANGANI,
        dibuat_oleh=user,
        diajukan_pada=naskah.dibuat_pada,
    )
    document = SignedDocument.objects.create(
        report=report,
        pdf=signed,
        sha256=hashlib.sha256(signed).hexdigest(),
        ukuran=len(signed),
        penandatangan=user,
        nama_penandatangan=user.nama,
        nip_penandatangan=user.nip_cetak,
        jabatan_penandatangan=signer_title,
        sebutan="" if not naskah.ttd.get("acting") else signer_title,
        ditandatangani_pada=now,
        kode_verifikasi=naskah.kode_verifikasi,
        penanda=hasil.penanda,
        sertifikat_nama=sertifikat.nama[:300] if sertifikat else "",
        sertifikat_subjek=sertifikat.subjek[:500] if sertifikat else "",
        sertifikat_penerbit=sertifikat.penerbit[:500] if sertifikat else "",
        sertifikat_serial=sertifikat.serial[:100] if sertifikat else "",
    )
    naskah.delete()
    return document
