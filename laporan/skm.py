"""The SKM report ("Laporan Hasil Survei Kepuasan Masyarakat") of a kecamatan for a quarter.

Source: Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan
Masyarakat Unit Penyelenggara Pelayanan Publik — the results are reported per service (jenis
layanan) with the NRR of each of the nine unsur, the IKM (NRR tertimbang × 25) and its mutu
pelayanan, the number of respondents against the minimum sample for the population served (the
Krejcie–Morgan table the regulation reproduces), an analysis and the follow-up plan (rencana tindak
lanjut); the report is published. Every number is computed by layanan/ikm.py (the one place of the
regulation's rules); this module only gathers the answers stored by the public survey.

What the app fills from what it recorded:
* per service of the kecamatan with answers in the quarter: respondents, NRR per unsur, IKM, mutu;
* the population served: the applicants the counter registered for that service in the quarter
  (loket.Permohonan, when the counter is used); without a register the population is "tidak
  tercatat" and the sample check is not made — never guessed;
* the kecamatan's IKM over every service (all respondents pooled, as the results page's total row);
* IKM per quarter from TW I to the report's quarter, per service (the trend);
* the respondents' profile (umur, jenis kelamin, pendidikan, pekerjaan: the questionnaire's first
  questions) of the quarter, per category with its share and "Tidak diisi" for answers saved before
  the profile was asked — the same respondents the IKM counts (layanan.selectors.profil_responden);
* the Krejcie–Morgan rule as layanan.ikm applies it, stated in words, with the table row each recorded
  population is read from (per service in the table, the kecamatan's total in the sentence);
* the narrative (analysis, follow-up plan) is written by the Kasubbag and required by laporan.gates.
Constant number of queries (five).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count

from kinerja.gates import akhir_triwulan
from laporan.models import Report
from layanan import ikm
from layanan import selectors as layanan_selectors
from layanan.models import JenisLayanan, ResponSkm
from sakip import periode as nama_periode

SECTIONS = [("analisis", "Analisis Hasil Survei"), ("tindak_lanjut", "Rencana Tindak Lanjut")]


@dataclass(frozen=True)
class BarisSkm:
    layanan: str
    hasil: ikm.HasilIkm
    tren: list  # IKM (Decimal | None) per quarter, TW I .. the report's quarter

    @property
    def sampel_teks(self) -> str:
        if self.hasil.sampel_cukup is None:
            return "populasi tidak tercatat"
        return "terpenuhi" if self.hasil.sampel_cukup else "belum terpenuhi"


def periode(report: Report) -> tuple[datetime.date, datetime.date]:
    return datetime.date(report.tahun, 3 * report.periode - 2, 1), akhir_triwulan(report.tahun, report.periode)


def _populasi(kecamatan, mulai: datetime.date, sampai: datetime.date) -> dict[int, int]:
    """Applicants the counter registered per service in the period (one query; none without the counter)."""
    try:
        permohonan = apps.get_model("loket", "Permohonan")
    except LookupError:
        return {}
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(mulai, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(sampai + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    rows = (
        permohonan.objects.filter(
            kecamatan=kecamatan, layanan__isnull=False, dibuat_pada__gte=start, dibuat_pada__lt=end
        )
        .values("layanan_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["layanan_id"]: r["n"] for r in rows}


def build(report: Report) -> dict:
    mulai, sampai = periode(report)
    sums: dict[int, dict[int, tuple]] = {}
    answers = ResponSkm.objects.filter(
        layanan__kecamatan=report.kecamatan, tahun=report.tahun, triwulan__lte=report.periode
    )
    for (layanan_id, tw), found in layanan_selectors.jumlah_jawaban(answers).items():
        sums.setdefault(layanan_id, {})[tw] = found
    # Answers without a proving receipt are kept apart and left out of the IKM (layanan.selectors.DIHITUNG);
    # the report says how many and why.
    tidak_dihitung = sum(
        n for (_, tw), n in layanan_selectors.jumlah_tidak_dihitung(answers).items() if tw == report.periode
    )
    populasi = _populasi(report.kecamatan, mulai, sampai)
    services = JenisLayanan.objects.filter(kecamatan=report.kecamatan).order_by("nama", "pk")
    baris, total, n_total, pop_total = [], [0] * ikm.JUMLAH_UNSUR, 0, 0
    for layanan in services:
        per_tw = sums.get(layanan.pk, {})
        n, jumlah = per_tw.get(report.periode, (0, [0] * ikm.JUMLAH_UNSUR))
        if not n and not layanan.aktif:
            continue  # a closed service without answers this quarter is not reported
        pop = populasi.get(layanan.pk)
        hasil = ikm.hitung(jumlah=jumlah, responden=n, populasi=pop)
        tren = [
            ikm.hitung(jumlah=s, responden=k).ikm
            for k, s in (per_tw.get(t, (0, [0] * 9)) for t in range(1, report.periode + 1))
        ]
        baris.append(BarisSkm(layanan.nama, hasil, tren))
        total = [a + b for a, b in zip(total, jumlah, strict=True)]
        n_total += n
        pop_total += pop or 0
    gabungan = ikm.hitung(jumlah=total, responden=n_total, populasi=pop_total or None)
    responden_profil, profil = layanan_selectors.profil_responden(answers.filter(triwulan=report.periode))
    return {
        "profil": profil,
        "responden_profil": responden_profil,
        "profil_tidak_diisi": any(r.kategori == layanan_selectors.TIDAK_DIISI for k in profil for r in k.baris),
        "krejcie_morgan_maks": ikm.KREJCIE_MORGAN[-1],
        "mulai": mulai,
        "sampai": sampai,
        "baris": baris,
        "gabungan": gabungan,
        "unsur": ikm.UNSUR,
        "konversi": [(batas, m) for batas, m in ikm.KONVERSI],
        "triwulan_label": [nama_periode.tw(t) for t in range(1, report.periode + 1)],
        "tidak_dihitung": tidak_dihitung,
        "hitung_tanpa_tanda_terima": report.kecamatan.kabupaten.skm_hitung_tanpa_tanda_terima
        if report.kecamatan.kabupaten_id
        else False,
    }


def alasan_kosong(data: dict) -> list[str]:
    if data["gabungan"].responden:
        return []
    return ["Belum ada jawaban Survei Kepuasan Masyarakat pada periode ini; tidak ada hasil yang dilaporkan."]
