"""The evaluation's operations: criteria sets, opening, self-assessment, scoring, returning one answer."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404

from evaluasi import kriteria, selectors, services
from evaluasi.models import Evaluasi, Jawaban, Kriteria, KriteriaSet
from evaluasi.services import EvaluasiError
from sakip.roles import Role
from tests.evaluasi.conftest import isi_semua

pytestmark = pytest.mark.django_db


def test_the_administrator_loads_the_criteria_set_with_eighty_criteria(org, kset):
    assert kset.kabupaten == org.kabupaten
    assert Kriteria.objects.filter(sub__komponen__kriteria_set=kset).count() == 80
    assert [k.bobot for k in kset.komponen.order_by("urutan")] == [30, 30, 15, 25]


def test_only_the_kabupaten_administrator_loads_a_set(org):
    for person in (org.evaluator, org.person("awayan", Role.CAMAT)):
        with pytest.raises(PermissionDenied):
            services.kriteria_set_muat(user=person, kabupaten=org.kabupaten, tahun=2026, data=kriteria.baca_berkas())


def test_a_set_in_use_is_not_replaced_but_an_unused_one_is(org, kset):
    replaced = services.kriteria_set_muat(
        user=org.admin, kabupaten=org.kabupaten, tahun=2025, data=kriteria.baca_berkas()
    )
    assert KriteriaSet.objects.filter(tahun=2025).count() == 1 and replaced.pk != kset.pk
    services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2025)
    with pytest.raises(EvaluasiError, match="telah dipakai"):
        services.kriteria_set_muat(user=org.admin, kabupaten=org.kabupaten, tahun=2025, data=kriteria.baca_berkas())


def test_the_management_command_loads_a_year_as_the_administrator(org, capsys):
    call_command("muat_kriteria_lke", kabupaten=org.kabupaten.kode, tahun=2027, oleh=org.admin.username)
    assert KriteriaSet.objects.filter(kabupaten=org.kabupaten, tahun=2027).exists()
    assert "80 kriteria" in capsys.readouterr().out


def test_opening_creates_one_answer_per_criterion_and_only_once(org, evaluasi):
    assert evaluasi.status == Evaluasi.Status.MANDIRI
    assert Jawaban.objects.filter(evaluasi=evaluasi).count() == 80
    with pytest.raises(EvaluasiError, match="sudah dibuka"):
        services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2025)


def test_opening_needs_the_year_set_and_an_evaluator_or_administrator(org, kset):
    with pytest.raises(EvaluasiError, match="belum dimuat"):
        services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2030)
    with pytest.raises(PermissionDenied):
        services.evaluasi_buka(user=org.person("awayan", Role.CAMAT), kecamatan=org.awayan.unit, tahun=2025)
    assert services.evaluasi_buka(user=org.admin, kecamatan=org.tebing.unit, tahun=2025)


@pytest.mark.parametrize("role", [Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS, Role.CAMAT])
def test_the_kecamatan_fills_its_self_assessment(org, evaluasi, role):
    assert isi_semua(evaluasi, user=org.person("awayan", role)) == 80
    hasil = selectors.hasil(evaluasi, versi="mandiri")
    assert hasil.total == 100 and hasil.predikat == "AA"


@pytest.mark.parametrize("role", [Role.PELAKSANA, Role.KASI, Role.KASUBBAG_UMUM])
def test_other_kecamatan_roles_do_not_fill_it(org, evaluasi, role):
    with pytest.raises(PermissionDenied):
        isi_semua(evaluasi, user=org.person("awayan", role))


def test_another_kecamatan_and_the_evaluator_do_not_fill_it(org, evaluasi):
    for person in (org.person("tebing", Role.CAMAT), org.evaluator):
        with pytest.raises(PermissionDenied):
            isi_semua(evaluasi, user=person)


def test_an_answer_outside_the_scale_is_refused_naming_the_criterion_and_nothing_is_saved(org, evaluasi):
    rows = list(
        Jawaban.objects.filter(evaluasi=evaluasi).select_related("kriteria__sub").order_by("kriteria__sub__urutan")
    )
    yt = next(j for j in rows if j.kriteria.jenis_jawaban == "YT")
    ae = next(j for j in rows if j.kriteria.jenis_jawaban == "AE")
    with pytest.raises(EvaluasiError) as refused:
        services.jawaban_mandiri_simpan(
            user=org.person("awayan", Role.CAMAT),
            evaluasi=evaluasi,
            isian={ae.pk: {"jawaban": "B"}, yt.pk: {"jawaban": "B"}},
        )
    assert f"jawaban_{yt.pk}" in refused.value.errors
    assert not Jawaban.objects.filter(evaluasi=evaluasi).exclude(mandiri="").exists()


def test_a_link_must_be_a_full_http_address(org, evaluasi):
    row = Jawaban.objects.filter(evaluasi=evaluasi).first()
    with pytest.raises(EvaluasiError, match="Tautan"):
        services.jawaban_mandiri_simpan(
            user=org.person("awayan", Role.CAMAT),
            evaluasi=evaluasi,
            isian={row.pk: {"jawaban": "", "tautan": "javascript:alert(1)"}},
        )


def test_submitting_needs_every_criterion_answered_then_the_kecamatan_may_not_change_answers(org, evaluasi):
    camat = org.person("awayan", Role.CAMAT)
    with pytest.raises(EvaluasiError, match="80 kriteria belum dijawab"):
        services.mandiri_ajukan(user=camat, evaluasi=evaluasi)
    isi_semua(evaluasi, user=camat)
    services.mandiri_ajukan(user=camat, evaluasi=evaluasi)
    evaluasi.refresh_from_db()
    assert evaluasi.status == Evaluasi.Status.DINILAI
    with pytest.raises(EvaluasiError, match="hanya jawaban yang dikembalikan"):
        isi_semua(evaluasi, user=camat, skala="C")


def test_the_evaluator_scores_only_after_submission_and_both_versions_are_kept(org, evaluasi):
    with pytest.raises(EvaluasiError, match="belum mengajukan"):
        isi_semua(evaluasi, user=org.evaluator, versi="evaluator")
    isi_semua(evaluasi, user=org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    services.mandiri_ajukan(user=org.person("awayan", Role.CAMAT), evaluasi=evaluasi)
    isi_semua(evaluasi, user=org.evaluator, versi="evaluator", skala="C")
    assert selectors.hasil(evaluasi, versi="mandiri").total == 100
    # Keberadaan all Y (20), kualitas C except the Y/T criteria 1.b.1-2 (15,82), pemanfaatan C (25): 60,82 > 60.
    evaluator = selectors.hasil(evaluasi, versi="evaluator")
    assert (evaluator.total, evaluator.predikat) == (Decimal("60.82"), "B")
    row = Jawaban.objects.filter(evaluasi=evaluasi, kriteria__jenis_jawaban="AE").first()
    assert (row.mandiri, row.evaluator) == ("A", "C")


def test_an_evaluator_of_another_kabupaten_and_the_administrator_do_not_score(org, dinilai):
    with pytest.raises(PermissionDenied):
        isi_semua(dinilai, user=org.admin, versi="evaluator")


def test_returning_one_answer_records_the_reason_and_the_kecamatan_answers_it_again(org, dinilai):
    row = Jawaban.objects.filter(evaluasi=dinilai, kriteria__jenis_jawaban="AE").first()
    with pytest.raises(EvaluasiError, match="Alasan"):
        services.jawaban_kembalikan(user=org.evaluator, jawaban=row, alasan="  ")
    services.jawaban_kembalikan(user=org.evaluator, jawaban=row, alasan="Bukti rapat monev tidak dilampirkan.")
    row.refresh_from_db()
    assert row.dikembalikan and row.alasan_kembali == "Bukti rapat monev tidak dilampirkan."
    assert row.dikembalikan_oleh == org.evaluator
    assert "Dikembalikan: Bukti rapat monev" in row.history.first().history_change_reason
    assert services.alasan_belum_dapat_disusun(dinilai) == [
        "1 jawaban dikembalikan dan belum dijawab kembali oleh kecamatan.",
        "Temuan belum ditulis.",
        "Belum ada rekomendasi.",
    ]
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    services.jawaban_mandiri_simpan(
        user=kasubbag, evaluasi=dinilai, isian={row.pk: {"jawaban": "B", "catatan": "Notulen rapat dilampirkan."}}
    )
    row.refresh_from_db()
    assert not row.dikembalikan and row.mandiri == "B" and row.alasan_kembali  # the reason stays recorded


def test_kecamatan_users_see_only_their_own_evaluation(org, evaluasi):
    other = services.evaluasi_buka(user=org.evaluator, kecamatan=org.tebing.unit, tahun=2025)
    camat = org.person("awayan", Role.CAMAT)
    assert selectors.get_or_404(camat, evaluasi.pk) == evaluasi
    with pytest.raises(Http404):
        selectors.get_or_404(camat, other.pk)
    assert {e.pk for e in selectors.visible(org.evaluator)} == {evaluasi.pk, other.pk}
