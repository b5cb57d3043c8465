"""Staff import operations (one transaction each, checked by
`sakip.permissions.check_user_can_administer_kabupaten`, audited by django-simple-history).

upload → (map the columns once) → preview → apply or discard. Applying re-reads nothing from the file: it
carries out the stored preview, and only while the records are what they were when it was computed
(`ImporPegawai.sidik_data`) and the page sent the preview it showed (`sidik_pratinjau`). A placement into, or a
Plt./Plh. of, a Camat or evaluator position goes through pengaturan's grant request (`pegawai_buat`,
`pegawai_ubah`, `delegasi_buat` → `_minta_kuasa`): it waits for a second administrator. A person who left is
deactivated and loses their position, never deleted: what they signed keeps its signer (laporan's
SignedDocument stores the signer and the printed name, position and NIP at signing).
"""

from __future__ import annotations

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from kepegawaian import berkas as berkas_mod
from kepegawaian import pratinjau
from kepegawaian.models import DataSimpeg, ImporPegawai, PemetaanKolom
from pengaturan import services as pengaturan
from sakip import permissions
from sakip.errors import Penolakan
from sakip.models import Delegation, Pegawai, Position, Unit


class KepegawaianError(Penolakan):
    """A refused staff import operation (see sakip.errors)."""


def _kabupaten(user, kabupaten: Unit) -> None:
    if kabupaten.jenis != Unit.Kind.KABUPATEN:
        raise KepegawaianError("Impor pegawai dilakukan per kabupaten.")
    permissions.check_user_can_administer_kabupaten(user, kabupaten)


def _batalkan_tertunda(kabupaten: Unit, user) -> None:
    for impor in ImporPegawai.objects.select_for_update().filter(
        kabupaten=kabupaten, status__in=[ImporPegawai.Status.PEMETAAN, ImporPegawai.Status.PRATINJAU]
    ):
        impor.status = ImporPegawai.Status.DIBATALKAN
        impor.diputus_oleh = user
        impor.diputus_pada = timezone.now()
        impor._change_reason = "Diganti unggahan baru"
        impor.save()


def jenis_of(impor: ImporPegawai) -> str:
    return "xlsx" if bytes(impor.isi[:4]) == b"PK\x03\x04" else "csv"


def _susun(impor: ImporPegawai, kolom: dict, user) -> ImporPegawai:
    berkas = berkas_mod.baca(bytes(impor.isi), jenis_of(impor), impor.nama_berkas, kolom, impor.lembar)
    hari = timezone.localdate()
    impor.kolom = kolom
    impor.pratinjau = pratinjau.susun(berkas, kabupaten=impor.kabupaten, user=user, hari=hari)
    impor.pratinjau["hari"] = hari.isoformat()
    impor.sidik_data = pratinjau.sidik(impor.kabupaten, [b.nilai["nip"] for b in berkas.baris])
    impor.status = ImporPegawai.Status.PRATINJAU
    return impor


@transaction.atomic
def unggah(*, user, kabupaten: Unit, upload) -> ImporPegawai:
    """Receive the export. With the kabupaten's mapping, the file is read and previewed at once (a malformed
    file is refused and nothing is saved); without one, it waits for the mapping (its header checked). A workbook
    of several sheets is read from the sheet chosen last time when it still has it; otherwise it waits for the
    administrator to pick the sheet with the mapping (`pemetaan_simpan`)."""
    _kabupaten(user, kabupaten)
    if upload is None:
        raise KepegawaianError("Pilih berkas ekspor pegawai.", {"berkas": "Pilih berkas ekspor pegawai."})
    try:
        content, jenis = berkas_mod.terima(upload)
    except Penolakan as refused:
        raise KepegawaianError(refused.message, {"berkas": refused.message}) from None
    pemetaan = PemetaanKolom.objects.filter(kabupaten=kabupaten).first()
    nama = (upload.name or "ekspor")[:255]
    sheets = berkas_mod.lembar_list(content, jenis, nama)
    lembar = ""
    if len(sheets) > 1:
        lembar = pemetaan.lembar if pemetaan is not None and pemetaan.lembar in sheets else None
    if lembar is not None:
        berkas_mod.baca(content, jenis, nama, lembar=lembar)  # a header row must be there
    _batalkan_tertunda(kabupaten, user)
    impor = ImporPegawai(
        kabupaten=kabupaten,
        nama_berkas=nama,
        isi=content,
        sha256=hashlib.sha256(content).hexdigest(),
        lembar=lembar or "",
        diunggah_oleh=user,
    )
    if pemetaan is not None and lembar is not None:
        _susun(impor, pemetaan.kolom, user)
    impor._change_reason = "Diunggah"
    impor.save()
    return impor


@transaction.atomic
def tarik_siasn(*, user, kabupaten: Unit) -> ImporPegawai:
    """The same preview from BKN's SIASN web service (kepegawaian/siasn.py), for every NIP of the kabupaten's
    records; the answers are kept as the import's content, so applying works as for an uploaded export."""
    from kepegawaian import siasn

    _kabupaten(user, kabupaten)
    sambungan = siasn.sambungan_of(kabupaten)
    if sambungan is None:
        raise KepegawaianError(
            f"Kredensial SIASN {kabupaten} belum dipasang di server (variabel "
            f"{siasn.variabel(kabupaten.kode, 'api_url')} dan lainnya); hubungi operator."
        )
    nips = list(
        Pegawai.objects.filter(jabatan__kabupaten=kabupaten, is_active=True, nip__isnull=False)
        .order_by("nip")
        .values_list("nip", flat=True)
    )
    content = siasn.sebagai_csv(siasn.data_utama(sambungan, nips))
    _batalkan_tertunda(kabupaten, user)
    impor = ImporPegawai(
        kabupaten=kabupaten,
        sumber="siasn",
        nama_berkas=f"SIASN {timezone.localdate():%d-%m-%Y}.csv",
        isi=content,
        sha256=hashlib.sha256(content).hexdigest(),
        diunggah_oleh=user,
    )
    _susun(impor, siasn.KOLOM, user)
    impor._change_reason = "Ditarik dari SIASN"
    impor.save()
    return impor


def tertunda(kabupaten: Unit) -> ImporPegawai | None:
    return (
        ImporPegawai.objects.filter(
            kabupaten=kabupaten, status__in=[ImporPegawai.Status.PEMETAAN, ImporPegawai.Status.PRATINJAU]
        )
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def pemetaan_simpan(*, user, kabupaten: Unit, kolom: dict, lembar: str | None = None) -> ImporPegawai | None:
    """Keep the kabupaten's mapping (field → header text) and, for a workbook of several sheets, the sheet
    picked (`lembar`), and preview the waiting upload with them. A file the mapping finds malformed is refused
    naming the sheet (the mapping is not kept either: it does not fit that file)."""
    _kabupaten(user, kabupaten)
    kolom = {key: (kolom.get(key) or "").strip() for key in berkas_mod.KOLOM}
    for key in berkas_mod.WAJIB:
        if not kolom[key]:
            label = berkas_mod.KOLOM[key][0]
            raise KepegawaianError(f"Kolom {label} wajib dipetakan.", {key: f"Kolom {label} wajib dipetakan."})
    impor = tertunda(kabupaten)
    if impor is not None:
        impor = ImporPegawai.objects.select_for_update().get(pk=impor.pk)
        sheets = berkas_mod.lembar_list(bytes(impor.isi), jenis_of(impor), impor.nama_berkas)
        if len(sheets) > 1:
            if not lembar:
                raise KepegawaianError("Pilih lembar yang memuat daftar pegawai.", {"lembar": "Pilih lembar."})
            if lembar not in sheets:
                pesan = f'Lembar "{lembar}" tidak ada dalam berkas {impor.nama_berkas}; lembar yang ada: {", ".join(sheets)}.'
                raise KepegawaianError(pesan, {"lembar": pesan})
            impor.lembar = lembar
    pemetaan, _ = PemetaanKolom.objects.select_for_update().get_or_create(kabupaten=kabupaten)
    pemetaan.kolom = kolom
    if impor is not None and impor.lembar:
        pemetaan.lembar = impor.lembar
    pemetaan.diubah_oleh = user
    pemetaan._change_reason = "Pemetaan kolom diubah"
    pemetaan.save()
    if impor is None:
        return None
    _susun(impor, kolom, user)
    impor._change_reason = "Pratinjau disusun"
    impor.save()
    return impor


def _tertunda_terkunci(user, kabupaten: Unit, *, status=ImporPegawai.Status.PRATINJAU) -> ImporPegawai:
    _kabupaten(user, kabupaten)
    impor = ImporPegawai.objects.select_for_update().filter(kabupaten=kabupaten, status=status).order_by("-pk").first()
    if impor is None:
        raise KepegawaianError("Tidak ada pratinjau impor yang menunggu; unggah berkas ekspor pegawai.")
    return impor


@transaction.atomic
def susun_ulang(*, user, kabupaten: Unit) -> ImporPegawai:
    """Compute the waiting upload's preview again against today's records (after positions were added, or when
    the records changed since the preview)."""
    impor = _tertunda_terkunci(user, kabupaten)
    _susun(impor, impor.kolom, user)
    impor._change_reason = "Pratinjau disusun ulang"
    impor.save()
    return impor


@transaction.atomic
def batalkan(*, user, kabupaten: Unit) -> ImporPegawai:
    _kabupaten(user, kabupaten)
    impor = tertunda(kabupaten)
    if impor is None:
        raise KepegawaianError("Tidak ada impor yang menunggu.")
    impor = ImporPegawai.objects.select_for_update().get(pk=impor.pk)
    impor.status = ImporPegawai.Status.DIBATALKAN
    impor.diputus_oleh = user
    impor.diputus_pada = timezone.now()
    impor._change_reason = "Dibatalkan"
    impor.save()
    return impor


ALASAN = "Impor SIMPEG/SIASN"


@transaction.atomic
def terapkan(*, user, kabupaten: Unit, sidik: str) -> ImporPegawai:
    """Carry out the stored preview, all of it or nothing. Refused when it has problems, when the page showed
    another preview (`sidik`), or when the records changed since it was computed."""
    impor = _tertunda_terkunci(user, kabupaten)
    hasil = impor.pratinjau
    if sidik != pratinjau.sidik_pratinjau(hasil):
        raise KepegawaianError("Pratinjau yang Anda lihat bukan pratinjau terakhir; muat ulang halaman pratinjau.")
    if hasil.get("masalah"):
        raise KepegawaianError(
            f"Pratinjau memuat {len(hasil['masalah'])} masalah; perbaiki berkas atau data jabatan, lalu susun ulang."
        )
    hari = timezone.localdate()
    if hasil.get("hari") != hari.isoformat():
        raise KepegawaianError("Pratinjau disusun pada hari lain; susun ulang pratinjau sebelum menerapkan.")
    nips = [row["nip"] for row in hasil.get("simpeg", [])] + [row["nip"] for row in hasil.get("plt", [])]
    # Lock the kabupaten's people for the check and the changes (a second import or a Pengaturan page waits).
    list(Pegawai.objects.select_for_update().filter(jabatan__kabupaten=kabupaten).values_list("pk", flat=True))
    if pratinjau.sidik(kabupaten, nips) != impor.sidik_data:
        raise KepegawaianError(
            "Data pegawai, jabatan atau Plt./Plh. kabupaten berubah sejak pratinjau disusun; susun ulang pratinjau."
        )
    positions = {p.pk: p for p in Position.objects.filter(kabupaten=kabupaten).select_related("unit")}
    permintaan = []

    # 1. Those who left: deactivated, without a position, their running and coming Plt./Plh. ended. Never deleted.
    for row in hasil["keluar"]:
        person = Pegawai.objects.get(pk=row["pegawai_id"])
        person.is_active = False
        person.jabatan = None
        person._change_reason = f"{ALASAN}: keluar dari kabupaten"
        person.save(update_fields=["is_active", "jabatan"])
        for d in Delegation.objects.filter(pegawai=person, selesai__gte=hari):
            d._change_reason = f"{ALASAN}: pegawai keluar"
            if d.mulai >= hari:
                d.delete()
            else:
                d.selesai = hari - datetime.timedelta(days=1)
                d.save()

    # 2. Moves and position changes; into a Camat/evaluator position only asked for (pengaturan).
    for row in [*hasil["pindah"], *hasil["ganti_jabatan"]]:
        person = Pegawai.objects.get(pk=row["pegawai_id"])
        position = positions[row["jabatan_id"]]
        if row["kuasa"]:
            moved = pengaturan.pegawai_ubah(user=user, pegawai=person, jabatan=position, data={})
            permintaan.append(moved.permintaan_kuasa.pk)
            continue
        person.jabatan = position
        person._change_reason = f"{ALASAN}: pindah ke {position.nama}"[:100]
        person.save(update_fields=["jabatan"])

    # 3. Name (with titles) and pangkat/golongan.
    for row in hasil["data"]:
        person = Pegawai.objects.get(pk=row["pegawai_id"])
        fields = []
        for name, (_, new) in row["perubahan"].items():
            setattr(person, name, new)
            fields.append(name)
        person._change_reason = f"{ALASAN}: data diperbarui"
        person.save(update_fields=fields)

    # 4. New people: an account without a usable password (sign-in through the kabupaten's SSO, or a temporary
    # password from Pengaturan → Pegawai); in a Camat/evaluator position only asked for.
    for row in hasil["baru"]:
        position = positions[row["jabatan_id"]]
        data = {"nama": row["nama"], "nip": row["nip"], "pangkat_golongan": row.get("pangkat", "")}
        if row["aktif_kembali"]:
            person = Pegawai.objects.get(pk=row["pegawai_id"])
            person.jabatan = position
            person.is_active = True
            person._change_reason = f"{ALASAN}: aktif kembali"
            person.save(update_fields=["jabatan", "is_active"])
            continue
        if row["kuasa"]:
            akun = pengaturan.pegawai_buat(user=user, username=row["nip"], jabatan=position, data=data)
            permintaan.append(akun.permintaan.pk)
            continue
        person = Pegawai(username=row["nip"], jabatan=position, **data)
        if Pegawai.objects.filter(username__iexact=person.username).exists():
            raise KepegawaianError(f"Nama pengguna {person.username} sudah dipakai; susun ulang pratinjau.")
        person.set_unusable_password()
        person._change_reason = f"{ALASAN}: pegawai baru"
        person.save()

    # 5. Plt./Plh. through pengaturan (no self-appointment, no overlap; a Camat/evaluator's only asked for).
    for row in hasil["plt"]:
        person = Pegawai.objects.filter(nip=row["nip"]).first()
        if person is None:
            raise KepegawaianError(
                f"{row['nama']} belum memiliki akun (menunggu persetujuan kuasa); Plt./Plh.-nya diimpor kemudian."
            )
        data = {
            "jenis": row["jenis"],
            "mulai": row["mulai"],
            "selesai": row["selesai"],
            "dasar": ALASAN,
            "gelar_tanda_tangan": "",
        }
        hasil_delegasi = pengaturan.delegasi_buat(
            user=user, position=positions[row["jabatan_id"]], pegawai=person, data=data
        )
        if hasil_delegasi.permintaan is not None:
            permintaan.append(hasil_delegasi.permintaan.pk)

    # 6. Titles, eselon, atasan and TMT as the export gives them.
    by_nip = {p.nip: p for p in Pegawai.objects.filter(nip__in=[r["nip"] for r in hasil["simpeg"]])}
    for row in hasil["simpeg"]:
        person = by_nip.get(row["nip"])
        if person is None:  # a new Camat/evaluator account still waiting for confirmation
            continue
        data, _ = DataSimpeg.objects.get_or_create(pegawai=person)
        data.gelar_depan = row["gelar_depan"][:50]
        data.gelar_belakang = row["gelar_belakang"][:100]
        data.eselon = row["eselon"][:20]
        data.nip_atasan = row["nip_atasan"]
        data.tmt_jabatan = datetime.date.fromisoformat(row["tmt"]) if row["tmt"] else None
        data.impor = impor
        data._change_reason = ALASAN
        data.save()

    impor.status = ImporPegawai.Status.DITERAPKAN
    impor.diputus_oleh = user
    impor.diputus_pada = timezone.now()
    impor.ringkasan = {**pratinjau.ringkasan(hasil), "permintaan_kuasa": permintaan}
    impor._change_reason = "Diterapkan"
    impor.save()
    return impor
