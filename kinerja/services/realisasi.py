"""Entering quarterly realisations and their evidence (bukti dukung).

A page of entries is saved all or nothing. Each value names the version it was
based on (optimistic concurrency): when someone else saved the same indicator
after the page was opened, the save is refused with who and when, and nothing
is overwritten. Realisations of a quarter that is not in draft (submitted,
verified, approved = locked) are refused. Entries after the fill-in window are
accepted and flagged `terlambat`.

Instead of a value an indicator may be declared "tidak ada kegiatan" with a
reason (kinerja.gates lets such a quarter be submitted; kinerja.pengukuran keeps
its capaian "belum diisi"). A value and the declaration exclude each other.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja import kewajaran
from kinerja.angka import AngkaError, parse_angka_tepat
from kinerja.models import BuktiDukung, Indikator, Realisasi, RencanaAksi, Triwulan
from kinerja.services import KinerjaError
from kinerja.services.triwulan import triwulan_simpan_baris
from sakip import permissions, uploads
from sakip.formatting import format_waktu
from sakip.validators import tolak_karakter_kontrol

TEXT_LIMIT = 4000
TEXT_LABELS = {
    "catatan": "Catatan",
    "hambatan": "Hambatan",
    "upaya": "Upaya / tindak lanjut",
    "alasan_tidak_ada_kegiatan": "Alasan tidak ada kegiatan",
}


@dataclass(frozen=True)
class Entri:
    indikator_id: int
    nilai: str
    catatan: str = ""
    hambatan: str = ""
    upaya: str = ""
    versi: int = 0
    # The person confirmed a value kinerja.kewajaran questions ("Nilai sudah saya periksa").
    konfirmasi: bool = False
    # "Tidak ada kegiatan" instead of a value (None: not on this form, keep what is stored unless a value is given).
    tidak_ada_kegiatan: bool | None = None
    alasan_tidak_ada_kegiatan: str = ""


def _dihitung(indikator: Indikator) -> bool:
    """The indicator's realisation is proposed by the app (kinerja.sumber_data); select_related: no query."""
    try:
        return indikator.sumber_hitung is not None
    except Indikator.sumber_hitung.RelatedObjectDoesNotExist:
        return False


def _check_open(quarter: Triwulan) -> None:
    if quarter.status != Triwulan.Status.DRAFT:
        raise KinerjaError(
            f'Data {quarter.get_triwulan_display()} {quarter.tahun} berstatus "{quarter.get_status_display()}" '
            "dan tidak dapat diubah. Perubahan hanya dapat dilakukan setelah dikembalikan atau dibuka kembali."
        )


def _lock_quarter(quarter: Triwulan) -> Triwulan:
    # Lock the quarter row so a concurrent approval cannot slip between the check and the save.
    locked = Triwulan.objects.select_for_update().get(pk=triwulan_simpan_baris(quarter).pk)
    _check_open(locked)
    return locked


@transaction.atomic
def realisasi_simpan(*, user, quarter: Triwulan, entries: list[Entri]) -> int:
    """Save a page of realisations; returns how many changed. All or nothing."""
    quarter = _lock_quarter(quarter)
    ids = [e.indikator_id for e in entries]
    indicators = {
        i.pk: i
        for i in Indikator.objects.filter(
            pk__in=ids, kecamatan_id=quarter.kecamatan_id, tahun=quarter.tahun
        ).select_related("penanggung_jawab", "sumber_hitung")
    }
    existing = {
        r.indikator_id: r
        for r in Realisasi.objects.select_for_update(of=("self",))
        .filter(indikator_id__in=ids, triwulan=quarter.triwulan)
        .select_related("diisi_oleh")
    }
    targets = dict(
        RencanaAksi.objects.filter(indikator_id__in=ids, triwulan=quarter.triwulan).values_list(
            "indikator_id", "target"
        )
    )
    errors: dict[int, dict[str, str]] = {}
    planned: list[tuple[Indikator, Realisasi | None, Entri, object]] = []
    for entry in entries:
        indikator = indicators.get(entry.indikator_id)
        if indikator is None:
            raise KinerjaError("Indikator tidak ditemukan pada triwulan ini.")
        unit_id = indikator.penanggung_jawab.unit_id if indikator.penanggung_jawab_id else None
        if not permissions.user_can_enter_realisasi(user, indikator, unit_id):
            raise KinerjaError(f'Anda tidak berwenang mengisi indikator "{indikator.uraian}".')
        field_errors = {}
        nilai = level = None
        if indikator.skala_id:
            # Qualitative indicator: the value is one of the scale's levels (e.g. "BB").
            levels = {lv.label.upper(): lv for lv in indikator.skala.levels.all()}
            text = entry.nilai.strip().upper()
            if text and text not in levels:
                field_errors["nilai"] = f"Pilih salah satu tingkat: {', '.join(levels)}."
            level = levels.get(text)
        else:
            try:
                nilai = parse_angka_tepat(entry.nilai)
            except AngkaError as error:
                field_errors["nilai"] = str(error)
        stored = existing.get(indikator.pk)
        if _dihitung(indikator) and not field_errors and nilai != (stored.nilai if stored else None):
            # Its value is decided on the proposal (kinerja.services.usulan), never typed over it here.
            field_errors["nilai"] = (
                "Nilai indikator ini diusulkan aplikasi dari data yang tercatat: konfirmasi usulan atau ganti "
                "dengan alasan pada halaman isian."
            )
        if entry.tidak_ada_kegiatan and not field_errors:
            if nilai is not None or level is not None:
                field_errors["nilai"] = "Isi nilai realisasi atau tandai tidak ada kegiatan, tidak keduanya."
            elif not entry.alasan_tidak_ada_kegiatan.strip():
                field_errors["alasan_tidak_ada_kegiatan"] = "Tuliskan alasan tidak ada kegiatan pada triwulan ini."
        for name in ("catatan", "hambatan", "upaya", "alasan_tidak_ada_kegiatan"):
            text = getattr(entry, name)
            if len(text) > TEXT_LIMIT:
                field_errors[name] = f"Paling banyak {TEXT_LIMIT} karakter."
                continue
            try:
                tolak_karakter_kontrol(text, TEXT_LABELS[name])
            except ValidationError as error:
                field_errors[name] = error.messages[0]
        current = existing.get(indikator.pk)
        current_version = current.versi if current else 0
        if entry.versi != current_version:
            who = current.diisi_oleh.nama if current and current.diisi_oleh else "pengguna lain"
            when = format_waktu(current.diisi_pada) if current and current.diisi_pada else ""
            field_errors["nilai"] = (
                f"Nilai ini telah diubah oleh {who} {('pada ' + when) if when else ''} setelah halaman Anda dibuka. "
                "Muat ulang halaman; nilai Anda tidak disimpan."
            )
        questions = []
        if not field_errors and nilai is not None and (current is None or current.nilai != nilai):
            questions = kewajaran.periksa(
                nilai=nilai, target=targets.get(indikator.pk), satuan=indikator.satuan, diketik=entry.nilai
            )
            if questions and not entry.konfirmasi:
                field_errors["nilai"] = " ".join(questions) + " Periksa kembali, atau tandai bahwa nilai sudah benar."
                field_errors["perlu_konfirmasi"] = "1"
        if field_errors:
            errors[indikator.pk] = field_errors
            continue
        planned.append((indikator, current, entry, (nilai, level, questions)))
    if errors:
        raise KinerjaError("Data belum disimpan: periksa isian yang ditandai.", errors)

    now = timezone.now()
    late = timezone.localdate(now) > quarter.batas_akhir
    changed = 0
    for indikator, current, entry, (nilai, level, questions) in planned:
        values = {
            "nilai": nilai,
            "nilai_level": level,
            "catatan": entry.catatan.strip(),
            "hambatan": entry.hambatan.strip(),
            "upaya": entry.upaya.strip(),
        }
        if entry.tidak_ada_kegiatan is not None:
            values["tidak_ada_kegiatan"] = entry.tidak_ada_kegiatan
            values["alasan_tidak_ada_kegiatan"] = (
                entry.alasan_tidak_ada_kegiatan.strip() if entry.tidak_ada_kegiatan else ""
            )
        elif nilai is not None or level is not None:
            # A value given by a form without the declaration (the workbook) replaces a declaration.
            values["tidak_ada_kegiatan"], values["alasan_tidak_ada_kegiatan"] = False, ""
        if current is not None and all(getattr(current, k) == v for k, v in values.items()):
            continue
        row = current or Realisasi(indikator=indikator, triwulan=quarter.triwulan)
        for key, value in values.items():
            setattr(row, key, value)
        if questions:
            row.kewajaran_catatan, row.kewajaran_oleh, row.kewajaran_pada = "\n".join(questions), user, now
        elif current is None or current.nilai != nilai:
            row.kewajaran_catatan, row.kewajaran_oleh, row.kewajaran_pada = "", None, None
        row.diisi_oleh = user
        row.diisi_pada = now
        row.terlambat = late
        row.versi = (current.versi if current else 0) + 1
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            # Someone created the same realisation between our read and our insert.
            raise KinerjaError(
                f'Nilai indikator "{indikator.uraian}" baru saja diisi oleh orang lain. Muat ulang halaman.'
            ) from None
        changed += 1
    return changed


def _realisasi_for_evidence(*, user, quarter: Triwulan, indikator: Indikator) -> Realisasi:
    unit_id = indikator.penanggung_jawab.unit_id if indikator.penanggung_jawab_id else None
    if not permissions.user_can_enter_realisasi(user, indikator, unit_id):
        raise PermissionDenied(f'Anda tidak berwenang mengunggah bukti untuk "{indikator.uraian}".')
    row, _ = Realisasi.objects.get_or_create(indikator=indikator, triwulan=quarter.triwulan)
    return row


@transaction.atomic
def bukti_unggah(*, user, quarter: Triwulan, indikator: Indikator, berkas) -> BuktiDukung:
    quarter = _lock_quarter(quarter)
    if indikator.kecamatan_id != quarter.kecamatan_id or indikator.tahun != quarter.tahun:
        raise KinerjaError("Indikator tidak termasuk triwulan ini.")
    try:
        content, extension = uploads.check(berkas)
    except uploads.UploadRefused as error:
        raise KinerjaError(error.message) from None
    realisasi = _realisasi_for_evidence(user=user, quarter=quarter, indikator=indikator)
    bukti = BuktiDukung(
        realisasi=realisasi,
        nama_asli=berkas.name[:255],
        jenis_isi=uploads.ALLOWED[extension],
        ukuran=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        diunggah_oleh=user,
    )
    safe_name = f"{bukti.sha256[:16]}.{extension}"
    bukti.berkas.save(safe_name, berkas, save=False)
    bukti.save()
    return bukti


@transaction.atomic
def bukti_hapus(*, user, bukti: BuktiDukung, quarter: Triwulan) -> None:
    _lock_quarter(quarter)
    indikator = bukti.realisasi.indikator
    unit_id = indikator.penanggung_jawab.unit_id if indikator.penanggung_jawab_id else None
    if not permissions.user_can_enter_realisasi(user, indikator, unit_id):
        raise PermissionDenied("Anda tidak berwenang menghapus bukti ini.")
    if bukti.realisasi.triwulan != quarter.triwulan or bukti.realisasi.tahun != quarter.tahun:
        raise KinerjaError("Bukti ini bukan milik triwulan yang dibuka; tidak dihapus.")
    berkas = bukti.berkas
    bukti.delete()  # the locks (kinerja/locks.py, laporan/locks.py) may refuse: the file stays then
    transaction.on_commit(lambda: berkas.storage.delete(berkas.name))
