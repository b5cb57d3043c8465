"""The Laporan Hasil Evaluasi (LHE) AKIP of a kecamatan: built from the evaluation, rendered once through the
project's PDF pipeline (sakip/pdf.py, the report stylesheet), signed with the project's signing
(laporan/penanda.py, the kabupaten's signer backend: the date stamped into the reserved box, then the local
PAdES seal or the evaluator's BSrE certificate) and stored as a laporan Report of kind
LHE with its SignedDocument, so the public verification page (laporan:verifikasi) knows it.

Contents (PermenPAN-RB 88/2021, the LHE of an evaluation): the basis, the nilai per component (weight,
value, share of the weight), the total and the predikat, the findings, the recommendations (each with its
owner and due date), the signature of the evaluator (the Inspektur, or whoever holds the EVALUATOR position;
a Plt./Plh. signs under the acting title).
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
from sakip import pdf as pipeline
from sakip import permissions
from sakip.formatting import format_tanggal
from sakip.roles import Role

CSS_STATIC = "css/laporan_pdf.css"
KOTAK = "ttd-tanggal-"


def hasil_evaluasi(evaluasi: Evaluasi) -> nilai.Hasil:
    return selectors.hasil(evaluasi, versi="evaluator")


def jabatan(user, evaluasi: Evaluasi) -> str:
    """The title the signer signs under: an acting title (Plt./Plh.) when acting, else their position."""
    kabupaten_id = evaluasi.kecamatan.kabupaten_id
    held = [h for h in permissions.holdings(user) if h.role == Role.EVALUATOR and h.kabupaten_id == kabupaten_id]
    if any(not h.acting_title for h in held) or not held:
        nama = user.jabatan.nama if user.jabatan_id else "Inspektur"
        kabupaten = evaluasi.kecamatan.kabupaten.nama if evaluasi.kecamatan.kabupaten_id else ""
        title = nama.upper()
        return title if kabupaten.upper() in title else f"{title} KABUPATEN {kabupaten.upper()}".strip()
    return held[0].acting_title


def judul(evaluasi: Evaluasi) -> str:
    return f"Laporan Hasil Evaluasi AKIP {evaluasi.kecamatan.nama} Tahun {evaluasi.tahun}"


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
        "lambang": evaluasi.kecamatan.kabupaten.lambang_data_uri if evaluasi.kecamatan.kabupaten_id else "",
    }


def html(evaluasi: Evaluasi, ttd: dict) -> str:
    full = {**ttd, "qr": signing.qr_svg_data_uri(ttd["url"]) if ttd.get("url") else ""}
    return render_to_string("evaluasi/lhe_pdf.html", context(evaluasi, full))


def _css(evaluasi: Evaluasi) -> list[str]:
    return [f"@page {{ @top-center {{ content: {pipeline.css_string(judul(evaluasi))}; }} }}"]


def draft_ttd(evaluasi: Evaluasi, user=None) -> dict:
    return {
        "tempat": evaluasi.kecamatan.kabupaten.nama if evaluasi.kecamatan.kabupaten_id else "",
        "jabatan": jabatan(user, evaluasi) if user is not None else "INSPEKTUR",
        "nama": user.nama if user is not None else "",
        "pangkat": user.pangkat_golongan if user is not None else "",
        "nip": user.nip_cetak if user is not None else "",
        "url": "",
        "draft": True,
        "kotak_tanggal": False,
    }


def render_preview(evaluasi: Evaluasi) -> bytes:
    """An unsigned PDF marked DRAF (reading only: nothing is stored)."""
    return pipeline.render_pdf(html(evaluasi, draft_ttd(evaluasi)), static_css=[CSS_STATIC], css=_css(evaluasi))


def render_naskah(evaluasi: Evaluasi, user) -> NaskahLHE:
    kode = new_kode()
    url = signing.verification_url(reverse("laporan:verifikasi", args=[kode]))
    ttd = {**draft_ttd(evaluasi, user), "url": url, "draft": False, "kotak_tanggal": True}
    page = html(evaluasi, ttd)
    content, boxes = pipeline.render_pdf_with_boxes(page, prefix=KOTAK, static_css=[CSS_STATIC], css=_css(evaluasi))
    return NaskahLHE.objects.create(
        evaluasi=evaluasi,
        pdf=content,
        sha256=hashlib.sha256(content).hexdigest(),
        html_sha256=hashlib.sha256(page.encode()).hexdigest(),
        penandatangan=user,
        ttd=ttd,
        kotak_tanggal=[list(box) for box in boxes],
        kode_verifikasi=kode,
    )


def tandatangani(evaluasi: Evaluasi, naskah: NaskahLHE, user, *, backend=None, passphrase: str = "") -> SignedDocument:
    """Stamp the date into the rendered naskah and have the kabupaten's signer backend (laporan/penanda.py: the
    local seal, or BSrE with the evaluator's NIK and passphrase) sign those bytes; store them as the LHE report.
    The backend is called before anything is written: its refusal leaves the evaluation as it was."""
    from evaluasi.services import EvaluasiError

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
