"""Setting up a year: the Perjanjian Kinerja (sasaran, indicators), its Rencana Aksi, PK Perubahan.

Rules:
* The Kasubbag Perencanaan or the Sekretaris (`kinerja.edit_pk`) composes the PK while it is a draft;
  the Camat (or acting official) establishes it (`kinerja.sign_pk`), after which its indicators and
  targets change only through a PK Perubahan.
* A PK Perubahan (with a reason) keeps the earlier PK as it was agreed (status `digantikan`) and starts
  a new draft revision with copies of its sasaran, indicators and Rencana Aksi. The quarter realisations
  belong to the year, not to a PK revision: they move to the copies so that nothing already entered is
  lost, and the sub-activities that supported an indicator support its copy.
* A PK may be pre-filled from the established Renstra covering its year (`pk_buat(dari_renstra=True)`):
  each indicator keeps its link (`Indikator.indikator_renstra`), takes the Renstra's target for the year
  and its end target (`target_renstra`, then always the linked one's). A linked indicator whose annual
  target differs from the Renstra's target for the year is saved, and the PK established, only with a
  recorded reason (`alasan_beda_renstra_kurang`), printed in the PK document.
* Rencana Aksi: a quarterly target set that does not add up to the annual target (for the indicator's
  aggregation, `capaian.cek_target_triwulan`) is saved only with a recorded reason.
* PK berjenjang (kinerja/berjenjang.py): the same functions compose the cascading PK of a position
  (`jabatan`): created empty once the Camat's PK of the year exists, pihak pertama the holder of the
  position, pihak kedua its superior; each indicator may support one indicator of the Camat's current PK
  of the year (`mendukung`); established by the holder of the position (`permissions.user_can_establish_pk`).
Every function is one transaction and re-reads the PK row under a lock, so two tabs cannot interleave.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kinerja import berjenjang, capaian, events
from kinerja.angka import AngkaError, parse_angka_tepat
from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, RencanaAksi, Sasaran, SubKegiatan
from kinerja.services import KinerjaError
from kinerja.skala import isian_pk, target_level_renstra
from renstra import services as renstra_services
from renstra.models import SasaranRenstra, TargetRenstra
from sakip import permissions, tanda_tangan
from sakip.formatting import format_angka
from sakip.models import Pegawai, Position, Unit
from sakip.roles import Role
from sakip.validators import pesan_karakter_kontrol

TEXT_LIMIT = 4000


def current_pk(kecamatan, tahun: int, jabatan: Position | None = None) -> PerjanjianKinerja | None:
    """The current PK of the year: the Camat's (no `jabatan`), or the cascading PK of that position."""
    qs = PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun)
    qs = qs.milik_camat() if jabatan is None else qs.filter(jabatan=jabatan)
    return qs.exclude(status=PerjanjianKinerja.Status.DIGANTIKAN).first()


def _locked(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)


def _locked_draft(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    pk = _locked(pk)
    if pk.status != PerjanjianKinerja.Status.DRAFT:
        raise KinerjaError(
            f'{pk} berstatus "{pk.get_status_display()}". Sasaran, indikator dan target hanya dapat diubah '
            "melalui PK Perubahan."
        )
    return pk


def _camat_of(kecamatan: Unit) -> Pegawai | None:
    return Pegawai.objects.filter(jabatan__kecamatan=kecamatan, jabatan__role=Role.CAMAT, is_active=True).first()


def _holder_of(position: Position) -> Pegawai | None:
    return Pegawai.objects.filter(jabatan=position, is_active=True).order_by("pk").first()


def _atasan(jabatan: Position) -> Position | None:
    """The superior position of a cascading PK's position (kinerja.berjenjang.ATASAN)."""
    role = berjenjang.atasan_role(jabatan)
    return Position.objects.filter(kecamatan_id=jabatan.kecamatan_id, role=role).order_by("pk").first()


def _bupati_jabatan(kecamatan: Unit) -> str:
    kabupaten = kecamatan.kabupaten.nama if kecamatan.kabupaten_id else ""
    return f"BUPATI {kabupaten.upper()}".strip()


@transaction.atomic
def pk_buat(
    *,
    user,
    kecamatan: Unit,
    tahun: int,
    salin_tahun_lalu: bool = False,
    dari_renstra: bool = False,
    jabatan: Position | None = None,
) -> PerjanjianKinerja:
    """A new draft PK for the year: empty, with the sasaran and indicators of last year's PK, or pre-filled
    from the established Renstra covering the year (`dari_renstra`, see `_isi_dari_renstra`). With
    `jabatan`: the empty cascading PK of that position (PK berjenjang)."""
    permissions.check_user_can(user, "kinerja.edit_pk", kecamatan)
    Unit.objects.select_for_update().get(pk=kecamatan.pk)  # serialise two "create" clicks
    if jabatan is not None:
        return _pk_berjenjang_buat(kecamatan, tahun, jabatan)
    if current_pk(kecamatan, tahun) is not None:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} untuk {kecamatan} sudah ada.")
    if dari_renstra:
        renstra = renstra_services.established_renstra(kecamatan, tahun)
        if renstra is None:
            raise KinerjaError(f"Belum ada Renstra yang ditetapkan untuk tahun {tahun}.")
        pk = PerjanjianKinerja.objects.create(
            kecamatan=kecamatan,
            tahun=tahun,
            pihak_pertama=_camat_of(kecamatan),
            pihak_kedua_jabatan=_bupati_jabatan(kecamatan),
        )
        _isi_dari_renstra(pk, renstra)
        return pk
    previous = current_pk(kecamatan, tahun - 1) if salin_tahun_lalu else None
    if salin_tahun_lalu and previous is None:
        raise KinerjaError(f"Tidak ada Perjanjian Kinerja {tahun - 1} untuk disalin.")
    pk = PerjanjianKinerja.objects.create(
        kecamatan=kecamatan,
        tahun=tahun,
        pihak_pertama=_camat_of(kecamatan),
        pihak_kedua_nama=previous.pihak_kedua_nama if previous else "",
        pihak_kedua_jabatan=previous.pihak_kedua_jabatan if previous else _bupati_jabatan(kecamatan),
    )
    if previous is not None:
        _copy_content(previous, pk, with_rencana=False)
    return pk


def _pk_berjenjang_buat(kecamatan: Unit, tahun: int, jabatan: Position) -> PerjanjianKinerja:
    if jabatan.kecamatan_id != kecamatan.pk or berjenjang.atasan_role(jabatan) is None:
        raise KinerjaError("PK berjenjang hanya untuk Sekretaris, Kasubbag, Kasi atau Kabid kecamatan ini.")
    if current_pk(kecamatan, tahun) is None:
        raise KinerjaError(
            f"Perjanjian Kinerja {tahun} Camat belum dibuat; PK berjenjang mendukung indikator PK Camat."
        )
    if current_pk(kecamatan, tahun, jabatan) is not None:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} untuk {jabatan} sudah ada.")
    atasan = _atasan(jabatan)
    atasan_orang = _holder_of(atasan) if atasan else None
    return PerjanjianKinerja.objects.create(
        kecamatan=kecamatan,
        tahun=tahun,
        jabatan=jabatan,
        pihak_pertama=_holder_of(jabatan),
        pihak_kedua_nama=atasan_orang.nama if atasan_orang else "",
        pihak_kedua_jabatan=(atasan.nama.upper() if atasan else "")[:200],
    )


def _isi_dari_renstra(pk: PerjanjianKinerja, renstra) -> None:
    """Sasaran and indicators from the Renstra: each indicator linked to its Renstra indicator, with the
    Renstra's target for the PK's year as the annual target and its end target as `target_renstra`."""
    sasaran_list = (
        SasaranRenstra.objects.filter(renstra=renstra).order_by("urutan").prefetch_related("indikator__target")
    )
    for sasaran in sasaran_list:
        copy = Sasaran.objects.create(perjanjian=pk, urutan=sasaran.urutan, uraian=sasaran.uraian)
        for ind in sasaran.indikator.all():
            Indikator.objects.create(
                sasaran=copy,
                urutan=ind.urutan,
                uraian=ind.uraian,
                satuan=ind.satuan,
                polaritas=ind.polaritas,
                definisi_operasional="\n".join(
                    x for x in (ind.definisi, f"Formula: {ind.formula}" if ind.formula else "") if x
                ),
                sumber_data=ind.sumber_data[:300],
                penanggung_jawab_id=ind.penanggung_jawab_id,
                iku=ind.iku,
                indikator_renstra=ind,
                # The year's target (a level of the scale for a qualitative indicator) and the end target.
                **isian_pk(ind, pk.tahun),
            )


def target_renstra_tahun(indikator: Indikator):
    """The linked Renstra indicator's target for the PK's year (None: not linked, or no target that year)."""
    if indikator.indikator_renstra_id is None:
        return None
    return (
        TargetRenstra.objects.filter(indikator_id=indikator.indikator_renstra_id, tahun=indikator.tahun)
        .values_list("nilai", flat=True)
        .first()
    )


def _copy_content(source: PerjanjianKinerja, target: PerjanjianKinerja, *, with_rencana: bool) -> dict[int, Indikator]:
    """Copy sasaran and indicators (and optionally Rencana Aksi); returns {old indicator id: copy}."""
    mapping: dict[int, Indikator] = {}
    for sasaran in source.sasaran.prefetch_related("indikator__rencana_aksi").order_by("urutan"):
        copy = Sasaran.objects.create(perjanjian=target, urutan=sasaran.urutan, uraian=sasaran.uraian)
        for ind in sasaran.indikator.all():
            old_id = ind.pk
            rencana = list(ind.rencana_aksi.all())
            ind.pk = None
            ind.id = None
            ind.sasaran = copy
            ind._state.adding = True
            ind.save()
            mapping[old_id] = ind
            if with_rencana:
                RencanaAksi.objects.bulk_create(
                    RencanaAksi(
                        indikator=ind,
                        kecamatan_id=ind.kecamatan_id,
                        triwulan=ra.triwulan,
                        target=ra.target,
                        target_level_id=ra.target_level_id,
                        rencana_kegiatan=ra.rencana_kegiatan,
                    )
                    for ra in rencana
                )
    from kinerja.services.usulan import salin_sumber

    salin_sumber(mapping)
    return mapping


@transaction.atomic
def pk_ubah_identitas(
    *, user, pk: PerjanjianKinerja, pihak_kedua_nama: str, pihak_kedua_jabatan: str, tanggal
) -> PerjanjianKinerja:
    permissions.check_user_can(user, "kinerja.edit_pk", pk)
    pk = _locked_draft(pk)
    pk.pihak_kedua_nama = pihak_kedua_nama.strip()[:200]
    pk.pihak_kedua_jabatan = pihak_kedua_jabatan.strip()[:200] or (
        pk.pihak_kedua_jabatan if pk.jabatan_id else _bupati_jabatan(pk.kecamatan)
    )
    pk.tanggal = tanggal
    pk.save(update_fields=["pihak_kedua_nama", "pihak_kedua_jabatan", "tanggal"])
    return pk


@transaction.atomic
def sasaran_simpan(*, user, pk: PerjanjianKinerja, uraian: str, sasaran: Sasaran | None = None) -> Sasaran:
    permissions.check_user_can(user, "kinerja.edit_pk", pk)
    pk = _locked_draft(pk)
    uraian = uraian.strip()
    if not uraian:
        raise KinerjaError("Periksa isian.", {"uraian": "Sasaran strategis wajib diisi."})
    if len(uraian) > TEXT_LIMIT:
        raise KinerjaError("Periksa isian.", {"uraian": f"Sasaran strategis paling banyak {TEXT_LIMIT} karakter."})
    if message := pesan_karakter_kontrol(uraian, "Sasaran strategis"):
        raise KinerjaError("Periksa isian.", {"uraian": message})
    if sasaran is None:
        last = pk.sasaran.order_by("-urutan").first()
        sasaran = Sasaran(perjanjian=pk, urutan=(last.urutan + 1) if last else 1)
    elif sasaran.perjanjian_id != pk.pk:
        raise KinerjaError("Sasaran tidak termasuk Perjanjian Kinerja ini.")
    sasaran.uraian = uraian
    sasaran.save()
    return sasaran


def _refuse_if_realised(indicators, what: str) -> None:
    if Realisasi.objects.filter(indikator__in=indicators).exclude(nilai=None, nilai_level=None).exists():
        raise KinerjaError(f"{what} tidak dapat dihapus karena sudah memiliki realisasi.")
    if Indikator.objects.filter(mendukung__in=indicators).exists():
        raise KinerjaError(f"{what} tidak dapat dihapus karena didukung indikator PK berjenjang.")
    computed = [i for i in indicators if i.mendukung_id and i.mendukung.hitung_dari_pendukung]
    if computed and (message := berjenjang.alasan_susunan_terkunci(computed[0].kecamatan_id, computed[0].tahun)):
        raise KinerjaError(message)


@transaction.atomic
def sasaran_hapus(*, user, sasaran: Sasaran) -> None:
    permissions.check_user_can(user, "kinerja.edit_pk", sasaran)
    pk = _locked_draft(sasaran.perjanjian)
    _refuse_if_realised(sasaran.indikator.all(), "Sasaran")
    sasaran.delete()
    _renumber(pk.sasaran.order_by("urutan"))


def _renumber(queryset) -> None:
    # Two passes: the (parent, urutan) unique constraint must hold after every single UPDATE.
    rows = list(queryset)
    offset = len(rows) + 1000
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(urutan=row.urutan + offset)
    for number, row in enumerate(rows, start=1):
        type(row).objects.filter(pk=row.pk).update(urutan=number)


INDIKATOR_FIELDS = (
    "uraian",
    "satuan",
    "target_tahunan",
    "skala",
    "target_level",
    "polaritas",
    "rumus_negatif",
    "agregasi",
    "definisi_operasional",
    "sumber_data",
    "penanggung_jawab",
    "iku",
    "target_renstra",
    "standar_nasional",
    "sumber_standar",
    "indikator_renstra",
    "alasan_beda_renstra",
    "mendukung",
)


@transaction.atomic
def indikator_simpan(*, user, sasaran: Sasaran, data: dict, indikator: Indikator | None = None) -> Indikator:
    """Create or change an indicator from a validated form's cleaned_data (see kinerja.forms.IndikatorForm)."""
    permissions.check_user_can(user, "kinerja.edit_pk", sasaran)
    _locked_draft(sasaran.perjanjian)
    if indikator is None:
        last = sasaran.indikator.order_by("-urutan").first()
        indikator = Indikator(sasaran=sasaran, urutan=(last.urutan + 1) if last else 1)
    elif indikator.sasaran_id != sasaran.pk:
        raise KinerjaError("Indikator tidak termasuk sasaran ini.")
    position = data.get("penanggung_jawab")
    if position is not None and position.kecamatan_id != sasaran.kecamatan_id:
        raise KinerjaError("Periksa isian.", {"penanggung_jawab": "Jabatan tidak termasuk kecamatan ini."})
    linked = data.get("indikator_renstra")
    if linked is not None and (linked.kecamatan_id != sasaran.kecamatan_id or linked.renstra.status == "draft"):
        raise KinerjaError(
            "Periksa isian.", {"indikator_renstra": "Pilih indikator Renstra kecamatan ini yang telah ditetapkan."}
        )
    if message := pesan_karakter_kontrol(data.get("alasan_beda_renstra", ""), "Alasan target berbeda"):
        raise KinerjaError("Periksa isian.", {"alasan_beda_renstra": message})
    if "mendukung" in data:
        # The stored link (a ModelForm has already put the typed one on the instance).
        stored = Indikator.objects.filter(pk=indikator.pk).values_list("mendukung_id", flat=True).first()
        _check_mendukung(sasaran, data, stored if indikator.pk else None)
    for name in INDIKATOR_FIELDS:
        if name in data:
            setattr(indikator, name, data[name])
    indikator.alasan_beda_renstra = (indikator.alasan_beda_renstra or "").strip()[:TEXT_LIMIT]
    if indikator.indikator_renstra_id is not None:
        # One source: the Renstra end target comes from the linked Renstra indicator, whatever was typed.
        indikator.target_renstra = indikator.indikator_renstra.target_akhir
        indikator.tahun = sasaran.perjanjian.tahun
        if message := alasan_beda_renstra_kurang(indikator):
            raise KinerjaError("Periksa isian.", {"alasan_beda_renstra": message})
        if target_renstra_tahun(indikator) == indikator.target_tahunan:
            indikator.alasan_beda_renstra = ""
    indikator.save()
    return indikator


def _check_mendukung(sasaran: Sasaran, data: dict, before_id: int | None) -> None:
    """A cascading PK's indicator supports one indicator of the Camat's current PK of the same kecamatan and
    year (kinerja.berjenjang); the Camat's own indicators support none. A qualitative indicator cannot feed a
    computed one, and the supporting set of a computed indicator changes only while every quarter is a draft."""
    parent = data.get("mendukung")
    pk = sasaran.perjanjian
    if parent is None:
        pass
    elif pk.jabatan_id is None:
        raise KinerjaError("Periksa isian.", {"mendukung": "Indikator PK Camat tidak mendukung indikator lain."})
    elif (
        parent.kecamatan_id != sasaran.kecamatan_id
        or parent.tahun != pk.tahun
        or parent.pk_jabatan_id is not None
        or parent.sasaran.perjanjian.status == PerjanjianKinerja.Status.DIGANTIKAN
    ):
        raise KinerjaError(
            "Periksa isian.",
            {"mendukung": f"Pilih indikator Perjanjian Kinerja {pk.tahun} Camat kecamatan ini yang berlaku."},
        )
    elif (
        data.get("skala") is not None
        and Indikator.objects.filter(pk=parent.pk).exclude(hitung_dari_pendukung="").exists()
    ):
        raise KinerjaError(
            "Periksa isian.",
            {"mendukung": "Indikator kualitatif tidak dapat mendukung indikator yang dihitung dari pendukungnya."},
        )
    ids = {i for i in (before_id, parent.pk if parent else None) if i is not None}
    changed = before_id != (parent.pk if parent else None)
    computed = changed and Indikator.objects.filter(pk__in=ids).exclude(hitung_dari_pendukung="").exists()
    if computed and (message := berjenjang.alasan_susunan_terkunci(sasaran.kecamatan_id, pk.tahun)):
        raise KinerjaError("Periksa isian.", {"mendukung": message})


def alasan_beda_renstra_kurang(indikator: Indikator) -> str:
    """The message when the annual target differs from the linked Renstra target for the year without a
    recorded reason ("" when it agrees, is not linked, or has its reason). The one rule: saving an
    indicator and establishing the PK ask it."""
    if indikator.indikator_renstra_id is None or indikator.alasan_beda_renstra.strip():
        return ""
    if indikator.kualitatif:
        level = target_level_renstra(indikator)
        chosen = indikator.target_level.label if indikator.target_level_id else None
        if level is None or chosen is None or level.lower() == chosen.lower():
            return ""
        return f"Target {chosen} berbeda dari target Renstra tahun {indikator.tahun} ({level}). Tuliskan alasannya."
    expected = target_renstra_tahun(indikator)
    if expected is None or indikator.target_tahunan is None or expected == indikator.target_tahunan:
        return ""
    return (
        f"Target {format_angka(indikator.target_tahunan)} berbeda dari target Renstra tahun {indikator.tahun} "
        f"({format_angka(expected)}). Tuliskan alasannya."
    )


@transaction.atomic
def indikator_hapus(*, user, indikator: Indikator) -> None:
    permissions.check_user_can(user, "kinerja.edit_pk", indikator)
    _locked_draft(indikator.sasaran.perjanjian)
    _refuse_if_realised([indikator], "Indikator")
    sasaran = indikator.sasaran
    indikator.delete()
    _renumber(sasaran.indikator.order_by("urutan"))


def pk_tetapkan(
    *, user, pk: PerjanjianKinerja, password: str, tanggal: datetime.date | None = None
) -> PerjanjianKinerja:
    """The Camat (or acting official) establishes the PK: from now on it changes only by PK Perubahan. A
    cascading PK is established by its pihak pertama, the holder of its position (own or acting).

    Establishing is a signature, so the person types their password again (`password`, checked by
    sakip.tanda_tangan before the transaction opens, throttled).
    """
    permissions.check_user_can_establish_pk(user, pk)
    try:
        tanda_tangan.periksa_kata_sandi(user, password, dokumen=f"PK {pk.pk}")
    except tanda_tangan.KataSandiDitolak as error:
        raise KinerjaError(error.message, error.errors) from None
    return pk_tetapkan_dalam_penandatanganan(user=user, pk=pk, tanggal=tanggal)


@transaction.atomic
def pk_tetapkan_dalam_penandatanganan(
    *, user, pk: PerjanjianKinerja, tanggal: datetime.date | None = None
) -> PerjanjianKinerja:
    """Establish the PK inside a signing whose password was already checked (`pk_tetapkan`, or signing the PK
    document in Laporan): the password is hashed once per signing."""
    permissions.check_user_can_establish_pk(user, pk)
    pk = _locked_draft(pk)
    indicators = list(Indikator.objects.filter(sasaran__perjanjian=pk))
    if not indicators:
        raise KinerjaError("Perjanjian Kinerja belum memiliki indikator.")
    missing = [i for i in indicators if i.target_tahunan is None and i.target_level_id is None]
    if missing:
        names = "; ".join(i.uraian[:60] for i in missing[:3])
        raise KinerjaError(f"Target tahunan belum diisi untuk {len(missing)} indikator: {names}.")
    unexplained = [i for i in indicators if alasan_beda_renstra_kurang(i)]
    if unexplained:
        names = "; ".join(i.uraian[:60] for i in unexplained[:3])
        raise KinerjaError(f"Target {len(unexplained)} indikator berbeda dari target Renstra tanpa alasan: {names}.")
    pk.status = PerjanjianKinerja.Status.DITANDATANGANI
    pk.pihak_pertama = user
    if pk.jabatan_id is None:
        pk.pihak_pertama_sebutan = permissions.acting_title(user, pk, Role.CAMAT)
    else:
        held = [h for h in permissions.holdings(user) if h.position_id == pk.jabatan_id]
        pk.pihak_pertama_sebutan = "" if any(not h.acting_title for h in held) else held[0].acting_title
    pk.tanggal = tanggal or pk.tanggal or timezone.localdate()
    pk.save()
    events.pk_berubah.send(sender=PerjanjianKinerja, pk=pk, peristiwa="ditetapkan", oleh=user, alasan="")
    return pk


@transaction.atomic
def pk_perubahan(*, user, pk: PerjanjianKinerja, alasan: str) -> PerjanjianKinerja:
    """Start a PK Perubahan: the established PK is kept as `digantikan`; a new draft revision copies it."""
    permissions.check_user_can(user, "kinerja.edit_pk", pk)
    alasan = alasan.strip()
    if not alasan:
        raise KinerjaError("Periksa isian.", {"alasan": "Alasan perubahan wajib diisi."})
    if message := pesan_karakter_kontrol(alasan, "Alasan perubahan"):
        raise KinerjaError("Periksa isian.", {"alasan": message})
    old = _locked(pk)
    if old.status != PerjanjianKinerja.Status.DITANDATANGANI:
        raise KinerjaError("PK Perubahan hanya dapat dibuat dari Perjanjian Kinerja yang telah ditetapkan.")
    old.status = PerjanjianKinerja.Status.DIGANTIKAN
    old.save(update_fields=["status"])
    new = PerjanjianKinerja.objects.create(
        kecamatan=old.kecamatan,
        tahun=old.tahun,
        revisi=old.revisi + 1,
        jabatan=old.jabatan,
        pihak_pertama=old.pihak_pertama,
        pihak_kedua_nama=old.pihak_kedua_nama,
        pihak_kedua_jabatan=old.pihak_kedua_jabatan,
        alasan_perubahan=alasan[:TEXT_LIMIT],
    )
    mapping = _copy_content(old, new, with_rencana=True)
    # Realisations and their evidence belong to the quarter: they follow the indicator's copy. A queryset
    # update on purpose: re-pointing is no change of a value, so a signed report's lock does not apply.
    for old_id, copy in mapping.items():
        Realisasi.objects.filter(indikator_id=old_id).update(indikator=copy)
        # The cascading PKs' indicators support the copy of the Camat's indicator (same re-pointing).
        Indikator.objects.filter(mendukung_id=old_id).update(mendukung=copy)
    through = SubKegiatan.indikator.through
    links = through.objects.filter(indikator_id__in=mapping)
    through.objects.bulk_create(
        [through(subkegiatan_id=link.subkegiatan_id, indikator_id=mapping[link.indikator_id].pk) for link in links]
    )
    events.pk_berubah.send(
        sender=PerjanjianKinerja, pk=new, peristiwa="perubahan", oleh=user, alasan=new.alasan_perubahan
    )
    return new


@dataclass(frozen=True)
class RencanaEntri:
    indikator_id: int
    targets: tuple[str, str, str, str]
    kegiatan: tuple[str, str, str, str]
    alasan: str = ""


@transaction.atomic
def rencana_aksi_simpan(*, user, pk: PerjanjianKinerja, entries: list[RencanaEntri]) -> int:
    """Save the Rencana Aksi of a draft PK, all or nothing. Returns the number of indicators saved.

    Errors are keyed by indicator id, then by field ("target-2", "alasan", ...).
    """
    permissions.check_user_can(user, "kinerja.edit_pk", pk)
    pk = _locked_draft(pk)
    indicators = {
        i.pk: i
        for i in Indikator.objects.filter(sasaran__perjanjian=pk)
        .select_related("skala")
        .prefetch_related("skala__levels", "rencana_aksi")
    }
    errors: dict[int, dict[str, str]] = {}
    plans = []
    for entry in entries:
        ind = indicators.get(entry.indikator_id)
        if ind is None:
            raise KinerjaError("Indikator tidak termasuk Perjanjian Kinerja ini.")
        row_errors: dict[str, str] = {}
        values = []
        for tw, raw in enumerate(entry.targets, start=1):
            values.append(_parse_target(ind, raw, tw, row_errors))
        for tw, text in enumerate(entry.kegiatan, start=1):
            if len(text) > TEXT_LIMIT:
                row_errors[f"kegiatan-{tw}"] = f"Rencana aksi TW {tw} paling banyak {TEXT_LIMIT} karakter."
            elif message := pesan_karakter_kontrol(text, f"Rencana aksi TW {tw}"):
                row_errors[f"kegiatan-{tw}"] = message
        alasan = entry.alasan.strip()
        if message := pesan_karakter_kontrol(alasan, "Alasan target triwulan"):
            row_errors["alasan"] = message
        if not row_errors and not ind.kualitatif:
            warning = capaian.cek_target_triwulan(ind.target_tahunan, values, ind.agregasi)
            if warning and not alasan:
                row_errors["alasan"] = warning
            if not warning:
                alasan = ""
        if row_errors:
            errors[ind.pk] = row_errors
        plans.append((ind, values, entry.kegiatan, alasan))
    if errors:
        raise KinerjaError("Rencana Aksi belum disimpan. Periksa isian yang ditandai.", errors)
    for ind, values, kegiatan, alasan in plans:
        existing = {ra.triwulan: ra for ra in ind.rencana_aksi.all()}
        for tw in (1, 2, 3, 4):
            ra = existing.get(tw) or RencanaAksi(indikator=ind, triwulan=tw)
            value = values[tw - 1]
            if ind.kualitatif:
                ra.target, ra.target_level = None, value
            else:
                ra.target, ra.target_level = value, None
            ra.rencana_kegiatan = kegiatan[tw - 1].strip()
            ra.save()
        if ind.alasan_target_triwulan != alasan:
            ind.alasan_target_triwulan = alasan[:TEXT_LIMIT]
            ind.save(update_fields=["alasan_target_triwulan"])
    return len(plans)


def _parse_target(ind: Indikator, raw: str, tw: int, row_errors: dict):
    raw = (raw or "").strip()
    if not raw:
        return None
    if ind.kualitatif:
        level = next((lv for lv in ind.skala.levels.all() if lv.label.lower() == raw.lower()), None)
        if level is None:
            labels = ", ".join(lv.label for lv in ind.skala.levels.all())
            row_errors[f"target-{tw}"] = f"Target TW {tw}: pilih salah satu dari {labels}."
        return level
    try:
        value = parse_angka_tepat(raw)
    except AngkaError as error:
        row_errors[f"target-{tw}"] = f"Target TW {tw}: {error}"
        return None
    if value is not None and value < 0:
        row_errors[f"target-{tw}"] = f"Target TW {tw} tidak boleh negatif."
    return value
