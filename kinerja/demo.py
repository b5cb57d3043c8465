"""Demo performance data: a plausible Perjanjian Kinerja for every demo kecamatan, this year and last.

Modelled on real kecamatan IKU (fixtures/kinerja/iku.json): IKM, PATEN tepat
waktu, desa tertib administrasi, konflik sosial tertangani, and a negative
indicator (jumlah pengaduan masyarakat). Last year has all four quarters
approved; this year quarters I–II are approved and III is filled but still in
draft. Values vary by kecamatan (seeded, deterministic) across the predikat
bands. Idempotent: a kecamatan-year that already has a PK is left alone.
"""

import datetime
import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kinerja.models import (
    AnggaranTriwulan,
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RencanaAksi,
    Sasaran,
    SubKegiatan,
    Triwulan,
    TriwulanRiwayat,
)
from kinerja.services.triwulan import default_window
from sakip.models import Pegawai, Position, Unit
from sakip.roles import Role

DATA = Path(settings.BASE_DIR) / "fixtures" / "kinerja" / "iku.json"
S = Triwulan.Status
TWO = Decimal("0.01")


def _kalimat(uraian: str) -> str:
    """An indicator's wording inside a sentence: its first letter lowered, acronyms ("IKM", "PATEN") kept."""
    return uraian[:1].lower() + uraian[1:] if uraian[1:2].islower() else uraian


def _q(value) -> Decimal:
    return Decimal(str(value)).quantize(TWO, rounding=ROUND_HALF_UP)


def _owner(kecamatan: Unit, unit_key: str, fallback: Position) -> Position:
    return Position.objects.filter(unit__kode=f"{kecamatan.kode}-{unit_key}").order_by("pk").first() or fallback


def _people(kecamatan: Unit) -> dict[str, Pegawai]:
    people = {}
    for p in Pegawai.objects.filter(jabatan__kecamatan=kecamatan).select_related("jabatan").order_by("pk"):
        people.setdefault(p.jabatan.role, p)
    return people


def _realised(target_tw: Decimal, polaritas: str, factor: float, counted: bool) -> Decimal:
    if polaritas == "negatif":
        # Fewer complaints than planned is good: invert the factor around the target.
        return _q(max(0, round(float(target_tw) * (2 - factor))))
    value = float(target_tw) * factor
    return _q(round(value) if counted else round(value, 2))


@transaction.atomic
def _load_year(kecamatan: Unit, tahun: int, data: dict, filled: int, approved: int, rng: random.Random) -> bool:
    if PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun).exists():
        return False
    people = _people(kecamatan)
    if Role.CAMAT not in people:
        return False
    fallback = Position.objects.get(kecamatan=kecamatan, role=Role.KASUBBAG_PERENCANAAN)
    # Composed as a draft and established by its Camat at the end (kinerja/locks.py).
    pk = PerjanjianKinerja.objects.create(
        kecamatan=kecamatan,
        tahun=tahun,
        pihak_pertama=people[Role.CAMAT],
        pihak_kedua_nama=data["pihak_kedua_nama"],
        pihak_kedua_jabatan=data["pihak_kedua_jabatan"],
        tanggal=datetime.date(tahun, 1, 15),
    )
    performance = rng.uniform(0.72, 1.08)  # how well this kecamatan does this year
    sasaran_objs, rencana, realisasi = [], [], []
    for s_no, s_data in enumerate(data["sasaran"], start=1):
        sasaran = Sasaran.objects.create(perjanjian=pk, urutan=s_no, uraian=s_data["uraian"])
        sasaran_objs.append(sasaran)
        for i_no, i_data in enumerate(s_data["indikator"], start=1):
            ind = Indikator.objects.create(
                sasaran=sasaran,
                urutan=i_no,
                uraian=i_data["uraian"],
                satuan=i_data["satuan"],
                target_tahunan=Decimal(i_data["target"]),
                polaritas=i_data["polaritas"],
                agregasi=i_data["agregasi"],
                definisi_operasional=i_data["definisi"],
                sumber_data=i_data["sumber"],
                penanggung_jawab=_owner(kecamatan, i_data["owner"], fallback),
            )
            for tw, target in enumerate(i_data["tw"], start=1):
                rencana.append(
                    RencanaAksi(
                        indikator=ind,
                        kecamatan=kecamatan,
                        triwulan=tw,
                        target=Decimal(target),
                        rencana_kegiatan=f"Pelaksanaan kegiatan pendukung {_kalimat(i_data['uraian'])} triwulan {tw}",
                    )
                )
                if tw <= filled:
                    factor = min(1.2, max(0.3, rng.gauss(performance, 0.12)))
                    late = rng.random() < 0.08
                    window_end = default_window(tahun, tw)[1]
                    when = datetime.datetime.combine(
                        window_end + datetime.timedelta(days=3 if late else -rng.randint(2, 9)),
                        datetime.time(9, 30),
                        tzinfo=timezone.get_current_timezone(),
                    )
                    low = factor < 0.8
                    realisasi.append(
                        Realisasi(
                            indikator=ind,
                            kecamatan=kecamatan,
                            tahun=tahun,
                            triwulan=tw,
                            nilai=_realised(
                                Decimal(target), i_data["polaritas"], factor, i_data["satuan"] not in ("%", "indeks")
                            ),
                            hambatan=rng.choice(data["hambatan"]) if low else "",
                            upaya=rng.choice(data["upaya"]) if low else "",
                            diisi_oleh=people.get(Role.PELAKSANA),
                            diisi_pada=when,
                            terlambat=late,
                            versi=1,
                        )
                    )
    RencanaAksi.objects.bulk_create(rencana)
    Realisasi.objects.bulk_create(realisasi)
    pk.status = PerjanjianKinerja.Status.DITANDATANGANI
    pk.save(update_fields=["status"])
    anggaran = []
    for p_data in data["program"]:
        program = Program.objects.create(kecamatan=kecamatan, tahun=tahun, kode=p_data["kode"], nama=p_data["nama"])
        for k_data in p_data["kegiatan"]:
            kegiatan = Kegiatan.objects.create(program=program, kode=k_data["kode"], nama=k_data["nama"])
            for sub_data in k_data["sub"]:
                pagu = Decimal(sub_data["pagu"])
                sub = SubKegiatan.objects.create(
                    kegiatan=kegiatan, kode=sub_data["kode"], nama=sub_data["nama"], pagu=pagu
                )
                sub.indikator.set(
                    Indikator.objects.filter(sasaran__in=[sasaran_objs[n - 1] for n in sub_data["sasaran"]])
                )
                for tw in (1, 2, 3, 4):
                    planned = _q(pagu / 4)
                    spent = _q(planned * Decimal(str(round(rng.uniform(0.7, 1.0), 2)))) if tw <= filled else None
                    anggaran.append(
                        AnggaranTriwulan(
                            sub_kegiatan=sub, kecamatan=kecamatan, triwulan=tw, rencana=planned, realisasi=spent
                        )
                    )
    AnggaranTriwulan.objects.bulk_create(anggaran)
    for tw in range(1, filled + 1):
        start, end = default_window(tahun, tw)
        status = S.DISETUJUI if tw <= approved else S.DRAFT
        quarter = Triwulan.objects.create(
            kecamatan=kecamatan,
            tahun=tahun,
            triwulan=tw,
            status=status,
            batas_mulai=start,
            batas_akhir=end,
            diubah_oleh=people[Role.CAMAT] if status == S.DISETUJUI else None,
        )
        if status == S.DISETUJUI:
            TriwulanRiwayat.objects.bulk_create(
                [
                    TriwulanRiwayat(
                        triwulan_ref=quarter, dari=S.DRAFT, ke=S.DIAJUKAN, oleh=people[Role.KASUBBAG_PERENCANAAN]
                    ),
                    TriwulanRiwayat(
                        triwulan_ref=quarter, dari=S.DIAJUKAN, ke=S.DIVERIFIKASI, oleh=people[Role.SEKRETARIS]
                    ),
                    TriwulanRiwayat(triwulan_ref=quarter, dari=S.DIVERIFIKASI, ke=S.DISETUJUI, oleh=people[Role.CAMAT]),
                ]
            )
    return True


def load_demo_kinerja() -> str:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    this_year = timezone.localdate().year
    created = 0
    kecamatan_list = list(Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kabupaten__kode="balangan").order_by("kode"))
    for kecamatan in kecamatan_list:
        for tahun, filled, approved in ((this_year - 1, 4, 4), (this_year, 3, 2)):
            rng = random.Random(f"{kecamatan.kode}-{tahun}")
            created += _load_year(kecamatan, tahun, data, filled, approved, rng)
    return f"{len(kecamatan_list)} kecamatan × 2 tahun ({created} PK baru)"


PATEN = "Persentase penyelesaian pelayanan administrasi terpadu kecamatan (PATEN) tepat waktu"
IKM = "Indeks Kepuasan Masyarakat (IKM)"
DEMO_LAYANAN = ("Pelayanan Surat Keterangan", "Pelayanan Rekomendasi")


def _service_sops(kecamatan: Unit) -> list:
    """Awayan's service SOPs: those run at the counter, or whose revision has the applicant as a lane."""
    from sop.models import Sop

    return list(
        Sop.objects.filter(kecamatan=kecamatan)
        .filter(Q(runs__jenis="layanan") | Q(revisions__lanes__role="PEMOHON"))
        .distinct()
        .order_by("pk")
    )


def _served(kecamatan: Unit, tahun: int) -> dict[int, list[str]]:
    """Receipt codes of the applicants the counter's demo registered per SKM service in TW III ("" for a
    request not finished; none without the counter app)."""
    from django.apps import apps

    try:
        permohonan = apps.get_model("loket", "Permohonan")
    except LookupError:
        return {}
    rows = permohonan.objects.filter(kecamatan=kecamatan, layanan__isnull=False, dibuat_pada__year=tahun)
    rows = rows.filter(dibuat_pada__month__in=(7, 8, 9)).values_list("layanan_id", "kode", "run__status")
    served: dict[int, list[str]] = {}
    for layanan_id, kode, status in rows.order_by("dibuat_pada", "pk"):
        # A finished request's receipt is what lets its applicant's SKM answer count (layanan.tanda_terima);
        # an unfinished one is listed as "" (its applicant answers without a receipt, if at all).
        served.setdefault(layanan_id, []).append(kode if status == "selesai" else "")
    return served


def _demo_profil(rng: random.Random) -> dict:
    """A plausible respondent of a kantor camat's counter (umur, jenis kelamin, pendidikan, pekerjaan)."""
    from layanan.ikm import JenisKelamin, Pekerjaan, Pendidikan

    bawah, atas = rng.choices(((17, 24), (25, 34), (35, 44), (45, 54), (55, 72)), weights=(3, 6, 6, 4, 2))[0]
    return {
        "umur": rng.randint(bawah, atas),
        "jenis_kelamin": rng.choices(JenisKelamin.values, weights=(11, 9))[0],
        "pendidikan": rng.choices(Pendidikan.values, weights=(4, 5, 9, 2, 4, 1))[0],
        "pekerjaan": rng.choices(Pekerjaan.values, weights=(2, 1, 1, 6, 7, 6))[0],
    }


@transaction.atomic
def load_demo_sumber_hitung() -> str:
    """Awayan's PATEN and IKM indicators of this year computed from the app's records, and SKM answers for
    its draft quarter (TW III). The counter runs come from the counter's own demo data, when loaded; without
    them the PATEN proposal shows "0 dari 0". Idempotent: a declared source only gains SOPs it lacked."""
    from kinerja.models import SumberHitung
    from layanan.models import JenisLayanan, ResponSkm
    from layanan.services import hash_tanda_terima

    kecamatan = Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kode="awayan").first()
    if kecamatan is None:
        return "Kecamatan Awayan tidak ada"
    tahun = timezone.localdate().year
    indicators = Indikator.objects.filter(kecamatan=kecamatan, tahun=tahun).exclude(
        sasaran__perjanjian__status=PerjanjianKinerja.Status.DIGANTIKAN
    )
    paten = indicators.filter(uraian__startswith=PATEN).first()
    ikm = indicators.filter(uraian__startswith=IKM).first()
    if paten is None or ikm is None:
        return "indikator PATEN/IKM Awayan tidak ada"
    layanan = list(JenisLayanan.objects.filter(kecamatan=kecamatan, aktif=True).order_by("pk"))
    if not layanan:
        layanan = [JenisLayanan.objects.create(kecamatan=kecamatan, nama=nama) for nama in DEMO_LAYANAN]
    rng = random.Random(f"skm-{kecamatan.kode}-{tahun}")
    # The respondents' profile from a generator of its own, so the answers above stay what they were.
    profil_rng = random.Random(f"skm-profil-{kecamatan.kode}-{tahun}")
    answers = 0
    moment = datetime.datetime(tahun, 8, 15, 10, 0, tzinfo=timezone.get_current_timezone())
    served = _served(kecamatan, tahun)
    for number, item in enumerate(layanan):
        if ResponSkm.objects.filter(layanan=item, tahun=tahun, triwulan=3).exists():
            continue
        # As many respondents as the counter served (the first service: everyone answered, the sample is met;
        # the others about two in three: the SKM report shows the sample short), else about thirty.
        # Each answer carries its applicant's receipt; an unfinished request's applicant answers without one
        # (kept apart, not counted in the IKM). Without the counter's data: about thirty answers, none proven.
        receipts = served.get(item.pk, [])
        applicants = len(receipts)
        count = (applicants if number == 0 else max(1, applicants * 2 // 3)) if applicants else rng.randint(28, 40)
        codes = (receipts + [""] * count)[:count]
        rows = [
            ResponSkm(
                layanan=item,
                tahun=tahun,
                triwulan=3,
                dibuat_pada=moment + datetime.timedelta(hours=n),
                tanda_terima_hash=hash_tanda_terima(item, kode) if kode else "",
                tanda_terima_sah=bool(kode),
                **{f"u{u}": rng.choices((2, 3, 4), weights=(1, 6, 4))[0] for u in range(1, 10)},
                **_demo_profil(profil_rng),
            )
            for n, kode in enumerate(codes)
        ]
        ResponSkm.objects.bulk_create(rows)
        answers += len(rows)
    sops = _service_sops(kecamatan)
    declared = []
    for indikator, jenis in ((paten, SumberHitung.Jenis.SOP_TEPAT_WAKTU), (ikm, SumberHitung.Jenis.IKM)):
        row, _ = SumberHitung.objects.get_or_create(indikator=indikator, defaults={"jenis": jenis})
        if jenis == SumberHitung.Jenis.IKM and not row.layanan.exists():
            row.layanan.set(layanan)
        if jenis == SumberHitung.Jenis.SOP_TEPAT_WAKTU and not row.sop.exists() and sops:
            row.sop.set(sops)
        chosen = "; ".join(sorted(str(item) for item in [*row.sop.all(), *row.layanan.all()]))
        if row.pilihan_teks != chosen:
            row.pilihan_teks = chosen
            row.save(update_fields=["pilihan_teks"])
        declared.append(indikator.uraian[:40])
    return f"Awayan: {len(declared)} indikator dihitung aplikasi ({len(sops)} SOP layanan), {answers} jawaban SKM baru"


def register() -> None:
    from sakip.demo import register_loader

    register_loader(20, "kinerja", load_demo_kinerja)
    # After the SOP library, the performance data and the counter's demo runs.
    register_loader(60, "indikator dihitung aplikasi", load_demo_sumber_hitung)
    # The planning chain (issue 14): RPJMD and Renstra 2025–2029 consistent with the PKs loaded above.
    from kinerja.demo_renstra import load_demo_renstra

    register_loader(25, "renstra", load_demo_renstra)
    # Cascading PKs of Awayan and Batumandi supporting the demo Camat's PKs (issue 14, PK berjenjang).
    from kinerja.demo_berjenjang import load_demo_berjenjang

    register_loader(26, "PK berjenjang", load_demo_berjenjang)
