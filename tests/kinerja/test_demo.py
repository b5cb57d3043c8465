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


def test_demo_cascading_pks_of_awayan_and_batumandi_add_up_to_the_camats_figures(db):
    """PK berjenjang (issue 14): established cascading PKs for both demo years; the Camat's computed indicators
    print what the demo Camat's PK stored, now made by their supporting indicators; the pohon has no warning."""
    from django.utils import timezone

    from kinerja import pengukuran, pohon

    call_command("load_demo", verbosity=0)
    year = timezone.localdate().year
    for kode in ("awayan", "batumandi"):
        kecamatan = Unit.objects.get(kode=kode)
        for tahun in (year - 1, year):
            cascading = PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun, jabatan__isnull=False)
            assert cascading.count() == 6 and {pk.status for pk in cascading} == {"ditandatangani"}
            ukuran = pengukuran.ukur_kecamatan(kecamatan, tahun)
            computed = [i for i in ukuran.indikator if i.indikator.hitung_dari_pendukung]
            assert {i.nomor for i in computed} == {"2.1", "2.3", "3.1"}
            stored = {
                (r.indikator_id, r.triwulan): r.nilai
                for r in Realisasi.objects.filter(indikator__in=[i.indikator for i in computed])
            }
            for item in computed:
                for (ind_id, tw), nilai in stored.items():
                    if ind_id == item.indikator.pk:
                        assert item.triwulan(tw).realisasi == nilai, (kode, tahun, item.nomor, tw)
        tree = pohon.build(None, kecamatan, year)
        assert tree["peringatan"] == [] and "pkb-" in tree["svg"]
    assert not PerjanjianKinerja.objects.filter(kecamatan__kode="halong", jabatan__isnull=False).exists()
