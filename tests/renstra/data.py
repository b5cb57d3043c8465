"""Planning-chain data for tests, built through the real services."""

from decimal import Decimal

from renstra import naskah as naskah_rules
from renstra import services
from renstra.models import Rpjmd, SasaranRenstra
from sakip.roles import Role

TAHUN_AWAL = 2025


def make_rpjmd(org, *, tahun_awal: int = TAHUN_AWAL, sasaran: int = 2) -> Rpjmd:
    rpjmd = services.rpjmd_buat(
        user=org.admin, kabupaten=org.kabupaten, tahun_awal=tahun_awal, visi="Balangan maju dan sejahtera"
    )
    services.misi_simpan(user=org.admin, rpjmd=rpjmd, uraian="Meningkatkan kualitas pelayanan publik")
    for n in range(1, sasaran + 1):
        services.sasaran_rpjmd_simpan(user=org.admin, rpjmd=rpjmd, uraian=f"Sasaran RPJMD {n}")
    return rpjmd


def make_renstra(
    kec,
    rpjmd,
    *,
    sasaran: int = 2,
    indikator: int = 1,
    complete: bool = True,
    establish: bool = False,
    naskah: bool = True,
):
    """A Renstra of kecamatan `kec` with one tujuan, `sasaran` sasaran strategis of `indikator` indicators each.

    Targets: 80 + year offset (80, 81, …) and end target 84; baseline 75. Incomplete: the last indicator
    lacks the last year's target. With `naskah` (default) every chapter of the document is written and one
    programme per sasaran has one kegiatan with a pagu of Rp 100.000.000 + 10.000.000 × year offset
    (`fill_naskah`)."""
    kasubbag = kec.people[Role.KASUBBAG_PERENCANAAN]
    renstra = services.renstra_buat(user=kasubbag, kecamatan=kec.unit, rpjmd=rpjmd)
    tujuan = services.tujuan_simpan(user=kasubbag, renstra=renstra, uraian="Terwujudnya pelayanan prima")
    rpjmd_sasaran = list(rpjmd.sasaran.order_by("urutan"))
    indicators = []
    for s in range(1, sasaran + 1):
        sas = services.sasaran_simpan(
            user=kasubbag,
            renstra=renstra,
            tujuan=tujuan,
            sasaran_rpjmd=rpjmd_sasaran[(s - 1) % len(rpjmd_sasaran)],
            uraian=f"Meningkatnya kualitas layanan {s}",
        )
        for n in range(1, indikator + 1):
            targets = {tahun: Decimal(80 + i) for i, tahun in enumerate(renstra.tahun_list)}
            indicators.append(
                services.indikator_simpan(
                    user=kasubbag,
                    sasaran=sas,
                    data={
                        "uraian": f"Persentase layanan tepat waktu {s}.{n}",
                        "definisi": "Layanan selesai dalam waktu standar dibagi seluruh layanan",
                        "formula": "jumlah tepat waktu / jumlah layanan × 100",
                        "satuan": "%",
                        "polaritas": "positif",
                        "kondisi_awal": Decimal(75),
                        "target_akhir": Decimal(84),
                        "sumber_data": "Buku register layanan",
                        "penanggung_jawab": kec.positions[Role.KASI],
                    },
                    targets=targets,
                )
            )
    if naskah:
        fill_naskah(kec, renstra)
    if not complete:
        last = indicators[-1]
        last.target.filter(tahun=renstra.tahun_akhir).delete()
    if establish:
        renstra = services.renstra_tetapkan(user=kec.people[Role.CAMAT], renstra=renstra, password="kata-sandi-uji-123")
    return renstra


def fill_naskah(kec, renstra):
    """Every typed part, each sasaran's strategi and arah kebijakan, and per sasaran one programme of the national
    nomenclature ("7.01.0<n>"; urusan 7.01 has six, so sasaran 7 and beyond get none) with its kegiatan
    "7.01.0<n>.2.01", whose pagu is 100.000.000 + 10.000.000 × year offset."""
    kasubbag = kec.people[Role.KASUBBAG_PERENCANAAN]
    sasaran_list = list(SasaranRenstra.objects.filter(renstra=renstra).order_by("urutan"))
    services.naskah_simpan(
        user=kasubbag,
        renstra=renstra,
        isi={b.kunci: f"Isi {b.judul.lower()} Renstra uji." for b in naskah_rules.BAGIAN},
        strategi={s.pk: (f"Strategi sasaran {s.urutan}", f"Arah kebijakan sasaran {s.urutan}") for s in sasaran_list},
    )
    for s in sasaran_list[:6]:
        program = services.program_simpan(
            user=kasubbag,
            renstra=renstra,
            sasaran=s,
            data={"kode": f"7.01.0{s.urutan}", "nama": f"Program layanan {s.urutan}", "indikator": "Indeks kepuasan"},
        )
        services.kegiatan_simpan(
            user=kasubbag,
            program=program,
            data={
                "kode": f"7.01.0{s.urutan}.2.01",
                "nama": f"Kegiatan layanan {s.urutan}",
                "indikator": "Layanan terlaksana",
            },
            pagu={y: Decimal(100_000_000 + 10_000_000 * i) for i, y in enumerate(renstra.tahun_list)},
        )
    return renstra
