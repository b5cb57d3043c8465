"""Walk each of the eight seed SOPs from start to end through the inboxes of the right roles."""

import pytest
from django.urls import reverse

from kinerja.models import Indikator, PerjanjianKinerja, RencanaAksi, Sasaran
from kinerja.services import realisasi as realisasi_services
from kinerja.services import triwulan as triwulan_services
from laporan import services as laporan_services
from laporan import signing
from laporan.models import Report
from sakip.demo import DEMO_PASSWORD
from sakip.models import Pegawai, Unit
from sop import services as sop_services
from sop.models import SopRevision, Step
from tests.factories import LAMPAU
from tests.laporan.data import narasi_lengkap, sign_pk_document_of
from workflow import services
from workflow.models import Run, Task

USERNAME = {
    "CAMAT": "camat",
    "SEKRETARIS": "sekcam",
    "KASUBBAG_PERENCANAAN": "perencanaan",
    "KASUBBAG_UMUM": "umum",
    "KASI": "kasi",
    "KABID": "kabid",
    "PELAKSANA": "staf",
}
ANNUAL = {"067.2/ 03 /KEC.AWY/VII/2023", "067/02/KEC.AWY/VII/2024"}
SEEDS = [
    "067/211/KTT-BLG/2024",
    "067/02/KEC.AWY/VII/2023",
    "SOP – 01/Kec.Awy",
    "067.2/ 03 /KEC.AWY/VII/2023",
    "067/02/KEC.AWY/VII/2024",
    "02 JANUARI 2023",
    "067/001/KEC.BTM/BLG/2024",
    "009  /KBB /SOP/IV/2023",
]


@pytest.fixture
def signing_cert(tmp_path, monkeypatch):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    monkeypatch.setenv("SIGNING_KEY_PATH", str(key))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(cert))
    signing.create_certificate(common_name="Kecamatan", organization="Pemkab Balangan", key_file=key, cert_file=cert)


def person(kecamatan: Unit, role: str) -> Pegawai:
    return Pegawai.objects.get(username=f"{USERNAME[role]}.{kecamatan.kode}")


def copy_into(revision: SopRevision, kecamatan: Unit) -> SopRevision:
    """The library template copied into a kecamatan ("Gunakan sebagai templat"), its inferred lanes confirmed
    by the kecamatan's Camat and made effective: a template itself never runs."""
    copy = sop_services.sop_copy_as_template(
        user=person(kecamatan, "KASUBBAG_PERENCANAAN"), revision=revision, kecamatan=kecamatan
    )
    assert copy.lajur_perlu_diperiksa
    camat = person(kecamatan, "CAMAT")
    sop_services.sop_lajur_konfirmasi(user=camat, revision=copy)
    return sop_services.sop_revision_make_effective(user=camat, revision=copy)


def prepare_data(kecamatan: Unit, tahun: int):
    pk = PerjanjianKinerja.objects.create(kecamatan=kecamatan, tahun=tahun)
    sasaran = Sasaran.objects.create(perjanjian=pk, urutan=1, uraian="Meningkatnya kualitas pelayanan")
    for n in (1, 2):
        ind = Indikator.objects.create(
            sasaran=sasaran, urutan=n, uraian=f"Indikator {n}", satuan="%", target_tahunan=100
        )
        for tw in (1, 2, 3, 4):
            RencanaAksi.objects.create(indikator=ind, triwulan=tw, target=25)


def fill_quarter(kecamatan: Unit, tahun: int, triwulan: int):
    quarter = triwulan_services.triwulan_get_or_create(kecamatan=kecamatan, tahun=tahun, triwulan=triwulan)
    entries = [realisasi_services.Entri(i.pk, "20") for i in Indikator.objects.filter(kecamatan=kecamatan, tahun=tahun)]
    realisasi_services.realisasi_simpan(
        user=person(kecamatan, "KASUBBAG_PERENCANAAN"), quarter=quarter, entries=entries
    )
    return quarter


def satisfy(aksi: str, run: Run):
    kecamatan, kasubbag = run.kecamatan, person(run.kecamatan, "KASUBBAG_PERENCANAAN")
    if aksi in ("isi_realisasi", "ajukan"):
        fill_quarter(kecamatan, run.tahun, run.triwulan)
    kind = Report.Kind.TRIWULAN if run.triwulan else Report.Kind.LKIP
    if aksi == "susun_laporan":
        laporan_services.buat_laporan(
            user=kasubbag, kecamatan=kecamatan, kind=kind, tahun=run.tahun, periode=run.triwulan
        )
    if aksi == "tandatangani":
        for tw in (1, 2, 3, 4):
            quarter = fill_quarter(kecamatan, run.tahun, tw)
            for service, role in [
                (triwulan_services.triwulan_ajukan, "KASUBBAG_PERENCANAAN"),
                (triwulan_services.triwulan_verifikasi, "SEKRETARIS"),
                (triwulan_services.triwulan_setujui, "CAMAT"),
            ]:
                quarter = service(user=person(kecamatan, role), quarter=quarter)
        if kind == Report.Kind.LKIP:  # the LKIP rests on the year's signed PK (laporan.gates)
            sign_pk_document_of(
                kecamatan, run.tahun, kasubbag=kasubbag, camat=person(kecamatan, "CAMAT"), password=DEMO_PASSWORD
            )
        report = Report.objects.get(kecamatan=kecamatan, tahun=run.tahun, kind=kind)
        laporan_services.simpan_narasi(
            user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi
        )
        laporan_services.ajukan(user=kasubbag, report_id=report.pk)
        laporan_services.tandatangani(
            alasan_terlambat=LAMPAU, user=person(kecamatan, "CAMAT"), report_id=report.pk, password=DEMO_PASSWORD
        )


@pytest.mark.parametrize("nomor", SEEDS)
def test_walk_each_seed_sop_from_start_to_end(demo_data, db, client, nomor, signing_cert):
    revision = SopRevision.objects.get(nomor=nomor)
    kecamatan = revision.sop.kecamatan
    if kecamatan is None:
        kecamatan = Unit.objects.get(kode="awayan")
        operator = Pegawai.objects.create_superuser("operator.walk", "op@example.org", "kata-sandi-operator-1")
        with pytest.raises(services.WorkflowError, match="Templat pustaka"):
            services.run_start(user=operator, revision=revision, tahun=2020, triwulan=2)
        revision = copy_into(revision, kecamatan)
    # The demo loader confirmed the seeds' lanes as each kecamatan's Camat and made them effective.
    assert revision.status == SopRevision.Status.EFFECTIVE and not revision.lajur_perlu_diperiksa
    prepare_data(kecamatan, 2020)
    triwulan = 0 if nomor in ANNUAL else 2
    run = services.run_start(
        user=person(kecamatan, "KASUBBAG_PERENCANAAN"), revision=revision, tahun=2020, triwulan=triwulan
    )
    decisions = set(revision.steps.filter(kind=Step.Kind.DECISION).values_list("no", flat=True))
    answered_tidak = set()
    for _ in range(60):
        task = Task.objects.filter(run=run, status=Task.Status.AKTIF).select_related("step").first()
        if task is None:
            break
        actor = person(kecamatan, task.role)
        wrong = person(kecamatan, "PELAKSANA" if task.role != "PELAKSANA" else "SEKRETARIS")
        client.force_login(wrong)
        response = client.post(reverse("workflow:task_selesai", args=[task.pk]), {"keputusan": "ya"})
        assert response.status_code == 403, (nomor, task.step.no, task.role)
        if task.assignee_id is None:
            services.task_take(user=actor, task=task)
        if task.step.aksi:
            satisfy(task.step.aksi, run)
        if task.step.no in decisions and task.step.no not in answered_tidak:
            answered_tidak.add(task.step.no)
            services.task_complete(user=actor, task=task, keputusan="tidak", alasan="Perlu perbaikan data")
        else:
            services.task_complete(user=actor, task=task, keputusan="ya", catatan=f"Langkah {task.step.no} selesai")
    run.refresh_from_db()
    assert run.status == Run.Status.SELESAI, nomor
    tasks = Task.objects.filter(run=run)
    assert set(tasks.values_list("step__no", flat=True)) == set(revision.steps.values_list("no", flat=True))
    if decisions:
        assert tasks.filter(putaran=2).exists()  # the Tidak loop created a second round, history kept
        assert tasks.filter(keputusan="tidak", alasan="Perlu perbaikan data").count() == len(decisions)


def test_awayan_quarter_measurement_sop_drives_the_quarter_status(demo_data, db, signing_cert):
    revision = SopRevision.objects.get(nomor="067/02/KEC.AWY/VII/2023")
    awayan = revision.sop.kecamatan
    prepare_data(awayan, 2020)
    run = services.run_start(user=person(awayan, "CAMAT"), revision=revision, tahun=2020, triwulan=2)
    from kinerja.models import Triwulan

    statuses = []
    for _ in range(10):
        task = Task.objects.filter(run=run, status=Task.Status.AKTIF).select_related("step").first()
        if task is None:
            break
        actor = person(awayan, task.role)
        if task.assignee_id is None:
            services.task_take(user=actor, task=task)
        if task.step.aksi == "ajukan":
            with pytest.raises(services.WorkflowError, match="belum diisi"):
                services.task_complete(user=actor, task=task)
            fill_quarter(awayan, 2020, 2)
        services.task_complete(user=actor, task=task)
        statuses.append(
            Triwulan.objects.get(kecamatan=awayan, tahun=2020, triwulan=2).status if task.step.aksi else None
        )
    assert [s for s in statuses if s] == ["diajukan", "diverifikasi", "disetujui"]
