import pytest

from laporan.models import Report
from laporan.services import buat_laporan, tandatangani
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from workflow.actions import ActionContext, get

pytestmark = pytest.mark.django_db


def ctx(org, triwulan):
    return ActionContext(kecamatan_id=org.awayan.unit.pk, tahun=2025, triwulan=triwulan, user=org.admin)


def test_susun_laporan_blocks_until_a_draft_of_the_period_exists(org, make_report):
    action = get("susun_laporan")
    assert "belum dibuat" in action.blocker(ctx(org, 2))
    report = make_report(periode=2, submitted=False)
    assert action.blocker(ctx(org, 2)) is None
    assert action.url(ctx(org, 2)) == f"/laporan/{report.pk}/"
    assert action.blocker(ctx(org, 3)) is not None
    assert "LKIP" in action.blocker(ctx(org, None))


def test_tandatangani_blocks_until_the_report_is_signed(org, make_report):
    action = get("tandatangani")
    report = make_report(periode=2)
    assert "belum ditandatangani" in action.blocker(ctx(org, 2))
    tandatangani(alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD)
    assert action.blocker(ctx(org, 2)) is None


def test_laporan_is_in_the_navigation_for_kecamatan_and_kabupaten_roles(org, client_for):
    for person in (org.person("awayan", Role.KASI), org.evaluator):
        page = client_for(person).get("/beranda/").content.decode()
        assert 'href="/laporan/"' in page


def test_beranda_shows_reports_waiting_for_the_camat(org, client_for, make_report):
    report = make_report()
    page = client_for(org.person("awayan", Role.CAMAT)).get("/beranda/").content.decode()
    assert "Laporan menunggu tanda tangan Anda" in page and report.judul in page
    other = client_for(org.person("tebing", Role.CAMAT)).get("/beranda/").content.decode()
    assert "Laporan menunggu tanda tangan Anda" not in other


def test_index_lists_own_reports_and_only_signed_ones_for_the_evaluator(org, client_for, make_report):
    draft = make_report(submitted=False)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    assert draft.judul in client_for(kasubbag).get("/laporan/").content.decode()
    assert draft.judul not in client_for(org.evaluator).get("/laporan/").content.decode()
    tebing = client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN)).get("/laporan/").content.decode()
    assert "Belum ada laporan" in tebing


def test_kasi_cannot_create_a_report(org, client_for):
    response = client_for(org.person("awayan", Role.KASI)).post(
        "/laporan/", {"kind": "triwulan", "tahun": 2025, "periode": 1}
    )
    assert response.status_code == 403
    assert not Report.objects.exists()
    with pytest.raises(Exception, match="berwenang"):
        buat_laporan(user=org.person("awayan", Role.KASI), kecamatan=org.awayan.unit, kind="lkip", tahun=2025)


def test_demo_loader_creates_a_certificate_only_in_debug(settings, signing_cert, monkeypatch, tmp_path):
    from laporan import demo, signing

    monkeypatch.setenv("SIGNING_KEY_PATH", str(tmp_path / "demo" / "k.pem"))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(tmp_path / "demo" / "c.pem"))
    settings.DEBUG = False
    demo.load_certificate()
    assert not signing.cert_path().exists()
    settings.DEBUG = True
    assert "dibuat" in demo.load_certificate()
    assert signing.cert_path().exists()
    assert "sudah ada" in demo.load_certificate()
