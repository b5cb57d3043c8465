"""The demo Renstra 2025–2029 agrees with the demo PKs (targets, links) and loads once."""

from django.utils import timezone

from kinerja import pohon
from kinerja.demo import load_demo_kinerja
from kinerja.demo_renstra import load_demo_renstra
from kinerja.models import Indikator
from renstra import services
from renstra.models import IndikatorRenstra, PaguRenstra, ProgramRenstra, Renstra, TargetRenstra
from sakip.demo import load_organisation
from sakip.models import Pegawai, Unit
from sakip.roles import Role


def test_the_demo_renstra_carries_the_demo_pks_and_loading_again_changes_nothing(db):
    load_organisation()
    load_demo_kinerja()
    load_demo_renstra()

    def counts():
        return (
            Renstra.objects.count(),
            IndikatorRenstra.objects.count(),
            TargetRenstra.objects.count(),
            ProgramRenstra.objects.count(),
            PaguRenstra.objects.count(),
        )

    first = counts()
    load_demo_renstra()
    assert counts() == first
    kecamatan = Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kabupaten__kode="balangan")
    assert first[0] == kecamatan.count() == 8
    assert not Renstra.objects.exclude(status=Renstra.Status.DITETAPKAN).exists()
    # Every chapter of the Renstra document is written (issue 24): its document may be submitted.
    for renstra in Renstra.objects.all():
        assert services.bab_belum_diisi(renstra) == [], renstra
    assert first[3] == 4 * 8
    year = timezone.localdate().year
    pk_indicators = Indikator.objects.filter(tahun__in=(year - 1, year), tahun__gte=2025).select_related(
        "indikator_renstra"
    )
    assert pk_indicators.exists()
    targets = {(t.indikator_id, t.tahun): t.nilai for t in TargetRenstra.objects.all()}
    for ind in pk_indicators:
        assert ind.indikator_renstra is not None, ind
        assert ind.indikator_renstra.kecamatan_id == ind.kecamatan_id
        assert targets[(ind.indikator_renstra_id, ind.tahun)] == ind.target_tahunan
        assert ind.target_renstra == ind.indikator_renstra.target_akhir
    awayan = kecamatan.get(kode="awayan")
    camat = Pegawai.objects.get(jabatan__kecamatan=awayan, jabatan__role=Role.CAMAT)
    tree = pohon.build(camat, awayan, year)
    assert tree["peringatan"] == [] and tree["jumlah_simpul"] > 20
