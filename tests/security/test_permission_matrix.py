"""The permission matrix, generated from the URL configuration: every URL × every role × own / other
kecamatan × GET / POST, each with its expected status (tests/security/permission_expectations.py).

A world is built once per module: the same objects in Awayan (own kecamatan of the kecamatan roles
and of the Balangan kabupaten roles), Tebing Tinggi (another kecamatan of Balangan) and Muara Uya
(a kecamatan of another kabupaten, Tabalong). Each request runs inside a transaction that is rolled
back, so a permitted POST cannot change what the next cell sees. One test per URL; a failure lists
every wrong cell as "role side METHOD: expected → got".
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from kinerja.models import AnggaranTriwulan, BuktiDukung, Indikator, PerjanjianKinerja, Realisasi, Sasaran
from kinerja.services.triwulan import triwulan_get_or_create
from laporan.models import Report, TandaTanganPihakKedua
from loket import services as loket_services
from sakip.models import PemberianKuasa, Position, Unit
from sakip.roles import Role
from sop.models import SopRevision
from tests.factories import build_org, make_delegation, make_kecamatan, make_unit
from tests.kinerja.data import make_budget, make_pk
from tests.security import permission_expectations as spec
from tests.security import url_classes
from tests.security.test_url_matrix import URLS
from tests.workflow.test_views import make_sop
from workflow import services as workflow_services
from workflow.models import Lampiran

YEAR = 2020
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _objects(kec, *, kabupaten_admin=None) -> dict:
    """One of each object the URLs name, in kecamatan `kec` (a tests.factories.Kecamatan)."""
    people = kec.people
    (indikator,) = make_pk(kec, YEAR, indicators=1)
    # PK berjenjang (issue 14): the Kasi's cascading PK, its indicator supporting the Camat's.
    jabatan_pk = PerjanjianKinerja.objects.create(kecamatan=kec.unit, tahun=YEAR, jabatan=kec.positions[Role.KASI])
    jabatan_sasaran = Sasaran.objects.create(perjanjian=jabatan_pk, urutan=1, uraian="Sasaran Kepala Seksi")
    jabatan_indikator = Indikator.objects.create(
        sasaran=jabatan_sasaran,
        urutan=1,
        uraian="Indikator Kepala Seksi",
        satuan="%",
        target_tahunan=100,
        mendukung=indikator,
    )
    quarter = triwulan_get_or_create(kecamatan=kec.unit, tahun=YEAR, triwulan=1)
    realisasi = Realisasi.objects.create(indikator=indikator, triwulan=1, nilai=3, versi=1)
    bukti = BuktiDukung(
        realisasi=realisasi,
        nama_asli="bukti.pdf",
        jenis_isi="application/pdf",
        ukuran=len(PDF),
        sha256="0" * 64,
        diunggah_oleh=people[Role.PELAKSANA],
    )
    bukti.berkas.save("bukti.pdf", ContentFile(PDF), save=False)
    bukti.save()

    (sub,) = make_budget(kec.unit)
    AnggaranTriwulan.objects.create(sub_kegiatan=sub, triwulan=1, rencana=100)

    draft = make_sop(kec.unit)  # effective: runs need one
    sop_draft = make_sop(kec.unit)
    SopRevision.objects.filter(pk=sop_draft.pk).update(status=SopRevision.Status.DRAFT)
    run = workflow_services.run_start(user=people[Role.CAMAT], revision=draft, tahun=YEAR, triwulan=1)
    first = run.tasks.get()
    workflow_services.task_complete(
        user=people[Role.CAMAT],
        task=first,
        disposisi=workflow_services.DisposisiData(kepada_id=people[Role.KASUBBAG_PERENCANAAN].pk, instruksi="Segera"),
    )
    lampiran = Lampiran(
        task=first,
        kecamatan=kec.unit,
        nama_asli="surat.pdf",
        jenis_isi="application/pdf",
        ukuran=len(PDF),
        diunggah_oleh=people[Role.CAMAT],
    )
    lampiran.berkas.save("surat.pdf", ContentFile(PDF), save=False)
    lampiran.save()
    report = Report.objects.create(
        kind=Report.Kind.TRIWULAN,
        kecamatan=kec.unit,
        tahun=YEAR,
        periode=1,
        dibuat_oleh=people[Role.KASUBBAG_PERENCANAAN],
    )
    # A signed PK whose pihak kedua signature (the scan) is recorded.
    signed_pk = Report.objects.create(
        kind=Report.Kind.PK,
        kecamatan=kec.unit,
        tahun=YEAR,
        status=Report.Status.DITANDATANGANI,
        dibuat_oleh=people[Role.KASUBBAG_PERENCANAAN],
    )
    TandaTanganPihakKedua.objects.create(
        report=signed_pk,
        pindaian=PDF,
        sha256="0" * 64,
        ukuran=len(PDF),
        halaman=1,
        nama="Bupati",
        jabatan="BUPATI",
        tanggal=datetime.date(YEAR, 1, 15),
        dicatat_oleh=people[Role.KASUBBAG_PERENCANAAN],
    )
    # Pengaturan Kabupaten: a unit, a position, a person and a (past, so inactive) delegation of the place.
    delegation = make_delegation(
        kec.positions[Role.CAMAT], people[Role.SEKRETARIS], datetime.date(2020, 1, 1), datetime.date(2020, 1, 7)
    )
    # The front desk: an applicant registered for a service SOP (its first lane is the Pemohon's; the work
    # then waits for the Kabid, so the Pelaksana's inbox stays as the other tests expect it).
    permohonan = loket_services.permohonan_daftar(
        user=people[Role.PELAKSANA],
        revision=make_sop(kec.unit, lanes=("PEMOHON", "KABID", "CAMAT")),
        nama_pemohon="Pemohon Uji",
    )
    # A grant waiting for confirmation: the Pelaksana placed as Camat (asked by the Sekretaris as a record).
    kuasa = PemberianKuasa.objects.create(
        kabupaten=kec.unit.kabupaten,
        jabatan=kec.positions[Role.CAMAT],
        jenis=PemberianKuasa.Jenis.PINDAH_JABATAN,
        pegawai=people[Role.PELAKSANA],
        diminta_oleh=people[Role.SEKRETARIS],
    )
    return {
        "kuasa": kuasa.pk,
        "permohonan": permohonan.pk,
        "kecamatan_id": kec.unit.pk,
        "unit": kec.units["Sekretariat"].pk,
        "position": kec.positions[Role.PELAKSANA].pk,
        "pegawai": people[Role.PELAKSANA].pk,
        "delegation": delegation.pk,
        "tahun": YEAR,
        "triwulan": quarter.triwulan,
        "indikator": indikator.pk,
        "sasaran": indikator.sasaran_id,
        "bukti": bukti.pk,
        "sub": sub.pk,
        "sop": sop_draft.pk,
        "task": run.tasks.get(status="aktif").pk,
        "first_task": first.pk,
        "run": run.pk,
        "lampiran": lampiran.pk,
        "report": report.pk,
        "signed_pk": signed_pk.pk,
        "jabatan": kec.positions[Role.KASI].pk,
        "sasaran_jabatan": jabatan_sasaran.pk,
        "indikator_jabatan": jabatan_indikator.pk,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            org = build_org()
            tabalong = make_unit("Tabalong", Unit.Kind.KABUPATEN)
            muara = make_kecamatan(tabalong, "Muara Uya", "muara")
            people = {role: org.awayan.people[role] for role in org.awayan.people}
            people[Role.ADMIN] = org.admin
            people[Role.EVALUATOR] = org.evaluator
            places = {"awayan": _objects(org.awayan), "tebing": _objects(org.tebing), "muara": _objects(muara)}
            yield {"people": people, "places": places}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


ARGS = {
    "pk": {
        "kinerja:bukti_unduh": "bukti",
        "kinerja:anggaran_ubah": "sub",
        "kinerja:anggaran_hapus": "sub",
        "workflow:task": "task",
        "workflow:task_ambil": "task",
        "workflow:task_selesai": "task",
        "workflow:task_alihkan": "task",
        "workflow:run": "run",
        "workflow:lampiran": "lampiran",
        "workflow:disposisi_pdf": "first_task",
        "pengaturan:unit_ubah": "unit",
        "pengaturan:jabatan_ubah": "position",
        "pengaturan:pegawai_ubah": "pegawai",
        "pengaturan:pegawai_status": "pegawai",
        "pengaturan:pegawai_sandi": "pegawai",
        "pengaturan:delegasi_ubah": "delegation",
        "pengaturan:delegasi_hapus": "delegation",
        "pengaturan:kuasa_setujui": "kuasa",
        "pengaturan:kuasa_tolak": "kuasa",
        "laporan:pihak_kedua_pdf": "signed_pk",
        "loket:tanda_terima": "permohonan",
    },
    "slug": {"kinerja:transition": "ajukan", "sop:revision_action": "efektif", "kinerja:anggaran_tambah": "program"},
}


def url_for(name: str, place: dict) -> str:
    kwargs = {}
    for key, converter in URLS[name].pattern.converters.items():
        if key in ("kecamatan_id", "tahun", "triwulan"):
            kwargs[key] = place[key]
        elif key == "indikator_id":
            kwargs[key] = place["indikator_jabatan" if name.endswith("_jabatan") else "indikator"]
        elif key == "sasaran_id":
            kwargs[key] = place["sasaran_jabatan" if name.endswith("_jabatan") else "sasaran"]
        elif key == "jabatan_id":
            kwargs[key] = place["jabatan"]
        elif key == "pk":
            prefix = name.split(":")[0]
            default = {"sop": "sop", "laporan": "report"}.get(prefix)
            kwargs[key] = place[ARGS["pk"].get(name, default)]
        elif converter.__class__.__name__ == "SlugConverter":
            kwargs[key] = "sub" if key == "jenis" and name != "kinerja:anggaran_tambah" else ARGS["slug"][name]
        else:
            raise AssertionError(f"{name}: no world value for <{key}>; extend tests/security/test_permission_matrix.py")
    return reverse(name, kwargs=kwargs)


def expected(rule: spec.Rule, role: str, side: str, method: str):
    allowed = rule.get if method == "GET" else rule.post
    if allowed is None:
        return (405,)
    if side == "other" and rule.tenant:
        return (404,)
    if role not in rule.see:
        return (404,)
    return rule.ok if role in allowed else (403,)


def _post_data(rule: spec.Rule, place: dict) -> dict:
    data = {}
    for key, value in rule.data.items():
        key = key.format(indikator=place["indikator"], sub=place["sub"])
        data[key] = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf") if value == "PDF" else value
    return data


MATRIX_URLS = sorted(set(URLS) - spec.PUBLIC)


def test_every_url_has_a_rule():
    missing = sorted(set(MATRIX_URLS) - set(spec.RULES))
    assert not missing, f"Classify these URLs in tests/security/permission_expectations.py: {missing}"
    stale = sorted(set(spec.RULES) - set(MATRIX_URLS))
    assert not stale, f"Remove rules of URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", MATRIX_URLS)
def test_permission_matrix(world, db, name):
    rule = spec.RULES.get(name)
    if rule is None:
        pytest.fail(f"{name} has no rule in tests/security/permission_expectations.py")
    wrong = []
    for role, person in world["people"].items():
        kabupaten_role = role in spec.KABUPATEN_ROLES
        sides = {"own": "awayan", "other": "muara" if kabupaten_role else "tebing"}
        for side, place_name in sides.items():
            if side == "other" and not rule.tenant:
                continue
            place = world["places"][place_name]
            url = url_for(name, place) + rule.query
            for method in ("GET", "POST"):
                want = expected(rule, role, side, method)
                client = Client()
                client.force_login(person)
                with transaction.atomic():
                    if method == "GET":
                        response = client.get(url)
                    else:
                        response = client.post(url, _post_data(rule, place))
                    transaction.set_rollback(True)
                if response.status_code not in want:
                    wrong.append(f"{role} {side} {method}: expected {want} → got {response.status_code}")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


def test_the_world_puts_each_object_in_its_own_kecamatan(world, db):
    """Guard against a matrix that passes because 'own' and 'other' point at the same objects."""
    own, other = world["places"]["awayan"], world["places"]["tebing"]
    assert own["kecamatan_id"] != other["kecamatan_id"]
    assert all(own[k] != other[k] for k in ("indikator", "bukti", "sub", "sop", "task", "run", "report"))
    assert Position.objects.filter(kecamatan_id=own["kecamatan_id"]).exists()
    muara = world["places"]["muara"]
    assert (
        Unit.objects.get(pk=muara["kecamatan_id"]).kabupaten_id != Unit.objects.get(pk=own["kecamatan_id"]).kabupaten_id
    )


# The planning chain (renstra, issue 14): each place gets its kabupaten's RPJMD (shared by the kecamatan
# of one kabupaten) and a draft Renstra with a tujuan, a sasaran strategis and an indicator.
_objects_without_renstra = _objects
_url_for_without_renstra = url_for


def _renstra_objects(kec) -> dict:
    from renstra import services as renstra_services
    from renstra.models import Rpjmd, SasaranRpjmd

    rpjmd, created = Rpjmd.objects.get_or_create(
        kabupaten=kec.unit.kabupaten, tahun_awal=2025, defaults={"tahun_akhir": 2029, "visi": "Visi"}
    )
    if created:
        SasaranRpjmd.objects.create(rpjmd=rpjmd, urutan=1, uraian="Sasaran RPJMD")
    kasubbag = kec.people[Role.KASUBBAG_PERENCANAAN]
    renstra = renstra_services.renstra_buat(user=kasubbag, kecamatan=kec.unit, rpjmd=rpjmd)
    tujuan = renstra_services.tujuan_simpan(user=kasubbag, renstra=renstra, uraian="Tujuan")
    sasaran = renstra_services.sasaran_simpan(
        user=kasubbag, renstra=renstra, tujuan=tujuan, sasaran_rpjmd=rpjmd.sasaran.get(), uraian="Sasaran"
    )
    indikator = renstra_services.indikator_simpan(
        user=kasubbag, sasaran=sasaran, data={"uraian": "Indikator", "satuan": "%"}, targets={}
    )
    return {
        "rpjmd": rpjmd.pk,
        "renstra": renstra.pk,
        "tujuan": tujuan.pk,
        "rsasaran": sasaran.pk,
        "rindikator": indikator.pk,
    }


def _objects(kec, **kwargs) -> dict:  # noqa: F811 - extends the world above (append-only shared file)
    return {**_objects_without_renstra(kec, **kwargs), **_renstra_objects(kec)}


def url_for(name: str, place: dict) -> str:  # noqa: F811
    keys = {"rpjmd_id": "rpjmd", "renstra_id": "renstra", "tujuan_id": "tujuan", "rsasaran_id": "rsasaran"}
    keys["rindikator_id"] = "rindikator"
    converters = URLS[name].pattern.converters
    if any(key in keys for key in converters):
        kwargs = {key: place[keys.get(key, key)] for key in converters}
        return reverse(name, kwargs=kwargs)
    return _url_for_without_renstra(name, place)


# The AKIP evaluation (evaluasi, issue 15): each kabupaten gets the LKE criteria set of YEAR; each place a
# self-assessment of YEAR with one uploaded evidence file, and last year's signed evaluation with one open
# follow-up owned by the Kasubbag Perencanaan.
_objects_without_evaluasi = _objects


def _evaluasi_objects(kec) -> dict:
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from evaluasi import kriteria
    from evaluasi.models import BuktiJawaban, Evaluasi, Jawaban, Kriteria, KriteriaSet, TindakLanjut

    kabupaten = kec.unit.kabupaten
    kasubbag = kec.people[Role.KASUBBAG_PERENCANAAN]
    sets = {}
    for tahun in (YEAR - 1, YEAR):
        sets[tahun] = KriteriaSet.objects.filter(kabupaten=kabupaten, tahun=tahun).first() or kriteria.tulis(
            kabupaten=kabupaten, tahun=tahun, data=kriteria.baca_berkas(), oleh=kasubbag
        )
    made = {}
    for tahun, status in ((YEAR - 1, Evaluasi.Status.DITANDATANGANI), (YEAR, Evaluasi.Status.MANDIRI)):
        evaluasi = Evaluasi.objects.create(
            kecamatan=kec.unit, tahun=tahun, kriteria_set=sets[tahun], dibuka_oleh=kasubbag, status=status
        )
        ids = Kriteria.objects.filter(sub__komponen__kriteria_set=sets[tahun]).values_list("pk", flat=True)
        Jawaban.objects.bulk_create(Jawaban(evaluasi=evaluasi, kriteria_id=k, kecamatan_id=kec.unit.pk) for k in ids)
        made[tahun] = evaluasi
    bukti = BuktiJawaban(
        jawaban=made[YEAR].jawaban.first(),
        nama_asli="bukti.pdf",
        jenis_isi="application/pdf",
        ukuran=len(PDF),
        sha256="0" * 64,
        diunggah_oleh=kasubbag,
    )
    bukti.berkas.save("bukti.pdf", ContentFile(PDF), save=False)
    bukti.save()
    item = TindakLanjut.objects.create(
        evaluasi=made[YEAR - 1],
        urutan=1,
        rekomendasi="Rekomendasi uji",
        pemilik=kec.positions[Role.KASUBBAG_PERENCANAAN],
        batas_waktu=timezone.localdate(),
        status=TindakLanjut.Status.TERBUKA,
    )
    return {
        "evaluasi": made[YEAR].pk,
        "evaluasi_bukti": bukti.pk,
        "tindak_lanjut": item.pk,
        "evaluasi_lalu": made[YEAR - 1].pk,
    }


def _objects(kec, **kwargs) -> dict:  # noqa: F811 - extends the world above (append-only shared file)
    return {**_objects_without_evaluasi(kec, **kwargs), **_evaluasi_objects(kec)}


ARGS["pk"].update(
    {
        "evaluasi:mandiri": "evaluasi",
        "evaluasi:penilaian": "evaluasi",
        "evaluasi:hasil": "evaluasi",
        "evaluasi:lhe_pdf": "evaluasi",
        "evaluasi:bukti": "evaluasi_bukti",
        "evaluasi:tindak_lanjut": "tindak_lanjut",
    }
)


# One URL per action (issue 27): the RPJMD's misi, each place's Renstra programme and kegiatan, named in the
# action URLs that change or delete them.
_objects_without_actions = _objects


def _action_objects(kec) -> dict:
    from renstra import services as renstra_services
    from renstra.models import MisiRpjmd, Renstra, SasaranRpjmd

    renstra = Renstra.objects.get(kecamatan=kec.unit, status=Renstra.Status.DRAFT)
    kasubbag = kec.people[Role.KASUBBAG_PERENCANAAN]
    misi = MisiRpjmd.objects.get_or_create(rpjmd=renstra.rpjmd, urutan=1, defaults={"uraian": "Misi"})[0]
    program = renstra_services.program_simpan(
        user=kasubbag,
        renstra=renstra,
        sasaran=renstra.sasaran.get(),
        data={"kode": "7.01.02", "nama": "Program", "indikator": "IKM"},
    )
    kegiatan = renstra_services.kegiatan_simpan(
        user=kasubbag, program=program, data={"kode": "7.01.02.2.01", "nama": "Kegiatan", "indikator": "X"}, pagu={}
    )
    return {
        "misi": misi.pk,
        "sasaran_rpjmd": SasaranRpjmd.objects.get(rpjmd=renstra.rpjmd).pk,
        "program": program.pk,
        "kegiatan": kegiatan.pk,
    }


def _objects(kec, **kwargs) -> dict:  # noqa: F811 - extends the world above (append-only shared file)
    objects = _objects_without_actions(kec, **kwargs)
    return {**objects, **_action_objects(kec)}


_url_for_without_actions = url_for
ACTION_KEYS = {"misi_id": "misi", "sasaran_rpjmd_id": "sasaran_rpjmd", "program_id": "program"}
ACTION_KEYS |= {"kegiatan_id": "kegiatan", "rpjmd_id": "rpjmd"}


def url_for(name: str, place: dict) -> str:  # noqa: F811
    converters = URLS[name].pattern.converters
    if any(key in ACTION_KEYS and key != "rpjmd_id" for key in converters):
        keys = {**ACTION_KEYS, "kecamatan_id": "kecamatan_id"}
        return reverse(name, kwargs={key: place[keys[key]] for key in converters})
    return _url_for_without_actions(name, place)


# One URL per act on an evaluation (issue 27): the acts name the world's evaluation of YEAR; deleting a
# recommendation names last year's signed evaluation and its one recommendation.
ARGS["pk"].update(dict.fromkeys(sorted(url_classes.EVALUASI_ACTIONS), "evaluasi"))
ARGS["pk"]["evaluasi:hasil_rekomendasi_hapus"] = "evaluasi_lalu"
_url_for_without_evaluasi_actions = url_for


def url_for(name: str, place: dict) -> str:  # noqa: F811
    if name == "evaluasi:hasil_rekomendasi_hapus":
        return reverse(name, kwargs={"pk": place["evaluasi_lalu"], "rekomendasi_id": place["tindak_lanjut"]})
    return _url_for_without_evaluasi_actions(name, place)


# One URL per change of an SOP draft (issue 27): the step actions name the world's draft and its step 2.
_url_for_without_sop_actions = url_for


def url_for(name: str, place: dict) -> str:  # noqa: F811
    if "no" in URLS[name].pattern.converters:
        return reverse(name, kwargs={"pk": place["sop"], "no": 2})
    return _url_for_without_sop_actions(name, place)


# One URL per change of the working calendar (issue 27): a regional holiday of the place's kabupaten, deleted by
# its own URL.
_objects_without_libur = _objects


def _objects(kec, **kwargs) -> dict:  # noqa: F811 - extends the world above (append-only shared file)
    from workflow.models import HariLibur, WorkingCalendar

    kalender = WorkingCalendar.objects.get_or_create(kabupaten=kec.unit.kabupaten)[0]
    libur = HariLibur.objects.get_or_create(
        kalender=kalender, tanggal=datetime.date(YEAR, 12, 26), defaults={"nama": "Uji"}
    )[0]
    return {**_objects_without_libur(kec, **kwargs), "libur": libur.pk}


ARGS["pk"]["pengaturan:kalender_libur_hapus"] = "libur"


# The read-only API's tokens (issue 28): one token of the place's kabupaten, revoked by its own URL.
_objects_without_token = _objects


def _objects(kec, **kwargs) -> dict:  # noqa: F811 - extends the world above (append-only shared file)
    import hashlib

    from api.models import TokenApi

    token = TokenApi.objects.create(
        kabupaten=kec.unit.kabupaten,
        nama=f"Uji {kec.unit.nama}",
        awalan="sakip_uji",
        hash=hashlib.sha256(kec.unit.kode.encode()).hexdigest(),
        dibuat_oleh=kec.people[Role.CAMAT],
    )
    return {**_objects_without_token(kec, **kwargs), "token": token.pk}


ARGS["pk"]["api:token_cabut"] = "token"


# The budget from SIPD-RI (issue 28): one previewed upload of the place's kecamatan.
_objects_without_sipd = _objects


def _objects(kec, **kwargs) -> dict:  # noqa: F811 - extends the world above (append-only shared file)
    from kinerja.models import ImporSipd

    impor = ImporSipd.objects.create(
        kecamatan=kec.unit,
        tahun=YEAR,
        jenis=ImporSipd.Jenis.DPA,
        nama_berkas="dpa.csv",
        isi=b"Kode;Uraian;Pagu\n",
        sidik="0" * 64,
        diunggah_oleh=kec.people[Role.KASUBBAG_PERENCANAAN],
    )
    return {**_objects_without_sipd(kec, **kwargs), "impor_sipd": impor.pk}


for _name in ("sipd_pratinjau", "sipd_terapkan", "sipd_batal"):
    ARGS["pk"][f"kinerja:{_name}"] = "impor_sipd"
