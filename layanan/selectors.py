"""Reads of the SKM: services of a kecamatan and their IKM per quarter, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.http import Http404

from layanan.ikm import KELOMPOK_UMUR, HasilIkm, JenisKelamin, Pekerjaan, Pendidikan, hitung
from layanan.models import UNSUR_FIELDS, JenisLayanan
from sakip import permissions
from sakip.models import Unit


def kecamatan_or_404(user, kecamatan_id: int) -> Unit:
    """The kecamatan named in a URL, if the user may read it (kecamatan roles: their own; kabupaten
    roles: those of their kabupaten); anything else is a 404."""
    unit = permissions.visible_kecamatan(user).select_related("kabupaten").filter(pk=kecamatan_id).first()
    if unit is None:
        raise Http404("Data tidak ditemukan.")
    return unit


def layanan_kecamatan(user, kecamatan: Unit):
    """The services of a kecamatan the user may read, active first."""
    qs = permissions.scope(user, JenisLayanan.objects.filter(kecamatan=kecamatan))
    return qs.order_by("-aktif", "nama", "pk")


@dataclass(frozen=True)
class BarisHasil:
    layanan: JenisLayanan | None  # None: every service of the kecamatan together
    hasil: HasilIkm
    tidak_dihitung: int = 0  # answers without a proving receipt, left out of the IKM


def hasil_triwulan(user, kecamatan: Unit, *, tahun: int, triwulan: int, populasi: dict[int, int] | None = None):
    """Per service of the kecamatan, the IKM of one quarter, plus the kecamatan's total: one query."""
    populasi = populasi or {}
    periode = Q(respons__tahun=tahun, respons__triwulan=triwulan)
    dihitung = periode & (
        Q(respons__tanda_terima_sah=True) | Q(kecamatan__kabupaten__skm_hitung_tanpa_tanda_terima=True)
    )
    rows = list(
        layanan_kecamatan(user, kecamatan).annotate(
            n=Count("respons", filter=dihitung),
            n_semua=Count("respons", filter=periode),
            **{f"s_{f}": Sum(f"respons__{f}", filter=dihitung) for f in UNSUR_FIELDS},
        )
    )
    result = []
    total = [0] * len(UNSUR_FIELDS)
    n_total = 0
    for layanan in rows:
        sums = [getattr(layanan, f"s_{f}") or 0 for f in UNSUR_FIELDS]
        hasil = hitung(jumlah=sums, responden=layanan.n, populasi=populasi.get(layanan.pk))
        result.append(BarisHasil(layanan, hasil, layanan.n_semua - layanan.n))
        total = [a + b for a, b in zip(total, sums, strict=True)]
        n_total += layanan.n
    populasi_total = sum(populasi.get(r.pk, 0) for r in rows) if populasi else None
    gabungan = BarisHasil(
        None,
        hitung(jumlah=total, responden=n_total, populasi=populasi_total or None),
        sum(b.tidak_dihitung for b in result),
    )
    return result, gabungan


# An answer counts in the IKM when its receipt proves it (a finished request of that service, once:
# layanan.tanda_terima), or when the kabupaten chose to count the "tanpa tanda terima" pool as well.
DIHITUNG = Q(tanda_terima_sah=True) | Q(layanan__kecamatan__kabupaten__skm_hitung_tanpa_tanda_terima=True)


def jumlah_jawaban(respons) -> dict[tuple[int, int], tuple[int, list[int]]]:
    """{(layanan id, triwulan): (respondents, the nine unsur sums)} of the answers that count (`DIHITUNG`) among
    these (a ResponSkm queryset the caller has filtered and scoped): one GROUP BY query, the raw material of
    every IKM (layanan.ikm.hitung)."""
    rows = (
        respons.filter(DIHITUNG)
        .values("layanan_id", "triwulan")
        .annotate(n=Count("pk"), **{f"s_{f}": Sum(f) for f in UNSUR_FIELDS})
    )
    return {
        (r["layanan_id"], r["triwulan"]): (r["n"], [r[f"s_{f}"] or 0 for f in UNSUR_FIELDS]) for r in rows.order_by()
    }


def ikm_per_triwulan(user, kecamatan: Unit, *, tahun: int) -> dict[int, dict[int, HasilIkm]]:
    """layanan id -> triwulan -> IKM for a year: one query (a GROUP BY on service and quarter)."""
    from layanan.models import ResponSkm

    qs = permissions.scope(
        user, ResponSkm.objects.filter(layanan__kecamatan=kecamatan, tahun=tahun), field="layanan__kecamatan"
    )
    out: dict[int, dict[int, HasilIkm]] = {}
    for (layanan_id, tw), (n, jumlah) in jumlah_jawaban(qs).items():
        out.setdefault(layanan_id, {})[tw] = hitung(jumlah=jumlah, responden=n)
    return out


def jumlah_tidak_dihitung(respons) -> dict[tuple[int, int], int]:
    """{(layanan id, triwulan): answers left out of the IKM} among these: those without a proving receipt
    (where the kabupaten does not count them). One GROUP BY query."""
    rows = respons.exclude(DIHITUNG).values("layanan_id", "triwulan").annotate(n=Count("pk"))
    return {(r["layanan_id"], r["triwulan"]): r["n"] for r in rows.order_by()}


TIDAK_DIISI = "Tidak diisi"


@dataclass(frozen=True)
class BarisProfil:
    kategori: str
    jumlah: int
    persen: Decimal | None  # two decimals, of the respondents counted; None without respondents


@dataclass(frozen=True)
class Karakteristik:
    nama: str
    baris: list[BarisProfil]


def _kategori_profil() -> list[tuple[str, list[tuple[str, Q]]]]:
    """(characteristic, [(category, condition)]) in the order of the questionnaire; each characteristic
    ends with "Tidak diisi" (answers saved before the profile was asked, or without it)."""
    umur = [
        (label, Q(umur__gte=bawah) if atas is None else Q(umur__gte=bawah, umur__lte=atas))
        for label, bawah, atas in KELOMPOK_UMUR
    ]
    pilihan = [
        (nama, [(label, Q(**{field: value})) for value, label in choices.choices], Q(**{field: ""}))
        for nama, field, choices in (
            ("Jenis kelamin", "jenis_kelamin", JenisKelamin),
            ("Pendidikan", "pendidikan", Pendidikan),
            ("Pekerjaan", "pekerjaan", Pekerjaan),
        )
    ]
    return [
        ("Umur", [*umur, (TIDAK_DIISI, Q(umur__isnull=True))]),
        *((nama, [*rows, (TIDAK_DIISI, kosong)]) for nama, rows, kosong in pilihan),
    ]


def profil_responden(respons) -> tuple[int, list[Karakteristik]]:
    """The respondents' profile among these answers (a ResponSkm queryset the caller has filtered and
    scoped), counting the same respondents the IKM counts (`DIHITUNG`): (respondents, per characteristic
    each category's count and share; "Tidak diisi" last, when any). One aggregate query, however many
    categories."""
    kategori = _kategori_profil()
    hitungan = {"n": Count("pk")}
    for i, (_, rows) in enumerate(kategori):
        for j, (_, kondisi) in enumerate(rows):
            hitungan[f"k{i}_{j}"] = Count("pk", filter=kondisi)
    found = respons.filter(DIHITUNG).order_by().aggregate(**hitungan)
    n = found["n"] or 0
    out = []
    for i, (nama, rows) in enumerate(kategori):
        baris = []
        for j, (label, _) in enumerate(rows):
            jumlah = found[f"k{i}_{j}"] or 0
            if label == TIDAK_DIISI and not jumlah:
                continue
            persen = (Decimal(jumlah * 100) / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if n else None
            baris.append(BarisProfil(label, jumlah, persen))
        out.append(Karakteristik(nama, baris))
    return n, out
