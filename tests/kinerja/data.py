"""Performance data for tests, built through the real models."""

from decimal import Decimal

from kinerja.models import Indikator, PerjanjianKinerja, RencanaAksi, Sasaran
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
