"""Staff from SIMPEG/SIASN (issue 28): upload, map once, preview, apply in one transaction, recorded."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kepegawaian import pratinjau, services
from kepegawaian.models import DataSimpeg, ImporPegawai, PemetaanKolom
from laporan.models import Report, SignedDocument
from pengaturan import services as pengaturan_services
from sakip.models import Delegation, Pegawai, PemberianKuasa
from sakip.roles import Role
from tests.kepegawaian.data import MAPPING, csv_file, halong, row, rows_of, xlsx
from tests.pengaturan.base import second_admin

EMPTY = {
    "baru": [],
    "pindah": [],
    "ganti_jabatan": [],
    "data": [],
    "keluar": [],
    "plt": [],
    "kosong": [],
    "masalah": [],
}


def signed_by(org, person, jabatan_cetak):
    report = Report.objects.create(
        kecamatan=org.awayan.unit,
        kind="triwulan",
        tahun=2025,
        periode=1,
        status="ditandatangani",
        dibuat_oleh=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
    )
    return SignedDocument.objects.create(
        report=report,
        pdf=b"%PDF",
        sha256="0" * 64,
        ukuran=4,
        penandatangan=person,
        nama_penandatangan=person.nama,
        nip_penandatangan=person.nip_cetak,
        jabatan_penandatangan=jabatan_cetak,
        ditandatangani_pada=timezone.now(),
    )


def upload(client, file):
    return client.post(reverse("kepegawaian:unggah"), {"berkas": file})


def preview_of(org) -> ImporPegawai:
    return ImporPegawai.objects.get(kabupaten=org.kabupaten, status=ImporPegawai.Status.PRATINJAU)


def kept_mapping(org):
    PemetaanKolom.objects.create(kabupaten=org.kabupaten, kolom=MAPPING, diubah_oleh=org.admin)


def changes(hasil) -> dict:
    return {key: [(r.get("nip"), r.get("jabatan")) for r in hasil[key]] for key in EMPTY}


def test_a_kasi_moved_from_awayan_to_halong_previews_exactly_that_applies_it_and_keeps_the_signer(client_for, org):
    kasi = org.person("awayan", Role.KASI)
    kasi_awayan = org.awayan.positions[Role.KASI]
    kasi_halong = halong(org)
    dokumen = signed_by(org, kasi, "KEPALA SEKSI AWAYAN")
    rows = [row(kasi, kasi_halong) if r["nip"] == kasi.nip else r for r in rows_of(org)]
    client = client_for(org.admin)

    # First upload: the columns are mapped once, then the preview.
    response = upload(client, xlsx(rows))
    assert response.status_code == 302 and response["Location"] == reverse("kepegawaian:pemetaan")
    page = client.get(reverse("kepegawaian:pemetaan"))
    assert page.status_code == 200 and "NIP Baru" in page.content.decode()
    response = client.post(reverse("kepegawaian:pemetaan"), MAPPING)
    assert response.status_code == 302 and response["Location"] == reverse("kepegawaian:pratinjau")
    assert PemetaanKolom.objects.get(kabupaten=org.kabupaten).kolom["nip"] == "NIP Baru"

    impor = preview_of(org)
    assert changes(impor.pratinjau) == {
        **EMPTY,
        "pindah": [(kasi.nip, "Kepala Seksi Halong")],
        "kosong": [(None, "Kepala Seksi Awayan")],
    }
    assert impor.pratinjau["pindah"][0]["dari_kecamatan"] == "Kecamatan Awayan"
    assert impor.pratinjau["pindah"][0]["kecamatan"] == "Kecamatan Halong"
    page = client.get(reverse("kepegawaian:pratinjau")).content.decode()
    assert "Kepala Seksi Halong" in page and "Jabatan yang menjadi kosong" in page
    assert 'data-kategori="keluar"' not in page and 'data-kategori="baru"' not in page
    # Reading the preview wrote nothing.
    kasi.refresh_from_db()
    assert kasi.jabatan_id == kasi_awayan.pk

    response = client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)})
    assert response.status_code == 302
    kasi.refresh_from_db()
    assert kasi.jabatan_id == kasi_halong.pk and kasi.is_active
    assert kasi.history.first().history_change_reason.startswith("Impor SIMPEG/SIASN: pindah")
    impor.refresh_from_db()
    assert impor.status == ImporPegawai.Status.DITERAPKAN and impor.diputus_oleh == org.admin
    assert impor.ringkasan["pindah"] == 1 and impor.ringkasan["kosong"] == 1 and impor.ringkasan["keluar"] == 0
    assert impor.history.first().history_change_reason == "Diterapkan"
    # Nobody else changed.
    assert Pegawai.objects.filter(is_active=False).count() == 0
    assert not kasi_awayan.holders.exists()
    # The signed document keeps its signer, as printed when it was signed, and so does its public page.
    dokumen.refresh_from_db()
    assert (dokumen.penandatangan_id, dokumen.nama_penandatangan, dokumen.jabatan_penandatangan) == (
        kasi.pk,
        "Kasi Awayan",
        "KEPALA SEKSI AWAYAN",
    )
    publik = client.get(reverse("laporan:verifikasi", args=[dokumen.kode_verifikasi])).content.decode()
    assert "Kasi Awayan" in publik and "KEPALA SEKSI AWAYAN" in publik


def test_applying_is_one_transaction(client_for, org, monkeypatch):
    """A failure at the last step (the SIMPEG data) leaves every earlier change undone."""
    kept_mapping(org)
    kasi = org.person("awayan", Role.KASI)
    kasi_halong = halong(org)
    rows = [row(kasi, kasi_halong) if r["nip"] == kasi.nip else r for r in rows_of(org)]
    rows = [r for r in rows if r["nip"] != org.person("tebing", Role.PELAKSANA).nip]  # one leaves too
    client = client_for(org.admin)
    upload(client, xlsx(rows))
    impor = preview_of(org)
    assert len(impor.pratinjau["keluar"]) == 1

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DataSimpeg.objects, "get_or_create", boom)
    with pytest.raises(RuntimeError):
        services.terapkan(user=org.admin, kabupaten=org.kabupaten, sidik=pratinjau.sidik_pratinjau(impor.pratinjau))
    kasi.refresh_from_db()
    leaver = org.person("tebing", Role.PELAKSANA)
    leaver.refresh_from_db()
    assert kasi.jabatan_id == org.awayan.positions[Role.KASI].pk
    assert leaver.is_active and leaver.jabatan_id
    assert preview_of(org).pk == impor.pk


@pytest.mark.parametrize(
    ("bad", "where"),
    [
        ({"nip": "19800101 2005"}, "Lembar Pegawai, baris 4, kolom B (NIP): NIP harus terdiri dari 18 digit"),
        ({"tmt": "31-02-2024"}, "Lembar Pegawai, baris 4, kolom I (TMT jabatan): tanggal"),
        ({"nama": ""}, "Lembar Pegawai, baris 4, kolom C (Nama): Nama kosong"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_row_and_nothing_is_saved(client_for, org, bad, where):
    kept_mapping(org)
    rows = rows_of(org)
    rows[2] = {**rows[2], **bad}  # the sheet's row 4: header on row 1
    before = list(Pegawai.objects.order_by("pk").values_list("pk", "jabatan_id", "is_active", "nama"))
    response = upload(client_for(org.admin), xlsx(rows))
    assert response.status_code == 200
    assert where in response.content.decode()
    assert "tidak ada data yang disimpan" in response.content.decode()
    assert not ImporPegawai.objects.exists()
    assert list(Pegawai.objects.order_by("pk").values_list("pk", "jabatan_id", "is_active", "nama")) == before


def test_a_mapped_column_missing_from_the_file_is_refused_naming_it(client_for, org):
    PemetaanKolom.objects.create(kabupaten=org.kabupaten, kolom={**MAPPING, "eselon": "Eselon"})
    response = upload(client_for(org.admin), xlsx(rows_of(org)))
    assert "Lembar Pegawai, baris 1, kolom Eselon: kolom yang dipetakan tidak ada" in response.content.decode()
    assert not ImporPegawai.objects.exists()


def test_unknown_units_and_positions_are_problems_with_sheet_row_and_column_and_block_applying(client_for, org):
    kept_mapping(org)
    rows = rows_of(org)
    rows[0] = {**rows[0], "jabatan": "Kepala Seksi Ketenteraman"}
    rows[1] = {**rows[1], "unit": "Seksi Kebersihan Awayan"}
    client = client_for(org.admin)
    upload(client, xlsx(rows))
    impor = preview_of(org)
    texts = [f"{m['baris']} {m['kolom']} {m['pesan']}" for m in impor.pratinjau["masalah"]]
    assert texts[0].startswith('2 F (Jabatan) jabatan "Kepala Seksi Ketenteraman" tidak dikenal')
    assert texts[1].startswith('3 G (Unit kerja) unit kerja "Seksi Kebersihan Awayan" tidak dikenal')
    page = client.get(reverse("kepegawaian:pratinjau")).content.decode()
    assert "Lembar Pegawai, baris 2, kolom F (Jabatan)" in page and "Terapkan perubahan" not in page
    response = client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)})
    assert response.status_code == 302
    assert preview_of(org).pk == impor.pk


def test_a_camat_placement_goes_to_the_grant_request_and_the_old_camat_keeps_his_signature(client_for, org):
    kept_mapping(org)
    camat = org.person("awayan", Role.CAMAT)
    sekcam = org.person("awayan", Role.SEKRETARIS)
    camat_pos = org.awayan.positions[Role.CAMAT]
    dokumen = signed_by(org, camat, "CAMAT AWAYAN")
    rows = [row(sekcam, camat_pos) if r["nip"] == sekcam.nip else r for r in rows_of(org) if r["nip"] != camat.nip]
    client = client_for(org.admin)
    upload(client, xlsx(rows))
    impor = preview_of(org)
    assert changes(impor.pratinjau) == {
        **EMPTY,
        "pindah": [(sekcam.nip, "Camat Awayan")],
        "keluar": [(camat.nip, "Camat Awayan")],
        "kosong": [(None, "Camat Awayan")],
    }
    assert impor.pratinjau["pindah"][0]["kuasa"] and impor.pratinjau["kosong"][0]["menunggu_kuasa"]
    assert "menunggu persetujuan administrator kedua" in client.get(reverse("kepegawaian:pratinjau")).content.decode()
    client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)})

    sekcam.refresh_from_db()
    camat.refresh_from_db()
    assert sekcam.jabatan_id == org.awayan.positions[Role.SEKRETARIS].pk  # not applied: asked for
    assert (camat.is_active, camat.jabatan_id) == (False, None)  # left: deactivated, never deleted
    permintaan = PemberianKuasa.objects.get()
    assert (permintaan.jenis, permintaan.status, permintaan.pegawai, permintaan.diminta_oleh) == (
        PemberianKuasa.Jenis.PINDAH_JABATAN,
        PemberianKuasa.Status.MENUNGGU,
        sekcam,
        org.admin,
    )
    assert ImporPegawai.objects.get(pk=impor.pk).ringkasan["permintaan_kuasa"] == [permintaan.pk]
    # The administrator who imported cannot confirm it; a second administrator can.
    with pytest.raises(pengaturan_services.PengaturanError):
        pengaturan_services.kuasa_setujui(user=org.admin, permintaan=permintaan)
    pengaturan_services.kuasa_setujui(user=second_admin(org), permintaan=permintaan)
    sekcam.refresh_from_db()
    assert sekcam.jabatan_id == camat_pos.pk
    dokumen.refresh_from_db()
    assert (dokumen.penandatangan_id, dokumen.nama_penandatangan, dokumen.jabatan_penandatangan) == (
        camat.pk,
        "Camat Awayan",
        "CAMAT AWAYAN",
    )


def test_a_plt_marker_in_the_position_text_becomes_a_plt(client_for, org):
    kept_mapping(org)
    kasi_tebing = org.person("tebing", Role.KASI)
    rows = rows_of(org)
    rows.append(
        row(kasi_tebing, org.awayan.positions[Role.KABID], jabatan="Plt. Kepala Bidang Awayan", tmt="01-03-2026")
    )
    client = client_for(org.admin)
    upload(client, csv_file(rows))
    impor = preview_of(org)
    assert changes(impor.pratinjau) == {**EMPTY, "plt": [(kasi_tebing.nip, "Kepala Bidang Awayan")]}
    assert (impor.pratinjau["plt"][0]["mulai"], impor.pratinjau["plt"][0]["selesai"]) == ("2026-03-01", "2026-05-31")
    client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)})
    plt = Delegation.objects.get(pegawai=kasi_tebing)
    assert (plt.jenis, plt.position, plt.mulai, plt.selesai) == (
        "PLT",
        org.awayan.positions[Role.KABID],
        datetime.date(2026, 3, 1),
        datetime.date(2026, 5, 31),
    )


def test_new_people_and_their_titles(client_for, org):
    kept_mapping(org)
    rows = rows_of(org)
    rows.append(
        {
            "nip": "199001012015032001",
            "nama": "Siti Aminah",
            "gelar_depan": "",
            "gelar_belakang": "S.AP",
            "jabatan": "Pelaksana / Staf / Jabatan Fungsional Awayan",
            "unit": "Subbagian Perencanaan dan Keuangan Awayan",
            "golongan": "III/a",
            "tmt": "2024-01-02",
        }
    )
    client = client_for(org.admin)
    upload(client, xlsx(rows))
    impor = preview_of(org)
    assert changes(impor.pratinjau) == {
        **EMPTY,
        "baru": [("199001012015032001", "Pelaksana / Staf / Jabatan Fungsional Awayan")],
    }
    client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)})
    baru = Pegawai.objects.get(nip="199001012015032001")
    assert (baru.nama, baru.username, baru.pangkat_golongan, baru.has_usable_password()) == (
        "Siti Aminah, S.AP",
        "199001012015032001",
        "III/a",
        False,
    )
    assert baru.data_simpeg.gelar_belakang == "S.AP" and baru.data_simpeg.tmt_jabatan == datetime.date(2024, 1, 2)


def test_applying_is_refused_when_the_records_changed_since_the_preview(client_for, org):
    kept_mapping(org)
    client = client_for(org.admin)
    upload(client, xlsx(rows_of(org)))
    impor = preview_of(org)
    assert changes(impor.pratinjau) == EMPTY
    pengaturan_services.pegawai_atur_aktif(user=org.admin, pegawai=org.person("tebing", Role.KABID), aktif=False)
    response = client.post(
        reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)}, follow=True
    )
    assert "berubah sejak pratinjau disusun" in response.content.decode()
    assert preview_of(org).pk == impor.pk
    # A page showing another preview is refused too.
    with pytest.raises(services.KepegawaianError):
        services.terapkan(user=org.admin, kabupaten=org.kabupaten, sidik="0" * 64)
    # Recomputed, it applies.
    client.post(reverse("kepegawaian:susun_ulang"))
    impor = preview_of(org)
    client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)})
    assert ImporPegawai.objects.get(pk=impor.pk).status == ImporPegawai.Status.DITERAPKAN


def test_the_beranda_panel_lists_positions_held_by_nobody(client_for, org):
    kept_mapping(org)
    kasi = org.person("awayan", Role.KASI)
    kasi_halong = halong(org)
    client = client_for(org.admin)
    page = client.get(reverse("beranda")).content.decode()
    assert "Kepala Seksi Halong" in page and "Kepala Seksi Awayan" not in page
    rows = [row(kasi, kasi_halong) if r["nip"] == kasi.nip else r for r in rows_of(org)]
    upload(client, xlsx(rows))
    impor = preview_of(org)
    client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)})
    page = client.get(reverse("beranda")).content.decode()
    assert 'data-panel="jabatan-kosong"' in page
    assert "Kepala Seksi Awayan" in page and "Kepala Seksi Halong" not in page
    # Not on the Camat's Beranda.
    assert (
        'data-panel="jabatan-kosong"'
        not in client_for(org.person("awayan", Role.CAMAT)).get(reverse("beranda")).content.decode()
    )


def test_the_beranda_panel_costs_the_same_queries_for_many_vacant_positions(org, django_assert_max_num_queries):
    from kepegawaian import selectors
    from sakip.models import Position

    seksi = org.awayan.units["Seksi Pemerintahan"]
    for i in range(15):
        Position.objects.create(unit=seksi, nama=f"Analis {i:02d}", role=Role.PELAKSANA)
    selectors.beranda_panel(org.admin)  # holdings cached on the user
    with django_assert_max_num_queries(2):
        panel = selectors.beranda_panel(org.admin)
    assert panel["jumlah"] == 15 and len(panel["jabatan_kosong"]) == selectors.PANEL_BARIS
