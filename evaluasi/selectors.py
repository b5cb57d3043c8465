"""Read-side queries of the AKIP evaluation, always through sakip.permissions; constant queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from evaluasi import nilai
from evaluasi.models import BuktiJawaban, Evaluasi, Jawaban, Komponen, Kriteria, KriteriaSet, TindakLanjut
from sakip import permissions
from sakip.roles import KABUPATEN_ROLES, Role


@dataclass
class KomponenBaris:
    komponen: Komponen
    sub_list: list = field(default_factory=list)

    def __getattr__(self, name):
        return getattr(self.komponen, name)


@dataclass
class SubBaris:
    sub: object
    kriteria_list: list = field(default_factory=list)

    def __getattr__(self, name):
        return getattr(self.sub, name)


def struktur(kriteria_set_id: int) -> list[KomponenBaris]:
    """Components > sub-components > criteria of a set, in order (one query)."""
    komponen: dict[int, KomponenBaris] = {}
    subs: dict[int, SubBaris] = {}
    rows = Kriteria.objects.filter(sub__komponen__kriteria_set_id=kriteria_set_id).select_related("sub__komponen")
    for k in rows.order_by("sub__komponen__urutan", "sub__urutan", "nomor"):
        sub = k.sub
        kb = komponen.setdefault(sub.komponen_id, KomponenBaris(sub.komponen))
        if sub.pk not in subs:
            subs[sub.pk] = SubBaris(sub)
            kb.sub_list.append(subs[sub.pk])
        subs[sub.pk].kriteria_list.append(k)
    return list(komponen.values())


def kriteria_sets(user):
    """The criteria sets of the user's kabupaten, newest first."""
    return permissions.scope_kabupaten_readers(user, KriteriaSet.objects.select_related("kabupaten")).order_by("-tahun")


def visible(user):
    return permissions.scope(user, Evaluasi.objects.select_related("kecamatan", "kriteria_set"))


def get_or_404(user, pk: int) -> Evaluasi:
    return permissions.get_visible_or_404(user, visible(user).select_related("laporan__dokumen"), pk=pk)


def jawaban_of(evaluasi: Evaluasi) -> dict[int, Jawaban]:
    """{kriteria id: answer row} with its evidence files (two queries)."""
    rows = (
        Jawaban.objects.filter(evaluasi=evaluasi)
        .select_related("dikembalikan_oleh")
        .prefetch_related(Prefetch("bukti", queryset=BuktiJawaban.objects.order_by("pk"), to_attr="bukti_list"))
    )
    return {j.kriteria_id: j for j in rows}


def hasil(evaluasi: Evaluasi, *, versi: str = "evaluator", tree=None, jawaban=None) -> nilai.Hasil:
    """The score of an evaluation by the evaluator's answers (or the kecamatan's, versi="mandiri")."""
    tree = tree if tree is not None else struktur(evaluasi.kriteria_set_id)
    if jawaban is None:
        answers = dict(Jawaban.objects.filter(evaluasi=evaluasi).values_list("kriteria_id", versi))
    else:
        answers = {kid: getattr(j, versi) for kid, j in jawaban.items()}
    return nilai.hitung(tree, answers)


@dataclass
class Lembar:
    """Everything the self-assessment and scoring pages show (constant queries)."""

    evaluasi: Evaluasi
    komponen: list[KomponenBaris]
    hasil_mandiri: nilai.Hasil
    hasil_evaluator: nilai.Hasil
    dikembalikan: int


def lembar(evaluasi: Evaluasi, *, dengan_usulan: bool = True) -> Lembar:
    from evaluasi import bukti

    tree = struktur(evaluasi.kriteria_set_id)
    answers = jawaban_of(evaluasi)
    usulan = (
        bukti.usulan(evaluasi, [k for kb in tree for sb in kb.sub_list for k in sb.kriteria_list])
        if dengan_usulan
        else {}
    )
    returned = 0
    for kb in tree:
        for sb in kb.sub_list:
            for k in sb.kriteria_list:
                k.jawaban = answers.get(k.pk)
                k.usulan = usulan.get(k.pk)
                k.pilihan = [(code, nilai.LABEL_JAWABAN[code]) for code in nilai.pilihan(k.jenis_jawaban)]
                returned += 1 if k.jawaban is not None and k.jawaban.dikembalikan else 0
    return Lembar(
        evaluasi=evaluasi,
        komponen=tree,
        hasil_mandiri=hasil(evaluasi, versi="mandiri", tree=tree, jawaban=answers),
        hasil_evaluator=hasil(evaluasi, versi="evaluator", tree=tree, jawaban=answers),
        dikembalikan=returned,
    )


def rekomendasi_of(evaluasi: Evaluasi) -> list[TindakLanjut]:
    return list(
        TindakLanjut.objects.filter(evaluasi=evaluasi).select_related("pemilik", "komponen", "diselesaikan_oleh")
    )


# --- Beranda panels: follow-up of recommendations ---


def _tindak_lanjut_terbuka():
    return TindakLanjut.objects.filter(status=TindakLanjut.Status.TERBUKA).select_related(
        "evaluasi__kecamatan", "pemilik"
    )


def panel_tindak_lanjut_saya(user) -> dict | None:
    """Tugas Saya of the owner: the open recommendations whose owner position the user holds (own or acting),
    overdue first (one query)."""
    positions = {h.position_id for h in permissions.holdings(user) if h.kecamatan_id}
    if not positions:
        return None
    items = list(_tindak_lanjut_terbuka().filter(pemilik_id__in=positions).order_by("batas_waktu", "pk")[:20])
    if not items:
        return None
    today = timezone.localdate()
    for item in items:
        item.terlambat = item.batas_waktu < today
    return {"items": items}


def panel_tindak_lanjut_ringkas(user) -> dict | None:
    """The Camat's and the evaluator's Beranda: open / done / overdue follow-ups per kecamatan (one query)."""
    roles = permissions.all_roles(user)
    if not roles & {Role.CAMAT, Role.EVALUATOR}:
        return None
    qs = permissions.scope(user, TindakLanjut.objects.exclude(status=TindakLanjut.Status.DRAF))
    if Role.EVALUATOR not in roles:
        camat_of = {h.kecamatan_id for h in permissions.holdings(user) if h.role == Role.CAMAT}
        qs = qs.filter(kecamatan_id__in=camat_of)
    today = timezone.localdate()
    rows: dict[int, dict] = {}
    for kec_id, nama, status, batas in qs.values_list("kecamatan_id", "kecamatan__nama", "status", "batas_waktu"):
        row = rows.setdefault(
            kec_id, {"kecamatan_id": kec_id, "nama": nama, "selesai": 0, "terbuka": 0, "terlambat": 0}
        )
        if status == TindakLanjut.Status.SELESAI:
            row["selesai"] += 1
        else:
            row["terbuka"] += 1
            row["terlambat"] += 1 if batas < today else 0
    if not rows:
        return None
    return {"rows": sorted(rows.values(), key=lambda r: (-r["terlambat"], -r["terbuka"], r["nama"]))}


def is_kabupaten_reader(user) -> bool:
    return bool(permissions.all_roles(user) & KABUPATEN_ROLES) or user.is_superuser


def get_bukti_or_404(user, pk: int) -> BuktiJawaban:
    bukti = permissions.scope(user, BuktiJawaban.objects.select_related("jawaban")).filter(pk=pk).first()
    if bukti is None:
        raise Http404("Bukti tidak ditemukan.")
    return bukti
