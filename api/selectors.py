"""Reads of the API and of its management page: constant queries whatever the number of rows.

The API's figures are kinerja's read model (kinerja.pengukuran: `ukur_kecamatan`, `load_anggaran`), the public
documents publikasi's (`publikasi.selectors.terbitan`), the evaluation results the figures kept when each LHE
was signed (`Evaluasi.hasil`, as evaluasi/rekap.py reads them): nothing is computed here, only chosen. A
quarter's figures are given only when the quarter is approved (disetujui, locked): a draft, submitted or
verified quarter is listed with its status and no figures.
"""

from __future__ import annotations

from django.db.models import Count

from api.models import PanggilanApi, TokenApi, hash_token
from evaluasi.models import Evaluasi
from kinerja import pengukuran
from kinerja.models import PerjanjianKinerja, Triwulan
from publikasi import selectors as publikasi
from sakip.models import Unit

DISETUJUI = Triwulan.Status.DISETUJUI


# --- the management page ---------------------------------------------------------------------------------
def tokens_of(kabupaten: Unit) -> list[TokenApi]:
    """The kabupaten's tokens, newest first, with their number of calls (one query)."""
    return list(
        TokenApi.objects.filter(kabupaten=kabupaten)
        .select_related("dibuat_oleh", "dicabut_oleh")
        .annotate(jumlah_panggilan=Count("panggilan"))
    )


def token_of_or_none(kabupaten_ids, pk: int) -> TokenApi | None:
    return TokenApi.objects.select_related("kabupaten").filter(kabupaten_id__in=kabupaten_ids, pk=pk).first()


def panggilan_terakhir(kabupaten: Unit, *, jumlah: int = 50) -> list[PanggilanApi]:
    """The latest calls made with the kabupaten's tokens (one query)."""
    return list(PanggilanApi.objects.filter(token__kabupaten=kabupaten).select_related("token")[:jumlah])


# --- authentication --------------------------------------------------------------------------------------
def token_by_value(value: str) -> TokenApi | None:
    """The token whose value is `value`, active or revoked; None for an unknown value (one query)."""
    if not value or len(value) > 200:
        return None
    return TokenApi.objects.select_related("kabupaten").filter(hash=hash_token(value)).first()


# --- the API's reads -------------------------------------------------------------------------------------
def kecamatan_of(kabupaten_id: int):
    """The kabupaten's kecamatan (a queryset, paginated by the API)."""
    return Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kabupaten_id=kabupaten_id).order_by("nama", "pk")


def kecamatan_or_none(pk: int) -> Unit | None:
    return Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, pk=pk).first()


def tahun_of(kecamatan: Unit) -> list[int]:
    """Years with a Perjanjian Kinerja of the Camat in force, newest first (one query)."""
    return sorted(
        set(
            PerjanjianKinerja.objects.milik_camat()
            .filter(kecamatan=kecamatan)
            .exclude(status=PerjanjianKinerja.Status.DIGANTIKAN)
            .values_list("tahun", flat=True)
        ),
        reverse=True,
    )


def triwulan_of(kecamatan: Unit, tahun: int) -> list[dict]:
    """The four quarters and their status (a quarter never opened is a draft), as kinerja reads them."""
    statuses = pengukuran.quarter_statuses([kecamatan.pk], tahun).get(kecamatan.pk, {})
    return [
        {
            "triwulan": t,
            "status": statuses.get(t, Triwulan.Status.DRAFT),
            "status_label": pengukuran.STATUS_LABEL[statuses.get(t, Triwulan.Status.DRAFT)],
            "disetujui": statuses.get(t) == DISETUJUI,
        }
        for t in (1, 2, 3, 4)
    ]


def pk_of(kecamatan: Unit, tahun: int) -> PerjanjianKinerja | None:
    """The Camat's PK of the year in force (its latest revision not superseded), as every page reads it."""
    return pengukuran.current_pk(kecamatan.pk, tahun)


def _nilai(value) -> str | None:
    """A target or realisation as given by the API: a number as a decimal string, a level by its label."""
    if value is None:
        return None
    return str(value)


def _capaian(cap) -> dict:
    return {"status": cap.status, "nilai": cap.nilai, "alasan": cap.alasan, "predikat": cap.predikat}


def _angka(angka: pengukuran.Angka) -> dict:
    return {"target": _nilai(angka.target), "realisasi": _nilai(angka.realisasi), "capaian": _capaian(angka.capaian)}


def capaian_of(kecamatan: Unit, tahun: int) -> list[dict]:
    """Per indicator of the year's PK in force: its figures from kinerja's measurement model for each approved
    quarter (the quarter against its own target, and s.d. the quarter when every quarter up to it is
    approved), and the year's when all four are. A quarter not approved gives no figures."""
    ukuran = pengukuran.ukur_kecamatan(kecamatan, tahun, baris=False)
    statuses = ukuran.statuses
    rows = []
    for sasaran in ukuran.sasaran:
        for item in sasaran.indikator:
            ind, u = item.indikator, item.ukuran
            quarters = []
            for t in (1, 2, 3, 4):
                if statuses.get(t) != DISETUJUI:
                    continue
                sd = u.sampai(t)
                quarters.append(
                    {
                        "triwulan": t,
                        "status": statuses[t],
                        "status_label": pengukuran.STATUS_LABEL[statuses[t]],
                        **_angka(u.triwulan(t)),
                        "sampai": _angka(sd) if sd.final else None,
                        "progres": _capaian(u.progres(t).capaian) if sd.final else None,
                    }
                )
            tahunan = u.tahunan
            rows.append(
                {
                    "id": ind.pk,
                    "nomor": item.nomor,
                    "sasaran_id": sasaran.sasaran.pk,
                    "sasaran": sasaran.sasaran.uraian,
                    "uraian": ind.uraian,
                    "satuan": ind.satuan,
                    "kualitatif": ind.kualitatif,
                    "polaritas": ind.polaritas,
                    "agregasi": ind.agregasi,
                    "target_tahunan": _nilai(u.spec.target_tahunan),
                    "triwulan": quarters,
                    "tahunan": _angka(tahunan) if tahunan.final else None,
                }
            )
    return rows


def indikator_of(kecamatan: Unit, tahun: int) -> tuple[PerjanjianKinerja | None, list[dict]]:
    """The PK in force and its indicators with their definitions (constant queries)."""
    pk = pk_of(kecamatan, tahun)
    if pk is None:
        return None, []
    ukuran = pengukuran.ukur_kecamatan(kecamatan, tahun, baris=False)
    rows = []
    for sasaran in ukuran.sasaran:
        for item in sasaran.indikator:
            ind = item.indikator
            rows.append(
                {
                    "id": ind.pk,
                    "nomor": item.nomor,
                    "sasaran_id": sasaran.sasaran.pk,
                    "sasaran_urutan": sasaran.sasaran.urutan,
                    "sasaran": sasaran.sasaran.uraian,
                    "uraian": ind.uraian,
                    "satuan": ind.satuan,
                    "kualitatif": ind.kualitatif,
                    "polaritas": ind.polaritas,
                    "agregasi": ind.agregasi,
                    "target_tahunan": _nilai(item.ukuran.spec.target_tahunan),
                    "target_triwulan": {str(t): _nilai(v) for t, v in sorted(item.ukuran.targets.items())},
                    "iku": ind.iku,
                }
            )
    return pk, rows


def anggaran_of(kecamatan: Unit, tahun: int) -> list[dict]:
    """The year's sub kegiatan as kinerja stores them: codes, pagu and realisation per quarter, with the totals
    kinerja computes (realisation s.d. TW IV, serapan). Realisation of a quarter not approved is left out."""
    statuses = pengukuran.quarter_statuses([kecamatan.pk], tahun).get(kecamatan.pk, {})
    anggaran = pengukuran.load_anggaran(kecamatan.pk, tahun)
    rows = []
    for b in anggaran.baris:
        sub, kegiatan = b.sub, b.sub.kegiatan
        per_tw = [
            {"triwulan": t, "realisasi": b.realisasi_tw[t - 1]} for t in (1, 2, 3, 4) if statuses.get(t) == DISETUJUI
        ]
        rows.append(
            {
                "id": sub.pk,
                "program_kode": kegiatan.program.kode,
                "program": kegiatan.program.nama,
                "kegiatan_kode": kegiatan.kode,
                "kegiatan": kegiatan.nama,
                "kode": sub.kode,
                "nama": sub.nama,
                "pagu": b.pagu,
                "realisasi_triwulan": per_tw,
                "indikator_ids": b.indikator_ids,
            }
        )
    return rows


def dokumen_of(kecamatan: Unit, tahun: int | None = None) -> list:
    """The kecamatan's published signed documents (publikasi's rule), newest year first."""
    per_kecamatan = publikasi.terbitan(kecamatan.kabupaten, kecamatan)
    docs = [doc for years in per_kecamatan.values() for items in years.values() for doc in items]
    if tahun is not None:
        docs = [doc for doc in docs if doc.report.tahun == tahun]
    return docs


def evaluasi_of(kecamatan: Unit) -> list[Evaluasi]:
    """The kecamatan's AKIP evaluations whose LHE is signed, newest year first, with the figures kept at
    signing (evaluasi/rekap.py reads the same); one query."""
    return list(
        Evaluasi.objects.filter(kecamatan=kecamatan, status=Evaluasi.Status.DITANDATANGANI)
        .exclude(hasil={})
        .only("pk", "kecamatan_id", "tahun", "status", "hasil", "ditandatangani_pada")
        .order_by("-tahun")
    )
