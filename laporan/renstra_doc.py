"""The Renstra and IKU documents of a kecamatan, signed like the other reports (issue 14).

A report of kind `renstra` or `iku` with `tahun` = the first year of the five-year period rests on the
kecamatan's current Renstra of that period (renstra/, read through renstra.selectors: constant queries).
Signing the Renstra document establishes a draft Renstra (laporan.services.tandatangani), so the document
prints only the Renstra's content, never its status: what was read at submission is what is signed.

The Renstra document follows the chapters of Permendagri 86/2017 (renstra/naskah.py, issue 24): the typed
naskah, BAB IV and VII from the tujuan, sasaran and indicators, BAB V from each sasaran's strategi and arah
kebijakan, BAB VI from the Renstra's programmes, kegiatan and pagu indikatif (renstra.selectors.program_tabel).
An empty part blocks submitting and signing (`alasan_kosong`, renstra.services.bab_belum_diisi).
"""

from kinerja import capaian
from kinerja.models import Indikator
from renstra import naskah, selectors
from renstra import services as renstra_services
from renstra.models import Renstra


def renstra_of(report) -> Renstra | None:
    return (
        Renstra.objects.filter(kecamatan_id=report.kecamatan_id, tahun_awal=report.tahun)
        .exclude(status=Renstra.Status.DIGANTIKAN)
        .select_related("rpjmd__kabupaten")
        .first()
    )


def build(report) -> dict:
    renstra = renstra_of(report)
    if renstra is None:
        return {"renstra": None}
    return {
        "renstra": renstra,
        "rpjmd": selectors.rpjmd_lengkap(renstra.rpjmd),
        "tujuan_list": selectors.renstra_tree(renstra),
        "iku_list": _dengan_rumus(selectors.iku_rows(renstra)),
        "tahun_list": renstra.tahun_list,
        **(_naskah(renstra) if report.kind == report.Kind.RENSTRA else {}),
    }


def _naskah(renstra: Renstra) -> dict:
    """The chapters of Permendagri 86/2017 (renstra/naskah.py): the typed texts, 1.4 printed from the chapter
    list, BAB VI's programme table with its totals."""
    return {
        "naskah": selectors.naskah(renstra),
        "bab_judul": naskah.JUDUL_BAB,
        "sistematika": naskah.SISTEMATIKA,
        "program": selectors.program_tabel(renstra),
    }


def _dengan_rumus(rows: list) -> list:
    """Each IKU indicator with the capaian formula the LKIP prints for it (kinerja.capaian.rumus_teks): its
    polarity, and the negative formula chosen on the latest PK indicator carrying it out (one query)."""
    rumus_negatif = dict(
        Indikator.objects.filter(indikator_renstra__in=[row.pk for row in rows])
        .order_by("tahun")
        .values_list("indikator_renstra_id", "rumus_negatif")
    )
    for row in rows:
        row.rumus_capaian = capaian.rumus_teks(
            polaritas=row.polaritas,
            rumus_negatif=rumus_negatif.get(row.pk, "selisih"),
            kualitatif=row.skala is not None,
        )
    return rows


def alasan_kosong(report, data: dict) -> list[str]:
    """Why the document cannot be submitted or signed (its data), for laporan.gates."""
    renstra = data["renstra"]
    if renstra is None:
        return [f"Belum ada Renstra {report.tahun}–{report.tahun + 4} kecamatan ini; susun pada menu Renstra."]
    if report.kind == report.Kind.IKU:
        reasons = []
        if renstra.status != Renstra.Status.DITETAPKAN:
            reasons.append("Renstra belum ditetapkan Camat.")
        if not data["iku_list"]:
            reasons.append("Camat belum menetapkan Indikator Kinerja Utama (IKU).")
        return reasons
    reasons = []
    if renstra.status == Renstra.Status.DRAFT:
        reasons += renstra_services.alasan_belum_lengkap(renstra)
    kosong = renstra_services.bab_belum_diisi(renstra)
    if kosong and renstra.status != Renstra.Status.DRAFT:
        kosong.append(
            f"{renstra.judul} telah ditetapkan; naskahnya dilengkapi melalui Renstra Perubahan (menu Renstra)."
        )
    return reasons + kosong
