"""The AKIP evaluation's operations (PermenPAN-RB 88/2021), each one transaction checked by sakip.permissions.

* The kabupaten administrator loads or replaces a year's criteria set (`kriteria_set_muat`); a set an
  evaluation already uses is not replaced.
* The evaluator (or the administrator) opens a year for a kecamatan (`evaluasi_buka`): one answer row per
  criterion, so reading never writes.
* The kecamatan (Kasubbag Perencanaan, Sekretaris, Camat: `evaluasi.isi_mandiri`) answers its
  self-assessment with notes, links and uploaded evidence, then submits it (`mandiri_ajukan`: every
  criterion answered).
* The evaluator of the kabupaten (`evaluasi.nilai`) answers each criterion with a note
  (`jawaban_evaluator_simpan`), may return one answer to the kecamatan with a reason
  (`jawaban_kembalikan`: recorded on the answer and in its history, shown on the kecamatan's page; the
  kecamatan answers it again while the evaluation is with the evaluator), writes the findings and the
  recommendations (each with an owner position of the kecamatan and a due date), has the LHE rendered
  (`lhe_susun`: every answer given, nothing returned pending) and signs it (`lhe_tandatangani`, password
  typed again): the recommendations become open follow-ups.
* The follow-up (`tindak_lanjut_perbarui`): its owner position's holder, or the Kasubbag Perencanaan,
  Sekretaris or Camat, records what was done (note, evidence) and marks it done.
Anything an LHE prints that changes removes the rendered naskah (what was read is what is signed).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from evaluasi import kriteria as kriteria_data
from evaluasi import nilai
from evaluasi.models import BuktiJawaban, Evaluasi, Jawaban, Komponen, Kriteria, KriteriaSet, NaskahLHE, TindakLanjut
from laporan import penanda
from sakip import events, permissions, tanda_tangan, uploads
from sakip.errors import Penolakan
from sakip.models import Position, Unit
from sakip.validators import pesan_karakter_kontrol

TEXT_LIMIT = 4000
TEMUAN_LIMIT = 20000


class EvaluasiError(Penolakan):
    """A refused evaluation operation (Indonesian message, field errors)."""


def _teks(value: str, field: str, label: str, *, required: bool = False, limit: int = TEXT_LIMIT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise EvaluasiError(f"{label} wajib diisi.", {field: f"{label} wajib diisi."})
    if len(value) > limit:
        raise EvaluasiError(
            f"{label} paling banyak {limit} karakter.", {field: f"{label} paling banyak {limit} karakter."}
        )
    if message := pesan_karakter_kontrol(value, label):
        raise EvaluasiError(message, {field: message})
    return value


def _lock(evaluasi: Evaluasi) -> Evaluasi:
    return Evaluasi.objects.select_for_update(of=("self",)).select_related("kecamatan__kabupaten").get(pk=evaluasi.pk)


def _buang_naskah(evaluasi: Evaluasi) -> None:
    NaskahLHE.objects.filter(evaluasi=evaluasi).delete()


# --- criteria sets ---


@transaction.atomic
def kriteria_set_muat(*, user, kabupaten: Unit, tahun: int, data: dict) -> KriteriaSet:
    """Load (or replace, while no evaluation uses it) the kabupaten's criteria set for a year."""
    permissions.check_user_can_administer_kabupaten(user, kabupaten)
    if kabupaten.jenis != Unit.Kind.KABUPATEN:
        raise EvaluasiError("Set kriteria dimuat untuk kabupaten.")
    if not 2000 <= tahun <= 2100:
        raise EvaluasiError("Tahun harus antara 2000 dan 2100.", {"tahun": "Tahun harus antara 2000 dan 2100."})
    existing = KriteriaSet.objects.select_for_update().filter(kabupaten=kabupaten, tahun=tahun).first()
    if existing is not None:
        if existing.evaluasi.exists():
            raise EvaluasiError(
                f"Set kriteria {tahun} telah dipakai evaluasi dan tidak dapat diganti; muat set untuk tahun berikutnya."
            )
        existing.delete()
    return kriteria_data.tulis(kabupaten=kabupaten, tahun=tahun, data=data, oleh=user)


# --- opening and self-assessment ---


@transaction.atomic
def evaluasi_buka(*, user, kecamatan: Unit, tahun: int) -> Evaluasi:
    permissions.check_user_can(user, "evaluasi.buka", kecamatan)
    if kecamatan.jenis != Unit.Kind.KECAMATAN:
        raise EvaluasiError("Evaluasi AKIP dibuka untuk kecamatan.")
    kset = KriteriaSet.objects.filter(kabupaten_id=kecamatan.kabupaten_id, tahun=tahun).first()
    if kset is None:
        raise EvaluasiError(
            f"Set kriteria LKE tahun {tahun} belum dimuat untuk kabupaten ini.",
            {"tahun": f"Set kriteria LKE tahun {tahun} belum dimuat."},
        )
    if Evaluasi.objects.filter(kecamatan=kecamatan, tahun=tahun).exists():
        raise EvaluasiError(
            f"Evaluasi AKIP {tahun} {kecamatan.nama} sudah dibuka.", {"tahun": f"Evaluasi {tahun} sudah dibuka."}
        )
    evaluasi = Evaluasi.objects.create(kecamatan=kecamatan, tahun=tahun, kriteria_set=kset, dibuka_oleh=user)
    ids = Kriteria.objects.filter(sub__komponen__kriteria_set=kset).values_list("pk", flat=True)
    Jawaban.objects.bulk_create(Jawaban(evaluasi=evaluasi, kriteria_id=kid, kecamatan_id=kecamatan.pk) for kid in ids)
    _umumkan(evaluasi, "dibuka", user)
    return evaluasi


def _umumkan(evaluasi: Evaluasi, peristiwa: str, user, alasan: str = "") -> None:
    """A handoff of the evaluation, announced inside the transaction (notifikasi's SERAH_EVALUASI says who
    is told and what it closes)."""
    events.evaluasi_berubah.send(sender=Evaluasi, evaluasi=evaluasi, peristiwa=peristiwa, oleh=user, alasan=alasan)


def _periksa_jawaban(row: Jawaban, value: str) -> str:
    value = (value or "").strip().upper()
    if value and value not in nilai.SKOR[row.kriteria.jenis_jawaban]:
        allowed = "/".join(nilai.pilihan(row.kriteria.jenis_jawaban))
        raise EvaluasiError(
            f"Jawaban kriteria {row.kriteria.sub.kode}.{row.kriteria.nomor} harus {allowed}.",
            {f"jawaban_{row.pk}": f"Jawaban harus {allowed}."},
        )
    return value


def _rows(evaluasi: Evaluasi, ids) -> dict[int, Jawaban]:
    rows = {
        j.pk: j
        for j in Jawaban.objects.select_for_update()
        .filter(evaluasi=evaluasi, pk__in=list(ids))
        .select_related("kriteria__sub")
    }
    if len(rows) != len(set(ids)):
        raise EvaluasiError("Kriteria tidak termasuk evaluasi ini.")
    return rows


@transaction.atomic
def jawaban_mandiri_simpan(*, user, evaluasi: Evaluasi, isian: dict[int, dict]) -> int:
    """Save the kecamatan's answers {jawaban id: {"jawaban", "catatan", "tautan"}}; all or nothing.

    While the evaluation is a self-assessment every answer may change; once with the evaluator only the
    answers the evaluator returned (answering one clears its return)."""
    evaluasi = _lock(evaluasi)
    permissions.check_user_can(user, "evaluasi.isi_mandiri", evaluasi)
    if evaluasi.status == Evaluasi.Status.DITANDATANGANI:
        raise EvaluasiError("LHE telah ditandatangani; jawaban tidak dapat diubah.")
    rows = _rows(evaluasi, isian)
    now = timezone.now()
    url = URLValidator(schemes=["http", "https"])
    changed = 0
    dijawab = []  # returned answers answered again: the evaluator is told
    for pk, values in isian.items():
        row = rows[pk]
        if evaluasi.status == Evaluasi.Status.DINILAI and not row.dikembalikan:
            raise EvaluasiError(
                "Penilaian mandiri telah diajukan; hanya jawaban yang dikembalikan evaluator yang dapat diubah."
            )
        jawaban = _periksa_jawaban(row, values.get("jawaban", ""))
        catatan = _teks(values.get("catatan", ""), f"catatan_{pk}", "Catatan")
        tautan = (values.get("tautan") or "").strip()
        if tautan:
            try:
                url.__call__(tautan)
            except ValidationError:
                raise EvaluasiError(
                    "Tautan bukti harus alamat http(s) yang lengkap.", {f"tautan_{pk}": "Tautan tidak valid."}
                ) from None
            if len(tautan) > 500:
                raise EvaluasiError("Tautan bukti terlalu panjang.", {f"tautan_{pk}": "Tautan terlalu panjang."})
        if (row.mandiri, row.mandiri_catatan, row.mandiri_tautan) == (jawaban, catatan, tautan) and not (
            row.dikembalikan and jawaban
        ):
            continue
        if row.dikembalikan and not jawaban:
            raise EvaluasiError(
                "Jawaban yang dikembalikan harus dijawab kembali.", {f"jawaban_{pk}": "Jawaban wajib diisi."}
            )
        row.mandiri, row.mandiri_catatan, row.mandiri_tautan = jawaban, catatan, tautan
        row.mandiri_oleh, row.mandiri_pada = user, now
        if row.evaluator:
            # The evaluator scored the earlier answer: the rendered LHE no longer holds (alasan_belum_dapat_disusun).
            _buang_naskah(evaluasi)
        if row.dikembalikan:
            dijawab.append(f"{row.kriteria.sub.kode}.{row.kriteria.nomor}")
        row.dikembalikan = False
        row._change_reason = "Penilaian mandiri"
        row.save(
            update_fields=[
                "mandiri",
                "mandiri_catatan",
                "mandiri_tautan",
                "mandiri_oleh",
                "mandiri_pada",
                "dikembalikan",
            ]
        )
        changed += 1
    if dijawab:
        _umumkan(evaluasi, "jawaban_dijawab", user, alasan=", ".join(dijawab))
    return changed


@transaction.atomic
def bukti_unggah(*, user, jawaban: Jawaban, berkas) -> BuktiJawaban:
    """Attach an uploaded evidence file (checked by sakip/uploads.py) to the kecamatan's answer."""
    import hashlib

    from django.core.files.base import ContentFile

    evaluasi = _lock(jawaban.evaluasi)
    permissions.check_user_can(user, "evaluasi.isi_mandiri", evaluasi)
    if evaluasi.status != Evaluasi.Status.MANDIRI and not jawaban.dikembalikan:
        raise EvaluasiError(
            "Bukti hanya dapat ditambahkan selama penilaian mandiri atau pada jawaban yang dikembalikan."
        )
    content, jenis = uploads.check(berkas)
    bukti = BuktiJawaban(
        jawaban=jawaban,
        nama_asli=berkas.name[:255],
        jenis_isi=jenis,
        ukuran=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        diunggah_oleh=user,
    )
    bukti.berkas.save(berkas.name, ContentFile(content), save=False)
    bukti.save()
    return bukti


@transaction.atomic
def mandiri_ajukan(*, user, evaluasi: Evaluasi) -> Evaluasi:
    evaluasi = _lock(evaluasi)
    permissions.check_user_can(user, "evaluasi.isi_mandiri", evaluasi)
    if evaluasi.status != Evaluasi.Status.MANDIRI:
        raise EvaluasiError("Penilaian mandiri ini sudah diajukan.")
    kosong = Jawaban.objects.filter(evaluasi=evaluasi, mandiri="").count()
    if kosong:
        raise EvaluasiError(f"Penilaian mandiri belum dapat diajukan: {kosong} kriteria belum dijawab.")
    evaluasi.status = Evaluasi.Status.DINILAI
    evaluasi.diajukan_oleh, evaluasi.diajukan_pada = user, timezone.now()
    evaluasi._change_reason = "Penilaian mandiri diajukan"
    evaluasi.save(update_fields=["status", "diajukan_oleh", "diajukan_pada"])
    _umumkan(evaluasi, "mandiri_diajukan", user)
    return evaluasi


# --- the evaluator ---


def _evaluator_edit(user, evaluasi: Evaluasi) -> Evaluasi:
    evaluasi = _lock(evaluasi)
    permissions.check_user_can(user, "evaluasi.nilai", evaluasi)
    if evaluasi.status == Evaluasi.Status.MANDIRI:
        raise EvaluasiError("Kecamatan belum mengajukan penilaian mandiri.")
    if evaluasi.status == Evaluasi.Status.DITANDATANGANI:
        raise EvaluasiError("LHE telah ditandatangani; hasil evaluasi tidak dapat diubah.")
    return evaluasi


@transaction.atomic
def jawaban_evaluator_simpan(*, user, evaluasi: Evaluasi, isian: dict[int, dict]) -> int:
    """Save the evaluator's answers {jawaban id: {"jawaban", "catatan"}}; all or nothing."""
    evaluasi = _evaluator_edit(user, evaluasi)
    rows = _rows(evaluasi, isian)
    now = timezone.now()
    changed = 0
    for pk, values in isian.items():
        row = rows[pk]
        jawaban = _periksa_jawaban(row, values.get("jawaban", ""))
        catatan = _teks(values.get("catatan", ""), f"catatan_{pk}", "Catatan evaluator")
        if (row.evaluator, row.evaluator_catatan) == (jawaban, catatan) and not row.diubah_setelah_dinilai:
            continue  # an answer changed since its score counts as scored again when its score is sent again
        row.evaluator, row.evaluator_catatan = jawaban, catatan
        row.evaluator_oleh, row.evaluator_pada = user, now
        row._change_reason = "Penilaian evaluator"
        row.save(update_fields=["evaluator", "evaluator_catatan", "evaluator_oleh", "evaluator_pada"])
        changed += 1
    if changed:
        _buang_naskah(evaluasi)
    return changed


@transaction.atomic
def jawaban_kembalikan(*, user, jawaban: Jawaban, alasan: str) -> Jawaban:
    """Return one answer to the kecamatan with the reason (recorded; the kecamatan answers it again)."""
    from sakip.limits import alasan_riwayat

    evaluasi = _evaluator_edit(user, jawaban.evaluasi)
    row = Jawaban.objects.select_for_update().get(pk=jawaban.pk, evaluasi=evaluasi)
    alasan = _teks(alasan, "alasan", "Alasan pengembalian", required=True)
    row.dikembalikan = True
    row.alasan_kembali = alasan
    row.dikembalikan_oleh, row.dikembalikan_pada = user, timezone.now()
    row._change_reason = alasan_riwayat(f"Dikembalikan: {alasan}")
    row.save(update_fields=["dikembalikan", "alasan_kembali", "dikembalikan_oleh", "dikembalikan_pada"])
    _buang_naskah(evaluasi)
    _umumkan(
        evaluasi,
        "jawaban_dikembalikan",
        user,
        alasan=f"kriteria {row.kriteria.sub.kode}.{row.kriteria.nomor}: {alasan}",
    )
    return row


@transaction.atomic
def temuan_simpan(*, user, evaluasi: Evaluasi, temuan: str) -> Evaluasi:
    evaluasi = _evaluator_edit(user, evaluasi)
    evaluasi.temuan = _teks(temuan, "temuan", "Temuan", limit=TEMUAN_LIMIT)
    evaluasi.save(update_fields=["temuan"])
    _buang_naskah(evaluasi)
    return evaluasi


@transaction.atomic
def lhe_surat_simpan(*, user, evaluasi: Evaluasi, nomor: str, sifat: str, lampiran: str, tembusan: str) -> Evaluasi:
    """The LHE letter's nomor, sifat, lampiran and tembusan (one per line), typed before the letter is rendered;
    a change discards a rendered naskah (what was read is what is signed)."""
    evaluasi = _evaluator_edit(user, evaluasi)
    evaluasi.surat_nomor = _teks(nomor, "nomor", "Nomor surat", limit=100)
    evaluasi.surat_sifat = _teks(sifat, "sifat", "Sifat", limit=50) or "Biasa"
    evaluasi.surat_lampiran = _teks(lampiran, "lampiran", "Lampiran", limit=100) or "—"
    evaluasi.surat_tembusan = _teks(tembusan, "tembusan", "Tembusan", limit=1000)
    evaluasi._change_reason = "Kepala surat LHE diubah"
    evaluasi.save(update_fields=["surat_nomor", "surat_sifat", "surat_lampiran", "surat_tembusan"])
    _buang_naskah(evaluasi)
    return evaluasi


@transaction.atomic
def rekomendasi_simpan(
    *,
    user,
    evaluasi: Evaluasi,
    rekomendasi: str,
    pemilik: Position,
    batas_waktu: datetime.date | None,
    komponen: Komponen | None = None,
    item: TindakLanjut | None = None,
) -> TindakLanjut:
    """Add or change a recommendation: its owner is a position of the evaluated kecamatan."""
    evaluasi = _evaluator_edit(user, evaluasi)
    text = _teks(rekomendasi, "rekomendasi", "Rekomendasi", required=True)
    if pemilik is None or pemilik.kecamatan_id != evaluasi.kecamatan_id:
        raise EvaluasiError("Penanggung jawab harus jabatan di kecamatan ini.", {"pemilik": "Pilih jabatan kecamatan."})
    if batas_waktu is None:
        raise EvaluasiError("Batas waktu wajib diisi.", {"batas_waktu": "Batas waktu wajib diisi."})
    if komponen is not None and komponen.kriteria_set_id != evaluasi.kriteria_set_id:
        raise EvaluasiError("Komponen tidak termasuk set kriteria evaluasi ini.")
    if item is None:
        last = evaluasi.rekomendasi.order_by("-urutan").first()
        item = TindakLanjut(evaluasi=evaluasi, urutan=(last.urutan + 1) if last else 1)
    elif item.evaluasi_id != evaluasi.pk:
        raise EvaluasiError("Rekomendasi tidak termasuk evaluasi ini.")
    item.rekomendasi, item.pemilik, item.batas_waktu, item.komponen = text, pemilik, batas_waktu, komponen
    item.save()
    _buang_naskah(evaluasi)
    return item


@transaction.atomic
def rekomendasi_hapus(*, user, item: TindakLanjut) -> None:
    evaluasi = _evaluator_edit(user, item.evaluasi)
    item.delete()
    _buang_naskah(evaluasi)


def alasan_belum_dapat_disusun(evaluasi: Evaluasi) -> list[str]:
    """Why the LHE cannot be rendered yet (one rule for the service and the page)."""
    reasons = []
    if evaluasi.status != Evaluasi.Status.DINILAI:
        reasons.append("Evaluasi tidak sedang dinilai evaluator.")
        return reasons
    counts = Jawaban.objects.filter(evaluasi=evaluasi)
    if kosong := counts.filter(evaluator="").count():
        reasons.append(f"{kosong} kriteria belum dinilai evaluator.")
    if kembali := counts.filter(dikembalikan=True).count():
        reasons.append(f"{kembali} jawaban dikembalikan dan belum dijawab kembali oleh kecamatan.")
    # An answer the kecamatan changed after the evaluator scored it (a returned one answered again): the score
    # was given to another answer, so it is given again before the LHE is rendered or signed (issue 25).
    diubah = counts.exclude(evaluator="").filter(mandiri_pada__gt=F("evaluator_pada"))
    if nomor := [f"{k.kriteria.sub.kode}.{k.kriteria.nomor}" for k in diubah.select_related("kriteria__sub")[:5]]:
        jumlah = diubah.count()
        reasons.append(
            f"{jumlah} jawaban diubah kecamatan setelah dinilai evaluator (kriteria {', '.join(nomor)}"
            f"{' …' if jumlah > len(nomor) else ''}); nilai ulang jawaban tersebut."
        )
    if not evaluasi.temuan.strip():
        reasons.append("Temuan belum ditulis.")
    if not evaluasi.rekomendasi.exists():
        reasons.append("Belum ada rekomendasi.")
    return reasons


@transaction.atomic
def lhe_susun(*, user, evaluasi: Evaluasi) -> NaskahLHE:
    """Render, once, the LHE the signer will read and sign (the evaluator as signer, the verification code)."""
    from evaluasi import lhe

    evaluasi = _evaluator_edit(user, evaluasi)
    if reasons := alasan_belum_dapat_disusun(evaluasi):
        raise EvaluasiError("LHE belum dapat disusun. " + " ".join(reasons))
    _buang_naskah(evaluasi)
    return lhe.render_naskah(evaluasi, user)


def lhe_tandatangani(*, user, evaluasi: Evaluasi, password: str):
    """Sign the rendered LHE: the signed PDF is stored as a laporan Report of kind LHE (verifiable like the
    other documents), the result kept with the evaluation, the recommendations become open follow-ups.

    `password` is the signer's secret: the account password for the local seal, checked once (sakip.tanda_tangan,
    throttled) before the transaction opens; or, when the kabupaten signs with BSrE (laporan/penanda.py), the
    certificate's passphrase, which only the signing service checks."""
    permissions.check_user_can(user, "evaluasi.nilai", evaluasi)
    backend = penanda.untuk(evaluasi.kecamatan)
    if backend.bersertifikat:
        try:
            penanda.periksa_batas(user)
        except penanda.PenandaDitolak as error:
            raise EvaluasiError(error.message, error.errors) from None
        try:
            return _lhe_tandatangani(user=user, evaluasi=evaluasi, backend=backend, passphrase=password)
        except EvaluasiError as error:
            penanda.catat_penolakan(user, error.errors)
            raise
    try:
        tanda_tangan.periksa_kata_sandi(user, password, dokumen=f"LHE {evaluasi.pk}")
    except tanda_tangan.KataSandiDitolak as error:
        raise EvaluasiError(error.message, error.errors) from None
    return _lhe_tandatangani(user=user, evaluasi=evaluasi, backend=backend)


@transaction.atomic
def _lhe_tandatangani(*, user, evaluasi: Evaluasi, backend=None, passphrase: str = ""):
    from evaluasi import lhe

    evaluasi = _evaluator_edit(user, evaluasi)
    naskah = NaskahLHE.objects.filter(evaluasi=evaluasi).first()
    if naskah is None:
        raise EvaluasiError("Naskah LHE belum disusun; susun naskah lalu baca sebelum menandatangani.")
    if reasons := alasan_belum_dapat_disusun(evaluasi):
        raise EvaluasiError("LHE belum dapat ditandatangani. " + " ".join(reasons))
    document = lhe.tandatangani(evaluasi, naskah, user, backend=backend, passphrase=passphrase)
    evaluasi.status = Evaluasi.Status.DITANDATANGANI
    evaluasi.hasil = lhe.hasil_evaluasi(evaluasi).ringkas()
    evaluasi.ditandatangani_pada = document.ditandatangani_pada
    evaluasi.laporan = document.report
    evaluasi._change_reason = "LHE ditandatangani"
    evaluasi.save(update_fields=["status", "hasil", "ditandatangani_pada", "laporan"])
    # Row by row: each recommendation's history records that the signed LHE opened it.
    for rekomendasi in TindakLanjut.objects.select_for_update().filter(
        evaluasi=evaluasi, status=TindakLanjut.Status.DRAF
    ):
        rekomendasi.status = TindakLanjut.Status.TERBUKA
        rekomendasi._change_reason = "LHE ditandatangani"
        rekomendasi.save(update_fields=["status"])
    _umumkan(evaluasi, "lhe_ditandatangani", user)
    return document


# --- follow-up ---


def user_can_tindak_lanjut(user, item: TindakLanjut) -> bool:
    if item.status == TindakLanjut.Status.DRAF:
        return False
    holds_owner = any(h.position_id == item.pemilik_id for h in permissions.holdings(user))
    return holds_owner or permissions.user_can(user, "evaluasi.tindak_lanjut", item)


@transaction.atomic
def tindak_lanjut_perbarui(*, user, item: TindakLanjut, catatan: str, selesai: bool, berkas=None) -> TindakLanjut:
    item = TindakLanjut.objects.select_for_update().get(pk=item.pk)
    if item.status == TindakLanjut.Status.DRAF:
        raise EvaluasiError("Rekomendasi ini belum berlaku: LHE belum ditandatangani.")
    if not user_can_tindak_lanjut(user, item):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Anda tidak berwenang memperbarui tindak lanjut ini.")
    item.catatan = _teks(catatan, "catatan", "Catatan tindak lanjut", required=selesai)
    if berkas is not None:
        from django.core.files.base import ContentFile

        content, _jenis = uploads.check(berkas)
        item.berkas.save(berkas.name, ContentFile(content), save=False)
        item.nama_berkas = berkas.name[:255]
    if selesai and item.status != TindakLanjut.Status.SELESAI:
        item.status = TindakLanjut.Status.SELESAI
        item.diselesaikan_oleh, item.diselesaikan_pada = user, timezone.now()
    elif not selesai and item.status == TindakLanjut.Status.SELESAI:
        item.status = TindakLanjut.Status.TERBUKA
        item.diselesaikan_oleh, item.diselesaikan_pada = None, None
    item.save()
    return item
