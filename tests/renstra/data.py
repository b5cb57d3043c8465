"""Planning-chain data for tests, built through the real services."""

from decimal import Decimal

from renstra import services
from renstra.models import Rpjmd
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


def make_renstra(kec, rpjmd, *, sasaran: int = 2, indikator: int = 1, complete: bool = True, establish: bool = False):
    """A Renstra of kecamatan `kec` with one tujuan, `sasaran` sasaran strategis of `indikator` indicators each.

    Targets: 80 + year offset (80, 81, …) and end target 84; baseline 75. Incomplete: the last indicator
    lacks the last year's target."""
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
    if not complete:
        last = indicators[-1]
        last.target.filter(tahun=renstra.tahun_akhir).delete()
    if establish:
        renstra = services.renstra_tetapkan(user=kec.people[Role.CAMAT], renstra=renstra, password="kata-sandi-uji-123")
    return renstra
