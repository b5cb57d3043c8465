from django.core.management import call_command

from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, Triwulan
from sakip.models import Unit


def counts():
    return (
        PerjanjianKinerja.objects.count(),
        Indikator.objects.count(),
        Realisasi.objects.count(),
        Triwulan.objects.count(),
    )


def test_demo_performance_data_for_every_kecamatan_this_year_and_last(db, settings):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first  # idempotent
    from django.utils import timezone

    year = timezone.localdate().year
    for kecamatan in Unit.objects.filter(jenis=Unit.Kind.KECAMATAN):
        assert set(PerjanjianKinerja.objects.filter(kecamatan=kecamatan).values_list("tahun", flat=True)) == {
            year - 1,
            year,
        }
        assert Indikator.objects.filter(kecamatan=kecamatan, tahun=year, polaritas="negatif").exists()
        last = set(Realisasi.objects.filter(kecamatan=kecamatan, tahun=year - 1).values_list("triwulan", flat=True))
        this = set(Realisasi.objects.filter(kecamatan=kecamatan, tahun=year).values_list("triwulan", flat=True))
        assert (last, this) == ({1, 2, 3, 4}, {1, 2, 3})
        statuses = dict(Triwulan.objects.filter(kecamatan=kecamatan, tahun=year).values_list("triwulan", "status"))
        assert statuses == {1: "disetujui", 2: "disetujui", 3: "draft"}


def test_demo_values_differ_between_kecamatan(db):
    call_command("load_demo", verbosity=0)
    ikm = Realisasi.objects.filter(indikator__uraian__startswith="Indeks Kepuasan", triwulan=1, tahun__lt=2100)
    assert len(set(ikm.values_list("nilai", flat=True))) > 3
