"""A kabupaten's own version of the nomenclature, uploaded by its administrator (issue 28): upload → preview →
apply or cancel, one transaction each, checked by `sakip.permissions.check_user_can_administer_kabupaten` and
recorded by django-simple-history (`NomenklaturVersi`, with who uploaded, who decided and when).

* The table (XLSX or CSV, one sheet: the named one or the first) passes the one upload gate
  (sakip/uploads.py `check_tabel`) and is read by kinerja/nomenklatur_tabel.py; any problem refuses it as a whole,
  each named with its sheet, row and column, and nothing is stored.
* The preview is kept on the row (`ringkasan`): the codes per level, and against the version in force for its
  first year for this kabupaten (the basis): codes added, codes no longer listed, names changed; and the codes
  already stored in the kabupaten's budgets and Renstra of the years it covers that it does not list (they stay
  as they are; only new or changed codes are checked).
* Applying makes it the kabupaten's version in force for its years from the next check on (newest applied wins
  over the national versions: kinerja/nomenklatur.py `berlaku`). Refused when the page showed another upload
  (`sha256`) or when the basis changed since the preview. A new upload cancels a waiting one.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kinerja import nomenklatur, nomenklatur_tabel
from kinerja.models import Kegiatan, NomenklaturVersi, Program, SubKegiatan
from renstra.models import KegiatanRenstra, ProgramRenstra
from sakip import permissions, uploads
from sakip.errors import Penolakan
from sakip.models import Unit

MAKS_MASALAH = 50
MAKS_DAFTAR = 100
TAHUN_MIN, TAHUN_MAX = 2000, 2100


class NomenklaturDitolak(Penolakan):
    """A refused nomenclature upload or decision (see sakip.errors); for a table, `errors` lists each problem as
    {lembar, baris, kolom, pesan}."""


def _kabupaten(user, kabupaten: Unit) -> None:
    if kabupaten.jenis != Unit.Kind.KABUPATEN:
        raise NomenklaturDitolak("Nomenklatur diganti per kabupaten.")
    permissions.check_user_can_administer_kabupaten(user, kabupaten)


def tertunda(kabupaten: Unit) -> NomenklaturVersi | None:
    return (
        NomenklaturVersi.objects.filter(kabupaten=kabupaten, status=NomenklaturVersi.Status.PRATINJAU)
        .order_by("-pk")
        .first()
    )


def riwayat(kabupaten: Unit):
    """The kabupaten's uploads (every status) and the national versions, newest first."""
    return (
        NomenklaturVersi.objects.filter(Q(kabupaten=kabupaten) | Q(kabupaten__isnull=True))
        .select_related("diunggah_oleh", "diputus_oleh")
        .order_by("-dimuat_pada", "-pk")
    )


def _meta(nama: str, sumber: str, berlaku_mulai, berlaku_sampai) -> dict:
    errors = {}
    nama, sumber = (nama or "").strip(), (sumber or "").strip()
    if not nama:
        errors["nama"] = "Nama versi wajib diisi."
    elif len(nama) > 300:
        errors["nama"] = "Nama versi paling banyak 300 karakter."
    if not sumber:
        errors["sumber"] = "Dasar hukum wajib diisi (mis. Keputusan Menteri Dalam Negeri Nomor … Tahun …)."
    elif len(sumber) > 2000:
        errors["sumber"] = "Dasar hukum paling banyak 2000 karakter."
    if berlaku_mulai is None or not TAHUN_MIN <= berlaku_mulai <= TAHUN_MAX:
        errors["berlaku_mulai"] = f"Isi tahun mulai berlaku ({TAHUN_MIN}–{TAHUN_MAX})."
    if berlaku_sampai is not None:
        if not TAHUN_MIN <= berlaku_sampai <= TAHUN_MAX:
            errors["berlaku_sampai"] = f"Isi tahun akhir berlaku ({TAHUN_MIN}–{TAHUN_MAX}) atau kosongkan."
        elif berlaku_mulai is not None and berlaku_sampai < berlaku_mulai:
            errors["berlaku_sampai"] = "Tahun akhir berlaku tidak boleh sebelum tahun mulai berlaku."
    if errors:
        raise NomenklaturDitolak("Periksa isian.", errors)
    return {"nama": nama, "sumber": sumber, "berlaku_mulai": berlaku_mulai, "berlaku_sampai": berlaku_sampai}


def _tempat(m) -> str:
    return str(m).split(": ", 1)[0]


def _tolak(masalah, lembar: str) -> NomenklaturDitolak:
    first = masalah[0]
    lebih = f" (dan {len(masalah) - 1} kesalahan lain)" if len(masalah) > 1 else ""
    return NomenklaturDitolak(
        f"Berkas ditolak, tidak ada yang disimpan: {_tempat(first)}: {first.pesan.rstrip('.')}{lebih}.",
        [{"lembar": m.lembar, "baris": m.baris, "kolom": m.kolom, "pesan": m.pesan} for m in masalah[:MAKS_MASALAH]],
    )


def _dasar(kabupaten: Unit, tahun: int) -> dict:
    row = nomenklatur.versi_berlaku(tahun, kabupaten_id=kabupaten.pk)
    aturan = nomenklatur.berlaku(tahun, kabupaten_id=kabupaten.pk)
    return {"pk": row["pk"] if row else None, "sebutan": aturan.sebutan, "nama": aturan.nama}


def _tersimpan_tanpa_kode(kabupaten: Unit, entri: dict, mulai: int, sampai: int | None) -> list[dict]:
    """Codes stored in the kabupaten's budgets and Renstra of the covered years that the new list lacks (at
    their level)."""
    tahun = {"tahun__gte": mulai} | ({"tahun__lte": sampai} if sampai is not None else {})
    periode = {"renstra__tahun_akhir__gte": mulai} | ({"renstra__tahun_awal__lte": sampai} if sampai else {})
    found = {}
    sumber = (
        ("program", "anggaran", Program.objects.filter(kecamatan__kabupaten=kabupaten, **tahun)),
        (
            "kegiatan",
            "anggaran",
            Kegiatan.objects.filter(
                program__kecamatan__kabupaten=kabupaten, **{f"program__{k}": v for k, v in tahun.items()}
            ),
        ),
        (
            "sub_kegiatan",
            "anggaran",
            SubKegiatan.objects.filter(
                kegiatan__program__kecamatan__kabupaten=kabupaten,
                **{f"kegiatan__program__{k}": v for k, v in tahun.items()},
            ),
        ),
        ("program", "Renstra", ProgramRenstra.objects.filter(kecamatan__kabupaten=kabupaten, **periode)),
        ("kegiatan", "Renstra", KegiatanRenstra.objects.filter(kecamatan__kabupaten=kabupaten, **periode)),
    )
    for tingkat, tempat, queryset in sumber:
        for kode in queryset.values_list("kode", flat=True).distinct():
            e = entri.get(kode)
            if e is None or e["tingkat"] != tingkat:
                found.setdefault(
                    (kode, tingkat), {"kode": kode, "tingkat": nomenklatur.NAMA_TINGKAT[tingkat], "tempat": set()}
                )["tempat"].add(tempat)
    return [{**f, "tempat": ", ".join(sorted(f["tempat"]))} for f in sorted(found.values(), key=lambda f: f["kode"])]


def _ringkasan(kabupaten: Unit, data: dict, dilewati: int, lembar: str) -> dict:
    baru = {e["kode"]: e for e in data["kode"]}
    dasar = _dasar(kabupaten, data["berlaku_mulai"])
    lama = nomenklatur.berlaku(data["berlaku_mulai"], kabupaten_id=kabupaten.pk).entri
    ditambah = [{**e, "tingkat": nomenklatur.NAMA_TINGKAT[e["tingkat"]]} for k, e in baru.items() if k not in lama]
    hilang = [{"kode": e.kode, "nama": e.nama} for k, e in lama.items() if k not in baru]
    berubah = [
        {"kode": k, "lama": lama[k].nama, "baru": e["nama"]}
        for k, e in baru.items()
        if k in lama and lama[k].nama != e["nama"]
    ]
    dipensiunkan = [e for e in data["kode"] if e.get("berlaku_sampai") is not None]
    tanpa = _tersimpan_tanpa_kode(kabupaten, baru, data["berlaku_mulai"], data["berlaku_sampai"])
    jumlah = {t: sum(1 for e in data["kode"] if e["tingkat"] == t) for t in nomenklatur.TINGKAT}
    return {
        "lembar": lembar,
        "dilewati": dilewati,
        "jumlah": jumlah,
        "dasar": dasar,
        "ditambah": ditambah[:MAKS_DAFTAR],
        "jumlah_ditambah": len(ditambah),
        "hilang": hilang[:MAKS_DAFTAR],
        "jumlah_hilang": len(hilang),
        "berubah": berubah[:MAKS_DAFTAR],
        "jumlah_berubah": len(berubah),
        "dipensiunkan": dipensiunkan[:MAKS_DAFTAR],
        "jumlah_dipensiunkan": len(dipensiunkan),
        "tersimpan_tanpa_kode": tanpa[:MAKS_DAFTAR],
        "jumlah_tersimpan_tanpa_kode": len(tanpa),
    }


def _putuskan(versi: NomenklaturVersi, user, status: str, alasan: str) -> NomenklaturVersi:
    versi.status = status
    versi.diputus_oleh = user
    versi.diputus_pada = timezone.now()
    versi._change_reason = alasan
    versi.save()
    return versi


@transaction.atomic
def unggah(
    *, user, kabupaten: Unit, upload, nama: str, sumber: str, berlaku_mulai, berlaku_sampai=None, lembar: str = ""
) -> NomenklaturVersi:
    """Read the uploaded list and keep it as the kabupaten's waiting version with its preview; refused as a whole
    (every problem with sheet, row and column) when any row is wrong."""
    _kabupaten(user, kabupaten)
    meta = _meta(nama, sumber, berlaku_mulai, berlaku_sampai)
    if upload is None:
        raise NomenklaturDitolak("Pilih berkas daftar nomenklatur.", {"berkas": "Pilih berkas daftar nomenklatur."})
    try:
        content, kind = uploads.check_tabel(upload, what="daftar nomenklatur")
        tabel = nomenklatur_tabel.baca(
            content, kind, upload.name or "nomenklatur", lembar=(lembar or "").strip() or None
        )
    except uploads.UploadRefused as refused:
        raise NomenklaturDitolak(refused.message, {"berkas": refused.message}) from None
    except nomenklatur_tabel.TabelDitolak as refused:
        raise NomenklaturDitolak(str(refused), {"berkas": str(refused)}) from None
    if tabel.masalah:
        raise _tolak(tabel.masalah, tabel.lembar)
    data = {**meta, "kode": tabel.kode}
    try:
        nomenklatur.dari_data(data)
    except nomenklatur.NomenklaturTidakSah as error:  # the reader lets nothing through that this refuses
        raise NomenklaturDitolak(f"Berkas ditolak: {error}") from None
    for waiting in NomenklaturVersi.objects.select_for_update().filter(
        kabupaten=kabupaten, status=NomenklaturVersi.Status.PRATINJAU
    ):
        _putuskan(waiting, user, NomenklaturVersi.Status.DIBATALKAN, "Diganti unggahan baru")
    versi = NomenklaturVersi(
        **meta,
        data=data,
        kabupaten=kabupaten,
        status=NomenklaturVersi.Status.PRATINJAU,
        nama_berkas=(upload.name or "nomenklatur")[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        ringkasan=_ringkasan(kabupaten, data, tabel.dilewati, tabel.lembar),
        diunggah_oleh=user,
    )
    versi._change_reason = "Diunggah untuk pratinjau"
    versi.save()
    return versi


def _tertunda_terkunci(user, kabupaten: Unit) -> NomenklaturVersi:
    _kabupaten(user, kabupaten)
    versi = tertunda(kabupaten)
    if versi is None:
        raise NomenklaturDitolak("Tidak ada daftar nomenklatur yang menunggu penerapan.")
    return NomenklaturVersi.objects.select_for_update().get(pk=versi.pk)


@transaction.atomic
def terapkan(*, user, kabupaten: Unit, sha256: str) -> NomenklaturVersi:
    """Make the waiting version the kabupaten's version in force for its years."""
    versi = _tertunda_terkunci(user, kabupaten)
    if versi.status != NomenklaturVersi.Status.PRATINJAU or sha256 != versi.sha256:
        raise NomenklaturDitolak("Pratinjau yang Anda lihat bukan unggahan terakhir; muat ulang halaman pratinjau.")
    if _dasar(kabupaten, versi.berlaku_mulai)["pk"] != versi.ringkasan.get("dasar", {}).get("pk"):
        raise NomenklaturDitolak(
            "Nomenklatur yang berlaku berubah sejak pratinjau disusun; unggah ulang berkasnya untuk pratinjau baru."
        )
    versi.dimuat_pada = timezone.now()  # the newest applied wins (kinerja/nomenklatur.py `berlaku`)
    return _putuskan(versi, user, NomenklaturVersi.Status.BERLAKU, f"Diterapkan untuk kecamatan di {kabupaten}")


@transaction.atomic
def batalkan(*, user, kabupaten: Unit) -> NomenklaturVersi:
    versi = _tertunda_terkunci(user, kabupaten)
    return _putuskan(versi, user, NomenklaturVersi.Status.DIBATALKAN, "Dibatalkan")
