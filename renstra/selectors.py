"""Read-side queries of the planning chain, each a constant number of SQL queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from renstra import naskah as naskah_rules
from renstra.models import IndikatorRenstra, ProgramRenstra, Renstra, Rpjmd, SasaranRenstra, TujuanRenstra
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


def naskah(renstra: Renstra) -> dict[str, str]:
    """The typed parts of the Renstra's naskah, {key: text} (renstra/naskah.py BAGIAN); one query."""
    return {b.kunci: b.isi for b in renstra.bab.all()}


def naskah_bab(renstra: Renstra) -> list[dict]:
    """The naskah grouped by chapter for the pages: [{bab, bagian: [(Bagian, text)]}] of the typed chapters."""
    isi = naskah(renstra)
    return [
        {"bab": bab, "bagian": [(b, isi.get(b.kunci, "")) for b in naskah_rules.bagian_bab(bab.nomor)]}
        for bab in naskah_rules.BAB
        if naskah_rules.bagian_bab(bab.nomor)
    ]


@dataclass
class TabelProgram:
    """BAB VI: the programmes with their kegiatan, the pagu of each year, the totals per programme and overall."""

    tahun_list: list[int]
    program: list = field(default_factory=list)
    total_per_tahun: list = field(default_factory=list)
    total: Decimal = Decimal(0)


def program_tabel(renstra: Renstra) -> TabelProgram:
    """Programmes (with sasaran) > kegiatan > pagu per year, summed per kegiatan, programme and year: 3 queries.
    A year without pagu stays None in its row (the gate asks for it) and counts as nothing in the sums."""
    years = renstra.tahun_list
    programs = list(
        ProgramRenstra.objects.filter(renstra=renstra)
        .select_related("sasaran")
        .prefetch_related("kegiatan__pagu")
        .order_by("kode", "pk")
    )
    tabel = TabelProgram(tahun_list=years, total_per_tahun=[Decimal(0)] * len(years))
    for program in programs:
        program.kegiatan_list = list(program.kegiatan.all())
        program.pagu_per_tahun = [Decimal(0)] * len(years)
        for kegiatan in program.kegiatan_list:
            by_year = {p.tahun: p.nilai for p in kegiatan.pagu.all()}
            kegiatan.pagu_per_tahun = [by_year.get(y) for y in years]
            kegiatan.total = sum((v for v in kegiatan.pagu_per_tahun if v is not None), Decimal(0))
            for i, value in enumerate(kegiatan.pagu_per_tahun):
                program.pagu_per_tahun[i] += value or 0
        program.total = sum(program.pagu_per_tahun, Decimal(0))
        tabel.total_per_tahun = [a + b for a, b in zip(tabel.total_per_tahun, program.pagu_per_tahun, strict=True)]
        tabel.program.append(program)
    tabel.total = sum(tabel.total_per_tahun, Decimal(0))
    return tabel
