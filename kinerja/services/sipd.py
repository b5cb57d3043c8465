"""The budget from SIPD-RI: upload an export, preview what it changes, apply it in one transaction, or cancel.

* **Every code is checked** against the nomenclature in force for the year (kinerja/nomenklatur.py): a code that is
  unknown, retired or not under its parent is listed with its sheet, row and column, and nothing is saved.
* **DPA** (programmes, kegiatan, sub kegiatan, pagu): new ones are created (a programme or kegiatan the file
  does not print gets the nomenclature's name), names and pagu follow the file; a pagu below what is already
  realised or planned is refused; sub kegiatan the app holds but the file lacks are listed, never deleted
  (they may carry realisations and indicator links).
* **Register SP2D** (realisation): the SP2D amounts are summed per sub kegiatan and quarter (by the SP2D date);
  only the quarters present in the file are set; a quarter that is no longer a draft (submitted, verified,
  approved, or under a signed report) is never changed: a difference there is listed as a notice. A sub
  kegiatan not yet in the budget is refused ("impor DPA dahulu"); a year's realisation above the pagu too.
* **What is applied is what was previewed**: the file is kept (`ImporSipd.isi`) with the preview's changes;
  applying recomputes them from the file and refuses when they differ (someone changed the budget since).
  Applying goes through the same rules as the pages (`realisasi_anggaran_simpan` for the quarters), as the
  person who applies, in one transaction, recorded in the history ("Impor SIPD …").
Who: `kinerja.edit_anggaran` of the kecamatan (the Kasubbag Perencanaan, the Kasubbag Umum/Keuangan).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from kinerja import nomenklatur, sipd
from kinerja.excel import Masalah
from kinerja.models import AnggaranTriwulan, ImporSipd, Kegiatan, Program, SubKegiatan, Triwulan
from kinerja.services import KinerjaError
from kinerja.services import anggaran as anggaran_services
from kinerja.services.triwulan import triwulan_get_or_create
from sakip import periode, permissions, uploads
from sakip.formatting import format_angka


class ImporSipdDitolak(KinerjaError):
    """A SIPD file refused: one message, and the problems with sheet, row and column (`masalah`)."""

    def __init__(self, message: str, masalah: list[Masalah] | None = None):
        super().__init__(message, {"berkas": message})
        self.masalah = masalah or []


@dataclass
class Pratinjau:
    perubahan: list[dict] = field(default_factory=list)  # what applying does, in order (JSON-able)
    catatan: list[str] = field(default_factory=list)  # what it will not do, and why


def _rp(value) -> str:
    return "–" if value is None else f"Rp {format_angka(value, 2)}"


def _tolak_jika(masalah: list[Masalah], lembar: str) -> None:
    if masalah:
        raise ImporSipdDitolak(
            f"Berkas belum dapat diterapkan: {len(masalah)} masalah pada lembar {lembar}. Tidak ada yang disimpan.",
            masalah,
        )


def _baca(kecamatan, tahun: int, jenis: str, content: bytes, kind: str, nama: str) -> sipd.Bacaan:
    try:
        bacaan = sipd.baca(content, kind, nama, jenis)
    except sipd.BerkasSipdDitolak as error:
        raise ImporSipdDitolak(str(error)) from None
    aturan = nomenklatur.berlaku(tahun, kecamatan.pk)
    kode_kolom = bacaan.kolom["kode"]
    for row in bacaan.baris:
        tingkat = row.tingkat if jenis == "dpa" else "sub_kegiatan"
        if message := aturan.periksa(row.kode, tingkat, tahun):
            bacaan.masalah.append(Masalah(bacaan.lembar, row.baris, kode_kolom, message))
    return bacaan


def _tersimpan(kecamatan, tahun):
    programs = {p.kode: p for p in Program.objects.filter(kecamatan=kecamatan, tahun=tahun)}
    kegiatan = {k.kode: k for k in Kegiatan.objects.filter(program__in=programs.values())}
    subs = {
        s.kode: s
        for s in SubKegiatan.objects.filter(kegiatan__in=kegiatan.values())
        .annotate(direalisasi=Sum("anggaran__realisasi"), direncanakan=Sum("anggaran__rencana"))
        .order_by("kode")
    }
    return programs, kegiatan, subs


def _pratinjau_dpa(kecamatan, tahun, bacaan: sipd.Bacaan) -> Pratinjau:
    hasil, masalah = Pratinjau(), bacaan.masalah
    aturan = nomenklatur.berlaku(tahun, kecamatan.pk)
    programs, kegiatan, subs = _tersimpan(kecamatan, tahun)
    names = {row.kode: row.uraian for row in bacaan.baris}
    seen = {}
    for row in bacaan.baris:
        if row.kode in seen:
            masalah.append(
                Masalah(bacaan.lembar, row.baris, bacaan.kolom["kode"], f"tercantum juga di baris {seen[row.kode]}.")
            )
        seen.setdefault(row.kode, row.baris)
    _tolak_jika(masalah, bacaan.lembar)

    def nama(kode):
        return names.get(kode) or aturan.nama_kode(kode)

    created = set()
    for row in (r for r in bacaan.baris if r.tingkat == "sub_kegiatan"):
        kode_keg = nomenklatur.induk(row.kode)
        kode_prog = nomenklatur.induk(kode_keg)
        for kode, tingkat, stored in ((kode_prog, "program", programs), (kode_keg, "kegiatan", kegiatan)):
            if kode not in stored and kode not in created:
                created.add(kode)
                hasil.perubahan.append({"aksi": f"{tingkat}_baru", "kode": kode, "nama": nama(kode)})
        sub = subs.get(row.kode)
        uraian = row.uraian or aturan.nama_kode(row.kode)
        if sub is None:
            hasil.perubahan.append({"aksi": "sub_baru", "kode": row.kode, "nama": uraian, "pagu": str(row.pagu)})
            continue
        batas = max(sub.direalisasi or Decimal(0), sub.direncanakan or Decimal(0))
        if row.pagu < batas:
            masalah.append(
                Masalah(
                    bacaan.lembar,
                    row.baris,
                    bacaan.kolom["pagu"],
                    f"pagu {_rp(row.pagu)} lebih kecil dari rencana/realisasi yang sudah tercatat ({_rp(batas)}).",
                )
            )
        elif row.pagu != sub.pagu:
            hasil.perubahan.append(
                {"aksi": "ubah_pagu", "kode": row.kode, "nama": sub.nama, "lama": str(sub.pagu), "baru": str(row.pagu)}
            )
        if row.uraian and row.uraian != sub.nama:
            hasil.perubahan.append({"aksi": "ubah_nama", "kode": row.kode, "lama": sub.nama, "baru": row.uraian})
    for row in (r for r in bacaan.baris if r.tingkat != "sub_kegiatan"):
        stored = (programs if row.tingkat == "program" else kegiatan).get(row.kode)
        if stored is not None and row.uraian and row.uraian != stored.nama:
            hasil.perubahan.append({"aksi": "ubah_nama", "kode": row.kode, "lama": stored.nama, "baru": row.uraian})
    _tolak_jika(masalah, bacaan.lembar)
    hilang = sorted(set(subs) - {r.kode for r in bacaan.baris})
    for kode in hilang:
        hasil.catatan.append(
            f"Sub kegiatan {kode} {subs[kode].nama} tidak ada di DPA; tetap tersimpan (tidak dihapus)."
        )
    return hasil


def _pratinjau_sp2d(kecamatan, tahun, bacaan: sipd.Bacaan) -> Pratinjau:
    hasil, masalah = Pratinjau(), bacaan.masalah
    _programs, _kegiatan, subs = _tersimpan(kecamatan, tahun)
    jumlah = defaultdict(Decimal)
    for row in bacaan.baris:
        if row.tanggal.year != tahun:
            masalah.append(
                Masalah(
                    bacaan.lembar,
                    row.baris,
                    bacaan.kolom["tanggal"],
                    f"SP2D tanggal {row.tanggal:%d-%m-%Y} bukan tahun {tahun}.",
                )
            )
        elif row.kode not in subs:
            masalah.append(
                Masalah(
                    bacaan.lembar,
                    row.baris,
                    bacaan.kolom["kode"],
                    f"sub kegiatan {row.kode} belum ada di anggaran kecamatan tahun {tahun}; impor DPA dahulu.",
                )
            )
        else:
            jumlah[(row.kode, (row.tanggal.month - 1) // 3 + 1)] += row.nilai
    _tolak_jika(masalah, bacaan.lembar)
    quarters = {q.triwulan: q for q in Triwulan.objects.filter(kecamatan=kecamatan, tahun=tahun)}
    stored = {
        (a.sub_kegiatan.kode, a.triwulan): a.realisasi
        for a in AnggaranTriwulan.objects.filter(sub_kegiatan__in=subs.values()).select_related("sub_kegiatan")
    }
    setahun = defaultdict(Decimal)
    for (kode, _tw), value in stored.items():
        setahun[kode] += value or 0
    for (kode, tw), value in sorted(jumlah.items()):
        lama = stored.get((kode, tw))
        setahun[kode] += value - (lama or 0)
        if lama == value:
            continue
        quarter = quarters.get(tw)
        if quarter is not None and quarter.status != Triwulan.Status.DRAFT:
            hasil.catatan.append(
                f"{periode.tw(tw, tahun)} berstatus {quarter.get_status_display().lower()}: realisasi {kode} tidak diubah "
                f"(aplikasi {_rp(lama)}, SP2D {_rp(value)})."
            )
            setahun[kode] -= value - (lama or 0)
            continue
        hasil.perubahan.append(
            {
                "aksi": "realisasi",
                "kode": kode,
                "nama": subs[kode].nama,
                "triwulan": tw,
                "lama": None if lama is None else str(lama),
                "baru": str(value),
            }
        )
    for kode, total in sorted(setahun.items()):
        if kode in subs and total > subs[kode].pagu:
            masalah.append(
                Masalah(
                    bacaan.lembar,
                    None,
                    bacaan.kolom["nilai"],
                    f"realisasi setahun {kode} ({_rp(total)}) melebihi pagu ({_rp(subs[kode].pagu)}).",
                )
            )
    _tolak_jika(masalah, bacaan.lembar)
    return hasil


def pratinjau_dari(impor: ImporSipd) -> Pratinjau:
    kind = "xlsx" if bytes(impor.isi[:4]) == b"PK\x03\x04" else "csv"
    bacaan = _baca(impor.kecamatan, impor.tahun, impor.jenis, bytes(impor.isi), kind, impor.nama_berkas)
    hitung = _pratinjau_dpa if impor.jenis == ImporSipd.Jenis.DPA else _pratinjau_sp2d
    return hitung(impor.kecamatan, impor.tahun, bacaan)


@transaction.atomic
def unggah(*, user, kecamatan, tahun: int, jenis: str, upload) -> ImporSipd:
    """Keep an upload and its preview (refused with its problems when any code or amount is wrong)."""
    permissions.check_user_can(user, "kinerja.edit_anggaran", kecamatan)
    if jenis not in ImporSipd.Jenis.values:
        raise ImporSipdDitolak("Pilih jenis berkas SIPD.")
    try:
        content, kind = uploads.check_tabel(upload, what="ekspor SIPD-RI")
    except uploads.UploadRefused as error:
        raise ImporSipdDitolak(error.message) from None
    impor = ImporSipd(
        kecamatan=kecamatan,
        tahun=tahun,
        jenis=jenis,
        nama_berkas=(upload.name or "sipd")[:200],
        isi=content,
        sidik=hashlib.sha256(content).hexdigest(),
        diunggah_oleh=user,
    )
    impor.perubahan = (_pratinjau_dpa if jenis == "dpa" else _pratinjau_sp2d)(
        kecamatan, tahun, _baca(kecamatan, tahun, jenis, content, kind, impor.nama_berkas)
    ).perubahan
    impor.save()
    return impor


def _putuskan(user, impor: ImporSipd, status: str) -> ImporSipd:
    impor = ImporSipd.objects.select_for_update().get(pk=impor.pk)
    permissions.check_user_can(user, "kinerja.edit_anggaran", impor.kecamatan)
    if impor.status != ImporSipd.Status.PRATINJAU:
        raise ImporSipdDitolak(f"Impor ini sudah {impor.get_status_display().lower()}.")
    impor.status, impor.diputus_oleh, impor.diputus_pada = status, user, timezone.now()
    return impor


@transaction.atomic
def batalkan(*, user, impor: ImporSipd) -> ImporSipd:
    impor = _putuskan(user, impor, ImporSipd.Status.DIBATALKAN)
    impor._change_reason = "Impor SIPD dibatalkan"
    impor.save()
    return impor


@transaction.atomic
def terapkan(*, user, impor: ImporSipd) -> int:
    """Apply the previewed changes (recomputed from the kept file; refused if they moved); returns how many."""
    impor = _putuskan(user, impor, ImporSipd.Status.DITERAPKAN)
    sekarang = pratinjau_dari(impor)
    if sekarang.perubahan != impor.perubahan:
        raise ImporSipdDitolak(
            "Anggaran kecamatan berubah sejak pratinjau dibuat. Unggah ulang berkas untuk melihat perubahan terbaru."
        )
    alasan = f"Impor SIPD ({impor.get_jenis_display().split(':')[0]}, {impor.nama_berkas}, SHA-256 {impor.sidik[:12]})"
    if impor.jenis == ImporSipd.Jenis.DPA:
        _terapkan_dpa(impor, sekarang.perubahan, alasan)
    else:
        _terapkan_sp2d(user, impor, sekarang.perubahan)
    impor._change_reason = alasan
    impor.save()
    return len(sekarang.perubahan)


def _terapkan_dpa(impor: ImporSipd, perubahan: list[dict], alasan: str) -> None:
    programs, kegiatan, subs = _tersimpan(impor.kecamatan, impor.tahun)
    for item in perubahan:
        kode, aksi = item["kode"], item["aksi"]
        if aksi == "program_baru":
            obj = programs[kode] = Program(kecamatan=impor.kecamatan, tahun=impor.tahun, kode=kode, nama=item["nama"])
        elif aksi == "kegiatan_baru":
            obj = kegiatan[kode] = Kegiatan(program=programs[nomenklatur.induk(kode)], kode=kode, nama=item["nama"])
        elif aksi == "sub_baru":
            obj = subs[kode] = SubKegiatan(
                kegiatan=kegiatan[nomenklatur.induk(kode)], kode=kode, nama=item["nama"], pagu=Decimal(item["pagu"])
            )
        else:
            obj = subs.get(kode) or kegiatan.get(kode) or programs[kode]
            if aksi == "ubah_pagu":
                obj.pagu = Decimal(item["baru"])
            else:
                obj.nama = item["baru"]
        obj._change_reason = alasan
        obj.save()


def _terapkan_sp2d(user, impor: ImporSipd, perubahan: list[dict]) -> None:
    subs = _tersimpan(impor.kecamatan, impor.tahun)[2]
    per_triwulan = defaultdict(list)
    for item in perubahan:
        per_triwulan[item["triwulan"]].append(
            anggaran_services.RealisasiAnggaran(subs[item["kode"]].pk, format_angka(Decimal(item["baru"]), 2))
        )
    for tw, entries in sorted(per_triwulan.items()):
        quarter = triwulan_get_or_create(kecamatan=impor.kecamatan, tahun=impor.tahun, triwulan=tw)
        anggaran_services.realisasi_anggaran_simpan(user=user, quarter=quarter, entries=entries)
