"""Who hears of what: the receivers of the events lower apps announce (kinerja/events.py,
laporan/events.py, workflow/events.py), connected in NotifikasiConfig.ready().

Recipients are people holding a role in the event's kecamatan today, their own position or as acting
official (selectors.pemegang); never the person who acted; nobody of another kecamatan.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from kinerja import alur_triwulan
from kinerja.models import Triwulan, TriwulanRiwayat
from laporan import alur as alur_laporan
from laporan import reviu
from laporan.models import Report
from notifikasi import selectors, services
from notifikasi.models import Notifikasi
from sakip import periode as nama_periode
from sakip.formatting import format_waktu
from sakip.models import PemberianKuasa
from sakip.roles import Role
from workflow.models import Task

J = Notifikasi.Jenis
TW = Triwulan.Status
RS = Report.Status


def _nama(person) -> str:
    return (person.nama or person.username) if person is not None else "sistem"


def _pengaju_terakhir(quarter: Triwulan):
    riwayat = (
        TriwulanRiwayat.objects.filter(triwulan_ref=quarter, ke=TW.DIAJUKAN).select_related("oleh").order_by("-pk")
    ).first()
    return riwayat.oleh if riwayat else None


# What each transition of the quarter (kinerja/alur_triwulan.py) tells the people it asks to act next.
PESAN_TRIWULAN = {
    "ajukan": (
        J.TRIWULAN_DIAJUKAN,
        "Data kinerja {periode} diajukan untuk diverifikasi",
        "Data kinerja {periode} {tempat} diajukan oleh {oleh} dan menunggu verifikasi Anda.",
    ),
    "kembalikan": (
        J.TRIWULAN_DIKEMBALIKAN,
        "Data kinerja {periode} dikembalikan",
        "Data kinerja {periode} {tempat} dikembalikan oleh {oleh} untuk diperbaiki.{alasan}",
    ),
    "kembalikan_verifikasi": (
        J.TRIWULAN_DIKEMBALIKAN,
        "Data kinerja {periode} dikembalikan",
        "Data kinerja {periode} {tempat} dikembalikan oleh {oleh} untuk diperbaiki.{alasan}",
    ),
    "verifikasi": (
        J.TRIWULAN_DIVERIFIKASI,
        "Data kinerja {periode} diverifikasi, menunggu persetujuan",
        "Data kinerja {periode} {tempat} telah diverifikasi oleh {oleh} dan menunggu persetujuan Anda.",
    ),
    "setujui": (
        J.TRIWULAN_DISETUJUI,
        "Data kinerja {periode} disetujui",
        "Data kinerja {periode} {tempat} telah disetujui dan dikunci oleh {oleh}.{alasan}",
    ),
    "buka_kembali": (
        J.TRIWULAN_DIBUKA_KEMBALI,
        "Data kinerja {periode} dibuka kembali",
        "Data kinerja {periode} {tempat} dibuka kembali oleh {oleh} untuk diubah.{alasan}",
    ),
}


def triwulan_berubah(sender, *, triwulan, dari, ke, oleh, alasan="", transisi="", **kwargs):
    quarter = triwulan
    kecamatan = quarter.kecamatan
    t = alur_triwulan.TRANSISI.get(transisi) or alur_triwulan.antara(dari, ke)
    if t is None or t.nama not in PESAN_TRIWULAN:
        return
    jenis, judul, isi = PESAN_TRIWULAN[t.nama]
    words = {
        "periode": nama_periode.triwulan(quarter.triwulan, quarter.tahun),
        "tempat": f"Kecamatan {kecamatan.nama}",
        "oleh": _nama(oleh),
        "alasan": f" Alasan: {alasan}" if alasan else "",
    }
    judul, isi = judul.format(**words), isi.format(**words)
    periode, tempat = words["periode"], words["tempat"]
    penerima = list(selectors.pemegang(kecamatan.pk, list(t.diberitahu)))
    if t.pengaju_diberitahu:
        penerima.insert(0, _pengaju_terakhir(quarter))
    tautan = reverse(
        "kinerja:triwulan",
        kwargs={"kecamatan_id": kecamatan.pk, "tahun": quarter.tahun, "triwulan": quarter.triwulan},
    )
    # Whatever the quarter asked of someone before this change (verify, approve, correct) is now done.
    services.selesaikan(tautan=tautan, jenis=TRIWULAN_MINTA)
    services.kirim(
        penerima=penerima, kecamatan_id=kecamatan.pk, jenis=jenis, judul=judul, isi=isi, tautan=tautan, pelaku=oleh
    )
    # A quarter reopened (or approved again) no longer asks for the report its earlier approval asked for:
    # the request is closed, and an approval asks once more (never two identical requests).
    services.selesaikan(tautan=tautan_susun(kecamatan.pk, quarter.tahun, quarter.triwulan), jenis=[J.LAPORAN_SUSUN])
    if jenis == J.TRIWULAN_DISETUJUI:
        # The handoff after approval: the Kasubbag Perencanaan drafts the quarter's report, pre-filled.
        services.kirim(
            penerima=selectors.pemegang(kecamatan.pk, [Role.KASUBBAG_PERENCANAAN]),
            kecamatan_id=kecamatan.pk,
            jenis=J.LAPORAN_SUSUN,
            judul=f"Susun laporan kinerja {periode}",
            isi=f"Data kinerja {periode} {tempat} telah disetujui Camat. Susun Laporan Kinerja {periode}.",
            tautan=tautan_susun(kecamatan.pk, quarter.tahun, quarter.triwulan),
            pelaku=oleh,
        )


# Notifications that ask someone to act on a quarter or a report: finished once the thing moves on.
TRIWULAN_MINTA = (J.TRIWULAN_DIAJUKAN, J.TRIWULAN_DIVERIFIKASI, J.TRIWULAN_DIKEMBALIKAN, J.TRIWULAN_DIBUKA_KEMBALI)
LAPORAN_MINTA = (J.LAPORAN_DIAJUKAN, J.LAPORAN_DIKEMBALIKAN, J.NASKAH_GAGAL, J.REVIU_SELESAI)


def tautan_susun(kecamatan_id: int, tahun: int, triwulan: int) -> str:
    """Where the Kasubbag drafts the quarterly report of a period (the create form pre-filled)."""
    return f"{reverse('laporan:index')}?kind=triwulan&tahun={tahun}&periode={triwulan}&kecamatan={kecamatan_id}"


# The words of each report transition (laporan/alur.py, keyed by its name); who is told is the table's.
PESAN_LAPORAN = {
    "ajukan": (
        J.LAPORAN_DIAJUKAN,
        "{judul} menunggu tanda tangan",
        "{judul} {tempat} diajukan oleh {oleh} dan menunggu tanda tangan Anda.",
    ),
    "kembalikan": (
        J.LAPORAN_DIKEMBALIKAN,
        "{judul} dikembalikan",
        "{judul} {tempat} dikembalikan oleh {oleh}.{alasan}",
    ),
    "kembalikan_reviu": (
        J.LAPORAN_DIKEMBALIKAN,
        "{judul} dikembalikan",
        "{judul} {tempat} dikembalikan oleh {oleh}.{alasan}",
    ),
    "tandatangani": (
        J.LAPORAN_DITANDATANGANI,
        "{judul} ditandatangani",
        "{judul} {tempat} telah ditandatangani oleh {oleh}.",
    ),
}


def _pihak(report, pihak: str) -> list:
    """The people of a party of the report (laporan/alur.py): for a position's PK its submitter is whoever
    holds that position, not every holder of the role."""
    if pihak == alur_laporan.PENGAJU and report.jabatan_id:
        return selectors.pemegang_posisi(report.jabatan_id)
    return selectors.pemegang(report.kecamatan_id, alur_laporan.peran(report, pihak))


def laporan_berubah(sender, *, report, dari, ke, oleh, alasan="", transisi="", **kwargs):
    kecamatan = report.kecamatan
    # Whatever the report asked of someone before this change (sign, correct, render again) is now done.
    services.selesaikan(tautan=reverse("laporan:detail", kwargs={"pk": report.pk}), jenis=LAPORAN_MINTA)
    if ke == RS.DIAJUKAN and report.kind == Report.Kind.TRIWULAN:
        services.selesaikan(tautan=tautan_susun(kecamatan.pk, report.tahun, report.periode), jenis=[J.LAPORAN_SUSUN])
    t = alur_laporan.TRANSISI.get(transisi)
    if dari == RS.DIAJUKAN:
        # The Inspektorat's review of a submitted LKIP is no longer asked once it left "diajukan".
        services.selesaikan(tautan=reverse("laporan:reviu", args=[report.pk]), jenis=[J.REVIU_DIMINTA])
    if t is not None and t.nama == "ajukan" and report.kind == Report.Kind.LKIP and reviu.wajib(report):
        # The kabupaten requires the review before the Camat signs: the Inspektorat is asked first.
        services.kirim(
            penerima=selectors.evaluator_kabupaten(kecamatan.kabupaten_id),
            kecamatan_id=kecamatan.pk,
            jenis=J.REVIU_DIMINTA,
            judul=f"{report.judul} menunggu reviu",
            isi=f"{report.judul} Kecamatan {kecamatan.nama} diajukan oleh {_nama(oleh)} dan menunggu reviu "
            "Inspektorat sebelum ditandatangani Camat.",
            tautan=reverse("laporan:reviu", args=[report.pk]),
            pelaku=oleh,
        )
    if t is None or t.nama not in PESAN_LAPORAN:
        return
    jenis, judul, isi = PESAN_LAPORAN[t.nama]
    words = {
        "judul": report.judul,
        "tempat": f"Kecamatan {kecamatan.nama}",
        "oleh": _nama(oleh),
        "alasan": f" Alasan: {alasan}" if alasan else "",
    }
    penerima = []
    for pihak in t.diberitahu:
        penerima += [p for p in _pihak(report, pihak) if p not in penerima]
    services.kirim(
        penerima=penerima,
        kecamatan_id=kecamatan.pk,
        jenis=jenis,
        judul=judul.format(**words),
        isi=isi.format(**words),
        tautan=reverse("laporan:detail", kwargs={"pk": report.pk}),
        pelaku=oleh,
    )


# The AKIP evaluation's handoffs as one table (evaluasi/services.py announces them through
# sakip.events.evaluasi_berubah): who is told, where the notification leads, what it closes.
KECAMATAN_EVALUASI = (Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS, Role.CAMAT)  # ACTION_ROLES "evaluasi.isi_mandiri"
INSPEKTORAT = "inspektorat"


@dataclass(frozen=True)
class Serah:
    jenis: str
    penerima: tuple[str, ...] | str  # the kecamatan's roles, or INSPEKTORAT (the kabupaten's evaluators)
    halaman: str  # the evaluation page the notification leads to
    judul: str
    isi: str
    # What the handoff finishes: (page, kinds) of notifications pointing at that page of the evaluation.
    selesai: tuple[tuple[str, tuple[str, ...]], ...] = ()


SERAH_EVALUASI = {
    "dibuka": Serah(
        J.EVALUASI_DIBUKA,
        KECAMATAN_EVALUASI,
        "evaluasi:mandiri",
        "Evaluasi AKIP {tahun} dibuka",
        "{oleh} membuka Evaluasi AKIP {tahun} {tempat}. Isi penilaian mandiri (LKE) beserta bukti dukungnya, "
        "lalu ajukan kepada Inspektorat.",
    ),
    "mandiri_diajukan": Serah(
        J.EVALUASI_DIAJUKAN,
        INSPEKTORAT,
        "evaluasi:penilaian",
        "Penilaian mandiri {tahun} {tempat} diajukan",
        "Penilaian mandiri Evaluasi AKIP {tahun} {tempat} diajukan oleh {oleh} dan menunggu penilaian Anda.",
        selesai=(("evaluasi:mandiri", (J.EVALUASI_DIBUKA,)),),
    ),
    "jawaban_dikembalikan": Serah(
        J.JAWABAN_DIKEMBALIKAN,
        KECAMATAN_EVALUASI,
        "evaluasi:mandiri",
        "Jawaban LKE {tahun} dikembalikan",
        "{oleh} mengembalikan jawaban {alasan}. Jawab kembali pada halaman penilaian mandiri.",
    ),
    "jawaban_dijawab": Serah(
        J.JAWABAN_DIJAWAB,
        INSPEKTORAT,
        "evaluasi:penilaian",
        "Jawaban LKE {tahun} {tempat} dijawab kembali",
        "{tempat} menjawab kembali kriteria {alasan} (oleh {oleh}); nilai ulang jawaban tersebut.",
    ),
    "lhe_ditandatangani": Serah(
        J.LHE_DITANDATANGANI,
        KECAMATAN_EVALUASI,
        "evaluasi:hasil",
        "LHE AKIP {tahun} ditandatangani",
        "Laporan Hasil Evaluasi AKIP {tahun} {tempat} ditandatangani oleh {oleh}. Tindak lanjuti rekomendasinya "
        "pada halaman hasil evaluasi.",
        selesai=(
            ("evaluasi:penilaian", (J.EVALUASI_DIAJUKAN, J.JAWABAN_DIJAWAB)),
            ("evaluasi:mandiri", (J.JAWABAN_DIKEMBALIKAN,)),
        ),
    ),
}


def evaluasi_berubah(sender, *, evaluasi, peristiwa, oleh, alasan="", **kwargs):
    serah = SERAH_EVALUASI.get(peristiwa)
    if serah is None:
        return
    kecamatan = evaluasi.kecamatan
    for halaman, jenis in serah.selesai:
        services.selesaikan(tautan=reverse(halaman, args=[evaluasi.pk]), jenis=jenis)
    if peristiwa == "jawaban_dijawab" and not evaluasi.jawaban.filter(dikembalikan=True).exists():
        # Every returned answer is answered again: the kecamatan's "dikembalikan" is done.
        services.selesaikan(tautan=reverse("evaluasi:mandiri", args=[evaluasi.pk]), jenis=[J.JAWABAN_DIKEMBALIKAN])
    if serah.penerima == INSPEKTORAT:
        penerima = selectors.evaluator_kabupaten(kecamatan.kabupaten_id)
    else:
        penerima = selectors.pemegang(kecamatan.pk, list(serah.penerima))
    words = {"tahun": evaluasi.tahun, "tempat": f"Kecamatan {kecamatan.nama}", "oleh": _nama(oleh), "alasan": alasan}
    services.kirim(
        penerima=penerima,
        kecamatan_id=kecamatan.pk,
        jenis=serah.jenis,
        judul=serah.judul.format(**words),
        isi=serah.isi.format(**words),
        tautan=reverse(serah.halaman, args=[evaluasi.pk]),
        pelaku=oleh,
    )


def _tautan_pk(pk) -> str:
    if pk.jabatan_id:
        return reverse("kinerja:pk_jabatan", args=[pk.kecamatan_id, pk.tahun, pk.jabatan_id])
    return reverse("kinerja:pk", args=[pk.kecamatan_id, pk.tahun])


def pk_berubah(sender, *, pk, peristiwa, oleh, alasan="", **kwargs):
    """A PK Perubahan waits for whoever establishes it (the Camat; for a position's PK its holder); told when
    it starts, done when it is established."""
    tautan = _tautan_pk(pk)
    if peristiwa == "ditetapkan":
        services.selesaikan(tautan=tautan, jenis=[J.PK_PERUBAHAN])
        return
    if peristiwa != "perubahan":
        return
    penerima = (
        selectors.pemegang_posisi(pk.jabatan_id) if pk.jabatan_id else selectors.pemegang(pk.kecamatan_id, [Role.CAMAT])
    )
    nama = f"Perjanjian Kinerja {pk.tahun}" + (f" {pk.jabatan.nama}" if pk.jabatan_id else "")
    services.kirim(
        penerima=penerima,
        kecamatan_id=pk.kecamatan_id,
        jenis=J.PK_PERUBAHAN,
        judul=f"PK Perubahan {pk.revisi} {nama} menunggu penetapan",
        isi=f"{_nama(oleh)} memulai PK Perubahan {pk.revisi} {nama}. Alasan: {alasan}. Periksa isinya, lalu "
        "tetapkan (tanda tangani) bila sudah sesuai.",
        tautan=tautan,
        pelaku=oleh,
    )


def reviu_selesai(sender, *, report, oleh, **kwargs):
    """The Inspektorat signed its statement: the review request is done, and the signer (who was blocked
    until now) is told the LKIP may be signed; done when it is signed or returned (LAPORAN_MINTA)."""
    services.selesaikan(tautan=reverse("laporan:reviu", args=[report.pk]), jenis=[J.REVIU_DIMINTA])
    services.kirim(
        penerima=_pihak(report, alur_laporan.PENANDA),
        kecamatan_id=report.kecamatan_id,
        jenis=J.REVIU_SELESAI,
        judul=f"Reviu {report.judul} selesai",
        isi=f"Inspektorat ({_nama(oleh)}) telah mereviu {report.judul} Kecamatan {report.kecamatan.nama}; "
        "LKIP dapat ditandatangani.",
        tautan=reverse("laporan:detail", kwargs={"pk": report.pk}),
        pelaku=oleh,
    )


def naskah_disusun(sender, *, report, penyusunan, **kwargs):
    """The worker finished the submitted file (laporan/penyusunan.py): the submitter, who may have left the
    page, hears that it is ready (or why it failed, with the Kasubbag Perencanaan, who may queue it again);
    a failure told earlier is resolved by a later success."""
    tautan = reverse("laporan:detail", kwargs={"pk": report.pk})
    tempat = f"Kecamatan {report.kecamatan.nama}"
    if penyusunan.status == penyusunan.Status.GAGAL:
        jenis = J.NASKAH_GAGAL
        penerima = [penyusunan.diminta_oleh, *selectors.pemegang(report.kecamatan_id, [Role.KASUBBAG_PERENCANAAN])]
        judul = f"Naskah {report.judul} gagal disusun"
        isi = (
            f"Naskah {report.judul} {tempat} gagal disusun. Buka laporan untuk menyusunnya ulang. ({penyusunan.pesan})"
        )
    else:
        services.selesaikan(tautan=tautan, jenis=[J.NASKAH_GAGAL])
        jenis, penerima = J.NASKAH_SIAP, [penyusunan.diminta_oleh]
        judul = f"Naskah {report.judul} siap"
        isi = f"Naskah PDF {report.judul} {tempat} selesai disusun dan siap dibaca serta ditandatangani Camat."
    services.kirim(
        penerima=penerima, kecamatan_id=report.kecamatan_id, jenis=jenis, judul=judul, isi=isi, tautan=tautan
    )


def _pemegang_tugas(task: Task) -> list:
    """Who the task is for: its assignee, else everyone who may take it from the shared queue (the
    holders of its position, or of its lane role in the kecamatan), acting officials included."""
    if task.assignee_id is not None:
        return [task.assignee]
    if task.position_id is not None:
        return selectors.pemegang_posisi(task.position_id)
    return selectors.pemegang(task.kecamatan_id, [task.role])


def tugas_ditugaskan(sender, *, task, oleh=None, **kwargs):
    run = task.run
    step = task.step
    judul = f"Tugas SOP baru: langkah {step.no} {run.revision.nama}"
    isi = f'Langkah {step.no} "{step.uraian}" ({run.revision.nama}, {run.periode}) menunggu Anda.'
    if task.due_at:
        isi += f" Batas waktu: {format_waktu(task.due_at)}."
    services.kirim(
        penerima=_pemegang_tugas(task),
        kecamatan_id=task.kecamatan_id,
        jenis=J.TUGAS_DITUGASKAN,
        judul=judul,
        isi=isi,
        tautan=reverse("workflow:task", kwargs={"pk": task.pk}),
        pelaku=oleh,
    )


@transaction.atomic
def tugas_terlambat(now) -> int:
    """Notify, once per task, the people an active SOP task waits for when it passed its Mutu Baku
    (`manage.py kirim_notifikasi_terlambat`, run by cron like the daily reminder). Returns the tasks
    notified. A task already notified as late (a notification of that kind linking to it) is skipped."""
    from workflow.models import Run

    tasks = list(
        Task.objects.filter(status=Task.Status.AKTIF, run__status=Run.Status.BERJALAN, due_at__lt=now)
        .select_related("run__revision", "step", "assignee")
        .order_by("due_at", "pk")
    )
    links = {t.pk: reverse("workflow:task", kwargs={"pk": t.pk}) for t in tasks}
    done = set(
        Notifikasi.objects.filter(jenis=J.TUGAS_TERLAMBAT, tautan__in=links.values()).values_list("tautan", flat=True)
    )
    count = 0
    for task in tasks:
        if links[task.pk] in done:
            continue
        step, run = task.step, task.run
        services.kirim(
            penerima=_pemegang_tugas(task),
            kecamatan_id=task.kecamatan_id,
            jenis=J.TUGAS_TERLAMBAT,
            judul=f"Tugas SOP terlambat: langkah {step.no} {run.revision.nama}",
            isi=f'Langkah {step.no} "{step.uraian}" ({run.revision.nama}, {run.periode}) melewati batas waktu '
            f"{format_waktu(task.due_at)} (mutu baku {step.waktu_cetak or '—'}).",
            tautan=links[task.pk],
        )
        count += 1
    return count


def kuasa_berubah(sender, *, permintaan, oleh, **kwargs):
    """A grant of a signing or evaluating power: asked → the kabupaten's other administrators (one of them
    confirms); applied or refused → the one who asked, the person concerned and the position's current
    holders (a Camat learns that someone was made Plt. of their position, or got a new password)."""
    jabatan = permintaan.jabatan
    kepada = permintaan.nama_pegawai or "-"
    uraian = f"{permintaan.get_jenis_display()}: {jabatan.nama} — {kepada}"
    S = PemberianKuasa.Status
    # One address per grant (the card on the page), so that deciding one finishes only its own notifications.
    tautan = f"{reverse('pengaturan:kuasa')}#kuasa-{permintaan.pk}"
    if permintaan.status != S.MENUNGGU:
        services.selesaikan(tautan=tautan, jenis=[J.KUASA_DIMINTA])
    if permintaan.status == S.MENUNGGU:
        jenis = J.KUASA_DIMINTA
        penerima = selectors.administrator_kabupaten(permintaan.kabupaten_id)
        judul = "Pemberian kuasa menunggu persetujuan Anda"
        isi = f"{uraian}, diminta oleh {_nama(oleh)}. Kuasa ini berlaku setelah disetujui administrator lain."
    else:
        jenis = J.KUASA_DIPUTUS
        penerima = [
            permintaan.diminta_oleh,
            permintaan.pegawai,
            *selectors.pemegang_posisi(jabatan.pk),
        ]
        keputusan = "disetujui dan diterapkan" if permintaan.status == S.DITERAPKAN else "ditolak"
        judul = f"Pemberian kuasa {keputusan}: {jabatan.nama}"
        isi = f"{uraian}, {keputusan} oleh {_nama(oleh)}."
        if permintaan.alasan_tolak:
            isi += f" Alasan: {permintaan.alasan_tolak}"
    services.kirim(
        penerima=penerima,
        kecamatan_id=jabatan.kecamatan_id or permintaan.kabupaten_id,
        jenis=jenis,
        judul=judul,
        isi=isi,
        tautan=tautan,
        pelaku=oleh,
    )
