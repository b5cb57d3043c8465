"""Demo planning chain: Balangan's RPJMD 2025–2029 and, for every demo kecamatan, an established Renstra
2025–2029 whose sasaran and indicators are those of the demo PKs (fixtures/kinerja/iku.json), with the PK
targets as the Renstra targets of 2025 and 2026 and rising targets afterwards; the demo PK indicators are
linked to their Renstra indicator (so the pohon kinerja and the LKIP's Renstra comparison have data). Every
chapter of the Renstra document is written (renstra/demo_naskah.py), so its document can be submitted.

Idempotent and quick: an existing Renstra is left alone (only PK indicators still unlinked get their link);
rows are bulk-created.
"""

import datetime
import json
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from kinerja.demo import DATA
from kinerja.models import Indikator, PerjanjianKinerja
from renstra.demo_naskah import isi_naskah
from renstra.models import (
    IndikatorRenstra,
    MisiRpjmd,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranRpjmd,
    TargetRenstra,
    TujuanRenstra,
)
from sakip.models import Pegawai, Position, Unit
from sakip.roles import Role

TAHUN_AWAL = 2025
VISI = "Balangan yang maju, sejahtera dan berdaya saing berlandaskan pelayanan publik yang prima"
MISI = (
    "Mewujudkan tata kelola pemerintahan yang baik, bersih dan melayani",
    "Meningkatkan kualitas pelayanan publik yang cepat, mudah dan terjangkau",
    "Memperkuat ketenteraman, ketertiban dan kesejahteraan sosial masyarakat",
)
# One RPJMD sasaran per demo PK sasaran, in the fixture's order.
SASARAN_RPJMD = (
    "Meningkatnya kualitas pelayanan publik daerah",
    "Meningkatnya akuntabilitas penyelenggaraan pemerintahan desa",
    "Meningkatnya ketenteraman, ketertiban umum dan perlindungan sosial",
)
TUJUAN = (
    "Meningkatkan kualitas pelayanan publik dan tata kelola pemerintahan kecamatan",
    "Mewujudkan ketenteraman, ketertiban dan kesejahteraan sosial masyarakat",
)


def _step(target: Decimal, polaritas: str, satuan: str, k: int) -> Decimal:
    """The Renstra target k years after 2026: a little better each year (at most 100 for a percentage)."""
    if k <= 0:
        return target
    if polaritas == "negatif":
        value = target * (1 - Decimal("0.08") * k)
    else:
        value = target * (1 + Decimal("0.02") * k)
        if satuan == "%":
            value = min(value, Decimal(100))
    counted = satuan not in ("%", "indeks")
    return value.quantize(Decimal(1) if counted else Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rpjmd(kabupaten: Unit) -> Rpjmd:
    rpjmd, created = Rpjmd.objects.get_or_create(
        kabupaten=kabupaten, tahun_awal=TAHUN_AWAL, defaults={"tahun_akhir": TAHUN_AWAL + 4, "visi": VISI}
    )
    if created:
        MisiRpjmd.objects.bulk_create(MisiRpjmd(rpjmd=rpjmd, urutan=n, uraian=t) for n, t in enumerate(MISI, 1))
        SasaranRpjmd.objects.bulk_create(
            SasaranRpjmd(rpjmd=rpjmd, urutan=n, uraian=t) for n, t in enumerate(SASARAN_RPJMD, 1)
        )
    return rpjmd


def _renstra(kecamatan: Unit, rpjmd: Rpjmd, data: dict) -> Renstra | None:
    camat = Pegawai.objects.filter(jabatan__kecamatan=kecamatan, jabatan__role=Role.CAMAT).order_by("pk").first()
    if camat is None:
        return None
    fallback = Position.objects.filter(kecamatan=kecamatan, role=Role.KASUBBAG_PERENCANAAN).first()
    when = datetime.datetime(TAHUN_AWAL, 1, 10, 10, 0, tzinfo=timezone.get_current_timezone())
    # Composed as a draft and established by its Camat at the end (renstra/locks.py).
    renstra = Renstra.objects.create(kecamatan=kecamatan, rpjmd=rpjmd, dibuat_oleh=camat)
    tujuan = [TujuanRenstra.objects.create(renstra=renstra, urutan=n, uraian=t) for n, t in enumerate(TUJUAN, 1)]
    rpjmd_sasaran = list(rpjmd.sasaran.order_by("urutan"))
    targets = []
    for s_no, s_data in enumerate(data["sasaran"], start=1):
        sasaran = SasaranRenstra.objects.create(
            tujuan=tujuan[0] if s_no < len(data["sasaran"]) else tujuan[-1],
            sasaran_rpjmd=rpjmd_sasaran[min(s_no, len(rpjmd_sasaran)) - 1],
            urutan=s_no,
            uraian=s_data["uraian"],
        )
        for i_no, i_data in enumerate(s_data["indikator"], start=1):
            target = Decimal(i_data["target"])
            per_year = {y: _step(target, i_data["polaritas"], i_data["satuan"], y - 2026) for y in renstra.tahun_list}
            owner = Position.objects.filter(unit__kode=f"{kecamatan.kode}-{i_data['owner']}").order_by("pk").first()
            ind = IndikatorRenstra.objects.create(
                sasaran=sasaran,
                urutan=i_no,
                uraian=i_data["uraian"],
                definisi=i_data["definisi"],
                formula=i_data.get("formula", ""),
                satuan=i_data["satuan"],
                polaritas=i_data["polaritas"],
                kondisi_awal=_step(target, "negatif" if i_data["polaritas"] == "positif" else "positif", "", 1),
                target_akhir=per_year[renstra.tahun_akhir],
                sumber_data=i_data["sumber"],
                penanggung_jawab=owner or fallback,
                iku=True,
            )
            targets += [
                TargetRenstra(indikator=ind, kecamatan=kecamatan, tahun=y, nilai=v) for y, v in per_year.items()
            ]
    TargetRenstra.objects.bulk_create(targets)
    isi_naskah(renstra)  # the document's chapters, strategi and programmes (renstra/naskah.py)
    renstra.status = Renstra.Status.DITETAPKAN
    renstra.ditetapkan_oleh = renstra.iku_ditetapkan_oleh = camat
    renstra.ditetapkan_pada = renstra.iku_ditetapkan_pada = when
    renstra.save()
    return renstra


def _link(kecamatan: Unit, renstra: Renstra) -> int:
    """Link the demo PK indicators of the period that are still unlinked, by their wording. A queryset update
    on purpose: the demo PKs are established, and linking changes no agreed value (kinerja.locks)."""
    linked = 0
    for ind in IndikatorRenstra.objects.filter(renstra=renstra):
        linked += (
            Indikator.objects.milik_camat()
            .filter(
                kecamatan=kecamatan,
                tahun__gte=renstra.tahun_awal,
                tahun__lte=renstra.tahun_akhir,
                uraian=ind.uraian,
                indikator_renstra__isnull=True,
            )
            .exclude(sasaran__perjanjian__status=PerjanjianKinerja.Status.DIGANTIKAN)
            .update(indikator_renstra=ind, target_renstra=ind.target_akhir)
        )
    return linked


@transaction.atomic
def load_demo_renstra() -> str:
    kabupaten = Unit.objects.filter(jenis=Unit.Kind.KABUPATEN, kode="balangan").first()
    if kabupaten is None:
        return "Kabupaten Balangan tidak ada"
    data = json.loads(DATA.read_text(encoding="utf-8"))
    rpjmd = _rpjmd(kabupaten)
    created = linked = 0
    for kecamatan in Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kabupaten=kabupaten).order_by("kode"):
        renstra = Renstra.objects.filter(kecamatan=kecamatan, rpjmd=rpjmd).exclude(status="digantikan").first()
        if renstra is None:
            renstra = _renstra(kecamatan, rpjmd, data)
            created += renstra is not None
        if renstra is not None and renstra.status == Renstra.Status.DITETAPKAN:
            linked += _link(kecamatan, renstra)
    return f"{rpjmd}: {created} Renstra baru, {linked} indikator PK ditautkan"
