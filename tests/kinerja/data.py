"""Performance data for tests, built through the real models."""

from decimal import Decimal

from kinerja.models import Indikator, Kegiatan, PerjanjianKinerja, Program, RencanaAksi, Sasaran, SubKegiatan
from sakip.roles import Role


def make_pk(kecamatan, tahun: int, indicators: int = 3, *, owner_position=None, polaritas="positif") -> list[Indikator]:
    """A PK with one sasaran and `indicators` indicators (target 100, 25 per quarter)."""
    pk = PerjanjianKinerja.objects.create(kecamatan=kecamatan.unit, tahun=tahun)
    sasaran = Sasaran.objects.create(perjanjian=pk, urutan=1, uraian="Meningkatnya kualitas pelayanan publik kecamatan")
    owner = owner_position or kecamatan.positions[Role.PELAKSANA]
    created = []
    for n in range(1, indicators + 1):
        ind = Indikator.objects.create(
            sasaran=sasaran,
            urutan=n,
            uraian=f"Persentase layanan PATEN tepat waktu {n}",
            satuan="%",
            target_tahunan=Decimal(100),
            polaritas=polaritas,
            penanggung_jawab=owner,
        )
        for tw in (1, 2, 3, 4):
            RencanaAksi.objects.create(indikator=ind, triwulan=tw, target=Decimal(25))
        created.append(ind)
    return created


def make_budget(kecamatan_unit, subs: int = 1, tahun: int = 2020) -> list[SubKegiatan]:
    """One programme > kegiatan with `subs` sub kegiatan of pagu 1.000."""
    program = Program.objects.create(kecamatan=kecamatan_unit, tahun=tahun, kode="7.01.01", nama="Program Penunjang")
    kegiatan = Kegiatan.objects.create(program=program, kode="7.01.01.2.01", nama="Perencanaan dan Keuangan")
    return [
        SubKegiatan.objects.create(kegiatan=kegiatan, kode=f"7.01.01.2.01.{n:02d}", nama=f"Sub {n}", pagu=1000)
        for n in range(1, subs + 1)
    ]


def fill_quarter(kecamatan_unit, tahun: int, triwulan: int, nilai: str = "20") -> None:
    """A value for every indicator of the kecamatan-year in one quarter (what submitting a quarter needs)."""
    from kinerja.models import Realisasi

    for ind in Indikator.objects.filter(kecamatan=kecamatan_unit, tahun=tahun):
        Realisasi.objects.update_or_create(indikator=ind, triwulan=triwulan, defaults={"nilai": Decimal(nilai)})
