"""Indicators computed from the app's records: declaring the source, and deciding a quarter's proposal.

The proposal itself is computed in kinerja/sumber_data.py. Deciding it stores the realisation like any
other (kinerja.services.realisasi): the quarter must be a draft (a submitted, verified or approved
quarter is never written — kinerja.locks and laporan.locks hold the same on every path), the person
must answer for the indicator, and the stored row keeps the proposal, its calculation, who decided and
when, and — when the value replaces the proposal — the reason. The records counted are attached as a
workbook (BuktiDukung, `dibuat_aplikasi`), replacing the one of an earlier decision. After that the
quarter follows the normal submit / verify / approve cycle.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kinerja import sumber_data
from kinerja.angka import AngkaError, parse_angka_tepat
from kinerja.models import BuktiDukung, Indikator, Realisasi, SumberHitung, Triwulan
from kinerja.services import KinerjaError
from kinerja.services.realisasi import TEXT_LIMIT, _lock_quarter
from layanan.models import JenisLayanan
from sakip import permissions, uploads
from sakip.formatting import format_angka
from sakip.validators import tolak_karakter_kontrol
from sop.models import Sop

J = SumberHitung.Jenis


def sumber_dari(indikator: Indikator) -> SumberHitung | None:
    """The indicator's declared source (None: entered by hand); no query when select_related."""
    try:
        return indikator.sumber_hitung
    except SumberHitung.DoesNotExist:
        return None


@transaction.atomic
def sumber_hitung_simpan(*, user, indikator: Indikator, jenis: str, sop_ids=(), layanan_ids=()) -> SumberHitung | None:
    """Declare (or, with `jenis` "", withdraw) how the app computes an indicator's realisation.

    Allowed while the PK is established: it is how the indicator is measured, not what the PK agrees
    on. SOPs and services must be the indicator's kecamatan's own.
    """
    permissions.check_user_can(user, "kinerja.edit_pk", indikator)
    if indikator.sasaran.perjanjian.status == "digantikan":
        raise KinerjaError("Indikator ini milik Perjanjian Kinerja yang telah digantikan.")
    current = SumberHitung.objects.select_for_update().filter(indikator=indikator).first()
    if not jenis:
        if current is not None:
            current._change_reason = "sumber perhitungan dihapus: diisi manual"
            current.delete()
        return None
    if jenis not in J.values:
        raise KinerjaError("Periksa isian.", {"jenis": "Pilih sumber perhitungan yang tersedia."})
    if Indikator.objects.filter(pk=indikator.pk).exclude(hitung_dari_pendukung="").exists():
        raise KinerjaError(
            "Periksa isian.",
            {"jenis": "Indikator ini dihitung dari indikator pendukung (PK berjenjang); pilih salah satu sumber saja."},
        )
    errors = {}
    sops = list(Sop.objects.filter(kecamatan_id=indikator.kecamatan_id, pk__in=list(sop_ids)))
    layanan = list(JenisLayanan.objects.filter(kecamatan_id=indikator.kecamatan_id, pk__in=list(layanan_ids)))
    if len(sops) != len(set(sop_ids)) or len(layanan) != len(set(layanan_ids)):
        raise KinerjaError("SOP atau layanan yang dipilih bukan milik kecamatan ini.")
    if jenis == J.IKM:
        if not layanan:
            errors["layanan"] = "Pilih sekurang-kurangnya satu layanan yang disurvei."
        sops = []
    else:
        if not sops:
            errors["sop"] = "Pilih sekurang-kurangnya satu SOP yang pelaksanaannya dihitung."
        layanan = []
    if errors:
        raise KinerjaError("Periksa isian.", errors)
    row = current or SumberHitung(indikator=indikator)
    row.jenis = jenis
    row.pilihan_teks = "; ".join(sorted(str(item) for item in [*sops, *layanan]))
    row.diubah_oleh, row.diubah_pada = user, timezone.now()
    row._change_reason = "sumber perhitungan ditetapkan"
    row.save()
    row.sop.set(sops)
    row.layanan.set(layanan)
    return row


def salin_sumber(mapping: dict[int, Indikator]) -> None:
    """Copy the declared sources to copies of their indicators (PK Perubahan, next year's PK)."""
    for item in SumberHitung.objects.filter(indikator_id__in=list(mapping)).prefetch_related("sop", "layanan"):
        copy = SumberHitung.objects.create(
            indikator=mapping[item.indikator_id], jenis=item.jenis, pilihan_teks=item.pilihan_teks
        )
        copy.sop.set(item.sop.all())
        copy.layanan.set(item.layanan.all())


def _alasan(text: str) -> str:
    text = text.strip()
    if not text:
        raise KinerjaError("Periksa isian.", {"alasan_ganti": "Tuliskan alasan mengganti nilai usulan aplikasi."})
    if len(text) > TEXT_LIMIT:
        raise KinerjaError("Periksa isian.", {"alasan_ganti": f"Paling banyak {TEXT_LIMIT} karakter."})
    try:
        tolak_karakter_kontrol(text, "Alasan mengganti usulan")
    except ValidationError as error:
        raise KinerjaError("Periksa isian.", {"alasan_ganti": error.messages[0]}) from None
    return text


@transaction.atomic
def usulan_putuskan(
    *,
    user,
    quarter: Triwulan,
    indikator: Indikator,
    dilihat: str,
    ganti: bool = False,
    nilai_pengganti: str = "",
    alasan: str = "",
) -> Realisasi:
    """Confirm the app's proposal for a computed indicator in a draft quarter, or replace it with a reason.

    `dilihat` is the digest of the proposal the page showed: when the records changed since (a run
    finished, an answer arrived) the decision is refused and the page shows the new proposal.
    """
    quarter = _lock_quarter(quarter)  # a draft only, row-locked against a concurrent submission
    if indikator.kecamatan_id != quarter.kecamatan_id or indikator.tahun != quarter.tahun:
        raise KinerjaError("Indikator tidak termasuk triwulan ini.")
    unit_id = indikator.penanggung_jawab.unit_id if indikator.penanggung_jawab_id else None
    if not permissions.user_can_enter_realisasi(user, indikator, unit_id):
        raise PermissionDenied(f'Anda tidak berwenang mengisi indikator "{indikator.uraian}".')
    usulan = sumber_data.usulan_kecamatan(
        quarter.kecamatan, quarter.tahun, quarter.triwulan, user=user, indikator_ids=[indikator.pk]
    ).get(indikator.pk)
    if usulan is None:
        raise KinerjaError("Indikator ini diisi manual; tidak ada usulan aplikasi untuk dikonfirmasi.")
    if dilihat != usulan.digest:
        raise KinerjaError(
            "Data sumber berubah sejak halaman dibuka; usulan sekarang: "
            f"{usulan.perhitungan} Periksa kembali lalu putuskan lagi."
        )
    if ganti:
        try:
            nilai = parse_angka_tepat(nilai_pengganti)
        except AngkaError as error:
            raise KinerjaError("Periksa isian.", {"pengganti": str(error)}) from None
        if nilai is None:
            raise KinerjaError("Periksa isian.", {"pengganti": "Isi nilai pengganti."})
        alasan = _alasan(alasan)
    else:
        if usulan.nilai is None:
            raise KinerjaError(
                f"Usulan tidak dapat dihitung: {usulan.perhitungan} Ganti dengan nilai dan alasan, "
                "atau tandai tidak ada kegiatan pada triwulan ini."
            )
        nilai, alasan = usulan.nilai, ""
    now = timezone.now()
    row = Realisasi.objects.select_for_update(of=("self",)).filter(
        indikator=indikator, triwulan=quarter.triwulan
    ).first() or Realisasi(indikator=indikator, triwulan=quarter.triwulan)
    row.nilai, row.nilai_level = nilai, None
    row.tidak_ada_kegiatan, row.alasan_tidak_ada_kegiatan = False, ""
    row.kewajaran_catatan, row.kewajaran_oleh, row.kewajaran_pada = "", None, None
    row.usulan_nilai, row.usulan_perhitungan = usulan.nilai, usulan.perhitungan
    row.usulan_oleh, row.usulan_pada, row.usulan_alasan_ganti = user, now, alasan
    row.diisi_oleh, row.diisi_pada = user, now
    row.terlambat = timezone.localdate(now) > quarter.batas_akhir
    row.versi += 1
    # The history's reason holds 100 characters; the full reason is the row's own `usulan_alasan_ganti`.
    row._change_reason = (
        f"usulan aplikasi {format_angka(usulan.nilai)} diganti (alasan dicatat)"
        if ganti
        else "usulan aplikasi dikonfirmasi"
    )
    row.save()
    _lampirkan(user=user, row=row, usulan=usulan, indikator=indikator, when=now)
    return row


def _lampirkan(*, user, row: Realisasi, usulan: sumber_data.Usulan, indikator: Indikator, when) -> BuktiDukung:
    """Attach the records counted as evidence, replacing the export of an earlier decision."""
    for old in BuktiDukung.objects.filter(realisasi=row, dibuat_aplikasi=True):
        berkas = old.berkas
        old.delete()  # the locks may refuse (a signed report): the whole decision is rolled back then
        transaction.on_commit(lambda berkas=berkas: berkas.storage.delete(berkas.name))
    content = sumber_data.ekspor_xlsx(usulan, indikator=indikator, kecamatan=row.indikator.kecamatan)
    digest = hashlib.sha256(content).hexdigest()
    bukti = BuktiDukung(
        realisasi=row,
        nama_asli=sumber_data.nama_berkas(usulan),
        jenis_isi=uploads.ALLOWED["xlsx"],
        ukuran=len(content),
        sha256=digest,
        diunggah_oleh=user,
        dibuat_aplikasi=True,
    )
    bukti.berkas.save(f"{digest[:16]}.xlsx", ContentFile(content), save=False)
    bukti.save()
    return bukti
