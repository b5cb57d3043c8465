"""Demo cascading PKs (PK berjenjang, kinerja/berjenjang.py) for Awayan and Batumandi, last year and this year.

Each position with a cascading PK (Sekretaris, the two Kasubbag, the Kasi Pemerintahan, the Kabid Pelayanan,
the Kasi Trantib) gets an established PK whose indicators support the demo Camat's PK (fixtures/kinerja/iku.json).
Three of the Camat's indicators are computed from their supporting indicators, and the supporting values are
split from the demo Camat's figures so that every page and document prints the same numbers as before:

* 2.1 desa tertib administrasi (terakhir): the last supporting indicator carries the Camat's value;
* 2.3 desa dibina RKPDes (jumlah): the Sekretaris's and the Kasi Pemerintahan's parts add up to it;
* 3.1 konflik sosial tertangani (rata-rata): the Kasi Trantib's two indicators average to it.

Realisations exist for the quarters the Camat's PK has them (the quarter statuses are the kecamatan's).
Idempotent: a kecamatan-year that has a cascading PK is left alone. Rows are bulk-created.
"""

import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, RencanaAksi, Sasaran
from kinerja.services.perencanaan import _atasan, _holder_of
from sakip.models import Position, Unit

KECAMATAN = ("awayan", "batumandi")
TWO = Decimal("0.01")
# Computed Camat's indicators (by number in the demo PK) and how.
DIHITUNG = {"2.1": "terakhir", "2.3": "jumlah", "3.1": "rata"}
# unit suffix, sasaran, [(Camat's indicator, uraian, satuan, how the value is made, TW targets, agregasi)]
#   sendiri: its own value from its target; sama: the Camat's value; bagian/sisa: 2/5 of the Camat's value and
#   the rest; tambah/kurang: the Camat's value ± 2 (their mean is the Camat's value).
CASCADE = [
    (
        "sekretariat",
        "Meningkatnya kualitas tata kelola kesekretariatan kecamatan",
        [
            (
                "1.3",
                "Persentase pengaduan masyarakat yang ditindaklanjuti tepat waktu",
                "%",
                "sendiri",
                [100] * 4,
                "rata",
            ),
            (
                "2.3",
                "Jumlah desa yang didampingi dalam musyawarah perencanaan pembangunan desa",
                "desa",
                "bagian",
                [2] * 4,
                "kumulatif",
            ),
        ],
    ),
    (
        "subbag-perencanaan",
        "Meningkatnya kualitas perencanaan dan pelaporan kinerja kecamatan",
        [
            (
                "2.2",
                "Persentase laporan keuangan desa yang diverifikasi tepat waktu",
                "%",
                "sendiri",
                [80, 90, 95, 100],
                "akhir",
            )
        ],
    ),
    (
        "subbag-umum",
        "Meningkatnya kualitas pelayanan administrasi umum dan kepegawaian",
        [("1.2", "Persentase berkas pelayanan yang diarsipkan tepat waktu", "%", "sendiri", [90] * 4, "rata")],
    ),
    (
        "seksi-pemerintahan",
        "Meningkatnya tertib administrasi pemerintahan desa",
        [
            (
                "2.1",
                "Persentase desa yang dibina administrasi pemerintahannya",
                "%",
                "sendiri",
                [60, 75, 90, 100],
                "akhir",
            ),
            (
                "2.1",
                "Persentase desa tertib administrasi pemerintahan hasil evaluasi seksi",
                "%",
                "sama",
                None,
                "akhir",
            ),
            (
                "2.3",
                "Jumlah desa yang dibina dalam penyusunan RKPDes melalui bimbingan teknis",
                "desa",
                "sisa",
                [3] * 4,
                "kumulatif",
            ),
        ],
    ),
    (
        "seksi-pelayanan",
        "Meningkatnya mutu pelayanan kecamatan",
        [
            (
                "1.1",
                "Persentase jenis layanan yang menerapkan standar pelayanan",
                "%",
                "sendiri",
                [70, 80, 90, 100],
                "akhir",
            )
        ],
    ),
    (
        "seksi-trantib",
        "Terwujudnya ketenteraman dan ketertiban umum",
        [
            ("3.1", "Persentase konflik antarwarga yang tertangani", "%", "tambah", None, "rata"),
            ("3.1", "Persentase gangguan ketertiban umum yang tertangani", "%", "kurang", None, "rata"),
        ],
    ),
]


def _q(value) -> Decimal:
    return Decimal(str(value)).quantize(TWO, rounding=ROUND_HALF_UP)


def _value(how: str, parent: Decimal | None, target: Decimal, rng: random.Random) -> Decimal | None:
    if parent is None:
        return None
    if how == "sama":
        return parent
    if how == "bagian":
        return Decimal(int(parent * 2 / 5))
    if how == "sisa":
        return parent - Decimal(int(parent * 2 / 5))
    if how in ("tambah", "kurang"):
        high = min(Decimal(100), parent + 2) if parent <= 100 else parent + 2
        return high if how == "tambah" else 2 * parent - high
    return min(Decimal(100), _q(float(target) * min(1.15, max(0.6, rng.gauss(0.95, 0.1)))))


@transaction.atomic
def _load(kecamatan: Unit, tahun: int) -> int:
    camat_pk = (
        PerjanjianKinerja.objects.milik_camat()
        .filter(kecamatan=kecamatan, tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTIKAN)
        .first()
    )
    if (
        camat_pk is None
        or PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun, jabatan__isnull=False).exists()
    ):
        return 0
    parents = {
        f"{i.sasaran.urutan}.{i.urutan}": i
        for i in Indikator.objects.filter(sasaran__perjanjian=camat_pk).select_related("sasaran")
    }
    parent_values: dict[int, dict[int, Decimal]] = {}
    parent_targets: dict[int, dict[int, Decimal]] = {}
    for r in Realisasi.objects.filter(indikator__in=parents.values(), nilai__isnull=False):
        parent_values.setdefault(r.indikator_id, {})[r.triwulan] = r.nilai
    for ra in RencanaAksi.objects.filter(indikator__in=parents.values(), target__isnull=False):
        parent_targets.setdefault(ra.indikator_id, {})[ra.triwulan] = ra.target
    rng = random.Random(f"berjenjang-{kecamatan.kode}-{tahun}")
    now = timezone.now()
    created, rencana, realisasi = 0, [], []
    for unit_key, sasaran_text, rows in CASCADE:
        jabatan = (
            Position.objects.filter(
                unit__kode=f"{kecamatan.kode}-{unit_key}",
                role__in=["SEKRETARIS", "KASUBBAG_PERENCANAAN", "KASUBBAG_UMUM", "KASI", "KABID"],
            )
            .order_by("pk")
            .first()
        )
        holder = _holder_of(jabatan) if jabatan else None
        if holder is None or any(nomor not in parents for nomor, *_ in rows):
            continue
        atasan = _atasan(jabatan)
        atasan_orang = _holder_of(atasan) if atasan else None
        pk = PerjanjianKinerja.objects.create(
            kecamatan=kecamatan,
            tahun=tahun,
            jabatan=jabatan,
            pihak_pertama=holder,
            pihak_kedua_nama=atasan_orang.nama if atasan_orang else "",
            pihak_kedua_jabatan=atasan.nama.upper() if atasan else "",
            tanggal=camat_pk.tanggal,
        )
        sasaran = Sasaran.objects.create(perjanjian=pk, urutan=1, uraian=sasaran_text)
        for urutan, (nomor, uraian, satuan, how, targets, agregasi) in enumerate(rows, start=1):
            parent = parents[nomor]
            if targets is None:
                tw_targets = [parent_targets.get(parent.pk, {}).get(tw, parent.target_tahunan) for tw in (1, 2, 3, 4)]
            else:
                tw_targets = [Decimal(t) for t in targets]
            annual = sum(tw_targets) if agregasi == "kumulatif" else tw_targets[-1]
            ind = Indikator.objects.create(
                sasaran=sasaran,
                urutan=urutan,
                uraian=uraian,
                satuan=satuan,
                target_tahunan=annual,
                agregasi=agregasi,
                definisi_operasional=f"Mendukung indikator PK Camat {nomor}: {parent.uraian}",
                sumber_data=f"Laporan {jabatan.nama}",
                penanggung_jawab=jabatan,
                iku=False,
                mendukung=parent,
            )
            for tw in (1, 2, 3, 4):
                rencana.append(RencanaAksi(indikator=ind, kecamatan=kecamatan, triwulan=tw, target=tw_targets[tw - 1]))
                value = _value(how, parent_values.get(parent.pk, {}).get(tw), tw_targets[tw - 1], rng)
                if value is not None:
                    realisasi.append(
                        Realisasi(
                            indikator=ind,
                            kecamatan=kecamatan,
                            tahun=tahun,
                            triwulan=tw,
                            nilai=value,
                            diisi_oleh=holder,
                            diisi_pada=now,
                            versi=1,
                        )
                    )
        pk.status = PerjanjianKinerja.Status.DITANDATANGANI
        pk.save(update_fields=["status"])
        created += 1
    RencanaAksi.objects.bulk_create(rencana)
    Realisasi.objects.bulk_create(realisasi)
    # The demo Camat's PK is already established: the declaration is written past its lock (demo data only;
    # users declare it on the "Atur sumber perhitungan" page while every quarter is a draft).
    for nomor, cara in DIHITUNG.items():
        Indikator.objects.filter(pk=parents[nomor].pk).update(hitung_dari_pendukung=cara)
    return created


def load_demo_berjenjang() -> str:
    this_year = timezone.localdate().year
    created = 0
    for kecamatan in Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kode__in=KECAMATAN).order_by("kode"):
        for tahun in (this_year - 1, this_year):
            created += _load(kecamatan, tahun)
    return f"{created} PK berjenjang baru (Awayan, Batumandi)"
