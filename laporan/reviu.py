"""Reviu LKIP: the Inspektorat's review of a submitted LKIP before the Camat signs it.

Source: PermenPAN-RB 53/2014 (the Laporan Kinerja is reviewed by the APIP, the Inspektorat, before it is
signed and sent; the LKIP then carries the APIP's "Pernyataan Telah Direviu") and DESIGN.md's domain rules.
The statement's wording follows the one printed in published LKIPs: the review gives limited assurance that
the report is accurate, reliable and valid; its substance is the management's responsibility.

Flow (each step one transaction, checked by sakip.permissions, action "laporan.reviu" for the EVALUATOR of
the kecamatan's kabupaten):

* The Kasubbag submits the LKIP (laporan.services.ajukan renders the file the Camat will sign). Where the
  kabupaten requires a review (`Unit.wajib_reviu_lkip`, Pengaturan Kabupaten), laporan.gates refuses the
  Camat's signature until a review is done (`belum_direviu`, the one rule).
* The evaluator opens the submitted file, ticks the checklist (DAFTAR_PERIKSA; the app shows what it finds
  for each item, `temuan_aplikasi`) and writes notes per chapter (`reviu_simpan`).
* Either the evaluator returns the LKIP with a reason (`reviu_kembalikan`: back to draft, the reason in
  ReportRiwayat where the Kasubbag's Beranda shows it, the submitted file discarded), or signs the statement
  (`reviu_selesai`, password again): every checklist item must be ticked; the statement page (with the
  SHA-256 of the file reviewed and a public verification code) is rendered and appended to the submitted
  file, so the Camat reads, and signs, the LKIP with the statement inside.
* Any return to draft voids a review in progress or done (laporan.services.ke_draf calls `batalkan`).

The statement is signed under the Inspektur's title (a position, "INSPEKTUR KABUPATEN BALANGAN", or the acting
title of a Plt./Plh.; sakip/inspektur.py), dated at the kabupaten's capital (`Unit.ibukota`, "Paringin").
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from laporan import events
from laporan.models import NaskahDiajukan, Report, Reviu
from sakip import inspektur, tanda_tangan
from sakip.permissions import acting_title, check_user_can
from sakip.roles import Role
from sakip.validators import pesan_karakter_kontrol

MAX_TEKS = 5000

# The reviewer's checklist (the review's scope in DESIGN.md and issue 15).
DAFTAR_PERIKSA: list[tuple[str, str]] = [
    ("konsistensi", "Data dalam LKIP konsisten dengan data kinerja yang telah disetujui"),
    ("kelengkapan", "Seluruh bab LKIP lengkap sesuai PermenPAN-RB 53/2014"),
    ("rumus", "Capaian dihitung dengan rumus yang dinyatakan (realisasi terhadap target, polaritas indikator)"),
    ("bukti", "Bukti dukung realisasi tersedia"),
]

# Notes per chapter of the LKIP (laporan.documents.LKIP_CHAPTERS without the table of contents).
BAB: list[tuple[str, str]] = [
    ("kata_pengantar", "Kata Pengantar"),
    ("ikhtisar", "Ikhtisar Eksekutif"),
    ("bab1", "BAB I Pendahuluan"),
    ("bab2", "BAB II Perencanaan Kinerja"),
    ("bab3", "BAB III Akuntabilitas Kinerja"),
    ("bab4", "BAB IV Penutup"),
    ("lampiran", "Lampiran"),
]


def _error(message: str | dict):
    from laporan.services import LaporanError

    return LaporanError(message)


def wajib(report: Report) -> bool:
    """Whether this report needs the Inspektorat's review before signing (an LKIP, where the kabupaten says so)."""
    if report.kind != Report.Kind.LKIP:
        return False
    kabupaten = report.kecamatan.kabupaten
    return bool(kabupaten and kabupaten.wajib_reviu_lkip)


def terakhir(report: Report) -> Reviu | None:
    """The review of the current submission (in progress or done), if any."""
    return (
        Reviu.objects.filter(report=report, status__in=[Reviu.Status.BERLANGSUNG, Reviu.Status.SELESAI])
        .select_related("reviewer")
        .first()
    )


def selesai(report: Report) -> bool:
    return Reviu.objects.filter(report=report, status=Reviu.Status.SELESAI).exists()


def belum_direviu(report: Report) -> list[str]:
    """The gate's rule (laporan.gates): a submitted LKIP that must be reviewed and is not yet."""
    if wajib(report) and not selesai(report):
        return ["LKIP wajib direviu Inspektorat sebelum ditandatangani; reviu belum selesai."]
    return []


@dataclass(frozen=True)
class Temuan:
    """What the app finds for a checklist item, and whether that contradicts ticking it as met."""

    teks: str
    bertentangan: bool = False

    def __str__(self) -> str:
        return self.teks


def temuan_aplikasi(report: Report, naskah: NaskahDiajukan | None) -> dict[str, Temuan]:
    """What the app finds for each checklist item, shown beside it (the reviewer still decides; ticking an item
    the finding contradicts needs a written reason, printed in the statement: `alasan_wajib`)."""
    from kinerja.models import BuktiDukung, Realisasi
    from laporan import gates, pdf

    found = {}
    if naskah is None:
        found["konsistensi"] = Temuan("Naskah belum dirender (belum ada Camat definitif); periksa pratinjau.", True)
    elif pdf.naskah_digest(report, naskah.ttd) == naskah.html_sha256:
        found["konsistensi"] = Temuan("Data saat ini sama dengan data pada naskah yang diajukan.")
    else:
        found["konsistensi"] = Temuan("Data berubah setelah naskah diajukan: kembalikan agar diajukan ulang.", True)
    kosong = gates.bagian_belum_diisi(report)
    belum = gates.triwulan_belum_disetujui(report)
    found["kelengkapan"] = (
        Temuan("Seluruh bagian naratif terisi dan keempat triwulan disetujui.")
        if not kosong and not belum
        else Temuan(f"{len(kosong)} bagian kosong, {len(belum)} triwulan belum disetujui.", True)
    )
    found["rumus"] = Temuan("Capaian dihitung aplikasi (kinerja.capaian, PermenPAN-RB 53/2014); lihat Bab III.")
    terisi = Realisasi.objects.filter(kecamatan_id=report.kecamatan_id, tahun=report.tahun).exclude(
        nilai=None, nilai_level=None
    )
    jumlah = terisi.count()
    berbukti = BuktiDukung.objects.filter(realisasi__in=terisi).values("realisasi_id").distinct().count()
    found["bukti"] = Temuan(f"{berbukti} dari {jumlah} realisasi terisi memiliki bukti dukung.", berbukti < jumlah)
    return found


def alasan_wajib(temuan: dict[str, Temuan], periksa: dict[str, bool], alasan: dict[str, str]) -> dict[str, str]:
    """The gate of a checklist ticked against the app's own finding: {field: message} for each item ticked as
    met where the finding contradicts it and no reason is written ({} = the statement may be signed). The
    reason is printed in the statement beside the item."""
    errors = {}
    for key, label in DAFTAR_PERIKSA:
        found = temuan.get(key)
        if periksa.get(key) and found is not None and found.bertentangan and not (alasan.get(key) or "").strip():
            errors[f"alasan_periksa_{key}"] = (
                f'"{label}" dicentang terpenuhi, padahal aplikasi menemukan: {found.teks} Tuliskan alasannya; '
                "alasan itu dicetak dalam Pernyataan Telah Direviu."
            )
    return errors


def _lock(report_id: int) -> Report:
    # Only the report's row is locked: PostgreSQL refuses FOR UPDATE on the nullable side of the join.
    return Report.objects.select_for_update(of=("self",)).select_related("kecamatan__kabupaten").get(pk=report_id)


def _siap_direviu(report: Report) -> NaskahDiajukan:
    if report.kind != Report.Kind.LKIP or report.status != Report.Status.DIAJUKAN:
        raise _error("Hanya LKIP yang telah diajukan kepada Camat yang dapat direviu.")
    naskah = NaskahDiajukan.objects.filter(report=report).first()
    from laporan import gates  # gates imports this module (the review gate)

    if naskah is None and (belum_siap := gates.naskah_belum_siap(report)):
        raise _error(belum_siap[0])  # the worker's rendering (laporan.penyusunan): one rule, as for signing
    if naskah is None:
        raise _error("Naskah LKIP belum tersedia untuk direviu (belum ada Camat definitif yang tercetak).")
    return naskah


def _bersih(teks: str, label: str, field: str) -> str:
    teks = (teks or "").strip()
    if len(teks) > MAX_TEKS:
        raise _error({field: f"{label} terlalu panjang (maksimal {MAX_TEKS} karakter)."})
    if message := pesan_karakter_kontrol(teks, label):
        raise _error({field: message})
    return teks


def _aktif(report: Report, user, naskah: NaskahDiajukan) -> Reviu:
    reviu = Reviu.objects.select_for_update().filter(report=report, status=Reviu.Status.BERLANGSUNG).first()
    if reviu is None:
        if Reviu.objects.filter(report=report, status=Reviu.Status.SELESAI).exists():
            raise _error("LKIP ini telah selesai direviu.")
        reviu = Reviu.objects.create(report=report, reviewer=user, naskah_sha256=naskah.sha256)
    return reviu


def _isi(reviu: Reviu, user, periksa: dict[str, bool], catatan: dict[str, str], alasan_periksa=None) -> None:
    """The checklist, the notes per chapter and the reasons given for items ticked against the app's finding,
    as typed (each text checked, naming its field). Reasons are kept beside the notes as `alasan_<item>`."""
    alasan_periksa = alasan_periksa or {}
    reviu.periksa = {key: bool(periksa.get(key)) for key, _ in DAFTAR_PERIKSA}
    reviu.catatan = {
        key: teks for key, label in BAB if (teks := _bersih(catatan.get(key, ""), f"Catatan {label}", f"catatan_{key}"))
    }
    for key, label in DAFTAR_PERIKSA:
        if teks := _bersih(alasan_periksa.get(key, ""), f"Alasan {label}", f"alasan_periksa_{key}"):
            reviu.catatan[f"alasan_{key}"] = teks
    reviu.reviewer = user


@transaction.atomic
def reviu_simpan(
    *, user, report_id: int, periksa: dict[str, bool], catatan: dict[str, str], alasan_periksa=None
) -> Reviu:
    """Save the checklist, the notes per chapter and the reasons per item (the review stays open)."""
    report = _lock(report_id)
    check_user_can(user, "laporan.reviu", report)
    naskah = _siap_direviu(report)
    reviu = _aktif(report, user, naskah)
    _isi(reviu, user, periksa, catatan, alasan_periksa)
    reviu.save(update_fields=["periksa", "catatan", "reviewer"])
    return reviu


@transaction.atomic
def reviu_kembalikan(
    *, user, report_id: int, alasan: str, periksa: dict[str, bool] | None = None, catatan: dict[str, str] | None = None
) -> Reviu:
    """Return the LKIP to the Kasubbag with a reason: back to draft (laporan.services.ke_draf, the one way a
    report is returned), the review kept as `dikembalikan` with its notes."""
    from laporan import services

    report = _lock(report_id)
    check_user_can(user, "laporan.reviu", report)
    naskah = _siap_direviu(report)
    alasan = services.alasan_pengembalian(alasan)
    reviu = _aktif(report, user, naskah)
    if catatan is not None:
        _isi(reviu, user, periksa or reviu.periksa, catatan)
    reviu.status = Reviu.Status.DIKEMBALIKAN
    reviu.alasan = alasan
    reviu.reviewer = user
    reviu.selesai_pada = timezone.now()
    reviu.save(update_fields=["status", "alasan", "periksa", "catatan", "reviewer", "selesai_pada"])
    services.ke_draf(report, user=user, nama="kembalikan_reviu", alasan=alasan, dicatat=f"Reviu Inspektorat: {alasan}")
    return reviu


# The statement is one page; the LKIP submitted for review counts it in its "Halaman n dari N" (laporan/pdf.py).
HALAMAN_PERNYATAAN = 1


def jabatan_reviewer(report: Report, user=None) -> str:
    """The statement is given under the title of the Inspektur (sakip/inspektur.py: "INSPEKTUR KABUPATEN
    BALANGAN"), a position and not the institution. The Inspektur (or its Plt./Plh.) signs under that title; an
    auditor reviewing for the Inspektorat signs "a.n." (atas nama) the Inspektur under their own position, never
    as if holding a position they do not hold. The institution only while the kabupaten marks no Inspektur."""
    kabupaten = report.kecamatan.kabupaten
    position = inspektur.jabatan(kabupaten)
    if position is None:
        return f"INSPEKTORAT {kabupaten.nama.upper()}" if kabupaten else "INSPEKTORAT"
    if user is None or inspektur.pemegang(user, kabupaten) is not None:
        return inspektur.judul_untuk(user, kabupaten) if user is not None else inspektur.judul(position, kabupaten)
    own = acting_title(user, report, Role.EVALUATOR) or (user.jabatan.nama.upper() if user.jabatan_id else "")
    return f"a.n. {inspektur.judul(position, kabupaten)}\n{own}".strip()[:200]


def tempat(report: Report) -> str:
    """Where the statement is given: the kabupaten's capital (Unit.ibukota), else its name."""
    kabupaten = report.kecamatan.kabupaten
    if kabupaten is None:
        return report.kecamatan.nama
    return kabupaten.ibukota or kabupaten.nama


def pernyataan_html(reviu: Reviu, *, tanggal, url: str) -> str:
    from laporan.signing import qr_svg_data_uri

    report = reviu.report
    return render_to_string(
        "laporan/dokumen/pernyataan_reviu.html",
        {
            "report": report,
            "kecamatan": report.kecamatan,
            "reviu": reviu,
            "periksa": [
                (label, reviu.periksa.get(key, False), reviu.catatan.get(f"alasan_{key}", ""))
                for key, label in DAFTAR_PERIKSA
            ],
            "tanggal": tanggal,
            "tempat": tempat(report),
            "url": url,
            "qr": qr_svg_data_uri(url),
        },
    )


def gabung(pdf: bytes, tambahan: bytes) -> bytes:
    """`pdf` followed by the pages of `tambahan` (the statement), one file."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.append(io.BytesIO(tambahan), import_outline=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def reviu_selesai(
    *, user, report_id: int, password: str, periksa: dict[str, bool], catatan: dict[str, str], alasan_periksa=None
) -> Reviu:
    """Sign the "Pernyataan Telah Direviu": its page is appended to the file the Camat will sign. The password
    is checked once (sakip.tanda_tangan, throttled) before the transaction opens."""
    check_user_can(user, "laporan.reviu", Report.objects.only("kecamatan_id").get(pk=report_id))
    try:
        tanda_tangan.periksa_kata_sandi(user, password, dokumen=f"reviu laporan {report_id}")
    except tanda_tangan.KataSandiDitolak as error:
        raise _error(error.errors) from None
    return _reviu_selesai(
        user=user, report_id=report_id, periksa=periksa, catatan=catatan, alasan_periksa=alasan_periksa or {}
    )


@transaction.atomic
def _reviu_selesai(
    *, user, report_id: int, periksa: dict[str, bool], catatan: dict[str, str], alasan_periksa: dict[str, str]
) -> Reviu:
    from laporan import pdf, signing

    report = _lock(report_id)
    check_user_can(user, "laporan.reviu", report)
    naskah = _siap_direviu(report)
    reviu = _aktif(report, user, naskah)
    _isi(reviu, user, periksa, catatan, alasan_periksa)
    belum = [label for key, label in DAFTAR_PERIKSA if not reviu.periksa[key]]
    if belum:
        raise _error(
            "Pernyataan Telah Direviu hanya dapat ditandatangani bila seluruh daftar periksa terpenuhi; "
            f"belum: {'; '.join(belum)}. Bila ada yang tidak terpenuhi, kembalikan LKIP dengan alasannya."
        )
    if pdf.naskah_digest(report, naskah.ttd) != naskah.html_sha256:
        raise _error("Data LKIP berubah setelah diajukan: kembalikan agar diajukan ulang dengan data terbaru.")
    alasan = {key: reviu.catatan.get(f"alasan_{key}", "") for key, _ in DAFTAR_PERIKSA}
    if errors := alasan_wajib(temuan_aplikasi(report, naskah), reviu.periksa, alasan):
        raise _error(errors)
    now = timezone.now()
    reviu.nama_reviewer = user.nama
    reviu.nip_reviewer = user.nip_cetak
    reviu.jabatan_reviewer = jabatan_reviewer(report, user)
    reviu.naskah_sha256 = naskah.sha256
    url = signing.verification_url(reverse("laporan:verifikasi", args=[reviu.kode_verifikasi]))
    # The statement's page continues the numbering of the file it is appended to.
    berikut = len(PdfReader(io.BytesIO(bytes(naskah.pdf))).pages) + 1
    halaman = pdf.write_pdf(
        pernyataan_html(reviu, tanggal=timezone.localdate(now), url=url),
        report.judul,
        mulai=berikut,
        total=berikut + HALAMAN_PERNYATAAN - 1,
    )
    gabungan = gabung(bytes(naskah.pdf), halaman)
    naskah.pdf = gabungan
    naskah.sha256 = hashlib.sha256(gabungan).hexdigest()
    naskah.save(update_fields=["pdf", "sha256"])
    reviu.pernyataan_pdf = halaman
    reviu.status = Reviu.Status.SELESAI
    reviu.selesai_pada = now
    reviu.save()
    events.reviu_selesai.send(sender=Report, report=report, oleh=user)
    return reviu


def batalkan(report: Report) -> None:
    """The Camat returned the LKIP: a review in progress or done no longer applies (called in that transaction)."""
    # Row by row, not a bulk update: each voided review keeps a history row saying why.
    for reviu in Reviu.objects.filter(report=report, status__in=[Reviu.Status.BERLANGSUNG, Reviu.Status.SELESAI]):
        reviu.status = Reviu.Status.BATAL
        reviu._change_reason = "Dibatalkan: LKIP dikembalikan oleh Camat"
        reviu.save(update_fields=["status"])
