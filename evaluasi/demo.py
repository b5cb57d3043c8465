"""Demo: Balangan's LKE criteria for 2025 and 2026, a completed (signed) 2025 evaluation of each of the
eight kecamatan with findings and recommendations (some already followed up) and an open 2026 one.

Written in bulk (answers with bulk_create/bulk_update) so load_demo stays fast; idempotent (keyed on
kecamatan and year). The 2025 LHEs are rendered and signed through evaluasi/lhe.py when the signing
certificate is available (`make run` creates a demo one); otherwise they are recorded as signed without
a PDF and the summary says so.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from evaluasi import kriteria, lhe, nilai, selectors
from evaluasi.models import Evaluasi, Jawaban, KriteriaSet, TindakLanjut
from sakip.models import Pegawai, Position, Unit
from sakip.roles import Role

TAHUN_SELESAI = 2025
TAHUN_BERJALAN = 2026
# Each kecamatan's general level (share of criteria answered well), so the kabupaten view spreads.
TINGKAT = [0.9, 0.8, 0.72, 0.65, 0.6, 0.55, 0.5, 0.42]
REKOMENDASI = [
    "Agar menyusun manual indikator kinerja yang memuat definisi operasional dan cara pengukuran setiap indikator.",
    "Agar memanfaatkan hasil pengukuran kinerja triwulanan dalam penyesuaian rencana aksi dan anggaran.",
]


def _jawab(rng: random.Random, jenis: str, tingkat: float) -> str:
    if jenis == nilai.YA_TIDAK:
        return "Y" if rng.random() < tingkat + 0.15 else "T"
    x = rng.random() * 0.5 + tingkat - 0.2
    return "A" if x > 0.85 else "B" if x > 0.6 else "C" if x > 0.4 else "D" if x > 0.2 else "E"


def _sets(kabupaten: Unit, admin: Pegawai) -> dict[int, KriteriaSet]:
    data = kriteria.baca_berkas()
    result = {}
    for tahun in (TAHUN_SELESAI, TAHUN_BERJALAN):
        kset = KriteriaSet.objects.filter(kabupaten=kabupaten, tahun=tahun).first()
        result[tahun] = kset or kriteria.tulis(kabupaten=kabupaten, tahun=tahun, data=data, oleh=admin)
    return result


@transaction.atomic
def load_demo_evaluasi() -> str:
    from laporan import signing

    kabupaten = Unit.objects.filter(kode="balangan", jenis=Unit.Kind.KABUPATEN).first()
    admin = Pegawai.objects.filter(username="admin.balangan").first()
    evaluator = Pegawai.objects.filter(username="evaluator.balangan").first()
    # The auditor composes the LHE; the Inspektur signs it (sakip/inspektur.py).
    inspektur = Pegawai.objects.filter(username="inspektur.balangan").first()
    if kabupaten is None or admin is None or evaluator is None or inspektur is None:
        return "dilewati (organisasi demo belum dimuat)"
    sets = _sets(kabupaten, admin)
    try:
        signing.ensure_available()
        can_sign = True
    except Exception:  # noqa: BLE001 - no certificate: record the result without the PDF
        can_sign = False
    kecamatan = list(Unit.objects.filter(kabupaten=kabupaten, jenis=Unit.Kind.KECAMATAN).order_by("kode"))
    kasubbag = {
        p.kecamatan_id: p for p in Position.objects.filter(kecamatan__in=kecamatan, role=Role.KASUBBAG_PERENCANAAN)
    }
    now = timezone.now()
    signed = created = 0
    for index, kec in enumerate(kecamatan):
        rng = random.Random(f"evaluasi-{kec.kode}")
        tingkat = TINGKAT[index % len(TINGKAT)]
        for tahun in (TAHUN_SELESAI, TAHUN_BERJALAN):
            if Evaluasi.objects.filter(kecamatan=kec, tahun=tahun).exists():
                continue
            created += 1
            done = tahun == TAHUN_SELESAI
            evaluasi = Evaluasi.objects.create(
                kecamatan=kec,
                tahun=tahun,
                kriteria_set=sets[tahun],
                dibuka_oleh=evaluator,
                status=Evaluasi.Status.DINILAI if done else Evaluasi.Status.MANDIRI,
                diajukan_pada=now if done else None,
                temuan=(
                    f"Perencanaan kinerja {kec.nama} telah tersedia dan ditetapkan; manual indikator belum lengkap. "
                    "Hasil pengukuran kinerja triwulanan belum dimanfaatkan untuk penyesuaian rencana aksi."
                )
                if done
                else "",
                surat_nomor=f"700/{index + 101:03d}/ITDA/{TAHUN_BERJALAN}" if done else "",
                surat_tembusan="Bupati Balangan\nSekretaris Daerah Kabupaten Balangan" if done else "",
            )
            rows = []
            for tree in selectors.struktur(sets[tahun].pk):
                for sb in tree.sub_list:
                    for c in sb.kriteria_list:
                        row = Jawaban(evaluasi=evaluasi, kriteria=c, kecamatan_id=kec.pk)
                        if done or index == 0 and sb.kode.startswith("1"):
                            row.mandiri = _jawab(rng, c.jenis_jawaban, min(tingkat + 0.1, 1))
                            row.mandiri_pada = now
                        if done:
                            row.evaluator = _jawab(rng, c.jenis_jawaban, tingkat)
                            row.evaluator_pada = now
                            row.evaluator_oleh = evaluator
                        rows.append(row)
            Jawaban.objects.bulk_create(rows)
            if not done:
                continue
            owner = kasubbag.get(kec.pk)
            for number, text in enumerate(REKOMENDASI, start=1):
                TindakLanjut.objects.create(
                    evaluasi=evaluasi,
                    urutan=number,
                    rekomendasi=text,
                    pemilik=owner,
                    batas_waktu=datetime.date(TAHUN_BERJALAN, 6, 30),
                )
            if can_sign:
                naskah = lhe.render_naskah(evaluasi, evaluator)
                document = lhe.tandatangani(evaluasi, naskah, inspektur)
                evaluasi.laporan = document.report
                evaluasi.ditandatangani_pada = document.ditandatangani_pada
                signed += 1
            else:
                evaluasi.ditandatangani_pada = now
            evaluasi.status = Evaluasi.Status.DITANDATANGANI
            evaluasi.hasil = lhe.hasil_evaluasi(evaluasi).ringkas()
            evaluasi.save(update_fields=["status", "hasil", "ditandatangani_pada", "laporan"])
            items = list(evaluasi.rekomendasi.order_by("urutan"))
            for item in items:
                item.status = TindakLanjut.Status.TERBUKA
            if index % 2 == 0:
                items[0].status = TindakLanjut.Status.SELESAI
                items[0].catatan = "Manual indikator kinerja telah disusun dan ditetapkan Camat."
                items[0].diselesaikan_pada, items[0].diselesaikan_oleh = now, None
            TindakLanjut.objects.bulk_update(items, ["status", "catatan", "diselesaikan_pada", "diselesaikan_oleh"])
    note = "" if can_sign else "; LHE tanpa PDF (sertifikat penandatanganan belum tersedia)"
    return f"{created} evaluasi AKIP ({TAHUN_SELESAI} selesai, {TAHUN_BERJALAN} terbuka), {signed} LHE ditandatangani{note}"
