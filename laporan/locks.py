"""Data under a signed report refuses change.

While a signed or submitted report (triwulan, semester or LKIP) covers a quarter (a submitted report's
PDF is rendered at submission and signed as it is: laporan.models.NaskahDiajukan), saving a
realisation or budget realisation of that quarter, adding, changing or deleting
its evidence, or moving the quarter out of `disetujui`, raises DataTerkunci (a
KinerjaError, so kinerja's views show its message like any refused operation;
a subclass of kinerja.locks.DataTerkunci, the quarter and PK locks that hold
whatever the report). Loading a backup (`raw` saves) is not checked. The
receivers live here because laporan sits above kinerja (kinerja must not know
about reports). A correction starts with laporan.services.buat_perubahan, which
lifts the lock.
"""

from django.db.models import Q
from django.db.models.signals import pre_delete, pre_save

from kinerja import locks as kinerja_locks
from kinerja.models import AnggaranTriwulan, BuktiDukung, Realisasi, Triwulan
from laporan.models import Report
from sakip import periode


class DataTerkunci(kinerja_locks.DataTerkunci):
    """The data is the basis of a signed report."""


PESAN = (
    "Data {tw} {tahun} menjadi dasar laporan yang telah ditandatangani ({judul}). "
    "Buat Perubahan laporan terlebih dahulu."
)


PESAN_DIAJUKAN = (
    "Data {tw} {tahun} menjadi dasar laporan yang sedang diajukan kepada Camat ({judul}); naskahnya telah "
    "disusun untuk ditandatangani. Camat mengembalikan laporan itu terlebih dahulu."
)


def signed_report_covering(kecamatan_id: int, tahun: int, triwulan: int) -> Report | None:
    """The signed (or submitted: its PDF is already rendered for signing) report resting on a quarter."""
    semester = 1 if triwulan <= 2 else 2
    return (
        Report.objects.filter(
            kecamatan_id=kecamatan_id,
            tahun=tahun,
            status__in=[Report.Status.DITANDATANGANI, Report.Status.DIAJUKAN],
        )
        .filter(
            Q(kind=Report.Kind.TRIWULAN, periode=triwulan)
            | Q(kind=Report.Kind.SEMESTER, periode=semester)
            | Q(kind=Report.Kind.LKIP)
        )
        .first()
    )


def _refuse(kecamatan_id, tahun, triwulan):
    report = signed_report_covering(kecamatan_id, tahun, triwulan)
    if report is not None:
        tw = periode.tw(triwulan)
        pesan = PESAN if report.status == Report.Status.DITANDATANGANI else PESAN_DIAJUKAN
        raise DataTerkunci(pesan.format(tw=tw, tahun=tahun, judul=report.judul))


def guard_realisasi(sender, instance, raw=False, **kwargs):
    if raw:
        return
    indikator = instance.indikator
    _refuse(indikator.kecamatan_id, indikator.tahun, instance.triwulan)


def guard_anggaran(sender, instance, raw=False, **kwargs):
    if raw:
        return
    sub = instance.sub_kegiatan
    _refuse(sub.kecamatan_id, sub.kegiatan.program.tahun, instance.triwulan)


def guard_triwulan(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance.status == Triwulan.Status.DISETUJUI:
        return
    _refuse(instance.kecamatan_id, instance.tahun, instance.triwulan)


def guard_bukti(sender, instance, raw=False, **kwargs):
    """Evidence is part of the signed data: no upload, change or deletion under a signed report."""
    if raw:
        return
    realisasi = Realisasi.objects.filter(pk=instance.realisasi_id).first()
    if realisasi is not None:
        _refuse(realisasi.kecamatan_id, realisasi.tahun, realisasi.triwulan)


def connect():
    pre_save.connect(guard_realisasi, sender=Realisasi, dispatch_uid="laporan_guard_realisasi")
    pre_delete.connect(guard_realisasi, sender=Realisasi, dispatch_uid="laporan_guard_realisasi_delete")
    pre_save.connect(guard_anggaran, sender=AnggaranTriwulan, dispatch_uid="laporan_guard_anggaran")
    pre_save.connect(guard_triwulan, sender=Triwulan, dispatch_uid="laporan_guard_triwulan")
    pre_save.connect(guard_bukti, sender=BuktiDukung, dispatch_uid="laporan_guard_bukti")
    pre_delete.connect(guard_bukti, sender=BuktiDukung, dispatch_uid="laporan_guard_bukti_delete")
