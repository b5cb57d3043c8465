"""The data of a large kecamatan (issue 24), for every document kind whose size grows with it.

Juai in 2024, a year the demo leaves empty, sized like a large office and every name long:

* its PK of 12 sasaran × 5 indicators, quarters approved, hambatan and upaya written out, every indicator
  with its responsible position and sub kegiatan (tests/laporan/data.py `build_kinerja`, then renamed);
* its Renstra 2020–2024 of the same size under an RPJMD 2020–2024 of Balangan (the Renstra and IKU documents,
  and the LKIP's BAB II pohon kinerja and BAB III comparison with each year of the Renstra), every chapter
  written, a programme with kegiatan and pagu indikatif for each programme of the kecamatan nomenclature;
* the cascading PK of its Sekretaris of the same size, each indicator supporting one of the Camat's;
* twelve services with survey answers in each quarter of 2024 (the SKM of TW IV);
* every effective SOP of the demo copied into Juai and run at the counter in TW IV 2024 (SOP monitoring;
  the runs' applicants are the services' population);
* its AKIP evaluation of 2024 with a long findings text and many recommendations, signed (the LHE), and the
  kabupaten's summary of 2024 over 30 kecamatan (22 more added, each with a signed evaluation).

Built through the app's services where a person works step by step (copying and confirming SOPs, adding
services, the evaluation from loading the criteria to signing the LHE), and in bulk through the models where
the services stamp today or would take minutes, as the demo loaders do (performance figures as
tests/laporan/data.py, the Renstra as kinerja/demo_renstra.py, historical counter runs as loket/demo.py).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from unittest import mock

from django.utils import timezone

from sakip.demo import DEMO_PASSWORD

KECAMATAN = "juai"
TAHUN = 2024
RENSTRA_AWAL = 2020
TW_LAYANAN = 4

INDIKATOR = (
    "Persentase penyelesaian pelayanan administrasi kependudukan, perizinan non-berusaha dan rekomendasi "
    "teknis yang diselesaikan tepat waktu sesuai standar pelayanan kecamatan pada desa binaan nomor {n}"
)
SASARAN = (
    "Meningkatnya kualitas tata kelola pemerintahan kecamatan yang akuntabel, responsif dan berorientasi "
    "pada hasil melalui pembinaan desa dan pelayanan publik terpadu, kelompok sasaran {s}"
)
HAMBATAN = (
    "Keterbatasan jumlah aparatur pelayanan dan jaringan internet yang belum stabil di desa binaan nomor {n} "
    "menghambat penyelesaian berkas permohonan tepat waktu pada akhir triwulan"
)
UPAYA = (
    "Penjadwalan piket pelayanan, pendampingan operator desa dan koordinasi dengan Dinas Komunikasi dan "
    "Informatika untuk penguatan jaringan di desa binaan nomor {n}"
)
RENCANA = (
    "Sosialisasi standar pelayanan, pendampingan operator desa dan verifikasi berkas permohonan desa binaan "
    "nomor {n} pada triwulan {tw}"
)
SUB_KEGIATAN = (
    "Penyelenggaraan Pelayanan Administrasi Terpadu Kecamatan dan Fasilitasi Rekomendasi Teknis Perizinan "
    "Non-Berusaha Desa Binaan Kelompok Sasaran {s}"
)
INDIKATOR_JABATAN = (
    "Persentase berkas pelayanan dan pembinaan administrasi pemerintahan desa yang diverifikasi dan "
    "diselesaikan sekretariat kecamatan tepat waktu untuk desa binaan nomor {n}"
)
SASARAN_JABATAN = (
    "Meningkatnya kualitas dukungan kesekretariatan, perencanaan dan pelaporan kinerja kecamatan bagi "
    "pelayanan publik dan pembinaan desa, kelompok sasaran {s}"
)
LAYANAN = (
    "Pelayanan Surat Keterangan Domisili, Usaha Mikro dan Tidak Mampu melalui PATEN Kecamatan, wilayah {n}",
    "Pelayanan Rekomendasi Izin Keramaian, Penelitian dan Kegiatan Kemasyarakatan Tingkat Kecamatan, wilayah {n}",
    "Pelayanan Legalisasi Dokumen Kependudukan dan Surat Pengantar Administrasi Kependudukan Desa, wilayah {n}",
)
RPJMD_SASARAN = (
    "Meningkatnya kualitas pelayanan publik daerah yang cepat, mudah, terjangkau dan berbasis elektronik",
    "Meningkatnya akuntabilitas penyelenggaraan pemerintahan desa dan pengelolaan keuangan desa",
    "Meningkatnya ketenteraman, ketertiban umum, perlindungan masyarakat dan kesejahteraan sosial",
    "Meningkatnya kapasitas aparatur dan tata kelola perangkat daerah yang berorientasi pada hasil",
)
TUJUAN = (
    "Meningkatkan kualitas pelayanan publik terpadu dan tata kelola pemerintahan kecamatan yang akuntabel, "
    "responsif dan berorientasi pada hasil",
    "Mewujudkan pemerintahan desa yang tertib administrasi, transparan dan akuntabel dalam pengelolaan "
    "keuangan serta pembangunan desa",
    "Mewujudkan ketenteraman, ketertiban umum dan kesejahteraan sosial masyarakat di seluruh desa binaan kecamatan",
)
# The kecamatan nomenclature's programmes and kegiatan (Kepmendagri 900.1.15.5-1317/2023), long names included.
PROGRAM = (
    (
        "7.01.01",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        (
            ("7.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"),
            ("7.01.01.2.02", "Administrasi Keuangan Perangkat Daerah"),
            ("7.01.01.2.07", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah"),
            ("7.01.01.2.09", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah"),
        ),
    ),
    (
        "7.01.02",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        (
            ("7.01.02.2.01", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan"),
            (
                "7.01.02.2.02",
                "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja Perangkat Daerah "
                "yang Ada di Kecamatan",
            ),
            ("7.01.02.2.04", "Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat"),
        ),
    ),
    (
        "7.01.03",
        "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
        (
            ("7.01.03.2.01", "Koordinasi Kegiatan Pemberdayaan Desa"),
            ("7.01.03.2.03", "Pemberdayaan Lembaga Kemasyarakatan Tingkat Kecamatan"),
        ),
    ),
    (
        "7.01.04",
        "Program Koordinasi Ketentraman dan Ketertiban Umum",
        (
            ("7.01.04.2.01", "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum"),
            (
                "7.01.04.2.02",
                "Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah",
            ),
        ),
    ),
    (
        "7.01.05",
        "Program Penyelenggaraan Urusan Pemerintahan Umum",
        (("7.01.05.2.01", "Penyelenggaraan Urusan Pemerintahan Umum Sesuai Penugasan Kepala Daerah"),),
    ),
    (
        "7.01.06",
        "Program Pembinaan dan Pengawasan Pemerintahan Desa",
        (
            (
                "7.01.06.2.01",
                "Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa",
            ),
        ),
    ),
)
TEMUAN = (
    "Perencanaan kinerja Kecamatan Juai telah tersedia dan ditetapkan: Renstra 2020–2024 memuat dua belas "
    "sasaran strategis dengan enam puluh indikator kinerja, dan Perjanjian Kinerja 2024 selaras dengan Renstra. "
    "Namun manual indikator kinerja belum memuat definisi operasional dan cara pengukuran untuk sebagian besar "
    "indikator, sehingga data capaian antarseksi belum dapat dibandingkan.",
    "Pengukuran kinerja triwulanan telah dilaksanakan tepat waktu dan disetujui Camat pada setiap triwulan, "
    "tetapi hasil pengukuran belum dimanfaatkan untuk penyesuaian rencana aksi dan anggaran; beberapa indikator "
    "dengan capaian rendah pada triwulan I dan II tidak diikuti perubahan kegiatan pada triwulan berikutnya.",
    "Laporan Kinerja Instansi Pemerintah telah disusun dan direviu Inspektorat, namun analisis efisiensi "
    "penggunaan sumber daya belum menjelaskan hubungan antara realisasi anggaran setiap sub kegiatan dan "
    "capaian indikator yang didukungnya.",
    "Evaluasi internal atas pelaksanaan Standar Operasional Prosedur dan survei kepuasan masyarakat telah "
    "dilakukan setiap triwulan, tetapi tindak lanjut atas langkah SOP yang tidak berjalan dengan baik belum "
    "didokumentasikan secara lengkap.",
)
REKOMENDASI = (
    "Agar menyusun manual indikator kinerja yang memuat definisi operasional, formula, sumber data dan "
    "penanggung jawab setiap indikator kinerja utama dan indikator kinerja individu",
    "Agar memanfaatkan hasil pengukuran kinerja triwulanan dalam penyesuaian rencana aksi, kegiatan dan "
    "anggaran pada triwulan berikutnya, dan mendokumentasikan keputusan tersebut",
    "Agar menjabarkan sasaran strategis kecamatan ke dalam Perjanjian Kinerja berjenjang setiap pejabat "
    "struktural sampai pelaksana, dengan indikator yang mendukung indikator Camat",
    "Agar menyempurnakan analisis efisiensi penggunaan sumber daya pada LKIP dengan membandingkan realisasi "
    "anggaran setiap sub kegiatan dengan capaian indikator yang didukungnya",
    "Agar menindaklanjuti setiap langkah SOP yang tidak berjalan dengan baik dengan tindakan perbaikan yang "
    "tercatat pada formulir monitoring pelaksanaan SOP",
    "Agar mempublikasikan dokumen perencanaan dan pelaporan kinerja pada laman resmi pemerintah kabupaten "
    "paling lambat satu bulan setelah ditetapkan",
)


def _person(username: str):
    from sakip.models import Pegawai

    return Pegawai.objects.get(username=username)


def kinerja(unit, tahun: int = TAHUN):
    """The Camat's PK of 12 sasaran × 5 indicators, long names; established (as the demo's PKs are)."""
    from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, RencanaAksi, Sasaran, SubKegiatan
    from sakip.models import Position
    from sakip.roles import Role
    from tests.laporan.data import build_kinerja

    pk, indicators = build_kinerja(unit, tahun, sasaran=12, indikator_per_sasaran=5)
    for sasaran in Sasaran.objects.filter(perjanjian=pk):
        sasaran.uraian = SASARAN.format(s=sasaran.urutan)
        sasaran.save(update_fields=["uraian"])
    positions = list(Position.objects.filter(kecamatan=unit).exclude(role=Role.CAMAT).order_by("pk"))
    for number, ind in enumerate(indicators, 1):
        ind.uraian = INDIKATOR.format(n=number)
        ind.penanggung_jawab = positions[number % len(positions)]
    Indikator.objects.bulk_update(indicators, ["uraian", "penanggung_jawab"])
    number_of = {ind.pk: n for n, ind in enumerate(indicators, 1)}
    rows = list(Realisasi.objects.filter(indikator__in=indicators))
    for row in rows:
        row.hambatan = HAMBATAN.format(n=number_of[row.indikator_id])
        row.upaya = UPAYA.format(n=number_of[row.indikator_id])
    Realisasi.objects.bulk_update(rows, ["hambatan", "upaya"])
    plans = list(RencanaAksi.objects.filter(indikator__in=indicators))
    for plan in plans:
        plan.rencana_kegiatan = RENCANA.format(n=number_of[plan.indikator_id], tw=plan.triwulan)
    RencanaAksi.objects.bulk_update(plans, ["rencana_kegiatan"])
    subs = list(SubKegiatan.objects.filter(kecamatan=unit, kegiatan__program__tahun=tahun).order_by("kode"))
    for s, sub in enumerate(subs, 1):
        sub.nama = SUB_KEGIATAN.format(s=s)
    SubKegiatan.objects.bulk_update(subs, ["nama"])
    camat = _person(f"camat.{unit.kode}")
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(
        status=PerjanjianKinerja.Status.DITANDATANGANI, pihak_pertama=camat, tanggal=datetime.date(tahun, 1, 15)
    )
    return pk, indicators


def renstra(unit, indicators, tahun_awal: int = RENSTRA_AWAL):
    """Balangan's RPJMD and Juai's established Renstra of the period, the PK's indicators among its own (linked),
    every chapter written (renstra/demo_naskah.py's texts), a programme per nomenclature programme."""
    from kinerja.models import Indikator
    from renstra.demo_naskah import NASKAH
    from renstra.models import (
        BabRenstra,
        IndikatorRenstra,
        KegiatanRenstra,
        MisiRpjmd,
        PaguRenstra,
        ProgramRenstra,
        Renstra,
        Rpjmd,
        SasaranRenstra,
        SasaranRpjmd,
        TargetRenstra,
        TujuanRenstra,
    )
    from sakip.models import Position
    from sakip.roles import Role

    kabupaten = unit.kabupaten
    rpjmd = Rpjmd.objects.create(
        kabupaten=kabupaten,
        tahun_awal=tahun_awal,
        tahun_akhir=tahun_awal + 4,
        visi="Balangan yang maju, sejahtera dan berdaya saing berlandaskan pelayanan publik yang prima",
    )
    MisiRpjmd.objects.bulk_create(MisiRpjmd(rpjmd=rpjmd, urutan=n, uraian=t) for n, t in enumerate(TUJUAN, 1))
    rpjmd_sasaran = [
        SasaranRpjmd.objects.create(rpjmd=rpjmd, urutan=n, uraian=t) for n, t in enumerate(RPJMD_SASARAN, 1)
    ]
    camat = _person(f"camat.{unit.kode}")
    positions = list(Position.objects.filter(kecamatan=unit).exclude(role=Role.CAMAT).order_by("pk"))
    plan = Renstra.objects.create(kecamatan=unit, rpjmd=rpjmd, dibuat_oleh=camat)
    tujuan = [TujuanRenstra.objects.create(renstra=plan, urutan=n, uraian=t) for n, t in enumerate(TUJUAN, 1)]
    targets, links, number = [], [], 0
    by_sasaran: dict[int, list] = {}
    for ind in indicators:
        by_sasaran.setdefault(ind.sasaran.urutan, []).append(ind)
    sasaran_list = []
    for s, pk_indicators in sorted(by_sasaran.items()):
        sasaran = SasaranRenstra.objects.create(
            tujuan=tujuan[(s - 1) * len(tujuan) // len(by_sasaran)],
            sasaran_rpjmd=rpjmd_sasaran[(s - 1) % len(rpjmd_sasaran)],
            urutan=s,
            uraian=SASARAN.format(s=s),
            strategi=(
                "Menyederhanakan prosedur, menetapkan standar pelayanan dan memastikan waktu penyelesaian setiap "
                f"layanan administrasi terpadu kecamatan bagi kelompok sasaran {s}"
            ),
            arah_kebijakan=(
                "Penerapan standar pelayanan dan survei kepuasan masyarakat setiap triwulan, pembinaan aparatur "
                f"desa secara berkala dan tindak lanjut pengaduan paling lama tujuh hari kerja (kelompok {s})"
            ),
        )
        sasaran_list.append(sasaran)
        for i, pk_ind in enumerate(pk_indicators, 1):
            number += 1
            target = pk_ind.target_tahunan
            ind = IndikatorRenstra.objects.create(
                sasaran=sasaran,
                urutan=i,
                uraian=pk_ind.uraian,
                definisi=(
                    "Perbandingan antara jumlah berkas pelayanan yang diselesaikan dalam waktu yang ditetapkan "
                    "standar pelayanan dan jumlah seluruh berkas yang diterima loket pelayanan kecamatan"
                ),
                formula="Jumlah berkas selesai tepat waktu dibagi jumlah berkas yang diterima dikali seratus persen",
                satuan=pk_ind.satuan,
                kondisi_awal=target - 10,
                target_akhir=target,
                sumber_data="Register loket pelayanan administrasi terpadu kecamatan dan laporan seksi pelayanan",
                penanggung_jawab=positions[number % len(positions)],
                iku=True,
            )
            targets += [
                TargetRenstra(indikator=ind, kecamatan=unit, tahun=y, nilai=target - 2 * (plan.tahun_akhir - y))
                for y in plan.tahun_list
            ]
            links.append((pk_ind.pk, ind.pk, target))
    TargetRenstra.objects.bulk_create(targets)
    for pk_ind, ind, target in links:
        Indikator.objects.filter(pk=pk_ind).update(indikator_renstra_id=ind, target_renstra=target)
    periode = f"{plan.tahun_awal}–{plan.tahun_akhir}"
    BabRenstra.objects.bulk_create(
        BabRenstra(renstra=plan, kecamatan=unit, kunci=k, isi=t.format(nama=unit.nama, periode=periode))
        for k, t in NASKAH.items()
    )
    pagu = []
    for n, (kode, nama, kegiatan_list) in enumerate(PROGRAM):
        program = ProgramRenstra.objects.create(
            renstra=plan,
            sasaran=sasaran_list[n * len(sasaran_list) // len(PROGRAM)],
            kode=kode,
            nama=nama,
            indikator=f"Persentase sasaran {nama.removeprefix('Program ').lower()} yang tercapai sesuai target Renstra",
        )
        for k_kode, k_nama in kegiatan_list:
            kegiatan = KegiatanRenstra.objects.create(
                program=program,
                kode=k_kode,
                nama=k_nama,
                indikator=f"Jumlah dokumen dan laporan hasil {k_nama.lower()} yang tersusun tepat waktu",
            )
            pagu += [
                PaguRenstra(kegiatan=kegiatan, kecamatan=unit, tahun=y, nilai=Decimal(1_250_000_000 + 75_000_000 * k))
                for k, y in enumerate(plan.tahun_list)
            ]
    PaguRenstra.objects.bulk_create(pagu)
    when = datetime.datetime(tahun_awal, 1, 10, 10, 0, tzinfo=timezone.get_current_timezone())
    plan.status = Renstra.Status.DITETAPKAN
    plan.ditetapkan_oleh = plan.iku_ditetapkan_oleh = camat
    plan.ditetapkan_pada = plan.iku_ditetapkan_pada = when
    plan.save()
    return plan


def pk_jabatan(unit, indicators, tahun: int = TAHUN):
    """The Sekretaris's cascading PK of the same size, each indicator supporting the Camat's of its number."""
    from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, RencanaAksi, Sasaran
    from sakip.models import Position
    from sakip.roles import Role

    jabatan = Position.objects.get(kecamatan=unit, role=Role.SEKRETARIS)
    holder = _person(f"sekcam.{unit.kode}")
    camat = Position.objects.get(kecamatan=unit, role=Role.CAMAT)
    pk = PerjanjianKinerja.objects.create(
        kecamatan=unit,
        tahun=tahun,
        jabatan=jabatan,
        pihak_pertama=holder,
        pihak_kedua_nama=_person(f"camat.{unit.kode}").nama,
        pihak_kedua_jabatan=camat.nama.upper(),
        tanggal=datetime.date(tahun, 1, 20),
    )
    rencana, realisasi, number = [], [], 0
    by_sasaran: dict[int, list] = {}
    for ind in indicators:
        by_sasaran.setdefault(ind.sasaran.urutan, []).append(ind)
    for s, parents in sorted(by_sasaran.items()):
        sasaran = Sasaran.objects.create(perjanjian=pk, urutan=s, uraian=SASARAN_JABATAN.format(s=s))
        for i, parent in enumerate(parents, 1):
            number += 1
            ind = Indikator.objects.create(
                sasaran=sasaran,
                urutan=i,
                uraian=INDIKATOR_JABATAN.format(n=number),
                satuan="%",
                target_tahunan=Decimal(95),
                agregasi="akhir",
                definisi_operasional=f"Mendukung indikator PK Camat {parent.sasaran.urutan}.{parent.urutan}",
                sumber_data=f"Laporan {jabatan.nama}",
                penanggung_jawab=jabatan,
                iku=False,
                mendukung=parent,
            )
            rencana += [
                RencanaAksi(indikator=ind, kecamatan=unit, triwulan=tw, target=Decimal(95)) for tw in (1, 2, 3, 4)
            ]
            realisasi += [
                Realisasi(
                    indikator=ind,
                    kecamatan=unit,
                    tahun=tahun,
                    triwulan=tw,
                    nilai=Decimal(90 + (number + tw) % 8),
                    diisi_oleh=holder,
                    diisi_pada=timezone.now(),
                    versi=1,
                )
                for tw in (1, 2, 3, 4)
            ]
    RencanaAksi.objects.bulk_create(rencana)
    Realisasi.objects.bulk_create(realisasi)
    # Established by its holder (kinerja's lock holds from here on).
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status=PerjanjianKinerja.Status.DITANDATANGANI)
    return pk


def layanan_dan_sop(unit, tahun: int = TAHUN, triwulan: int = TW_LAYANAN):
    """Twelve services (layanan.services) and every effective SOP of the demo copied into the kecamatan
    (sop.services: copied, lanes confirmed and made effective by its Camat), run at the counter in the quarter
    (loket/demo.py's historical runs, each service's applicants its population); survey answers for every
    quarter of the year up to it, each with its receipt."""
    import hashlib

    from layanan.models import ResponSkm
    from layanan.services import layanan_tambah
    from loket import demo as loket_demo
    from loket.models import Permohonan
    from sop import seeds
    from sop import services as sop_services
    from sop.models import SopRevision
    from workflow.calendar import Calendar

    camat = _person(f"camat.{unit.kode}")
    layanan = [
        layanan_tambah(user=camat, kecamatan=unit, nama=LAYANAN[n % len(LAYANAN)].format(n=n + 1)) for n in range(12)
    ]
    copies = []
    for source in (
        SopRevision.objects.filter(status=SopRevision.Status.EFFECTIVE, sop__kecamatan__isnull=False)
        .exclude(sop__kecamatan=unit)
        .order_by("sop__kecamatan__kode", "nomor", "pk")
    ):
        copy = sop_services.sop_copy_as_template(user=camat, revision=source, kecamatan=unit)
        seeds._demo_confirm_and_make_effective(copy)
        copy.refresh_from_db()
        if copy.status == SopRevision.Status.EFFECTIVE:
            copies.append(copy)
    mulai, akhir = datetime.date(tahun, 3 * triwulan - 2, 1), datetime.date(tahun, 3 * triwulan, 28)
    calendar = Calendar.for_kabupaten(unit.kabupaten_id)
    days = [
        mulai + datetime.timedelta(days=d)
        for d in range((akhir - mulai).days + 1)
        if calendar.is_working_day(mulai + datetime.timedelta(days=d))
    ]
    rng = random.Random(24)
    with mock.patch.object(loket_demo, "PER_SOP", 6):
        for n, item in enumerate(layanan):
            loket_demo._runs(copies[n % len(copies)], unit, tahun, triwulan, days, calendar, rng, item)
    receipts: dict[int, list[str]] = {}
    for layanan_id, kode in Permohonan.objects.filter(kecamatan=unit, layanan__isnull=False).values_list(
        "layanan_id", "kode"
    ):
        receipts.setdefault(layanan_id, []).append(kode)
    from kinerja.demo import _demo_profil
    from layanan.services import hash_tanda_terima

    zone = timezone.get_current_timezone()
    rows = []
    for item in layanan:
        for tw in range(1, triwulan + 1):
            # The quarter's applicants answer with their receipts (earlier quarters: receipts of the counter's
            # paper register, here made up), about two in three of them.
            codes = receipts.get(item.pk, []) if tw == triwulan else [f"REG{tw}{item.pk}{k:03d}" for k in range(9)]
            moment = datetime.datetime(tahun, 3 * tw - 1, 10, 9, 0, tzinfo=zone)
            for k, kode in enumerate(codes[: max(1, len(codes) * 2 // 3)]):
                rows.append(
                    ResponSkm(
                        layanan=item,
                        tahun=tahun,
                        triwulan=tw,
                        dibuat_pada=moment + datetime.timedelta(hours=k),
                        tanda_terima_hash=hash_tanda_terima(item, kode),
                        tanda_terima_sah=True,
                        saran=f"Saran responden {hashlib.sha1(kode.encode()).hexdigest()[:6]}",
                        **{f"u{u}": rng.choices((2, 3, 4), weights=(1, 6, 4))[0] for u in range(1, 10)},
                        **_demo_profil(rng),
                    )
                )
    ResponSkm.objects.bulk_create(rows)
    return layanan, copies


def evaluasi(unit, tahun: int = TAHUN):
    """The kecamatan's AKIP evaluation of the year through evaluasi.services, from loading the year's criteria
    to the Inspektur's signature; returns the signed LHE's bytes."""
    from evaluasi import demo as evaluasi_demo
    from evaluasi import kriteria
    from evaluasi import services as ev
    from evaluasi.models import Jawaban, Komponen
    from sakip.models import Position

    admin, evaluator = _person("admin.balangan"), _person("evaluator.balangan")
    ev.kriteria_set_muat(user=admin, kabupaten=unit.kabupaten, tahun=tahun, data=kriteria.baca_berkas())
    item = ev.evaluasi_buka(user=evaluator, kecamatan=unit, tahun=tahun)
    rows = list(Jawaban.objects.filter(evaluasi=item).select_related("kriteria"))
    rng = random.Random(f"evaluasi-besar-{unit.kode}")
    ev.jawaban_mandiri_simpan(
        user=_person(f"perencanaan.{unit.kode}"),
        evaluasi=item,
        isian={
            r.pk: {"jawaban": evaluasi_demo._jawab(rng, r.kriteria.jenis_jawaban, 0.8), "catatan": "", "tautan": ""}
            for r in rows
        },
    )
    ev.mandiri_ajukan(user=_person(f"perencanaan.{unit.kode}"), evaluasi=item)
    ev.jawaban_evaluator_simpan(
        user=evaluator,
        evaluasi=item,
        isian={
            r.pk: {"jawaban": evaluasi_demo._jawab(rng, r.kriteria.jenis_jawaban, 0.7), "catatan": ""} for r in rows
        },
    )
    ev.temuan_simpan(user=evaluator, evaluasi=item, temuan="\n\n".join(TEMUAN))
    ev.lhe_surat_simpan(
        user=evaluator,
        evaluasi=item,
        nomor=f"700/214/ITDA/{tahun + 1}",
        sifat="Penting",
        lampiran="1 (satu) berkas",
        tembusan="Bupati Balangan\nSekretaris Daerah Kabupaten Balangan\nKepala Badan Perencanaan Pembangunan Daerah",
    )
    komponen = list(Komponen.objects.filter(kriteria_set=item.kriteria_set).order_by("urutan"))
    positions = list(Position.objects.filter(kecamatan=unit).order_by("pk"))
    for n in range(12):
        ev.rekomendasi_simpan(
            user=evaluator,
            evaluasi=item,
            rekomendasi=f"{REKOMENDASI[n % len(REKOMENDASI)]} ({n + 1}).",
            pemilik=positions[n % len(positions)],
            batas_waktu=datetime.date(tahun + 1, 6 + n % 6, 30),
            komponen=komponen[n % len(komponen)],
        )
    ev.lhe_susun(user=evaluator, evaluasi=item)
    document = ev.lhe_tandatangani(user=_person("inspektur.balangan"), evaluasi=item, password=DEMO_PASSWORD)
    return bytes(document.pdf)


# Kecamatan of a kabupaten the size of a large one (30 in all with the demo's eight): the summary of a year's
# evaluations grows with them, not with any kecamatan's indicators.
KECAMATAN_LAIN = (
    "Sungai Pandan Hulu",
    "Batu Benawa Selatan",
    "Tanjung Harapan Raya",
    "Haruyan Dayak Timur",
    "Labuan Amas Utara",
    "Pandawan Hilir",
    "Barabai Darat",
    "Hantakan Pegunungan Meratus",
    "Limpasu Kiram",
    "Batang Alai Selatan",
    "Batang Alai Timur",
    "Batang Alai Utara",
    "Kandangan Kota",
    "Simpur Padang Batung",
    "Daha Selatan Negara",
    "Angkinang Telaga Langsat",
    "Loksado Malinau",
    "Sungai Raya Tengah",
    "Kalumpang Muara Hulu",
    "Amuntai Tengah Banua",
    "Danau Panggang Sapala",
    "Babirik Paminggir",
)


def kabupaten(unit, tahun: int = TAHUN) -> int:
    """More kecamatan in the large kecamatan's kabupaten, each with its evaluation of the year signed (the
    figures kept at signing, `Evaluasi.hasil`, as evaluasi/rekap.py reads them), written in bulk as
    evaluasi/demo.py writes its signed evaluations. Returns how many kecamatan the kabupaten has."""
    from evaluasi.models import Evaluasi
    from sakip.models import Unit

    kabupaten_unit = unit.kabupaten
    source = Evaluasi.objects.get(kecamatan=unit, tahun=tahun)
    evaluator = _person("evaluator.balangan")
    now = timezone.now()
    rows = []
    for n, nama in enumerate(KECAMATAN_LAIN):
        kecamatan = Unit.objects.create(
            kode=f"besar-{n + 1:02d}", nama=nama, jenis=Unit.Kind.KECAMATAN, parent=kabupaten_unit
        )
        step = Decimal(n % 9) - 4
        komponen = {kode: str(Decimal(nilai) + step / 4) for kode, nilai in source.hasil["komponen"].items()}
        total = sum(Decimal(v) for v in komponen.values())
        rows.append(
            Evaluasi(
                kecamatan=kecamatan,
                tahun=tahun,
                kriteria_set=source.kriteria_set,
                dibuka_oleh=evaluator,
                status=Evaluasi.Status.DITANDATANGANI,
                diajukan_pada=now,
                ditandatangani_pada=now,
                hasil={"komponen": komponen, "total": str(total), "predikat": "BB" if total >= 70 else "B"},
            )
        )
    Evaluasi.objects.bulk_create(rows)
    return Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kabupaten=kabupaten_unit).count()
