"""Evidence the app already holds, proposed for the LKE criteria (one function per rule).

Each rule takes the evaluation's context (`Konteks`: kecamatan, year, shared reads loaded once) and the
criterion's answer kind, and returns `Bukti(jawaban, teks, tautan)`: the proposed answer ("" when the app
has nothing to judge), an Indonesian sentence naming the evidence, and a link to where it lives. The
proposal is shown beside the criterion; the kecamatan and the evaluator still give the answer.

Other apps are read only through their read models and selectors: kinerja/pengukuran.py (PK, Rencana Aksi,
quarter statuses), workflow/selectors.py `compliance_of_kecamatan` (steps within their Mutu Baku, timed by
workflow/timing.py's working calendar), renstra/services.py `established_renstra`/`current_renstra`; the
signed reports are read from laporan's models (Report, SignedDocument: the date each was first signed).

How a count becomes an answer (this app's decision; PermenPAN-RB 88/2021 leaves the judgement to the
evaluator): Y when every item holds (n = m > 0), else T; on the A–E scale the share n/m: all → A,
≥ 75% → B, ≥ 50% → C, more than none → D, none → E.

"Tepat waktu" for a quarterly report: signed by its deadline (laporan/batas.py: the last day of the month
after the quarter: TW I by 30 April, TW IV by 31 January of the next year), by its first signature.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import NamedTuple

from django.urls import reverse
from django.utils import timezone

from evaluasi import nilai
from laporan import batas
from publikasi import selectors as publikasi_selectors
from sakip.formatting import format_tanggal


class Bukti(NamedTuple):
    jawaban: str
    teks: str
    tautan: str


class Konteks:
    """What several rules read, loaded once per page (each property a constant number of queries)."""

    def __init__(self, evaluasi):
        self.evaluasi = evaluasi
        self.kecamatan = evaluasi.kecamatan
        self.tahun = evaluasi.tahun

    @cached_property
    def pk(self):
        from kinerja import pengukuran

        return pengukuran.current_pk(self.kecamatan.pk, self.tahun)

    @cached_property
    def ukuran(self):
        from kinerja import pengukuran

        return pengukuran.ukur_kecamatan(self.kecamatan, self.tahun)

    @cached_property
    def statuses(self) -> dict[int, str]:
        from kinerja import pengukuran

        return pengukuran.quarter_statuses([self.kecamatan.pk], self.tahun).get(self.kecamatan.pk, {})

    @cached_property
    def ditandatangani(self) -> dict[tuple[str, int], tuple[datetime.datetime, int]]:
        """{(kind, periode): (first signing moment, report id)} of the year's reports (one query)."""
        from laporan.models import SignedDocument

        first: dict[tuple[str, int], tuple[datetime.datetime, int]] = {}
        rows = SignedDocument.objects.filter(report__kecamatan_id=self.kecamatan.pk, report__tahun=self.tahun)
        for kind, periode, pada, report_id in rows.values_list(
            "report__kind", "report__periode", "ditandatangani_pada", "report_id"
        ).order_by("ditandatangani_pada"):
            first.setdefault((kind, periode), (pada, report_id))
        return first


def _rasio(n: int, m: int, jenis: str) -> str:
    if jenis == nilai.YA_TIDAK:
        return "Y" if m and n == m else "T"
    if not m or n == 0:
        return "E"
    share = Decimal(n) / Decimal(m)
    if n == m:
        return "A"
    if share >= Decimal("0.75"):
        return "B"
    if share >= Decimal("0.5"):
        return "C"
    return "D"


def _ya(ok: bool, jenis: str) -> str:
    return _rasio(1 if ok else 0, 1, jenis)


def pk_ditetapkan(ctx: Konteks, jenis: str) -> Bukti:
    """The year's Perjanjian Kinerja established (signed by the Camat), and when."""
    pk = ctx.pk
    link = reverse("kinerja:pk", args=[ctx.kecamatan.pk, ctx.tahun])
    if pk is None:
        return Bukti(_ya(False, jenis), f"Belum ada Perjanjian Kinerja {ctx.tahun}.", link)
    if pk.status != pk.Status.DITANDATANGANI or pk.tanggal is None:
        return Bukti(_ya(False, jenis), f"PK {ctx.tahun} masih draf, belum ditetapkan.", link)
    label = f"PK Perubahan {pk.revisi}" if pk.revisi else "PK"
    return Bukti(_ya(True, jenis), f"{label} {ctx.tahun} ditetapkan {format_tanggal(pk.tanggal)}.", link)


def rencana_aksi(ctx: Konteks, jenis: str) -> Bukti:
    """Rencana Aksi (a target for each of the four quarters) for n of the PK's m indicators."""
    items = ctx.ukuran.indikator
    lengkap = sum(
        1
        for item in items
        if all(
            (ra := item.rencana.get(t)) is not None and (ra.target is not None or ra.target_level_id)
            for t in (1, 2, 3, 4)
        )
    )
    link = reverse("kinerja:rencana_aksi", args=[ctx.kecamatan.pk, ctx.tahun])
    if not items:
        return Bukti(_rasio(0, 0, jenis), f"Belum ada indikator PK {ctx.tahun} untuk diberi Rencana Aksi.", link)
    return Bukti(
        _rasio(lengkap, len(items), jenis), f"Rencana Aksi ada untuk {lengkap} dari {len(items)} indikator.", link
    )


def triwulan_disetujui(ctx: Konteks, jenis: str) -> Bukti:
    """The year's quarters whose performance data the Camat approved (measured and monitored each quarter)."""
    n = sum(1 for t in (1, 2, 3, 4) if ctx.statuses.get(t) == "disetujui")
    link = reverse("kinerja:dashboard", args=[ctx.kecamatan.pk, ctx.tahun])
    return Bukti(_rasio(n, 4, jenis), f"{n} dari 4 triwulan {ctx.tahun} diukur dan disetujui Camat.", link)


batas_laporan_triwulan = batas.batas_laporan_triwulan  # the one rule: laporan/batas.py


def laporan_triwulan(ctx: Konteks, jenis: str) -> Bukti:
    """The four quarterly reports signed on time (by their first signature)."""
    tepat = terlambat = 0
    for t in (1, 2, 3, 4):
        signed = ctx.ditandatangani.get(("triwulan", t))
        if signed is None:
            continue
        if timezone.localdate(signed[0]) <= batas_laporan_triwulan(ctx.tahun, t):
            tepat += 1
        else:
            terlambat += 1
    teks = f"{tepat} dari 4 laporan triwulan {ctx.tahun} ditandatangani tepat waktu"
    if terlambat:
        teks += f"; {terlambat} terlambat"
    if belum := 4 - tepat - terlambat:
        teks += f"; {belum} belum ditandatangani"
    return Bukti(_rasio(tepat, 4, jenis), teks + ".", reverse("laporan:index"))


def lkip_ditandatangani(ctx: Konteks, jenis: str) -> Bukti:
    """The year's LKIP signed, and when."""
    signed = ctx.ditandatangani.get(("lkip", 0))
    if signed is None:
        return Bukti(_ya(False, jenis), f"LKIP {ctx.tahun} belum ditandatangani.", reverse("laporan:index"))
    teks = f"LKIP {ctx.tahun} ditandatangani {format_tanggal(timezone.localdate(signed[0]))}."
    return Bukti(_ya(True, jenis), teks, reverse("laporan:detail", args=[signed[1]]))


def _terbit(ctx: Konteks, kinds, nama: str, tenggat: datetime.date | None, jenis: str) -> Bukti:
    """The first of these kinds of the year on the kabupaten's public SAKIP page (publikasi), with its address
    and date, and whether by `tenggat`."""
    docs = publikasi_selectors.terbit_tahun(ctx.kecamatan, ctx.tahun, kinds)
    daftar = reverse("publikasi:kecamatan", args=[ctx.kecamatan.kabupaten.kode, ctx.kecamatan.kode])
    if not docs:
        return Bukti(_ya(False, jenis), f"{nama} {ctx.tahun} belum dipublikasikan di halaman publik SAKIP.", daftar)
    first = docs[0]
    tanggal = timezone.localdate(first.ditandatangani_pada)
    alamat = reverse("publikasi:dokumen", args=[first.kode_verifikasi])
    teks = f"{first.report.judul} dipublikasikan {format_tanggal(tanggal)} di {alamat}"
    if tenggat is None:
        return Bukti(_ya(True, jenis), teks + ".", alamat)
    tepat = tanggal <= tenggat
    teks += f" ({'tepat waktu' if tepat else 'terlambat'}; batas {format_tanggal(tenggat)})."
    return Bukti(_ya(tepat, jenis), teks, alamat)


def perencanaan_dipublikasikan(ctx: Konteks, jenis: str) -> Bukti:
    """The year's Perjanjian Kinerja published on time: signed (and so published) by its deadline (laporan/batas.py,
    31 January of the year)."""
    return _terbit(ctx, ["pk"], "Perjanjian Kinerja", batas.batas_tanda_tangan("pk", ctx.tahun), jenis)


def lkip_dipublikasikan(ctx: Konteks, jenis: str) -> Bukti:
    """The year's LKIP published (on the public page, with its address and date)."""
    return _terbit(ctx, ["lkip"], "LKIP", None, jenis)


def sop_mutu_baku(ctx: Konteks, jenis: str) -> Bukti:
    """The share of the year's finished SOP steps (with a measurable Mutu Baku) done within it."""
    from workflow.selectors import compliance_of_kecamatan

    mulai = datetime.date(ctx.tahun, 1, 1)
    sampai = min(datetime.date(ctx.tahun, 12, 31), timezone.localdate())
    link = reverse("workflow:compliance")
    if sampai < mulai:
        return Bukti("", f"Tahun {ctx.tahun} belum berjalan.", link)
    kepatuhan = compliance_of_kecamatan(ctx.kecamatan, mulai=mulai, sampai=sampai)
    dalam = sum(s.ringkasan.dalam_baku for s in kepatuhan.sop)
    dengan = sum(s.ringkasan.dengan_baku for s in kepatuhan.sop)
    if not dengan:
        return Bukti(
            _rasio(0, 0, jenis), f"Belum ada langkah SOP {ctx.tahun} yang selesai dengan Mutu Baku terukur.", link
        )
    persen = (Decimal(100) * dalam / dengan).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    teks = f"{persen}% langkah SOP dalam mutu baku ({dalam} dari {dengan} langkah, {ctx.tahun})."
    return Bukti(_rasio(dalam, dengan, jenis), teks, link)


def renstra_ditetapkan(ctx: Konteks, jenis: str) -> Bukti:
    """The Renstra covering the year established, and when."""
    from renstra.services import current_renstra, established_renstra

    link = reverse("renstra:index", args=[ctx.kecamatan.pk])
    renstra = established_renstra(ctx.kecamatan, ctx.tahun)
    if renstra is None:
        draft = current_renstra(ctx.kecamatan, ctx.tahun)
        if draft is not None:
            periode = f"{draft.tahun_awal}–{draft.tahun_akhir}"
            return Bukti(_ya(False, jenis), f"Renstra {periode} masih draf, belum ditetapkan.", link)
        return Bukti(_ya(False, jenis), f"Belum ada Renstra yang mencakup tahun {ctx.tahun}.", link)
    tanggal = format_tanggal(timezone.localdate(renstra.ditetapkan_pada)) if renstra.ditetapkan_pada else "—"
    teks = f"Renstra {renstra.tahun_awal}–{renstra.tahun_akhir} ditetapkan {tanggal}."
    return Bukti(_ya(True, jenis), teks, link)


def iku_ditetapkan(ctx: Konteks, jenis: str) -> Bukti:
    """The IKU designated by the Camat in the established Renstra covering the year."""
    from renstra.models import IndikatorRenstra
    from renstra.services import established_renstra

    link = reverse("renstra:iku", args=[ctx.kecamatan.pk])
    renstra = established_renstra(ctx.kecamatan, ctx.tahun)
    if renstra is None or renstra.iku_ditetapkan_pada is None:
        return Bukti(_ya(False, jenis), "IKU belum ditetapkan Camat.", link)
    jumlah = IndikatorRenstra.objects.filter(renstra=renstra, iku=True).count()
    if not jumlah:
        return Bukti(_ya(False, jenis), "IKU belum ditetapkan Camat.", link)
    tanggal = format_tanggal(timezone.localdate(renstra.iku_ditetapkan_pada))
    return Bukti(_ya(True, jenis), f"{jumlah} IKU ditetapkan {tanggal}.", link)


def tindak_lanjut_tahun_lalu(ctx: Konteks, jenis: str) -> Bukti:
    """The recommendations of last year's signed evaluation: n of m followed up (done)."""
    from evaluasi.models import Evaluasi, TindakLanjut

    lalu = ctx.tahun - 1
    previous = Evaluasi.objects.filter(
        kecamatan_id=ctx.kecamatan.pk, tahun=lalu, status=Evaluasi.Status.DITANDATANGANI
    ).first()
    if previous is None:
        return Bukti("", f"Tidak ada evaluasi AKIP {lalu} yang telah ditandatangani.", "")
    link = reverse("evaluasi:hasil", args=[previous.pk])
    statuses = list(previous.rekomendasi.exclude(status=TindakLanjut.Status.DRAF).values_list("status", flat=True))
    if not statuses:
        return Bukti("", f"Evaluasi AKIP {lalu} tidak memuat rekomendasi.", link)
    selesai = statuses.count(TindakLanjut.Status.SELESAI)
    teks = f"Tindak lanjut rekomendasi tahun lalu: {selesai} dari {len(statuses)} selesai."
    return Bukti(_rasio(selesai, len(statuses), jenis), teks, link)


RULES = {
    "pk_ditetapkan": pk_ditetapkan,
    "rencana_aksi": rencana_aksi,
    "triwulan_disetujui": triwulan_disetujui,
    "laporan_triwulan": laporan_triwulan,
    "lkip_ditandatangani": lkip_ditandatangani,
    "sop_mutu_baku": sop_mutu_baku,
    "renstra_ditetapkan": renstra_ditetapkan,
    "iku_ditetapkan": iku_ditetapkan,
    "tindak_lanjut_tahun_lalu": tindak_lanjut_tahun_lalu,
    "perencanaan_dipublikasikan": perencanaan_dipublikasikan,
    "lkip_dipublikasikan": lkip_dipublikasikan,
}


def usulan(evaluasi, kriteria_list) -> dict[int, Bukti]:
    """{kriteria id: Bukti} for the criteria carrying a rule; each rule runs once per answer kind."""
    ctx = Konteks(evaluasi)
    done: dict[tuple[str, str], Bukti] = {}
    result = {}
    for k in kriteria_list:
        if not k.bukti_otomatis:
            continue
        key = (k.bukti_otomatis, k.jenis_jawaban)
        if key not in done:
            done[key] = RULES[k.bukti_otomatis](ctx, k.jenis_jawaban)
        result[k.pk] = done[key]
    return result
