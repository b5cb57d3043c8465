"""Read-side queries of the planning chain, each a constant number of SQL queries."""

from django.db.models import Prefetch

from renstra.models import IndikatorRenstra, Renstra, Rpjmd, SasaranRenstra, TujuanRenstra
from sakip import permissions
from sakip.roles import Role


def rpjmd_visible(user):
    return permissions.scope_kabupaten_readers(user, Rpjmd.objects.select_related("kabupaten"))


def rpjmd_lengkap(rpjmd: Rpjmd) -> Rpjmd:
    """The RPJMD with misi and sasaran loaded (3 queries)."""
    return Rpjmd.objects.select_related("kabupaten").prefetch_related("misi", "sasaran").get(pk=rpjmd.pk)


def renstra_tree(renstra: Renstra) -> list[TujuanRenstra]:
    """Tujuan > sasaran (with its RPJMD sasaran) > indikator (with penanggung jawab and targets): 4 queries."""
    indikator = IndikatorRenstra.objects.select_related("penanggung_jawab").prefetch_related("target")
    sasaran = SasaranRenstra.objects.select_related("sasaran_rpjmd").prefetch_related(
        Prefetch("indikator", queryset=indikator)
    )
    tujuan = list(TujuanRenstra.objects.filter(renstra=renstra).prefetch_related(Prefetch("sasaran", queryset=sasaran)))
    years = renstra.tahun_list
    for t in tujuan:
        for s in t.sasaran.all():
            for ind in s.indikator.all():
                by_year = {row.tahun: row.cetak for row in ind.target.all()}
                ind.target_per_tahun = [by_year.get(y) for y in years]
    return tujuan


def revisions(user, kecamatan) -> list[Renstra]:
    return list(
        permissions.scope(user, Renstra.objects.filter(kecamatan=kecamatan))
        .select_related("ditetapkan_oleh")
        .order_by("-tahun_awal", "-revisi")
    )


def iku_rows(renstra: Renstra) -> list[IndikatorRenstra]:
    return list(
        IndikatorRenstra.objects.filter(renstra=renstra, iku=True)
        .select_related("sasaran", "penanggung_jawab")
        .prefetch_related("target")
        .order_by("sasaran__urutan", "urutan")
    )


def panel_renstra(user) -> dict | None:
    """Beranda: the Camat sees a complete draft Renstra waiting to be established; the composers see a
    draft Renstra with what it still lacks. Two queries at most."""
    roles = permissions.all_roles(user)
    if not roles & {Role.CAMAT, Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS}:
        return None
    drafts = list(
        permissions.scope(user, Renstra.objects.filter(status=Renstra.Status.DRAFT)).select_related("kecamatan")[:5]
    )
    if not drafts:
        return None
    return {"draf": drafts, "camat": Role.CAMAT in roles}
